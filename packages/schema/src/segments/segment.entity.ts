import { defineEntity, type InferEntity } from '@mikro-orm/core';

export const SegmentSchema = defineEntity({
  name: 'Segment',
  tableName: 'segment',
  properties: (p) => ({
    id: p.uuid().primary().defaultRaw('uuidv7()'),
    teamId: p.uuid(),
    name: p.text(),
    createdAt: p.datetime().columnType('timestamptz').defaultRaw('now()'),
  }),
});
export type Segment = InferEntity<typeof SegmentSchema>;
