import type { z } from 'zod';
import { type Issue, ValidationError } from './errors';

/** Parses `value` with `schema`, or throws a ValidationError naming each bad field under `root`. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, root: (string | number)[] = []): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues: Issue[] = result.error.issues.map((issue) => ({
    path: [...root, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
    message: issue.message,
  }));
  throw new ValidationError(issues);
}

// PostgreSQL cannot store NUL in text, and an unpaired surrogate would become U+FFFD (or fail in
// jsonb): such strings are refused at the edge rather than failing in the database.
const UNPAIRED_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
export const UNSTORABLE_TEXT = 'Must not contain NUL characters or unpaired surrogates';

export function isStorableText(value: string): boolean {
  return !value.includes('\u0000') && !UNPAIRED_SURROGATE.test(value);
}

