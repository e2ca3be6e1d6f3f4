import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './gql';
import { type Roster, as, gql, ok, startRoster } from './harness';

let roster: Roster;
let key: string;
let segmentA: string;
let segmentB: string;
let topicNews: string;
beforeAll(async () => {
  roster = await startRoster();
  key = await roster.newKey('history');
  segmentA = as((await ok(roster, key, CreateSegment, { name: 'A' })).createSegment, 'Segment').id;
  segmentB = as((await ok(roster, key, CreateSegment, { name: 'B' })).createSegment, 'Segment').id;
  topicNews = as((await ok(roster, key, CreateTopic, { name: 'News' })).createTopic, 'Topic').id;
  as((await ok(roster, key, CreateProperty, { key: 'plan' })).createContactProperty, 'ContactProperty');
});
afterAll(() => roster.close());

const CreateSegment = graphql(`
  mutation HistoryCreateSegment($name: String!) {
    createSegment(input: { name: $name }) { __typename ... on Segment { id } }
  }
`);

const CreateTopic = graphql(`
  mutation HistoryCreateTopic($name: String!) {
    createTopic(input: { name: $name, defaultSubscription: OPT_IN }) { __typename ... on Topic { id } }
  }
`);

const CreateProperty = graphql(`
  mutation HistoryCreateProperty($key: String!) {
    createContactProperty(input: { key: $key, type: STRING }) { __typename ... on ContactProperty { id } }
  }
`);

const CreateContact = graphql(`
  mutation HistoryCreateContact($input: CreateContactInput!) {
    createContact(input: $input) {
      __typename
      ... on Contact { id source }
      ... on ValidationError { issues { path message } }
    }
  }
`);

const AddContacts = graphql(`
  mutation HistoryAddContacts($emails: String!, $segmentId: ID) {
    addContacts(emails: $emails, segmentId: $segmentId) {
      __typename
      ... on AddContactsResult { created { id email } }
    }
  }
`);

const UpdateContact = graphql(`
  mutation HistoryUpdateContact($id: ID!, $input: UpdateContactInput!) {
    updateContact(id: $id, input: $input) {
      __typename
      ... on Contact { id }
      ... on ValidationError { issues { path message } }
    }
  }
`);

const AddToSegment = graphql(`
  mutation HistoryAddToSegment($id: ID!, $segmentId: ID!) {
    addContactToSegment(id: $id, segmentId: $segmentId) { __typename }
  }
`);

const RemoveFromSegment = graphql(`
  mutation HistoryRemoveFromSegment($id: ID!, $segmentId: ID!) {
    removeContactFromSegment(id: $id, segmentId: $segmentId) { __typename }
  }
`);

const UpdateTopics = graphql(`
  mutation HistoryUpdateTopics($id: ID!, $topics: [TopicSubscriptionInput!]!) {
    updateContactTopics(id: $id, topics: $topics) { __typename }
  }
`);

const BulkAdd = graphql(`
  mutation HistoryBulkAdd($ids: [ID!]!, $segmentIds: [ID!]!) {
    bulkAddContactsToSegments(target: { ids: $ids }, segmentIds: $segmentIds) { __typename ... on BulkContactsResult { affected } }
  }
`);

const BulkRemove = graphql(`
  mutation HistoryBulkRemove($ids: [ID!]!, $segmentIds: [ID!]!) {
    bulkRemoveContactsFromSegments(target: { ids: $ids }, segmentIds: $segmentIds) { __typename ... on BulkContactsResult { affected } }
  }
`);

const BulkTopic = graphql(`
  mutation HistoryBulkTopic($ids: [ID!]!, $topicIds: [ID!]!, $subscription: SubscriptionStatus!) {
    bulkSetTopicSubscription(target: { ids: $ids }, topicIds: $topicIds, subscription: $subscription) {
      __typename
      ... on BulkContactsResult { affected }
    }
  }
`);

const DeleteContact = graphql(`
  mutation HistoryDeleteContact($id: ID!) {
    deleteContact(id: $id) { __typename }
  }
`);

const History = graphql(`
  query HistoryOfContact($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {
    contact(id: $id) {
      history(first: $first, after: $after, last: $last, before: $before) {
        edges { cursor node { id type source data createdAt } }
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      }
    }
  }
`);

async function newContact(email: string, extra: Record<string, unknown> = {}) {
  return as((await ok(roster, key, CreateContact, { input: { email, ...extra } })).createContact, 'Contact');
}

async function history(id: string) {
  const data = await ok(roster, key, History, { id, first: 100 });
  return data.contact?.history.edges.map((e) => e.node) ?? [];
}

async function timeline(id: string) {
  return (await history(id)).map((e) => [e.type, e.data]);
}

