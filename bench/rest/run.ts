/**
 * `pnpm bench:rest [--rounds 2] [--duration 10] [--warmup 3] [--connections 50] [--only get|post] [--no-ratelimit-rows] [--profile | --profile-only]`
 *
 * Seeds 100,000 contacts (bench/api's seed, plus a `plan` contact property so reads return a
 * typed property), then loads `GET /contacts/{id}` and `POST /contacts` (a new email on every
 * request) on the real Roster app and on bench/api's kind of bare node:http + pg handler running
 * the same SQL (bare-server.ts), each server in its own process, autocannon here. Targets
 * alternate (ABBA over rounds). The "bare + rate-limit SQL" rows add the one statement REST runs
 * that the baseline does not (the team's token bucket), to show what it costs. `--profile` then
 * records a CPU profile of the Roster server under each load and prints where its time goes.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { bootstrapKeys } from '@roster/server/bootstrap';
import { startEmbeddedPostgres } from '@roster/server/database';
import { initOrm, migrate } from '@roster/server/orm';
import autocannon, { type RawRequest, type Result } from 'autocannon';
import pg from 'pg';
import type { ChildMessage, ParentMessage } from '../api/child';
import { summariseProfile } from '../api/profile';
import { CONTACTS, seedContacts } from '../api/seed';

const { values: args } = parseArgs({
  // `pnpm bench:rest -- --profile` passes the `--` along.
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    rounds: { type: 'string', default: '2' },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    connections: { type: 'string', default: '50' },
    only: { type: 'string' },
    'no-ratelimit-rows': { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
    'profile-only': { type: 'boolean', default: false },
  },
});
const ROUNDS = Number(args.rounds);
const DURATION = Number(args.duration);
const WARMUP = Number(args.warmup);
const CONNECTIONS = Number(args.connections);
// Far above what the load reaches (the app refuses more than 100,000): no request is refused,
// but every one still takes its token.
const RATE_LIMIT = '100000';

const log = (line: string) => console.log(line);
const pick = <T>(list: T[]): T => list[Math.floor(Math.random() * list.length)] as T;
let emails = 0;
const RUN = randomBytes(3).toString('hex');
const newEmail = () => `bench-${RUN}-${++emails}@example.com`;

// ---------------------------------------------------------------- database

interface BenchDb {
  url: string;
  close(): Promise<void>;
}

/** A fresh database: in `DATABASE_URL`'s server when set (dropped at the end), else an embedded PostgreSQL in a temp dir. */
async function openBenchDb(): Promise<BenchDb> {
  const external = process.env.DATABASE_URL;
  if (external) {
    const name = `roster_bench_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: external });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = external.replace(/\/[^/?]*(\?|$)/, `/${name}$1`);
    return {
      url,
      close: async () => {
        const client = new pg.Client({ connectionString: external });
        await client.connect();
        await client.query(`drop database if exists ${name} with (force)`);
        await client.end();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'roster-bench-'));
  chmodSync(dir, 0o755); // as root, postgres runs as `postgres` and must reach the folder
  const db = await startEmbeddedPostgres(dir, 20000 + Math.floor(Math.random() * 20000));
  return {
    url: db.url,
    close: async () => {
      await db.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Migrates, seeds the contacts and their `plan` property, makes a full-access key; returns the key and a sample of ids. */
async function prepare(url: string): Promise<{ token: string; ids: string[] }> {
  const orm = await initOrm(url);
  try {
    await migrate(orm);
    const token = `re_${randomBytes(32).toString('base64url')}`;
    await bootstrapKeys(orm.em.fork(), token);
    const [team] = await orm.em.getConnection().execute<{ id: string }[]>("select id from team where name = 'default'");
    if (!team) throw new Error('no team was created');
    await orm.em.getConnection().execute("insert into contact_property (team_id, key, type) values (?, 'plan', 'string')", [team.id]);
    const started = performance.now();
    const ids = await seedContacts(url, team.id);
    log(`seeded ${CONTACTS.toLocaleString('en')} contacts in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return { token, ids };
  } finally {
    await orm.close(true);
  }
}

// ---------------------------------------------------------------- server children

interface Child {
  port: number;
  ask(message: ParentMessage, reply: ChildMessage['type']): Promise<ChildMessage>;
  stop(): Promise<void>;
}

