import { RestError, invalidParameter, missingField } from './errors';
import type { RouteRequest } from './router';

const ISO = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.(\d+))?(?:Z|\+00:00)$/;

/** `2026-01-02T03:04:05.670Z` -> `2026-01-02 03:04:05.67+00`: PostgreSQL's text form, as Resend sends it. */
export function pgTimestamp(iso: string): string;
export function pgTimestamp(iso: string | null | undefined): string | null;
export function pgTimestamp(iso: string | null | undefined): string | null {
  if (iso == null) return null;
  const match = ISO.exec(iso);
  if (!match) return iso;
  const fraction = (match[3] ?? '').replace(/0+$/, '');
  return `${match[1]} ${match[2]}${fraction ? `.${fraction}` : ''}+00`;
}

/** GraphQL enum value -> Resend's lowercase (`OPT_IN` -> `opt_in`). */
export const lower = <T extends string | null | undefined>(value: T): T => (typeof value === 'string' ? (value.toLowerCase() as T) : value);

/** Resend's lowercase value -> the GraphQL enum value; anything but a string is left for GraphQL to refuse. */
export const upper = (value: unknown): unknown => (typeof value === 'string' ? value.toUpperCase() : value);

/** The body as an object: an empty body is `{}`; an array or scalar is refused. */
export function bodyObject(request: RouteRequest): Record<string, unknown> {
  const { body } = request;
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body)) throw new RestError(422, 'validation_error', 'The request body must be a JSON object.');
  return body as Record<string, unknown>;
}

/** Checks Resend's required body fields (a null counts as missing). */
export function requireFields(body: Record<string, unknown>, ...fields: string[]): void {
  for (const field of fields) if (body[field] === undefined || body[field] === null) throw missingField(field);
}

/** Maps an array's items; anything else goes through unchanged so GraphQL refuses it with its own message. */
export function mapArray(value: unknown, map: (item: unknown) => unknown): unknown {
  return Array.isArray(value) ? value.map(map) : value;
}

/** `{id}` or a bare id string -> the id. */
export const idOf = (item: unknown): unknown => (item !== null && typeof item === 'object' && !Array.isArray(item) ? (item as { id?: unknown }).id : item);

export const topicSubscription = (item: unknown): unknown =>
  item !== null && typeof item === 'object' && !Array.isArray(item)
    ? { id: (item as { id?: unknown }).id, subscription: upper((item as { subscription?: unknown }).subscription) }
    : item;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `{c}` names a contact by id (UUID-shaped) or else by email. */
export function contactRef(value: string): { id: string } | { email: string } {
  return UUID.test(value) ? { id: value } : { email: value };
}

// ------------------------------------------------------------------ pagination

const LIMIT_MESSAGE = 'The pagination limit must be a number between 1 and 100. See https://resend.com/docs/pagination for more information.';

export interface PageRequest {
  /** null: every item, fetched in pages of 100. */
  limit: number | null;
  after?: string;
  before?: string;
}

/** Resend's `limit`, `after`, `before`, with the endpoint's default when `limit` is absent. */
export function pageRequest(query: URLSearchParams, defaultLimit: number | 'all'): PageRequest {
  const rawLimit = query.get('limit');
  const after = query.get('after') || undefined;
  const before = query.get('before') || undefined;
  if (after !== undefined && before !== undefined) {
    throw invalidParameter('You can only use `after` or `before`, not both. See https://resend.com/docs/pagination for more information.');
  }
  let limit: number | null = defaultLimit === 'all' ? null : defaultLimit;
  if (rawLimit !== null) {
    if (!/^\d{1,3}$/.test(rawLimit)) throw invalidParameter(LIMIT_MESSAGE);
    limit = Number(rawLimit);
    if (limit < 1 || limit > 100) throw invalidParameter(LIMIT_MESSAGE);
  }
  return { limit, after, before };
}

export interface Connection<Node> {
  edges: { node: Node }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

export interface PageArgs {
  first: number;
  after?: string;
  before?: string;
}

const ALL_PAGE = 100;

/**
 * One Resend page from a GraphQL connection; without a limit, every item (the connection read in
 * pages of 100, in the direction of travel). `has_more`: more items beyond this page that way.
 */
export async function collectPage<Node, Item>(
  page: PageRequest,
  fetch: (args: PageArgs) => Promise<Connection<Node>>,
  shape: (node: Node) => Item,
): Promise<{ object: 'list'; has_more: boolean; data: Item[] }> {
  const backwards = page.before !== undefined;
  const more = (c: Connection<Node>) => (backwards ? c.pageInfo.hasPreviousPage : c.pageInfo.hasNextPage);
  if (page.limit !== null) {
    const connection = await fetch({ first: page.limit, after: page.after, before: page.before });
    return { object: 'list', has_more: more(connection), data: connection.edges.map((e) => shape(e.node)) };
  }
  const nodes: Node[] = [];
  let cursor = { after: page.after, before: page.before };
  for (;;) {
    const connection = await fetch({ first: ALL_PAGE, ...cursor });
    const pageNodes = connection.edges.map((e) => e.node);
    // Going backwards, each page is newer than the one before: it goes in front.
    if (backwards) nodes.unshift(...pageNodes);
    else nodes.push(...pageNodes);
    if (!more(connection) || pageNodes.length === 0) break;
    cursor = backwards ? { after: undefined, before: connection.pageInfo.startCursor ?? undefined } : { after: connection.pageInfo.endCursor ?? undefined, before: undefined };
  }
  return { object: 'list', has_more: false, data: nodes.map(shape) };
}
