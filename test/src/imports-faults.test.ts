import { type ChildProcess, spawn } from 'node:child_process';
import { type Socket, connect, createServer } from 'node:net';
import { resolve } from 'node:path';
import { ImportEvents } from '@roster/server/events';
import { IMPORT_CHANNEL } from '@roster/schema/imports/import.service';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Roster, freshDatabase, startRoster, uploadCsv } from './harness';

// Fault tests for CSV imports with real processes on one real database: the API runs in this
// process (no workers of its own) and imports run in `roster worker` child processes, which are
// killed with SIGKILL, stopped with SIGTERM, run side by side, and cut off from LISTEN.

const SERVER_DIR = resolve(import.meta.dirname, '../../packages/server');
const ROWS = 200_000; // the kill -9 test's file
const ROWS_SMALLER = 100_000; // a file whose staging lasts long enough to be stopped in
const ROWS_SMALL = 60_000; // 12 batches: enough to stop or disturb between them
const BATCH = 5000; // the runner's default batch size

// ---------------------------------------------------------------------------------------------
// A generated CSV and what importing it must give.

interface Expected {
  csv: string;
  rows: number;
  created: number;
  skipped: number;
  failed: number;
  /** lower(email) -> the winning row's first and last name. */
  contacts: Map<string, { first: string; last: string }>;
  /** row number -> the row that replaced it ("Duplicate of row N"). */
  duplicates: Map<number, number>;
  invalid: Set<number>;
}

/**
 * `rows` data rows: every 97th has a bad email, every 331st a column too many (both failed), every
 * 50th repeats the email of the row 25 before it in upper case with other names (the later row wins,
 * the earlier one is skipped), the rest are new contacts.
 */
function generate(rows: number, tag: string): Expected {
  const lines = ['email,first_name,last_name'];
  const winner = new Map<string, number>();
  const names = new Map<number, { first: string; last: string }>();
  const invalid = new Set<number>();
  for (let r = 1; r <= rows; r++) {
    if (r % 97 === 0) {
      lines.push(`bad-${r}-at-${tag}.example,Bad,Row`);
      invalid.add(r);
      continue;
    }
    if (r % 331 === 0) {
      lines.push(`u${r}@${tag}.example,Extra,Column,oops`);
      invalid.add(r);
      continue;
    }
    const dup = r % 50 === 0;
    const email = dup ? `U${r - 25}@${tag.toUpperCase()}.EXAMPLE` : `u${r}@${tag}.example`;
    const first = dup ? `Dup${r}` : `First${r}`;
    const last = `Last${r}`;
    lines.push(`${email},${first},${last}`);
    winner.set(email.toLowerCase(), r);
    names.set(r, { first, last });
  }
  const contacts = new Map<string, { first: string; last: string }>();
  for (const [email, row] of winner) contacts.set(email, names.get(row)!);
  const duplicates = new Map<number, number>();
  for (let r = 1; r <= rows; r++) {
    if (invalid.has(r) || !names.has(r)) continue;
    const email = r % 50 === 0 ? `u${r - 25}@${tag}.example` : `u${r}@${tag}.example`;
    const w = winner.get(email)!;
    if (w !== r) duplicates.set(r, w);
  }
  return {
    csv: `${lines.join('\n')}\n`,
    rows,
    created: contacts.size,
    skipped: duplicates.size,
    failed: invalid.size,
    contacts,
    duplicates,
    invalid,
  };
}

// ---------------------------------------------------------------------------------------------
// Worker processes: `node --import tsx src/cli.ts worker` with the test database.

interface Proc {
  child: ChildProcess;
  startedAt: number;
  /** When it printed that it runs (after start-up: node, tsx, migrations check, LISTEN). */
  readyAt: () => number | undefined;
  output: () => string;
  exited: Promise<number | null>;
  waitFor: (pattern: RegExp) => Promise<void>;
}

const children = new Set<ChildProcess>();
/** Every worker's output, to explain a timeout. */
const outputs: (() => string)[] = [];

function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!/^(DATABASE_URL|PORT|HOST|NODE_ENV|ROSTER_.*)$/.test(name)) env[name] = value;
  }
  return { ...env, NODE_ENV: 'production', ...extra };
}

