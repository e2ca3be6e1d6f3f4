import type { ColumnSuggestion, ContactImportColumnMapInput, PropertyType } from '../gql/types';
import { type CellRule, cellProblem, rowProblem } from './cell-rules';

// The mapping step's state: for each CSV column, whether it is imported and as what. Pure
// functions over an immutable array, so the wizard keeps it in useState and tests check it alone.

export type FieldKind = 'email' | 'firstName' | 'lastName' | 'unsubscribed';

export type Target = { kind: FieldKind } | { kind: 'property'; key: string } | { kind: 'newProperty'; key: string; type: PropertyType };

export interface MappedColumn {
  /** Position in the file's header. */
  index: number;
  header: string;
  included: boolean;
  /** What the column becomes when included; null until chosen. */
  target: Target | null;
  /** The type the sample values look like, for a new property. */
  suggestedType: PropertyType;
}

export interface KnownProperty {
  key: string;
  type: PropertyType;
}

export interface MappingIssue {
  /** Index into the columns array, or null for the mapping as a whole. */
  column: number | null;
  message: string;
}

export const FIELD_LABELS: Record<FieldKind, string> = { email: 'Email', firstName: 'First name', lastName: 'Last name', unsubscribed: 'Unsubscribed' };
export const TYPE_LABELS: Record<PropertyType, string> = { STRING: 'text', NUMBER: 'number', BOOLEAN: 'true/false' };
const PROPERTY_KEY = /^[A-Za-z0-9_]{1,50}$/;

/** A property key from a header, as the server makes one: "Plan Tier" → "plan_tier". */
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

type Suggestion = Pick<ColumnSuggestion, 'header' | 'target' | 'propertyKey' | 'propertyType' | 'propertyExists' | 'suggestedType'>;

const FIELD_OF: Partial<Record<Suggestion['target'], FieldKind>> = { EMAIL: 'email', FIRST_NAME: 'firstName', LAST_NAME: 'lastName', UNSUBSCRIBED: 'unsubscribed' };

function defaultNewProperty(header: string, type: PropertyType): Target | null {
  const key = propertyKeyFor(header);
  return key === '' ? null : { kind: 'newProperty', key, type };
}

/**
 * The starting state from the server's suggestions (one per header, in order): fields and
 * properties included as suggested; an ignored column starts unticked, ready to become a new
 * property named after its header if ticked.
 */
export function initialColumns(headers: readonly string[], suggestions: readonly Suggestion[]): MappedColumn[] {
  return headers.map((header, index) => {
    const s = suggestions[index]?.header === header ? suggestions[index] : suggestions.find((x) => x.header === header);
    const suggestedType = s?.suggestedType ?? 'STRING';
    const field = s ? FIELD_OF[s.target] : undefined;
    if (field) return { index, header, included: true, target: { kind: field }, suggestedType };
    if (s?.target === 'PROPERTY' && s.propertyKey) {
      const target: Target = s.propertyExists
        ? { kind: 'property', key: s.propertyKey }
        : { kind: 'newProperty', key: s.propertyKey, type: s.propertyType ?? suggestedType };
      return { index, header, included: true, target, suggestedType };
    }
    return { index, header, included: false, target: defaultNewProperty(header, suggestedType), suggestedType };
  });
}

/** The team's properties plus those the suggestions say exist (the list may be a first page only). */
export function knownProperties(listed: readonly KnownProperty[], suggestions: readonly Suggestion[]): KnownProperty[] {
  const known = new Map(listed.map((p) => [p.key, p]));
  for (const s of suggestions) {
    if (s.propertyExists && s.propertyKey && s.propertyType && !known.has(s.propertyKey)) known.set(s.propertyKey, { key: s.propertyKey, type: s.propertyType });
  }
  return [...known.values()].sort((a, b) => a.key.localeCompare(b.key));
}

/** Ticks or unticks a column; the email column stays included (untick it by mapping another). */
export function setIncluded(columns: readonly MappedColumn[], at: number, included: boolean): MappedColumn[] {
  return columns.map((c, i) => (i !== at || (!included && c.target?.kind === 'email') ? c : { ...c, included }));
}

