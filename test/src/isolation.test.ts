import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './gql';
import { type Roster, as, ok, startRoster } from './harness';

// Team A owns data; team B's key aims every query and mutation at A's ids and emails and must
// find nothing and change nothing. A's rows are compared in SQL before and after.

let roster: Roster;
let keyA: string;
let keyB: string;

interface Fixture {
  teamId: string;
  propertyId: string;
  segmentId: string;
  topicId: string;
  contactId: string;
  otherContactId: string;
  email: string;
  apiKeyId: string;
}
let a: Fixture;
let b: Fixture;

const Team = graphql(`query IsoTeam { team { id name } }`);
const Keys = graphql(`query IsoKeys { apiKeys { id } }`);

const CreateProperty = graphql(`
  mutation IsoCreateProperty($input: CreateContactPropertyInput!) {
    createContactProperty(input: $input) { __typename ... on ContactProperty { id key } ... on ValidationError { message } }
  }
`);
const CreateSegment = graphql(`
  mutation IsoCreateSegment($input: SegmentInput!) {
    createSegment(input: $input) { __typename ... on Segment { id } }
  }
`);
const CreateTopic = graphql(`
  mutation IsoCreateTopic($input: CreateTopicInput!) {
    createTopic(input: $input) { __typename ... on Topic { id } }
  }
`);
const CreateContact = graphql(`
  mutation IsoCreateContact($input: CreateContactInput!) {
    createContact(input: $input) {
      __typename
      ... on Contact { id email }
      ... on ValidationError { issues { path message } }
    }
  }
`);

async function seed(key: string, prefix: string): Promise<Fixture> {
  const { team } = await ok(roster, key, Team);
  const property = as((await ok(roster, key, CreateProperty, { input: { key: 'plan', type: 'STRING', fallbackValue: 'free' } })).createContactProperty, 'ContactProperty');
  await ok(roster, key, CreateProperty, { input: { key: `${prefix}_only`, type: 'NUMBER' } });
  const segment = as((await ok(roster, key, CreateSegment, { input: { name: `${prefix} segment` } })).createSegment, 'Segment');
  const topic = as((await ok(roster, key, CreateTopic, { input: { name: `${prefix} topic`, defaultSubscription: 'OPT_OUT' } })).createTopic, 'Topic');
  const email = `${prefix}-only@example.com`;
  const contact = as(
    (
      await ok(roster, key, CreateContact, {
        input: {
          email,
          firstName: `${prefix}first`,
          properties: { plan: 'pro' },
          segmentIds: [segment.id],
          topics: [{ id: topic.id, subscription: 'OPT_IN' }],
        },
      })
    ).createContact,
    'Contact',
  );
  const other = as(
    (await ok(roster, key, CreateContact, { input: { email: 'shared@example.com', segmentIds: [segment.id] } })).createContact,
    'Contact',
  );
  const { apiKeys } = await ok(roster, key, Keys);
  return {
    teamId: team.id,
    propertyId: property.id,
    segmentId: segment.id,
    topicId: topic.id,
    contactId: contact.id,
    otherContactId: other.id,
    email,
    apiKeyId: apiKeys[0]?.id ?? '',
  };
}

const TABLES = ['contact', 'contact_property', 'segment', 'topic', 'contact_segment', 'contact_topic', 'contact_event', 'api_key'];

/** Every row team A owns, in every table, as sorted JSON. */
async function snapshot(teamId: string): Promise<Record<string, string[]>> {
  const result: Record<string, string[]> = {};
  for (const table of TABLES) {
    const rows = await roster.query<{ row: string }>(`select row_to_json(t)::text as row from ${table} t where team_id = $1`, [teamId]);
    result[table] = rows.map((r) => r.row).sort();
  }
  return result;
}

let before: Record<string, string[]>;

beforeAll(async () => {
  roster = await startRoster();
  keyA = await roster.newKey('iso-a');
  keyB = await roster.newKey('iso-b');
  a = await seed(keyA, 'a');
  b = await seed(keyB, 'b');
  before = await snapshot(a.teamId);
  expect(before.contact).toHaveLength(2);
  expect(before.contact_segment).toHaveLength(2);
  expect(before.contact_topic).toHaveLength(1);
});
afterAll(() => roster.close());

