import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { createApiKey, ensureTeam } from '@roster/schema/auth/api-key.service';
import { type App, createApp } from '@roster/server/app';
import { readEnv } from '@roster/server/env';
import { ImportEvents } from '@roster/server/events';
import type { Logger } from '@roster/server/log';
import { startImportWorker } from '@roster/server/worker';
import { type Orm, initOrm } from '@roster/server/orm';
import { print } from 'graphql';
import pg from 'pg';
import { inject } from 'vitest';

export interface Roster {
  /** Base URL of the running server, e.g. http://127.0.0.1:41234 */
  url: string;
  /** URL of this test file's own database. */
  dbUrl: string;
  orm: Orm;
  app: App;
  importEvents: ImportEvents;
  /** Creates a team (if needed) and a key for it; returns the secret. */
  newKey(team?: string, permission?: 'full_access' | 'sending_access'): Promise<string>;
  /** Runs SQL on the test database (for assertions on what is stored). */
  query<Row = Record<string, unknown>>(text: string, params?: unknown[]): Promise<Row[]>;
  close(): Promise<void>;
}

/** A fresh database cloned from the migrated template; returns its URL. */
export async function freshDatabase(): Promise<string> {
  const adminUrl = inject('adminUrl');
  const name = `roster_${randomUUID().replaceAll('-', '')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name} template roster_template`);
  await admin.end();
  return adminUrl.replace(/\/[^/]*$/, `/${name}`);
}

export interface RosterOptions {
  /** Import workers in this process (0: imports stay queued unless another process runs them). */
  workers?: number;
  maxImportBytes?: number;
  /** Use this database instead of a fresh one (to run several processes on one database). */
  dbUrl?: string;
  /** REST requests per second per team; tests run far faster than a client would, so high by default. */
  rateLimit?: number;
  /** Structured logs of the server (silent by default). */
  logger?: Logger;
  /** Serves GET /metrics behind this token. */
  metricsToken?: string;
}

/** A fresh database and a real server on an ephemeral port, with LISTEN relay and import workers. */
export async function startRoster(options: RosterOptions = {}): Promise<Roster> {
  const dbUrl = options.dbUrl ?? (await freshDatabase());
  const orm = await initOrm(dbUrl, { poolMax: 5 });
  const importEvents = new ImportEvents(dbUrl);
  await importEvents.start();
  const workers = options.workers ?? 1;
  const worker = workers > 0 ? startImportWorker({ url: dbUrl, concurrency: workers, events: importEvents, pollMs: 250 }) : null;
  const env = readEnv({
    NODE_ENV: 'test',
    ROSTER_RATE_LIMIT: String(options.rateLimit ?? 100_000),
    ...(options.maxImportBytes ? { ROSTER_MAX_IMPORT_BYTES: String(options.maxImportBytes) } : {}),
    ...(options.metricsToken ? { ROSTER_METRICS_TOKEN: options.metricsToken } : {}),
  });
  const app = createApp(orm, env, { importEvents, logger: options.logger });
  await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
  const { port } = app.server.address() as AddressInfo;
  const pool = new pg.Pool({ connectionString: dbUrl, max: 2 });
  return {
    url: `http://127.0.0.1:${port}`,
    dbUrl,
    orm,
    app,
    async newKey(team = 'team-a', permission = 'full_access') {
      const em = orm.em.fork();
      const { id } = await ensureTeam(em, team);
      return (await createApiKey(em, id, { name: 'test', permission })).token;
    },
    async query(text, params = []) {
      return (await pool.query(text, params)).rows;
    },
    importEvents,
    async close() {
      await app.close();
      await worker?.stop();
      await importEvents.stop();
      await pool.end();
      await orm.close(true);
    },
  };
}

export interface GraphQLResponse<T> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: string[]; extensions?: Record<string, unknown> }[];
}

/** Sends a typed operation over real HTTP, as any client would. */
export async function gql<T, V>(
  roster: Pick<Roster, 'url'>,
  key: string | null,
  document: TypedDocumentNode<T, V>,
  variables?: V,
): Promise<GraphQLResponse<T>> {
  const response = await fetch(`${roster.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ query: print(document), variables }),
  });
  const body = (await response.json()) as Omit<GraphQLResponse<T>, 'status'>;
  return { status: response.status, ...body };
}

/** Like gql, but fails the test on any GraphQL error and returns `data`. */
export async function ok<T, V>(
  roster: Pick<Roster, 'url'>,
  key: string,
  document: TypedDocumentNode<T, V>,
  variables?: V,
): Promise<T> {
  const result = await gql(roster, key, document, variables);
  if (result.errors?.length || !result.data) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
  return result.data;
}

/** Narrows a result union by `__typename`, failing the test with the actual value otherwise. */
export function as<T extends { __typename?: string }, N extends string>(value: T | null | undefined, typename: N): Extract<T, { __typename?: N }> {
  if (!value || value.__typename !== typename) throw new Error(`Expected ${typename}, got ${JSON.stringify(value)}`);
  return value as Extract<T, { __typename?: N }>;
}

/** Uploads a CSV to importContacts as a GraphQL multipart request, as the admin and SDKs do. */
export async function uploadCsv(
  roster: Pick<Roster, 'url'>,
  key: string,
  csv: string | Uint8Array,
  variables: Record<string, unknown> = {},
  fileName = 'contacts.csv',
): Promise<{ status: number; body: { data?: { importContacts?: Record<string, unknown> & { __typename: string } } | null; errors?: { message: string; extensions?: Record<string, unknown> }[] } }> {
  const query = `mutation Upload($file: Upload!, $columnMap: ContactImportColumnMapInput, $onConflict: ContactImportConflict, $segments: [ID!], $topics: [ContactImportTopicInput!]) {
    importContacts(file: $file, columnMap: $columnMap, onConflict: $onConflict, segments: $segments, topics: $topics) {
      __typename
      ... on ContactImport { id status fileName fileSize }
      ... on ValidationError { message issues { path message } }
    }
  }`;
  const form = new FormData();
  form.set('operations', JSON.stringify({ query, variables: { ...variables, file: null } }));
  form.set('map', JSON.stringify({ 0: ['variables.file'] }));
  form.set('0', new Blob([csv as BlobPart]), fileName);
  const response = await fetch(`${roster.url}/graphql`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'x-graphql-yoga-csrf': '1' },
    body: form,
  });
  return { status: response.status, body: (await response.json()) as never };
}

/** Reads a GraphQL-over-SSE subscription until it completes; returns each `next` payload. */
export async function subscribe<T = unknown>(roster: Pick<Roster, 'url'>, key: string, query: string, variables: Record<string, unknown>, limitMs = 60_000): Promise<{ status: number; events: T[] }> {
  const response = await fetch(`${roster.url}/graphql`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(limitMs),
  });
  const events: T[] = [];
  if (!response.body) return { status: response.status, events };
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true });
    let end = buffer.indexOf('\n\n');
    while (end >= 0) {
      const frame = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const type = /^event: (\w+)/m.exec(frame)?.[1];
      const data = /^data: (.*)$/m.exec(frame)?.[1];
      if (type === 'next' && data) events.push(JSON.parse(data) as T);
      if (type === 'complete') return { status: response.status, events };
      end = buffer.indexOf('\n\n');
    }
  }
  return { status: response.status, events };
}
