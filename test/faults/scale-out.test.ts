import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { initOrm } from '@roster/server/orm';
import { freshDatabase } from '../src/harness';
import {
  type Db,
  type Expected,
  type Followed,
  type Progress,
  expectFollowedToTheEnd,
  expectImported,
  follow,
  generate,
  importState,
  openDb,
  teamKeys,
  untilState,
  upload,
} from './import-check';
import { type ApiProc, type Proc, cleanUpProcesses, describeProcesses, kill9, startApi, startWorker, terminate, waitUntil } from './processes';

// The README's scale-out topology on this machine, as separate processes on one PostgreSQL: API
// processes started as `pnpm start` does (ROSTER_IMPORT_CONCURRENCY=0) and `roster worker`
// processes. Imports sent to either API run exactly once (checklist J6), their progress reaches
// subscribers on every API through LISTEN/NOTIFY (S8), and a kill -9 of a worker and of an API
// mid-import loses and duplicates nothing (J2, X1).

// Generous: these tests wait on conditions, and a loaded two-core machine is slow at them.
const LONG = 300_000;
cleanUpProcesses('each');

const apiKey = `re_scaleout_${randomUUID().replaceAll('-', '')}`;

let dbUrl: string;
let db: Db;
beforeAll(async () => {
  dbUrl = await freshDatabase();
  db = openDb(dbUrl);
});
afterAll(() => db?.close());

interface Job {
  team: string;
  id: string;
  teamId: string;
  key: string;
  expected: Expected;
}

async function submit(api: ApiProc, team: string, rows: number): Promise<Job> {
  const { key, teamId } = (await teamKeys(dbUrl, [team])).get(team)!;
  const expected = generate(rows, team);
  return { team, key, teamId, expected, id: await upload(api, key, expected) };
}

/** Follows `job` on `api`; resolves `opened` at its first event (the state at subscribe time). */
function subscriber(api: ApiProc, job: Job): { opened: Promise<Progress>; done: Promise<Followed> } {
  let first: (p: Progress) => void = () => {};
  const opened = new Promise<Progress>((done) => {
    first = done;
  });
  const done = follow(api, job.key, job.id, (p) => first(p));
  return { opened: Promise.race([opened, done.then((f) => Promise.reject(new Error(`stream ended before its first event: ${f.error}`)))]), done };
}

/** Which processes (by application_name) hold each import's advisory lock right now. */
async function lockHolders(ids: string[]): Promise<Map<string, string[]>> {
  const rows = await db.query<{ id: string; holders: string[] }>(
    `select i.id, array_agg(a.application_name) as holders from contact_import i
     join pg_locks l on l.locktype = 'advisory' and l.granted and l.classid = 742001 and l.objid = hashtext(i.id::text)::oid and l.objsubid = 2
     join pg_stat_activity a on a.pid = l.pid
     where i.id = any($1::uuid[]) group by i.id`,
    [ids],
  );
  return new Map(rows.map((r) => [r.id, r.holders]));
}

async function listening(name: string): Promise<boolean> {
  return (await db.query(`select 1 from pg_stat_activity where application_name = $1 and query ilike 'listen %'`, [name])).length > 0;
}

async function teamName(url: string): Promise<string | undefined> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
    body: JSON.stringify({ query: '{ team { name } }' }),
  });
  return ((await response.json()) as { data?: { team: { name: string } } }).data?.team.name;
}

