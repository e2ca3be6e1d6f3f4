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
