import { print } from 'graphql';
import { apiHeaders } from '../client';
import { type ImportContactsMutation, ImportContactsDocument, type ImportContactsMutationVariables } from './ImportWizardPage.generated';

// The upload goes through XMLHttpRequest rather than urql: only XHR reports upload progress. The
// body follows the GraphQL multipart request spec (operations, map, then the file part), with the
// same bearer key and CSRF header as every other request.

export type UploadVariables = Omit<ImportContactsMutationVariables, 'file'>;

export type UploadOutcome =
  | { kind: 'created'; id: string }
  | { kind: 'invalid'; message: string; issues: { path: string[]; message: string }[] }
  | { kind: 'tooLarge'; message: string }
  | { kind: 'failed'; message: string };

/** The multipart body: the file is `null` in the variables and mapped to the part named "0". */
export function importForm(variables: UploadVariables, file: Blob, fileName: string): FormData {
  const form = new FormData();
  form.set('operations', JSON.stringify({ query: print(ImportContactsDocument), operationName: 'ImportContacts', variables: { ...variables, file: null } }));
  form.set('map', JSON.stringify({ 0: ['variables.file'] }));
  form.set('0', file, fileName);
  return form;
}

interface Answer {
  data?: ImportContactsMutation | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** What the server's answer means for the wizard. */
export function readAnswer(status: number, text: string): UploadOutcome {
  let body: Answer | null = null;
  try {
    body = JSON.parse(text) as Answer;
  } catch {
    body = null;
  }
  const error = body?.errors?.[0];
  if (status === 413 || error?.extensions?.code === 'PAYLOAD_TOO_LARGE') {
    return { kind: 'tooLarge', message: error?.message ?? 'The file is larger than the server accepts.' };
  }
  const result = body?.data?.importContacts;
  if (result?.__typename === 'ContactImport') return { kind: 'created', id: result.id };
  if (result?.__typename === 'ValidationError') return { kind: 'invalid', message: result.message, issues: result.issues.map((i) => ({ path: [...i.path], message: i.message })) };
  if (status === 401 || status === 403) return { kind: 'failed', message: error?.message ?? 'The API key was refused; sign in again.' };
  return { kind: 'failed', message: error?.message ?? `The upload failed (HTTP ${status || 'no answer'}). Check the connection and try again.` };
}

/** The wizard's steps, in order. */
export type Step = 'file' | 'mapping' | 'options' | 'review';

/** Which step a server issue concerns, from the first segment of its path. */
export function stepOf(path: readonly string[]): Step {
  if (path[0] === 'file') return 'file';
  if (path[0] === 'columnMap') return 'mapping';
  if (path[0] === 'segments' || path[0] === 'topics' || path[0] === 'onConflict') return 'options';
  return 'review';
}

export interface UploadHandle {
  done: Promise<UploadOutcome>;
  abort(): void;
}

/** Sends the file; `onProgress` gets bytes sent and the body's total as they go. */
export function uploadImport(apiKey: string, variables: UploadVariables, file: File, onProgress: (sent: number, total: number) => void): UploadHandle {
  const xhr = new XMLHttpRequest();
  const done = new Promise<UploadOutcome>((resolve) => {
    xhr.open('POST', '/graphql');
    for (const [name, value] of Object.entries(apiHeaders(apiKey))) xhr.setRequestHeader(name, value);
    xhr.setRequestHeader('accept', 'application/graphql-response+json, application/json');
    xhr.upload.onprogress = (event) => onProgress(event.loaded, event.lengthComputable ? event.total : file.size);
    xhr.onload = () => resolve(readAnswer(xhr.status, xhr.responseText));
    xhr.onerror = () => resolve({ kind: 'failed', message: 'The upload was interrupted: the server could not be reached. Check the connection and try again.' });
    xhr.onabort = () => resolve({ kind: 'failed', message: 'Upload cancelled.' });
    xhr.send(importForm(variables, file, file.name));
  });
  return { done, abort: () => xhr.abort() };
}
