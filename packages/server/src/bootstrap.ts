import type { EntityManager } from '@mikro-orm/postgresql';
import { countApiKeys, createApiKey, ensureApiKey, ensureTeam } from '@roster/schema/auth/api-key.service';

export const DEFAULT_TEAM = 'default';

/**
 * Makes sure somebody can call the API: the key of ROSTER_API_KEY exists (in the default team),
 * and when there is no key at all a new one is made and returned, to be printed once.
 */
export async function bootstrapKeys(em: EntityManager, configuredKey: string | undefined): Promise<string | null> {
  if (configuredKey) {
    await ensureApiKey(em, DEFAULT_TEAM, configuredKey);
    return null;
  }
  if ((await countApiKeys(em)) > 0) return null;
  const team = await ensureTeam(em, DEFAULT_TEAM);
  const { token } = await createApiKey(em, team.id, { name: 'first key' });
  return token;
}
