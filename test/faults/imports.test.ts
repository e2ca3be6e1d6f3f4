import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Roster, freshDatabase, startRoster } from '../src/harness';
import { type Db, type Expected, type ImportState, expectCheckpointed, expectImported, generate, importState, openDb, teamKeys, untilState, upload } from './import-check';
import { type Proc, cleanUpProcesses, kill9, spawnWorker, startWorker, terminate, waitUntil } from './processes';

// Import workers killed with SIGKILL, stopped with SIGTERM and cut off from their lock, on one real
// database. The API runs in this process with no workers of its own; imports run in
// `roster worker` child processes. Each case ends with exactly the expected contacts and counts
// (checklist J2-J4).

const ROWS = 200_000; // the kill -9 test's file
const ROWS_SMALL = 60_000; // 12 batches
// Generous: these tests wait on conditions, and a loaded two-core machine is slow at them.
const LONG = 300_000;

cleanUpProcesses('each');

let api: Roster;
let db: Db;
let dbUrl: string;

beforeAll(async () => {
  dbUrl = await freshDatabase();
  api = await startRoster({ workers: 0, dbUrl });
  db = openDb(dbUrl);
});
afterAll(async () => {
  await db?.close();
  await api?.close();
});

/** Resume delays measured in this file, printed at the end for the record (not asserted). */
const measured: string[] = [];
afterAll(() => {
  if (measured.length) console.log(`import resume delays:\n  ${measured.join('\n  ')}`);
});

async function newImport(team: string, rows: number): Promise<{ id: string; teamId: string; expected: Expected }> {
  const { key, teamId } = (await teamKeys(dbUrl, [team])).get(team)!;
  const expected = generate(rows, team);
  return { id: await upload(api, key, expected), teamId, expected };
}

/** Whether `worker` is running a batch's merge statement right now. */
async function merging(worker: Proc): Promise<boolean> {
  const rows = await db.query(
    `select 1 from pg_stat_activity where datname = current_database() and application_name = $1
       and state = 'active' and query like 'with src as%'`,
    [worker.name],
  );
  return rows.length > 0;
}

/** The import's committed state at a moment `worker` had a batch merge in flight. */
async function inFlight(id: string, worker: Proc): Promise<ImportState> {
  // The state is read first: a merge seen running afterwards is not among its committed batches.
  return waitUntil(async () => {
    const s = await importState(db, id);
    return (await merging(worker)) ? s : null;
  }, 'a batch merge in flight');
}

describe('kill -9 of a worker mid-import', () => {
  it('resumes after kills while staging, with a batch in flight and right after a commit, and ends exact', async () => {
    const { id, teamId, expected } = await newImport('kill9', ROWS);
    expect((await importState(db, id)).status).toBe('queued');

    // (a) Killed while the file is being staged.
    const first = spawnWorker('kill9-1', dbUrl);
    const staging = await untilState(db, id, (s) => s.staged_rows > 0 && !s.staged, 'staging under way');
    await kill9(first);
    expect(staging.staged_rows).toBeLessThan(ROWS);
    expect(await importState(db, id)).toMatchObject({ status: 'in_progress', total: 0, batches: 0, attempts: 1 });

    // (b) Killed with a batch's merge statement running: its transaction never commits.
    const second = spawnWorker('kill9-2', dbUrl);
    await untilState(db, id, (s) => s.attempts === 2, 'the second worker taking the import over');
    const resumeA = Date.now() - second.startedAt;
    const before = await inFlight(id, second);
    await kill9(second);
    const afterB = await importState(db, id);
    expect(afterB.status).toBe('in_progress');
    expect(afterB.total).toBeLessThan(ROWS);
    expectCheckpointed(afterB);
    expect(afterB.batches).toBeGreaterThanOrEqual(before.batches);

    // (c) Killed right after a batch committed (with the next one usually under way).
    const third = spawnWorker('kill9-3', dbUrl);
    await untilState(db, id, (s) => s.attempts === 3, 'the third worker taking the import over');
    const resumeB = Date.now() - third.startedAt;
    const committed = await untilState(db, id, (s) => s.batches > afterB.batches, 'a batch committed by the third worker');
    await kill9(third);
    const afterC = await importState(db, id);
    expect(afterC.status).toBe('in_progress');
    expect(afterC.batches).toBeGreaterThanOrEqual(committed.batches);
    expectCheckpointed(afterC);

    // A new worker resumes from the last committed batch and completes.
    const fourth = spawnWorker('kill9-4', dbUrl);
    await untilState(db, id, (s) => s.attempts === 4, 'the fourth worker taking the import over');
    const resumeC = Date.now() - fourth.startedAt;
    await untilState(db, id, (s) => s.status === 'completed', 'completion');
    measured.push(
      `kill -9 while staging (${staging.staged_rows} of ${ROWS} rows staged): next worker took over ${resumeA} ms after its start`,
      `kill -9 with a batch in flight (${afterB.batches} committed): next worker took over ${resumeB} ms after its start`,
      `kill -9 after a commit (${afterC.batches} committed): next worker took over ${resumeC} ms after its start`,
    );

    await expectImported(db, id, teamId, expected);
    expect((await importState(db, id)).attempts).toBe(4);
    expect(await terminate(fourth)).toBe(0);
  }, LONG);
});

