import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from '../shared/db';
import { TeamSchema, type Team } from '../teams/team.entity';
import { type ApiKey, ApiKeySchema, type Permission } from './api-key.entity';

/** Keys are `re_` + 32 random bytes (256 bits) in base64url, so secret scanners can spot them. */
export function generateToken(): string {
  return `re_${randomBytes(32).toString('base64url')}`;
}

/** A fast hash is right for a high-entropy secret, and it allows an indexed lookup. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function tokenHint(token: string): string {
  return `${token.slice(0, 6)}…${token.slice(-4)}`;
}

export interface Principal {
  keyId: string;
  teamId: string;
  permission: Permission;
}

/** The key's team and permission, or null when the key is unknown or revoked. */
export async function authenticate(em: EntityManager, token: string): Promise<Principal | null> {
  const [row] = await sql<{ id: string; team_id: string; permission: Permission }>(
    em,
    'select id, team_id, permission from api_key where token_hash = ? and revoked_at is null',
    [hashToken(token)],
  );
  return row ? { keyId: row.id, teamId: row.team_id, permission: row.permission } : null;
}

export async function ensureTeam(em: EntityManager, name: string): Promise<Team> {
  await sql(em, 'insert into team (name) values (?) on conflict (name) do nothing', [name]);
  return em.findOneOrFail(TeamSchema, { name });
}

export interface CreatedKey {
  key: ApiKey;
  token: string;
}

export async function createApiKey(
  em: EntityManager,
  teamId: string,
  options: { name?: string; permission?: Permission; token?: string } = {},
): Promise<CreatedKey> {
  const token = options.token ?? generateToken();
  const key = em.create(ApiKeySchema, {
    teamId,
    name: options.name ?? 'default',
    tokenHash: hashToken(token),
    tokenHint: tokenHint(token),
    permission: options.permission ?? 'full_access',
  });
  await em.flush();
  return { key, token };
}

export async function listApiKeys(em: EntityManager, teamId?: string): Promise<(ApiKey & { teamName?: string })[]> {
  return em.find(ApiKeySchema, teamId ? { teamId } : {}, { orderBy: { id: 'desc' } });
}

/** Revokes a key; requests made with it fail from the next one on (keys are never cached). */
export async function revokeApiKey(em: EntityManager, id: string, teamId?: string): Promise<ApiKey | null> {
  const key = await em.findOne(ApiKeySchema, teamId ? { id, teamId } : { id });
  if (!key) return null;
  key.revokedAt ??= new Date();
  await em.flush();
  return key;
}

/**
 * Makes sure a team holds `token` (bootstrap from ROSTER_API_KEY); returns whether it was added.
 * Safe when several instances start at once: the insert skips a hash that exists already. A key
 * revoked on purpose stays revoked.
 */
export async function ensureApiKey(em: EntityManager, teamName: string, token: string): Promise<boolean> {
  const tokenHash = hashToken(token);
  if (await em.findOne(ApiKeySchema, { tokenHash })) return false;
  const team = await ensureTeam(em, teamName);
  const added = await sql(
    em,
    `insert into api_key (team_id, name, token_hash, token_hint, permission) values (?, 'ROSTER_API_KEY', ?, ?, 'full_access')
     on conflict (token_hash) do nothing returning id`,
    [team.id, tokenHash, tokenHint(token)],
  );
  return added.length > 0;
}

export async function countApiKeys(em: EntityManager): Promise<number> {
  return em.count(ApiKeySchema, {});
}

/** Whether a key is still usable (long-lived streams re-check it). */
export async function keyStillValid(em: EntityManager, keyId: string): Promise<boolean> {
  return (await sql(em, 'select 1 from api_key where id = ? and revoked_at is null', [keyId])).length > 0;
}
