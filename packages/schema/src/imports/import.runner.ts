import type { Pool, PoolClient } from 'pg';
import { type ColumnMap, toRecord } from './column-map';
import { CsvError, type CsvLayout, type TextEncoding, parseRows } from './csv';
import { IMPORT_CHANNEL } from './import.service';

/**
 * The import job, run by a worker that holds the import's advisory lock on `lockPid`'s session.
 *
 * 1. Stage: the stored file is decoded and parsed in a stream, each row checked and turned into a
 *    typed record, and COPY-ed into an unlogged table of its own (a crash before the end restages).
 * 2. Deduplicate in one statement: per email the last valid row wins, earlier ones are skipped.
 * 3. Merge batches of row numbers, `inFlight` at a time on separate connections. Each batch is one
 *    transaction: contacts, memberships, subscriptions, history, failures, the counts and the
 *    batch's checkpoint row commit together, so a batch is applied exactly once whatever is killed.
 */
export interface RunOptions {
  pool: Pool;
  importId: string;
  /** Backend pid of the session holding the import's advisory lock (the fence). */
  lockPid: number;
  batchSize?: number;
  inFlight?: number;
  /** Set by a worker that is shutting down: stop between batches and leave the import to resume. */
  stopping?: () => boolean;
  copyFrom: (client: PoolClient, sql: string) => NodeJS.WritableStream & { on(event: 'finish' | 'error', fn: (e?: Error) => void): unknown };
}

interface ImportJob {
  id: string;
  team_id: string;
  status: string;
  encoding: TextEncoding;
  delimiter: CsvLayout['delimiter'];
  newline: CsvLayout['newline'];
  headers: string[];
  column_map: ColumnMap;
  on_conflict: 'upsert' | 'skip';
  segment_ids: string[];
  topics: { id: string; subscription: string }[];
  staged: boolean;
  staged_rows: number;
  cancel_requested: boolean;
}

/** A problem with the file itself: the import fails with this message instead of being retried. */
export class ImportDataError extends Error {}

/** Lost the advisory lock: another worker may own the import now; stop writing. */
export class FenceLostError extends Error {}

/** The worker is shutting down: the import stops here and resumes in the next worker. */
export class StoppedError extends Error {}

/** First key of the two-key advisory lock an import's worker holds (the second is hashtext(id)). */
export const IMPORT_LOCK_NAMESPACE = 742001;
export const MAX_ATTEMPTS = 5;

const stageTable = (id: string) => `import_stage_${id.replaceAll('-', '')}`;

function copyText(value: string | number | boolean | null): string {
  if (value === null) return '\\N';
  return String(value).replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c] as string);
}

async function notify(pool: Pool | PoolClient, id: string): Promise<void> {
  await pool.query('select pg_notify($1, $2)', [IMPORT_CHANNEL, id]);
}

async function fence(client: Pool | PoolClient, importId: string, lockPid: number): Promise<void> {
  const { rowCount } = await client.query(
    `select 1 from pg_locks where locktype = 'advisory' and pid = $1 and granted
       and classid = $3 and objid = hashtext($2)::oid and objsubid = 2`,
    [lockPid, importId, IMPORT_LOCK_NAMESPACE],
  );
  if (!rowCount) throw new FenceLostError(`lost the lock on import ${importId}`);
}

async function* storedChunks(pool: Pool, importId: string): AsyncGenerator<Buffer> {
  for (let seq = 0; ; seq++) {
    const { rows } = await pool.query<{ data: Buffer }>('select data from contact_import_chunk where import_id = $1 and seq = $2', [importId, seq]);
    if (rows.length === 0) return;
    yield rows[0]!.data;
  }
}

