import { type Database, openDatabase } from './database';
import type { Env } from './env';
import pg from 'pg';
import { type Orm, initOrm, migrate } from './orm';

export interface Runtime {
  db: Database;
  orm: Orm;
  close(): Promise<void>;
}

/**
 * Applies pending migrations under a cluster-wide advisory lock: processes started together on a
 * new database (API replicas, workers) take turns, and the later ones find nothing to do.
 */
async function migrateOnce(url: string, orm: Orm): Promise<void> {
  const client = new pg.Client({ connectionString: url, application_name: 'roster migrate' });
  await client.connect();
  try {
    await client.query("select pg_advisory_lock(hashtext('roster.migrate'))");
    await migrate(orm);
  } finally {
    // Ending the session releases the lock, whatever happened.
    await client.end().catch(() => {});
  }
}

/** Opens the database (embedded unless DATABASE_URL), applies migrations and returns the ORM. */
export async function openRuntime(env: Env, log: (line: string) => void = () => {}): Promise<Runtime> {
  const db = await openDatabase(env, log);
  try {
    const orm = await initOrm(db.url, { poolMax: env.ROSTER_DB_POOL_MAX });
    await migrateOnce(db.url, orm);
    return {
      db,
      orm,
      close: async () => {
        await orm.close(true);
        await db.stop();
      },
    };
  } catch (error) {
    await db.stop();
    throw error;
  }
}
