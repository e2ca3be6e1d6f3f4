import { ValidationError } from './errors';
import { isUuid } from './db';

export const MAX_PAGE_SIZE = 100;

export interface PageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

/** A keyset page request over an id-ordered (uuidv7, so time-ordered) list, newest first. */
export interface Keyset {
  limit: number;
  /** Only rows with id < this (older than the cursor). */
  below?: string;
  /** Only rows with id > this (newer than the cursor); rows come back oldest first and are reversed. */
  above?: string;
  /** True when paging backwards (`last`/`before`). */
  backwards: boolean;
}

export function keysetFrom(args: PageArgs, defaultSize = 20, cursorKind: 'uuid' | 'integer' = 'uuid'): Keyset {
  const { first, after, last, before } = args;
  if (first != null && last != null) throw ValidationError.of(['first'], 'Pass either first or last, not both');
  if (after != null && before != null) throw ValidationError.of(['after'], 'Pass either after or before, not both');
  const size = first ?? last ?? defaultSize;
  if (!Number.isInteger(size) || size < 0 || size > MAX_PAGE_SIZE) {
    throw ValidationError.of([first != null ? 'first' : 'last'], `Must be an integer between 0 and ${MAX_PAGE_SIZE}`);
  }
  for (const [name, cursor] of [['after', after], ['before', before]] as const) {
    if (cursor != null && !(cursorKind === 'uuid' ? isUuid(cursor) : /^[0-9]{1,18}$/.test(cursor))) throw ValidationError.of([name], 'Not a valid cursor');
  }
  return { limit: size, below: after ?? undefined, above: before ?? undefined, backwards: last != null || before != null };
}

export interface Page<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

/**
 * Builds a Relay page from rows fetched with `limit + 1` in the direction of travel: the extra row
 * only says whether more exist.
 */
export function pageOf<T extends { id: string | number }>(rows: T[], keyset: Keyset): Page<T> {
  const more = rows.length > keyset.limit;
  const taken = rows.slice(0, keyset.limit);
  if (keyset.backwards) taken.reverse();
  const edges = taken.map((node) => ({ cursor: String(node.id), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: keyset.backwards ? keyset.above != null : more,
      hasPreviousPage: keyset.backwards ? more : keyset.below != null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

/** SQL for the keyset: a `where` fragment on `column`, its params and the `order by`. */
export function keysetSql(keyset: Keyset, column = 'id'): { where: string; params: string[]; order: string; limit: number } {
  if (keyset.backwards) {
    return {
      where: keyset.above ? ` and ${column} > ?` : '',
      params: keyset.above ? [keyset.above] : [],
      order: `${column} asc`,
      limit: keyset.limit + 1,
    };
  }
  return {
    where: keyset.below ? ` and ${column} < ?` : '',
    params: keyset.below ? [keyset.below] : [],
    order: `${column} desc`,
    limit: keyset.limit + 1,
  };
}
