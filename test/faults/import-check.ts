import { createApiKey, ensureTeam } from '@roster/schema/auth/api-key.service';
import { initOrm } from '@roster/server/orm';
import pg from 'pg';
import { expect } from 'vitest';
import { uploadCsv } from '../src/harness';
import { describeProcesses, waitUntil } from './processes';

// What an import must give, and checks of what it gave, read straight from the database: exactly
// the expected contacts, counts, failures and history, whatever was killed or restarted meanwhile.

/** The runner's default batch size. */
export const BATCH = 5000;

/** A connection pool to the test database for assertions; it survives a database restart. */
export interface Db {
  query<Row = Record<string, unknown>>(text: string, params?: unknown[]): Promise<Row[]>;
  close(): Promise<void>;
}

export function openDb(url: string): Db {
  const pool = new pg.Pool({ connectionString: url, max: 3 });
  // An idle connection closed by a database restart must not crash the test process.
  pool.on('error', () => {});
  return {
    async query(text, params = []) {
      return (await pool.query(text, params)).rows;
    },
    close: () => pool.end(),
  };
}

/** A full-access key for each team (created when missing), made in this process. */
export async function teamKeys(dbUrl: string, teams: string[]): Promise<Map<string, { key: string; teamId: string }>> {
  const orm = await initOrm(dbUrl, { poolMax: 1 });
  try {
    const keys = new Map<string, { key: string; teamId: string }>();
    for (const name of teams) {
      const em = orm.em.fork();
      const team = await ensureTeam(em, name);
      keys.set(name, { key: (await createApiKey(em, team.id, { name: 'faults', permission: 'full_access' })).token, teamId: team.id });
    }
    return keys;
  } finally {
    await orm.close(true);
  }
}

// ---------------------------------------------------------------------------------------------
// A generated CSV and what importing it must give.

export interface Expected {
  tag: string;
  csv: string;
  rows: number;
  created: number;
  skipped: number;
  failed: number;
  /** lower(email) -> the winning row's first and last name. */
  contacts: Map<string, { first: string; last: string }>;
  /** row number -> the row that replaced it ("Duplicate of row N"). */
  duplicates: Map<number, number>;
  invalid: Set<number>;
}

/**
 * `rows` data rows: every 97th has a bad email, every 331st a column too many (both failed), every
 * 50th repeats the email of the row 25 before it in upper case with other names (the later row wins,
 * the earlier one is skipped), the rest are new contacts.
 */
export function generate(rows: number, tag: string): Expected {
  const lines = ['email,first_name,last_name'];
  const winner = new Map<string, number>();
  const names = new Map<number, { first: string; last: string }>();
  const invalid = new Set<number>();
  for (let r = 1; r <= rows; r++) {
    if (r % 97 === 0) {
      lines.push(`bad-${r}-at-${tag}.example,Bad,Row`);
      invalid.add(r);
      continue;
    }
    if (r % 331 === 0) {
      lines.push(`u${r}@${tag}.example,Extra,Column,oops`);
      invalid.add(r);
      continue;
    }
    const dup = r % 50 === 0;
    const email = dup ? `U${r - 25}@${tag.toUpperCase()}.EXAMPLE` : `u${r}@${tag}.example`;
    const first = dup ? `Dup${r}` : `First${r}`;
    const last = `Last${r}`;
    lines.push(`${email},${first},${last}`);
    winner.set(email.toLowerCase(), r);
    names.set(r, { first, last });
  }
  const contacts = new Map<string, { first: string; last: string }>();
  for (const [email, row] of winner) contacts.set(email, names.get(row)!);
  const duplicates = new Map<number, number>();
  for (let r = 1; r <= rows; r++) {
    if (invalid.has(r) || !names.has(r)) continue;
    const email = r % 50 === 0 ? `u${r - 25}@${tag}.example` : `u${r}@${tag}.example`;
    const w = winner.get(email)!;
    if (w !== r) duplicates.set(r, w);
  }
  return {
    tag,
    csv: `${lines.join('\n')}\n`,
    rows,
    created: contacts.size,
    skipped: duplicates.size,
    failed: invalid.size,
    contacts,
    duplicates,
    invalid,
  };
}

/** Uploads the file to `api` as the GraphQL multipart request the admin sends; returns the import id. */
export async function upload(api: { url: string }, key: string, expected: Expected): Promise<string> {
  const result = await uploadCsv(api, key, expected.csv, {}, `${expected.tag}.csv`);
  expect(result.status).toBe(200);
  const imported = result.body.data?.importContacts;
  expect(imported?.__typename).toBe('ContactImport');
  return String(imported?.id);
}

// ---------------------------------------------------------------------------------------------
// An import's state as stored.

export interface ImportState {
  status: string;
  staged: boolean;
  staged_rows: number;
  total: number;
  created: number;
  updated: number;
  skipped: number;
  failed: number;
  /** Runs started (each run increments it; a kill, a stop or a lost lock makes another run). */
  attempts: number;
  /** Committed batch checkpoints. */
  batches: number;
}

export async function importState(db: Db, id: string): Promise<ImportState> {
  const [row] = await db.query<ImportState>(
    `select status, staged, staged_rows, total, created, updated, skipped, failed, attempts,
       (select count(*)::int from contact_import_batch b where b.import_id = i.id) as batches
     from contact_import i where id = $1`,
    [id],
  );
  if (!row) throw new Error(`no import ${id}`);
  return row;
}

/** Polls the import's state until `check` holds. */
export async function untilState(db: Db, id: string, check: (s: ImportState) => boolean, what: string, timeoutMs = 240_000): Promise<ImportState> {
  let last: ImportState | undefined;
  try {
    return await waitUntil(
      async () => {
        last = await importState(db, id);
        return check(last) ? last : null;
      },
      what,
      timeoutMs,
      10,
    );
  } catch (error) {
    throw new Error(`${(error as Error).message.split('\n')[0]}; last state ${JSON.stringify(last)}\n${describeProcesses()}`);
  }
}

