import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { propertyKey, propertyTypes } from '../properties/property.service';
import { type Scope, isUuid, sql, toDate } from '../shared/db';
import { type Issue, NotFoundError, PayloadTooLargeError, ValidationError } from '../shared/errors';
import { type Keyset, keysetSql } from '../shared/pagination';
import { parseInput } from '../shared/validate';
import { SUBSCRIPTIONS } from '../topics/topic.entity';
import { type ColumnMap, type MappingTarget, autoMap, checkColumnMap, normalizeHeader, suggestMapping } from './column-map';
import { CsvError, FileInspector, sniffLayout } from './csv';

export const IMPORT_STATUSES = ['queued', 'in_progress', 'completed', 'failed', 'cancelled'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];
export const TERMINAL_STATUSES: readonly ImportStatus[] = ['completed', 'failed', 'cancelled'];

/** Channel on which an import's id is announced whenever its state changes (a wake-up only). */
export const IMPORT_CHANNEL = 'roster_import';
const CHUNK_BYTES = 1024 * 1024;

export interface ImportRecord {
  id: string;
  teamId: string;
  status: ImportStatus;
  fileName: string | null;
  fileSize: number;
  encoding: string;
  columnMap: ColumnMap;
  onConflict: 'upsert' | 'skip';
  segmentIds: string[];
  topics: { id: string; subscription: 'opt_in' | 'opt_out' }[];
  stagedRows: number;
  counts: { total: number; created: number; updated: number; skipped: number; failed: number };
  error: string | null;
  createdAt: Date;
  startedAt: Date | null;
  completedAt: Date | null;
  updatedAt: Date;
}

interface ImportRow {
  id: string;
  team_id: string;
  status: ImportStatus;
  file_name: string | null;
  file_size: string;
  encoding: string;
  column_map: ColumnMap;
  on_conflict: 'upsert' | 'skip';
  segment_ids: string[];
  topics: { id: string; subscription: 'opt_in' | 'opt_out' }[];
  staged_rows: number;
  total: number;
  created: number;
  updated: number;
  skipped: number;
  failed: number;
  error: string | null;
  created_at: Date | string;
  started_at: Date | string | null;
  completed_at: Date | string | null;
  updated_at: Date | string;
}

const COLUMNS = `id, team_id, status, file_name, file_size, encoding, column_map, on_conflict, segment_ids, topics, staged_rows,
  total, created, updated, skipped, failed, error, created_at, started_at, completed_at, updated_at`;

function toRecord(row: ImportRow): ImportRecord {
  return {
    id: row.id,
    teamId: row.team_id,
    status: row.status,
    fileName: row.file_name,
    fileSize: Number(row.file_size),
    encoding: row.encoding,
    columnMap: row.column_map,
    onConflict: row.on_conflict,
    segmentIds: row.segment_ids,
    topics: row.topics,
    stagedRows: row.staged_rows,
    counts: { total: row.total, created: row.created, updated: row.updated, skipped: row.skipped, failed: row.failed },
    error: row.error,
    createdAt: toDate(row.created_at),
    startedAt: row.started_at ? toDate(row.started_at) : null,
    completedAt: row.completed_at ? toDate(row.completed_at) : null,
    updatedAt: toDate(row.updated_at),
  };
}

const propertyMapInput = z.object({
  key: propertyKey,
  column: z.string().min(1, 'Name the CSV column'),
  type: z.enum(['string', 'number', 'boolean']).default('string'),
});

const optionsInput = z.object({
  columnMap: z
    .object({
      email: z.string().min(1).nullish(),
      firstName: z.string().min(1).nullish(),
      lastName: z.string().min(1).nullish(),
      unsubscribed: z.string().min(1).nullish(),
      properties: z.array(propertyMapInput).max(200).nullish(),
    })
    .nullish(),
  onConflict: z.enum(['upsert', 'skip']).default('upsert'),
  // Named as the GraphQL arguments are, so that an issue's path names what the caller sent.
  segments: z.array(z.uuid('Not a valid segment id')).max(100).nullish(),
  topics: z.array(z.object({ id: z.uuid('Not a valid topic id'), subscription: z.enum(SUBSCRIPTIONS) })).max(100).nullish(),
});
export type ImportOptions = z.input<typeof optionsInput>;