function spawnWorker(dbUrl: string, env: Record<string, string> = {}): Proc {
  const startedAt = Date.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'worker', '--concurrency', '1'], {
    cwd: SERVER_DIR,
    env: cleanEnv({ DATABASE_URL: dbUrl, ROSTER_DB_POOL_MAX: '2', ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let text = '';
  let readyAt: number | undefined;
  const waiters: { pattern: RegExp; done: () => void }[] = [];
  const onData = (chunk: Buffer) => {
    text += chunk.toString();
    if (readyAt === undefined && /Import worker running/.test(text)) readyAt = Date.now();
    for (const waiter of [...waiters]) {
      if (waiter.pattern.test(text)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.done();
      }
    }
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  outputs.push(() => `worker ${child.pid} (exit ${child.exitCode ?? child.signalCode ?? 'running'}):\n${text.slice(-2000)}`);
  return {
    child,
    startedAt,
    readyAt: () => readyAt,
    output: () => text,
    exited,
    waitFor: (pattern) =>
      new Promise((done, fail) => {
        if (pattern.test(text)) return done();
        waiters.push({ pattern, done });
        void exited.then((code) => fail(new Error(`worker exited with ${code} before printing ${pattern}:\n${text}`)));
      }),
  };
}

async function kill(proc: Proc): Promise<void> {
  proc.child.kill('SIGKILL');
  await proc.exited;
}

afterAll(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

// ---------------------------------------------------------------------------------------------
// State and assertions, read straight from the database.

interface State {
  status: string;
  staged: boolean;
  staged_rows: number;
  total: number;
  created: number;
  updated: number;
  skipped: number;
  failed: number;
  attempts: number;
  batches: number;
}

let api: Roster;
let dbUrl: string;

async function state(id: string): Promise<State> {
  const [row] = await api.query<State>(
    `select status, staged, staged_rows, total, created, updated, skipped, failed, attempts,
       (select count(*)::int from contact_import_batch b where b.import_id = i.id) as batches
     from contact_import i where id = $1`,
    [id],
  );
  return row!;
}

/** Polls the import's state until `check` holds (each read right after the previous one). */
async function until(id: string, check: (s: State) => boolean, what: string, timeoutMs = 30_000): Promise<State> {
  const deadline = Date.now() + timeoutMs;
  let last: State | undefined;
  while (Date.now() < deadline) {
    last = await state(id);
    if (check(last)) return last;
    await new Promise((done) => setTimeout(done, 10));
  }
  throw new Error(`timed out waiting for ${what}; last state ${JSON.stringify(last)}\n${outputs.map((o) => o()).join('\n')}`);
}

async function teamId(name: string): Promise<string> {
  const [row] = await api.query<{ id: string }>('select id from team where name = $1', [name]);
  return row!.id;
}

async function upload(key: string, expected: Expected): Promise<string> {
  const result = await uploadCsv(api, key, expected.csv);
  expect(result.status).toBe(200);
  const imported = result.body.data?.importContacts;
  expect(imported?.__typename).toBe('ContactImport');
  return String(imported?.id);
}

/** Exactly the expected contacts, counts, failures and history, nothing more. */
async function expectImported(id: string, team: string, expected: Expected): Promise<void> {
  const s = await state(id);
  expect(s).toMatchObject({
    status: 'completed',
    total: expected.rows,
    created: expected.created,
    updated: 0,
    skipped: expected.skipped,
    failed: expected.failed,
    batches: Math.ceil(expected.rows / BATCH),
  });
  expect(s.total).toBe(s.created + s.updated + s.skipped + s.failed);

  const contacts = await api.query<{ email: string; first_name: string; last_name: string; source: string }>(
    'select lower(email) as email, first_name, last_name, source from contact where team_id = $1',
    [team],
  );
  expect(contacts).toHaveLength(expected.created);
  const mismatches = contacts.filter((c) => {
    const want = expected.contacts.get(c.email);
    return !want || want.first !== c.first_name || want.last !== c.last_name || c.source !== 'import';
  });
  expect(mismatches.slice(0, 5)).toEqual([]);

  const failures = await api.query<{ outcome: string; n: number; rows: number }>(
    `select outcome, count(*)::int as n, count(distinct row_number)::int as rows from contact_import_failure
     where import_id = $1 group by outcome order by outcome`,
    [id],
  );
  expect(failures).toEqual([
    { outcome: 'failed', n: expected.failed, rows: expected.failed },
    { outcome: 'skipped', n: expected.skipped, rows: expected.skipped },
  ]);
  const sample = await api.query<{ row_number: number; outcome: string; reason: string }>(
    `select row_number, outcome, reason from contact_import_failure where import_id = $1 and row_number = any($2::int[]) order by row_number`,
    [id, [25, 97, 331]],
  );
  expect(sample).toEqual([
    { row_number: 25, outcome: 'skipped', reason: `Duplicate of row ${expected.duplicates.get(25)}` },
    { row_number: 97, outcome: 'failed', reason: expect.stringMatching(/email/i) },
    { row_number: 331, outcome: 'failed', reason: 'Row has 4 columns, the header has 3' },
  ]);

  const events = await api.query<{ type: string; n: number; contacts: number }>(
    `select type, count(*)::int as n, count(distinct contact_id)::int as contacts from contact_event
     where team_id = $1 group by type`,
    [team],
  );
  expect(events).toEqual([{ type: 'created', n: expected.created, contacts: expected.created }]);
}

// ---------------------------------------------------------------------------------------------
// A GraphQL-over-SSE subscription read event by event.

interface Progress {
  status: string;
  stagedRows: number;
  counts: { total: number; created: number; updated: number; skipped: number; failed: number };
}

const PROGRESS = 'subscription ($id: ID!) { importProgress(id: $id) { status stagedRows counts { total created updated skipped failed } } }';

async function follow(key: string, id: string, onEvent: (p: Progress) => void, limitMs = 60_000): Promise<{ events: Progress[]; completed: boolean }> {
  const response = await fetch(`${api.url}/graphql`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify({ query: PROGRESS, variables: { id } }),
    signal: AbortSignal.timeout(limitMs),
  });
  expect(response.status).toBe(200);
  const events: Progress[] = [];
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true });
    for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
      const frame = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const type = /^event: (\w+)/m.exec(frame)?.[1];
      const data = /^data: (.*)$/m.exec(frame)?.[1];
      if (type === 'next' && data) {
        const body = JSON.parse(data) as { data?: { importProgress: Progress }; errors?: unknown };
        if (!body.data) throw new Error(`subscription error: ${data}`);
        events.push(body.data.importProgress);
        onEvent(body.data.importProgress);
      }
      if (type === 'complete') return { events, completed: true };
    }
  }
  return { events, completed: false };
}