async function stage(options: RunOptions, job: ImportJob, batchSize: number): Promise<number> {
  const { pool, importId } = options;
  const table = stageTable(importId);
  const client = await pool.connect();
  let rows = 0;
  try {
    await client.query(`drop table if exists ${table}`);
    // No index while COPY fills it (one is built afterwards), and no autovacuum on scratch rows.
    await client.query(`create unlogged table ${table} (
      row_number integer not null, email text collate "C", first_name text, last_name text,
      unsubscribed boolean, properties jsonb not null, error text, duplicate_of integer)
      with (autovacuum_enabled = false)`);
    const columnIndex = new Map(job.headers.map((h, i) => [h, i]));
    const copy = options.copyFrom(client, `copy ${table} from stdin`);
    const done = new Promise<void>((resolve, reject) => {
      copy.on('finish', () => resolve());
      copy.on('error', (e) => reject(e));
    });
    let lastReport = Date.now();
    try {
      for await (const batch of parseRows(storedChunks(pool, importId), { delimiter: job.delimiter, newline: job.newline, headers: job.headers }, job.encoding, batchSize)) {
        let text = '';
        for (const { rowNumber, cells } of batch) {
          const r = toRecord(cells, job.headers.length, columnIndex, job.column_map);
          text += `${rowNumber}\t${copyText(r.email)}\t${copyText(r.firstName)}\t${copyText(r.lastName)}\t${copyText(r.unsubscribed)}\t${copyText(JSON.stringify(r.properties))}\t${copyText(r.error)}\t\\N\n`;
        }
        rows += batch.length;
        if (!copy.write(text)) await new Promise((resolve) => copy.once('drain', resolve));
        if (Date.now() - lastReport > 500) {
          lastReport = Date.now();
          if (options.stopping?.()) throw new StoppedError('stopping while staging');
          await fence(pool, importId, options.lockPid); // not `client`: it is busy with the COPY
          await pool.query('update contact_import set staged_rows = $2, updated_at = now() where id = $1', [importId, rows]);
          await notify(pool, importId);
        }
      }
    } catch (error) {
      copy.end();
      await done.catch(() => {});
      if (error instanceof CsvError) throw new ImportDataError(error.message);
      throw error;
    }
    copy.end();
    await done;
    await client.query(`alter table ${table} add primary key (row_number)`);
    // Per email (compared as the unique index does), the last valid row wins.
    await client.query(`update ${table} s set duplicate_of = w.last
      from (select row_number, max(row_number) over (partition by lower(email)) as last from ${table} where error is null) w
      where s.row_number = w.row_number and w.last <> w.row_number`);
    await client.query(`analyze ${table}`);
    await client.query('update contact_import set staged = true, staged_rows = $2, updated_at = now() where id = $1', [importId, rows]);
  } finally {
    client.release();
  }
  await notify(pool, importId);
  return rows;
}