/** The uploaded file as the transport hands it over: a byte stream, read once. */
export interface IncomingFile {
  fileName: string | null;
  stream: AsyncIterable<Buffer | Uint8Array | string>;
  /** True when the transport cut the stream at its size limit (busboy ends it normally). */
  truncated(): boolean;
}

async function resolveColumnMap(scope: Scope, em: EntityManager, given: z.output<typeof optionsInput>['columnMap'], headers: string[]): Promise<ColumnMap> {
  const auto = autoMap(headers);
  let map: ColumnMap;
  if (given) {
    // A field the map leaves out is matched by name, as without a map; null says "do not import it".
    // A column the map names for something else is not taken again.
    const named = new Set(
      [given.email, given.firstName, given.lastName, given.unsubscribed, ...(given.properties ?? []).map((p) => p.column)].flatMap((c) => (c ? [c.trim().toLowerCase()] : [])),
    );
    const matched = (name: keyof Omit<ColumnMap, 'properties'>) => {
      const column = 'problem' in auto ? null : auto[name];
      return column && !named.has(column.trim().toLowerCase()) ? column : null;
    };
    const field = (name: 'firstName' | 'lastName' | 'unsubscribed') => (given[name] === undefined ? matched(name) : given[name]);
    const email = given.email ?? matched('email');
    if (!email) throw ValidationError.of(['columnMap', 'email'], `Name the email column; the file's columns are: ${headers.join(', ')}`);
    map = {
      email,
      firstName: field('firstName'),
      lastName: field('lastName'),
      unsubscribed: field('unsubscribed'),
      properties: (given.properties ?? []).map((p) => ({ key: p.key, column: p.column, type: p.type })),
    };
  } else {
    if ('problem' in auto) throw ValidationError.of(['file'], auto.problem);
    map = auto;
  }
  const issues: Issue[] = checkColumnMap(map, headers);
  const known = await propertyTypes({ ...scope, em });
  map.properties.forEach((p, i) => {
    const existing = known.get(p.key);
    if (existing && existing.type !== p.type) {
      issues.push({ path: ['columnMap', 'properties', i, 'type'], message: `The property "${p.key}" exists with the type ${existing.type}, not ${p.type}` });
    }
  });
  if (issues.length > 0) throw new ValidationError(issues);
  const missing = map.properties.filter((p) => !known.has(p.key));
  if (missing.length > 0) {
    await sql(
      em,
      `insert into contact_property (team_id, key, type)
       select ?, p.key, p.type from unnest(?::text[], ?::text[]) as p(key, type) on conflict (team_id, key) do nothing`,
      [scope.teamId, missing.map((p) => p.key), missing.map((p) => p.type)],
    );
  }
  return map;
}

async function checkTargets(em: EntityManager, scope: Scope, segmentIds: string[], topicIds: string[]): Promise<void> {
  const issues: Issue[] = [];
  for (const [table, ids, field] of [['segment', segmentIds, 'segments'], ['topic', topicIds, 'topics']] as const) {
    if (ids.length === 0) continue;
    const found = new Set((await sql<{ id: string }>(em, `select id from ${table} where team_id = ? and id = any(?::uuid[])`, [scope.teamId, ids])).map((r) => r.id));
    ids.forEach((id, i) => {
      if (!found.has(id)) issues.push({ path: [field, i], message: `No ${table} has the id ${id}` });
    });
  }
  if (issues.length > 0) throw new ValidationError(issues);
}

