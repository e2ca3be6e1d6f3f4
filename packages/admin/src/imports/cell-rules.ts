import type { PropertyType } from '../gql/types';

// The server's rules for one CSV cell (packages/schema/src/imports/column-map.ts toRecord and
// contacts/email.ts), mirrored so the mapping step can say which sample values would fail before
// anything is uploaded. The messages match the server's, so the preview and the failed-rows table
// read the same. The server stays the judge: this is a preview.

const LOCAL_ATOM = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+$/;
const DNS_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** The browser's IDNA (URL host parsing) in place of node's domainToASCII; null when it refuses. */
function domainToAscii(domain: string): string | null {
  try {
    return new URL(`http://${domain}/`).hostname;
  } catch {
    return null;
  }
}

/** Why an email address is refused, or null when it is valid (the server's emailProblem). */
export function emailProblem(email: string): string | null {
  if (email.length === 0) return 'Email is empty';
  if (email.length > 254) return 'Email is longer than 254 characters';
  const at = email.lastIndexOf('@');
  if (at < 0) return 'Email has no @';
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  if (local.length === 0) return 'Email has nothing before the @';
  if (local.length > 64) return 'The part before the @ is longer than 64 characters';
  if (/\s/.test(email)) return 'Email contains a space';
  for (const atom of local.split('.')) {
    if (atom.length === 0) return 'The part before the @ has a misplaced dot';
    if (!LOCAL_ATOM.test(atom)) return 'The part before the @ contains a character that is not allowed';
  }
  if (domain.length === 0) return 'Email has no domain';
  const lower = domain.toLowerCase();
  const ascii = /^[\x21-\x7e]+$/.test(lower) ? lower : domainToAscii(lower);
  if (!ascii || ascii.length > 253) return 'The domain is not valid';
  const labels = ascii.split('.');
  if (labels.length < 2) return 'The domain has no dot';
  for (const label of labels) {
    if (!DNS_LABEL.test(label)) return 'The domain is not valid';
  }
  if (/^[0-9]+$/.test(labels.at(-1) ?? '')) return 'The domain is not valid';
  return null;
}

const TRUE = new Set(['true', 'yes', '1', 'y']);
const FALSE = new Set(['false', 'no', '0', 'n']);

/** true/false, yes/no, 1/0, y/n (any case, trimmed); empty is null; anything else 'invalid'. */
export function parseBoolean(cell: string): boolean | null | 'invalid' {
  const value = cell.trim().toLowerCase();
  if (value === '') return null;
  if (TRUE.has(value)) return true;
  if (FALSE.has(value)) return false;
  return 'invalid';
}

const NUMBER = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/;

/** A decimal number as written in a spreadsheet (no decimal comma, no hex), or null. */
export function parseNumber(cell: string): number | null {
  if (!NUMBER.test(cell)) return null;
  const value = Number(cell);
  return Number.isFinite(value) ? value : null;
}

const UNPAIRED_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const UNSTORABLE_TEXT = 'Must not contain NUL characters or unpaired surrogates';
const MAX_NAME = 255;

function isStorableText(value: string): boolean {
  return !value.includes('\u0000') && !UNPAIRED_SURROGATE.test(value);
}

function shown(value: string): string {
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
}

/** Where a column's cells go, as far as checking a cell is concerned. */
export type CellRule = { kind: 'email' | 'firstName' | 'lastName' | 'unsubscribed' } | { kind: 'property'; key: string; type: PropertyType };

/** Why this cell would fail its row on import, or null when it imports (an empty cell is skipped). */
export function cellProblem(rule: CellRule, header: string, cell: string): string | null {
  const column = `Column "${header}"`;
  switch (rule.kind) {
    case 'email': {
      const email = cell.trim();
      if (email === '') return `${column} is empty; every contact needs an email`;
      const problem = emailProblem(email);
      return problem ? `${column}: ${problem}` : null;
    }
    case 'firstName':
    case 'lastName': {
      const value = cell.trim();
      if (value.length > MAX_NAME) return `${column} is longer than ${MAX_NAME} characters`;
      return isStorableText(value) ? null : `${column}: ${UNSTORABLE_TEXT}`;
    }
    case 'unsubscribed':
      return parseBoolean(cell) === 'invalid' ? `${column} must be true/false, yes/no, 1/0 or y/n, not ${shown(cell.trim())}` : null;
    case 'property': {
      if (cell.trim() === '') return null;
      if (rule.type === 'STRING') return isStorableText(cell) ? null : `${column}: ${UNSTORABLE_TEXT}`;
      if (rule.type === 'NUMBER') {
        return parseNumber(cell) === null ? `${column} must be a number for the property "${rule.key}", not ${shown(cell.trim())}` : null;
      }
      return parseBoolean(cell) === 'invalid' ? `${column} must be true/false, yes/no, 1/0 or y/n for the property "${rule.key}", not ${shown(cell.trim())}` : null;
    }
  }
}

/**
 * The first reason a data row would fail, in the server's order: a wrong number of cells, then
 * the email, the names, unsubscribed, then each property; null when the row imports.
 */
export function rowProblem(cells: readonly string[], headerCount: number, rules: readonly { index: number; header: string; rule: CellRule }[]): string | null {
  if (cells.length !== headerCount) return `Row has ${cells.length} column${cells.length === 1 ? '' : 's'}, the header has ${headerCount}`;
  const order = ['email', 'firstName', 'lastName', 'unsubscribed', 'property'];
  const sorted = [...rules].sort((a, b) => order.indexOf(a.rule.kind) - order.indexOf(b.rule.kind));
  for (const { index, header, rule } of sorted) {
    const problem = cellProblem(rule, header, cells[index] ?? '');
    if (problem) return problem;
  }
  return null;
}

/** The type a new property would get from these values: all booleans, else all numbers, else string. */
export function sniffType(values: readonly string[]): PropertyType {
  const filled = values.filter((v) => v.trim() !== '');
  if (filled.length === 0) return 'STRING';
  if (filled.every((v) => parseBoolean(v) !== 'invalid')) return 'BOOLEAN';
  if (filled.every((v) => parseNumber(v) !== null)) return 'NUMBER';
  return 'STRING';
}
