// The rules a single value must pass, with no dependency on Node or the database: the server
// applies them, and the admin's import wizard runs the very same code in the browser to preview
// which rows would fail. (Only the IDNA conversion differs by runtime, so it is passed in.)

// PostgreSQL cannot store NUL in text, and an unpaired surrogate would become U+FFFD (or fail in
// jsonb): such strings are refused at the edge rather than failing in the database.
const UNPAIRED_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
export const UNSTORABLE_TEXT = 'Must not contain NUL characters or unpaired surrogates';

export function isStorableText(value: string): boolean {
  return !value.includes('\u0000') && !UNPAIRED_SURROGATE.test(value);
}

// The dot-atom of RFC 5322 without quoted strings or comments, as real senders accept it.
const LOCAL_ATOM = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+$/;
const DNS_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** A domain's ASCII (punycode) form, or null/empty when it is not a valid domain name. */
export type ToAscii = (domain: string) => string | null;

/**
 * Checks an email address; returns the reason it is refused, or null when it is valid.
 * Runs in linear time (no backtracking pattern sees more than one label or atom).
 */
export function emailProblemWith(email: string, toAscii: ToAscii): string | null {
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
  // Punycode conversion only for internationalised domains; most are ASCII already (and it is
  // the costliest step when a million rows are checked).
  const lower = domain.toLowerCase();
  const ascii = /^[\x21-\x7e]+$/.test(lower) ? lower : toAscii(lower);
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

/** An explicit true/false (true/false, yes/no, 1/0, y/n; any case, trimmed); empty → null; else 'invalid'. */
export function parseBoolean(cell: string): boolean | null | 'invalid' {
  const value = cell.trim().toLowerCase();
  if (value === '') return null;
  if (TRUE.has(value)) return true;
  if (FALSE.has(value)) return false;
  return 'invalid';
}

// A decimal number as people write it in a spreadsheet, no hex, no "Infinity", no decimal comma.
const NUMBER = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/;

/** The number a cell holds, or null when it is not one (or does not fit a double). */
export function parseNumber(cell: string): number | null {
  if (!NUMBER.test(cell)) return null;
  const value = Number(cell);
  return Number.isFinite(value) ? value : null;
}
