import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, type ReadStream } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Busboy, type BusboyFileStream, type BusboyHeaders, type BusboyInstance } from '@fastify/busboy';
import { ValidationError, tooLargeMessage } from '@roster/schema/shared/errors';
import { type FileUpload, Upload } from 'graphql-upload-minimal';
import { PAGE_INFO } from './contacts.routes';
import { RestError, type UnionResult, failureFields, missingField, unwrap } from './errors';
import { type Connection, collectPage, idOf, lower, pageRequest, pgTimestamp, topicSubscription, upper } from './format';
import { createHasher, hashFields } from './idempotency';
import { IdempotentReplay, type Route, type RouteRequest, type RouteResponse } from './router';

interface ImportNode {
  id: string;
  status: string;
  createdAt: string;
  completedAt: string | null;
  counts: { total: number; created: number; updated: number; skipped: number; failed: number };
}

const IMPORT_FIELDS = 'id status createdAt completedAt counts { total created updated skipped failed }';

const Imports = `query RestContactImports($first: Int, $after: String, $before: String, $status: ContactImportStatus) {
  contactImports(first: $first, after: $after, before: $before, status: $status) { edges { node { ${IMPORT_FIELDS} } } ${PAGE_INFO} }
}`;
const GetImport = `query RestContactImport($id: ID!) { contactImport(id: $id) { ${IMPORT_FIELDS} } }`;
const ImportContacts = `mutation RestImportContacts($file: Upload!, $columnMap: ContactImportColumnMapInput, $onConflict: ContactImportConflict, $segments: [ID!], $topics: [ContactImportTopicInput!]) {
  importContacts(file: $file, columnMap: $columnMap, onConflict: $onConflict, segments: $segments, topics: $topics) { ${failureFields('ValidationError')} ... on ContactImport { id } }
}`;

const shape = (i: ImportNode) => ({
  object: 'contact_import',
  id: i.id,
  status: lower(i.status),
  created_at: pgTimestamp(i.createdAt),
  completed_at: pgTimestamp(i.completedAt),
  counts: i.counts,
});

export const importRoutes: Route[] = [
  {
    method: 'POST',
    path: '/contacts/imports',
    rawBody: true,
    idempotent: true,
    handle: createContactImport,
  },
  {
    method: 'GET',
    path: '/contacts/imports',
    async handle(request) {
      const page = pageRequest(request.query, 10);
      const status = request.query.get('status') || undefined;
      const body = await collectPage(
        page,
        async (args) => (await request.run<{ contactImports: Connection<ImportNode> }>(Imports, { ...args, status: upper(status) })).contactImports,
        shape,
      );
      return { status: 200, body };
    },
  },
  {
    method: 'GET',
    path: '/contacts/imports/:import',
    async handle(request) {
      const data = await request.run<{ contactImport: ImportNode | null }>(GetImport, { id: request.params.import });
      if (!data.contactImport) throw new RestError(404, 'not_found', 'Contact import not found');
      return { status: 200, body: shape(data.contactImport) };
    },
  },
];

// ------------------------------------------------------------------ POST /contacts/imports

/** The form fields besides `file`, as the SDK names them; any other field is ignored. */
const OPTION_FIELDS = ['column_map', 'on_conflict', 'segments', 'topics'] as const;
type OptionField = (typeof OPTION_FIELDS)[number];
const isOptionField = (name: string): name is OptionField => (OPTION_FIELDS as readonly string[]).includes(name);

// Multipart framing around the file is small; a declared body beyond the limit plus this is refused unread.
const MULTIPART_OVERHEAD = 1024 * 1024;
const MAX_FIELD_BYTES = 1024 * 1024;

