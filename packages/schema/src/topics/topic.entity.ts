import { defineEntity, type InferEntity } from '@mikro-orm/core';

export const SUBSCRIPTIONS = ['opt_in', 'opt_out'] as const;
export type Subscription = (typeof SUBSCRIPTIONS)[number];
export const VISIBILITIES = ['public', 'private'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

export const TopicSchema = defineEntity({
  name: 'Topic',
  tableName: 'topic',
  properties: (p) => ({
    id: p.uuid().primary().defaultRaw('uuidv7()'),
    teamId: p.uuid(),
    name: p.text(),
    description: p.text().nullable(),
    defaultSubscription: p.string().$type<Subscription>(),
    visibility: p.string().$type<Visibility>(),
    createdAt: p.datetime().columnType('timestamptz').defaultRaw('now()'),
  }),
});
export type Topic = InferEntity<typeof TopicSchema>;
