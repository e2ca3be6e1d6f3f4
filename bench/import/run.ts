/**
 * `pnpm bench:import [--rows 1000000] [--skip-floor] [--skip-roster] [--skip-full-floor] [--timeout 900]`
 *
 * Generates a clean and a dirty contacts CSV (deterministic, reused from bench/.data), then, on one
 * PostgreSQL (embedded in a temp dir, or DATABASE_URL's server):
 *
 * - the floor: psql COPY into an unlogged text staging table + one INSERT ... SELECT ... ON CONFLICT
 *   into a table shaped like `contact` (first import, re-import, dirty file with DISTINCT ON), and
 *   the same with all of `contact`'s indexes and its foreign key;
 * - Roster: the real server (`packages/server/src/main.ts`, ROSTER_IMPORT_CONCURRENCY=1) on a fresh
 *   database; each file is uploaded to `importContacts` as a GraphQL multipart request streamed from
 *   disk, and followed through the `importProgress` subscription over SSE until it ends: first
 *   import, re-import (all updates), then the dirty file after emptying the contacts.
 *
 * Prints seconds, rows/s, the server's peak RSS (VmRSS sampled every 200 ms) and the ratio to the
 * floor, plus where the time went (stage vs merge from the progress events, CPU, pg_stat_activity).
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startEmbeddedPostgres } from '@roster/server/database';
import pg from 'pg';
import { Floor, type FloorTiming } from './floor';
import { type CsvFile, type Expected, csvFile } from './generate';
import { type Counts, type ProgressEvent, RosterServer, cpuSeconds, machineTicks, memoryMb } from './roster';

const { values: args } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    rows: { type: 'string', default: '1000000' },
    'skip-floor': { type: 'boolean', default: false },
    'skip-full-floor': { type: 'boolean', default: false },
    'skip-roster': { type: 'boolean', default: false },
    timeout: { type: 'string', default: '900' },
  },
});
const ROWS = Number(args.rows);
if (!Number.isInteger(ROWS) || ROWS < 1) throw new Error('--rows must be a whole number of at least 1');
const TIMEOUT_MS = Number(args.timeout) * 1000;
const DATA_DIR = fileURLToPath(new URL('../.data', import.meta.url));

const log = (line: string) => console.log(line);
const fmt = (n: number, digits = 2) => n.toFixed(digits);
const int = (n: number) => Math.round(n).toLocaleString('en');
const seconds = (since: number) => (performance.now() - since) / 1000;

// ---------------------------------------------------------------- database

interface Cluster {
  /** A new empty database; its URL. */
  create(prefix: string): Promise<string>;
  close(): Promise<void>;
}

function withDatabase(url: string, name: string): string {
  return url.replace(/\/[^/?]*(\?|$)/, `/${name}$1`);
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function openCluster(): Promise<Cluster> {
  const created: string[] = [];
  const external = process.env.DATABASE_URL;
  let admin: string;
  let stop = async () => {};
  if (external) {
    admin = external;
    log(`PostgreSQL: DATABASE_URL (databases are created and dropped there)`);
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'roster-bench-import-'));
    chmodSync(dir, 0o755); // as root, postgres runs as `postgres` and must reach the folder
    const started = performance.now();
    const db = await startEmbeddedPostgres(dir, 20000 + Math.floor(Math.random() * 20000));
    admin = withDatabase(db.url, 'postgres');
    log(`PostgreSQL: embedded, in ${dir} (started in ${fmt(seconds(started), 1)} s)`);
    stop = async () => {
      await db.stop();
      rmSync(dir, { recursive: true, force: true });
    };
  }
  return {
    create: async (prefix) => {
      const name = `${prefix}_${randomBytes(3).toString('hex')}`;
      await adminQuery(admin, `create database ${name}`);
      created.push(name);
      return withDatabase(admin, name);
    },
    close: async () => {
      if (external) for (const name of created) await adminQuery(admin, `drop database if exists ${name} with (force)`).catch(() => {});
      await stop();
    },
  };
}

// ---------------------------------------------------------------- floor

interface FloorResults {
  first?: FloorTiming;
  reimport?: FloorTiming;
  dirty?: FloorTiming;
  fullFirst?: FloorTiming;
  fullReimport?: FloorTiming;
}

