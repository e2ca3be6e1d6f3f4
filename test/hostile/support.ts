import { createHash, randomBytes } from 'node:crypto';
import { type IncomingHttpHeaders, request } from 'node:http';
import { connect } from 'node:net';
import type { Roster } from '../src/harness';

// Shared by the hostile suite: raw HTTP (node:http and bare sockets, so requests can be malformed,
// partial or cut off), multipart bodies built by hand, what the database holds, a seeded PRNG.

export type Json = Record<string, unknown>;

export interface GraphQLError {
  message: string;
  path?: (string | number)[];
  extensions?: Record<string, unknown>;
}

export interface GraphQLAnswer {
  status: number;
  headers: Headers;
  data?: Json | null;
  errors?: GraphQLError[];
  text: string;
}

/** POSTs a GraphQL document (a plain string, with a key or none) as JSON. */
export async function graphqlPost(
  url: string,
  key: string | null,
  query: string,
  variables: Json = {},
  headers: Record<string, string> = {},
): Promise<GraphQLAnswer> {
  return graphqlBody(url, key, JSON.stringify({ query, variables }), headers);
}

/** POSTs a raw body to /graphql (anything: a batch, bad JSON). */
export async function graphqlBody(url: string, key: string | null, body: string, headers: Record<string, string> = {}): Promise<GraphQLAnswer> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}), ...headers },
    body,
  });
  const text = await response.text();
  let json: { data?: Json | null; errors?: GraphQLError[] } = {};
  try {
    const parsed = JSON.parse(text) as unknown;
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) json = parsed as typeof json;
  } catch {}
  return { status: response.status, headers: response.headers, text, ...json };
}

/** Fails with the errors when the operation did not succeed; returns `data`. */
export async function graphqlOk(url: string, key: string, query: string, variables: Json = {}): Promise<Json> {
  const answer = await graphqlPost(url, key, query, variables);
  if (answer.status !== 200 || answer.errors?.length || !answer.data) throw new Error(`GraphQL failed (${answer.status}): ${answer.text}`);
  return answer.data;
}

export interface RestAnswer {
  status: number;
  headers: Headers;
  body: unknown;
  text: string;
}