async function startChild(file: string, dbUrl: string): Promise<Child> {
  const child: ChildProcess = fork(fileURLToPath(new URL(file, import.meta.url)), [], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, BENCH_DATABASE_URL: dbUrl, BENCH_RATE_LIMIT: RATE_LIMIT },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = (type: ChildMessage['type']) =>
    new Promise<ChildMessage>((resolve, reject) => {
      const onMessage = (message: ChildMessage) => {
        if (message.type !== type) return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(message);
      };
      const onExit = (code: number | null) => reject(new Error(`${file} exited (${code}) while waiting for "${type}"`));
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  const ready = await next('ready');
  return {
    port: ready.type === 'ready' ? ready.port : 0,
    ask: (message, reply) => {
      const answer = next(reply);
      child.send(message);
      return answer;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.send({ type: 'stop' } satisfies ParentMessage);
      }),
  };
}

async function cpuMicros(child: Child): Promise<number> {
  const answer = await child.ask({ type: 'cpu' }, 'cpu');
  return answer.type === 'cpu' ? answer.micros : 0;
}

// ---------------------------------------------------------------- targets

type Endpoint = 'GET /contacts/{id}' | 'POST /contacts';
type Side = 'bare' | 'bare + rate-limit SQL' | 'REST';

interface Target {
  name: string;
  endpoint: Endpoint;
  side: Side;
  server: Child;
  request: RawRequest & { setupRequest: (request: RawRequest) => RawRequest };
}

function targets(bare: Child, rest: Child, token: string, ids: string[]): Target[] {
  // What the SDK sends: a JSON content type on every method.
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const get = (h: Record<string, string>) => ({
    method: 'GET',
    headers: h,
    setupRequest: (r: RawRequest) => ({ ...r, path: `/contacts/${pick(ids)}` }),
  });
  const post = (h: Record<string, string>) => ({
    method: 'POST',
    path: '/contacts',
    headers: h,
    setupRequest: (r: RawRequest) => ({ ...r, body: JSON.stringify({ email: newEmail(), first_name: 'Bench', last_name: 'Mark' }) }),
  });
  const limited = { ...headers, 'x-bench-ratelimit': '1' };
  const list: Target[] = [
    { name: 'bare GET /contacts/{id}', endpoint: 'GET /contacts/{id}', side: 'bare', server: bare, request: get(headers) },
    { name: 'bare + rate-limit SQL GET', endpoint: 'GET /contacts/{id}', side: 'bare + rate-limit SQL', server: bare, request: get(limited) },
    { name: 'REST GET /contacts/{id}', endpoint: 'GET /contacts/{id}', side: 'REST', server: rest, request: get(headers) },
    { name: 'bare POST /contacts', endpoint: 'POST /contacts', side: 'bare', server: bare, request: post(headers) },
    { name: 'bare + rate-limit SQL POST', endpoint: 'POST /contacts', side: 'bare + rate-limit SQL', server: bare, request: post(limited) },
    { name: 'REST POST /contacts', endpoint: 'POST /contacts', side: 'REST', server: rest, request: post(headers) },
  ];
  return list.filter((t) => !args['no-ratelimit-rows'] || t.side !== 'bare + rate-limit SQL');
}

/** One request of each target through fetch: the same status, and for reads the same body, on every side. */
async function checkTargets(list: Target[], ids: string[]): Promise<void> {
  const answers = new Map<Endpoint, string>();
  for (const target of list) {
    const { request } = target;
    const built = target.endpoint === 'POST /contacts' ? request.setupRequest({ ...request }) : { ...request, path: `/contacts/${ids[0]}` };
    const response = await fetch(`http://127.0.0.1:${target.server.port}${built.path}`, { method: built.method, headers: built.headers, body: built.body });
    const text = await response.text();
    const expected = target.endpoint === 'POST /contacts' ? 201 : 200;
    if (response.status !== expected) throw new Error(`${target.name}: ${response.status} ${text}`);
    // A created contact's id differs per request: compare the keys only.
    const body = JSON.parse(text) as Record<string, unknown>;
    const shape = target.endpoint === 'POST /contacts' ? JSON.stringify(Object.keys(body)) : text;
    if (target.endpoint === 'GET /contacts/{id}' && !(body.properties as Record<string, unknown> | undefined)?.plan) throw new Error(`${target.name}: no typed property in ${text}`);
    const other = answers.get(target.endpoint);
    if (other !== undefined && other !== shape) throw new Error(`${target.name} answers differently from the other side:\n${shape}\n${other}`);
    answers.set(target.endpoint, shape);
  }
}

interface Measurement {
  rps: number;
  p50: number;
  p99: number;
  cpuPerRequest: number;
  failures: number;
}

async function load(target: Target, seconds: number): Promise<Result> {
  return autocannon({
    url: `http://127.0.0.1:${target.server.port}`,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [target.request],
  });
}

async function measure(target: Target): Promise<Measurement> {
  await load(target, WARMUP);
  const before = await cpuMicros(target.server);
  const result = await load(target, DURATION);
  const cpu = (await cpuMicros(target.server)) - before;
  return {
    rps: result.requests.total / DURATION,
    p50: result.latency.p50,
    p99: result.latency.p99,
    cpuPerRequest: cpu / Math.max(1, result.requests.total),
    failures: result.errors + result.timeouts + result.non2xx,
  };
}

// ---------------------------------------------------------------- report

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows.map((r) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ')).join('\n');
}

function report(list: Target[], results: Map<Target, Measurement[]>): void {
  const rows = [['target', 'req/s', '(min-max)', 'p50 ms', 'p99 ms', 'server CPU µs/req', 'ratio REST/bare', 'REST/(bare + rate-limit SQL)']];
  // Per round, so both sides of a ratio ran under the same host conditions.
  const ratio = (target: Target, side: Side) => {
    const base = list.find((t) => t.side === side && t.endpoint === target.endpoint);
    if (!base) return '';
    const baseRuns = results.get(base) ?? [];
    const runs = results.get(target) ?? [];
    return `${median(runs.map((r, i) => r.rps / (baseRuns[i]?.rps ?? Number.NaN))).toFixed(2)}x`;
  };
  for (const target of list) {
    const runs = results.get(target) ?? [];
    rows.push([
      target.name,
      Math.round(median(runs.map((r) => r.rps))).toLocaleString('en'),
      `(${Math.round(Math.min(...runs.map((r) => r.rps)))}-${Math.round(Math.max(...runs.map((r) => r.rps)))})`,
      median(runs.map((r) => r.p50)).toFixed(1),
      median(runs.map((r) => r.p99)).toFixed(1),
      Math.round(median(runs.map((r) => r.cpuPerRequest))).toString(),
      target.side === 'REST' ? ratio(target, 'bare') : '',
      target.side === 'REST' ? ratio(target, 'bare + rate-limit SQL') : '',
    ]);
  }
  log(`\n${CONTACTS.toLocaleString('en')} contacts, ${CONNECTIONS} connections, ${WARMUP} s warm-up + ${DURATION} s per target, ${ROUNDS} round(s), medians:\n`);
  log(table(rows));
  const failures = [...results.values()].flat().reduce((n, r) => n + r.failures, 0);
  if (failures > 0) log(`\nWARNING: ${failures} failed requests (errors, timeouts or non-2xx)`);
}

async function profileRest(target: Target, dir: string): Promise<void> {
  const file = join(dir, `rest-${target.endpoint.split(' ')[0]?.toLowerCase()}.cpuprofile`);
  await load(target, WARMUP);
  await target.server.ask({ type: 'profile-start' }, 'profiling');
  const result = await load(target, DURATION);
  await target.server.ask({ type: 'profile-stop', file }, 'profiled');
  const requests = result.requests.total;
  const summary = summariseProfile(file);
  const perRequest = (micros: number) => (micros / requests).toFixed(1).padStart(7);
  log(`\nCPU profile of the Roster server, ${target.name}: ${requests} requests, ${perRequest(summary.totalMicros).trim()} µs sampled per request (${file})`);
  log('\nself time by package (µs/request):');
  for (const [name, micros] of summary.packages.slice(0, 20)) log(`${perRequest(micros)}  ${name}`);
  log('\nself time by function (µs/request):');
  for (const [name, micros] of summary.selfByFunction.slice(0, 30)) log(`${perRequest(micros)}  ${name}`);
  log('\ntotal time by function (µs/request):');
  for (const [name, micros] of summary.totalByFunction.slice(0, 45)) log(`${perRequest(micros)}  ${name}`);
}

// ---------------------------------------------------------------- main

async function main(): Promise<void> {
  const db = await openBenchDb();
  const children: Child[] = [];
  try {
    const { token, ids } = await prepare(db.url);
    const bare = await startChild('./bare-server.ts', db.url);
    children.push(bare);
    const rest = await startChild('./rest-server.ts', db.url);
    children.push(rest);
    const all = targets(bare, rest, token, ids);
    await checkTargets(all, ids);
    const list = all.filter((t) => !args.only || t.endpoint === (args.only === 'post' ? 'POST /contacts' : 'GET /contacts/{id}'));

    if (!args['profile-only']) {
      const results = new Map<Target, Measurement[]>(list.map((t) => [t, []]));
      for (let round = 0; round < ROUNDS; round++) {
        // ABBA: each side goes first as often as second.
        const order = round % 2 === 0 ? list : [...list].reverse();
        for (const target of order) {
          const m = await measure(target);
          results.get(target)?.push(m);
          log(`round ${round + 1}: ${target.name.padEnd(28)} ${Math.round(m.rps).toString().padStart(6)} req/s  p99 ${m.p99} ms  ${Math.round(m.cpuPerRequest)} µs CPU/req`);
        }
      }
      report(list, results);
    }
    if (args.profile || args['profile-only']) {
      const dir = mkdtempSync(join(tmpdir(), 'roster-bench-profile-'));
      for (const target of list.filter((t) => t.side === 'REST')) await profileRest(target, dir);
    }
  } finally {
    await Promise.all(children.map((c) => c.stop()));
    await db.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