async function measureFloor(cluster: Cluster, clean: CsvFile, dirty: CsvFile): Promise<FloorResults> {
  const url = await cluster.create('roster_floor');
  const floor = await Floor.open(url);
  const results: FloorResults = {};
  const show = (name: string, t: FloorTiming) => log(`floor ${name.padEnd(36)} ${fmt(t.total).padStart(7)} s  (COPY ${fmt(t.copy)} s + merge ${fmt(t.merge)} s, ${int(t.rows)} rows)`);
  const expectCount = async (what: string, want: number) => {
    const n = await floor.count();
    if (n !== want) throw new Error(`floor ${what}: ${n} contacts, expected ${want}`);
  };
  try {
    await floor.reset(false);
    results.first = await floor.run(clean, false);
    show('first import', results.first);
    await expectCount('first import', clean.expected.created);
    results.reimport = await floor.run(clean, false);
    show('re-import', results.reimport);
    await expectCount('re-import', clean.expected.created);
    await floor.reset(false);
    results.dirty = await floor.run(dirty, true);
    show('dirty file (DISTINCT ON dedupe)', results.dirty);
    await expectCount('dirty file', dirty.expected.created);
    if (!args['skip-full-floor']) {
      await floor.reset(true);
      results.fullFirst = await floor.run(clean, false);
      show('all our indexes + FK, first import', results.fullFirst);
      results.fullReimport = await floor.run(clean, false);
      show('all our indexes + FK, re-import', results.fullReimport);
    }
  } finally {
    await floor.close();
  }
  return results;
}

// ---------------------------------------------------------------- Roster

interface Sampler {
  stop(): Promise<{ peakRss: number; activity: Map<string, number>; activitySamples: number }>;
}

/** VmRSS of the server every 200 ms, and what the database's sessions are doing every 500 ms. */
function startSampler(pid: number, client: pg.Client, database: string): Sampler {
  let peakRss = memoryMb(pid).rss;
  const rssTimer = setInterval(() => {
    peakRss = Math.max(peakRss, memoryMb(pid).rss);
  }, 200);
  const activity = new Map<string, number>();
  let activitySamples = 0;
  let busy: Promise<void> = Promise.resolve();
  let inFlight = false;
  const pgTimer = setInterval(() => {
    if (inFlight) return;
    inFlight = true;
    busy = client
      .query<{ what: string }>(
        `select coalesce(wait_event_type || ':' || wait_event, 'CPU') || '  ' || left(regexp_replace(query, '\\s+', ' ', 'g'), 70) as what
         from pg_stat_activity where datname = $1 and state = 'active' and pid <> pg_backend_pid()`,
        [database],
      )
      .then(({ rows }) => {
        activitySamples++;
        for (const { what } of rows) activity.set(what, (activity.get(what) ?? 0) + 1);
      })
      .catch(() => {})
      .finally(() => {
        inFlight = false;
      });
  }, 500);
  return {
    stop: async () => {
      clearInterval(rssTimer);
      clearInterval(pgTimer);
      await busy;
      peakRss = Math.max(peakRss, memoryMb(pid).rss);
      return { peakRss, activity, activitySamples };
    },
  };
}

interface TableStats {
  seqScan: number;
  seqRead: number;
  idxScan: number;
  inserted: number;
  updated: number;
  hotUpdated: number;
  autoAnalyze: number;
}

/** Cumulative counters of the tables an import writes (pg_stat_user_tables), to diff around a phase. */
async function tableStats(client: pg.Client): Promise<Map<string, TableStats>> {
  const { rows } = await client.query<{ relname: string; s: string; r: string; i: string; ins: string; upd: string; hot: string; aa: string }>(
    `select relname, seq_scan as s, seq_tup_read as r, coalesce(idx_scan, 0) as i, n_tup_ins as ins, n_tup_upd as upd, n_tup_hot_upd as hot,
            autoanalyze_count + analyze_count as aa
     from pg_stat_user_tables where relname in ('contact', 'contact_event', 'contact_import_failure', 'contact_import_chunk')`,
  );
  return new Map(
    rows.map((r) => [
      r.relname,
      { seqScan: +r.s, seqRead: +r.r, idxScan: +r.i, inserted: +r.ins, updated: +r.upd, hotUpdated: +r.hot, autoAnalyze: +r.aa },
    ]),
  );
}

