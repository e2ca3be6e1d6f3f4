import { InvalidArgumentError } from 'commander';
import type { Issue } from './client';
import type { Suggestion } from './imports.api';
import type { ContactImportColumnMapInput, PropertyType } from './operations.generated';
import type { PropertyKind } from './properties.api';

// `roster import --map ...` and the suggested mapping: pure functions from flags, headers and the
// server's suggestions to the importContacts column map, and back to flags people can edit.

type Field = 'email' | 'firstName' | 'lastName' | 'unsubscribed';

const FIELDS: Record<string, Field> = {
  email: 'email',
  first_name: 'firstName',
  firstname: 'firstName',
  last_name: 'lastName',
  lastname: 'lastName',
  unsubscribed: 'unsubscribed',
};

const FLAG_NAMES: Record<Field, string> = { email: 'email', firstName: 'first_name', lastName: 'last_name', unsubscribed: 'unsubscribed' };

/** One `--map`: a field and its column (null: do not import it), or a property with its column and type. */
export type MapEntry = { field: Field; column: string | null } | { property: string; column: string; type?: PropertyKind };

/**
 * Reads `email=Email`, `first_name=First Name`, `last_name=` (do not import it) or
 * `property:plan=Plan` with an optional `:string`, `:number` or `:boolean` after the column.
 */
export function parseMapEntry(value: string): MapEntry {
  const at = value.indexOf('=');
  const target = at < 0 ? '' : value.slice(0, at).trim();
  const column = at < 0 ? '' : value.slice(at + 1).trim();
  const example = 'email=Email, first_name="First Name" or property:plan=Plan:string';
  if (at <= 0) throw new InvalidArgumentError(`Write it as TARGET=COLUMN, e.g. ${example} (got "${value}").`);
  if (target.toLowerCase().startsWith('property:')) {
    const key = target.slice('property:'.length).trim();
    if (!/^[A-Za-z0-9_]{1,50}$/.test(key)) throw new InvalidArgumentError(`"${key}" is not a property key: use letters, digits and underscores, at most 50.`);
    const typed = /^(.*):(string|number|boolean)$/i.exec(column);
    const name = typed ? typed[1]!.trim() : column;
    if (name === '') throw new InvalidArgumentError(`Name the column of the property ${key}, e.g. property:${key}=${key}:string.`);
    return typed ? { property: key, column: name, type: typed[2]!.toLowerCase() as PropertyKind } : { property: key, column: name };
  }
  const field = FIELDS[target.toLowerCase()];
  if (!field) throw new InvalidArgumentError(`"${target}" is not a target: use email, first_name, last_name, unsubscribed or property:KEY.`);
  if (field === 'email' && column === '') throw new InvalidArgumentError('The email column is required; name it, e.g. email=Email.');
  return { field, column: column === '' ? null : column };
}

/**
 * The column map for the flags. A property's type, when not given, is its existing type, else
 * string (the API's default). Fields the flags leave out are matched by the server by header name.
 */
export function columnMapFromFlags(entries: MapEntry[], existing: Map<string, PropertyKind>): { map: ContactImportColumnMapInput; issues: Issue[] } {
  const map: ContactImportColumnMapInput = {};
  const properties: NonNullable<ContactImportColumnMapInput['properties']> = [];
  const issues: Issue[] = [];
  const seen = new Set<string>();
  for (const entry of entries) {
    const name = 'field' in entry ? FLAG_NAMES[entry.field] : `property:${entry.property}`;
    if (seen.has(name)) issues.push({ path: [`--map ${name}`], message: 'Mapped more than once' });
    seen.add(name);
    if ('field' in entry) {
      map[entry.field] = entry.column;
      continue;
    }
    const known = existing.get(entry.property);
    if (known && entry.type && known !== entry.type) {
      issues.push({ path: [`--map ${name}`], message: `The property exists with the type ${known}, not ${entry.type}` });
    }
    properties.push({ key: entry.property, column: entry.column, type: upper(entry.type ?? known ?? 'string') });
  }
  if (properties.length > 0) map.properties = properties;
  return { map, issues };
}