// ---------------------------------------------------------------------------------------------

beforeAll(async () => {
  dbUrl = await freshDatabase();
  api = await startRoster({ workers: 0, dbUrl });
});
afterAll(() => api?.close());

/** Resume delays measured in this file, printed at the end for the record. */
const measured: string[] = [];
afterAll(() => {
  if (measured.length) console.log(`import resume delays:\n  ${measured.join('\n  ')}`);
});

describe('kill -9 of a worker mid-import', () => {
  it('resumes after a kill while staging and after a kill between batches, and ends exact', async () => {
    const key = await api.newKey('kill9');
    const team = await teamId('kill9');
    const expected = generate(ROWS, 'kill9');
    const id = await upload(key, expected);
    expect((await state(id)).status).toBe('queued');

    // (a) Killed while the file is being staged.
    const first = spawnWorker(dbUrl);
    const staging = await until(id, (s) => s.staged_rows > 0 && !s.staged, 'staging under way');
    await kill(first);
    const afterA = await state(id);
    expect(staging.staged_rows).toBeLessThan(ROWS);
    expect(afterA).toMatchObject({ status: 'in_progress', total: 0, batches: 0, attempts: 1 });

    // (b) Killed once a few batches are merged.
    const second = spawnWorker(dbUrl);
    const resumedA = await until(id, (s) => s.attempts === 2, 'the second worker taking the import over');
    const resumeA = Date.now() - second.startedAt;
    const readyA = second.readyAt();
    const merging = await until(id, (s) => s.total > 0, 'batches merged');
    await kill(second);
    const afterB = await state(id);
    expect(merging.total).toBeLessThan(ROWS);
    expect(afterB.status).toBe('in_progress');
    expect(resumedA.attempts).toBe(2);
    // The counts are exactly those of the committed batches (a batch and its counts commit together).
    expect(afterB.total).toBe(afterB.batches * BATCH);
    expect(afterB.total).toBe(afterB.created + afterB.updated + afterB.skipped + afterB.failed);

    // A new worker resumes from the last committed batch and completes.
    const third = spawnWorker(dbUrl);
    await until(id, (s) => s.attempts === 3, 'the third worker taking the import over');
    const resumeB = Date.now() - third.startedAt;
    await until(id, (s) => s.total > afterB.total || s.status !== 'in_progress', 'progress after the restart');
    const progressB = Date.now() - third.startedAt;
    const readyB = third.readyAt();
    await until(id, (s) => s.status === 'completed', 'completion');
    measured.push(
      `kill -9 while staging (${staging.staged_rows} of ${ROWS} rows staged): next worker took over ${resumeA} ms after its start (${readyA ? readyA - second.startedAt : '?'} ms of it starting up)`,
      `kill -9 after ${afterB.batches} batches: next worker took over ${resumeB} ms after its start (${readyB ? readyB - third.startedAt : '?'} ms of it starting up), next progress at ${progressB} ms`,
    );
    expect(resumeA).toBeLessThan(15_000);
    expect(progressB).toBeLessThan(15_000);

    await expectImported(id, team, expected);
    expect((await state(id)).attempts).toBe(3);
    // The job's working material is gone.
    expect(await api.query('select 1 from contact_import_chunk where import_id = $1', [id])).toEqual([]);
    expect(await api.query('select 1 from pg_class where relname = $1', [`import_stage_${id.replaceAll('-', '')}`])).toEqual([]);
    third.child.kill('SIGTERM');
    expect(await third.exited).toBe(0);
  });
});

