import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { recordEvents, type NewEvent } from '../history/history.service';
import type { PropertyValue } from '../properties/property.entity';
import { type PropertyDefinition, propertyTypes, valueProblem } from '../properties/property.service';
import { type Scope, isUuid, sql, toDate } from '../shared/db';
import { type Issue, NotFoundError, ValidationError } from '../shared/errors';
import { type Keyset, keysetSql } from '../shared/pagination';
import { UNSTORABLE_TEXT, isStorableText, parseInput } from '../shared/validate';
import { SUBSCRIPTIONS, type Subscription } from '../topics/topic.entity';
import { type ContactFilter, contactFilterSql } from './contact-filter';
import { emailProblem } from './email';

export interface ContactRecord {
  id: string;
  email: string;
  firstName: string | null;
  lastName: string | null;
  unsubscribed: boolean;
  properties: Record<string, PropertyValue>;
  source: string;
  createdAt: Date;
  updatedAt: Date;
}

interface ContactRow {
  id: string;
  email: string;
  first_name: string | null;
  last_name: string | null;
  unsubscribed: boolean;
  properties: Record<string, PropertyValue>;
  source: string;
  created_at: Date | string;
  updated_at: Date | string;
}

const COLUMNS = 'c.id, c.email, c.first_name, c.last_name, c.unsubscribed, c.properties, c.source, c.created_at, c.updated_at';

/** Raw SQL returns timestamptz as PostgreSQL text (`2026-01-02 03:04:05.678+00`); the API wants a Date. */

function toRecord(row: ContactRow): ContactRecord {
  return {
    id: row.id,
    email: row.email,
    firstName: row.first_name,
    lastName: row.last_name,
    unsubscribed: row.unsubscribed,
    properties: row.properties,
    source: row.source,
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
  };
}

/** The email rule shared by every way in: GraphQL, REST and each CSV row. */
export const emailInput = z
  .string({ error: 'Email is required' })
  .trim()
  .superRefine((value, ctx) => {
    const problem = emailProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

const nameInput = z
  .string()
  .trim()
  .max(255, 'Must be at most 255 characters')
  .refine(isStorableText, UNSTORABLE_TEXT)
  .nullish();
const propertiesInput = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]), {
  error: 'Must be an object of property keys to values',
});
const topicSubscriptionInput = z.object({ id: z.uuid('Not a valid topic id'), subscription: z.enum(SUBSCRIPTIONS) });
const segmentIdsInput = z.array(z.uuid('Not a valid segment id')).max(100, 'At most 100 segments');
const topicsInput = z.array(topicSubscriptionInput).max(100, 'At most 100 topics');

const createInput = z.object({
  email: emailInput,
  firstName: nameInput,
  lastName: nameInput,
  unsubscribed: z.boolean().nullish(),
  properties: propertiesInput.nullish(),
  segmentIds: segmentIdsInput.nullish(),
  topics: topicsInput.nullish(),
});
export type CreateContactInput = z.input<typeof createInput>;

const updateInput = z.object({
  firstName: nameInput,
  lastName: nameInput,
  unsubscribed: z.boolean().nullish(),
  properties: propertiesInput.nullish(),
  segmentIds: segmentIdsInput.nullish(),
  topics: topicsInput.nullish(),
});
export type UpdateContactInput = z.input<typeof updateInput>;

/** How a caller names one contact: by id or by email (case-insensitive). */
export interface ContactRef {
  id?: string | null;
  email?: string | null;
}

function describeRef(ref: ContactRef): string {
  return ref.id ?? ref.email ?? '';
}

export async function findContact(scope: Scope, ref: ContactRef, em: EntityManager = scope.em): Promise<ContactRecord | null> {
  if (ref.id != null) {
    if (!isUuid(ref.id)) return null;
    const [row] = await sql<ContactRow>(em, `select ${COLUMNS} from contact c where c.id = ? and c.team_id = ?`, [ref.id, scope.teamId]);
    return row ? toRecord(row) : null;
  }
  if (ref.email != null) {
    const [row] = await sql<ContactRow>(em, `select ${COLUMNS} from contact c where c.team_id = ? and lower(c.email) = lower(?)`, [
      scope.teamId,
      ref.email.trim(),
    ]);
    return row ? toRecord(row) : null;
  }
  return null;
}