const Contact = graphql(`
  query IsoContact($id: ID, $email: String) {
    contact(id: $id, email: $email) { id }
  }
`);
const Contacts = graphql(`
  query IsoContacts($filter: ContactFilter) {
    contacts(first: 10, filter: $filter) {
      totalCount
      edges {
        node {
          id email properties { key }
          segments(first: 10) { edges { node { id } } }
          topics(first: 10) { edges { node { id } } }
          history(first: 20) { edges { node { data } } }
        }
      }
    }
  }
`);
const Property = graphql(`
  query IsoProperty($id: ID, $key: String) { contactProperty(id: $id, key: $key) { id } }
`);
const Lists = graphql(`
  query IsoLists {
    contactProperties(first: 100) { edges { node { id } } }
    segments(first: 100) { edges { node { id contactCount } } }
    topics(first: 100) { edges { node { id } } }
    apiKeys { id }
    team { id }
  }
`);
const Segment = graphql(`query IsoSegment($id: ID!) { segment(id: $id) { id } }`);
const Topic = graphql(`query IsoTopic($id: ID!) { topic(id: $id) { id } }`);

describe('queries with team B’s key find nothing of team A', () => {
  it('contact by A’s id or A’s email is null', async () => {
    expect((await ok(roster, keyB, Contact, { id: a.contactId })).contact).toBeNull();
    expect((await ok(roster, keyB, Contact, { email: a.email })).contact).toBeNull();
    expect((await ok(roster, keyB, Contact, { email: a.email.toUpperCase() })).contact).toBeNull();
    // Same email in both teams: B sees its own contact.
    expect((await ok(roster, keyB, Contact, { email: 'shared@example.com' })).contact?.id).toBe(b.otherContactId);
  });

  it('contacts lists only B’s rows, with only B’s segments, topics, history and properties', async () => {
    const { contacts } = await ok(roster, keyB, Contacts, {});
    expect(contacts.totalCount).toBe(2);
    const ids = contacts.edges.map((e) => e.node.id);
    expect(ids.sort()).toEqual([b.contactId, b.otherContactId].sort());
    const text = JSON.stringify(contacts);
    for (const id of [a.contactId, a.otherContactId, a.segmentId, a.topicId]) expect(text).not.toContain(id);
    const mine = contacts.edges.find((e) => e.node.id === b.contactId)?.node;
    expect(mine?.topics.edges.map((e) => e.node.id)).toEqual([b.topicId]);
    expect(mine?.segments.edges.map((e) => e.node.id)).toEqual([b.segmentId]);
  });

  it.each([
    ['A’s segmentId', () => ({ segmentId: a.segmentId })],
    ['A’s topicId (opt-in)', () => ({ topicId: a.topicId })],
    ['A’s topicId (opt-out)', () => ({ topicId: a.topicId, topicSubscription: 'OPT_OUT' as const })],
    ['a search only A matches', () => ({ search: 'a-only' })],
    ['A’s first name', () => ({ search: 'afirst' })],
  ])('contacts filtered by %s is empty', async (_, filter) => {
    const { contacts } = await ok(roster, keyB, Contacts, { filter: filter() });
    expect(contacts.totalCount).toBe(0);
    expect(contacts.edges).toEqual([]);
  });

  it('contactProperty, segment and topic by A’s ids are null; by key only B’s own', async () => {
    expect((await ok(roster, keyB, Property, { id: a.propertyId })).contactProperty).toBeNull();
    expect((await ok(roster, keyB, Property, { key: 'a_only' })).contactProperty).toBeNull();
    expect((await ok(roster, keyB, Property, { key: 'plan' })).contactProperty?.id).toBe(b.propertyId);
    expect((await ok(roster, keyB, Segment, { id: a.segmentId })).segment).toBeNull();
    expect((await ok(roster, keyB, Topic, { id: a.topicId })).topic).toBeNull();
  });

  it('lists of properties, segments, topics and keys hold only B’s rows', async () => {
    const lists = await ok(roster, keyB, Lists);
    expect(lists.team.id).toBe(b.teamId);
    expect(lists.segments.edges.map((e) => e.node)).toEqual([{ id: b.segmentId, contactCount: 2 }]);
    expect(lists.topics.edges.map((e) => e.node.id)).toEqual([b.topicId]);
    expect(lists.contactProperties.edges).toHaveLength(2);
    expect(lists.contactProperties.edges.map((e) => e.node.id)).toContain(b.propertyId);
    expect(lists.apiKeys.map((k) => k.id)).toEqual([b.apiKeyId]);
    const text = JSON.stringify(lists);
    for (const id of Object.values(a)) expect(text).not.toContain(id);
  });
});

