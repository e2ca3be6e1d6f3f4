import { z } from 'zod';
import { type Scope, isUuid, sql } from '../shared/db';
import { NotFoundError } from '../shared/errors';
import { type Keyset, keysetSql } from '../shared/pagination';
import { UNSTORABLE_TEXT, isStorableText, parseInput } from '../shared/validate';
import { SUBSCRIPTIONS, type Topic, TopicSchema, VISIBILITIES } from './topic.entity';


const name = z
  .string({ error: 'Name is required' })
  .trim()
  .min(1, 'Name is empty')
  .max(50, 'Name is longer than 50 characters')
  .refine(isStorableText, UNSTORABLE_TEXT);
const description = z.string().trim().max(200, 'Description is longer than 200 characters').refine(isStorableText, UNSTORABLE_TEXT).nullish();

const createInput = z.object({
  name,
  description,
  defaultSubscription: z.enum(SUBSCRIPTIONS, { error: 'Default subscription must be opt_in or opt_out' }),
  visibility: z.enum(VISIBILITIES).nullish(),
});

const updateInput = z.object({ name: name.optional(), description, visibility: z.enum(VISIBILITIES).nullish() });

export async function createTopic(scope: Scope, raw: unknown): Promise<Topic> {
  const input = parseInput(createInput, raw, ['input']);
  const topic = scope.em.create(TopicSchema, {
    teamId: scope.teamId,
    name: input.name,
    description: input.description || null,
    defaultSubscription: input.defaultSubscription,
    visibility: input.visibility ?? 'private',
  });
  await scope.em.flush();
  return topic;
}

export async function getTopic(scope: Scope, id: string): Promise<Topic | null> {
  if (!isUuid(id)) return null;
  return scope.em.findOne(TopicSchema, { id, teamId: scope.teamId });
}

export async function listTopics(scope: Scope, keyset: Keyset): Promise<Topic[]> {
  const page = keysetSql(keyset);
  const ids = await sql<{ id: string }>(scope.em, `select id from topic where team_id = ?${page.where} order by ${page.order} limit ?`, [
    scope.teamId,
    ...page.params,
    page.limit,
  ]);
  const byId = new Map((await scope.em.find(TopicSchema, { id: ids.map((r) => r.id), teamId: scope.teamId })).map((t) => [t.id, t]));
  return ids.map((r) => byId.get(r.id)).filter((t): t is Topic => t !== undefined);
}

/** Name, description and visibility can change; the default subscription is fixed at creation. */
export async function updateTopic(scope: Scope, id: string, raw: unknown): Promise<Topic> {
  const input = parseInput(updateInput, raw, ['input']);
  const topic = await getTopic(scope, id);
  if (!topic) throw new NotFoundError('Topic', id);
  if (input.name !== undefined) topic.name = input.name;
  if (input.description !== undefined) topic.description = input.description || null;
  if (input.visibility != null) topic.visibility = input.visibility;
  await scope.em.flush();
  return topic;
}

export async function deleteTopic(scope: Scope, id: string): Promise<Topic> {
  const topic = await getTopic(scope, id);
  if (!topic) throw new NotFoundError('Topic', id);
  await sql(scope.em, 'delete from topic where id = ? and team_id = ?', [topic.id, scope.teamId]);
  return topic;
}
