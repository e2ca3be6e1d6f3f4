import { type Database, openDatabase } from './database';
import type { Env } from './env';
import { type Orm, initOrm, migrate } from './orm';

export interface Runtime {
  db: Database;
  orm: Orm;
  close(): Promise<void>;
}

/** Opens the database (embedded unless DATABASE_URL), applies migrations and returns the ORM. */
export async function openRuntime(env: Env, log: (line: string) => void = () => {}): Promise<Runtime> {
  const db = await openDatabase(env, log);
  try {
    const orm = await initOrm(db.url, { poolMax: env.ROSTER_DB_POOL_MAX });
    await migrate(orm);
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
