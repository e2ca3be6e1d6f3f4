import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type App, createApp } from '@roster/server/app';
import { bootstrapKeys } from '@roster/server/bootstrap';
import { type Database, startEmbeddedPostgres } from '@roster/server/database';
import { readEnv } from '@roster/server/env';
import { type Orm, initOrm } from '@roster/server/orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './gql';
import { type Roster, freshDatabase, gql, startRoster } from './harness';

const SERVER_DIR = resolve(import.meta.dirname, '../../packages/server');

let roster: Roster;
let key: string;
beforeAll(async () => {
  roster = await startRoster();
  key = await roster.newKey('server-a');
});
afterAll(() => roster.close());

interface Raw {
  status: number;
  headers: Headers;
  json: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] } | unknown[];
}

async function post(body: unknown, headers: Record<string, string> = {}, url = roster.url): Promise<Raw> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}`, ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, json: (await response.json()) as Raw['json'] };
}

function errorsOf(raw: Raw): { message: string; extensions?: Record<string, unknown> }[] {
  return Array.isArray(raw.json) ? [] : (raw.json.errors ?? []);
}

const GuardTeam = graphql(`query GuardTeam { team { name } }`);

describe('GraphQL guards', () => {
  const nest = (levels: number) => `${'... on Contact { '.repeat(levels)}segments { edges { node { id } } }${' }'.repeat(levels)}`;

  /** A rejection: errors, no data, and no number in the message (limits are not revealed). */
  function expectRejected(raw: Raw, pattern: RegExp): void {
    const errors = errorsOf(raw);
    expect(errors.length).toBeGreaterThan(0);
    expect(Array.isArray(raw.json) ? null : raw.json.data).toBeFalsy();
    expect(errors[0]?.message).toMatch(pattern);
    expect(errors[0]?.message).not.toMatch(/\d/);
  }

  it('accepts depth 10 and rejects depth 11, without revealing the limit', async () => {
    const ok = await post({ query: `{ contacts(first: 1) { edges { node { ${nest(3)} } } } }` });
    expect(errorsOf(ok)).toEqual([]);
    expectRejected(await post({ query: `{ contacts(first: 1) { edges { node { ${nest(4)} } } } }` }), /too deep/i);
  });

  it('accepts 15 aliases and rejects 16', async () => {
    const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: team { name }`).join(' ')} }`;
    expect(errorsOf(await post({ query: aliases(15) }))).toEqual([]);
    expectRejected(await post({ query: aliases(16) }), /too many aliases/i);
  });

  it('rejects a nested connection query by cost before running it', async () => {
    const result = await post({ query: '{ contacts(first: 100) { edges { node { segments(first: 100) { edges { node { id } } } } } } }' });
    const [error] = errorsOf(result);
    expect(error?.message).toBe('Query is too costly: ask for fewer rows or fewer nested fields');
    expect(error?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(Array.isArray(result.json) ? null : result.json.data).toBeFalsy();
  });

  it('refuses a batch (JSON array body)', async () => {
    const batch = await post([{ query: '{ team { name } }' }, { query: '{ team { id } }' }]);
    expect(batch.status).toBeGreaterThanOrEqual(400);
    expect(batch.status).toBeLessThan(500);
    expect(Array.isArray(batch.json)).toBe(false);
    expect(errorsOf(batch).length).toBeGreaterThan(0);
  });

  it('refuses a GET query without the CSRF header and answers it with the header', async () => {
    const url = `${roster.url}/graphql?query=${encodeURIComponent('{ team { name } }')}`;
    const refused = await fetch(url, { headers: { authorization: `Bearer ${key}` } });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toMatch(/CSRF/);
    const allowed = await fetch(url, { headers: { authorization: `Bearer ${key}`, 'x-graphql-yoga-csrf': '1' } });
    expect(allowed.status).toBe(200);
    expect(await allowed.json()).toEqual({ data: { team: { name: 'server-a' } } });
  });

  it('refuses a mutation over GET', async () => {
    const url = `${roster.url}/graphql?query=${encodeURIComponent('mutation { createSegment(input: {name: "x"}) { __typename } }')}`;
    const response = await fetch(url, { headers: { authorization: `Bearer ${key}`, 'x-graphql-yoga-csrf': '1' } });
    expect(response.status).toBe(405);
    expect(await roster.query('select 1 from segment')).toEqual([]);
  });

  describe('CORS', () => {
    let allowing: App;
    let allowingUrl: string;
    beforeAll(async () => {
      allowing = createApp(roster.orm, readEnv({ NODE_ENV: 'test', ROSTER_CORS_ORIGINS: 'https://admin.example' }));
      await new Promise<void>((done) => allowing.server.listen(0, '127.0.0.1', done));
      allowingUrl = `http://127.0.0.1:${(allowing.server.address() as AddressInfo).port}`;
    });
    afterAll(() => allowing.close());

    const preflight = (url: string, origin: string) =>
      fetch(`${url}/graphql`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
      });

    it('never allows https://evil.example, with or without configured origins', async () => {
      for (const url of [roster.url, allowingUrl]) {
        const pre = await preflight(url, 'https://evil.example');
        const actual = await post({ query: '{ team { name } }' }, { origin: 'https://evil.example' }, url);
        for (const response of [pre, actual]) {
          // Absent, or naming another (configured) origin: either way the browser refuses.
          expect(['https://evil.example', '*']).not.toContain(response.headers.get('access-control-allow-origin'));
          expect(response.headers.get('access-control-allow-credentials')).toBeNull();
        }
      }
      const unconfigured = await post({ query: '{ team { name } }' }, { origin: 'https://evil.example' });
      expect(unconfigured.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('allows exactly a configured origin, without credentials', async () => {
      const pre = await preflight(allowingUrl, 'https://admin.example');
      expect(pre.headers.get('access-control-allow-origin')).toBe('https://admin.example');
      expect(pre.headers.get('access-control-allow-credentials')).not.toBe('true');
      const actual = await post({ query: '{ team { name } }' }, { origin: 'https://admin.example' }, allowingUrl);
      expect(actual.headers.get('access-control-allow-origin')).toBe('https://admin.example');
    });
  });

  it('masks an internal error as "Unexpected error." without details', async () => {
    // A database failure carrying sensitive text, like a constraint violation naming a column and value.
    await roster.query(`create function guard_fail() returns trigger language plpgsql as
      $$ begin raise exception 'secret detail: key (email)=(ann@example.com) violates guard_idx'; end $$`);
    await roster.query('create trigger guard_fail before insert on segment for each row execute function guard_fail()');
    try {
      const result = await post({ query: 'mutation { createSegment(input: {name: "x"}) { __typename } }' });
      const [error] = errorsOf(result);
      expect(error?.message).toBe('Unexpected error.');
      // The request id (also the response's x-request-id) lets the user's report find the logged error.
      expect(error?.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
      expect(JSON.stringify(result.json)).not.toMatch(/secret|ann@example|guard_idx|insert into/i);
    } finally {
      await roster.query('drop trigger guard_fail on segment');
      await roster.query('drop function guard_fail');
    }
  });

  it('gives no "Did you mean" for a misspelled field', async () => {
    const result = await post({ query: '{ contactz { totalCount } tem { name } }' });
    const messages = errorsOf(result).map((e) => e.message);
    expect(messages.length).toBeGreaterThan(0);
    for (const message of messages) expect(message).not.toMatch(/did you mean|contacts|team/i);
  });

  it('still answers a normal typed operation', async () => {
    expect(await gql(roster, key, GuardTeam)).toEqual({ status: 200, data: { team: { name: 'server-a' } } });
  });
});

