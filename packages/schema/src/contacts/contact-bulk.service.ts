import { z } from 'zod';
import { type Scope, isUuid, sql } from '../shared/db';
import { ValidationError } from '../shared/errors';
import { parseInput } from '../shared/validate';
import { SUBSCRIPTIONS } from '../topics/topic.entity';
import { type SqlFragment, contactFilterInput, contactFilterSql } from './contact-filter';
import { emailProblem } from './email';

export const MAX_MANUAL_EMAILS = 10_000;

export interface AddContactsResult {
  created: { id: string; email: string }[];
  existing: { id: string; email: string }[];
  invalid: { email: string; reason: string }[];
}

/**
 * The dashboard's "Add manually": emails separated by commas, semicolons or new lines. Valid new
 * emails are created, existing ones reported (and added to the segment too), invalid ones
 * reported with the reason. Set-based: one insert for all of them.
 */
export async function addContacts(scope: Scope, emails: string, segmentId: string | null | undefined): Promise<AddContactsResult> {
  const candidates = emails
    .split(/[,;\r\n]+/)
    .map((e) => e.trim())
    .filter((e) => e.length > 0);
  if (candidates.length === 0) throw ValidationError.of(['emails'], 'Enter at least one email');
  if (candidates.length > MAX_MANUAL_EMAILS) {
    throw ValidationError.of(['emails'], `At most ${MAX_MANUAL_EMAILS} emails at once; import a CSV for more`);
  }
  if (segmentId != null) {
    const found = isUuid(segmentId) && (await sql(scope.em, 'select 1 from segment where id = ? and team_id = ?', [segmentId, scope.teamId])).length > 0;
    if (!found) throw ValidationError.of(['segmentId'], `No segment has the id ${segmentId}`);
  }
  const invalid: AddContactsResult['invalid'] = [];
  const valid = new Map<string, string>();
  for (const email of candidates) {
    const problem = emailProblem(email);
    if (problem) invalid.push({ email, reason: problem });
    else if (!valid.has(email.toLowerCase())) valid.set(email.toLowerCase(), email);
  }
  const wanted = [...valid.values()];
  return scope.em.transactional(async (em) => {
    const created = await sql<{ id: string; email: string }>(
      em,
      `insert into contact (team_id, email, source)
       select ?, e.email, ? from unnest(?::text[]) with ordinality as e(email, n) order by e.n
       on conflict (team_id, lower(email)) do nothing returning id, email`,
      [scope.teamId, scope.source, wanted],
    );
    const createdKeys = new Set(created.map((c) => c.email.toLowerCase()));
    const existing = await sql<{ id: string; email: string }>(
      em,
      'select id, email from contact where team_id = ? and lower(email) = any(?::text[])',
      [scope.teamId, wanted.filter((e) => !createdKeys.has(e.toLowerCase())).map((e) => e.toLowerCase())],
    );
    await sql(
      em,
      `insert into contact_event (team_id, contact_id, type, source, data)
       select ?, c.id, 'created', ?, jsonb_build_object('email', c.email) from unnest(?::uuid[]) as x(id) join contact c on c.id = x.id`,
      [scope.teamId, scope.source, created.map((c) => c.id)],
    );
    if (segmentId != null) {
      await addToSegmentsSql(em, scope, { text: 'c.team_id = ? and c.id = any(?::uuid[])', params: [scope.teamId, [...created, ...existing].map((c) => c.id)] }, [segmentId]);
    }
    return { created, existing, invalid };
  });
}

export const bulkTargetInput = z
  .object({
    ids: z.array(z.uuid('Not a valid contact id')).max(10_000, 'At most 10,000 ids; use a filter for more').nullish(),
    filter: contactFilterInput.nullish(),
  })
  .refine((t) => (t.ids != null) !== (t.filter != null), { message: 'Pass either ids or a filter', path: ['ids'] });
export type BulkTarget = z.input<typeof bulkTargetInput>;

async function targetSql(scope: Scope, raw: unknown): Promise<SqlFragment> {
  const target = parseInput(bulkTargetInput, raw, ['target']);
  if (target.ids != null) return { text: 'c.team_id = ? and c.id = any(?::uuid[])', params: [scope.teamId, target.ids] };
  return contactFilterSql(scope, target.filter);
}

export interface BulkResult {
  /** Contacts the target selected. */
  matched: number;
  /** Contacts the action changed. */
  affected: number;
}

/**
 * Checks that every id names a segment (or topic) of the team, reporting each bad one by its index;
 * returns the ids without repeats, since one statement must not touch the same row twice.
 */
