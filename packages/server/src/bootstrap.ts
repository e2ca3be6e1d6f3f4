import type { EntityManager } from '@mikro-orm/postgresql';
import { countApiKeys, createApiKey, ensureApiKey, ensureTeam } from '@roster/schema/auth/api-key.service';
import { sql } from '@roster/schema/shared/db';

export const DEFAULT_TEAM = 'default';

/**
 * Makes sure somebody can call the API: the key of ROSTER_API_KEY exists (in the default team),
 * and when there is no key at all a new one is made and returned, to be printed once. Instances
 * starting together take turns (an advisory lock), so only one of them makes and prints a first key.
 */
export async function bootstrapKeys(em: EntityManager, configuredKey: string | undefined): Promise<string | null> {
  return em.transactional(async (tx) => {
    await sql(tx, 'select pg_advisory_xact_lock(hashtext(?))', ['roster.bootstrap-keys']);
    if (configuredKey) {
      await ensureApiKey(tx, DEFAULT_TEAM, configuredKey);
      return null;
    }
    if ((await countApiKeys(tx)) > 0) return null;
    const team = await ensureTeam(tx, DEFAULT_TEAM);
    const { token } = await createApiKey(tx, team.id, { name: 'first key' });
    return token;
  });
}