describe('SIGTERM mid-import', () => {
  it('finishes the batch in flight, exits 0, leaves the import in progress, and another worker completes it', async () => {
    const { id, teamId, expected } = await newImport('sigterm', ROWS_SMALL);
    // A grace period nothing reaches: the worker must wait for its batches, however slow.
    const first = await startWorker('sigterm-1', dbUrl, { ROSTER_SHUTDOWN_TIMEOUT_MS: String(LONG) });
    await untilState(db, id, (s) => s.total > 0, 'batches merged');
    const before = await inFlight(id, first);
    expect(await terminate(first)).toBe(0);
    expect(first.output()).toMatch(/Import worker stopped/);
    // It waited for the batch (no cut-off), and that batch committed.
    expect(first.output()).not.toMatch(/cutting them off/);
    const after = await importState(db, id);
    expect(after.status).toBe('in_progress');
    expect(after.batches).toBeGreaterThan(before.batches);
    expect(after.total).toBeLessThan(expected.rows);
    expectCheckpointed(after);

    const second = spawnWorker('sigterm-2', dbUrl);
    await untilState(db, id, (s) => s.total > after.total || s.status !== 'in_progress', 'progress after the restart');
    measured.push(`SIGTERM with a batch in flight (${before.batches} committed before, ${after.batches} after): next worker progressed ${Date.now() - second.startedAt} ms after its start`);
    await untilState(db, id, (s) => s.status === 'completed', 'completion');
    await expectImported(db, id, teamId, expected);
    expect((await importState(db, id)).attempts).toBe(2);
    expect(await terminate(second)).toBe(0);
  }, LONG);

  it('releases the import when stopped while staging (cut off after its grace period), and it completes elsewhere', async () => {
    const { id, teamId, expected } = await newImport('sigterm-staging', ROWS_SMALL);

    // Staging does not stop between batches: the worker waits this long, then cuts it off.
    const first = spawnWorker('sigterm-staging-1', dbUrl, { ROSTER_SHUTDOWN_TIMEOUT_MS: '200' });
    // The staging COPY is running (staged_rows is only reported every half second).
    const staging = await waitUntil(async () => {
      const s = await importState(db, id);
      const copying = await db.query(`select 1 from pg_stat_activity where application_name = $1 and state = 'active' and query ilike 'copy import_stage_%'`, [first.name]);
      return copying.length > 0 ? s : null;
    }, 'staging');
    expect(await terminate(first)).toBe(0);
    expect(first.output()).toMatch(/cutting them off/);
    expect(await importState(db, id)).toMatchObject({ status: 'in_progress', batches: 0, total: 0 });
    // Nothing of the cut-off run holds on: no session of that worker is left.
    await waitUntil(async () => (await db.query('select 1 from pg_stat_activity where application_name = $1', [first.name])).length === 0, "the stopped worker's sessions to end");
    measured.push(`SIGTERM while staging (${staging.staged_rows} rows reported staged): staging cut off`);

    const second = spawnWorker('sigterm-staging-2', dbUrl);
    await untilState(db, id, (s) => s.status === 'completed', 'completion');
    await expectImported(db, id, teamId, expected);
    expect(await terminate(second)).toBe(0);
  }, LONG);
});

describe('a worker that loses its lock mid-import', () => {
  it('stops writing, survives, and the import is taken up again and ends exact', async () => {
    const { id, teamId, expected } = await newImport('fence', ROWS_SMALL);
    const worker = spawnWorker('fence-1', dbUrl);
    await untilState(db, id, (s) => s.total > 0, 'batches merged');
    // The session that holds the import's advisory lock dies (as after a network partition); the
    // worker's other connections live on.
    const [holder] = await db.query<{ ok: boolean }>(
      `select pg_terminate_backend(pid) as ok from pg_locks
       where locktype = 'advisory' and granted and classid = 742001 and objid = hashtext($1)::oid and objsubid = 2`,
      [id],
    );
    expect(holder?.ok).toBe(true);
    const lost = await importState(db, id);
    await untilState(db, id, (s) => s.status === 'completed', 'completion');
    expect(worker.alive()).toBe(true);
    expect(worker.output()).toMatch(/lost its lock/);
    expect(lost.total).toBeLessThan(expected.rows);
    await expectImported(db, id, teamId, expected);
    expect((await importState(db, id)).attempts).toBe(2);
    expect(await terminate(worker)).toBe(0);
  }, LONG);
});
