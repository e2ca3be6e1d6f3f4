import { FenceLostError, IMPORT_LOCK_NAMESPACE, StoppedError, runImport } from '@roster/schema/imports/import.runner';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { ImportEvents } from './events';

export interface WorkerOptions {
  url: string;
  /** Imports run at once by this process. */
  concurrency: number;
  events: ImportEvents;
  pollMs?: number;
  batchSize?: number;
  /**
   * How long stop() lets running imports reach the end of their batch. After it, their connections
   * are cut: the batch in flight rolls back and the import resumes wherever a worker runs next.
   */
  stopTimeoutMs?: number;
  log?: (message: string) => void;
}

export interface ImportWorker {
  /** Stops taking imports, stops running ones between batches (they resume elsewhere), and closes. */
  stop(): Promise<void>;
}

/**
 * Dead peers are noticed in about 25 s on both ends instead of the kernel's two hours: a lock
 * session whose worker machine vanished must not hold its import for that long.
 */
export const KEEPALIVE = {
  keepAlive: true,
  keepAliveInitialDelayMillis: 10_000,
  options: '-c tcp_keepalives_idle=10 -c tcp_keepalives_interval=5 -c tcp_keepalives_count=3',
} as const;

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Runs imports from the contact_import table. An import is owned by whoever holds its advisory
 * lock, on a session kept for the whole run: a worker killed with -9 loses its session and so its
 * lock at once, and the next poll of any worker resumes the import from its checkpoints. No lease
 * timeout to wait out, and two workers can never run one import together.
 */
export function startImportWorker(options: WorkerOptions): ImportWorker {
  const log = options.log ?? (() => {});
  const inFlight = 2;
  const pool = new pg.Pool({ connectionString: options.url, max: options.concurrency * (inFlight + 2) + 1, ...KEEPALIVE });
  pool.on('error', (error) => log(`import worker pool: ${error.message}`));
  // A client checked out of the pool has no error listener of its own: a backend terminated while
  // the client is idle in our hands (the lock session always is) would otherwise crash the process.
  const clients = new Set<pg.PoolClient>();
  pool.on('connect', (client) => {
    clients.add(client);
    client.on('error', () => {});
    client.once('end', () => clients.delete(client));
  });
  const running = new Set<Promise<void>>();
  let stopping = false;
  // After a transient failure an import waits before this process takes it again (2 s, 4 s, ...).
  const notBefore = new Map<string, { at: number; delay: number }>();
  let polling: Promise<void> | null = null;
  let again = false;

  async function claim(): Promise<{ id: string; client: pg.PoolClient } | null> {
    const client = await pool.connect();
    try {
      const { rows } = await client.query<{ id: string }>(
        `select id from contact_import where status in ('queued', 'in_progress') order by id limit 50`,
      );
      for (const { id } of rows) {
        if ((notBefore.get(id)?.at ?? 0) > Date.now()) continue;
        const { rows: got } = await client.query<{ ok: boolean }>('select pg_try_advisory_lock($1, hashtext($2)) as ok', [IMPORT_LOCK_NAMESPACE, id]);
        if (!got[0]?.ok) continue;
        // Re-check under the lock: it may have ended between the select and the lock.
        const { rowCount } = await client.query(`select 1 from contact_import where id = $1 and status in ('queued', 'in_progress')`, [id]);
        if (rowCount) return { id, client };
        await client.query('select pg_advisory_unlock($1, hashtext($2))', [IMPORT_LOCK_NAMESPACE, id]);
      }
    } catch (error) {
      client.release(error as Error);
      throw error;
    }
    client.release();
    return null;
  }

  /** Gives a claimed import back: its lock goes with the session when that cannot be unlocked. */
  async function unclaim(id: string, lockClient: pg.PoolClient): Promise<void> {
    let broken: Error | undefined;
    try {
      await lockClient.query('select pg_advisory_unlock($1, hashtext($2))', [IMPORT_LOCK_NAMESPACE, id]);
    } catch (error) {
      broken = error as Error;
    }
    lockClient.release(broken ?? undefined);
  }

  async function run(id: string, lockClient: pg.PoolClient): Promise<void> {
    // The lock session died (terminated, database restarted, network): stop between batches. The
    // runner's fence stops a batch from committing without the lock in any case.
    let lockLost = false;
    const onLockError = () => {
      lockLost = true;
    };
    lockClient.on('error', onLockError);
    try {
      const { rows } = await lockClient.query<{ pid: number }>('select pg_backend_pid() as pid');
      await runImport({
        pool,
        importId: id,
        lockPid: rows[0]!.pid,
        batchSize: options.batchSize,
        inFlight,
        stopping: () => stopping || lockLost,
        copyFrom: (client, sql) => client.query(copyFrom(sql)),
      });
      notBefore.delete(id);
      if (lockLost && !stopping) log(`import ${id}: lost its lock; taking it up again from its last batch`);
    } catch (error) {
      if (error instanceof StoppedError && stopping) {
        // Shutting down mid-staging: the next worker restages and goes on.
      } else if (error instanceof FenceLostError || lockLost) {
        // Someone else may own it now; if nobody does, this process takes it up again at once.
        log(`import ${id}: lost its lock (${message(error)}); it resumes from its last batch`);
      } else {
        const delay = Math.min((notBefore.get(id)?.delay ?? 1000) * 2, 60_000);
        notBefore.set(id, { at: Date.now() + delay, delay });
        log(`import ${id}: ${message(error)}; retrying in ${delay / 1000} s`);
      }
    } finally {
      lockClient.off('error', onLockError);
      await unclaim(id, lockClient);
    }
  }

  async function pollOnce(): Promise<void> {
    try {
      do {
        again = false;
        while (!stopping && running.size < options.concurrency) {
          const claimed = await claim();
          if (!claimed) break;
          if (stopping) {
            // stop() began while claiming: it no longer waits for new runs.
            await unclaim(claimed.id, claimed.client);
            break;
          }
          const task = run(claimed.id, claimed.client).finally(() => {
            running.delete(task);
            void poll();
          });
          running.add(task);
        }
      } while (again && !stopping);
    } catch (error) {
      log(`import worker: ${message(error)}`);
    }
  }

  function poll(): Promise<void> {
    if (polling) {
      again = true;
      return polling;
    }
    polling = pollOnce().finally(() => {
      polling = null;
    });
    return polling;
  }

  const timer = setInterval(() => void poll(), options.pollMs ?? 1000);
  const unsubscribe = options.events.onAny(() => void poll());
  void poll();

  async function shutdown(): Promise<void> {
    stopping = true;
    clearInterval(timer);
    unsubscribe();
    await polling;
    const settled = Promise.allSettled([...running]);
    const grace = options.stopTimeoutMs ?? 10_000;
    let timeout: NodeJS.Timeout | undefined;
    const timedOut = await Promise.race([
      settled.then(() => false),
      new Promise<boolean>((resolve) => {
        timeout = setTimeout(() => resolve(true), grace);
      }),
    ]);
    clearTimeout(timeout);
    if (timedOut) {
      log(`import worker: ${running.size} import(s) still busy after ${grace / 1000} s; cutting them off (they resume from their last batch)`);
      // end() on a client with a query running destroys its socket: the backend rolls back.
      for (const client of clients) client.end().catch(() => {});
      await settled;
    }
    await pool.end();
  }

  let stopped: Promise<void> | null = null;
  return {
    stop() {
      stopped ??= shutdown();
      return stopped;
    },
  };
}
