import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initOrm, migrate } from '@roster/server/orm';
import { startEmbeddedPostgres } from '@roster/server/database';
import pg from 'pg';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  interface ProvidedContext {
    /** Superuser URL of the test server's `postgres` database (to create per-file databases). */
    adminUrl: string;
  }
}

export const TEMPLATE = 'roster_template';

/**
 * One real PostgreSQL for the run: DATABASE_URL when set, else an embedded server in a temp dir.
 * Migrations run once into a template database; each test file clones it.
 */
export default async function setup(project: TestProject) {
  let adminUrl = process.env.DATABASE_URL;
  let stop = async () => {};
  let dir: string | undefined;
  if (!adminUrl) {
    dir = mkdtempSync(join(tmpdir(), 'roster-test-'));
    chmodSync(dir, 0o755); // as root, postgres runs as `postgres` and must reach the folder
    const port = 20000 + Math.floor(Math.random() * 20000);
    const db = await startEmbeddedPostgres(dir, port);
    adminUrl = db.url.replace(/\/roster$/, '/postgres');
    stop = db.stop;
  }
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${TEMPLATE}`);
  await admin.query(`create database ${TEMPLATE}`);
  await admin.end();
  const orm = await initOrm(adminUrl.replace(/\/[^/]*$/, `/${TEMPLATE}`));
  await migrate(orm);
  await orm.close(true);
  project.provide('adminUrl', adminUrl);
  return async () => {
    await stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  };
}