function upper(kind: PropertyKind): PropertyType {
  return kind.toUpperCase() as PropertyType;
}

/** The file's header a map names: exactly, else ignoring case and surrounding spaces (as the server does). */
function findColumn(column: string, headers: readonly string[]): number {
  const exact = headers.indexOf(column);
  if (exact >= 0) return exact;
  const wanted = column.trim().toLowerCase();
  return headers.findIndex((h) => h.trim().toLowerCase() === wanted);
}

function listHeaders(headers: readonly string[]): string {
  const shown = headers.slice(0, 30).map((h) => `"${h}"`);
  return shown.join(', ') + (headers.length > shown.length ? ` and ${headers.length - shown.length} more` : '');
}

/** Checks the map against the header before anything is uploaded: every named column must exist, once. */
export function checkColumns(map: ContactImportColumnMapInput, headers: readonly string[]): Issue[] {
  const issues: Issue[] = [];
  const used = new Map<number, string>();
  const use = (column: string | null | undefined, flag: string) => {
    if (!column) return;
    const index = findColumn(column, headers);
    if (index < 0) issues.push({ path: [`--map ${flag}`], message: `The file has no column "${column}"; its columns are: ${listHeaders(headers)}` });
    else if (used.has(index)) issues.push({ path: [`--map ${flag}`], message: `The column "${headers[index]}" is already mapped to ${used.get(index)}` });
    else used.set(index, flag);
  };
  for (const field of ['email', 'firstName', 'lastName', 'unsubscribed'] as const) use(map[field], FLAG_NAMES[field]);
  for (const property of map.properties ?? []) use(property.column, `property:${property.key}`);
  return issues;
}

/** The suggested mapping as a complete column map (fields it leaves out are not imported), or null without an email column. */
export function columnMapFromSuggestions(suggestions: Suggestion[]): ContactImportColumnMapInput | null {
  const map: ContactImportColumnMapInput = { email: null, firstName: null, lastName: null, unsubscribed: null, properties: [] };
  for (const s of suggestions) {
    if (s.target === 'EMAIL') map.email = s.header;
    else if (s.target === 'FIRST_NAME') map.firstName = s.header;
    else if (s.target === 'LAST_NAME') map.lastName = s.header;
    else if (s.target === 'UNSUBSCRIBED') map.unsubscribed = s.header;
    else if (s.target === 'PROPERTY' && s.propertyKey) map.properties!.push({ key: s.propertyKey, column: s.header, type: s.propertyType ?? s.suggestedType });
  }
  return map.email ? map : null;
}

/** What a suggestion imports the column as, for people: "first_name", "property plan (new, string)". */
export function describeTarget(s: Suggestion): string {
  switch (s.target) {
    case 'EMAIL':
      return 'email';
    case 'FIRST_NAME':
      return 'first_name';
    case 'LAST_NAME':
      return 'last_name';
    case 'UNSUBSCRIBED':
      return 'unsubscribed';
    case 'PROPERTY':
      return `property ${s.propertyKey} (${s.propertyExists ? '' : 'new, '}${(s.propertyType ?? s.suggestedType).toLowerCase()})`;
    case 'IGNORE':
      return '(not imported)';
  }
}

function shellQuote(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`;
}

/** The same map as `--map` flags, to copy, edit and pass again. */
export function mapFlags(map: ContactImportColumnMapInput): string {
  const flags: string[] = [];
  for (const field of ['email', 'firstName', 'lastName', 'unsubscribed'] as const) {
    const column = map[field];
    if (column) flags.push(`--map ${shellQuote(`${FLAG_NAMES[field]}=${column}`)}`);
  }
  for (const p of map.properties ?? []) flags.push(`--map ${shellQuote(`property:${p.key}=${p.column}:${(p.type ?? 'STRING').toLowerCase()}`)}`);
  return flags.join(' ');
}
