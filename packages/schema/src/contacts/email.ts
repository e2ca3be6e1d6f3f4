import { domainToASCII } from 'node:url';
import { emailProblemWith } from '../shared/value-rules';

/** Why an email address is refused, or null when it is valid (the shared rule, with Node's IDNA). */
export function emailProblem(email: string): string | null {
  return emailProblemWith(email, domainToASCII);
}
