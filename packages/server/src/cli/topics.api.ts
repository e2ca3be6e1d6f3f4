import { type RosterClient, operation, unwrap } from './client';
import type {
  CreateTopicInput,
  RosterCreateTopicMutation,
  RosterCreateTopicMutationVariables,
  RosterDeleteTopicMutation,
  RosterDeleteTopicMutationVariables,
  RosterTopicFieldsFragment,
  RosterTopicQuery,
  RosterTopicQueryVariables,
  RosterTopicsQuery,
  RosterTopicsQueryVariables,
  RosterUpdateTopicMutation,
  RosterUpdateTopicMutationVariables,
  UpdateTopicInput,
} from './operations.generated';

// Topics over GraphQL, shared by the CLI commands and the MCP tools.

const TOPIC_FIELDS = /* GraphQL */ `
  fragment RosterTopicFields on Topic { id name description defaultSubscription visibility createdAt }
`;

const TopicsQuery = operation<RosterTopicsQuery, RosterTopicsQueryVariables>(/* GraphQL */ `
  query RosterTopics($after: String) {
    topics(first: 100, after: $after) {
      edges { node { ...RosterTopicFields } }
      pageInfo { hasNextPage endCursor }
    }
  }
  ${TOPIC_FIELDS}
`);

const TopicQuery = operation<RosterTopicQuery, RosterTopicQueryVariables>(/* GraphQL */ `
  query RosterTopic($id: ID!) {
    topic(id: $id) { ...RosterTopicFields }
  }
  ${TOPIC_FIELDS}
`);

const CreateTopic = operation<RosterCreateTopicMutation, RosterCreateTopicMutationVariables>(/* GraphQL */ `
  mutation RosterCreateTopic($input: CreateTopicInput!) {
    createTopic(input: $input) {
      __typename
      ... on Topic { ...RosterTopicFields }
      ... on Error { message }
      ... on ValidationError { issues { path message } }
    }
  }
  ${TOPIC_FIELDS}
`);

const UpdateTopic = operation<RosterUpdateTopicMutation, RosterUpdateTopicMutationVariables>(/* GraphQL */ `
  mutation RosterUpdateTopic($id: ID!, $input: UpdateTopicInput!) {
    updateTopic(id: $id, input: $input) {
      __typename
      ... on Topic { ...RosterTopicFields }
      ... on Error { message }
      ... on ValidationError { issues { path message } }
    }
  }
  ${TOPIC_FIELDS}
`);

const DeleteTopic = operation<RosterDeleteTopicMutation, RosterDeleteTopicMutationVariables>(/* GraphQL */ `
  mutation RosterDeleteTopic($id: ID!) {
    deleteTopic(id: $id) {
      __typename
      ... on Topic { ...RosterTopicFields }
      ... on Error { message }
    }
  }
  ${TOPIC_FIELDS}
`);

export interface TopicView {
  id: string;
  name: string;
  description: string | null;
  defaultSubscription: string;
  visibility: string;
  createdAt: string;
}

function view(topic: RosterTopicFieldsFragment): TopicView {
  return {
    id: topic.id,
    name: topic.name,
    description: topic.description,
    defaultSubscription: topic.defaultSubscription.toLowerCase(),
    visibility: topic.visibility.toLowerCase(),
    createdAt: topic.createdAt,
  };
}

/** Every topic of the team, newest first. */
export async function listTopics(client: RosterClient): Promise<TopicView[]> {
  const topics: TopicView[] = [];
  let after: string | null = null;
  for (;;) {
    const page: RosterTopicsQuery['topics'] = (await client.request(TopicsQuery, { after })).topics;
    topics.push(...page.edges.map((edge) => view(edge.node)));
    if (!page.pageInfo.hasNextPage) return topics;
    after = page.pageInfo.endCursor;
  }
}

export async function getTopic(client: RosterClient, id: string): Promise<TopicView | null> {
  const { topic } = await client.request(TopicQuery, { id });
  return topic ? view(topic) : null;
}

export async function createTopic(client: RosterClient, input: CreateTopicInput): Promise<TopicView> {
  return view(unwrap((await client.request(CreateTopic, { input })).createTopic, 'Topic'));
}

export async function updateTopic(client: RosterClient, id: string, input: UpdateTopicInput): Promise<TopicView> {
  return view(unwrap((await client.request(UpdateTopic, { id, input })).updateTopic, 'Topic'));
}

export async function deleteTopic(client: RosterClient, id: string): Promise<TopicView> {
  return view(unwrap((await client.request(DeleteTopic, { id })).deleteTopic, 'Topic'));
}
