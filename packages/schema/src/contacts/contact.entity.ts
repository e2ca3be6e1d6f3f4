import { defineEntity, type InferEntity } from '@mikro-orm/core';
import type { PropertyValue } from '../properties/property.entity';
import type { Source } from '../shared/db';

export const ContactSchema = defineEntity({
  name: 'Contact',
  tableName: 'contact',
  properties: (p) => ({
    id: p.uuid().primary().defaultRaw('uuidv7()'),
    teamId: p.uuid(),
    email: p.text(),
    firstName: p.text().nullable(),
    lastName: p.text().nullable(),
    unsubscribed: p.boolean().default(false),
    properties: p.json<Record<string, PropertyValue>>().columnType('jsonb'),
    source: p.string().$type<Source>(),
    createdAt: p.datetime().columnType('timestamptz').defaultRaw('now()'),
    updatedAt: p.datetime().columnType('timestamptz').defaultRaw('now()'),
  }),
});
export type Contact = InferEntity<typeof ContactSchema>;
