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

export { UNSTORABLE_TEXT, isStorableText } from './value-rules';