async function requireContact(scope: Scope, ref: ContactRef, em: EntityManager = scope.em): Promise<ContactRecord> {
  if (ref.id == null && ref.email == null) throw ValidationError.of(['id'], 'Pass the contact id or email');
  const contact = await findContact(scope, ref, em);
  if (!contact) throw new NotFoundError('Contact', describeRef(ref));
  return contact;
}

/** The order of a contact list: by creation, which is the order of the time-ordered (uuidv7) id. */
export type ContactOrder = 'newest_first' | 'oldest_first';

/**
 * The keyset's SQL in either order. Oldest first mirrors newest first: `after` still means "further
 * along the list", so it now selects larger ids, and `before` smaller ones (fetched nearest first,
 * then reversed by pageOf). Both walk the (team_id, id) index.
 */
function orderedKeysetSql(keyset: Keyset, order: ContactOrder): ReturnType<typeof keysetSql> {
  if (order === 'newest_first') return keysetSql(keyset, 'c.id');
  const cursor = keyset.backwards ? keyset.above : keyset.below;
  return {
    where: cursor ? ` and c.id ${keyset.backwards ? '<' : '>'} ?` : '',
    params: cursor ? [cursor] : [],
    order: `c.id ${keyset.backwards ? 'desc' : 'asc'}`,
    limit: keyset.limit + 1,
  };
}

export async function listContacts(
  scope: Scope,
  filter: ContactFilter | null | undefined,
  keyset: Keyset,
  order: ContactOrder = 'newest_first',
): Promise<ContactRecord[]> {
  const where = await contactFilterSql(scope, filter);
  const page = orderedKeysetSql(keyset, order);
  const filtered = filter != null && Object.values(filter).some((value) => value != null && value !== '');
  if (!filtered) {
    const rows = await sql<ContactRow>(scope.em, `select ${COLUMNS} from contact c where ${where.text}${page.where} order by ${page.order} limit ?`, [
      ...where.params,
      ...page.params,
      page.limit,
    ]);
    return rows.map(toRecord);
  }
  // A filtered page, in two steps so that no filter costs a scan of the whole team. Walking the id
  // index and filtering (what PostgreSQL picks for "order by id limit 51") is fastest when matches
  // are among the newest rows, and a full scan when they are all old (a prefix matching only
  // contacts imported long ago took 1.5 s at 1M rows). So: the next WINDOW rows in page order
  // first, filtered; only when they hold too few matches, every match through the filter's own
  // indexes (materialized, so the id index cannot drive it), then the page of them.
  const recent = await sql<ContactRow>(
    scope.em,
    `select ${COLUMNS} from (select * from contact c where c.team_id = ?${page.where} order by ${page.order} limit ${FILTER_WINDOW}) c
     where ${where.text} order by ${page.order} limit ?`,
    [scope.teamId, ...page.params, ...where.params, page.limit],
  );
  if (recent.length === page.limit) return recent.map(toRecord);
  const rows = await sql<ContactRow>(
    scope.em,
    `with matches as materialized (select c.id from contact c where ${where.text}${page.where})
     select ${COLUMNS} from contact c join matches m on m.id = c.id order by ${page.order} limit ?`,
    [...where.params, ...page.params, page.limit],
  );
  return rows.map(toRecord);
}

/** Rows of a filtered page looked at in page order before the filter's own indexes are used. */
const FILTER_WINDOW = 2000;

export async function countContacts(scope: Scope, filter: ContactFilter | null | undefined): Promise<number> {
  const where = await contactFilterSql(scope, filter);
  const [row] = await sql<{ n: string }>(scope.em, `select count(*) as n from contact c where ${where.text}`, where.params);
  return Number(row?.n ?? 0);
}

/**
 * Checks property values against the team's properties. On create a null is simply absent; on
 * update it removes the value.
 */
function checkProperties(values: Record<string, PropertyValue | null>, known: Map<string, PropertyDefinition>): Issue[] {
  const issues: Issue[] = [];
  for (const [key, value] of Object.entries(values)) {
    const property = known.get(key);
    if (!property) {
      issues.push({ path: ['properties', key], message: `No contact property has the key "${key}"; create it first` });
    } else if (value !== null) {
      const problem = valueProblem(property.type, value);
      if (problem) issues.push({ path: ['properties', key], message: `${problem} (the property "${key}" is a ${property.type})` });
    }
  }
  return issues;
}

