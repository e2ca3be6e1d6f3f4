import { ensureTeam } from '@roster/schema/auth/api-key.service';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  beginIdempotent,
  createHasher,
  finishIdempotent,
  hashBody,
  hashFields,
  idempotencyError,
} from '../../packages/rest-compat/src/idempotency';
import { type RateDecision, RateLimiter, type SqlQuery, rateLimitHeaders, takeToken } from '../../packages/rest-compat/src/ratelimit';
import { type Roster, startRoster } from './harness';

let roster: Roster;
const pools: pg.Pool[] = [];
let query: SqlQuery;

function newPool(max: number): SqlQuery {
  const pool = new pg.Pool({ connectionString: roster.dbUrl, max });
  pools.push(pool);
  return (text, params) => pool.query(text, params);
}

async function team(name: string): Promise<string> {
  return (await ensureTeam(roster.orm.em.fork(), name)).id;
}

/** A bucket whose clock is an hour ahead: it never refills during the test, so counts are exact. */
async function frozenBucket(teamId: string, tokens: number): Promise<void> {
  await query(`insert into rest_rate_bucket (team_id, tokens, updated_at) values ($1, $2, now() + interval '1 hour')`, [teamId, tokens]);
}

/** Takes tokens one by one until one is refused; returns how many passed. */
async function drain(teamId: string, limit: number): Promise<number> {
  let allowed = 0;
  for (let i = 0; i < limit * 3; i++) {
    if (!(await takeToken(query, teamId, limit)).allowed) return allowed;
    allowed++;
  }
  throw new Error('bucket never ran dry');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  roster = await startRoster({ workers: 0 });
  query = newPool(4);
});

afterAll(async () => {
  await Promise.all(pools.map((pool) => pool.end()));
  await roster?.close();
});

