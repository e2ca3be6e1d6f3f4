/** What a mutation's error union member carries (every member implements `interface Error`). */
export interface ResultError {
  __typename?: string;
  message: string;
  issues?: ReadonlyArray<{ path: ReadonlyArray<string>; message: string }>;
}

/**
 * Field-level messages keyed by the last path segment of each issue (`["input","email"]` ->
 * `email`), so a form can show each one next to the field it names.
 */
export function fieldErrors(error: ResultError | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error?.issues ?? []) {
    const key = issue.path[issue.path.length - 1] ?? '';
    out[key] ??= issue.message;
  }
  return out;
}

/** The message to show for a failed operation: the typed error's, or the transport's. */
export function errorMessage(error: { message: string; graphQLErrors?: ReadonlyArray<{ message: string }> } | null | undefined): string | null {
  if (!error) return null;
  return error.graphQLErrors?.[0]?.message ?? error.message.replace(/^\[(GraphQL|Network)\]\s*/, '');
}

/**
 * Field-level messages keyed by the issue's path after `prefix`, joined with dots
 * (`["input","properties","plan"]` -> `properties.plan`): for forms whose fields nest, where the
 * last segment alone could collide (a property named `firstName`).
 */
export function issueMessages(error: ResultError | null | undefined, prefix: readonly string[] = ['input']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error?.issues ?? []) {
    const path = prefix.every((p, i) => issue.path[i] === p) ? issue.path.slice(prefix.length) : issue.path;
    out[path.join('.')] ??= issue.message;
  }
  return out;
}

/** The result of a mutation whose payload is a union: the error member when it is one. */
export function resultError<T extends { __typename?: string }>(result: T | null | undefined): (T & ResultError) | null {
  if (!result || !('message' in result) || typeof (result as { message?: unknown }).message !== 'string') return null;
  return result as T & ResultError;
}