const tooLarge = (maxBytes: number) => new RestError(413, 'payload_too_large', tooLargeMessage(maxBytes));
const invalid = (field: string, message: string) => new RestError(422, 'validation_error', `Invalid \`${field}\`: ${message}`);
const malformed = (error: unknown) => new RestError(400, 'validation_error', `The multipart body is malformed: ${error instanceof Error ? error.message : String(error)}`);
// What a streaming import's file fails with when this request withdraws it: a domain error, so the
// GraphQL layer rolls the import back quietly (the request answers with its own reason).
const withdrawn = () => ValidationError.of(['file'], 'The upload was withdrawn');
const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

function parseJsonField(field: OptionField, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw invalid(field, 'not valid JSON.');
  }
}

/** Resend's snake_case `column_map` -> ContactImportColumnMapInput; values are left for GraphQL to check. */
function columnMapInput(value: unknown): Record<string, unknown> | null {
  if (value === null) return null;
  if (!isRecord(value)) throw invalid('column_map', 'expected a JSON object.');
  const input: Record<string, unknown> = {};
  const names = { email: 'email', first_name: 'firstName', last_name: 'lastName', unsubscribed: 'unsubscribed' } as const;
  // A key given as null stays null ("do not import this field"); a key left out is matched by header name.
  for (const [rest, graphql] of Object.entries(names)) if (value[rest] !== undefined) input[graphql] = value[rest];
  const { properties } = value;
  if (properties !== undefined && properties !== null) {
    if (!isRecord(properties)) throw invalid('column_map.properties', 'expected an object of {column, type} by property key.');
    input.properties = Object.entries(properties).map(([key, target]) => {
      if (!isRecord(target)) throw invalid(`column_map.properties.${key}`, 'expected {column, type}.');
      return { key, column: target.column, ...(target.type === undefined ? {} : { type: upper(target.type) }) };
    });
  }
  return input;
}

function listField(field: 'segments' | 'topics', text: string): unknown[] {
  const value = parseJsonField(field, text);
  if (!Array.isArray(value)) throw invalid(field, field === 'segments' ? 'expected a JSON array of {id}.' : 'expected a JSON array of {id, subscription}.');
  return value;
}

/** The importContacts variables for the form's option fields (an empty field counts as absent). */
function importVariables(fields: Partial<Record<OptionField, string>>): Record<string, unknown> {
  const variables: Record<string, unknown> = {};
  if (fields.column_map?.trim()) variables.columnMap = columnMapInput(parseJsonField('column_map', fields.column_map));
  const onConflict = fields.on_conflict?.trim();
  if (onConflict) {
    if (onConflict !== 'upsert' && onConflict !== 'skip') throw invalid('on_conflict', 'expected "upsert" or "skip".');
    variables.onConflict = upper(onConflict);
  }
  if (fields.segments?.trim()) variables.segments = listField('segments', fields.segments).map(idOf);
  if (fields.topics?.trim()) variables.topics = listField('topics', fields.topics).map(topicSubscription);
  return variables;
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => {});
  return { promise, resolve, reject };
}

/** Passes the file through, but holds its end until `gate` settles: the import must not commit before the form is known whole. */
class HeldEnd extends Transform {
  constructor(private readonly gate: Promise<void>) {
    super();
  }
  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    callback(null, chunk);
  }
  override _flush(callback: TransformCallback): void {
    this.gate.then(() => callback(), callback);
  }
}

/** An in-process graphql-upload-minimal Upload: what the Upload scalar accepts as a variable. */
function uploadOf(filename: string, mimetype: string, open: () => Readable): Upload {
  const upload = new Upload() as Upload & { resolve(file: FileUpload): void };
  upload.resolve({ filename, fieldName: 'file', mimetype, encoding: '7bit', createReadStream: open as () => ReadStream });
  return upload;
}