async function mergeBatch(options: RunOptions, job: ImportJob, batchNo: number, batchSize: number): Promise<'done' | 'cancelled'> {
  const { pool, importId, lockPid } = options;
  const table = stageTable(importId);
  const lo = batchNo * batchSize + 1;
  const hi = (batchNo + 1) * batchSize;
  const client = await pool.connect();
  try {
    await client.query('begin');
    await fence(client, importId, lockPid);
    const { rows: state } = await client.query<{ cancel_requested: boolean }>('select cancel_requested from contact_import where id = $1', [importId]);
    if (state[0]?.cancel_requested) {
      await client.query('rollback');
      return 'cancelled';
    }
    // The contact table grows fast during an import and its statistics lag behind: left alone, the
    // planner keeps hash-joining each batch against a full scan of it (quadratic over the import).
    // Each batch row is one index probe; say so.
    await client.query('set local enable_hashjoin = off; set local enable_mergejoin = off; set local enable_seqscan = off');
    const upsert = job.on_conflict === 'upsert';
    const { rows } = await client.query<{ total: string; created: string; updated: string; failed: string; skipped: string }>(
      `with src as (
         select row_number, email, first_name, last_name, unsubscribed, properties from ${table}
         where row_number between $3 and $4 and error is null and duplicate_of is null),
       matched as (
         select s.*, c.id as contact_id from src s
         left join contact c on c.team_id = $1 and lower(c.email) = lower(s.email)),
       upd as (
         update contact c set first_name = coalesce(m.first_name, c.first_name), last_name = coalesce(m.last_name, c.last_name),
           unsubscribed = coalesce(m.unsubscribed, c.unsubscribed), properties = c.properties || m.properties, updated_at = now()
         from matched m where c.id = m.contact_id and $5::boolean
         returning c.id),
       ins as (
         insert into contact (team_id, email, first_name, last_name, unsubscribed, properties, source)
         select $1, email, first_name, last_name, coalesce(unsubscribed, false), properties, 'import'
         from matched where contact_id is null order by lower(email)
         on conflict (team_id, lower(email)) do nothing
         returning id, lower(email) as key),
       touched as (select id from upd union all select id from ins),
       seg as (
         insert into contact_segment (segment_id, contact_id, team_id)
         select s.id, t.id, $1 from touched t cross join unnest($6::uuid[]) as s(id)
         on conflict do nothing returning 1),
       tpc as (
         insert into contact_topic (topic_id, contact_id, team_id, subscription)
         select tp.id, t.id, $1, tp.subscription from touched t cross join jsonb_to_recordset($7::jsonb) as tp(id uuid, subscription text)
         on conflict (topic_id, contact_id) do update set subscription = excluded.subscription, updated_at = now()
           where contact_topic.subscription is distinct from excluded.subscription
         returning 1),
       ev as (
         insert into contact_event (team_id, contact_id, type, source, data)
         select $1, id, 'created', 'import', jsonb_build_object('importId', $2::text) from ins
         union all
         select $1, id, 'updated', 'import', jsonb_build_object('importId', $2::text) from upd
         returning 1),
       unplaced as (
         select m.row_number, m.email,
           case when m.contact_id is not null then 'Contact already exists (on conflict: skip)'
                else 'Contact was created by someone else while importing' end as reason
         from matched m
         where (m.contact_id is not null and not $5::boolean)
            or (m.contact_id is null and lower(m.email) not in (select key from ins))),
       fail as (
         insert into contact_import_failure (import_id, row_number, email, outcome, reason)
         select $2::uuid, row_number, email, case when error is null then 'skipped' else 'failed' end,
           coalesce(error, 'Duplicate of row ' || duplicate_of)
         from ${table} where row_number between $3 and $4 and (error is not null or duplicate_of is not null)
         union all
         select $2::uuid, row_number, email, 'skipped', reason from unplaced
         returning outcome)
       select (select count(*) from ${table} where row_number between $3 and $4) as total,
              (select count(*) from ins) as created,
              (select count(*) from upd) as updated,
              (select count(*) from fail where outcome = 'failed') as failed,
              (select count(*) from fail where outcome = 'skipped') as skipped,
              (select count(*) from seg) + (select count(*) from tpc) + (select count(*) from ev) as side_effects`,
      [job.team_id, importId, lo, hi, upsert, job.segment_ids, JSON.stringify(job.topics)],
    );
    const c = rows[0]!;
    await client.query('insert into contact_import_batch (import_id, batch_no) values ($1, $2)', [importId, batchNo]);
    await client.query(
      `update contact_import set total = total + $2, created = created + $3, updated = updated + $4, skipped = skipped + $5,
         failed = failed + $6, updated_at = now() where id = $1`,
      [importId, Number(c.total), Number(c.created), Number(c.updated), Number(c.skipped), Number(c.failed)],
    );
    await client.query('select pg_notify($1, $2)', [IMPORT_CHANNEL, importId]);
    await client.query('commit');
    return 'done';
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

async function finish(pool: Pool, importId: string, status: 'completed' | 'failed' | 'cancelled', error: string | null): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    await client.query(
      `update contact_import set status = $2, error = $3, completed_at = now(), updated_at = now()
       where id = $1 and status in ('queued', 'in_progress')`,
      [importId, status, error],
    );
    // The raw file and the staging rows are only the job's working material.
    await client.query('delete from contact_import_chunk where import_id = $1', [importId]);
    await client.query(`drop table if exists ${stageTable(importId)}`);
    await client.query('select pg_notify($1, $2)', [IMPORT_CHANNEL, importId]);
    await client.query('commit');
  } catch (e) {
    await client.query('rollback').catch(() => {});
    throw e;
  } finally {
    client.release();
  }
}