describe('rate limit', () => {
  it('lets a burst of `limit` through, then refuses with retry-after', async () => {
    const teamId = await team('burst');
    // Inside one transaction now() stands still: no refill between the calls, exact counts.
    const pool = new pg.Pool({ connectionString: roster.dbUrl, max: 1 });
    const client = await pool.connect();
    const decisions: RateDecision[] = [];
    try {
      await client.query('begin');
      for (let i = 0; i < 101; i++) decisions.push(await takeToken((text, params) => client.query(text, params), teamId, 100));
      await client.query('commit');
    } finally {
      client.release();
      await pool.end();
    }
    expect(decisions.slice(0, 100).every((d) => d.allowed)).toBe(true);
    expect(decisions.slice(0, 100).map((d) => d.remaining)).toEqual(Array.from({ length: 100 }, (_, i) => 99 - i));
    expect(rateLimitHeaders(decisions[0]!)).toEqual({
      'ratelimit-limit': '100',
      'ratelimit-remaining': '99',
      'ratelimit-reset': '1',
      'ratelimit-policy': '100;w=1',
    });
    const refused = decisions[100]!;
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    const headers = rateLimitHeaders(refused);
    expect(headers).toMatchObject({ 'ratelimit-limit': '100', 'ratelimit-remaining': '0', 'ratelimit-policy': '100;w=1' });
    expect(Number(headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(headers['ratelimit-reset'])).toBeGreaterThanOrEqual(1);
  });

  it('holds a burst of parallel requests on the pool to about `limit`', async () => {
    const teamId = await team('burst-pool');
    const decisions = await Promise.all(Array.from({ length: 200 }, () => takeToken(query, teamId, 100)));
    const allowed = decisions.filter((d) => d.allowed).length;
    // Refill runs during the burst (100/s); 200 statements take well under a second.
    expect(allowed).toBeGreaterThanOrEqual(100);
    expect(allowed).toBeLessThan(160);
  });

  it('refills continuously at `limit` per second, up to `limit`', async () => {
    const teamId = await team('refill');
    const first = await takeToken(query, teamId, 5);
    expect(first).toEqual({ allowed: true, limit: 5, remaining: 4, resetSeconds: 1, retryAfterSeconds: 0 });
    expect(await drain(teamId, 5)).toBeGreaterThanOrEqual(4);
    await sleep(1100);
    // Full again (capped at 5), whatever the exact wait was.
    const afterSecond = await drain(teamId, 5);
    expect(afterSecond).toBeGreaterThanOrEqual(5);
    expect(afterSecond).toBeLessThanOrEqual(7);
    await sleep(450);
    // About two tokens back after 0.45 s.
    const afterHalf = await drain(teamId, 5);
    expect(afterHalf).toBeGreaterThanOrEqual(1);
    expect(afterHalf).toBeLessThanOrEqual(4);
  });

  it('keeps teams independent', async () => {
    const [a, b] = [await team('rl-a'), await team('rl-b')];
    await frozenBucket(a, 0);
    expect((await takeToken(query, a, 10)).allowed).toBe(false);
    expect(await takeToken(query, b, 10)).toMatchObject({ allowed: true, remaining: 9 });
    expect((await takeToken(query, a, 10)).allowed).toBe(false);
  });

  it('gives out exactly `limit` tokens to 50 parallel requests from two processes', async () => {
    const teamId = await team('parallel');
    await frozenBucket(teamId, 20);
    const [one, two] = [newPool(10), newPool(10)];
    const decisions = await Promise.all(Array.from({ length: 50 }, (_, i) => takeToken(i % 2 ? one : two, teamId, 20)));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(20);
    expect(decisions.filter((d) => d.allowed).map((d) => d.remaining).sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    const [row] = (await query('select tokens from rest_rate_bucket where team_id = $1', [teamId])).rows as { tokens: number }[];
    expect(row?.tokens).toBe(0);
  });

  it('creates the bucket once when the first requests of a team race', async () => {
    const teamId = await team('parallel-new');
    const [one, two] = [newPool(10), newPool(10)];
    const decisions = await Promise.all(Array.from({ length: 50 }, (_, i) => takeToken(i % 2 ? one : two, teamId, 20)));
    const allowed = decisions.filter((d) => d.allowed).length;
    expect(allowed).toBeGreaterThanOrEqual(20);
    expect(allowed).toBeLessThan(30);
  });
});

describe('idempotency', () => {
  const path = 'POST /contacts';

  it('runs a new key, then replays its answer', async () => {
    const teamId = await team('idem');
    const hash = hashBody('{"email":"a@x.co"}');
    expect(await beginIdempotent(query, teamId, 'k1', path, hash)).toEqual({ kind: 'new' });
    const answer = { object: 'contact', id: '479e3145-dd38-476b-932c-529ceb705947' };
    await finishIdempotent(query, teamId, 'k1', 201, answer);
    expect(await beginIdempotent(query, teamId, 'k1', path, hash)).toEqual({ kind: 'replay', status: 201, body: answer, bodyHash: hash });
    // 4xx answers are answers too: replayed, not rerun.
    expect(await beginIdempotent(query, teamId, 'k4', path, hash)).toEqual({ kind: 'new' });
    await finishIdempotent(query, teamId, 'k4', 422, { statusCode: 422, name: 'validation_error', message: 'no' });
    expect(await beginIdempotent(query, teamId, 'k4', path, hash)).toMatchObject({ kind: 'replay', status: 422 });
  });

  it('refuses the same key with another body or another route', async () => {
    const teamId = await team('idem-mismatch');
    await beginIdempotent(query, teamId, 'k', path, hashBody('a'));
    await finishIdempotent(query, teamId, 'k', 201, { id: 1 });
    const mismatch = await beginIdempotent(query, teamId, 'k', path, hashBody('b'));
    expect(mismatch).toEqual({ kind: 'mismatch' });
    expect(idempotencyError(mismatch)).toMatchObject({ statusCode: 409, name: 'invalid_idempotent_request' });
    expect(await beginIdempotent(query, teamId, 'k', 'POST /contacts/imports', hashBody('a'))).toEqual({ kind: 'mismatch' });
  });

  it('refuses a retry while the first request runs, exactly one of many parallel ones runs', async () => {
    const teamId = await team('idem-concurrent');
    const hash = hashBody('same');
    const starts = await Promise.all(Array.from({ length: 10 }, () => beginIdempotent(query, teamId, 'k', path, hash)));
    expect(starts.filter((s) => s.kind === 'new')).toHaveLength(1);
    expect(starts.filter((s) => s.kind === 'in_progress')).toHaveLength(9);
    expect(idempotencyError({ kind: 'in_progress' })).toMatchObject({ statusCode: 409, name: 'concurrent_idempotent_requests' });
    await finishIdempotent(query, teamId, 'k', 201, { ok: true });
    expect(await beginIdempotent(query, teamId, 'k', path, hash)).toMatchObject({ kind: 'replay', body: { ok: true } });
  });

  it('accepts keys of 1 to 256 characters', async () => {
    const teamId = await team('idem-keys');
    for (const key of ['', 'x'.repeat(257)]) {
      const start = await beginIdempotent(query, teamId, key, path, hashBody(''));
      expect(start.kind).toBe('invalid_key');
      expect(idempotencyError(start)).toMatchObject({ statusCode: 400, name: 'invalid_idempotency_key' });
    }
    expect(await beginIdempotent(query, teamId, 'x', path, hashBody(''))).toEqual({ kind: 'new' });
    expect(await beginIdempotent(query, teamId, 'x'.repeat(256), path, hashBody(''))).toEqual({ kind: 'new' });
  });

  it('does not keep 5xx answers, so a retry runs again', async () => {
    const teamId = await team('idem-5xx');
    const hash = hashBody('x');
    expect(await beginIdempotent(query, teamId, 'k', path, hash)).toEqual({ kind: 'new' });
    await finishIdempotent(query, teamId, 'k', 503, { statusCode: 503, name: 'application_error', message: 'down' });
    expect((await query('select 1 from rest_idempotency where team_id = $1', [teamId])).rows).toHaveLength(0);
    expect(await beginIdempotent(query, teamId, 'k', path, hash)).toEqual({ kind: 'new' });
  });

  it('scopes keys to a team', async () => {
    const [a, b] = [await team('idem-a'), await team('idem-b')];
    await beginIdempotent(query, a, 'shared', path, hashBody('a'));
    await finishIdempotent(query, a, 'shared', 201, { team: 'a' });
    expect(await beginIdempotent(query, b, 'shared', path, hashBody('b'))).toEqual({ kind: 'new' });
  });

  it('forgets answers after 24 hours and takes over requests abandoned mid-way', async () => {
    const [teamId, other] = [await team('idem-expiry'), await team('idem-expiry-other')];
    const hash = hashBody('x');
    await beginIdempotent(query, teamId, 'old', path, hash);
    await finishIdempotent(query, teamId, 'old', 201, { first: true });
    await beginIdempotent(query, other, 'stale', path, hash);
    await query(`update rest_idempotency set created_at = now() - interval '25 hours'`, []);
    expect(await beginIdempotent(query, teamId, 'old', path, hashBody('other body'))).toEqual({ kind: 'new' });
    // Other teams' expired rows go too, lazily.
    expect((await query('select 1 from rest_idempotency where team_id = $1', [other])).rows).toHaveLength(0);

    await beginIdempotent(query, teamId, 'crashed', path, hash);
    expect(await beginIdempotent(query, teamId, 'crashed', path, hash)).toEqual({ kind: 'in_progress' });
    await query(`update rest_idempotency set created_at = now() - interval '20 minutes' where key = 'crashed'`, []);
    expect(await beginIdempotent(query, teamId, 'crashed', path, hash)).toEqual({ kind: 'new' });
  });

  it('handles bodies hashed only after they are consumed (streamed uploads)', async () => {
    const teamId = await team('idem-stream');
    const importPath = 'POST /contacts/imports';
    const file = createHasher();
    file.update('email\n');
    file.update(Buffer.from('a@x.co\n'));
    expect(file.digest()).toBe(hashBody('email\na@x.co\n'));
    const hash = hashFields({ file: hashBody('email\na@x.co\n'), on_conflict: 'upsert', column_map: '{}' });
    expect(hashFields({ column_map: '{}', on_conflict: 'upsert', file: hashBody('email\na@x.co\n') })).toBe(hash);

    expect(await beginIdempotent(query, teamId, 'up', importPath, null)).toEqual({ kind: 'new' });
    expect(await beginIdempotent(query, teamId, 'up', importPath, null)).toEqual({ kind: 'in_progress' });
    await finishIdempotent(query, teamId, 'up', 201, { object: 'contact_import', id: 'i1' }, hash);
    // The retry learns the first hash, and compares it with its own once it has read its body.
    expect(await beginIdempotent(query, teamId, 'up', importPath, null)).toEqual({
      kind: 'replay',
      status: 201,
      body: { object: 'contact_import', id: 'i1' },
      bodyHash: hash,
    });
    expect(await beginIdempotent(query, teamId, 'up', importPath, hashBody('other'))).toEqual({ kind: 'mismatch' });
  });
});

describe('RateLimiter (per-process leases of the shared bucket)', () => {
  it('never lets two processes together past the limit, and serves most requests without a round trip', async () => {
    const teamId = await team('leases');
    await frozenBucket(teamId, 100);
    const statements: string[] = [];
    const counted = (q: SqlQuery): SqlQuery => (text, params) => {
      statements.push(text);
      return q(text, params);
    };
    const processA = new RateLimiter(counted(newPool(4)), 100, 60_000);
    const processB = new RateLimiter(counted(newPool(4)), 100, 60_000);
    const decisions = await Promise.all(Array.from({ length: 300 }, (_, i) => (i % 2 ? processA : processB).take(teamId)));
    const allowed = decisions.filter((d) => d.allowed).length;
    expect(allowed).toBeLessThanOrEqual(100);
    expect(allowed).toBeGreaterThanOrEqual(90);
    expect(decisions.filter((d) => !d.allowed).every((d) => d.retryAfterSeconds >= 1)).toBe(true);
    // Leases of 5: far fewer statements than requests once the bucket is reached.
    const sequential = new RateLimiter(counted(newPool(1)), 100, 60_000);
    const other = await team('leases-sequential');
    statements.length = 0;
    for (let i = 0; i < 50; i++) expect((await sequential.take(other)).allowed).toBe(true);
    expect(statements.length).toBe(10);
  });
});