describe('SIGTERM mid-import', () => {
  it('exits 0 promptly between batches, leaves the import in progress, and another worker completes it', async () => {
    const key = await api.newKey('sigterm');
    const team = await teamId('sigterm');
    const expected = generate(ROWS_SMALL, 'sigterm');
    const id = await upload(key, expected);

    const first = spawnWorker(dbUrl);
    await until(id, (s) => s.total > 0, 'batches merged');
    const signalled = Date.now();
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    const exitMs = Date.now() - signalled;
    expect(first.output()).toMatch(/Import worker stopped/);
    const after = await state(id);
    expect(after.status).toBe('in_progress');
    expect(after.total).toBeLessThan(expected.rows);
    expect(after.total).toBe(after.batches * BATCH);
    expect(exitMs).toBeLessThan(10_000);

    const second = spawnWorker(dbUrl);
    await until(id, (s) => s.total > after.total || s.status !== 'in_progress', 'progress after the restart');
    const progressMs = Date.now() - second.startedAt;
    measured.push(`SIGTERM after ${after.batches} batches: exit 0 in ${exitMs} ms; next worker progressed ${progressMs} ms after its start`);
    await until(id, (s) => s.status === 'completed', 'completion');
    await expectImported(id, team, expected);
    expect((await state(id)).attempts).toBe(2);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });

  it('exits 0 promptly when stopped while staging (cut off after its grace period), and the import completes elsewhere', async () => {
    const key = await api.newKey('sigterm-staging');
    const team = await teamId('sigterm-staging');
    const expected = generate(ROWS_SMALLER, 'sigterm-staging');
    const id = await upload(key, expected);

    // Staging does not stop between batches: the worker waits this long, then cuts it off.
    const first = spawnWorker(dbUrl, { ROSTER_SHUTDOWN_TIMEOUT_MS: '200' });
    // The staging COPY is running (staged_rows is only reported every half second).
    const copying = async () =>
      (await api.query(`select 1 from pg_stat_activity where datname = current_database() and state = 'active' and query ilike 'copy import_stage_%'`)).length > 0;
    let staging = await state(id);
    for (const deadline = Date.now() + 30_000; !(await copying()); staging = await state(id)) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for staging; last state ${JSON.stringify(staging)}`);
      await new Promise((next) => setTimeout(next, 10));
    }
    const signalled = Date.now();
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    const exitMs = Date.now() - signalled;
    expect((await state(id)).status).toBe('in_progress');
    expect(exitMs).toBeLessThan(10_000);
    expect(first.output()).toMatch(/cutting them off/);
    measured.push(`SIGTERM while staging (${staging.staged_rows} rows reported staged): exit 0 in ${exitMs} ms, staging cut off`);

    const second = spawnWorker(dbUrl);
    await until(id, (s) => s.status === 'completed', 'completion');
    await expectImported(id, team, expected);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });
});

describe('several processes', () => {
  it('streams progress of an import run by a worker in another process to a subscriber of this one', async () => {
    const key = await api.newKey('cross');
    const team = await teamId('cross');
    const expected = generate(ROWS_SMALL, 'cross');
    const id = await upload(key, expected);
    const stream = follow(key, id, () => {});
    // The subscriber is connected (its first event is the queued state) before any worker runs.
    await until(id, () => api.importEvents.listenerCount(id) > 0, 'the subscriber waiting');
    const worker = spawnWorker(dbUrl);
    const { events, completed } = await stream;
    expect(completed).toBe(true);
    expect(events[0]?.status).toBe('QUEUED');
    const moving = events.filter((e) => e.status === 'IN_PROGRESS' && e.counts.total > 0 && e.counts.total < expected.rows);
    expect(moving.length).toBeGreaterThan(1);
    const totals = events.map((e) => e.counts.total);
    expect(totals).toEqual([...totals].sort((a, b) => a - b));
    expect(events.at(-1)).toEqual({
      status: 'COMPLETED',
      stagedRows: expected.rows,
      counts: { total: expected.rows, created: expected.created, updated: 0, skipped: expected.skipped, failed: expected.failed },
    });
    await expectImported(id, team, expected);
    worker.child.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
  });

  it('runs each of two imports exactly once with two worker processes on one queue', async () => {
    const workers = [spawnWorker(dbUrl), spawnWorker(dbUrl)];
    await Promise.all(workers.map((w) => w.waitFor(/Import worker running/)));
    const jobs = await Promise.all(
      ['pair-1', 'pair-2'].map(async (name) => {
        const key = await api.newKey(name);
        const expected = generate(40_000, name);
        return { team: await teamId(name), expected, id: await upload(key, expected) };
      }),
    );
    // Which sessions hold the imports' locks while they run: never two at once for one import.
    const owners = new Map<string, Set<number>>();
    const done = () => Promise.all(jobs.map(({ id }) => state(id))).then((all) => all.every((s) => s.status === 'completed'));
    const deadline = Date.now() + 30_000;
    while (!(await done())) {
      if (Date.now() > deadline) throw new Error('timed out waiting for both imports');
      const locks = await api.query<{ id: string; holders: number[] }>(
        `select i.id, array_agg(l.pid) as holders from contact_import i
         join pg_locks l on l.locktype = 'advisory' and l.granted and l.classid = 742001 and l.objid = hashtext(i.id::text)::oid and l.objsubid = 2
         where i.id = any($1::uuid[]) group by i.id`,
        [jobs.map((j) => j.id)],
      );
      for (const { id, holders } of locks) {
        expect(holders).toHaveLength(1);
        const seen = owners.get(id) ?? new Set();
        seen.add(holders[0]!);
        owners.set(id, seen);
      }
      await new Promise((next) => setTimeout(next, 20));
    }
    for (const { id, team, expected } of jobs) {
      await expectImported(id, team, expected);
      expect((await state(id)).attempts).toBe(1);
      // One owner session from start to end (when it was seen at all).
      expect(owners.get(id)?.size ?? 1).toBe(1);
    }
    for (const w of workers) w.child.kill('SIGTERM');
    expect(await Promise.all(workers.map((w) => w.exited))).toEqual([0, 0]);
  });
});

describe('a worker that loses its lock mid-import', () => {
  it('stops writing, survives, and the import is taken up again and ends exact', async () => {
    const key = await api.newKey('fence');
    const team = await teamId('fence');
    const expected = generate(ROWS_SMALL, 'fence');
    const id = await upload(key, expected);
    const worker = spawnWorker(dbUrl);
    await until(id, (s) => s.total > 0, 'batches merged');
    // The session that holds the import's advisory lock dies (as after a network partition or
    // a database restart); the worker's other connections live on.
    const [holder] = await api.query<{ ok: boolean }>(
      `select pg_terminate_backend(pid) as ok from pg_locks
       where locktype = 'advisory' and granted and classid = 742001 and objid = hashtext($1)::oid and objsubid = 2`,
      [id],
    );
    expect(holder?.ok).toBe(true);
    const lost = await state(id);
    await until(id, (s) => s.status === 'completed', 'completion');
    expect(worker.child.exitCode).toBeNull();
    expect(worker.output()).toMatch(/lost its lock/);
    expect(lost.total).toBeLessThan(expected.rows);
    await expectImported(id, team, expected);
    expect((await state(id)).attempts).toBe(2);
    worker.child.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
  });
});

describe('the LISTEN relay', () => {
  it('reconnects after its connection is terminated, and the subscriber sees the import to its end', async () => {
    const key = await api.newKey('listen');
    const team = await teamId('listen');
    const expected = generate(ROWS_SMALL, 'listen');
    const id = await upload(key, expected);
    const worker = spawnWorker(dbUrl);

    let terminatedAt = 0;
    let terminating: Promise<number> | null = null;
    let afterTermination = 0;
    const relayed: number[] = [];
    const off = api.importEvents.onAny((payload) => {
      if (payload === id && terminatedAt) relayed.push(Date.now());
    });
    const listening = () =>
      api.query<{ pid: number }>(`select pid from pg_stat_activity where datname = current_database() and query ilike 'listen %'`);
    const { events, completed } = await follow(key, id, (event) => {
      if (terminatedAt) afterTermination++;
      else if (!terminating && event.status === 'IN_PROGRESS' && event.counts.total > 0) {
        terminating = api
          .query<{ ok: boolean }>(
            `select pg_terminate_backend(pid) as ok from pg_stat_activity where datname = current_database() and query ilike 'listen %'`,
          )
          .then((rows) => {
            terminatedAt = Date.now();
            return rows.length;
          });
      }
    });
    off();
    expect(await terminating).toBeGreaterThanOrEqual(2); // this process's relay and the worker's
    expect(completed).toBe(true);
    expect(afterTermination).toBeGreaterThan(1);
    expect(events.at(-1)?.status).toBe('COMPLETED');
    // This process's relay is back: notifications from the worker arrived after the termination.
    expect(relayed.length).toBeGreaterThan(0);
    expect(api.importEvents.connected).toBe(true);
    expect((await listening()).length).toBeGreaterThanOrEqual(2);
    await expectImported(id, team, expected);
    worker.child.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
  });

  it('drops a LISTEN connection that went silent (half-open) and listens again on a new one', async () => {
    // A TCP proxy to PostgreSQL whose open connections can be made to swallow every byte.
    const target = new URL(dbUrl);
    const sockets: Socket[] = [];
    let silent = false;
    const proxy = createServer((inbound) => {
      const outbound = connect(Number(target.port), target.hostname);
      sockets.push(inbound, outbound);
      inbound.on('data', (data) => silent || outbound.write(data));
      outbound.on('data', (data) => silent || inbound.write(data));
      inbound.on('error', () => outbound.destroy());
      outbound.on('error', () => inbound.destroy());
      inbound.on('close', () => outbound.destroy());
      outbound.on('close', () => inbound.destroy());
    });
    await new Promise<void>((done) => proxy.listen(0, '127.0.0.1', done));
    const proxied = new URL(dbUrl);
    proxied.hostname = '127.0.0.1';
    proxied.port = String((proxy.address() as { port: number }).port);
    const logs: string[] = [];
    const events = new ImportEvents(proxied.toString(), (line) => logs.push(line), { heartbeatMs: 200, timeoutMs: 500 });
    try {
      await events.start();
      expect(events.connected).toBe(true);
      const announced = (payload: string) =>
        new Promise<void>((done) => {
          const off = events.onAny((id) => {
            if (id === payload) {
              off();
              done();
            }
          });
        });
      const first = announced('before');
      await api.query('select pg_notify($1, $2)', [IMPORT_CHANNEL, 'before']);
      await first;

      // The connection goes silent: no error, no close, nothing arrives.
      const stale = sockets.length;
      silent = true;
      const deadline = Date.now() + 10_000;
      while (events.connected && Date.now() < deadline) await new Promise((next) => setTimeout(next, 20));
      expect(events.connected).toBe(false);
      // New connections through the proxy work again; the relay makes one and listens on it.
      silent = false;
      for (const socket of sockets.slice(0, stale)) socket.destroy();
      while (!events.connected && Date.now() < deadline) await new Promise((next) => setTimeout(next, 20));
      expect(events.connected).toBe(true);
      const after = announced('after');
      await api.query('select pg_notify($1, $2)', [IMPORT_CHANNEL, 'after']);
      await after;
      expect(logs.join('\n')).toMatch(/failed its check/);
    } finally {
      await events.stop();
      for (const socket of sockets) socket.destroy();
      await new Promise((done) => proxy.close(done));
    }
  });
});