async function remember(em: EntityManager, teamId: string, map: ColumnMap): Promise<void> {
  const entries: [string, MappingTarget][] = [[map.email, { kind: 'email' }]];
  if (map.firstName) entries.push([map.firstName, { kind: 'firstName' }]);
  if (map.lastName) entries.push([map.lastName, { kind: 'lastName' }]);
  if (map.unsubscribed) entries.push([map.unsubscribed, { kind: 'unsubscribed' }]);
  for (const p of map.properties) entries.push([p.column, { kind: 'property', key: p.key, type: p.type, exists: true }]);
  await sql(
    em,
    `insert into import_mapping_memory (team_id, header_key, target)
     select ?, e.key, e.target from unnest(?::text[], ?::jsonb[]) as e(key, target)
     on conflict (team_id, header_key) do update set target = excluded.target, updated_at = now()`,
    [teamId, entries.map(([header]) => normalizeHeader(header)), entries.map(([, target]) => JSON.stringify(target))],
  );
}

/**
 * Stores the uploaded file (streamed, in 1 MB pieces) and records the import, which is its job, in
 * one transaction: a refused or cut-off upload leaves neither an import nor a byte behind.
 */
export async function createImport(scope: Scope, file: IncomingFile, rawOptions: unknown, maxBytes: number): Promise<ImportRecord> {
  const options = parseInput(optionsInput, rawOptions);
  return scope.em.transactional(async (em) => {
    const [created] = await sql<{ id: string }>(
      em,
      `insert into contact_import (team_id, file_name, file_size, encoding, delimiter, newline, headers, column_map, on_conflict)
       values (?, ?, 0, 'utf-8', ',', E'\\n', '[]', '{}', ?) returning id`,
      [scope.teamId, file.fileName, options.onConflict],
    );
    const importId = created!.id;
    const inspector = new FileInspector();
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let seq = 0;
    // Pieces of exactly CHUNK_BYTES (the last one shorter), whatever sizes the transport hands over.
    const flush = async (all: boolean) => {
      while (pendingBytes >= CHUNK_BYTES || (all && pendingBytes > 0)) {
        const joined = pending.length === 1 ? pending[0]! : Buffer.concat(pending);
        const piece = joined.subarray(0, CHUNK_BYTES);
        await sql(em, 'insert into contact_import_chunk (import_id, seq, data) values (?, ?, ?)', [importId, seq++, piece]);
        const rest = joined.subarray(piece.length);
        pending = rest.length > 0 ? [rest] : [];
        pendingBytes = rest.length;
      }
    };
    for await (const part of file.stream) {
      const chunk = typeof part === 'string' ? Buffer.from(part) : Buffer.from(part.buffer, part.byteOffset, part.byteLength);
      inspector.push(chunk);
      pending.push(chunk);
      pendingBytes += chunk.length;
      if (pendingBytes >= CHUNK_BYTES) await flush(false);
    }
    if (file.truncated()) throw new PayloadTooLargeError(maxBytes);
    await flush(true);
    const facts = inspector.finish();
    if (facts.bytes > maxBytes) throw new PayloadTooLargeError(maxBytes);
    if (facts.problem) throw ValidationError.of(['file'], facts.problem);
    let layout: ReturnType<typeof sniffLayout>;
    try {
      layout = sniffLayout(facts.head);
    } catch (error) {
      if (error instanceof CsvError) throw ValidationError.of(['file'], error.message);
      throw error;
    }
    const map = await resolveColumnMap(scope, em, options.columnMap, layout.headers);
    const segmentIds = [...new Set(options.segments ?? [])];
    const topics = [...new Map((options.topics ?? []).map((t) => [t.id, t])).values()];
    await checkTargets(em, scope, segmentIds, topics.map((t) => t.id));
    if (options.columnMap) await remember(em, scope.teamId, map);
    const [row] = await sql<ImportRow>(
      em,
      `update contact_import set file_size = ?, encoding = ?, delimiter = ?, newline = ?, headers = ?::jsonb, column_map = ?::jsonb,
         segment_ids = ?::uuid[], topics = ?::jsonb, updated_at = now()
       where id = ? returning ${COLUMNS}`,
      [facts.bytes, facts.encoding, layout.delimiter, layout.newline, JSON.stringify(layout.headers), JSON.stringify(map), segmentIds, JSON.stringify(topics), importId],
    );
    // Delivered on commit: wakes a worker now instead of at its next poll.
    await sql(em, 'select pg_notify(?, ?)', [IMPORT_CHANNEL, importId]);
    return toRecord(row!);
  });
}

