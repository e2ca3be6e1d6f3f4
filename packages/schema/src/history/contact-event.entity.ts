import { defineEntity, type InferEntity } from '@mikro-orm/core';
import type { Source } from '../shared/db';

export const CONTACT_EVENT_TYPES = [
  'created',
  'updated',
  'unsubscribed',
  'resubscribed',
  'segment_added',
  'segment_removed',
  'topic_subscription_changed',
] as const;
export type ContactEventType = (typeof CONTACT_EVENT_TYPES)[number];

export const ContactEventSchema = defineEntity({
  name: 'ContactEvent',
  tableName: 'contact_event',
  properties: (p) => ({
    id: p.bigint('string').primary(),
    teamId: p.uuid(),
    contactId: p.uuid(),
    type: p.string().$type<ContactEventType>(),
    source: p.string().$type<Source>(),
    data: p.json<Record<string, unknown>>().columnType('jsonb'),
    createdAt: p.datetime().columnType('timestamptz').defaultRaw('now()'),
  }),
});
export type ContactEvent = InferEntity<typeof ContactEventSchema>;
