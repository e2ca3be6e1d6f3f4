import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';

// The HTTP client of the CLI and the MCP server: GraphQL over JSON, the multipart upload, the
// importProgress subscription over SSE, and the CSV downloads. Every failure becomes a RosterError
// whose message says what went wrong and what to do; callers print it, never a stack.

/** A GraphQL document with the types codegen generated for it (types only: the CLI runs without codegen). */
export type Document<Result, Variables> = string & { readonly __types?: (variables: Variables) => Result };

export function operation<Result, Variables>(source: string): Document<Result, Variables> {
  return source as Document<Result, Variables>;
}

export interface Issue {
  path: string[];
  message: string;
}

export type RosterErrorKind = 'auth' | 'unreachable' | 'not_roster' | 'validation' | 'not_found' | 'server' | 'usage';

export class RosterError extends Error {
  override name = 'RosterError';
  constructor(
    message: string,
    readonly kind: RosterErrorKind,
    readonly issues: Issue[] = [],
  ) {
    super(message);
  }
}

/** A refused or invalid input, listing each issue with its path (the CLI's own checks use it too). */
export function validationError(issues: Issue[], heading = 'The server refused the input:'): RosterError {
  const lines = issues.map((issue) => `  ${issue.path.join('.') || 'input'}: ${issue.message}`);
  return new RosterError([heading, ...lines].join('\n'), 'validation', issues);
}

export function usageError(message: string): RosterError {
  return new RosterError(message, 'usage');
}

/** The local server `pnpm start` runs with env.ts's defaults (HOST 127.0.0.1, PORT 3000). */
export const DEFAULT_URL = 'http://127.0.0.1:3000';

/** What every typed union result may be besides its success type. */
interface ErrorMembers {
  __typename?: string;
  message?: string;
  issues?: Issue[];
}

/**
 * The success member of a result union (`Contact | ValidationError | NotFoundError`); the error
 * members become a RosterError listing the issues with their paths.
 */
export function unwrap<T extends { __typename?: string }, N extends string>(result: T, typename: N): Extract<T, { __typename?: N }> {
  if (result.__typename === typename) return result as Extract<T, { __typename?: N }>;
  const failure = result as ErrorMembers;
  if (failure.__typename === 'ValidationError') return throwError(validationError(failure.issues ?? [{ path: [], message: failure.message ?? 'Invalid input' }]));
  if (failure.__typename === 'NotFoundError') return throwError(new RosterError(`${failure.message ?? 'Not found'}.`, 'not_found'));
  return throwError(new RosterError(failure.message ?? `Unexpected answer from the server (${failure.__typename ?? 'no type'})`, 'server'));
}

function throwError(error: RosterError): never {
  throw error;
}

interface GraphQLBody<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string; issues?: { path: (string | number)[]; message: string }[] } }[];
}

const AUTH_HINTS: Record<string, string> = {
  missing_api_key: 'Pass --key or set ROSTER_API_KEY (`pnpm roster keys create --team NAME` makes one).',
  invalid_api_key: 'Check --key or ROSTER_API_KEY.',
  restricted_api_key: 'This key may only send emails; use a full-access key.',
  service_unavailable: 'The server cannot check keys right now (its database is down?); try again shortly.',
};

/** A file or text to upload, read as a stream of chunks. */
export interface UploadSource {
  name: string;
  size: number;
  chunks(): AsyncIterable<Uint8Array>;
}

export interface Connection {
  url: string;
  key: string | undefined;
}

export class RosterClient {
  readonly url: string;
  private readonly key: string;

  constructor({ url, key }: Connection) {
    this.url = url.replace(/\/+$/, '');
    if (!key) throw new RosterError(`No API key. ${AUTH_HINTS.missing_api_key}`, 'auth');
    this.key = key;
  }

  private get auth(): Record<string, string> {
    return { authorization: `Bearer ${this.key}` };
  }