const UpdateContact = graphql(`
  mutation IsoUpdateContact($id: ID, $email: String, $input: UpdateContactInput!) {
    updateContact(id: $id, email: $email, input: $input) {
      __typename
      ... on Contact { id }
      ... on NotFoundError { resource }
      ... on ValidationError { issues { path } }
    }
  }
`);
const DeleteContact = graphql(`
  mutation IsoDeleteContact($id: ID, $email: String) {
    deleteContact(id: $id, email: $email) { __typename }
  }
`);
const AddContacts = graphql(`
  mutation IsoAddContacts($emails: String!, $segmentId: ID) {
    addContacts(emails: $emails, segmentId: $segmentId) {
      __typename
      ... on AddContactsResult { created { id email } existing { id } }
      ... on ValidationError { issues { path } }
    }
  }
`);
const AddToSegment = graphql(`
  mutation IsoAddToSegment($id: ID, $email: String, $segmentId: ID!) {
    addContactToSegment(id: $id, email: $email, segmentId: $segmentId) { __typename ... on NotFoundError { resource } }
  }
`);
const RemoveFromSegment = graphql(`
  mutation IsoRemoveFromSegment($id: ID, $email: String, $segmentId: ID!) {
    removeContactFromSegment(id: $id, email: $email, segmentId: $segmentId) { __typename ... on NotFoundError { resource } }
  }
`);
const UpdateTopics = graphql(`
  mutation IsoUpdateTopics($id: ID, $email: String, $topics: [TopicSubscriptionInput!]!) {
    updateContactTopics(id: $id, email: $email, topics: $topics) { __typename ... on NotFoundError { resource } }
  }
`);
const BulkAdd = graphql(`
  mutation IsoBulkAdd($target: ContactBulkTarget!, $segmentIds: [ID!]!) {
    bulkAddContactsToSegments(target: $target, segmentIds: $segmentIds) {
      __typename ... on BulkContactsResult { matched affected } ... on ValidationError { issues { path } }
    }
  }
`);
const BulkRemove = graphql(`
  mutation IsoBulkRemove($target: ContactBulkTarget!, $segmentIds: [ID!]!) {
    bulkRemoveContactsFromSegments(target: $target, segmentIds: $segmentIds) {
      __typename ... on BulkContactsResult { matched affected } ... on ValidationError { issues { path } }
    }
  }
`);
const BulkTopics = graphql(`
  mutation IsoBulkTopics($target: ContactBulkTarget!, $topicIds: [ID!]!, $subscription: SubscriptionStatus!) {
    bulkSetTopicSubscription(target: $target, topicIds: $topicIds, subscription: $subscription) {
      __typename ... on BulkContactsResult { matched affected } ... on ValidationError { issues { path } }
    }
  }
`);
const BulkDelete = graphql(`
  mutation IsoBulkDelete($target: ContactBulkTarget!) {
    bulkDeleteContacts(target: $target) { __typename ... on BulkContactsResult { matched affected } }
  }
`);
const UpdateProperty = graphql(`
  mutation IsoUpdateProperty($id: ID!, $input: UpdateContactPropertyInput!) {
    updateContactProperty(id: $id, input: $input) { __typename }
  }
`);
const DeleteProperty = graphql(`
  mutation IsoDeleteProperty($id: ID!) { deleteContactProperty(id: $id) { __typename } }
`);
const RenameSegment = graphql(`
  mutation IsoRenameSegment($id: ID!, $input: SegmentInput!) { renameSegment(id: $id, input: $input) { __typename } }
`);
const DeleteSegment = graphql(`
  mutation IsoDeleteSegment($id: ID!) { deleteSegment(id: $id) { __typename } }
`);
const UpdateTopic = graphql(`
  mutation IsoUpdateTopic($id: ID!, $input: UpdateTopicInput!) { updateTopic(id: $id, input: $input) { __typename } }
`);
const DeleteTopic = graphql(`
  mutation IsoDeleteTopic($id: ID!) { deleteTopic(id: $id) { __typename } }
`);
const RevokeKey = graphql(`
  mutation IsoRevokeKey($id: ID!) { revokeApiKey(id: $id) { __typename } }
`);

