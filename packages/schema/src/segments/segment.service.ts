import { z } from 'zod';
import { type Scope, isUuid, sql, toDate } from '../shared/db';
import { NotFoundError } from '../shared/errors';
import { type Keyset, keysetSql } from '../shared/pagination';
import { UNSTORABLE_TEXT, isStorableText, parseInput } from '../shared/validate';
import { type Segment, SegmentSchema } from './segment.entity';


const segmentInput = z.object({
  name: z
    .string({ error: 'Name is required' })
    .trim()
    .min(1, 'Name is empty')
    .max(100, 'Name is longer than 100 characters')
    .refine(isStorableText, UNSTORABLE_TEXT),
});

export async function createSegment(scope: Scope, raw: unknown): Promise<Segment> {
  const input = parseInput(segmentInput, raw, ['input']);
  const segment = scope.em.create(SegmentSchema, { teamId: scope.teamId, name: input.name });
  await scope.em.flush();
  return segment;
}

export async function getSegment(scope: Scope, id: string): Promise<Segment | null> {
  if (!isUuid(id)) return null;
  return scope.em.findOne(SegmentSchema, { id, teamId: scope.teamId });
}

async function requireSegment(scope: Scope, id: string): Promise<Segment> {
  const segment = await getSegment(scope, id);
  if (!segment) throw new NotFoundError('Segment', id);
  return segment;
}

export async function listSegments(scope: Scope, keyset: Keyset): Promise<Segment[]> {
  const page = keysetSql(keyset);
  const rows = await sql<{ id: string; name: string; created_at: Date | string; team_id: string }>(
    scope.em,
    `select id, team_id, name, created_at from segment where team_id = ?${page.where} order by ${page.order} limit ?`,
    [scope.teamId, ...page.params, page.limit],
  );
  return rows.map((r) => scope.em.merge(SegmentSchema, { id: r.id, teamId: r.team_id, name: r.name, createdAt: toDate(r.created_at) }));
}

export async function renameSegment(scope: Scope, id: string, raw: unknown): Promise<Segment> {
  const input = parseInput(segmentInput, raw, ['input']);
  const segment = await requireSegment(scope, id);
  segment.name = input.name;
  await scope.em.flush();
  return segment;
}

/** Deletes the segment; its memberships go with it, the contacts stay. */
export async function deleteSegment(scope: Scope, id: string): Promise<Segment> {
  const segment = await requireSegment(scope, id);
  await sql(scope.em, 'delete from segment where id = ? and team_id = ?', [segment.id, scope.teamId]);
  return segment;
}

export async function countSegmentContacts(scope: Scope, id: string): Promise<number> {
  const [row] = await sql<{ n: string }>(scope.em, 'select count(*) as n from contact_segment where segment_id = ? and team_id = ?', [id, scope.teamId]);
  return Number(row?.n ?? 0);
}