/** Sets what a column becomes, which includes it. */
export function setTarget(columns: readonly MappedColumn[], at: number, target: Target): MappedColumn[] {
  return columns.map((c, i) => (i === at ? { ...c, target, included: true } : c));
}

/** The select's value for a target: a field name, `property:<key>` or `new`. */
export function targetValue(target: Target | null): string {
  if (!target) return '';
  if (target.kind === 'property') return `property:${target.key}`;
  if (target.kind === 'newProperty') return 'new';
  return target.kind;
}

/** The target a select value stands for, for this column (a new property keeps its key and type). */
export function targetFromValue(value: string, column: MappedColumn): Target | null {
  if (value === 'email' || value === 'firstName' || value === 'lastName' || value === 'unsubscribed') return { kind: value };
  if (value.startsWith('property:')) return { kind: 'property', key: value.slice('property:'.length) };
  if (value === 'new') {
    if (column.target?.kind === 'newProperty') return column.target;
    return { kind: 'newProperty', key: propertyKeyFor(column.header), type: column.suggestedType };
  }
  return null;
}

export function describeTarget(target: Target, known: readonly KnownProperty[]): string {
  switch (target.kind) {
    case 'property': {
      const type = known.find((p) => p.key === target.key)?.type;
      return `Property ${target.key}${type ? ` (${TYPE_LABELS[type]})` : ''}`;
    }
    case 'newProperty':
      return `New property ${target.key} (${TYPE_LABELS[target.type]})`;
    default:
      return FIELD_LABELS[target.kind];
  }
}

/** How a column's cells are checked, or null when it is not imported. */
export function ruleOf(column: MappedColumn, known: readonly KnownProperty[]): CellRule | null {
  const target = column.target;
  if (!column.included || !target) return null;
  if (target.kind === 'newProperty') return { kind: 'property', key: target.key, type: target.type };
  if (target.kind === 'property') return { kind: 'property', key: target.key, type: known.find((p) => p.key === target.key)?.type ?? 'STRING' };
  return { kind: target.kind };
}

function slot(target: Target): string {
  return target.kind === 'property' || target.kind === 'newProperty' ? `property:${target.key}` : target.kind;
}

/**
 * What stops the mapping from being sent: no email column, an included column without a target,
 * two columns into one field or property, a new property without a valid key or named like an
 * existing one. The server checks the same (checkColumnMap); here each issue names its column.
 */
export function mappingIssues(columns: readonly MappedColumn[], known: readonly KnownProperty[]): MappingIssue[] {
  const issues: MappingIssue[] = [];
  const included = columns.map((c, i) => ({ c, i })).filter(({ c }) => c.included);
  if (!included.some(({ c }) => c.target?.kind === 'email')) {
    issues.push({ column: null, message: 'Choose the column that holds the email addresses: every contact needs one.' });
  }
  const bySlot = new Map<string, number[]>();
  for (const { c, i } of included) {
    if (!c.target) {
      issues.push({ column: i, message: 'Choose what to import this column as, or untick it.' });
      continue;
    }
    if (c.target.kind === 'newProperty') {
      const key = c.target.key;
      if (key === '') issues.push({ column: i, message: 'Name the new property.' });
      else if (!PROPERTY_KEY.test(key)) issues.push({ column: i, message: 'A property key may contain only letters, digits and underscores, at most 50.' });
      else if (known.some((p) => p.key === key)) issues.push({ column: i, message: `A property "${key}" exists already; choose it under "Existing properties".` });
    }
    if (c.target.kind === 'property' && !known.some((p) => p.key === (c.target as { key: string }).key)) {
      issues.push({ column: i, message: 'This property does not exist any more; choose another target.' });
    }
    const id = slot(c.target);
    bySlot.set(id, [...(bySlot.get(id) ?? []), i]);
  }
  for (const [, at] of bySlot) {
    if (at.length < 2) continue;
    for (const i of at) {
      const others = at.filter((j) => j !== i).map((j) => `"${columns[j]!.header}"`);
      issues.push({ column: i, message: `${describeTarget(columns[i]!.target!, known)} is also imported from ${others.join(', ')}; import it from one column only.` });
    }
  }
  return issues;
}

/**
 * The importContacts column map. Fields that no included column feeds are sent as null, so the
 * server does not match them by header name (an unticked "first_name" column stays out).
 */
