import { type RosterClient, operation, unwrap } from './client';
import type {
  RosterCreateSegmentMutation,
  RosterCreateSegmentMutationVariables,
  RosterDeleteSegmentMutation,
  RosterDeleteSegmentMutationVariables,
  RosterRenameSegmentMutation,
  RosterRenameSegmentMutationVariables,
  RosterSegmentQuery,
  RosterSegmentQueryVariables,
  RosterSegmentsQuery,
  RosterSegmentsQueryVariables,
} from './operations.generated';

// Segments over GraphQL, shared by the CLI commands and the MCP tools.

const SegmentsQuery = operation<RosterSegmentsQuery, RosterSegmentsQueryVariables>(/* GraphQL */ `
  query RosterSegments($after: String) {
    segments(first: 100, after: $after) {
      edges { node { id name contactCount createdAt } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

const SegmentQuery = operation<RosterSegmentQuery, RosterSegmentQueryVariables>(/* GraphQL */ `
  query RosterSegment($id: ID!) {
    segment(id: $id) { id name contactCount createdAt }
  }
`);

const CreateSegment = operation<RosterCreateSegmentMutation, RosterCreateSegmentMutationVariables>(/* GraphQL */ `
  mutation RosterCreateSegment($name: String!) {
    createSegment(input: { name: $name }) {
      __typename
      ... on Segment { id name contactCount createdAt }
      ... on Error { message }
      ... on ValidationError { issues { path message } }
    }
  }
`);

const RenameSegment = operation<RosterRenameSegmentMutation, RosterRenameSegmentMutationVariables>(/* GraphQL */ `
  mutation RosterRenameSegment($id: ID!, $name: String!) {
    renameSegment(id: $id, input: { name: $name }) {
      __typename
      ... on Segment { id name contactCount createdAt }
      ... on Error { message }
      ... on ValidationError { issues { path message } }
    }
  }
`);

const DeleteSegment = operation<RosterDeleteSegmentMutation, RosterDeleteSegmentMutationVariables>(/* GraphQL */ `
  mutation RosterDeleteSegment($id: ID!) {
    deleteSegment(id: $id) {
      __typename
      ... on Segment { id name contactCount createdAt }
      ... on Error { message }
    }
  }
`);

export type SegmentView = NonNullable<RosterSegmentQuery['segment']>;

function view({ id, name, contactCount, createdAt }: SegmentView): SegmentView {
  return { id, name, contactCount, createdAt };
}

/** Every segment of the team, newest first. */
export async function listSegments(client: RosterClient): Promise<SegmentView[]> {
  const segments: SegmentView[] = [];
  let after: string | null = null;
  for (;;) {
    const page: RosterSegmentsQuery['segments'] = (await client.request(SegmentsQuery, { after })).segments;
    segments.push(...page.edges.map((edge) => view(edge.node)));
    if (!page.pageInfo.hasNextPage) return segments;
    after = page.pageInfo.endCursor;
  }
}

export async function getSegment(client: RosterClient, id: string): Promise<SegmentView | null> {
  const { segment } = await client.request(SegmentQuery, { id });
  return segment ? view(segment) : null;
}

export async function createSegment(client: RosterClient, name: string): Promise<SegmentView> {
  return view(unwrap((await client.request(CreateSegment, { name })).createSegment, 'Segment'));
}

export async function renameSegment(client: RosterClient, id: string, name: string): Promise<SegmentView> {
  return view(unwrap((await client.request(RenameSegment, { id, name })).renameSegment, 'Segment'));
}

export async function deleteSegment(client: RosterClient, id: string): Promise<SegmentView> {
  return view(unwrap((await client.request(DeleteSegment, { id })).deleteSegment, 'Segment'));
}
