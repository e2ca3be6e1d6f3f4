import type { ServerResponse } from 'node:http';
import { type ContactFilter, type SqlFragment, contactFilterInput, contactFilterSql } from '@roster/schema/contacts/contact-filter';
import { getImport, listFailures } from '@roster/schema/imports/import.service';
import type { PropertyValue } from '@roster/schema/properties/property.entity';
import { propertyTypes } from '@roster/schema/properties/property.service';
import { type Scope, sql } from '@roster/schema/shared/db';
import { ValidationError } from '@roster/schema/shared/errors';
import { sendJson } from './respond';

/** A CSV cell, quoted per RFC 4180 and defused against formula injection (checklist C1-C2). */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'string' ? value : value instanceof Date ? value.toISOString() : String(value);
  // A leading =, +, -, @, tab or CR makes spreadsheets evaluate the cell, even in a multi-line one.
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(values: unknown[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}

/**
 * Writes with back-pressure: waits for 'drain' when the socket's buffer is full. A client that goes
 * away never drains, so 'close' ends the wait too; callers stop once `res.destroyed` is set.
 */
async function write(res: ServerResponse, text: string): Promise<void> {
  if (res.destroyed || res.write(text)) return;
  await new Promise<void>((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/** `customers.csv` -> `customers-not-imported.csv`; an import without a name gets its id. */
export function failuresFileName(uploaded: string | null | undefined, importId: string): string {
  const base = uploaded?.replace(/\.[^.]*$/, '').trim();
  return base ? `${base}-not-imported.csv` : `import-${importId}-not-imported.csv`;
}

/** A Content-Disposition for any file name: an ASCII fallback plus the UTF-8 name (RFC 6266). */
function attachment(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export async function streamFailures(scope: Scope, importId: string, res: ServerResponse): Promise<void> {
  const found = await getImport(scope, importId);
  if (!found) {
    sendJson(res, 404, { statusCode: 404, name: 'not_found', message: 'Contact import not found' });
    return;
  }
  res.writeHead(200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': attachment(failuresFileName(found.fileName, found.id)),
  });
  await write(res, csvLine(['row_number', 'email', 'outcome', 'reason']));
  let after: number | null = null;
  while (!res.destroyed) {
    const page = await listFailures(scope, found.id, after, 5000);
    if (page.length === 0) break;
    await write(res, page.map((f) => csvLine([f.rowNumber, f.email, f.outcome, f.reason])).join(''));
    after = page.at(-1)!.rowNumber;
  }
  res.end();
}

/** Query parameters of `GET /contacts/export.csv`: the `contacts` filter, snake_case or camelCase. */
// A Map, not an object literal: `constructor` or `__proto__` in the query must not find a prototype member.
const FILTER_PARAMS = new Map<string, keyof ContactFilter>([
  ['search', 'search'],
  ['segment_id', 'segmentId'],
  ['segmentId', 'segmentId'],
  ['topic_id', 'topicId'],
  ['topicId', 'topicId'],
  ['topic_subscription', 'topicSubscription'],
  ['topicSubscription', 'topicSubscription'],
  ['unsubscribed', 'unsubscribed'],
]);

type ParsedFilter = { ok: true; filter: ContactFilter } | { ok: false; message: string };

/**
 * Reads the filter from the query string, naming each bad parameter as the caller spelled it. An
 * unknown or repeated parameter is refused: silently ignoring a typo would export every contact.
 * An empty value means "not set", as HTML forms send it.
 */
function parseExportFilter(query: URLSearchParams): ParsedFilter {
  const problems: string[] = [];
  const raw: Record<string, unknown> = {};
  const given = new Map<keyof ContactFilter, string>();
  for (const [param, value] of query) {
    const field = FILTER_PARAMS.get(param);
    if (!field) {
      problems.push(`${param.slice(0, 50)}: Unknown parameter; use ${[...FILTER_PARAMS.keys()].join(', ')}`);
      continue;
    }
    if (given.has(field)) {
      problems.push(`${param}: Given more than once`);
      continue;
    }
    given.set(field, param);
    if (value === '') continue;
    if (field === 'unsubscribed') {
      if (/^(true|false)$/i.test(value)) raw.unsubscribed = value.toLowerCase() === 'true';
      else problems.push(`${param}: Must be true or false`);
    } else if (field === 'topicSubscription') {
      if (/^opt_(in|out)$/i.test(value)) raw.topicSubscription = value.toLowerCase();
      else problems.push(`${param}: Must be opt_in or opt_out`);
    } else {
      raw[field] = value;
    }
  }
  const parsed = contactFilterInput.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as keyof ContactFilter | undefined;
      problems.push(`${(field && given.get(field)) ?? 'query'}: ${issue.message}`);
    }
  }
  if (raw.topicSubscription !== undefined && raw.topicId === undefined) {
    problems.push(`${given.get('topicSubscription')}: Needs topic_id`);
  }
  if (problems.length > 0 || !parsed.success) return { ok: false, message: problems.join('; ') };
  return { ok: true, filter: parsed.data };
}

const EXPORT_PAGE_SIZE = 5000;
const FIXED_COLUMNS = ['id', 'email', 'first_name', 'last_name', 'unsubscribed', 'created_at', 'updated_at'];

interface ExportRow {
  id: string;
  email: string;
  first_name: string | null;
  last_name: string | null;
  unsubscribed: boolean;
  properties: Record<string, PropertyValue> | null;
  created_at: Date | string;
  updated_at: Date | string;
  segments: string | null;
}

/** Raw SQL returns timestamptz as PostgreSQL text; the CSV shows ISO 8601 in UTC, like the API. */
function toDate(value: Date | string): Date {
  return value instanceof Date ? value : new Date(value);
}

/**
 * `GET /contacts/export.csv`: the team's contacts matching the `contacts` filter, newest first, one
 * column per field, then one per contact property (sorted by key; empty when the contact has no
 * value, the fallback is not applied), then `segments` (names joined by "; ").
 *
 * Streamed: keyset pages of 5,000 contacts by id, each written before the next is read and only
 * once the socket has drained, so memory does not grow with the table. No transaction is held
 * while a slow client downloads; each page is its own query.
 */
export async function streamExport(scope: Scope, query: URLSearchParams, res: ServerResponse): Promise<void> {
  const refuse = (message: string) => sendJson(res, 422, { statusCode: 422, name: 'validation_error', message });
  const parsed = parseExportFilter(query);
  if (!parsed.ok) return refuse(parsed.message);
  let where: SqlFragment;
  try {
    // The same team-scoped where clause as the GraphQL `contacts` query.
    where = await contactFilterSql(scope, parsed.filter);
  } catch (error) {
    if (error instanceof ValidationError) return refuse(error.message);
    throw error;
  }
  const keys = [...(await propertyTypes(scope)).keys()].sort();
  // A property whose key is also a fixed column gets a header no key can have (keys are [A-Za-z0-9_]).
  const taken = new Set([...FIXED_COLUMNS, 'segments']);
  const header = [...FIXED_COLUMNS, ...keys.map((key) => (taken.has(key) ? `property:${key}` : key)), 'segments'];

  res.writeHead(200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="contacts-${new Date().toISOString().slice(0, 10)}.csv"`,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  // UTF-8 with a byte order mark (checklist C4): without it Excel reads the file as the system's
  // ANSI code page and mangles every non-ASCII name; LibreOffice, Google Sheets, Numbers, csv-parse
  // (`bom: true`) and Roster's own import all skip it. Tools that do not must strip U+FEFF.
  await write(res, `\uFEFF${csvLine(header)}`);

  let last: string | null = null;
  while (!res.destroyed) {
    const rows: ExportRow[] = await sql<ExportRow>(
      scope.em,
      `select c.id, c.email, c.first_name, c.last_name, c.unsubscribed, c.properties, c.created_at, c.updated_at,
         (select string_agg(s.name, '; ' order by s.name, s.id)
            from contact_segment cs join segment s on s.id = cs.segment_id
           where cs.contact_id = c.id and cs.team_id = ? and s.team_id = cs.team_id) as segments
       from contact c
       where ${where.text}${last === null ? '' : ' and c.id < ?'}
       order by c.id desc
       limit ?`,
      [scope.teamId, ...where.params, ...(last === null ? [] : [last]), EXPORT_PAGE_SIZE],
    );
    if (rows.length === 0) break;
    const text = rows
      .map((row) =>
        csvLine([
          row.id,
          row.email,
          row.first_name,
          row.last_name,
          row.unsubscribed,
          toDate(row.created_at),
          toDate(row.updated_at),
          ...keys.map((key) => row.properties?.[key]),
          row.segments,
        ]),
      )
      .join('');
    await write(res, text);
    if (rows.length < EXPORT_PAGE_SIZE) break;
    last = rows.at(-1)!.id;
  }
  if (!res.destroyed) res.end();
}
