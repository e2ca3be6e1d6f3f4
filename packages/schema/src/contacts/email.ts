import { domainToASCII } from 'node:url';

// The dot-atom of RFC 5322 without quoted strings or comments, as real senders accept it.
const LOCAL_ATOM = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+$/;
const DNS_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * Checks an email address; returns the reason it is refused, or null when it is valid.
 * Runs in linear time (no backtracking pattern sees more than one label or atom).
 */
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
  // Punycode conversion only for internationalised domains; most are ASCII already (and it is
  // the costliest step when a million rows are checked).
  const lower = domain.toLowerCase();
  const ascii = /^[\x21-\x7e]+$/.test(lower) ? lower : domainToASCII(lower);
  if (!ascii || ascii.length > 253) return 'The domain is not valid';
  const labels = ascii.split('.');
  if (labels.length < 2) return 'The domain has no dot';
  for (const label of labels) {
    if (!DNS_LABEL.test(label)) return 'The domain is not valid';
  }
  if (/^[0-9]+$/.test(labels.at(-1) ?? '')) return 'The domain is not valid';
  return null;
}
