import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './gql';
import type { SubscriptionStatus, TopicVisibility, TopicsCreateMutationVariables, TopicsUpdateMutationVariables } from './gql/graphql';
import { type Roster, as, gql, ok, startRoster } from './harness';

let roster: Roster;
let key: string;
let otherKey: string;
beforeAll(async () => {
  roster = await startRoster();
  key = await roster.newKey('topics-a');
  otherKey = await roster.newKey('topics-b');
});
afterAll(() => roster.close());

const CreateTopic = graphql(`
  mutation TopicsCreate($input: CreateTopicInput!) {
    createTopic(input: $input) {
      __typename
      ... on Topic { id name description defaultSubscription visibility createdAt }
      ... on ValidationError { issues { path message } }
    }
  }
`);

const UpdateTopic = graphql(`
  mutation TopicsUpdate($id: ID!, $input: UpdateTopicInput!) {
    updateTopic(id: $id, input: $input) {
      __typename
      ... on Topic { id name description defaultSubscription visibility }
      ... on ValidationError { issues { path message } }
      ... on NotFoundError { resource ref }
    }
  }
`);

const DeleteTopic = graphql(`
  mutation TopicsDelete($id: ID!) {
    deleteTopic(id: $id) {
      __typename
      ... on Topic { id name }
      ... on NotFoundError { resource ref }
    }
  }
`);

const GetTopic = graphql(`
  query TopicsGet($id: ID!) {
    topic(id: $id) { id name description defaultSubscription visibility createdAt }
  }
`);

const ListTopics = graphql(`
  query TopicsList($first: Int, $after: String, $last: Int, $before: String) {
    topics(first: $first, after: $after, last: $last, before: $before) {
      edges { cursor node { id name createdAt } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }
`);

const CreateContact = graphql(`
  mutation TopicsCreateContact($input: CreateContactInput!) {
    createContact(input: $input) {
      __typename
      ... on Contact { id email }
      ... on ValidationError { issues { path message } }
    }
  }
`);

const UpdateContactTopics = graphql(`
  mutation TopicsUpdateContactTopics($id: ID, $email: String, $topics: [TopicSubscriptionInput!]!) {
    updateContactTopics(id: $id, email: $email, topics: $topics) {
      __typename
      ... on Contact {
        id
        topics { edges { node { id name subscription explicit defaultSubscription } } }
      }
      ... on ValidationError { issues { path message } }
      ... on NotFoundError { resource ref }
    }
  }
`);

const ContactTopics = graphql(`
  query TopicsContactTopics($id: ID!, $first: Int, $after: String) {
    contact(id: $id) {
      topics(first: $first, after: $after) {
        edges { cursor node { id name description subscription explicit defaultSubscription } }
        pageInfo { hasNextPage hasPreviousPage }
      }
    }
  }
`);

const ContactsByTopic = graphql(`
  query TopicsContactsByTopic($topicId: ID!, $subscription: SubscriptionStatus) {
    contacts(filter: { topicId: $topicId, topicSubscription: $subscription }, first: 100) {
      totalCount
      edges { node { email } }
    }
  }
`);

const OptIn = 'OPT_IN' satisfies SubscriptionStatus;
const OptOut = 'OPT_OUT' satisfies SubscriptionStatus;

async function newTopic(input: { name: string; defaultSubscription: SubscriptionStatus; description?: string; visibility?: TopicVisibility }, k = key) {
  return as((await ok(roster, k, CreateTopic, { input })).createTopic, 'Topic');
}

async function newContact(email: string) {
  return as((await ok(roster, key, CreateContact, { input: { email } })).createContact, 'Contact');
}