export async function getImport(scope: Pick<Scope, 'em' | 'teamId'>, id: string): Promise<ImportRecord | null> {
  if (!isUuid(id)) return null;
  const [row] = await sql<ImportRow>(scope.em, `select ${COLUMNS} from contact_import where id = ? and team_id = ?`, [id, scope.teamId]);
  return row ? toRecord(row) : null;
}

export async function listImports(scope: Scope, status: ImportStatus | null | undefined, keyset: Keyset): Promise<ImportRecord[]> {
  const page = keysetSql(keyset);
  const rows = await sql<ImportRow>(
    scope.em,
    `select ${COLUMNS} from contact_import where team_id = ?${status ? ' and status = ?' : ''}${page.where} order by ${page.order} limit ?`,
    [scope.teamId, ...(status ? [status] : []), ...page.params, page.limit],
  );
  return rows.map(toRecord);
}

/** Asks the worker to stop at its next batch; what was imported stays. A queued import stops at once. */
export async function cancelImport(scope: Scope, id: string): Promise<ImportRecord> {
  const current = await getImport(scope, id);
  if (!current) throw new NotFoundError('Contact import', id);
  if (TERMINAL_STATUSES.includes(current.status)) throw ValidationError.of(['id'], `The import has already ended (${current.status})`);
  const ended = await scope.em.transactional(async (em) => {
    const [row] = await sql<{ status: ImportStatus }>(
      em,
      `update contact_import set cancel_requested = true,
         status = case when status = 'queued' then 'cancelled' else status end,
         completed_at = case when status = 'queued' then now() else completed_at end, updated_at = now()
       where id = ? and team_id = ? and status in ('queued', 'in_progress') returning status`,
      [id, scope.teamId],
    );
    // No worker will touch a cancelled queued import again: its stored file goes now.
    if (row?.status === 'cancelled') await sql(em, 'delete from contact_import_chunk where import_id = ?', [id]);
    await sql(em, 'select pg_notify(?, ?)', [IMPORT_CHANNEL, id]);
    return row === undefined;
  });
  const record = (await getImport(scope, id))!;
  // It ended between the read above and the update.
  if (ended) throw ValidationError.of(['id'], `The import has already ended (${record.status})`);
  return record;
}

export interface ImportFailure {
  rowNumber: number;
  email: string | null;
  outcome: 'failed' | 'skipped';
  reason: string;
}

export async function listFailures(scope: Pick<Scope, 'em' | 'teamId'>, importId: string, after: number | null, limit: number): Promise<ImportFailure[]> {
  const rows = await sql<{ row_number: number; email: string | null; outcome: 'failed' | 'skipped'; reason: string }>(
    scope.em,
    `select f.row_number, f.email, f.outcome, f.reason from contact_import_failure f
     join contact_import i on i.id = f.import_id and i.team_id = ?
     where f.import_id = ? and f.row_number > ? order by f.row_number limit ?`,
    [scope.teamId, importId, after ?? 0, limit],
  );
  return rows.map((r) => ({ rowNumber: r.row_number, email: r.email, outcome: r.outcome, reason: r.reason }));
}

export async function suggestColumnMapping(scope: Scope, headers: string[], sampleRows: string[][]) {
  if (headers.length === 0 || headers.length > 1000) throw ValidationError.of(['headers'], 'Pass between 1 and 1,000 headers');
  const known = [...(await propertyTypes(scope)).values()].map((p) => ({ key: p.key, type: p.type }));
  const memory = await sql<{ header_key: string; target: MappingTarget }>(
    scope.em,
    'select header_key, target from import_mapping_memory where team_id = ? and header_key = any(?::text[])',
    [scope.teamId, headers.map(normalizeHeader)],
  );
  // suggestMapping re-derives `exists` and `type` of remembered property targets from `known`.
  const remembered = new Map(memory.map((m) => [m.header_key, m.target]));
  return suggestMapping(headers, sampleRows.slice(0, 100), known, remembered);
}
