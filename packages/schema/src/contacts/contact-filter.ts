import { z } from 'zod';
import type { Scope } from '../shared/db';
import { sql } from '../shared/db';
import { parseInput } from '../shared/validate';
import { SUBSCRIPTIONS } from '../topics/topic.entity';

export const contactFilterInput = z
  .object({
    search: z
      .string()
      .trim()
      .max(254, 'Search is longer than 254 characters')
      .refine((v) => !v.includes('\u0000'), 'Search contains a NUL character')
      .nullish(),
    segmentId: z.uuid('Not a valid segment id').nullish(),
    topicId: z.uuid('Not a valid topic id').nullish(),
    topicSubscription: z.enum(SUBSCRIPTIONS).nullish(),
    unsubscribed: z.boolean().nullish(),
  })
  .strip();
export type ContactFilter = z.infer<typeof contactFilterInput>;

export interface SqlFragment {
  text: string;
  params: unknown[];
}

/**
 * Lowercases A-Z only: the columns are COLLATE "C", where PostgreSQL's lower() leaves every other
 * letter alone, so the pattern must do the same to match what is stored.
 */
function lowerAscii(text: string): string {
  return text.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/**
 * The `where` clause (over alias `c`) selecting the team's contacts that match `filter`.
 * Always starts with the team condition, so no caller can forget it.
 */
export async function contactFilterSql(scope: Scope, raw: ContactFilter | null | undefined): Promise<SqlFragment> {
  // Checked here, where every caller passes: a malformed id must be a ValidationError, not a failed query.
  const filter = raw == null ? null : parseInput(contactFilterInput, raw, ['filter']);
  const parts = ['c.team_id = ?'];
  const params: unknown[] = [scope.teamId];
  const search = filter?.search ? lowerAscii(filter.search) : null;
  if (search) {
    // Prefix match on each column, as a range in byte ("C") order: [prefix, prefix + U+10FFFF).
    // Every branch is a range scan of a (team_id, lower(col)) btree, also in a prepared
    // statement's generic plan (where `like ?` could not use the index).
    const upper = `${search}\u{10FFFF}`;
    parts.push(
      '((lower(c.email) >= ? and lower(c.email) < ?) or (lower(c.first_name) >= ? and lower(c.first_name) < ?) or (lower(c.last_name) >= ? and lower(c.last_name) < ?))',
    );
    params.push(search, upper, search, upper, search, upper);
  }
  if (filter?.segmentId) {
    parts.push('exists (select 1 from contact_segment cs where cs.contact_id = c.id and cs.segment_id = ? and cs.team_id = ?)');
    params.push(filter.segmentId, scope.teamId);
  }
  if (filter?.topicId) {
    const [topic] = await sql<{ default_subscription: string }>(scope.em, 'select default_subscription from topic where id = ? and team_id = ?', [
      filter.topicId,
      scope.teamId,
    ]);
    if (!topic) {
      parts.push('false');
    } else {
      parts.push(
        'coalesce((select ct.subscription from contact_topic ct where ct.contact_id = c.id and ct.topic_id = ?), ?) = ?',
      );
      params.push(filter.topicId, topic.default_subscription, filter.topicSubscription ?? 'opt_in');
    }
  }
  if (filter?.unsubscribed != null) {
    parts.push('c.unsubscribed = ?');
    params.push(filter.unsubscribed);
  }
  return { text: parts.join(' and '), params };
}
