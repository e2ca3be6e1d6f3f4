import { builder } from '../builder';
import { PermissionEnum } from '../shared/enums.graphql';
import { NotFoundError, ValidationError } from '../shared/errors';
import { UNSTORABLE_TEXT, isStorableText } from '../shared/validate';
import { TeamSchema } from '../teams/team.entity';
import type { ApiKey } from './api-key.entity';
import { createApiKey, listApiKeys, revokeApiKey } from './api-key.service';
import { signDownloadUrl } from './download-link';

const ApiKeyRef = builder.objectRef<ApiKey>('ApiKey').implement({
  description: 'A key of the team. The secret itself is shown once, when it is created.',
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    hint: t.exposeString('tokenHint', { description: 'The first and last characters, to recognise the key.' }),
    permission: t.field({ type: PermissionEnum, resolve: (k) => k.permission }),
    createdAt: t.field({ type: 'DateTime', resolve: (k) => k.createdAt }),
    revokedAt: t.field({ type: 'DateTime', nullable: true, resolve: (k) => k.revokedAt ?? null }),
  }),
});

const CreatedKeyRef = builder.objectRef<{ key: ApiKey; token: string }>('CreatedApiKey').implement({
  fields: (t) => ({
    apiKey: t.field({ type: ApiKeyRef, resolve: (r) => r.key }),
    token: t.exposeString('token', { description: 'The secret. It is not stored and cannot be shown again.' }),
  }),
});

const TeamRef = builder.objectRef<{ id: string; name: string }>('Team').implement({
  fields: (t) => ({ id: t.exposeID('id'), name: t.exposeString('name') }),
});

const DownloadUrlRef = builder.objectRef<{ url: string; expiresAt: Date }>('DownloadUrl').implement({
  description: 'A link that downloads one CSV without an Authorization header, for a few minutes.',
  fields: (t) => ({
    url: t.exposeString('url', { description: 'Path and query on this server, signed; follow it to download.' }),
    expiresAt: t.field({ type: 'DateTime', resolve: (d) => d.expiresAt }),
  }),
});

const CreateInput = builder.inputType('CreateApiKeyInput', {
  fields: (t) => ({
    name: t.string({ required: true }),
    permission: t.field({ type: PermissionEnum, defaultValue: 'full_access' }),
  }),
});

builder.queryFields((t) => ({
  team: t.field({
    type: TeamRef,
    description: 'The team the calling key belongs to.',
    resolve: (_, __, ctx) => ctx.scope.em.findOneOrFail(TeamSchema, { id: ctx.scope.teamId }),
  }),
  apiKeys: t.field({
    type: [ApiKeyRef],
    description: 'The team’s keys, newest first, revoked ones included.',
    resolve: (_, __, ctx) => listApiKeys(ctx.scope.em, ctx.scope.teamId),
  }),
}));

builder.mutationFields((t) => ({
  createApiKey: t.field({
    type: CreatedKeyRef,
    args: { input: t.arg({ type: CreateInput, required: true }) },
    errors: { types: [ValidationError], directResult: true, union: { name: 'CreateApiKeyResult' } },
    resolve: (_, { input }, ctx) => {
      const name = input.name.trim();
      if (name.length === 0 || name.length > 100) throw ValidationError.of(['input', 'name'], 'Name must be 1 to 100 characters');
      if (!isStorableText(name)) throw ValidationError.of(['input', 'name'], UNSTORABLE_TEXT);
      return createApiKey(ctx.scope.em, ctx.scope.teamId, { name, permission: input.permission ?? 'full_access' });
    },
  }),
  createDownloadUrl: t.field({
    type: DownloadUrlRef,
    description:
      'Signs a short-lived link (5 minutes) to GET /contacts/export.csv?… or /contacts/imports/{id}/failures.csv, so a browser streams the file to disk. Revoking the key ends its links.',
    args: { path: t.arg.string({ required: true, description: 'The download’s path and query, e.g. /contacts/export.csv?segment_id=…' }) },
    errors: { types: [ValidationError], directResult: true, union: { name: 'CreateDownloadUrlResult' } },
    resolve: (_, { path }, ctx) => signDownloadUrl(ctx.scope.em, ctx.principal, path),
  }),
  revokeApiKey: t.field({
    type: ApiKeyRef,
    description: 'Revokes a key of the team; it stops working on its next request.',
    args: { id: t.arg.id({ required: true }) },
    errors: { types: [NotFoundError], directResult: true, union: { name: 'RevokeApiKeyResult' } },
    resolve: async (_, { id }, ctx) => {
      const key = /^[0-9a-f-]{36}$/i.test(String(id)) ? await revokeApiKey(ctx.scope.em, String(id), ctx.scope.teamId) : null;
      if (!key) throw new NotFoundError('API key', String(id));
      return key;
    },
  }),
}));