async function checkReferences(scope: Scope, segmentIds: string[], topicIds: string[]): Promise<Issue[]> {
  const issues: Issue[] = [];
  if (segmentIds.length > 0) {
    const found = new Set(
      (await sql<{ id: string }>(scope.em, 'select id from segment where team_id = ? and id = any(?::uuid[])', [scope.teamId, segmentIds])).map((r) => r.id),
    );
    segmentIds.forEach((id, i) => {
      if (!found.has(id)) issues.push({ path: ['segmentIds', i], message: `No segment has the id ${id}` });
    });
  }
  if (topicIds.length > 0) {
    const found = new Set(
      (await sql<{ id: string }>(scope.em, 'select id from topic where team_id = ? and id = any(?::uuid[])', [scope.teamId, topicIds])).map((r) => r.id),
    );
    topicIds.forEach((id, i) => {
      if (!found.has(id)) issues.push({ path: ['topics', i, 'id'], message: `No topic has the id ${id}` });
    });
  }
  return issues;
}

async function validateWrite(
  scope: Scope,
  input: { properties?: Record<string, PropertyValue | null> | null; segmentIds?: string[] | null; topics?: { id: string }[] | null },
): Promise<void> {
  const issues: Issue[] = [];
  if (input.properties) issues.push(...checkProperties(input.properties, await propertyTypes(scope)));
  issues.push(...(await checkReferences(scope, input.segmentIds ?? [], (input.topics ?? []).map((t) => t.id))));
  if (issues.length > 0) throw new ValidationError(issues.map((issue) => ({ ...issue, path: ['input', ...issue.path] })));
}

async function addSegments(em: EntityManager, scope: Scope, contactId: string, segmentIds: string[]): Promise<NewEvent[]> {
  if (segmentIds.length === 0) return [];
  const added = await sql<{ segment_id: string }>(
    em,
    `insert into contact_segment (segment_id, contact_id, team_id)
     select s.id, ?, ? from segment s where s.team_id = ? and s.id = any(?::uuid[])
     on conflict do nothing returning segment_id`,
    [contactId, scope.teamId, scope.teamId, segmentIds],
  );
  return added.map((r) => ({ contactId, type: 'segment_added', data: { segmentId: r.segment_id } }));
}

async function setTopics(em: EntityManager, scope: Scope, contactId: string, given: { id: string; subscription: Subscription }[]): Promise<NewEvent[]> {
  // One row per topic (the last choice wins): an upsert may not touch the same row twice.
  const topics = [...new Map(given.map((t) => [t.id, t])).values()];
  if (topics.length === 0) return [];
  const changed = await sql<{ topic_id: string; subscription: Subscription }>(
    em,
    `insert into contact_topic (topic_id, contact_id, team_id, subscription)
     select t.id, ?, ?, w.subscription
     from unnest(?::uuid[], ?::text[]) as w(id, subscription) join topic t on t.id = w.id and t.team_id = ?
     on conflict (topic_id, contact_id) do update set subscription = excluded.subscription, updated_at = now()
       where contact_topic.subscription is distinct from excluded.subscription
     returning topic_id, subscription`,
    [contactId, scope.teamId, topics.map((t) => t.id), topics.map((t) => t.subscription), scope.teamId],
  );
  return changed.map((r) => ({ contactId, type: 'topic_subscription_changed', data: { topicId: r.topic_id, subscription: r.subscription } }));
}

export interface CreateContactResult {
  contact: ContactRecord;
  created: boolean;
}

/**
 * Creates a contact. When the email already exists in the team (case-insensitively) the stored
 * contact is returned unchanged, as Resend does.
 */