  /** Runs a query or mutation; returns `data`, or throws a RosterError for any error. */
  async request<Result, Variables>(document: Document<Result, Variables>, variables: Variables, signal?: AbortSignal): Promise<Result> {
    const response = await this.fetch('/graphql', {
      method: 'POST',
      headers: { ...this.auth, 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query: document, variables }),
      signal: signal ?? AbortSignal.timeout(120_000),
    });
    return this.result<Result>(response);
  }

  /**
   * A GraphQL multipart request (the spec graphql-upload implements) with the file as variable
   * `file`, streamed from `source` with its length declared, so an oversized file is refused before
   * it is sent. `onProgress` gets the bytes of the file handed to the socket so far.
   */
  async upload<Result, Variables>(
    document: Document<Result, Variables>,
    variables: Omit<Variables, 'file'>,
    source: UploadSource,
    options: { onProgress?: (bytes: number) => void; signal?: AbortSignal } = {},
  ): Promise<Result> {
    const boundary = `roster-${randomUUID()}`;
    const fileName = source.name.replace(/["\r\n\\]/g, '_');
    const encoder = new TextEncoder();
    const head = encoder.encode(
      [
        `--${boundary}`,
        'Content-Disposition: form-data; name="operations"',
        '',
        JSON.stringify({ query: document, variables: { ...variables, file: null } }),
        `--${boundary}`,
        'Content-Disposition: form-data; name="map"',
        '',
        JSON.stringify({ 0: ['variables.file'] }),
        `--${boundary}`,
        `Content-Disposition: form-data; name="0"; filename="${fileName}"`,
        'Content-Type: text/csv',
        '',
        '',
      ].join('\r\n'),
    );
    const tail = encoder.encode(`\r\n--${boundary}--\r\n`);
    async function* body(): AsyncGenerator<Uint8Array> {
      yield head;
      let sent = 0;
      for await (const chunk of source.chunks()) {
        sent += chunk.byteLength;
        options.onProgress?.(sent);
        yield chunk;
      }
      yield tail;
    }
    const response = await this.fetch('/graphql', {
      method: 'POST',
      headers: {
        ...this.auth,
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'content-length': String(head.byteLength + source.size + tail.byteLength),
        'x-graphql-yoga-csrf': '1',
        accept: 'application/json',
      },
      body: Readable.toWeb(Readable.from(body())) as ReadableStream<Uint8Array>,
      duplex: 'half',
      signal: options.signal,
    } as RequestInit);
    return this.result<Result>(response);
  }

  /**
   * A subscription over SSE (graphql-sse's distinct connections mode, which yoga serves): yields
   * each `next` payload's data until the server completes the stream.
   */
  async *subscribe<Result, Variables>(document: Document<Result, Variables>, variables: Variables, signal?: AbortSignal): AsyncGenerator<Result> {
    const { createClient, NetworkError } = await import('graphql-sse');
    const client = createClient({
      url: `${this.url}/graphql`,
      headers: this.auth,
      // A dropped stream (a server restart) is resumed: the subscription sends the current state first.
      retryAttempts: 5,
    });
    const results = client.iterate<Result>({ query: document, variables: variables as Record<string, unknown> });
    const stop = () => void results.return?.(undefined);
    signal?.addEventListener('abort', stop, { once: true });
    try {
      for await (const result of results) {
        const body = result as GraphQLBody<Result>;
        if (body.errors?.length) throw graphqlErrors(body.errors);
        if (body.data) yield body.data;
      }
    } catch (error) {
      if (error instanceof RosterError) throw error;
      if (error instanceof NetworkError && error.response) {
        throw await this.refusal(error.response);
      }
      if (error instanceof Error && 'cause' in error) throw this.unreachable(error);
      throw new RosterError(`The progress stream from ${this.url} failed: ${describe(error)}`, 'server');
    } finally {
      signal?.removeEventListener('abort', stop);
      client.dispose();
    }
  }

  /** GET of a CSV download (`/contacts/export.csv`, an import's failures): the body, streamed. */
  async download(path: string, params: Record<string, string | undefined> = {}, signal?: AbortSignal): Promise<ReadableStream<Uint8Array>> {
    const query = new URLSearchParams(Object.entries(params).filter((entry): entry is [string, string] => entry[1] !== undefined));
    const response = await this.fetch(`${path}${query.size > 0 ? `?${query}` : ''}`, { headers: { ...this.auth, accept: 'text/csv' }, signal });
    if (response.ok && response.body && response.headers.get('content-type')?.startsWith('text/csv')) return response.body;
    throw await this.refusal(response);
  }

  /** Where a failures CSV can be downloaded with the key (for people and other tools). */
  failuresUrl(importId: string): string {
    return `${this.url}/contacts/imports/${encodeURIComponent(importId)}/failures.csv`;
  }

  private async fetch(path: string, init: RequestInit): Promise<Response> {
    try {
      return await fetch(`${this.url}${path}`, init);
    } catch (error) {
      if (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError') && init.signal?.aborted) {
        const reason = init.signal.reason;
        if (reason instanceof Error && reason.name === 'TimeoutError') throw new RosterError(`${this.url} did not answer in time; try again.`, 'unreachable');
        throw error;
      }
      throw this.unreachable(error);
    }
  }

  private unreachable(error: unknown): RosterError {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const reason = cause?.code === 'ECONNREFUSED' ? 'connection refused' : cause?.code === 'ENOTFOUND' ? 'host not found' : (cause?.code ?? cause?.message ?? describe(error));
    return new RosterError(
      `Could not reach Roster at ${this.url} (${reason}). Is the server running? Start it with \`pnpm start\`, or point --url (or ROSTER_URL) at a running Roster.`,
      'unreachable',
    );
  }

  private async result<T>(response: Response): Promise<T> {
    if (response.status === 401 || response.status === 403 || response.status === 503 || response.status === 413) throw await this.refusal(response);
    const body = await readJson<GraphQLBody<T>>(response);
    if (!body || (!body.data && !body.errors)) throw this.notRoster(response);
    if (body.errors?.length) throw graphqlErrors(body.errors);
    if (!body.data) throw new RosterError(`${this.url} answered HTTP ${response.status} without data.`, 'server');
    return body.data;
  }

  /** A refused request: an auth failure, a limit, or something that is not Roster at all. */
  private async refusal(response: Response): Promise<RosterError> {
    const body = await readJson<GraphQLBody<unknown> & { name?: string; message?: string; statusCode?: number }>(response);
    // GraphQL answers `errors[0].extensions.code` (INVALID_API_KEY); the REST downloads `name` (invalid_api_key).
    const code = (body?.errors?.[0]?.extensions?.code ?? body?.name)?.toLowerCase();
    const message = body?.errors?.[0]?.message ?? body?.message;
    if (code && code in AUTH_HINTS) {
      const what = code === 'service_unavailable' ? 'The server is unavailable' : 'The API key was refused';
      return new RosterError(`${what} (${response.status} ${code}). ${AUTH_HINTS[code]}`, 'auth');
    }
    if (response.status === 413 || code === 'payload_too_large') {
      return new RosterError(`${message ?? 'The file is too large'} (413). Split the file, or raise ROSTER_MAX_IMPORT_BYTES on the server.`, 'validation');
    }
    if (message && (code === 'not_found' || response.status === 404)) return new RosterError(`${message}.`, 'not_found');
    if (message && code === 'validation_error') return new RosterError(message, 'validation');
    if (message) return new RosterError(`${message} (${response.status}${code ? ` ${code}` : ''})`, response.status >= 500 ? 'server' : 'validation');
    return this.notRoster(response);
  }

  private notRoster(response: Response): RosterError {
    return new RosterError(
      `${this.url} answered HTTP ${response.status} (${response.headers.get('content-type') ?? 'no content type'}), not as a Roster server. Check --url or ROSTER_URL.`,
      'not_roster',
    );
  }
}

async function readJson<T>(response: Response): Promise<T | null> {
  if (!response.headers.get('content-type')?.includes('json')) {
    await response.body?.cancel();
    return null;
  }
  try {
    return (await response.json()) as T;
  } catch {
    return null;
  }
}

/** Top-level GraphQL errors: a domain error keeps its issues; the rest say what the server said. */
function graphqlErrors(errors: NonNullable<GraphQLBody<unknown>['errors']>): RosterError {
  const issues = errors.flatMap((error) => error.extensions?.issues?.map((issue) => ({ path: issue.path.map(String), message: issue.message })) ?? []);
  if (issues.length > 0) return validationError(issues);
  const code = errors[0]?.extensions?.code;
  const kind: RosterErrorKind = code === 'NOT_FOUND' ? 'not_found' : code === 'INVALID_API_KEY' ? 'auth' : code === 'INTERNAL_SERVER_ERROR' ? 'server' : 'validation';
  const text = errors.map((error) => error.message).join('; ');
  if (code === 'INVALID_API_KEY') return new RosterError(`${text}. ${AUTH_HINTS.invalid_api_key}`, 'auth');
  return new RosterError(/[.!?]$/.test(text) ? text : `${text}.`, kind);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
