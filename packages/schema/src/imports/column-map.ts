import { emailProblem } from '../contacts/email';
import type { PropertyType } from '../properties/property.entity';
import { propertyKey } from '../properties/property.service';
import { UNSTORABLE_TEXT, isStorableText } from '../shared/validate';
import { parseBoolean, parseNumber } from '../shared/value-rules';

// How a CSV's columns become contact fields: matching headers, checking a map, turning one row into
// what to stage, and suggesting a map from samples. Pure functions, table-tested.

export type { PropertyType };

export interface ColumnMap {
  email: string;
  firstName?: string | null;
  lastName?: string | null;
  unsubscribed?: string | null;
  properties: { key: string; column: string; type: PropertyType }[];
}

type Field = 'email' | 'firstName' | 'lastName' | 'unsubscribed';
const FIELDS: Field[] = ['email', 'firstName', 'lastName', 'unsubscribed'];

// Normalized header names per field, the most specific first.
const SYNONYMS: Record<Field, string[]> = {
  email: ['email', 'emailaddress', 'e-mail', 'mail', 'emailid'].map(normalizeHeader),
  firstName: ['firstname', 'fname', 'givenname', 'first', 'forename'],
  lastName: ['lastname', 'lname', 'surname', 'familyname', 'last'],
  unsubscribed: ['unsubscribed', 'unsubscribe', 'optout', 'optedout'],
};

/** Lowercase, without whitespace, `_` and `-`: "E-mail Address" → "emailaddress". */
export function normalizeHeader(header: string): string {
  return header.toLowerCase().replace(/[\s_-]+/g, '');
}

function fieldOf(header: string): Field | null {
  const name = normalizeHeader(header);
  for (const field of FIELDS) if (SYNONYMS[field].includes(name)) return field;
  return null;
}

/** For each field, the header that matches it best (synonym order, then header order). */
function matchFields(headers: string[]): Partial<Record<Field, number>> {
  const normalized = headers.map(normalizeHeader);
  const matched: Partial<Record<Field, number>> = {};
  for (const field of FIELDS) {
    for (const synonym of SYNONYMS[field]) {
      const index = normalized.indexOf(synonym);
      if (index >= 0) {
        matched[field] = index;
        break;
      }
    }
  }
  return matched;
}

function listHeaders(headers: string[]): string {
  const shown = headers.slice(0, 30).map((h) => `"${h}"`);
  return shown.join(', ') + (headers.length > shown.length ? ` and ${headers.length - shown.length} more` : '');
}

/**
 * Matches headers to fields by name (case, spaces, `_`/`-` ignored) with the usual synonyms; other
 * headers are not mapped. Without an email column, returns the problem to show the user.
 */
export function autoMap(headers: string[]): ColumnMap | { problem: string } {
  const matched = matchFields(headers);
  const name = (field: Field) => (matched[field] === undefined ? null : headers[matched[field]]!);
  const email = name('email');
  if (email === null) {
    return { problem: `No column looks like the email column (name it "email" or give a column map); the file's columns are: ${listHeaders(headers)}` };
  }
  return { email, firstName: name('firstName'), lastName: name('lastName'), unsubscribed: name('unsubscribed'), properties: [] };
}

function isNamed(column: string | null | undefined): column is string {
  return typeof column === 'string' && column.trim() !== '';
}

/** The header `column` names: exactly, else ignoring case and surrounding spaces (headers are unique that way). */
function findColumn(column: string, headers: readonly string[]): number {
  const exact = headers.indexOf(column);
  if (exact >= 0) return exact;
  const wanted = column.trim().toLowerCase();
  return headers.findIndex((h) => h.trim().toLowerCase() === wanted);
}

export type PathIssue = { path: (string | number)[]; message: string };

const TYPES: readonly string[] = ['string', 'number', 'boolean'];

/**
 * Checks a map against the file's headers: email is required, every named column must exist (the
 * message lists the file's headers), a column feeds one field or property only, and each property
 * has a valid, unique key and a type. Columns match exactly or ignoring case.
 */