describe('N API processes and M workers on one PostgreSQL', () => {
  it('all start at once on an empty database: migrations run once and every process comes up', async () => {
    // `docker compose up` starts every service together on a new volume. To make their start-ups
    // meet at the migrations every time (not only when the timing happens to line up), the
    // migrations table is made and locked before they start, and released once all four wait on it.
    const adminUrl = inject('adminUrl');
    const name = `roster_${randomUUID().replaceAll('-', '')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const emptyUrl = adminUrl.replace(/\/[^/]*$/, `/${name}`);
    const orm = await initOrm(emptyUrl, { poolMax: 1 });
    await orm.getMigrator().getStorage().ensureTable?.();
    await orm.close(true);
    const gate = new pg.Client({ connectionString: emptyUrl });
    await gate.connect();
    await gate.query('begin');
    await gate.query('lock table mikro_orm_migrations in access exclusive mode');

    const starting = Promise.allSettled([
      startApi('boot-api-1', emptyUrl, apiKey),
      startApi('boot-api-2', emptyUrl, apiKey),
      startWorker('boot-worker-1', emptyUrl),
      startWorker('boot-worker-2', emptyUrl),
    ]);
    const check = openDb(emptyUrl);
    try {
      await waitUntil(
        async () => (await check.query(`select 1 from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`)).length >= 4,
        'all four processes waiting at the migrations',
      );
      await gate.query('rollback');
      const started = await starting;
      const failures = started.flatMap((s) => (s.status === 'rejected' ? [String(s.reason).slice(0, 600)] : []));
      expect(failures).toEqual([]);
      const procs = started.map((s) => (s as PromiseFulfilledResult<Proc>).value);
      const migrations = await check.query<{ name: string; n: number }>('select name, count(*)::int as n from mikro_orm_migrations group by name order by name');
      expect(migrations.length).toBeGreaterThan(0);
      expect(migrations.filter((m) => m.n !== 1)).toEqual([]);
      expect(await teamName((procs[0] as ApiProc).url)).toBe('default');
      expect(await teamName((procs[1] as ApiProc).url)).toBe('default');
      expect(await check.query('select 1 from api_key')).toHaveLength(1);
      expect(await Promise.all(procs.map(terminate))).toEqual([0, 0, 0, 0]);
    } finally {
      await gate.end().catch(() => {});
      await check.close();
    }
  }, LONG);

  it('runs imports sent to either API exactly once, and subscribers on both APIs see each to its end', async () => {
    const apis = await Promise.all([startApi('api-1', dbUrl, apiKey), startApi('api-2', dbUrl, apiKey)]);
    // Two imports through each API, each followed on both APIs from before any worker runs.
    const jobs = await Promise.all(['pair-1', 'pair-2', 'pair-3', 'pair-4'].map((team, i) => submit(apis[i % 2]!, team, 30_000)));
    const streams = jobs.flatMap((job) => apis.map((api) => ({ job, api, ...subscriber(api, job) })));
    const firsts = await Promise.all(streams.map((s) => s.opened));
    expect(firsts.map((p) => p.status)).toEqual(streams.map(() => 'QUEUED'));
    expect(await listening('api-1')).toBe(true);
    expect(await listening('api-2')).toBe(true);

    const workers = await Promise.all([startWorker('worker-1', dbUrl), startWorker('worker-2', dbUrl)]);
    // Who holds each import's lock while they run: never two at once, one owner from start to end.
    const owners = new Map<string, Set<string>>();
    const overlaps: string[][] = [];
    const ids = jobs.map((j) => j.id);
    await waitUntil(async () => {
      for (const [id, holders] of await lockHolders(ids)) {
        if (holders.length !== 1) overlaps.push(holders);
        for (const holder of holders) owners.set(id, (owners.get(id) ?? new Set()).add(holder));
      }
      return (await Promise.all(ids.map((id) => importState(db, id)))).every((s) => s.status === 'completed');
    }, 'every import to complete');

    expect(overlaps).toEqual([]);
    for (const stream of streams) expectFollowedToTheEnd(await stream.done, stream.job.expected);
    for (const job of jobs) {
      const state = await expectImported(db, job.id, job.teamId, job.expected);
      expect(state.attempts).toBe(1);
      expect(owners.get(job.id)?.size ?? 1).toBe(1);
    }
    // What went in came out: no other import appeared.
    expect(await db.query(`select status, count(*)::int as n from contact_import group by status`)).toEqual([{ status: 'completed', n: 4 }]);
    // Everything stops cleanly.
    expect(await Promise.all([...workers, ...apis].map(terminate))).toEqual([0, 0, 0, 0]);
  }, LONG);

  it('survives a kill -9 of a worker and an API mid-import: imports end exact, progress reaches the surviving API', async () => {
    const [api1, api2] = await Promise.all([startApi('kill-api-1', dbUrl, apiKey), startApi('kill-api-2', dbUrl, apiKey)]);
    const workers = await Promise.all([startWorker('kill-worker-1', dbUrl), startWorker('kill-worker-2', dbUrl)]);
    const a = await submit(api1, 'kill-a', 100_000);
    const b = await submit(api2!, 'kill-b', 60_000);
    const onApi1 = [a, b].map((job) => subscriber(api1, job).done);
    const onApi2 = [a, b].map((job) => subscriber(api2!, job).done);

    // Import A is merging batches: kill -9 the worker that runs it, and API 1.
    await untilState(db, a.id, (s) => s.total > 0, 'import A merging');
    const holder = (await lockHolders([a.id])).get(a.id)?.[0];
    const victim = workers.find((w) => w.name === holder);
    expect(victim, `lock holder ${holder}\n${describeProcesses()}`).toBeDefined();
    const survivor = workers.find((w) => w !== victim)!;
    await Promise.all([kill9(victim!), kill9(api1)]);
    const cut = await importState(db, a.id);
    expect(cut.status).toBe('in_progress');
    expect(cut.total).toBeLessThan(a.expected.rows);

    // API 1's streams end (its process is gone) rather than hang.
    for (const followed of await Promise.all(onApi1)) if (!followed.completed) expect(followed.error).toBeDefined();
    // Its clients reconnect through the load balancer to API 2: the state first, then to the end.
    const reconnected = [a, b].map((job) => subscriber(api2, job));
    for (const [i, job] of [a, b].entries()) {
      const first = await reconnected[i]!.opened;
      expect(first.counts.total).toBeGreaterThanOrEqual(job === a ? cut.total : 0);
    }
    // The surviving worker takes A over once free; a new import sent to API 2 runs as well.
    const c = await submit(api2, 'kill-c', 10_000);
    for (const [i, job] of [a, b].entries()) {
      expectFollowedToTheEnd(await reconnected[i]!.done, job.expected);
      expectFollowedToTheEnd(await onApi2[i]!, job.expected);
    }
    await untilState(db, c.id, (s) => s.status === 'completed', 'import C');
    expect((await expectImported(db, a.id, a.teamId, a.expected)).attempts).toBe(2);
    expect((await expectImported(db, b.id, b.teamId, b.expected)).attempts).toBe(1);
    expect((await expectImported(db, c.id, c.teamId, c.expected)).attempts).toBe(1);
    // The killed worker's sessions (and its lock) are gone; the survivors stop cleanly.
    expect(await db.query('select 1 from pg_stat_activity where application_name = any($1)', [[victim!.name, api1.name]])).toEqual([]);
    expect(await Promise.all([survivor, api2].map(terminate))).toEqual([0, 0]);
  }, LONG);
});