async function requireOwned(em: Scope['em'], scope: Scope, table: 'segment' | 'topic', ids: string[], field: string): Promise<string[]> {
  if (ids.length === 0) throw ValidationError.of([field], `Pass at least one ${table}`);
  const wellFormed = [...new Set(ids.filter(isUuid))];
  const found = new Set(
    wellFormed.length === 0
      ? []
      : (await sql<{ id: string }>(em, `select id from ${table} where team_id = ? and id = any(?::uuid[])`, [scope.teamId, wellFormed])).map((r) => r.id),
  );
  const issues = ids.flatMap((id, i) => (found.has(id) ? [] : [{ path: [field, i], message: `No ${table} has the id ${id}` }]));
  if (issues.length > 0) throw new ValidationError(issues);
  return [...found];
}

async function addToSegmentsSql(em: Scope['em'], scope: Scope, where: SqlFragment, segmentIds: string[]): Promise<BulkResult> {
  const [row] = await sql<{ matched: string; affected: string }>(
    em,
    `with target as (select c.id from contact c where ${where.text}),
     added as (
       insert into contact_segment (segment_id, contact_id, team_id)
       select s.id, t.id, ? from target t cross join unnest(?::uuid[]) as s(id)
       on conflict do nothing returning segment_id, contact_id),
     events as (
       insert into contact_event (team_id, contact_id, type, source, data)
       select ?, a.contact_id, 'segment_added', ?, jsonb_build_object('segmentId', a.segment_id) from added a)
     select (select count(*) from target) as matched, (select count(distinct contact_id) from added) as affected`,
    [...where.params, scope.teamId, segmentIds, scope.teamId, scope.source],
  );
  return { matched: Number(row?.matched ?? 0), affected: Number(row?.affected ?? 0) };
}

export async function bulkAddToSegments(scope: Scope, target: unknown, segmentIds: string[]): Promise<BulkResult> {
  const where = await targetSql(scope, target);
  return scope.em.transactional(async (em) => addToSegmentsSql(em, scope, where, await requireOwned(em, scope, 'segment', segmentIds, 'segmentIds')));
}

export async function bulkRemoveFromSegments(scope: Scope, target: unknown, segmentIds: string[]): Promise<BulkResult> {
  const where = await targetSql(scope, target);
  return scope.em.transactional(async (em) => {
    const segments = await requireOwned(em, scope, 'segment', segmentIds, 'segmentIds');
    const [row] = await sql<{ matched: string; affected: string }>(
      em,
      `with target as (select c.id from contact c where ${where.text}),
       removed as (
         delete from contact_segment cs using target t
         where cs.contact_id = t.id and cs.team_id = ? and cs.segment_id = any(?::uuid[])
         returning cs.segment_id, cs.contact_id),
       events as (
         insert into contact_event (team_id, contact_id, type, source, data)
         select ?, r.contact_id, 'segment_removed', ?, jsonb_build_object('segmentId', r.segment_id) from removed r)
       select (select count(*) from target) as matched, (select count(distinct contact_id) from removed) as affected`,
      [...where.params, scope.teamId, segments, scope.teamId, scope.source],
    );
    return { matched: Number(row?.matched ?? 0), affected: Number(row?.affected ?? 0) };
  });
}

const subscriptionInput = z.enum(SUBSCRIPTIONS);

/** Sets one subscription on many topics for every targeted contact. */
export async function bulkSetTopicSubscription(scope: Scope, target: unknown, topicIds: string[], subscription: unknown): Promise<BulkResult> {
  const where = await targetSql(scope, target);
  const value = parseInput(subscriptionInput, subscription, ['subscription']);
  return scope.em.transactional(async (em) => {
    const topics = await requireOwned(em, scope, 'topic', topicIds, 'topicIds');
    const [row] = await sql<{ matched: string; affected: string }>(
      em,
      `with target as (select c.id from contact c where ${where.text}),
       changed as (
         insert into contact_topic (topic_id, contact_id, team_id, subscription)
         select tp.id, t.id, ?, ? from target t cross join unnest(?::uuid[]) as tp(id)
         on conflict (topic_id, contact_id) do update set subscription = excluded.subscription, updated_at = now()
           where contact_topic.subscription is distinct from excluded.subscription
         returning topic_id, contact_id, subscription),
       events as (
         insert into contact_event (team_id, contact_id, type, source, data)
         select ?, c.contact_id, 'topic_subscription_changed', ?, jsonb_build_object('topicId', c.topic_id, 'subscription', c.subscription)
         from changed c)
       select (select count(*) from target) as matched, (select count(distinct contact_id) from changed) as affected`,
      [...where.params, scope.teamId, value, topics, scope.teamId, scope.source],
    );
    return { matched: Number(row?.matched ?? 0), affected: Number(row?.affected ?? 0) };
  });
}

export async function bulkDeleteContacts(scope: Scope, target: unknown): Promise<BulkResult> {
  const where = await targetSql(scope, target);
  const [row] = await sql<{ n: string }>(
    scope.em,
    `with deleted as (delete from contact c where ${where.text} returning 1) select count(*) as n from deleted`,
    where.params,
  );
  const n = Number(row?.n ?? 0);
  return { matched: n, affected: n };
}

