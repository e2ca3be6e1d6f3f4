import type { EntityManager } from '@mikro-orm/postgresql';
import { type Scope, sql, toDate } from '../shared/db';
import { type Keyset, keysetSql } from '../shared/pagination';
import type { ContactEventType } from './contact-event.entity';

export interface ContactEventRecord {
  id: string;
  contactId: string;
  type: ContactEventType;
  source: string;
  data: Record<string, unknown>;
  createdAt: Date;
}

export interface NewEvent {
  contactId: string;
  type: ContactEventType;
  data?: Record<string, unknown>;
}

/** Appends events to contacts' timelines in one statement, inside the caller's transaction. */
export async function recordEvents(em: EntityManager, scope: Pick<Scope, 'teamId' | 'source'>, events: NewEvent[]): Promise<void> {
  if (events.length === 0) return;
  await sql(
    em,
    `insert into contact_event (team_id, contact_id, type, source, data)
     select ?, e.contact_id, e.type, ?, e.data
     from unnest(?::uuid[], ?::text[], ?::jsonb[]) as e(contact_id, type, data)`,
    [
      scope.teamId,
      scope.source,
      events.map((e) => e.contactId),
      events.map((e) => e.type),
      events.map((e) => JSON.stringify(e.data ?? {})),
    ],
  );
}

export async function listHistory(scope: Scope, contactId: string, keyset: Keyset): Promise<ContactEventRecord[]> {
  const page = keysetSql(keyset);
  const rows = await sql<{ id: string; contact_id: string; type: ContactEventType; source: string; data: Record<string, unknown>; created_at: Date | string }>(
    scope.em,
    `select id, contact_id, type, source, data, created_at from contact_event
     where team_id = ? and contact_id = ?${page.where} order by ${page.order} limit ?`,
    [scope.teamId, contactId, ...page.params, page.limit],
  );
  return rows.map((r) => ({ id: String(r.id), contactId: r.contact_id, type: r.type, source: r.source, data: r.data, createdAt: toDate(r.created_at) }));
}
