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

const positional = new Map<string, string>();

/** `?` placeholders to pg's `$n`, remembered per statement text (there are a few dozen). */
function toPositional(text: string): string {
  let converted = positional.get(text);
  if (converted === undefined) {
    let n = 0;
    converted = text.replace(/\?/g, () => `$${++n}`);
    if (positional.size < 1000) positional.set(text, converted);
  }
  return converted;
}

interface PgConnection {
  query(text: string, values: unknown[]): Promise<{ rows: unknown[] }>;
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
    return (await connection.query(toPositional(text), params)).rows as Row[];
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
