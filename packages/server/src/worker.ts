import { FenceLostError, IMPORT_LOCK_NAMESPACE, runImport } from '@roster/schema/imports/import.runner';
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
  log?: (message: string) => void;
}

export interface ImportWorker {
  /** Stops taking imports, stops running ones between batches (they resume elsewhere), and closes. */
  stop(): Promise<void>;
}

/**
 * Runs imports from the contact_import table. An import is owned by whoever holds its advisory
 * lock, on a session kept for the whole run: a worker killed with -9 loses its session and so its
 * lock at once, and the next poll of any worker resumes the import from its checkpoints. No lease
 * timeout to wait out, and two workers can never run one import together.
 */
export function startImportWorker(options: WorkerOptions): ImportWorker {
  const log = options.log ?? (() => {});
  const inFlight = 2;
  const pool = new pg.Pool({ connectionString: options.url, max: options.concurrency * (inFlight + 2) + 1 });
  pool.on('error', (error) => log(`import worker pool: ${error.message}`));
  const running = new Set<Promise<void>>();
  let stopping = false;
  // After a transient failure an import waits before this process takes it again (2 s, 4 s, ...).
  const notBefore = new Map<string, { at: number; delay: number }>();
  let polling = false;
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

  async function run(id: string, lockClient: pg.PoolClient): Promise<void> {
    let broken: Error | undefined;
    try {
      const { rows } = await lockClient.query<{ pid: number }>('select pg_backend_pid() as pid');
      await runImport({
        pool,
        importId: id,
        lockPid: rows[0]!.pid,
        batchSize: options.batchSize,
        inFlight,
        stopping: () => stopping,
        copyFrom: (client, sql) => client.query(copyFrom(sql)),
      });
      notBefore.delete(id);
    } catch (error) {
      const delay = Math.min((notBefore.get(id)?.delay ?? 1000) * 2, 60_000);
      notBefore.set(id, { at: Date.now() + delay, delay });
      if (!(error instanceof FenceLostError)) log(`import ${id}: ${error instanceof Error ? error.message : error}; retrying in ${delay / 1000} s`);
    } finally {
      try {
        await lockClient.query('select pg_advisory_unlock($1, hashtext($2))', [IMPORT_LOCK_NAMESPACE, id]);
      } catch (error) {
        broken = error as Error;
      }
      lockClient.release(broken);
    }
  }

  async function poll(): Promise<void> {
    if (polling) {
      again = true;
      return;
    }
    polling = true;
    try {
      do {
        again = false;
        while (!stopping && running.size < options.concurrency) {
          const claimed = await claim();
          if (!claimed) break;
          const task = run(claimed.id, claimed.client).finally(() => {
            running.delete(task);
            void poll();
          });
          running.add(task);
        }
      } while (again && !stopping);
    } catch (error) {
      log(`import worker: ${error instanceof Error ? error.message : error}`);
    } finally {
      polling = false;
    }
  }

  const timer = setInterval(() => void poll(), options.pollMs ?? 1000);
  const unsubscribe = options.events.onAny(() => void poll());
  void poll();

  return {
    async stop() {
      stopping = true;
      clearInterval(timer);
      unsubscribe();
      await Promise.allSettled([...running]);
      await pool.end();
    },
  };
}
