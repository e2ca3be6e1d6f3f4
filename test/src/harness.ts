import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { createApiKey, ensureTeam } from '@roster/schema/auth/api-key.service';
import { type App, createApp } from '@roster/server/app';
import { readEnv } from '@roster/server/env';
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

/** A fresh database and a real server on an ephemeral port. */
export async function startRoster(): Promise<Roster> {
  const dbUrl = await freshDatabase();
  const orm = await initOrm(dbUrl, { poolMax: 5 });
  const app = createApp(orm, readEnv({ NODE_ENV: 'test' }));
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
    async close() {
      await app.close();
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