export function checkColumnMap(map: ColumnMap, headers: string[]): PathIssue[] {
  const issues: PathIssue[] = [];
  const usedBy = new Map<number, string>();
  const use = (column: string, path: (string | number)[], what: string) => {
    const index = findColumn(column, headers);
    if (index < 0) {
      issues.push({ path, message: `The file has no column "${column}"; its columns are: ${listHeaders(headers)}` });
      return;
    }
    const other = usedBy.get(index);
    if (other !== undefined) issues.push({ path, message: `The column "${headers[index]}" is already mapped to ${other}` });
    else usedBy.set(index, what);
  };
  if (!isNamed(map.email)) issues.push({ path: ['columnMap', 'email'], message: 'Name the email column; it is required' });
  else use(map.email, ['columnMap', 'email'], 'email');
  for (const field of ['firstName', 'lastName', 'unsubscribed'] as const) {
    const column = map[field];
    if (isNamed(column)) use(column, ['columnMap', field], field);
  }
  const keys = new Set<string>();
  map.properties.forEach((property, i) => {
    const at = ['columnMap', 'properties', i];
    const key = propertyKey.safeParse(property.key);
    if (!key.success) issues.push({ path: [...at, 'key'], message: key.error.issues[0]?.message ?? 'Key is not valid' });
    else if (keys.has(property.key)) issues.push({ path: [...at, 'key'], message: `The property "${property.key}" is mapped twice` });
    keys.add(property.key);
    if (!TYPES.includes(property.type)) issues.push({ path: [...at, 'type'], message: 'Type must be string, number or boolean' });
    if (!isNamed(property.column)) issues.push({ path: [...at, 'column'], message: 'Name the column of this property' });
    else use(property.column, [...at, 'column'], `the property "${property.key}"`);
  });
  return issues;
}

export { parseBoolean, parseNumber };

export interface StagedRecord {
  /** Trimmed; set even when invalid (then `error` says why), so a failure can show it. */
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  unsubscribed: boolean | null;
  properties: Record<string, string | number | boolean>;
  error: string | null;
}

interface Plan {
  email: number;
  emailName: string;
  firstName: number;
  lastName: number;
  unsubscribed: number;
  names: string[];
  properties: { key: string; type: PropertyType; index: number; name: string }[];
}

// toRecord runs once per row: the map is resolved to column indexes once per (map, index) pair.
const plans = new WeakMap<ColumnMap, { columnIndex: Map<string, number>; plan: Plan }>();

function planFor(map: ColumnMap, columnIndex: Map<string, number>): Plan {
  const cached = plans.get(map);
  if (cached?.columnIndex === columnIndex) return cached.plan;
  const headers: string[] = [];
  for (const [name, index] of columnIndex) headers[index] = name;
  const resolve = (column: string | null | undefined): number => {
    if (!isNamed(column)) return -1;
    const index = columnIndex.get(column) ?? findColumn(column, headers);
    if (index < 0) throw new Error(`Column "${column}" is not in the file; check the map with checkColumnMap first`);
    return index;
  };
  const plan: Plan = {
    email: resolve(map.email),
    emailName: map.email,
    firstName: resolve(map.firstName),
    lastName: resolve(map.lastName),
    unsubscribed: resolve(map.unsubscribed),
    names: headers,
    properties: map.properties.map((p) => ({ key: p.key, type: p.type, index: resolve(p.column), name: p.column })),
  };
  plans.set(map, { columnIndex, plan });
  return plan;
}

function shown(value: string): string {
  const short = value.length > 40 ? `${value.slice(0, 40)}…` : value;
  return JSON.stringify(short);
}

const MAX_NAME = 255;

/**
 * One CSV row → what to stage. Empty cells are null (they never clear a stored value). The email is
 * trimmed and checked; names trimmed; property cells converted by type. The first problem, a sentence
 * naming the column, is `error`. `columnIndex` maps each header to its position.
 */
