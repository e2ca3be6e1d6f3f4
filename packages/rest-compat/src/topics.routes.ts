import { PAGE_INFO } from './contacts.routes';
import { failureFields, RestError, type UnionResult, unwrap } from './errors';
import { type Connection, bodyObject, collectPage, lower, pageRequest, pgTimestamp, requireFields, upper } from './format';
import type { Route } from './router';

interface TopicNode {
  id: string;
  name: string;
  description: string | null;
  defaultSubscription: string;
  visibility: string;
  createdAt: string;
}

const TOPIC_FIELDS = 'id name description defaultSubscription visibility createdAt';

const CreateTopic = `mutation RestCreateTopic($input: CreateTopicInput!) {
  createTopic(input: $input) { ${failureFields('ValidationError')} ... on Topic { id } }
}`;
const Topics = `query RestTopics($first: Int, $after: String, $before: String) {
  topics(first: $first, after: $after, before: $before) { edges { node { ${TOPIC_FIELDS} } } ${PAGE_INFO} }
}`;
const GetTopic = `query RestTopic($id: ID!) { topic(id: $id) { ${TOPIC_FIELDS} } }`;
const UpdateTopic = `mutation RestUpdateTopic($id: ID!, $input: UpdateTopicInput!) {
  updateTopic(id: $id, input: $input) { ${failureFields('ValidationError', 'NotFoundError')} ... on Topic { id } }
}`;
const DeleteTopic = `mutation RestDeleteTopic($id: ID!) {
  deleteTopic(id: $id) { ${failureFields('NotFoundError')} ... on Topic { id } }
}`;

const shape = (t: TopicNode) => ({
  id: t.id,
  name: t.name,
  description: t.description,
  default_subscription: lower(t.defaultSubscription),
  visibility: lower(t.visibility),
  created_at: pgTimestamp(t.createdAt),
});

export const topicRoutes: Route[] = [
  {
    method: 'POST',
    path: '/topics',
    async handle(request) {
      const body = bodyObject(request);
      requireFields(body, 'name', 'default_subscription');
      const input = { name: body.name, description: body.description, defaultSubscription: upper(body.default_subscription), visibility: upper(body.visibility) };
      const data = await request.run<{ createTopic: UnionResult<{ id: string }> }>(CreateTopic, { input });
      return { status: 201, body: { object: 'topic', id: unwrap(data.createTopic).id } };
    },
  },
  {
    method: 'GET',
    path: '/topics',
    async handle(request) {
      const page = pageRequest(request.query, 20);
      const body = await collectPage(page, async (args) => (await request.run<{ topics: Connection<TopicNode> }>(Topics, { ...args })).topics, shape);
      return { status: 200, body };
    },
  },
  {
    method: 'GET',
    path: '/topics/:topic',
    async handle(request) {
      const data = await request.run<{ topic: TopicNode | null }>(GetTopic, { id: request.params.topic });
      if (!data.topic) throw new RestError(404, 'not_found', 'Topic not found');
      return { status: 200, body: { object: 'topic', ...shape(data.topic) } };
    },
  },
  {
    method: 'PATCH',
    path: '/topics/:topic',
    async handle(request) {
      // The SDK sends the whole payload, `id` included: only these three keys are read.
      const body = bodyObject(request);
      const input = { name: body.name, description: body.description, visibility: upper(body.visibility) };
      const data = await request.run<{ updateTopic: UnionResult<{ id: string }> }>(UpdateTopic, { id: request.params.topic, input });
      return { status: 200, body: { object: 'topic', id: unwrap(data.updateTopic).id } };
    },
  },
  {
    method: 'DELETE',
    path: '/topics/:topic',
    async handle(request) {
      const data = await request.run<{ deleteTopic: UnionResult<{ id: string }> }>(DeleteTopic, { id: request.params.topic });
      return { status: 200, body: { object: 'topic', id: unwrap(data.deleteTopic).id, deleted: true } };
    },
  },
];
