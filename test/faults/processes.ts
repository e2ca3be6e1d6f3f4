import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, afterEach } from 'vitest';

// Real Roster processes for fault tests, started as an operator would: `src/main.ts` (what
// `pnpm start` runs) and `src/cli.ts worker` (`pnpm roster worker`). They run as
// `node --import tsx <script>`, not through the `tsx` CLI: that one is a parent process around
// the real node, so a kill -9 of it would leave the real server running.

const SERVER_DIR = resolve(import.meta.dirname, '../../packages/server');

export interface Proc {
  name: string;
  child: ChildProcess;
  startedAt: number;
  output(): string;
  /** Exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  /** Whether the process is still running. */
  alive(): boolean;
  /** Resolves with the first match of `pattern` in stdout+stderr; rejects if the process exits first. */
  waitFor(pattern: RegExp): Promise<RegExpMatchArray>;
}

export interface ApiProc extends Proc {
  url: string;
}

const children = new Set<Proc>();

/** Every process's recent output, to explain a timeout or a failed check. */
export function describeProcesses(): string {
  return [...children]
    .map((p) => `--- ${p.name} pid ${p.child.pid} (${p.alive() ? 'running' : `exit ${p.child.exitCode ?? p.child.signalCode}`}):\n${p.output().slice(-3000)}`)
    .join('\n');
}

/** SIGKILLs every process still running (cleanUpProcesses does it after each test or the file). */
export function killProcesses(): void {
  for (const proc of children) if (proc.alive()) proc.child.kill('SIGKILL');
  children.clear();
}

/**
 * Kills every process a test left running, after each test (`each`) or after the file, so a
 * failure never leaves processes behind nor lets one disturb the next test.
 */
export function cleanUpProcesses(when: 'each' | 'all' = 'each'): void {
  (when === 'each' ? afterEach : afterAll)(killProcesses);
}

/** The test runner's environment without any Roster setting, plus `extra`. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!/^(DATABASE_URL|PORT|HOST|NODE_ENV|ROSTER_.*)$/.test(name)) env[name] = value;
  }
  return { ...env, NODE_ENV: 'production', ...extra };
}

function run(name: string, args: string[], env: Record<string, string>): Proc {
  const startedAt = Date.now();
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: SERVER_DIR, env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  const waiters: { pattern: RegExp; done: (match: RegExpMatchArray) => void }[] = [];
  const onData = (chunk: Buffer) => {
    text += chunk.toString();
    for (const waiter of [...waiters]) {
      const match = text.match(waiter.pattern);
      if (match) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.done(match);
      }
    }
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const proc: Proc = {
    name,
    child,
    startedAt,
    output: () => text,
    exited,
    alive: () => child.exitCode === null && child.signalCode === null,
    waitFor: (pattern) =>
      new Promise((done, fail) => {
        const match = text.match(pattern);
        if (match) return done(match);
        waiters.push({ pattern, done });
        void exited.then((code) => fail(new Error(`${name} exited (${code ?? child.signalCode}) before printing ${pattern}:\n${text}`)));
      }),
  };
  children.add(proc);
  return proc;
}

/** `DATABASE_URL` naming the process in pg_stat_activity (to tell which process holds what). */
export function namedUrl(dbUrl: string, name: string): string {
  const url = new URL(dbUrl);
  url.searchParams.set('application_name', name);
  return url.toString();
}

/**
 * An API process as `pnpm start` runs it: `src/main.ts` with DATABASE_URL, an ephemeral PORT and
 * no import workers of its own (`ROSTER_IMPORT_CONCURRENCY=0`). Resolves once it listens.
 */
export async function startApi(name: string, dbUrl: string, apiKey: string, env: Record<string, string> = {}): Promise<ApiProc> {
  const proc = run(name, ['src/main.ts'], {
    DATABASE_URL: namedUrl(dbUrl, name),
    PORT: '0',
    ROSTER_API_KEY: apiKey,
    ROSTER_IMPORT_CONCURRENCY: '0',
    // Tests send far more requests per second than a client would.
    ROSTER_RATE_LIMIT: '100000',
    ...env,
  });
  const [, url] = await proc.waitFor(/Roster is listening on (http:\/\/\S+) /);
  return { ...proc, url: url! };
}

/** A `roster worker` process (one import at a time). Resolves once it runs. */
export async function startWorker(name: string, dbUrl: string, env: Record<string, string> = {}): Promise<Proc> {
  const proc = spawnWorker(name, dbUrl, env);
  await proc.waitFor(/Import worker running/);
  return proc;
}

/** Like startWorker, without waiting for it to run (to measure its start-up). */
export function spawnWorker(name: string, dbUrl: string, env: Record<string, string> = {}): Proc {
  return run(name, ['src/cli.ts', 'worker', '--concurrency', '1'], { DATABASE_URL: namedUrl(dbUrl, name), ROSTER_DB_POOL_MAX: '2', ...env });
}

export async function kill9(proc: Proc): Promise<void> {
  proc.child.kill('SIGKILL');
  await proc.exited;
}

/** SIGTERM, then the exit code. */
export async function terminate(proc: Proc): Promise<number | null> {
  proc.child.kill('SIGTERM');
  return proc.exited;
}

export const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Polls `check` until it returns a truthy value (each attempt right after the previous one answers). */
export async function waitUntil<T>(check: () => Promise<T> | T, what: string, timeoutMs = 120_000, everyMs = 20): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let failure: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value) return value as NonNullable<T>;
    } catch (error) {
      failure = error;
    }
    await sleep(everyMs);
  }
  throw new Error(`timed out waiting for ${what}${failure ? ` (last error: ${failure})` : ''}\n${describeProcesses()}`);
}
