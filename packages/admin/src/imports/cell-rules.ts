import { UNSTORABLE_TEXT, emailProblemWith, isStorableText, parseBoolean, parseNumber } from '@roster/schema/shared/value-rules';
import type { PropertyType } from '../gql/types';

// The server's rules for one CSV cell (packages/schema/src/imports/column-map.ts toRecord), so the
// mapping step can say which sample values would fail before anything is uploaded. The value
// rules themselves are the server's own code (@roster/schema/shared/value-rules); the messages
// match, so the preview and the failed-rows table read the same. The server stays the judge.

/** The browser's IDNA (URL host parsing) in place of Node's domainToASCII; null when it refuses. */
function domainToAscii(domain: string): string | null {
  try {
    return new URL(`http://${domain}/`).hostname;
  } catch {
    return null;
  }
}

/** Why an email address is refused, or null when it is valid: the server's own rule. */
export function emailProblem(email: string): string | null {
  return emailProblemWith(email, domainToAscii);
}

export { parseBoolean, parseNumber };

const MAX_NAME = 255;

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