export function toColumnMap(columns: readonly MappedColumn[], known: readonly KnownProperty[]): ContactImportColumnMapInput {
  const fieldColumn = (kind: FieldKind) => columns.find((c) => c.included && c.target?.kind === kind)?.header ?? null;
  const properties = propertyColumns(columns).map((c) => {
    const target = c.target as Extract<Target, { key: string }>;
    const type = target.kind === 'newProperty' ? target.type : (known.find((p) => p.key === target.key)?.type ?? 'STRING');
    return { column: c.header, key: target.key, type };
  });
  return { email: fieldColumn('email'), firstName: fieldColumn('firstName'), lastName: fieldColumn('lastName'), unsubscribed: fieldColumn('unsubscribed'), properties };
}

function propertyColumns(columns: readonly MappedColumn[]): MappedColumn[] {
  return columns.filter((c) => c.included && (c.target?.kind === 'property' || c.target?.kind === 'newProperty'));
}

/**
 * The column a server issue is about, from its path: ["columnMap", "email"] or
 * ["columnMap", "properties", "2", "type"] (the third property sent by toColumnMap). Null when
 * the path names no column.
 */
export function issueColumn(columns: readonly MappedColumn[], path: readonly string[]): number | null {
  if (path[0] !== 'columnMap') return null;
  const field = path[1];
  if (field === 'properties') {
    const property = propertyColumns(columns)[Number(path[2])];
    return property ? columns.indexOf(property) : null;
  }
  const at = columns.findIndex((c) => c.included && c.target?.kind === field);
  return at >= 0 ? at : null;
}

export interface CellCheck {
  /** Non-empty sample cells looked at. */
  checked: number;
  failing: number;
  /** The first failing value's message. */
  example: string | null;
}

/** How many of the preview rows' cells in this column would fail the row. */
export function checkColumn(column: MappedColumn, rows: readonly (readonly string[])[], known: readonly KnownProperty[]): CellCheck {
  const rule = ruleOf(column, known);
  const result: CellCheck = { checked: 0, failing: 0, example: null };
  if (!rule) return result;
  for (const row of rows) {
    const cell = row[column.index];
    if (cell === undefined) continue;
    result.checked++;
    const problem = cellProblem(rule, column.header, cell);
    if (problem) {
      result.failing++;
      result.example ??= problem;
    }
  }
  return result;
}

export interface PreviewCheck {
  rows: number;
  failing: number;
  /** Valid rows whose email another valid row repeats: the server keeps the last, skips the others. */
  duplicates: number;
  /** Up to five failing rows: 1-based data row number and the reason. */
  examples: { rowNumber: number; reason: string }[];
}

/** How many preview rows would fail as a whole (the server's first problem per row). */
export function checkPreview(columns: readonly MappedColumn[], headerCount: number, rows: readonly (readonly string[])[], known: readonly KnownProperty[]): PreviewCheck {
  const rules = columns.flatMap((c) => {
    const rule = ruleOf(c, known);
    return rule ? [{ index: c.index, header: c.header, rule }] : [];
  });
  const result: PreviewCheck = { rows: rows.length, failing: 0, duplicates: 0, examples: [] };
  const email = rules.find((r) => r.rule.kind === 'email');
  const seen = new Set<string>();
  rows.forEach((row, i) => {
    const reason = rowProblem(row, headerCount, rules);
    if (!reason) {
      const key = email ? row[email.index]?.trim().toLowerCase() : undefined;
      if (key !== undefined && seen.has(key)) result.duplicates++;
      if (key !== undefined) seen.add(key);
      return;
    }
    result.failing++;
    if (result.examples.length < 5) result.examples.push({ rowNumber: i + 1, reason });
  });
  return result;
}

/** Up to `count` non-empty values of the column, for showing what it holds. */
export function samplesOf(column: Pick<MappedColumn, 'index'>, rows: readonly (readonly string[])[], count = 3): string[] {
  const out: string[] = [];
  for (const row of rows) {
    const cell = row[column.index];
    if (cell !== undefined && cell.trim() !== '') out.push(cell);
    if (out.length >= count) break;
  }
  return out;
}