type Outcome = { __typename?: string; matched?: number; affected?: number } | null | undefined;

/** Each case aims one mutation of team B at team A's data, and names the result it must get. */
const mutations: [string, () => Promise<Outcome>, string | { matched: 0; affected: 0 }][] = [
  ['updateContact of A’s id', async () => (await ok(roster, keyB, UpdateContact, { id: a.contactId, input: { firstName: 'x' } })).updateContact, 'NotFoundError'],
  ['updateContact of A’s email', async () => (await ok(roster, keyB, UpdateContact, { email: a.email, input: { unsubscribed: true } })).updateContact, 'NotFoundError'],
  ['updateContact of B’s contact into A’s segment', async () => (await ok(roster, keyB, UpdateContact, { id: b.contactId, input: { segmentIds: [a.segmentId] } })).updateContact, 'ValidationError'],
  ['updateContact of B’s contact with A’s topic', async () => (await ok(roster, keyB, UpdateContact, { id: b.contactId, input: { topics: [{ id: a.topicId, subscription: 'OPT_OUT' }] } })).updateContact, 'ValidationError'],
  ['updateContact of B’s contact with A’s property key', async () => (await ok(roster, keyB, UpdateContact, { id: b.contactId, input: { properties: { a_only: 1 } } })).updateContact, 'ValidationError'],
  ['createContact into A’s segment', async () => (await ok(roster, keyB, CreateContact, { input: { email: 'new-b@example.com', segmentIds: [a.segmentId] } })).createContact, 'ValidationError'],
  ['createContact with A’s topic', async () => (await ok(roster, keyB, CreateContact, { input: { email: 'new-b@example.com', topics: [{ id: a.topicId, subscription: 'OPT_IN' }] } })).createContact, 'ValidationError'],
  ['createContact with A’s property key', async () => (await ok(roster, keyB, CreateContact, { input: { email: 'new-b@example.com', properties: { a_only: 3 } } })).createContact, 'ValidationError'],
  ['deleteContact of A’s id', async () => (await ok(roster, keyB, DeleteContact, { id: a.contactId })).deleteContact, 'NotFoundError'],
  ['deleteContact of A’s email', async () => (await ok(roster, keyB, DeleteContact, { email: a.email })).deleteContact, 'NotFoundError'],
  ['addContacts into A’s segment', async () => (await ok(roster, keyB, AddContacts, { emails: 'shared@example.com, new-b2@example.com', segmentId: a.segmentId })).addContacts, 'ValidationError'],
  ['addContactToSegment of A’s contact into B’s segment', async () => (await ok(roster, keyB, AddToSegment, { id: a.contactId, segmentId: b.segmentId })).addContactToSegment, 'NotFoundError'],
  ['addContactToSegment of A’s email', async () => (await ok(roster, keyB, AddToSegment, { email: a.email, segmentId: b.segmentId })).addContactToSegment, 'NotFoundError'],
  ['addContactToSegment of B’s contact into A’s segment', async () => (await ok(roster, keyB, AddToSegment, { id: b.contactId, segmentId: a.segmentId })).addContactToSegment, 'NotFoundError'],
  ['removeContactFromSegment of A’s contact', async () => (await ok(roster, keyB, RemoveFromSegment, { id: a.contactId, segmentId: a.segmentId })).removeContactFromSegment, 'NotFoundError'],
  ['removeContactFromSegment with A’s segment', async () => (await ok(roster, keyB, RemoveFromSegment, { email: 'shared@example.com', segmentId: a.segmentId })).removeContactFromSegment, 'NotFoundError'],
  ['updateContactTopics of A’s contact', async () => (await ok(roster, keyB, UpdateTopics, { id: a.contactId, topics: [{ id: b.topicId, subscription: 'OPT_OUT' }] })).updateContactTopics, 'NotFoundError'],
  ['updateContactTopics of A’s email', async () => (await ok(roster, keyB, UpdateTopics, { email: a.email, topics: [{ id: b.topicId, subscription: 'OPT_OUT' }] })).updateContactTopics, 'NotFoundError'],
  ['updateContactTopics with A’s topic', async () => (await ok(roster, keyB, UpdateTopics, { id: b.contactId, topics: [{ id: a.topicId, subscription: 'OPT_OUT' }] })).updateContactTopics, 'ValidationError'],
  ['bulkAddContactsToSegments of A’s ids', async () => (await ok(roster, keyB, BulkAdd, { target: { ids: [a.contactId, a.otherContactId] }, segmentIds: [b.segmentId] })).bulkAddContactsToSegments, { matched: 0, affected: 0 }],
  ['bulkAddContactsToSegments filtered by A’s segment', async () => (await ok(roster, keyB, BulkAdd, { target: { filter: { segmentId: a.segmentId } }, segmentIds: [b.segmentId] })).bulkAddContactsToSegments, { matched: 0, affected: 0 }],
  ['bulkAddContactsToSegments filtered by A’s topic', async () => (await ok(roster, keyB, BulkAdd, { target: { filter: { topicId: a.topicId } }, segmentIds: [b.segmentId] })).bulkAddContactsToSegments, { matched: 0, affected: 0 }],
  ['bulkAddContactsToSegments into A’s segment', async () => (await ok(roster, keyB, BulkAdd, { target: { ids: [b.contactId] }, segmentIds: [a.segmentId] })).bulkAddContactsToSegments, 'ValidationError'],
  ['bulkAddContactsToSegments of A’s ids into A’s segment', async () => (await ok(roster, keyB, BulkAdd, { target: { ids: [a.contactId] }, segmentIds: [b.segmentId, a.segmentId] })).bulkAddContactsToSegments, 'ValidationError'],
  ['bulkRemoveContactsFromSegments of A’s ids', async () => (await ok(roster, keyB, BulkRemove, { target: { ids: [a.contactId, a.otherContactId] }, segmentIds: [b.segmentId] })).bulkRemoveContactsFromSegments, { matched: 0, affected: 0 }],
  ['bulkRemoveContactsFromSegments filtered by A’s segment', async () => (await ok(roster, keyB, BulkRemove, { target: { filter: { segmentId: a.segmentId } }, segmentIds: [b.segmentId] })).bulkRemoveContactsFromSegments, { matched: 0, affected: 0 }],
  ['bulkRemoveContactsFromSegments from A’s segment', async () => (await ok(roster, keyB, BulkRemove, { target: { filter: {} }, segmentIds: [a.segmentId] })).bulkRemoveContactsFromSegments, 'ValidationError'],
  ['bulkSetTopicSubscription of A’s ids', async () => (await ok(roster, keyB, BulkTopics, { target: { ids: [a.contactId] }, topicIds: [b.topicId], subscription: 'OPT_IN' })).bulkSetTopicSubscription, { matched: 0, affected: 0 }],
  ['bulkSetTopicSubscription filtered by A’s topic', async () => (await ok(roster, keyB, BulkTopics, { target: { filter: { topicId: a.topicId } }, topicIds: [b.topicId], subscription: 'OPT_IN' })).bulkSetTopicSubscription, { matched: 0, affected: 0 }],
  ['bulkSetTopicSubscription filtered by a search only A matches', async () => (await ok(roster, keyB, BulkTopics, { target: { filter: { search: 'a-only' } }, topicIds: [b.topicId], subscription: 'OPT_IN' })).bulkSetTopicSubscription, { matched: 0, affected: 0 }],
  ['bulkSetTopicSubscription on A’s topic', async () => (await ok(roster, keyB, BulkTopics, { target: { filter: {} }, topicIds: [a.topicId], subscription: 'OPT_OUT' })).bulkSetTopicSubscription, 'ValidationError'],
  ['bulkDeleteContacts of A’s ids', async () => (await ok(roster, keyB, BulkDelete, { target: { ids: [a.contactId, a.otherContactId] } })).bulkDeleteContacts, { matched: 0, affected: 0 }],
  ['bulkDeleteContacts filtered by A’s segment', async () => (await ok(roster, keyB, BulkDelete, { target: { filter: { segmentId: a.segmentId } } })).bulkDeleteContacts, { matched: 0, affected: 0 }],
  ['bulkDeleteContacts filtered by A’s topic opt-out', async () => (await ok(roster, keyB, BulkDelete, { target: { filter: { topicId: a.topicId, topicSubscription: 'OPT_OUT' } } })).bulkDeleteContacts, { matched: 0, affected: 0 }],
  ['updateContactProperty of A’s property', async () => (await ok(roster, keyB, UpdateProperty, { id: a.propertyId, input: { fallbackValue: 'hacked' } })).updateContactProperty, 'NotFoundError'],
  ['deleteContactProperty of A’s property', async () => (await ok(roster, keyB, DeleteProperty, { id: a.propertyId })).deleteContactProperty, 'NotFoundError'],
  ['renameSegment of A’s segment', async () => (await ok(roster, keyB, RenameSegment, { id: a.segmentId, input: { name: 'hacked' } })).renameSegment, 'NotFoundError'],
  ['deleteSegment of A’s segment', async () => (await ok(roster, keyB, DeleteSegment, { id: a.segmentId })).deleteSegment, 'NotFoundError'],
  ['updateTopic of A’s topic', async () => (await ok(roster, keyB, UpdateTopic, { id: a.topicId, input: { name: 'hacked' } })).updateTopic, 'NotFoundError'],
  ['deleteTopic of A’s topic', async () => (await ok(roster, keyB, DeleteTopic, { id: a.topicId })).deleteTopic, 'NotFoundError'],
  ['revokeApiKey of A’s key', async () => (await ok(roster, keyB, RevokeKey, { id: a.apiKeyId })).revokeApiKey, 'NotFoundError'],
];

