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

/**
 * Runs SQL with `?` placeholders on the em's open transaction, or on the pool. Values travel as
 * real bind parameters (knex turns `?` into `$n`); `em.execute` would inline them into the text.
 */
export async function sql<Row = Record<string, unknown>>(em: EntityManager, text: string, params: unknown[] = []): Promise<Row[]> {
  const query = em.getKnex().raw(text, params as never[]);
  const trx = em.getTransactionContext();
  if (trx) query.transacting(trx);
  const result = (await query) as { rows: Row[] };
  return result.rows;
}

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID_RE.test(value);
}

/** Raw rows carry timestamps as PostgreSQL text (MikroORM's driver setting); domain records hold Dates. */
export function toDate(value: Date | string): Date {
  return value instanceof Date ? value : new Date(value);
}
