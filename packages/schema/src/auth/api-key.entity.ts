import { defineEntity, type InferEntity } from '@mikro-orm/core';
import type { Permission } from './permissions';

export { PERMISSIONS, type Permission } from './permissions';

export const ApiKeySchema = defineEntity({
  name: 'ApiKey',
  tableName: 'api_key',
  properties: (p) => ({
    id: p.uuid().primary().defaultRaw('uuidv7()'),
    teamId: p.uuid(),
    name: p.text(),
    tokenHash: p.text(),
    tokenHint: p.text(),
    permission: p.string().$type<Permission>(),
    createdAt: p.datetime().columnType('timestamptz').defaultRaw('now()'),
    lastUsedAt: p.datetime().columnType('timestamptz').nullable(),
    revokedAt: p.datetime().columnType('timestamptz').nullable(),
  }),
});
export type ApiKey = InferEntity<typeof ApiKeySchema>;