/**
 * One `POST /contacts/imports`: its multipart form read as it streams (busboy, with back-pressure),
 * then the importContacts mutation with an in-process Upload. The SDK sends the `file` part before
 * `column_map`, `on_conflict`, `segments` and `topics`, so a file that comes first is spooled to a
 * temporary file (deleted afterwards) and imported once the whole form is read. A file that comes
 * after options (a hand-written form, `curl -F column_map=... -F file=@x.csv`) streams straight
 * into the import, which holds its commit until the form has ended; an option after such a file
 * is refused. Memory stays flat either way. The file is hashed as it streams, for Idempotency-Key.
 */
class ImportForm {
  private readonly fields: Partial<Record<OptionField, string>> = {};
  private readonly form = deferred<void>();
  private failure: unknown = null;
  private boy: BusboyInstance | null = null;
  private file: { name: string; mimeType: string; source: BusboyFileStream; digest: () => string } | null = null;
  private spool: { path: string; written: Promise<void>; readers: Set<ReadStream> } | null = null;
  private direct: { held: HeldEnd; gate: ReturnType<typeof deferred<void>>; result: Promise<RouteResponse>; late: OptionField | null } | null = null;

  constructor(private readonly request: RouteRequest) {}

  private get maxBytes(): number {
    return this.request.maxImportBytes;
  }

  /** The first failure wins; it ends the wait for the form. */
  private fail(error: unknown): void {
    if (this.failure !== null) return;
    this.failure = error;
    this.form.reject(error);
  }

  async run(): Promise<RouteResponse> {
    const req = this.request.raw;
    try {
      this.boy = Busboy({
        headers: req.headers as BusboyHeaders,
        // `file` is the file even without a filename (the SDK sends a Buffer so), and so streams.
        isPartAFile: (name) => name === 'file',
        limits: { fieldSize: MAX_FIELD_BYTES, fields: 20, parts: 30, headerPairs: 100 },
      });
    } catch {
      throw new RestError(422, 'validation_error', 'Send the CSV as multipart/form-data with a `file` part.');
    }
    const boy = this.boy;
    boy.on('field', (name, value, _nameTruncated, valueTruncated) => this.onField(name, value, valueTruncated));
    boy.on('file', (_name, source, filename, _encoding, mimeType) => this.onFile(source, filename, mimeType));
    boy.on('finish', () => this.form.resolve());
    boy.on('error', (error) => this.fail(malformed(error)));
    for (const limit of ['partsLimit', 'fieldsLimit'] as const) boy.on(limit, () => this.fail(new RestError(422, 'validation_error', 'The form has too many fields.')));
    req.on('error', (error) => this.fail(error));
    req.on('close', () => {
      if (!req.readableEnded) this.fail(new RestError(400, 'validation_error', 'The request ended before its form did.'));
    });
    req.pipe(boy);

    await this.form.promise;
    await this.spool?.written;
    if (this.failure !== null) throw this.failure;
    if (!this.file) throw missingField('file');
    const hash = hashFields({ ...this.fields, file: this.file.digest() });

    const { direct } = this;
    if (direct) {
      try {
        if (direct.late) throw invalid(direct.late, 'send every option before the file part, or all of them after it.');
        this.request.bodyHashed(hash);
      } catch (error) {
        // The import read the file but has not committed: this makes it roll back.
        direct.gate.reject(withdrawn());
        await direct.result.catch(() => {});
        throw error;
      }
      direct.gate.resolve();
      return direct.result;
    }

    this.request.bodyHashed(hash);
    const spool = this.spool!;
    const upload = uploadOf(this.file.name, this.file.mimeType, () => {
      const reader = createReadStream(spool.path, { highWaterMark: 256 * 1024 });
      spool.readers.add(reader);
      return reader;
    });
    return this.execute(upload, importVariables(this.fields));
  }

  private onField(name: string, value: string, truncated: boolean): void {
    if (!isOptionField(name)) return;
    if (truncated) {
      this.fail(invalid(name, `longer than ${MAX_FIELD_BYTES} bytes.`));
      return;
    }
    if (this.direct) this.direct.late ??= name;
    this.fields[name] = value;
  }

