import { defineEntity, type InferEntity } from '@mikro-orm/core';

export const TeamSchema = defineEntity({
  name: 'Team',
  tableName: 'team',
  properties: (p) => ({
    id: p.uuid().primary().defaultRaw('uuidv7()'),
    name: p.text(),
    createdAt: p.datetime().columnType('timestamptz').defaultRaw('now()'),
  }),
});
export type Team = InferEntity<typeof TeamSchema>;