export async function createContact(scope: Scope, raw: unknown): Promise<CreateContactResult> {
  const input = parseInput(createInput, raw, ['input']);
  await validateWrite(scope, input);
  const properties = Object.fromEntries(Object.entries(input.properties ?? {}).filter(([, v]) => v !== null));
  // The contact and its `created` event in one statement: atomic without a transaction of its own.
  const insert = async (em: EntityManager) =>
    sql<ContactRow>(
      em,
      `with c as (
         insert into contact as c (team_id, email, first_name, last_name, unsubscribed, properties, source)
         values (?, ?, ?, ?, ?, ?::jsonb, ?)
         on conflict (team_id, lower(email)) do nothing
         returning ${COLUMNS}),
       created as (
         insert into contact_event (team_id, contact_id, type, source, data)
         select ?, c.id, 'created', ?, jsonb_build_object('email', c.email) from c)
       select * from c`,
      [
        scope.teamId,
        input.email,
        input.firstName || null,
        input.lastName || null,
        input.unsubscribed ?? false,
        JSON.stringify(properties),
        scope.source,
        scope.teamId,
        scope.source,
      ],
    );
  const existing = async (em: EntityManager) => ({ contact: await requireContact(scope, { email: input.email }, em), created: false });
  if (!input.segmentIds?.length && !input.topics?.length) {
    const [row] = await insert(scope.em);
    return row ? { contact: toRecord(row), created: true } : existing(scope.em);
  }
  return scope.em.transactional(async (em) => {
    const [row] = await insert(em);
    if (!row) return existing(em);
    const contact = toRecord(row);
    const events = [...(await addSegments(em, scope, contact.id, input.segmentIds ?? [])), ...(await setTopics(em, scope, contact.id, input.topics ?? []))];
    await recordEvents(em, scope, events);
    return { contact, created: true };
  });
}

type Change = { from: unknown; to: unknown };

/** Updates everything but the email; `null` clears a name or a property. */
export async function updateContact(scope: Scope, ref: ContactRef, raw: unknown): Promise<ContactRecord> {
  const input = parseInput(updateInput, raw, ['input']);
  await validateWrite(scope, input);
  return scope.em.transactional(async (em) => {
    const current = await requireContact(scope, ref, em);
    const [locked] = await sql<ContactRow>(em, `select ${COLUMNS} from contact c where c.id = ? and c.team_id = ? for update`, [current.id, scope.teamId]);
    if (!locked) throw new NotFoundError('Contact', describeRef(ref));
    const before = toRecord(locked);
    const next = { ...before, properties: { ...before.properties } };
    const changes: Record<string, Change> = {};
    const events: NewEvent[] = [];
    for (const field of ['firstName', 'lastName'] as const) {
      if (input[field] === undefined) continue;
      const value = input[field] || null;
      if (value !== before[field]) {
        changes[field] = { from: before[field], to: value };
        next[field] = value;
      }
    }
    for (const [key, value] of Object.entries(input.properties ?? {})) {
      const old = before.properties[key] ?? null;
      if (value === old) continue;
      changes[`properties.${key}`] = { from: old, to: value };
      if (value === null) delete next.properties[key];
      else next.properties[key] = value;
    }
    if (input.unsubscribed != null && input.unsubscribed !== before.unsubscribed) {
      next.unsubscribed = input.unsubscribed;
      events.push({ contactId: before.id, type: input.unsubscribed ? 'unsubscribed' : 'resubscribed' });
    }
    if (Object.keys(changes).length > 0) events.unshift({ contactId: before.id, type: 'updated', data: { changes } });
    let contact = before;
    if (events.length > 0) {
      const [row] = await sql<ContactRow>(
        em,
        `update contact as c set first_name = ?, last_name = ?, unsubscribed = ?, properties = ?::jsonb, updated_at = now()
         where c.id = ? and c.team_id = ? returning ${COLUMNS}`,
        [next.firstName, next.lastName, next.unsubscribed, JSON.stringify(next.properties), before.id, scope.teamId],
      );
      if (row) contact = toRecord(row);
    }
    if (input.segmentIds != null) events.push(...(await replaceSegments(em, scope, before.id, input.segmentIds)));
    events.push(...(await setTopics(em, scope, before.id, input.topics ?? [])));
    await recordEvents(em, scope, events);
    return contact;
  });
}

async function replaceSegments(em: EntityManager, scope: Scope, contactId: string, segmentIds: string[]): Promise<NewEvent[]> {
  const removed = await sql<{ segment_id: string }>(
    em,
    'delete from contact_segment where contact_id = ? and team_id = ? and not (segment_id = any(?::uuid[])) returning segment_id',
    [contactId, scope.teamId, segmentIds],
  );
  const events: NewEvent[] = removed.map((r) => ({ contactId, type: 'segment_removed', data: { segmentId: r.segment_id } }));
  events.push(...(await addSegments(em, scope, contactId, segmentIds)));
  return events;
}