describe('mutations with team B’s key aimed at team A change nothing', () => {
  it.each(mutations)('%s', async (_, run, expected) => {
    const result = await run();
    if (typeof expected === 'string') expect(result?.__typename).toBe(expected);
    else expect(result).toMatchObject({ __typename: 'BulkContactsResult', ...expected });
    expect(await snapshot(a.teamId)).toEqual(before);
  });

  it('createContact with A’s email makes B’s own contact, never returns A’s', async () => {
    const created = as((await ok(roster, keyB, CreateContact, { input: { email: a.email } })).createContact, 'Contact');
    expect(created.id).not.toBe(a.contactId);
    const [row] = await roster.query<{ team_id: string }>('select team_id from contact where id = $1', [created.id]);
    expect(row?.team_id).toBe(b.teamId);
    expect(await snapshot(a.teamId)).toEqual(before);
  });

  it('addContacts with A’s emails creates B’s own contacts and reports none of A’s as existing', async () => {
    const result = as((await ok(roster, keyB, AddContacts, { emails: 'a2-only@example.com\nshared@example.com' })).addContacts, 'AddContactsResult');
    expect(result.created.map((c) => c.email)).toEqual(['a2-only@example.com']);
    expect(result.existing.map((c) => c.id)).toEqual([b.otherContactId]);
    expect(await snapshot(a.teamId)).toEqual(before);
  });

  it('createContactProperty with A’s key name is B’s own property', async () => {
    const created = as((await ok(roster, keyB, CreateProperty, { input: { key: 'a_only', type: 'BOOLEAN' } })).createContactProperty, 'ContactProperty');
    expect(created.id).not.toBe(a.propertyId);
    expect(await snapshot(a.teamId)).toEqual(before);
  });

  it('bulkDeleteContacts over B’s whole list (empty filter) deletes only B’s contacts', async () => {
    const result = as((await ok(roster, keyB, BulkDelete, { target: { filter: {} } })).bulkDeleteContacts, 'BulkContactsResult');
    expect(result.matched).toBeGreaterThanOrEqual(2);
    expect(await roster.query('select 1 from contact where team_id = $1', [b.teamId])).toEqual([]);
    expect(await snapshot(a.teamId)).toEqual(before);
  });

  it('team A still sees all of its data', async () => {
    const { contacts } = await ok(roster, keyA, Contacts, { filter: { segmentId: a.segmentId } });
    expect(contacts.edges.map((e) => e.node.id).sort()).toEqual([a.contactId, a.otherContactId].sort());
    const mine = contacts.edges.find((e) => e.node.id === a.contactId)?.node;
    expect(mine?.properties).toEqual([{ key: 'plan' }]);
    expect(mine?.topics.edges.map((e) => e.node.id)).toEqual([a.topicId]);
  });
});