describe('createTopic', () => {
  it('creates a topic, PRIVATE unless given, and stores it', async () => {
    const topic = await newTopic({ name: '  Product updates ', defaultSubscription: OptIn, description: ' News ' });
    expect(topic).toMatchObject({ name: 'Product updates', description: 'News', defaultSubscription: 'OPT_IN', visibility: 'PRIVATE' });
    expect(topic.createdAt).toMatch(/Z$/);
    const [row] = await roster.query('select name, description, default_subscription, visibility from topic where id = $1', [topic.id]);
    expect(row).toEqual({ name: 'Product updates', description: 'News', default_subscription: 'opt_in', visibility: 'private' });
    const pub = await newTopic({ name: 'Events', defaultSubscription: OptOut, visibility: 'PUBLIC' });
    expect(pub).toMatchObject({ defaultSubscription: 'OPT_OUT', visibility: 'PUBLIC', description: null });
  });

  it('accepts a name of 50 and a description of 200 characters', async () => {
    const topic = await newTopic({ name: 'n'.repeat(50), description: 'd'.repeat(200), defaultSubscription: OptIn });
    expect(topic.name).toHaveLength(50);
    expect(topic.description).toHaveLength(200);
  });

  it.each([
    ['an empty name', { name: ' ', defaultSubscription: OptIn }, ['input', 'name']],
    ['a name over 50', { name: 'n'.repeat(51), defaultSubscription: OptIn }, ['input', 'name']],
    ['a description over 200', { name: 'ok', description: 'd'.repeat(201), defaultSubscription: OptIn }, ['input', 'description']],
    ['a NUL in the name', { name: 'a\u0000b', defaultSubscription: OptIn }, ['input', 'name']],
    ['a NUL in the description', { name: 'ok', description: 'a\u0000b', defaultSubscription: OptIn }, ['input', 'description']],
  ] as const)('refuses %s with a ValidationError naming the field', async (_, input, path) => {
    const result = as((await ok(roster, key, CreateTopic, { input })).createTopic, 'ValidationError');
    expect(result.issues.map((i) => i.path)).toEqual([path]);
  });

  it('requires defaultSubscription (a GraphQL validation error)', async () => {
    const result = await gql(roster, key, CreateTopic, { input: { name: 'No default' } } as unknown as TopicsCreateMutationVariables);
    expect(result.errors?.length).toBeGreaterThan(0);
    expect(await roster.query("select 1 from topic where name = 'No default'")).toHaveLength(0);
  });
});