export function toRecord(cells: string[], headerCount: number, columnIndex: Map<string, number>, map: ColumnMap): StagedRecord {
  const plan = planFor(map, columnIndex);
  const record: StagedRecord = { email: null, firstName: null, lastName: null, unsubscribed: null, properties: {}, error: null };
  const emailCell = cells[plan.email]?.trim() ?? '';
  if (emailCell !== '') record.email = emailCell;
  if (cells.length !== headerCount) {
    // The cells may be shifted: keep the email only when it is one, for the failure report.
    if (record.email !== null && emailProblem(record.email) !== null) record.email = null;
    record.error = `Row has ${cells.length} column${cells.length === 1 ? '' : 's'}, the header has ${headerCount}`;
    return record;
  }
  const column = (index: number) => `Column "${plan.names[index] ?? index + 1}"`;
  if (record.email === null) return fail(record, `${column(plan.email)} is empty; every contact needs an email`);
  const problem = emailProblem(record.email);
  if (problem) return fail(record, `${column(plan.email)}: ${problem}`);

  for (const field of ['firstName', 'lastName'] as const) {
    const index = plan[field];
    if (index < 0) continue;
    const value = cells[index]!.trim();
    if (value === '') continue;
    if (value.length > MAX_NAME) return fail(record, `${column(index)} is longer than ${MAX_NAME} characters`);
    if (!isStorableText(value)) return fail(record, `${column(index)}: ${UNSTORABLE_TEXT}`);
    record[field] = value;
  }
  if (plan.unsubscribed >= 0) {
    const cell = cells[plan.unsubscribed]!;
    const value = parseBoolean(cell);
    if (value === 'invalid') return fail(record, `${column(plan.unsubscribed)} must be true/false, yes/no, 1/0 or y/n, not ${shown(cell.trim())}`);
    record.unsubscribed = value;
  }
  for (const property of plan.properties) {
    const cell = cells[property.index]!;
    if (cell.trim() === '') continue;
    switch (property.type) {
      case 'string':
        if (!isStorableText(cell)) return fail(record, `${column(property.index)}: ${UNSTORABLE_TEXT}`);
        record.properties[property.key] = cell;
        break;
      case 'number': {
        const value = parseNumber(cell);
        if (value === null) return fail(record, `${column(property.index)} must be a number for the property "${property.key}", not ${shown(cell.trim())}`);
        record.properties[property.key] = value;
        break;
      }
      case 'boolean': {
        const value = parseBoolean(cell);
        if (value === 'invalid') {
          return fail(record, `${column(property.index)} must be true/false, yes/no, 1/0 or y/n for the property "${property.key}", not ${shown(cell.trim())}`);
        }
        if (value !== null) record.properties[property.key] = value;
        break;
      }
    }
  }
  return record;
}

function fail(record: StagedRecord, error: string): StagedRecord {
  record.error = error;
  return record;
}

export type MappingTarget =
  | { kind: 'email' | 'firstName' | 'lastName' | 'unsubscribed' | 'ignore' }
  | { kind: 'property'; key: string; type: PropertyType; exists: boolean };

export interface MappingSuggestion {
  header: string;
  target: MappingTarget;
  suggestedType: PropertyType;
  confidence: number;
  samples: string[];
}

const MAX_SAMPLES = 5;

/** The type a new property would get from these values: all booleans, else all numbers, else string. */
export function sniffType(values: string[]): PropertyType {
  const filled = values.filter((v) => v.trim() !== '');
  if (filled.length === 0) return 'string';
  if (filled.every((v) => parseBoolean(v) !== 'invalid')) return 'boolean';
  if (filled.every((v) => parseNumber(v) !== null)) return 'number';
  return 'string';
}

/** A property key from a header: letters, digits and `_` (accents dropped, spaces → `_`), lowercase, at most 50. */
export function propertyKeyFor(header: string): string {
  return header
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .trim()
    .toLowerCase()
    .replace(/\s+/g, '_')
    .replace(/[^a-z0-9_]/g, '')
    .replace(/_+/g, '_')
    .replace(/^_|_$/g, '')
    .slice(0, 50)
    .replace(/_$/, '');
}