/** A REST call as a Resend SDK makes it: Bearer key, JSON body. */
export async function rest(url: string, key: string | null, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<RestAnswer> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: {
      ...(key ? { authorization: `Bearer ${key}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {}
  return { status: response.status, headers: response.headers, body: parsed, text };
}

export type Part = { name: string; value: string | Uint8Array; filename?: string; contentType?: string };

/** A multipart/form-data body with the parts in the order given. */
export function multipart(parts: Part[], boundary = `----hostile${randomBytes(8).toString('hex')}`): { body: Buffer; contentType: string } {
  const pieces: Buffer[] = [];
  for (const part of parts) {
    const disposition = `form-data; name="${part.name}"${part.filename !== undefined ? `; filename="${part.filename}"` : ''}`;
    const type = part.filename !== undefined ? `content-type: ${part.contentType ?? 'text/csv'}\r\n` : '';
    pieces.push(Buffer.from(`--${boundary}\r\ncontent-disposition: ${disposition}\r\n${type}\r\n`), Buffer.from(part.value), Buffer.from('\r\n'));
  }
  pieces.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(pieces), contentType: `multipart/form-data; boundary=${boundary}` };
}

export const UPLOAD_MUTATION = `mutation HostileUpload($file: Upload!, $columnMap: ContactImportColumnMapInput, $onConflict: ContactImportConflict, $segments: [ID!], $topics: [ContactImportTopicInput!]) {
  importContacts(file: $file, columnMap: $columnMap, onConflict: $onConflict, segments: $segments, topics: $topics) {
    __typename
    ... on ContactImport { id status fileSize fileName }
    ... on ValidationError { message issues { path message } }
  }
}`;

/** The three parts of a GraphQL multipart upload of one file to importContacts. */
export function uploadParts(file: string | Uint8Array, variables: Json = {}, fileName = 'contacts.csv'): Part[] {
  return [
    { name: 'operations', value: JSON.stringify({ query: UPLOAD_MUTATION, variables: { ...variables, file: null } }) },
    { name: 'map', value: JSON.stringify({ 0: ['variables.file'] }) },
    { name: '0', value: file, filename: fileName },
  ];
}

export interface RawAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  json: unknown;
}

const parse = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

export interface RawRequest {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  /** Written in this order, each after the previous one was handed to the socket. Omitted: no body. */
  chunks?: Uint8Array[];
  /**
   * 'end': send every chunk, then end the request (the usual case).
   * 'hold': send the chunks and wait for the answer without ending the body (a server that answers
   *   has refused without reading the rest).
   */
  mode?: 'end' | 'hold';
  /** How long to wait for an answer before failing (generous: a loaded CI machine). */
  timeoutMs?: number;
}

/** One request over node:http, with full control over headers, body pieces and its end. */
export function rawRequest(url: string, spec: RawRequest): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    // A connection of its own: a socket left mid-body by an earlier request must never be reused.
    const req = request(`${url}${spec.path}`, { method: spec.method ?? 'POST', headers: spec.headers ?? {}, agent: false });
    const timer = setTimeout(() => {
      req.destroy();
      reject(new Error(`no answer to ${spec.method ?? 'POST'} ${spec.path} within ${spec.timeoutMs ?? 30_000} ms`));
    }, spec.timeoutMs ?? 30_000);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      const done = () => {
        clearTimeout(timer);
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: parse(text) });
        req.destroy();
      };
      res.on('end', done);
      res.on('error', done);
    });
    req.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    void (async () => {
      for (const chunk of spec.chunks ?? []) {
        if (req.destroyed) return;
        await new Promise<void>((done) => req.write(chunk, () => done()));
      }
      if ((spec.mode ?? 'end') === 'end') req.end();
    })();
  });
}

/**
 * Sends the start of a request, waits for `meanwhile` (a check that the server is mid-request),
 * then drops the connection: a client going away mid-upload.
 */
export function abortedRequest(url: string, spec: Omit<RawRequest, 'mode' | 'timeoutMs'>, meanwhile: () => Promise<void> = async () => {}): Promise<void> {
  return new Promise((resolve) => {
    const req = request(`${url}${spec.path}`, { method: spec.method ?? 'POST', headers: spec.headers ?? {}, agent: false });
    req.on('error', () => resolve());
    req.on('close', () => resolve());
    void (async () => {
      for (const chunk of spec.chunks ?? []) {
        if (req.destroyed) return;
        await new Promise<void>((done) => req.write(chunk, () => done()));
      }
      await meanwhile().finally(() => req.destroy());
    })();
  });
}

/** Writes raw bytes on a TCP socket and returns whatever comes back until the server closes or `idleMs` passes. */
export function rawSocket(url: string, bytes: string | Uint8Array, idleMs = 2000): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    let timer = setTimeout(() => socket.end(), idleMs * 5);
    socket.on('data', (chunk) => {
      chunks.push(chunk);
      clearTimeout(timer);
      timer = setTimeout(() => socket.end(), idleMs);
    });
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks).toString('latin1'));
    });
    socket.on('error', reject);
    socket.write(bytes);
  });
}

/** The status line of a raw HTTP answer: `HTTP/1.1 400 Bad Request` -> 400. */
export function statusOf(answer: string): number {
  return Number(/^HTTP\/1\.[01] (\d{3})/.exec(answer)?.[1] ?? 0);
}

/** What uploads leave in the database: import rows, stored file pieces, contacts (for one team, or all). */
export async function stored(roster: Roster, teamId?: string): Promise<{ imports: number; chunks: number; contacts: number }> {
  const where = teamId ? 'where team_id = $1' : '';
  const [row] = await roster.query<{ imports: number; chunks: number; contacts: number }>(
    `select (select count(*)::int from contact_import ${where}) as imports,
            (select count(*)::int from contact_import_chunk k ${teamId ? 'join contact_import i on i.id = k.import_id and i.team_id = $1' : ''}) as chunks,
            (select count(*)::int from contact ${where}) as contacts`,
    teamId ? [teamId] : [],
  );
  return row!;
}

/** Waits until no other session of this database is inside a transaction (an upload's transaction has ended). */
export async function settled(roster: Roster, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const open = await roster.query(
      `select 1 from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()
         and (state in ('idle in transaction', 'idle in transaction (aborted)') or (state = 'active' and query ilike '%contact_import%'))`,
    );
    if (open.length === 0) return;
    if (Date.now() > until) throw new Error('an upload transaction is still open');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export interface ImportState {
  id: string;
  status: string;
  error: string | null;
  total: number;
  created: number;
  updated: number;
  skipped: number;
  failed: number;
  staged_rows: number;
  file_size: string;
}

const TERMINAL = ['completed', 'failed', 'cancelled'];

/** Polls the import row until it ends; fails (never hangs) when it does not within `timeoutMs`. */
export async function waitImport(roster: Roster, id: string, timeoutMs = 120_000): Promise<ImportState> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const [row] = await roster.query<ImportState>(
      'select id, status, error, total, created, updated, skipped, failed, staged_rows, file_size from contact_import where id = $1',
      [id],
    );
    if (!row) throw new Error(`import ${id} does not exist`);
    if (TERMINAL.includes(row.status)) return row;
    if (Date.now() > until) throw new Error(`import ${id} is stuck in ${row.status}: ${JSON.stringify(row)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The id of a team by the name given to roster.newKey. */
export async function teamId(roster: Roster, name: string): Promise<string> {
  const [row] = await roster.query<{ id: string }>('select id from team where name = $1', [name]);
  if (!row) throw new Error(`no team ${name}`);
  return row.id;
}

/** Deterministic PRNG (mulberry32): the fuzz run is replayed from its seed. */
export function prng(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    chance: (p: number) => next() < p,
    bytes: (n: number) => {
      const out = Buffer.alloc(n);
      for (let i = 0; i < n; i++) out[i] = Math.floor(next() * 256);
      return out;
    },
  };
}
export type Prng = ReturnType<typeof prng>;

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Limit messages say what to change, never the configured number (checklist G8). */
export const LIMIT_MESSAGE = /too (deep|costly|broad|long)|too many (aliases|directives)/i;