// ---------------------------------------------------------------------------------------------
// Real processes: `node --import tsx src/main.ts` with its environment.

interface Proc {
  child: ChildProcess;
  output: () => string;
  /** Resolves with the first match of `pattern` in stdout+stderr, polling the output as it comes. */
  waitFor: (pattern: RegExp) => Promise<RegExpMatchArray>;
  exited: Promise<number | null>;
}

function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!/^(DATABASE_URL|PORT|HOST|NODE_ENV|ROSTER_.*)$/.test(name)) env[name] = value;
  }
  return { ...env, NODE_ENV: 'production', ...extra };
}

const running = new Set<ChildProcess>();
afterAll(() => {
  for (const child of running) if (child.exitCode === null) child.kill('SIGKILL');
});

function run(script: string, args: string[], env: Record<string, string>): Proc {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: SERVER_DIR, env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let text = '';
  const waiters: { pattern: RegExp; resolve: (m: RegExpMatchArray) => void }[] = [];
  const onData = (chunk: Buffer) => {
    text += chunk.toString();
    for (const waiter of [...waiters]) {
      const match = text.match(waiter.pattern);
      if (match) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(match);
      }
    }
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  return {
    child,
    output: () => text,
    exited,
    waitFor: (pattern) =>
      new Promise((done, fail) => {
        const match = text.match(pattern);
        if (match) return done(match);
        waiters.push({ pattern, resolve: done });
        void exited.then((code) => fail(new Error(`exited with ${code} before printing ${pattern}:\n${text}`)));
      }),
  };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  await new Promise((done) => server.close(done));
  return port;
}

