import { PAGE_INFO } from './contacts.routes';
import { failureFields, RestError, type UnionResult, unwrap } from './errors';
import { type Connection, bodyObject, collectPage, pageRequest, pgTimestamp, requireFields } from './format';
import type { Route } from './router';

interface SegmentNode {
  id: string;
  name: string;
  createdAt: string;
}

const CreateSegment = `mutation RestCreateSegment($input: SegmentInput!) {
  createSegment(input: $input) { ${failureFields('ValidationError')} ... on Segment { id name } }
}`;
const Segments = `query RestSegments($first: Int, $after: String, $before: String) {
  segments(first: $first, after: $after, before: $before) { edges { node { id name createdAt } } ${PAGE_INFO} }
}`;
const GetSegment = `query RestSegment($id: ID!) { segment(id: $id) { id name createdAt } }`;
const RenameSegment = `mutation RestRenameSegment($id: ID!, $input: SegmentInput!) {
  renameSegment(id: $id, input: $input) { ${failureFields('ValidationError', 'NotFoundError')} ... on Segment { id name } }
}`;
const DeleteSegment = `mutation RestDeleteSegment($id: ID!) {
  deleteSegment(id: $id) { ${failureFields('NotFoundError')} ... on Segment { id } }
}`;

const shape = (s: SegmentNode) => ({ id: s.id, name: s.name, created_at: pgTimestamp(s.createdAt) });

export const segmentRoutes: Route[] = [
  {
    method: 'POST',
    path: '/segments',
    async handle(request) {
      const body = bodyObject(request);
      requireFields(body, 'name');
      const data = await request.run<{ createSegment: UnionResult<SegmentNode> }>(CreateSegment, { input: { name: body.name } });
      const segment = unwrap(data.createSegment);
      return { status: 201, body: { object: 'segment', id: segment.id, name: segment.name } };
    },
  },
  {
    method: 'GET',
    path: '/segments',
    async handle(request) {
      const page = pageRequest(request.query, 'all');
      const body = await collectPage(page, async (args) => (await request.run<{ segments: Connection<SegmentNode> }>(Segments, { ...args })).segments, shape);
      return { status: 200, body };
    },
  },
  {
    method: 'GET',
    path: '/segments/:segment',
    async handle(request) {
      const data = await request.run<{ segment: SegmentNode | null }>(GetSegment, { id: request.params.segment });
      // [REC]: Resend still calls a missing segment an audience.
      if (!data.segment) throw new RestError(404, 'not_found', 'Audience not found');
      return { status: 200, body: { object: 'segment', ...shape(data.segment) } };
    },
  },
  {
    method: 'PATCH',
    path: '/segments/:segment',
    async handle(request) {
      const body = bodyObject(request);
      requireFields(body, 'name');
      const data = await request.run<{ renameSegment: UnionResult<SegmentNode> }>(RenameSegment, { id: request.params.segment, input: { name: body.name } });
      return { status: 200, body: { object: 'segment', id: unwrap(data.renameSegment).id } };
    },
  },
  {
    method: 'DELETE',
    path: '/segments/:segment',
    async handle(request) {
      const id = request.params.segment!;
      const data = await request.run<{ deleteSegment: UnionResult<{ id: string }> }>(DeleteSegment, { id });
      // [REC]: deleting an unknown segment answers 200 deleted:true.
      if (data.deleteSegment?.__typename !== 'NotFoundError') unwrap(data.deleteSegment);
      return { status: 200, body: { object: 'segment', id, deleted: true } };
    },
  },
];