  private onFile(source: BusboyFileStream, filename: string | undefined, mimeType: string): void {
    if (this.file || this.failure !== null) {
      source.resume();
      this.fail(new RestError(422, 'validation_error', 'Send one `file` per import.'));
      return;
    }
    const hasher = createHasher();
    let bytes = 0;
    // Counted and hashed as busboy hands the file over, before it is written anywhere.
    source.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > this.maxBytes) source.destroy(tooLarge(this.maxBytes));
      else hasher.update(chunk);
    });
    // Our own 413, or the parser's complaint about the part (a body cut off mid-file).
    source.on('error', (error) => this.fail(error instanceof RestError ? error : malformed(error)));
    this.file = { name: filename ?? '', mimeType, source, digest: () => hasher.digest() };

    if (Object.keys(this.fields).length === 0) {
      const path = join(tmpdir(), `roster-import-${randomUUID()}.csv`);
      const written = pipeline(source, createWriteStream(path, { flags: 'wx', mode: 0o600 }));
      written.catch((error: unknown) => this.fail(error));
      this.spool = { path, written, readers: new Set() };
      return;
    }

    let variables: Record<string, unknown>;
    try {
      variables = importVariables(this.fields);
    } catch (error) {
      source.resume();
      this.fail(error);
      return;
    }
    const gate = deferred<void>();
    const held = new HeldEnd(gate.promise);
    // The import's reader sees the error too; this keeps one raised before it reads from being uncaught.
    held.on('error', () => {});
    source.on('error', () => held.destroy(withdrawn()));
    source.pipe(held);
    const result = this.execute(
      uploadOf(this.file.name, mimeType, () => held),
      variables,
    );
    // An import that fails before the form ends (it stops reading) fails the request at once.
    result.catch((error: unknown) => this.fail(error));
    this.direct = { held, gate, result, late: null };
  }

  private async execute(upload: Upload, variables: Record<string, unknown>): Promise<RouteResponse> {
    const data = await this.request.run<{ importContacts: UnionResult<{ id: string }> }>(ImportContacts, { ...variables, file: upload });
    const { id } = unwrap(data.importContacts);
    return { status: 201, body: { object: 'contact_import', id } };
  }

  /**
   * After a failure: stop parsing. The rest of the body is drained, so the client can read the
   * answer; only a 413 without a declared length (so unbounded) is left unread and its connection closed.
   */
  async abandon(error: unknown): Promise<void> {
    const req = this.request.raw;
    if (this.boy) req.unpipe(this.boy);
    if (req.readableEnded || error instanceof IdempotentReplay) return;
    const declared = req.headers['content-length'] !== undefined;
    if (error instanceof RestError && error.status === 413) {
      if (!declared) {
        req.pause();
        return;
      }
      // Bounded: the declared length was checked against the limit before anything was read.
      await new Promise<void>((resolve) => {
        req.on('end', resolve).on('close', resolve).resume();
      });
      return;
    }
    req.resume();
  }

  /** Stops the import if it still runs, then deletes the temporary file. */
  async dispose(): Promise<void> {
    if (this.file) this.file.source.destroy();
    if (this.direct) {
      this.direct.held.destroy(withdrawn());
      await this.direct.result.catch(() => {});
    }
    if (this.spool) {
      for (const reader of this.spool.readers) reader.destroy();
      await this.spool.written.catch(() => {});
      await unlink(this.spool.path).catch(() => {});
    }
  }
}

async function createContactImport(request: RouteRequest): Promise<RouteResponse> {
  const declared = Number(request.raw.headers['content-length']);
  if (Number.isFinite(declared) && declared > request.maxImportBytes + MULTIPART_OVERHEAD) throw tooLarge(request.maxImportBytes);
  const form = new ImportForm(request);
  try {
    return await form.run();
  } catch (error) {
    await form.abandon(error);
    throw error;
  } finally {
    await form.dispose();
  }
}