/**
 * For each header: the most likely target, a type for a new property sniffed from the samples, a
 * confidence 0..1 and a few sample values. A target `remembered` for normalizeHeader(header) from a
 * past import wins (confidence 1); then field names and synonyms; then the team's properties by
 * normalized key; a column of emails is the email column when no header says so; the rest are new
 * properties (a key made from the header) or ignored when the header gives no key. Each field and
 * each property is suggested for one header only.
 */
export function suggestMapping(
  headers: string[],
  sampleRows: string[][],
  known: { key: string; type: PropertyType }[],
  remembered: Map<string, MappingTarget>,
): MappingSuggestion[] {
  const knownByKey = new Map(known.map((p) => [p.key, p]));
  const knownByName = new Map(known.map((p) => [normalizeHeader(p.key), p]));
  const columns = headers.map((_, i) => sampleRows.map((row) => row[i] ?? '').filter((v) => v.trim() !== ''));
  const taken = new Set<string>();
  const claim = (target: MappingTarget): boolean => {
    if (target.kind === 'ignore') return true;
    const id = target.kind === 'property' ? `property:${target.key}` : target.kind;
    if (taken.has(id)) return false;
    taken.add(id);
    return true;
  };
  const result: (MappingSuggestion | null)[] = headers.map(() => null);
  const suggest = (i: number, target: MappingTarget, confidence: number) => {
    result[i] = { header: headers[i]!, target, suggestedType: sniffType(columns[i]!), confidence, samples: columns[i]!.slice(0, MAX_SAMPLES) };
  };

  // 1. What the team chose by hand before.
  headers.forEach((header, i) => {
    const target = remembered.get(normalizeHeader(header));
    if (!target) return;
    let current = target;
    if (target.kind === 'property') {
      const existing = knownByKey.get(target.key);
      current = { kind: 'property', key: target.key, type: existing?.type ?? target.type, exists: existing !== undefined };
    }
    if (claim(current)) suggest(i, current, 1);
  });
  // 2. Field names and their synonyms (the best-matching header per field).
  const open = headers.map((_, i) => i).filter((i) => result[i] === null);
  const matched = matchFields(open.map((i) => headers[i]!));
  for (const field of FIELDS) {
    const at = matched[field];
    if (at === undefined) continue;
    const i = open[at]!;
    if (!claim({ kind: field })) continue;
    suggest(i, { kind: field }, normalizeHeader(headers[i]!) === normalizeHeader(field) ? 1 : 0.9);
  }
  // 3. The team's properties, by key.
  headers.forEach((header, i) => {
    if (result[i] || fieldOf(header)) return;
    const property = knownByKey.get(header) ?? knownByName.get(normalizeHeader(header));
    if (!property) return;
    const target: MappingTarget = { kind: 'property', key: property.key, type: property.type, exists: true };
    if (claim(target)) suggest(i, target, property.key === header ? 1 : 0.9);
  });
  // 4. A column of emails, when no header named the email column.
  if (!taken.has('email')) {
    const i = headers.findIndex((_, i) => !result[i] && columns[i]!.length > 0 && columns[i]!.every((v) => emailProblem(v.trim()) === null));
    if (i >= 0 && claim({ kind: 'email' })) suggest(i, { kind: 'email' }, 0.8);
  }
  // 5. The rest: a new property, or nothing when the header gives no key or its field is taken.
  headers.forEach((header, i) => {
    if (result[i]) return;
    const key = propertyKeyFor(header);
    if (fieldOf(header) || key === '') {
      suggest(i, { kind: 'ignore' }, 0.5);
      return;
    }
    let unique = key;
    for (let n = 2; taken.has(`property:${unique}`); n++) unique = `${key.slice(0, 50 - String(n).length - 1)}_${n}`;
    const existing = knownByKey.get(unique);
    const target: MappingTarget = existing
      ? { kind: 'property', key: unique, type: existing.type, exists: true }
      : { kind: 'property', key: unique, type: sniffType(columns[i]!), exists: false };
    claim(target);
    suggest(i, target, existing ? 0.7 : 0.5);
  });
  return result.map((s) => s!);
}