describe('topic, topics, updateTopic, deleteTopic', () => {
  it('gets a topic; null for unknown, garbage or another team’s', async () => {
    const topic = await newTopic({ name: 'Gettable', defaultSubscription: OptOut });
    expect((await ok(roster, key, GetTopic, { id: topic.id })).topic).toMatchObject({ id: topic.id, name: 'Gettable', defaultSubscription: 'OPT_OUT' });
    expect((await ok(roster, key, GetTopic, { id: '0190a4b2-0000-7000-8000-000000000000' })).topic).toBeNull();
    expect((await ok(roster, key, GetTopic, { id: 'garbage' })).topic).toBeNull();
    expect((await ok(roster, otherKey, GetTopic, { id: topic.id })).topic).toBeNull();
  });

  it('lists newest first with keyset pagination', async () => {
    const team = await roster.newKey('topics-paging');
    for (const name of ['t1', 't2', 't3']) await newTopic({ name, defaultSubscription: OptIn }, team);
    const all = await ok(roster, team, ListTopics, { first: 100 });
    expect(all.topics.edges.map((e) => e.node.name)).toEqual(['t3', 't2', 't1']);
    expect(all.topics.edges[0]?.node.createdAt).toMatch(/Z$/);
    const first = await ok(roster, team, ListTopics, { first: 2 });
    expect(first.topics.edges.map((e) => e.node.name)).toEqual(['t3', 't2']);
    expect(first.topics.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const next = await ok(roster, team, ListTopics, { first: 2, after: first.topics.pageInfo.endCursor });
    expect(next.topics.edges.map((e) => e.node.name)).toEqual(['t1']);
    expect(next.topics.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    const back = await ok(roster, team, ListTopics, { last: 1, before: next.topics.pageInfo.startCursor });
    expect(back.topics.edges.map((e) => e.node.name)).toEqual(['t2']);
    expect(back.topics.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
  });

  it('updates name, description and visibility; leaves absent fields alone', async () => {
    const topic = await newTopic({ name: 'Before', description: 'Desc', defaultSubscription: OptOut });
    const renamed = as((await ok(roster, key, UpdateTopic, { id: topic.id, input: { name: ' After ' } })).updateTopic, 'Topic');
    expect(renamed).toMatchObject({ name: 'After', description: 'Desc', visibility: 'PRIVATE', defaultSubscription: 'OPT_OUT' });
    const visible = as((await ok(roster, key, UpdateTopic, { id: topic.id, input: { visibility: 'PUBLIC' } })).updateTopic, 'Topic');
    expect(visible).toMatchObject({ name: 'After', description: 'Desc', visibility: 'PUBLIC' });
    const described = as((await ok(roster, key, UpdateTopic, { id: topic.id, input: { description: 'Other' } })).updateTopic, 'Topic');
    expect(described).toMatchObject({ name: 'After', description: 'Other', visibility: 'PUBLIC' });
    const cleared = as((await ok(roster, key, UpdateTopic, { id: topic.id, input: { description: null } })).updateTopic, 'Topic');
    expect(cleared.description).toBeNull();
    const [row] = await roster.query('select name, description, visibility, default_subscription from topic where id = $1', [topic.id]);
    expect(row).toEqual({ name: 'After', description: null, visibility: 'public', default_subscription: 'opt_out' });
  });

  it('refuses a bad update and a defaultSubscription change', async () => {
    const topic = await newTopic({ name: 'Strict', defaultSubscription: OptIn });
    const long = as((await ok(roster, key, UpdateTopic, { id: topic.id, input: { name: 'x'.repeat(51) } })).updateTopic, 'ValidationError');
    expect(long.issues.map((i) => i.path)).toEqual([['input', 'name']]);
    const empty = as((await ok(roster, key, UpdateTopic, { id: topic.id, input: { name: '' } })).updateTopic, 'ValidationError');
    expect(empty.issues.map((i) => i.path)).toEqual([['input', 'name']]);
    const desc = as((await ok(roster, key, UpdateTopic, { id: topic.id, input: { description: 'd'.repeat(201) } })).updateTopic, 'ValidationError');
    expect(desc.issues.map((i) => i.path)).toEqual([['input', 'description']]);
    // defaultSubscription is not part of UpdateTopicInput: the request is refused before it runs.
    const fixed = await gql(roster, key, UpdateTopic, { id: topic.id, input: { defaultSubscription: OptOut } } as unknown as TopicsUpdateMutationVariables);
    expect(fixed.errors?.length).toBeGreaterThan(0);
    expect((await ok(roster, key, GetTopic, { id: topic.id })).topic).toMatchObject({ name: 'Strict', defaultSubscription: 'OPT_IN' });
    const missing = as((await ok(roster, key, UpdateTopic, { id: 'garbage', input: { name: 'x' } })).updateTopic, 'NotFoundError');
    expect(missing.resource).toBe('Topic');
    as((await ok(roster, otherKey, UpdateTopic, { id: topic.id, input: { name: 'Stolen' } })).updateTopic, 'NotFoundError');
  });

  it('deletes a topic with the subscriptions to it', async () => {
    const topic = await newTopic({ name: 'Doomed', defaultSubscription: OptIn });
    const contact = await newContact('doomed.topic@example.com');
    as((await ok(roster, key, UpdateContactTopics, { id: contact.id, topics: [{ id: topic.id, subscription: OptOut }] })).updateContactTopics, 'Contact');
    as((await ok(roster, otherKey, DeleteTopic, { id: topic.id })).deleteTopic, 'NotFoundError');
    const deleted = as((await ok(roster, key, DeleteTopic, { id: topic.id })).deleteTopic, 'Topic');
    expect(deleted).toMatchObject({ id: topic.id, name: 'Doomed' });
    expect((await ok(roster, key, GetTopic, { id: topic.id })).topic).toBeNull();
    expect(await roster.query('select 1 from contact_topic where topic_id = $1', [topic.id])).toHaveLength(0);
    expect(await roster.query('select 1 from contact where id = $1', [contact.id])).toHaveLength(1);
    expect(as((await ok(roster, key, DeleteTopic, { id: topic.id })).deleteTopic, 'NotFoundError')).toMatchObject({ resource: 'Topic', ref: topic.id });
  });
});

describe('contact subscriptions', () => {
  it('contact.topics shows every topic with the effective subscription', async () => {
    const team = await roster.newKey('topics-effective');
    const contact = as((await ok(roster, team, CreateContact, { input: { email: 'eff@example.com' } })).createContact, 'Contact');
    const weekly = await newTopic({ name: 'Weekly', description: 'Every week', defaultSubscription: OptIn }, team);
    const promo = await newTopic({ name: 'Promo', defaultSubscription: OptOut }, team);

    const initial = await ok(roster, team, ContactTopics, { id: contact.id });
    expect(initial.contact?.topics.edges.map((e) => e.node)).toEqual([
      { id: promo.id, name: 'Promo', description: null, subscription: 'OPT_OUT', explicit: false, defaultSubscription: 'OPT_OUT' },
      { id: weekly.id, name: 'Weekly', description: 'Every week', subscription: 'OPT_IN', explicit: false, defaultSubscription: 'OPT_IN' },
    ]);

    const updated = as(
      (
        await ok(roster, team, UpdateContactTopics, {
          email: 'EFF@example.com',
          topics: [
            { id: weekly.id, subscription: OptOut },
            { id: promo.id, subscription: OptIn },
          ],
        })
      ).updateContactTopics,
      'Contact',
    );
    expect(updated.topics.edges.map((e) => e.node)).toEqual([
      { id: promo.id, name: 'Promo', subscription: 'OPT_IN', explicit: true, defaultSubscription: 'OPT_OUT' },
      { id: weekly.id, name: 'Weekly', subscription: 'OPT_OUT', explicit: true, defaultSubscription: 'OPT_IN' },
    ]);
    const rows = await roster.query<{ topic_id: string; subscription: string }>(
      'select topic_id, subscription from contact_topic where contact_id = $1 order by topic_id',
      [contact.id],
    );
    expect(rows).toEqual([
      { topic_id: weekly.id, subscription: 'opt_out' },
      { topic_id: promo.id, subscription: 'opt_in' },
    ]);

    // Choosing the default explicitly is still the contact's own choice.
    const same = as(
      (await ok(roster, team, UpdateContactTopics, { id: contact.id, topics: [{ id: promo.id, subscription: OptOut }] })).updateContactTopics,
      'Contact',
    );
    expect(same.topics.edges.find((e) => e.node.id === promo.id)?.node).toMatchObject({ subscription: 'OPT_OUT', explicit: true });

    // A topic created later shows up with its default.
    const later = await newTopic({ name: 'Later', defaultSubscription: OptIn }, team);
    const after = await ok(roster, team, ContactTopics, { id: contact.id });
    expect(after.contact?.topics.edges.map((e) => [e.node.name, e.node.subscription, e.node.explicit])).toEqual([
      ['Later', 'OPT_IN', false],
      ['Promo', 'OPT_OUT', true],
      ['Weekly', 'OPT_OUT', true],
    ]);
    const page = await ok(roster, team, ContactTopics, { id: contact.id, first: 2 });
    expect(page.contact?.topics.edges.map((e) => e.node.id)).toEqual([later.id, promo.id]);
    expect(page.contact?.topics.pageInfo.hasNextPage).toBe(true);
    const rest = await ok(roster, team, ContactTopics, { id: contact.id, first: 2, after: page.contact?.topics.edges[1]?.cursor });
    expect(rest.contact?.topics.edges.map((e) => e.node.id)).toEqual([weekly.id]);
  });

  it('filters contacts by effective subscription', async () => {
    const team = await roster.newKey('topics-filter');
    const topic = await newTopic({ name: 'Digest', defaultSubscription: OptIn }, team);
    const a = as((await ok(roster, team, CreateContact, { input: { email: 'a@digest.test' } })).createContact, 'Contact');
    as((await ok(roster, team, CreateContact, { input: { email: 'b@digest.test' } })).createContact, 'Contact');
    await ok(roster, team, UpdateContactTopics, { id: a.id, topics: [{ id: topic.id, subscription: OptOut }] });
    const optIn = await ok(roster, team, ContactsByTopic, { topicId: topic.id });
    expect(optIn.contacts.edges.map((e) => e.node.email)).toEqual(['b@digest.test']);
    const optOut = await ok(roster, team, ContactsByTopic, { topicId: topic.id, subscription: OptOut });
    expect(optOut.contacts.edges.map((e) => e.node.email)).toEqual(['a@digest.test']);
    expect(optOut.contacts.totalCount).toBe(1);
  });

  it('refuses unknown topics and contacts', async () => {
    const topic = await newTopic({ name: 'Known', defaultSubscription: OptIn });
    const contact = await newContact('refused.topics@example.com');
    const unknown = '0190a4b2-0000-7000-8000-000000000000';
    const badTopic = as(
      (
        await ok(roster, key, UpdateContactTopics, {
          id: contact.id,
          topics: [
            { id: topic.id, subscription: OptOut },
            { id: unknown, subscription: OptIn },
          ],
        })
      ).updateContactTopics,
      'ValidationError',
    );
    expect(badTopic.issues.map((i) => i.path)).toEqual([['topics', '1', 'id']]);
    // Nothing was written.
    expect(await roster.query('select 1 from contact_topic where contact_id = $1', [contact.id])).toHaveLength(0);
    const garbage = as(
      (await ok(roster, key, UpdateContactTopics, { id: contact.id, topics: [{ id: 'garbage', subscription: OptIn }] })).updateContactTopics,
      'ValidationError',
    );
    expect(garbage.issues.map((i) => i.path)).toEqual([['topics', '0', 'id']]);
    const foreign = await newTopic({ name: 'Foreign', defaultSubscription: OptIn }, otherKey);
    as(
      (await ok(roster, key, UpdateContactTopics, { id: contact.id, topics: [{ id: foreign.id, subscription: OptOut }] })).updateContactTopics,
      'ValidationError',
    );
    const empty = as((await ok(roster, key, UpdateContactTopics, { id: contact.id, topics: [] })).updateContactTopics, 'ValidationError');
    expect(empty.issues.map((i) => i.path)).toEqual([['topics']]);
    const noContact = as(
      (await ok(roster, key, UpdateContactTopics, { email: 'nobody@example.com', topics: [{ id: topic.id, subscription: OptIn }] })).updateContactTopics,
      'NotFoundError',
    );
    expect(noContact).toMatchObject({ resource: 'Contact', ref: 'nobody@example.com' });
  });
});
