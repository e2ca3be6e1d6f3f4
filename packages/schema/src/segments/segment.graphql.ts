import { builder } from '../builder';
import { connectionComplexity, keysetArgs } from '../shared/connection';
import { NotFoundError, ValidationError } from '../shared/errors';
import { pageOf } from '../shared/pagination';
import type { Segment } from './segment.entity';
import { countSegmentContacts, createSegment, deleteSegment, getSegment, listSegments, renameSegment } from './segment.service';

export const SegmentRef = builder.objectRef<Segment>('Segment');

const SegmentInput = builder.inputType('SegmentInput', {
  fields: (t) => ({ name: t.string({ required: true }) }),
});

builder.objectType(SegmentRef, {
  description: 'A named group of contacts.',
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    createdAt: t.field({ type: 'DateTime', resolve: (s) => s.createdAt }),
    contactCount: t.int({ complexity: 5, resolve: (s, _, ctx) => countSegmentContacts(ctx.scope, s.id) }),
  }),
});

builder.queryFields((t) => ({
  segment: t.field({
    type: SegmentRef,
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: (_, { id }, ctx) => getSegment(ctx.scope, String(id)),
  }),
  segments: t.connection({
    type: SegmentRef,
    complexity: connectionComplexity(),
    resolve: async (_, args, ctx) => {
      const keyset = keysetArgs(args);
      return pageOf(await listSegments(ctx.scope, keyset), keyset);
    },
  }, { name: 'SegmentConnection' }, { name: 'SegmentEdge' }),
}));

builder.mutationFields((t) => ({
  createSegment: t.field({
    type: SegmentRef,
    args: { input: t.arg({ type: SegmentInput, required: true }) },
    errors: { types: [ValidationError], directResult: true, union: { name: 'CreateSegmentResult' } },
    resolve: (_, { input }, ctx) => createSegment(ctx.scope, input),
  }),
  renameSegment: t.field({
    type: SegmentRef,
    args: { id: t.arg.id({ required: true }), input: t.arg({ type: SegmentInput, required: true }) },
    errors: { types: [ValidationError, NotFoundError], directResult: true, union: { name: 'RenameSegmentResult' } },
    resolve: (_, { id, input }, ctx) => renameSegment(ctx.scope, String(id), input),
  }),
  deleteSegment: t.field({
    type: SegmentRef,
    description: 'Deletes the segment; its contacts stay.',
    args: { id: t.arg.id({ required: true }) },
    errors: { types: [NotFoundError], directResult: true, union: { name: 'DeleteSegmentResult' } },
    resolve: (_, { id }, ctx) => deleteSegment(ctx.scope, String(id)),
  }),
}));
