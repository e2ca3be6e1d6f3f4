import { useCallback, useState } from 'react';

/** Where a keyset-paged list is: after a cursor (going forward) or before one (going back). */
export interface Cursor {
  after?: string;
  before?: string;
}

/** The connection arguments for a cursor: `first`/`after` forward, `last`/`before` backward. */
export function pageVariables(cursor: Cursor, size: number): { first?: number; after?: string; last?: number; before?: string } {
  return cursor.before ? { last: size, before: cursor.before } : { first: size, ...(cursor.after ? { after: cursor.after } : {}) };
}

/** Keyset paging held in component state (lists that need no shareable URL). */
export function useCursorPage(size: number) {
  const [cursor, setCursor] = useState<Cursor>({});
  const next = useCallback((endCursor: string | null | undefined) => endCursor && setCursor({ after: endCursor }), []);
  const previous = useCallback((startCursor: string | null | undefined) => startCursor && setCursor({ before: startCursor }), []);
  const reset = useCallback(() => setCursor({}), []);
  return { variables: pageVariables(cursor, size), next, previous, reset };
}