describe('contact.history', () => {
  it('starts with CREATED from the API', async () => {
    const contact = await newContact('created@h.test');
    const events = await history(contact.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'CREATED', source: 'API', data: { email: 'created@h.test' } });
    expect(events[0]?.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
    // A second create of the same email changes nothing and records nothing.
    await newContact('CREATED@h.test', { firstName: 'Ignored' });
    expect(await history(contact.id)).toHaveLength(1);
  });

  it('records create-time segments and topics in one statement, CREATED last', async () => {
    const contact = await newContact('full@h.test', {
      segmentIds: [segmentA, segmentB],
      topics: [{ id: topicNews, subscription: 'OPT_OUT' }],
    });
    const events = await history(contact.id);
    expect(events.map((e) => e.type)).toEqual(['TOPIC_SUBSCRIPTION_CHANGED', 'SEGMENT_ADDED', 'SEGMENT_ADDED', 'CREATED']);
    expect(events[0]?.data).toEqual({ topicId: topicNews, subscription: 'opt_out' });
    expect(new Set(events.slice(1, 3).map((e) => (e.data as { segmentId: string }).segmentId))).toEqual(new Set([segmentA, segmentB]));
    // Ids only grow: the newest event has the highest id.
    const ids = events.map((e) => BigInt(e.id));
    expect([...ids].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0))).toEqual(ids);
  });

  it('records addContacts as MANUAL, with the segment it joined', async () => {
    const result = as((await ok(roster, key, AddContacts, { emails: 'manual1@h.test; manual2@h.test', segmentId: segmentA })).addContacts, 'AddContactsResult');
    for (const created of result.created) {
      const events = await history(created.id);
      expect(events.map((e) => [e.type, e.source, e.data])).toEqual([
        ['SEGMENT_ADDED', 'MANUAL', { segmentId: segmentA }],
        ['CREATED', 'MANUAL', { email: created.email }],
      ]);
    }
    const [row] = await roster.query<{ source: string }>('select source from contact where id = $1', [result.created[0]?.id]);
    expect(row?.source).toBe('manual');
  });

  it('records UPDATED with {field: {from, to}} for names and properties, only when something changed', async () => {
    const contact = await newContact('updated@h.test', { firstName: 'Ann' });
    as((await ok(roster, key, UpdateContact, { id: contact.id, input: { firstName: 'Anne', lastName: 'Lee', properties: { plan: 'pro' } } })).updateContact, 'Contact');
    as((await ok(roster, key, UpdateContact, { id: contact.id, input: { firstName: 'Anne' } })).updateContact, 'Contact');
    as((await ok(roster, key, UpdateContact, { id: contact.id, input: { lastName: null, properties: { plan: null } } })).updateContact, 'Contact');
    expect(await timeline(contact.id)).toEqual([
      ['UPDATED', { changes: { lastName: { from: 'Lee', to: null }, 'properties.plan': { from: 'pro', to: null } } }],
      ['UPDATED', { changes: { firstName: { from: 'Ann', to: 'Anne' }, lastName: { from: null, to: 'Lee' }, 'properties.plan': { from: null, to: 'pro' } } }],
      ['CREATED', { email: 'updated@h.test' }],
    ]);
    // A refused update records nothing.
    as((await ok(roster, key, UpdateContact, { id: contact.id, input: { properties: { unknown: 1 } } })).updateContact, 'ValidationError');
    expect(await history(contact.id)).toHaveLength(3);
  });

  it('records UNSUBSCRIBED and RESUBSCRIBED, once per change', async () => {
    const contact = await newContact('unsub@h.test');
    await ok(roster, key, UpdateContact, { id: contact.id, input: { unsubscribed: true } });
    await ok(roster, key, UpdateContact, { id: contact.id, input: { unsubscribed: true } });
    await ok(roster, key, UpdateContact, { id: contact.id, input: { unsubscribed: false, firstName: 'Back' } });
    expect(await timeline(contact.id)).toEqual([
      ['RESUBSCRIBED', {}],
      ['UPDATED', { changes: { firstName: { from: null, to: 'Back' } } }],
      ['UNSUBSCRIBED', {}],
      ['CREATED', { email: 'unsub@h.test' }],
    ]);
  });

  it('records SEGMENT_ADDED and SEGMENT_REMOVED, single and bulk, only when membership changes', async () => {
    const contact = await newContact('segments@h.test');
    await ok(roster, key, AddToSegment, { id: contact.id, segmentId: segmentA });
    await ok(roster, key, AddToSegment, { id: contact.id, segmentId: segmentA });
    expect(as((await ok(roster, key, BulkAdd, { ids: [contact.id], segmentIds: [segmentA, segmentB] })).bulkAddContactsToSegments, 'BulkContactsResult').affected).toBe(1);
    await ok(roster, key, RemoveFromSegment, { id: contact.id, segmentId: segmentA });
    await ok(roster, key, RemoveFromSegment, { id: contact.id, segmentId: segmentA });
    await ok(roster, key, BulkRemove, { ids: [contact.id], segmentIds: [segmentA, segmentB] });
    expect(await timeline(contact.id)).toEqual([
      ['SEGMENT_REMOVED', { segmentId: segmentB }],
      ['SEGMENT_REMOVED', { segmentId: segmentA }],
      ['SEGMENT_ADDED', { segmentId: segmentB }],
      ['SEGMENT_ADDED', { segmentId: segmentA }],
      ['CREATED', { email: 'segments@h.test' }],
    ]);
  });

  it('records segment changes made by updateContact(segmentIds)', async () => {
    const contact = await newContact('replace@h.test', { segmentIds: [segmentA] });
    await ok(roster, key, UpdateContact, { id: contact.id, input: { segmentIds: [segmentB] } });
    const events = await timeline(contact.id);
    expect(events.slice(0, 2)).toEqual([
      ['SEGMENT_ADDED', { segmentId: segmentB }],
      ['SEGMENT_REMOVED', { segmentId: segmentA }],
    ]);
  });

  it('records TOPIC_SUBSCRIPTION_CHANGED, single and bulk, only when the choice changes', async () => {
    const contact = await newContact('topics@h.test');
    await ok(roster, key, UpdateTopics, { id: contact.id, topics: [{ id: topicNews, subscription: 'OPT_OUT' }] });
    await ok(roster, key, UpdateTopics, { id: contact.id, topics: [{ id: topicNews, subscription: 'OPT_OUT' }] });
    await ok(roster, key, BulkTopic, { ids: [contact.id], topicIds: [topicNews], subscription: 'OPT_IN' });
    await ok(roster, key, BulkTopic, { ids: [contact.id], topicIds: [topicNews], subscription: 'OPT_IN' });
    expect(await timeline(contact.id)).toEqual([
      ['TOPIC_SUBSCRIPTION_CHANGED', { topicId: topicNews, subscription: 'opt_in' }],
      ['TOPIC_SUBSCRIPTION_CHANGED', { topicId: topicNews, subscription: 'opt_out' }],
      ['CREATED', { email: 'topics@h.test' }],
    ]);
    expect((await history(contact.id)).every((e) => e.source === 'API')).toBe(true);
  });

  it('pages the history newest first, forwards and backwards', async () => {
    const contact = await newContact('paged@h.test');
    for (const name of ['n1', 'n2', 'n3', 'n4']) await ok(roster, key, UpdateContact, { id: contact.id, input: { firstName: name } });
    const names = (events: { type: string; data: unknown }[]) =>
      events.map((e) => (e.type === 'CREATED' ? 'created' : (e.data as { changes: { firstName: { to: string } } }).changes.firstName.to));
    expect(names(await history(contact.id))).toEqual(['n4', 'n3', 'n2', 'n1', 'created']);

    const first = (await ok(roster, key, History, { id: contact.id, first: 2 })).contact?.history;
    expect(names(first?.edges.map((e) => e.node) ?? [])).toEqual(['n4', 'n3']);
    expect(first?.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const second = (await ok(roster, key, History, { id: contact.id, first: 2, after: first?.pageInfo.endCursor })).contact?.history;
    expect(names(second?.edges.map((e) => e.node) ?? [])).toEqual(['n2', 'n1']);
    expect(second?.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
    const third = (await ok(roster, key, History, { id: contact.id, first: 2, after: second?.pageInfo.endCursor })).contact?.history;
    expect(names(third?.edges.map((e) => e.node) ?? [])).toEqual(['created']);
    expect(third?.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    const back = (await ok(roster, key, History, { id: contact.id, last: 3, before: third?.pageInfo.startCursor })).contact?.history;
    expect(names(back?.edges.map((e) => e.node) ?? [])).toEqual(['n3', 'n2', 'n1']);
    expect(back?.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
    const oldest = (await ok(roster, key, History, { id: contact.id, last: 2 })).contact?.history;
    expect(names(oldest?.edges.map((e) => e.node) ?? [])).toEqual(['n1', 'created']);
    expect(oldest?.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });

    const bad = await gql(roster, key, History, { id: contact.id, after: 'not-a-cursor' });
    expect(bad.errors?.[0]?.extensions?.code).toBe('VALIDATION');
  });

  it('keeps history per contact and per team; deleting a contact deletes its history', async () => {
    const a = await newContact('mine@h.test');
    const b = await newContact('other@h.test');
    await ok(roster, key, UpdateContact, { id: a.id, input: { firstName: 'Only A' } });
    expect(await history(b.id)).toHaveLength(1);
    const otherKey = await roster.newKey('history-other');
    expect((await ok(roster, otherKey, History, { id: a.id })).contact).toBeNull();
    const [row] = await roster.query<{ n: number }>('select count(*)::int as n from contact_event where contact_id = $1', [a.id]);
    expect(row?.n).toBe(2);
    as((await ok(roster, key, DeleteContact, { id: a.id })).deleteContact, 'Contact');
    expect(await roster.query('select 1 from contact_event where contact_id = $1', [a.id])).toHaveLength(0);
    expect(await history(b.id)).toHaveLength(1);
  });
});