/** The counts are exactly those of the committed batches: a batch and its counts commit together. */
export function expectCheckpointed(s: ImportState): void {
  expect(s.total).toBe(Math.min(s.batches * BATCH, s.staged_rows || s.batches * BATCH));
  expect(s.total).toBe(s.created + s.updated + s.skipped + s.failed);
}

/** Exactly the expected contacts, counts, failures and history in `teamId`, nothing more. */
export async function expectImported(db: Db, id: string, teamId: string, expected: Expected): Promise<ImportState> {
  const s = await importState(db, id);
  expect(s).toMatchObject({
    status: 'completed',
    total: expected.rows,
    created: expected.created,
    updated: 0,
    skipped: expected.skipped,
    failed: expected.failed,
    batches: Math.ceil(expected.rows / BATCH),
  });
  expect(s.total).toBe(s.created + s.updated + s.skipped + s.failed);

  const contacts = await db.query<{ email: string; first_name: string; last_name: string; source: string }>(
    'select lower(email) as email, first_name, last_name, source from contact where team_id = $1',
    [teamId],
  );
  expect(contacts).toHaveLength(expected.created);
  const mismatches = contacts.filter((c) => {
    const want = expected.contacts.get(c.email);
    return !want || want.first !== c.first_name || want.last !== c.last_name || c.source !== 'import';
  });
  expect(mismatches.slice(0, 5)).toEqual([]);

  const failures = await db.query<{ outcome: string; n: number; rows: number }>(
    `select outcome, count(*)::int as n, count(distinct row_number)::int as rows from contact_import_failure
     where import_id = $1 group by outcome order by outcome`,
    [id],
  );
  expect(failures).toEqual([
    { outcome: 'failed', n: expected.failed, rows: expected.failed },
    { outcome: 'skipped', n: expected.skipped, rows: expected.skipped },
  ]);
  const sample = await db.query<{ row_number: number; outcome: string; reason: string }>(
    `select row_number, outcome, reason from contact_import_failure where import_id = $1 and row_number = any($2::int[]) order by row_number`,
    [id, [25, 97, 331]],
  );
  expect(sample).toEqual([
    { row_number: 25, outcome: 'skipped', reason: `Duplicate of row ${expected.duplicates.get(25)}` },
    { row_number: 97, outcome: 'failed', reason: expect.stringMatching(/email/i) },
    { row_number: 331, outcome: 'failed', reason: 'Row has 4 columns, the header has 3' },
  ]);

  const events = await db.query<{ type: string; n: number; contacts: number }>(
    `select type, count(*)::int as n, count(distinct contact_id)::int as contacts from contact_event
     where team_id = $1 group by type`,
    [teamId],
  );
  expect(events).toEqual([{ type: 'created', n: expected.created, contacts: expected.created }]);

  // The job's working material is gone.
  expect(await db.query('select 1 from contact_import_chunk where import_id = $1', [id])).toEqual([]);
  expect(await db.query('select 1 from pg_class where relname = $1', [`import_stage_${id.replaceAll('-', '')}`])).toEqual([]);
  return s;
}

// ---------------------------------------------------------------------------------------------
// The importProgress subscription over GraphQL-over-SSE, read event by event.

export interface Progress {
  status: string;
  stagedRows: number;
  counts: { total: number; created: number; updated: number; skipped: number; failed: number };
}

const PROGRESS = 'subscription ($id: ID!) { importProgress(id: $id) { status stagedRows counts { total created updated skipped failed } } }';

export interface Followed {
  events: Progress[];
  /** The stream ended with `complete` (not cut off). */
  completed: boolean;
  /** Why the stream ended otherwise (the server went away, the time limit). */
  error?: string;
}

/** Follows an import's progress on `api` until the stream completes, breaks or `limitMs` passes. */
export async function follow(api: { url: string }, key: string, id: string, onEvent: (p: Progress) => void = () => {}, limitMs = 120_000): Promise<Followed> {
  const events: Progress[] = [];
  try {
    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ query: PROGRESS, variables: { id } }),
      signal: AbortSignal.timeout(limitMs),
    });
    if (response.status !== 200 || !response.body) return { events, completed: false, error: `HTTP ${response.status}: ${await response.text()}` };
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const type = /^event: (\w+)/m.exec(frame)?.[1];
        const data = /^data: (.*)$/m.exec(frame)?.[1];
        if (type === 'next' && data) {
          const body = JSON.parse(data) as { data?: { importProgress: Progress }; errors?: unknown };
          if (!body.data) return { events, completed: false, error: `subscription error: ${data}` };
          events.push(body.data.importProgress);
          onEvent(body.data.importProgress);
        }
        if (type === 'complete') return { events, completed: true };
      }
    }
    return { events, completed: false, error: 'the stream ended without complete' };
  } catch (error) {
    return { events, completed: false, error: String(error) };
  }
}

/** A followed import's stream: it went on to the end, never backwards, and ended exact. */
export function expectFollowedToTheEnd(followed: Followed, expected: Expected): void {
  expect(followed.error).toBeUndefined();
  expect(followed.completed).toBe(true);
  const totals = followed.events.map((e) => e.counts.total);
  expect(totals).toEqual([...totals].sort((a, b) => a - b));
  expect(followed.events.at(-1)).toEqual({
    status: 'COMPLETED',
    stagedRows: expected.rows,
    counts: { total: expected.rows, created: expected.created, updated: 0, skipped: expected.skipped, failed: expected.failed },
  });
}
