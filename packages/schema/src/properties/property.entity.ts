import { defineEntity, type InferEntity } from '@mikro-orm/core';

export const PROPERTY_TYPES = ['string', 'number', 'boolean'] as const;
export type PropertyType = (typeof PROPERTY_TYPES)[number];
export type PropertyValue = string | number | boolean;

export const ContactPropertySchema = defineEntity({
  name: 'ContactProperty',
  tableName: 'contact_property',
  properties: (p) => ({
    id: p.uuid().primary().defaultRaw('uuidv7()'),
    teamId: p.uuid(),
    key: p.text(),
    type: p.string().$type<PropertyType>(),
    fallbackValue: p.json<PropertyValue | null>().columnType('jsonb').nullable(),
    createdAt: p.datetime().columnType('timestamptz').defaultRaw('now()'),
  }),
});
export type ContactProperty = InferEntity<typeof ContactPropertySchema>;
