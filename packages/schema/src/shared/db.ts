import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';

/** Where a change came from, recorded in each contact's history. */
export type Source = 'api' | 'manual' | 'import';

/**
 * What every service call needs: the request's (or job's) own EntityManager and the team it acts
 * for. Every query a service runs filters on `teamId`; nothing reads another team's rows.
 */
export interface Scope {
  em: EntityManager;
  teamId: string;
  source: Source;
}

interface Statement {
  /** The text with pg's `$n` placeholders. */
  text: string;
  /** A name of the text's own: each connection prepares it once and reuses its plan. */
  name?: string;
}

const statements = new Map<string, Statement>();
// The few dozen statements of the hot paths are prepared; past this many, new texts are not named
// (each named statement keeps a plan on every connection).
const MAX_PREPARED = 500;

/**
 * `?` placeholders to pg's `$n`, remembered per statement text, with a name derived from the text:
 * PostgreSQL then parses and plans a statement once per connection instead of on every call,
 * which is most of its CPU for a point read.
 */
function statementOf(text: string): Statement {
  let statement = statements.get(text);
  if (statement === undefined) {
    let n = 0;
    const converted = text.replace(/\?/g, () => `$${++n}`);
    statement = statements.size < MAX_PREPARED ? { text: converted, name: `roster_${createHash('sha1').update(converted).digest('hex').slice(0, 20)}` } : { text: converted };
    if (statements.size < MAX_PREPARED * 2) statements.set(text, statement);
  }
  return statement;
}

interface PgConnection {
  query(config: { text: string; name?: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}

/**
 * Runs SQL with `?` placeholders as real bind parameters (`em.execute` would inline them into the
 * text). Inside a transaction it goes through knex on the transaction's connection; otherwise it
 * borrows a connection from the same pool and talks to pg directly, skipping knex's query
 * building on the hot read paths.
 */
export async function sql<Row = Record<string, unknown>>(em: EntityManager, text: string, params: unknown[] = []): Promise<Row[]> {
  const knex = em.getKnex();
  const trx = em.getTransactionContext();
  if (trx) {
    const query = knex.raw(text, params as never[]);
    query.transacting(trx);
    return ((await query) as { rows: Row[] }).rows;
  }
  const client = knex.client as unknown as { acquireConnection(): Promise<PgConnection>; releaseConnection(c: PgConnection): Promise<void> };
  const connection = await client.acquireConnection();
  try {
    const { text: converted, name } = statementOf(text);
    return (await connection.query({ text: converted, name, values: params })).rows as Row[];
  } finally {
    await client.releaseConnection(connection);
  }
}

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID_RE.test(value);
}

/** Raw rows carry timestamps as PostgreSQL text (MikroORM's driver setting); domain records hold Dates. */
export function toDate(value: Date | string): Date {
  return value instanceof Date ? value : new Date(value);
}

// SQLSTATE classes and codes that mean "the database cannot serve now" rather than "this request
// is wrong": connection exceptions (08), admin/crash shutdown (57P01-57P03), too many connections.
// (08P01, a protocol violation, is the request's own fault: PostgreSQL sends it for a NUL byte.)
const UNAVAILABLE_SQLSTATE = /^(08(?!P01)...|57P0[123]|53300)$/;
const UNAVAILABLE_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH']);
const UNAVAILABLE_MESSAGE = /Connection terminated|Client has encountered a connection error|connection (is )?closed|Timeout acquiring a connection|the database system is (starting up|shutting down|in recovery)/i;

/**
 * Whether an error (or anything it wraps) says the database is unreachable or restarting: such a
 * request is safe to retry, so it is answered 503, not masked as an unexpected 500.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 5) return false;
  const { code, message, name, cause, originalError } = error as { code?: unknown; message?: unknown; name?: unknown; cause?: unknown; originalError?: unknown };
  if (typeof code === 'string' && (UNAVAILABLE_SQLSTATE.test(code) || UNAVAILABLE_ERRNO.has(code))) return true;
  if (name === 'KnexTimeoutError') return true;
  if (typeof message === 'string' && UNAVAILABLE_MESSAGE.test(message)) return true;
  return isDatabaseUnavailable(cause, depth + 1) || isDatabaseUnavailable(originalError, depth + 1);
}

/** PostgreSQL refusing text it cannot store: a NUL byte (22021) or an untranslatable character (22P05). */
export function isUnstorableText(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 5) return false;
  const { code, cause, originalError } = error as { code?: unknown; cause?: unknown; originalError?: unknown };
  if (code === '22021' || code === '22P05') return true;
  return isUnstorableText(cause, depth + 1) || isUnstorableText(originalError, depth + 1);
}