export async function deleteContact(scope: Scope, ref: ContactRef): Promise<ContactRecord> {
  const contact = await requireContact(scope, ref);
  await sql(scope.em, 'delete from contact where id = ? and team_id = ?', [contact.id, scope.teamId]);
  return contact;
}

export async function addContactToSegment(scope: Scope, ref: ContactRef, segmentId: string): Promise<ContactRecord> {
  return scope.em.transactional(async (em) => {
    const contact = await requireContact(scope, ref, em);
    await requireSegment(em, scope, segmentId);
    await recordEvents(em, scope, await addSegments(em, scope, contact.id, [segmentId]));
    return contact;
  });
}

export async function removeContactFromSegment(scope: Scope, ref: ContactRef, segmentId: string): Promise<ContactRecord> {
  return scope.em.transactional(async (em) => {
    const contact = await requireContact(scope, ref, em);
    await requireSegment(em, scope, segmentId);
    const removed = await sql<{ segment_id: string }>(
      em,
      'delete from contact_segment where contact_id = ? and segment_id = ? and team_id = ? returning segment_id',
      [contact.id, segmentId, scope.teamId],
    );
    await recordEvents(
      em,
      scope,
      removed.map((r) => ({ contactId: contact.id, type: 'segment_removed', data: { segmentId: r.segment_id } })),
    );
    return contact;
  });
}

async function requireSegment(em: EntityManager, scope: Scope, segmentId: string): Promise<void> {
  const found = isUuid(segmentId) && (await sql(em, 'select 1 from segment where id = ? and team_id = ?', [segmentId, scope.teamId])).length > 0;
  if (!found) throw new NotFoundError('Segment', segmentId);
}

const topicUpdatesInput = z.array(topicSubscriptionInput).min(1, 'Pass at least one topic').max(100, 'At most 100 topics');

export async function updateContactTopics(scope: Scope, ref: ContactRef, raw: unknown): Promise<ContactRecord> {
  const topics = parseInput(topicUpdatesInput, raw, ['topics']);
  const issues = await checkReferences(scope, [], topics.map((t) => t.id));
  if (issues.length > 0) throw new ValidationError(issues);
  return scope.em.transactional(async (em) => {
    const contact = await requireContact(scope, ref, em);
    await recordEvents(em, scope, await setTopics(em, scope, contact.id, topics));
    return contact;
  });
}

export interface ContactSegmentRecord {
  id: string;
  name: string;
  createdAt: Date;
  addedAt: Date;
}

export async function contactSegments(scope: Scope, contactId: string, keyset: Keyset): Promise<ContactSegmentRecord[]> {
  const page = keysetSql(keyset, 's.id');
  const rows = await sql<{ id: string; name: string; created_at: Date | string; added_at: Date | string }>(
    scope.em,
    `select s.id, s.name, s.created_at, cs.created_at as added_at
     from contact_segment cs join segment s on s.id = cs.segment_id
     where cs.contact_id = ? and cs.team_id = ? and s.team_id = ?${page.where} order by ${page.order} limit ?`,
    [contactId, scope.teamId, scope.teamId, ...page.params, page.limit],
  );
  return rows.map((r) => ({ id: r.id, name: r.name, createdAt: toDate(r.created_at), addedAt: toDate(r.added_at) }));
}

export interface ContactTopicRecord {
  id: string;
  name: string;
  description: string | null;
  defaultSubscription: Subscription;
  subscription: Subscription;
  explicit: boolean;
}

/** Every topic of the team with the contact's effective subscription (its own, else the default). */
export async function contactTopics(scope: Scope, contactId: string, keyset: Keyset): Promise<ContactTopicRecord[]> {
  const page = keysetSql(keyset, 't.id');
  const rows = await sql<{ id: string; name: string; description: string | null; default_subscription: Subscription; own: Subscription | null }>(
    scope.em,
    `select t.id, t.name, t.description, t.default_subscription, ct.subscription as own
     from topic t left join contact_topic ct on ct.topic_id = t.id and ct.contact_id = ?
     where t.team_id = ?${page.where} order by ${page.order} limit ?`,
    [contactId, scope.teamId, ...page.params, page.limit],
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    description: r.description,
    defaultSubscription: r.default_subscription,
    subscription: r.own ?? r.default_subscription,
    explicit: r.own !== null,
  }));
}