interface RosterPhase {
  name: string;
  rows: number;
  upload?: number;
  import?: number;
  total?: number;
  /** Seconds from the upload's answer to the first batch merged (staging: parse, COPY, dedupe), then merging. */
  stage?: number;
  merge?: number;
  peakRss?: number;
  serverCpu?: number;
  machineBusy?: number;
  counts?: Counts;
  expected: Counts;
  error?: string;
  activity?: [string, number][];
  activitySamples?: number;
  /** Seconds from the upload's answer to the first progress event with every row staged (parse + COPY). */
  parsed?: number;
  tables?: [string, TableStats][];
}

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not finish within ${TIMEOUT_MS / 1000} s`)), TIMEOUT_MS);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

async function importPhase(server: RosterServer, client: pg.Client, database: string, name: string, file: CsvFile, expected: Counts): Promise<RosterPhase> {
  const phase: RosterPhase = { name, rows: file.rows, expected };
  await client.query('checkpoint');
  log(`\nRoster ${name}: uploading ${file.path}`);
  await client.query('select pg_stat_clear_snapshot()');
  const statsBefore = await tableStats(client);
  const sampler = startSampler(server.pid, client, database);
  const cpuBefore = cpuSeconds(server.pid);
  const ticksBefore = machineTicks();
  const started = performance.now();
  let lastLog = started;
  const events: ProgressEvent[] = [];
  try {
    const answer = await withTimeout(server.upload(file.path), 'the upload');
    const uploaded = performance.now();
    phase.upload = (uploaded - started) / 1000;
    const body = answer.body as { data?: { importContacts?: { __typename: string; id?: string } }; errors?: unknown };
    const result = body.data?.importContacts;
    if (answer.status !== 200 || !result || result.__typename !== 'ContactImport' || !result.id) {
      throw new Error(`importContacts answered HTTP ${answer.status}: ${JSON.stringify(answer.body).slice(0, 2000)}`);
    }
    log(`  uploaded in ${fmt(phase.upload)} s, import ${result.id}`);
    const final = await withTimeout(
      server.follow(result.id, (event) => {
        events.push(event);
        if (event.at - lastLog > 5000) {
          lastLog = event.at;
          log(`  ${fmt((event.at - started) / 1000, 1).padStart(6)} s  ${event.status.padEnd(11)} staged ${int(event.stagedRows).padStart(9)}  merged ${int(event.counts.total).padStart(9)}`);
        }
      }),
      'the import',
    );
    const done = performance.now();
    phase.import = (done - uploaded) / 1000;
    phase.total = (done - started) / 1000;
    phase.counts = final.counts;
    const allStaged = events.find((e) => e.stagedRows >= file.rows);
    if (allStaged) phase.parsed = (allStaged.at - uploaded) / 1000;
    const firstMerged = events.find((e) => e.counts.total > 0);
    if (firstMerged) {
      phase.stage = (firstMerged.at - uploaded) / 1000;
      phase.merge = (done - firstMerged.at) / 1000;
    }
    if (final.status !== 'COMPLETED') throw new Error(`the import ended ${final.status}${final.error ? `: ${final.error}` : ''}`);
    log(`  COMPLETED in ${fmt(phase.total)} s (upload ${fmt(phase.upload)} + import ${fmt(phase.import)}), counts ${JSON.stringify(final.counts)}`);
    const wrong = (Object.keys(expected) as (keyof Counts)[]).filter((k) => final.counts[k] !== expected[k]);
    if (wrong.length > 0) phase.error = `counts differ from the expected ${JSON.stringify(expected)} in: ${wrong.join(', ')}`;
  } catch (error) {
    phase.error = error instanceof Error ? error.message : String(error);
    log(`  FAILED: ${phase.error}`);
    if (!server.alive) log(`  the server is gone; its last output:\n${server.tail.slice(-30).join('\n')}`);
  } finally {
    const sampled = await sampler.stop();
    phase.peakRss = sampled.peakRss;
    phase.serverCpu = cpuSeconds(server.pid) - cpuBefore;
    const ticks = machineTicks();
    phase.machineBusy = (ticks.busy - ticksBefore.busy) / Math.max(1, ticks.total - ticksBefore.total);
    phase.activity = [...sampled.activity.entries()].sort((a, b) => b[1] - a[1]);
    phase.activitySamples = sampled.activitySamples;
    // Backends flush their counters a little after going idle: wait (up to 10 s) until every row the import counted is there.
    let statsAfter = new Map<string, TableStats>();
    const want = (phase.counts?.created ?? 0) + (phase.counts?.updated ?? 0);
    for (let waited = 0; waited <= 10_000; waited += 500) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      await client.query('select pg_stat_clear_snapshot()');
      statsAfter = await tableStats(client).catch(() => new Map<string, TableStats>());
      const a = statsAfter.get('contact');
      const b = statsBefore.get('contact');
      if (a && a.inserted + a.updated - (b?.inserted ?? 0) - (b?.updated ?? 0) >= want) break;
    }
    phase.tables = [...statsAfter.entries()].map(([name, after]) => {
      const before = statsBefore.get(name);
      const diff = Object.fromEntries(Object.entries(after).map(([k, v]) => [k, v - (before?.[k as keyof TableStats] ?? 0)])) as unknown as TableStats;
      return [name, diff];
    });
  }
  return phase;
}

async function measureRoster(cluster: Cluster, clean: CsvFile, dirty: CsvFile): Promise<{ phases: RosterPhase[]; idleRss: number; hwm: number }> {
  const url = await cluster.create('roster_import');
  const database = new URL(url).pathname.slice(1);
  const started = performance.now();
  const server = await RosterServer.start(url, log);
  log(`\nRoster server: pid ${server.pid}, port ${server.port}, started (with migrations) in ${fmt(seconds(started), 1)} s`);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const phases: RosterPhase[] = [];
  let hwm = 0;
  const idleRss = memoryMb(server.pid).rss;
  try {
    const zero: Counts = { total: 0, created: 0, updated: 0, skipped: 0, failed: 0 };
    const contacts = async () => Number((await client.query<{ n: string }>('select count(*) as n from contact')).rows[0]!.n);
    const check = async (phase: RosterPhase, want: number) => {
      const n = await contacts();
      if (n !== want) phase.error = [phase.error, `${n} contacts in the database, expected ${want}`].filter(Boolean).join('; ');
    };

    const first = await importPhase(server, client, database, 'first import', clean, { ...zero, total: clean.rows, created: clean.expected.created });
    phases.push(first);
    await check(first, clean.expected.created);
    if (server.alive) {
      const again = await importPhase(server, client, database, 're-import', clean, { ...zero, total: clean.rows, updated: clean.expected.created });
      phases.push(again);
      await check(again, clean.expected.created);
    }
    if (server.alive) {
      await client.query('truncate contact cascade');
      const d: Expected = dirty.expected;
      const dirtyPhase = await importPhase(server, client, database, 'dirty file (after truncate)', dirty, { ...zero, ...d });
      phases.push(dirtyPhase);
      await check(dirtyPhase, d.created);
    }
    hwm = memoryMb(server.pid).hwm;
  } finally {
    await client.end();
    await server.stop();
  }
  return { phases, idleRss, hwm };
}

// ---------------------------------------------------------------- report

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows.map((r) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ')).join('\n');
}

function report(clean: CsvFile, floor: FloorResults, roster: { phases: RosterPhase[]; idleRss: number; hwm: number } | null): void {
  const rows: string[][] = [['phase', 'seconds', 'rows/s', 'server peak RSS MB', 'floor s', 'ratio to floor', 'goal']];
  const floorRow = (name: string, t: FloorTiming | undefined, n: number) => {
    if (t) rows.push([name, fmt(t.total), int(n / t.total), '', '', '', '']);
  };
  floorRow('floor: COPY + merge, first import', floor.first, clean.rows);
  floorRow('floor: COPY + merge, re-import', floor.reimport, clean.rows);
  floorRow('floor: COPY + DISTINCT ON merge, dirty', floor.dirty, clean.rows);
  floorRow('floor, all our indexes + FK: first import', floor.fullFirst, clean.rows);
  floorRow('floor, all our indexes + FK: re-import', floor.fullReimport, clean.rows);
  const floorOf: Record<string, { t?: FloorTiming; goal?: number }> = {
    'first import': { t: floor.first, goal: 1.3 },
    're-import': { t: floor.reimport, goal: 1.3 },
    'dirty file (after truncate)': { t: floor.dirty },
  };
  for (const p of roster?.phases ?? []) {
    const f = floorOf[p.name];
    const rss = p.peakRss === undefined ? '' : fmt(p.peakRss, 0);
    if (p.upload !== undefined) rows.push([`Roster ${p.name}: upload`, fmt(p.upload), '', '', '', '', '']);
    if (p.import !== undefined) rows.push([`Roster ${p.name}: import`, fmt(p.import), '', '', '', '', '']);
    if (p.total !== undefined) {
      const ratio = f?.t ? p.total / f.t.total : undefined;
      let goal = f?.goal && ratio !== undefined ? (ratio <= f.goal ? `<= ${f.goal}x ok` : `<= ${f.goal}x MISSED`) : '';
      if (p.error) goal = 'WRONG (see below)';
      rows.push([`Roster ${p.name}: total`, fmt(p.total), int(p.rows / p.total), rss, f?.t ? fmt(f.t.total) : '', ratio === undefined ? '' : `${fmt(ratio)}x`, goal]);
    } else {
      rows.push([`Roster ${p.name}`, 'FAILED', '', rss, '', '', '']);
    }
  }
  log(`\n${int(clean.rows)} rows, ${fmt(clean.bytes / 1024 / 1024, 1)} MiB clean file; floor = psql COPY into an unlogged text table + one INSERT ... ON CONFLICT (uuidv7 pk, unique (team_id, lower(email)), jsonb)\n`);
  log(table(rows));
  if (!roster) return;

  const peak = Math.max(0, ...roster.phases.map((p) => p.peakRss ?? 0));
  log(`\nserver RSS: ${fmt(roster.idleRss, 0)} MB idle after start, peak ${fmt(peak, 0)} MB while importing (VmHWM ${fmt(roster.hwm, 0)} MB); goal <= 300 MB: ${peak <= 300 ? 'ok' : 'MISSED'}`);

  const detail: string[][] = [['Roster phase', 'upload s', 'parse+COPY s', 'stage s', 'merge s', 'server CPU s', 'machine busy', 'counts (total/created/updated/skipped/failed)', 'check']];
  for (const p of roster.phases) {
    const c = p.counts;
    detail.push([
      p.name,
      p.upload === undefined ? '' : fmt(p.upload),
      p.parsed === undefined ? '' : fmt(p.parsed),
      p.stage === undefined ? '' : fmt(p.stage),
      p.merge === undefined ? '' : fmt(p.merge),
      p.serverCpu === undefined ? '' : fmt(p.serverCpu, 1),
      p.machineBusy === undefined ? '' : `${fmt(p.machineBusy * 100, 0)}%`,
      c ? `${c.total}/${c.created}/${c.updated}/${c.skipped}/${c.failed}` : '',
      p.error ? 'WRONG' : 'ok',
    ]);
  }
  log(
    `\nwhere the time went (parse+COPY = upload answered -> every row staged; stage = upload answered -> first batch merged, so it adds the dedupe and analyze of the staging table; merge = the rest):\n`,
  );
  log(table(detail));
  for (const p of roster.phases) {
    if (p.error) log(`\n${p.name}: ${p.error}\n  expected ${JSON.stringify(p.expected)}`);
    if (p.tables && p.tables.length > 0) {
      log(`\n${p.name}: table activity (pg_stat_user_tables, delta over the phase):`);
      const t: string[][] = [['table', 'seq scans', 'rows read by seq scans', 'index scans', 'inserted', 'updated', 'HOT', 'analyzed']];
      for (const [name, d] of p.tables.sort()) t.push([name, int(d.seqScan), int(d.seqRead), int(d.idxScan), int(d.inserted), int(d.updated), int(d.hotUpdated), int(d.autoAnalyze)]);
      log(table(t).replace(/^/gm, '  '));
    }
    if (p.activity && p.activity.length > 0) {
      log(`\n${p.name}: active sessions in pg_stat_activity, ${p.activitySamples} samples 500 ms apart (average number of sessions doing this):`);
      for (const [what, n] of p.activity.slice(0, 8)) log(`  ${fmt(n / Math.max(1, p.activitySamples ?? 1)).padStart(5)}  ${what}`);
    }
  }
}

// ---------------------------------------------------------------- main

async function main(): Promise<void> {
  const clean = await csvFile(DATA_DIR, ROWS, false, log);
  const dirty = await csvFile(DATA_DIR, ROWS, true, log);
  log(`dirty file: ${int(dirty.expected.created)} unique valid, ${int(dirty.expected.skipped)} duplicates, ${int(dirty.expected.failed)} invalid emails`);
  const cluster = await openCluster();
  let floor: FloorResults = {};
  let roster: Awaited<ReturnType<typeof measureRoster>> | null = null;
  let failed = false;
  try {
    if (!args['skip-floor']) floor = await measureFloor(cluster, clean, dirty);
    if (!args['skip-roster']) {
      roster = await measureRoster(cluster, clean, dirty);
      failed = roster.phases.some((p) => p.error);
    }
  } finally {
    report(clean, floor, roster);
    await cluster.close();
  }
  if (failed) process.exitCode = 1;
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