/** Runs (or resumes) one import to its end. Throws only for transient failures, to be retried. */
export async function runImport(options: RunOptions): Promise<void> {
  try {
    await run(options);
  } catch (error) {
    if (!(error instanceof FenceLostError) && !(error instanceof StoppedError) && !options.stopping?.()) {
      await options.pool
        .query('update contact_import set failed_attempts = failed_attempts + 1, updated_at = now() where id = $1', [options.importId])
        .catch(() => {});
    }
    throw error;
  }
}

async function run(options: RunOptions): Promise<void> {
  const { pool, importId } = options;
  const batchSize = options.batchSize ?? 5000;
  const inFlight = Math.max(1, options.inFlight ?? 2);
  const { rows } = await pool.query<ImportJob>('select * from contact_import where id = $1', [importId]);
  const job = rows[0];
  if (!job || !['queued', 'in_progress'].includes(job.status)) return;
  if (job.cancel_requested) return finish(pool, importId, 'cancelled', null);
  // Only runs that ended in an error count; a kill, a deploy or a lost lock do not.
  if ((job as ImportJob & { failed_attempts: number }).failed_attempts >= MAX_ATTEMPTS) {
    return finish(pool, importId, 'failed', `Stopped after ${MAX_ATTEMPTS} failed attempts; see the server log`);
  }
  // Guarded: a cancel may have ended the import since it was read (its stored file is then gone).
  const { rows: started } = await pool.query<{ cancel_requested: boolean }>(
    `update contact_import set status = 'in_progress', started_at = coalesce(started_at, now()), attempts = attempts + 1, updated_at = now()
     where id = $1 and status in ('queued', 'in_progress') returning cancel_requested`,
    [importId],
  );
  if (!started[0]) return;
  await notify(pool, importId);
  if (started[0].cancel_requested) return finish(pool, importId, 'cancelled', null);

  let stagedRows = job.staged_rows;
  const table = stageTable(importId);
  const { rows: exists } = await pool.query<{ n: string | null }>(`select (select count(*) from ${table}) as n`).catch(() => ({ rows: [{ n: null }] }));
  // An unlogged table is emptied by a database crash: restage unless every row is there.
  if (!job.staged || exists[0]?.n === null || Number(exists[0]?.n) !== job.staged_rows) {
    try {
      stagedRows = await stage(options, job, batchSize);
    } catch (error) {
      if (error instanceof ImportDataError) return finish(pool, importId, 'failed', error.message);
      throw error;
    }
  }

  const batches = Math.ceil(stagedRows / batchSize);
  const { rows: doneRows } = await pool.query<{ batch_no: number }>('select batch_no from contact_import_batch where import_id = $1', [importId]);
  const done = new Set(doneRows.map((r) => r.batch_no));
  const todo = Array.from({ length: batches }, (_, i) => i).filter((i) => !done.has(i));
  let cancelled = false;
  let failure: unknown = null;
  let next = 0;
  const lane = async () => {
    while (!cancelled && failure === null && next < todo.length && !options.stopping?.()) {
      const batchNo = todo[next++]!;
      try {
        if ((await mergeBatch(options, job, batchNo, batchSize)) === 'cancelled') cancelled = true;
      } catch (error) {
        failure ??= error;
      }
    }
  };
  // Every lane has stopped writing before this returns, so the lock is never released under one.
  await Promise.all(Array.from({ length: Math.min(inFlight, todo.length) }, lane));
  if (failure !== null) throw failure;
  if (!cancelled && next < todo.length) return; // stopping: the next worker resumes from the checkpoints
  await finish(pool, importId, cancelled ? 'cancelled' : 'completed', null);
}