async function startServer(env: Record<string, string>): Promise<Proc & { url: string }> {
  const port = await freePort();
  const proc = run('src/main.ts', [], { PORT: String(port), ...env });
  await proc.waitFor(/Roster is listening on (\S+)/);
  return { ...proc, url: `http://127.0.0.1:${port}` };
}

async function teamOf(url: string, token: string): Promise<{ status: number; name?: string }> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: '{ team { name } }' }),
  });
  const body = (await response.json()) as { data?: { team: { name: string } } };
  return { status: response.status, name: body.data?.team.name };
}

/** Polls `check` until it returns true (each attempt right after the previous one answers). */
async function until(check: () => Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((done) => setTimeout(done, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('configuration errors stop the start', () => {
  it('exits 1 with one message naming every bad variable, and no stack trace', async () => {
    const bad = { PORT: 'abc', ROSTER_API_KEY: 'too-short', DATABASE_URL: 'mysql://x', ROSTER_CORS_ORIGINS: 'admin.example' };
    const proc = run('src/main.ts', [], bad);
    expect(await proc.exited).toBe(1);
    for (const name of Object.keys(bad)) expect(proc.output()).toMatch(new RegExp(`^  ${name}: `, 'm'));
    expect(proc.output()).not.toMatch(/\n\s+at /);
    expect(proc.output()).not.toContain('too-short');
  });

  it.each([
    ['PORT', { PORT: '70000' }, /PORT: must be a whole number from 0 to 65535/],
    ['ROSTER_API_KEY', { ROSTER_API_KEY: 'x'.repeat(19) }, /ROSTER_API_KEY: must be at least 20 characters/],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://x' }, /DATABASE_URL: must be a postgres/],
    ['ROSTER_CORS_ORIGINS', { ROSTER_CORS_ORIGINS: 'https://a.example/' }, /ROSTER_CORS_ORIGINS: "https:\/\/a.example\/" is not an origin/],
    ['ROSTER_DB_POOL_MAX', { ROSTER_DB_POOL_MAX: '0' }, /ROSTER_DB_POOL_MAX: must be a whole number of at least 1/],
    ['NODE_ENV', { NODE_ENV: 'prod' }, /NODE_ENV: /],
  ])('readEnv names a bad %s', (_, source, message) => {
    expect(() => readEnv(source)).toThrow(message);
  });

  it('readEnv accepts good values', () => {
    expect(readEnv({ PORT: '0', ROSTER_CORS_ORIGINS: 'https://a.example, http://localhost:5173' })).toMatchObject({
      PORT: 0,
      ROSTER_CORS_ORIGINS: ['https://a.example', 'http://localhost:5173'],
      NODE_ENV: 'production',
    });
  });
});

describe('a real server process', () => {
  let dbUrl: string;
  beforeAll(async () => {
    dbUrl = await freshDatabase();
  });

  it('creates and prints one key on the first start, and exits 0 on SIGTERM', async () => {
    const server = await startServer({ DATABASE_URL: dbUrl });
    const [, token] = await server.waitFor(/shown only this once:\n(re_\S+)/);
    expect(await teamOf(server.url, token ?? '')).toEqual({ status: 200, name: 'default' });
    const health = await fetch(`${server.url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', database: 'up' });
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  });

  it('makes ROSTER_API_KEY work, prints no new key, and finishes an in-flight request on SIGTERM', async () => {
    const configured = `re_configured_${randomUUID()}`;
    const server = await startServer({ DATABASE_URL: dbUrl, ROSTER_API_KEY: configured, ROSTER_SHUTDOWN_TIMEOUT_MS: '30000' });
    expect(server.output()).not.toMatch(/shown only this once/);
    expect(await teamOf(server.url, configured)).toEqual({ status: 200, name: 'default' });
    const admin = new pg.Client({ connectionString: dbUrl });
    await admin.connect();
    const { rows } = await admin.query<{ n: string }>('select count(*) as n from api_key');
    await admin.end();
    expect(Number(rows[0]?.n)).toBe(2);

    // Hold a request open: send its headers and half its body, SIGTERM, then send the rest.
    const body = JSON.stringify({ query: '{ team { name } }' });
    const port = Number(new URL(server.url).port);
    let finish = () => {};
    const answer = new Promise<{ status: number; text: string }>((done, fail) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          path: '/graphql',
          method: 'POST',
          // `connection: close`: a kept-alive connection would hold the exit until keepAliveTimeout (see app.ts close()).
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            authorization: `Bearer ${configured}`,
            connection: 'close',
          },
        },
        (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => {
            text += chunk.toString();
          });
          res.on('end', () => done({ status: res.statusCode ?? 0, text }));
        },
      );
      req.on('error', fail);
      req.write(body.slice(0, 10));
      finish = () => req.end(body.slice(10));
    });
    // A request on a second connection, answered, shows the first one's headers have arrived.
    expect((await fetch(`${server.url}/health`, { headers: { connection: 'close' } })).status).toBe(200);
    server.child.kill('SIGTERM');
    await server.waitFor(/SIGTERM: finishing in-flight requests/);
    // New connections are refused while the old request is still open.
    await expect(fetch(`${server.url}/health`)).rejects.toThrow();
    expect(server.child.exitCode).toBeNull();
    finish();
    expect(await answer).toEqual({ status: 200, text: JSON.stringify({ data: { team: { name: 'default' } } }) });
    expect(await server.exited).toBe(0);
  });
});

describe('start-up key bootstrap, run by several instances at once', () => {
  let orm: Orm;
  beforeAll(async () => {
    orm = await initOrm(await freshDatabase(), { poolMax: 4 });
  });
  afterAll(() => orm.close(true));

  it('creates exactly one first key, and ROSTER_API_KEY exactly once, without failing', async () => {
    const first = await Promise.all([bootstrapKeys(orm.em.fork(), undefined), bootstrapKeys(orm.em.fork(), undefined)]);
    expect(first.filter((token) => token !== null)).toHaveLength(1);
    const configured = `re_configured_${randomUUID()}`;
    const second = await Promise.all([bootstrapKeys(orm.em.fork(), configured), bootstrapKeys(orm.em.fork(), configured)]);
    expect(second).toEqual([null, null]);
    const rows = await orm.em.getConnection().execute<{ name: string }[]>('select name from api_key order by id');
    expect(rows.map((r) => r.name)).toEqual(['first key', 'ROSTER_API_KEY']);
  });
});

describe('the embedded PostgreSQL (no DATABASE_URL)', () => {
  it('starts it, and SIGTERM stops the server and then PostgreSQL with exit 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'roster-embedded-'));
    chmodSync(dir, 0o755); // trap T5
    try {
      const server = await startServer({ ROSTER_DATA_DIR: join(dir, 'data'), ROSTER_PG_PORT: String(await freePort()) });
      const [, token] = await server.waitFor(/shown only this once:\n(re_\S+)/);
      expect(await teamOf(server.url, token ?? '')).toEqual({ status: 200, name: 'default' });
      expect(existsSync(join(dir, 'data', 'pg', 'postmaster.pid'))).toBe(true);
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
      expect(existsSync(join(dir, 'data', 'pg', 'postmaster.pid'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a PostgreSQL outage while the server runs', () => {
  let dir: string;
  let pgPort: number;
  let db: Database;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'roster-outage-'));
    chmodSync(dir, 0o755); // trap T5: postgres runs as `postgres` and must reach the folder
    pgPort = await freePort();
    db = await startEmbeddedPostgres(dir, pgPort);
  });
  afterAll(async () => {
    await db.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers 503 on /health and JSON errors during the outage, and recovers without a restart', async () => {
    const token = `re_outage_${randomUUID()}`;
    const server = await startServer({ DATABASE_URL: db.url, ROSTER_API_KEY: token });
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
    expect(await teamOf(server.url, token)).toEqual({ status: 200, name: 'default' });

    await db.stop();
    const down = await fetch(`${server.url}/health`);
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ status: 'unavailable', database: 'down' });
    const failed = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ team { name } }' }),
    });
    expect(failed.status).toBe(503);
    const failure = (await failed.json()) as { errors?: { message: string; extensions?: { code?: string } }[] };
    expect(failure.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    expect(failure.errors?.[0]?.message).toMatch(/unavailable/i);
    expect(JSON.stringify(failure)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|postgres/i);
    expect(server.child.exitCode).toBeNull();

    db = await startEmbeddedPostgres(dir, pgPort);
    await until(async () => (await fetch(`${server.url}/health`)).status === 200, '/health to recover');
    expect(await teamOf(server.url, token)).toEqual({ status: 200, name: 'default' });
    expect(server.child.exitCode).toBeNull();
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  });
});
