import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './gql';
import { type Roster, as, gql, ok, startRoster } from './harness';

let roster: Roster;
let key: string;
let otherKey: string;
beforeAll(async () => {
  roster = await startRoster();
  key = await roster.newKey('segments-a');
  otherKey = await roster.newKey('segments-b');
});
afterAll(() => roster.close());

const CreateSegment = graphql(`
  mutation SegmentsCreate($input: SegmentInput!) {
    createSegment(input: $input) {
      __typename
      ... on Segment { id name createdAt contactCount }
      ... on ValidationError { message issues { path message } }
    }
  }
`);

const GetSegment = graphql(`
  query SegmentsGet($id: ID!) {
    segment(id: $id) { id name createdAt contactCount }
  }
`);

const ListSegments = graphql(`
  query SegmentsList($first: Int, $after: String, $last: Int, $before: String) {
    segments(first: $first, after: $after, last: $last, before: $before) {
      edges { cursor node { id name createdAt } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }
`);

const RenameSegment = graphql(`
  mutation SegmentsRename($id: ID!, $input: SegmentInput!) {
    renameSegment(id: $id, input: $input) {
      __typename
      ... on Segment { id name }
      ... on ValidationError { issues { path message } }
      ... on NotFoundError { resource ref }
    }
  }
`);

const DeleteSegment = graphql(`
  mutation SegmentsDelete($id: ID!) {
    deleteSegment(id: $id) {
      __typename
      ... on Segment { id name }
      ... on NotFoundError { resource ref }
    }
  }
`);

const CreateContact = graphql(`
  mutation SegmentsCreateContact($input: CreateContactInput!) {
    createContact(input: $input) {
      __typename
      ... on Contact { id email }
      ... on ValidationError { issues { path message } }
    }
  }
`);

const AddToSegment = graphql(`
  mutation SegmentsAddContact($id: ID, $email: String, $segmentId: ID!) {
    addContactToSegment(id: $id, email: $email, segmentId: $segmentId) {
      __typename
      ... on Contact { id email segments { edges { node { id name } } } }
      ... on NotFoundError { resource ref }
      ... on ValidationError { issues { path message } }
    }
  }
`);

const RemoveFromSegment = graphql(`
  mutation SegmentsRemoveContact($id: ID, $email: String, $segmentId: ID!) {
    removeContactFromSegment(id: $id, email: $email, segmentId: $segmentId) {
      __typename
      ... on Contact { id email segments { edges { node { id } } } }
      ... on NotFoundError { resource ref }
      ... on ValidationError { issues { path message } }
    }
  }
`);

const ContactSegments = graphql(`
  query SegmentsContactSegments($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {
    contact(id: $id) {
      segments(first: $first, after: $after, last: $last, before: $before) {
        edges { cursor node { id name } }
        pageInfo { hasNextPage hasPreviousPage }
      }
    }
  }
`);

const ContactSegmentDates = graphql(`
  query SegmentsContactSegmentDates($id: ID!) {
    contact(id: $id) {
      segments {
        edges { node { id createdAt addedAt } }
        pageInfo { hasNextPage hasPreviousPage }
      }
    }
  }
`);

const ContactsInSegment = graphql(`
  query SegmentsContactsInSegment($segmentId: ID!) {
    contacts(filter: { segmentId: $segmentId }, first: 100) {
      totalCount
      edges { node { email } }
    }
  }
`);

async function newSegment(name: string, k = key) {
  return as((await ok(roster, k, CreateSegment, { input: { name } })).createSegment, 'Segment');
}

async function newContact(email: string) {
  return as((await ok(roster, key, CreateContact, { input: { email } })).createContact, 'Contact');
}

describe('createSegment', () => {
  it('creates a segment with a trimmed name and no contacts', async () => {
    const segment = await newSegment('  Newsletter  ');
    expect(segment).toMatchObject({ name: 'Newsletter', contactCount: 0 });
    expect(segment.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(Number.isNaN(Date.parse(segment.createdAt))).toBe(false);
    const [row] = await roster.query<{ name: string }>('select name from segment where id = $1', [segment.id]);
    expect(row?.name).toBe('Newsletter');
  });

  it.each([
    ['empty', ''],
    ['blank', '   '],
    ['too long', 'x'.repeat(101)],
    ['NUL-containing', 'a\u0000b'],
    ['unpaired-surrogate', 'a\ud800b'],
  ])('refuses a %s name with a ValidationError naming input.name', async (_, name) => {
    const result = as((await ok(roster, key, CreateSegment, { input: { name } })).createSegment, 'ValidationError');
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0]?.path).toEqual(['input', 'name']);
  });

  it('accepts exactly 100 characters', async () => {
    const segment = await newSegment('y'.repeat(100));
    expect(segment.name).toHaveLength(100);
  });
});

describe('segment and segments', () => {
  it('gets a segment, null for an unknown or garbage id or another team’s segment', async () => {
    const segment = await newSegment('VIP');
    const found = await ok(roster, key, GetSegment, { id: segment.id });
    expect(found.segment).toMatchObject({ id: segment.id, name: 'VIP', contactCount: 0 });
    expect((await ok(roster, key, GetSegment, { id: '0190a4b2-0000-7000-8000-000000000000' })).segment).toBeNull();
    expect((await ok(roster, key, GetSegment, { id: 'not-a-uuid' })).segment).toBeNull();
    expect((await ok(roster, otherKey, GetSegment, { id: segment.id })).segment).toBeNull();
  });

  it('lists newest first and pages forwards and backwards by keyset', async () => {
    const team = await roster.newKey('segments-paging');
    const made = [];
    for (const name of ['s1', 's2', 's3', 's4', 's5']) made.push(await newSegment(name, team));
    const all = await ok(roster, team, ListSegments, { first: 100 });
    expect(all.segments.edges.map((e) => e.node.name)).toEqual(['s5', 's4', 's3', 's2', 's1']);
    expect(all.segments.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });
    expect(all.segments.edges[0]?.node.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);

    const first = await ok(roster, team, ListSegments, { first: 2 });
    expect(first.segments.edges.map((e) => e.node.name)).toEqual(['s5', 's4']);
    expect(first.segments.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });

    const second = await ok(roster, team, ListSegments, { first: 2, after: first.segments.pageInfo.endCursor });
    expect(second.segments.edges.map((e) => e.node.name)).toEqual(['s3', 's2']);
    expect(second.segments.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });

    const third = await ok(roster, team, ListSegments, { first: 2, after: second.segments.pageInfo.endCursor });
    expect(third.segments.edges.map((e) => e.node.name)).toEqual(['s1']);
    expect(third.segments.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });

    const back = await ok(roster, team, ListSegments, { last: 2, before: third.segments.pageInfo.startCursor });
    expect(back.segments.edges.map((e) => e.node.name)).toEqual(['s3', 's2']);
    expect(back.segments.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });

    const newest = await ok(roster, team, ListSegments, { last: 2, before: back.segments.pageInfo.startCursor });
    expect(newest.segments.edges.map((e) => e.node.name)).toEqual(['s5', 's4']);
    expect(newest.segments.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });

    const tail = await ok(roster, team, ListSegments, { last: 2 });
    expect(tail.segments.edges.map((e) => e.node.name)).toEqual(['s2', 's1']);
    expect(tail.segments.pageInfo).toMatchObject({ hasPreviousPage: true });

    // Other teams see none of them.
    const other = await ok(roster, otherKey, ListSegments, { first: 100 });
    expect(other.segments.edges.map((e) => e.node.id)).not.toContain(made[0]?.id);
  });

  it('refuses a bad cursor or page size', async () => {
    const bad = await gql(roster, key, ListSegments, { after: 'nope' });
    expect(bad.errors?.[0]?.extensions?.code).toBe('VALIDATION');
    const big = await gql(roster, key, ListSegments, { first: 101 });
    expect(big.errors?.[0]?.extensions?.code).toBeDefined();
  });
});

describe('renameSegment and deleteSegment', () => {
  it('renames, trimming and validating the name', async () => {
    const segment = await newSegment('Old');
    const renamed = as((await ok(roster, key, RenameSegment, { id: segment.id, input: { name: ' New ' } })).renameSegment, 'Segment');
    expect(renamed).toMatchObject({ id: segment.id, name: 'New' });
    expect((await ok(roster, key, GetSegment, { id: segment.id })).segment?.name).toBe('New');
    const invalid = as((await ok(roster, key, RenameSegment, { id: segment.id, input: { name: '' } })).renameSegment, 'ValidationError');
    expect(invalid.issues[0]?.path).toEqual(['input', 'name']);
    const missing = as(
      (await ok(roster, key, RenameSegment, { id: '0190a4b2-0000-7000-8000-000000000000', input: { name: 'X' } })).renameSegment,
      'NotFoundError',
    );
    expect(missing.resource).toBe('Segment');
    const foreign = await ok(roster, otherKey, RenameSegment, { id: segment.id, input: { name: 'Stolen' } });
    as(foreign.renameSegment, 'NotFoundError');
    expect((await ok(roster, key, GetSegment, { id: segment.id })).segment?.name).toBe('New');
  });

  it('deletes a segment with its memberships; the contacts stay', async () => {
    const segment = await newSegment('Doomed');
    const contact = await newContact('doomed@example.com');
    as((await ok(roster, key, AddToSegment, { id: contact.id, segmentId: segment.id })).addContactToSegment, 'Contact');
    const deleted = as((await ok(roster, key, DeleteSegment, { id: segment.id })).deleteSegment, 'Segment');
    expect(deleted).toMatchObject({ id: segment.id, name: 'Doomed' });
    expect((await ok(roster, key, GetSegment, { id: segment.id })).segment).toBeNull();
    const memberships = await roster.query('select 1 from contact_segment where segment_id = $1', [segment.id]);
    expect(memberships).toHaveLength(0);
    const contacts = await roster.query('select 1 from contact where id = $1', [contact.id]);
    expect(contacts).toHaveLength(1);
    const again = as((await ok(roster, key, DeleteSegment, { id: segment.id })).deleteSegment, 'NotFoundError');
    expect(again).toMatchObject({ resource: 'Segment', ref: segment.id });
    as((await ok(roster, key, DeleteSegment, { id: 'garbage' })).deleteSegment, 'NotFoundError');
  });

  it('does not delete another team’s segment', async () => {
    const segment = await newSegment('Mine');
    as((await ok(roster, otherKey, DeleteSegment, { id: segment.id })).deleteSegment, 'NotFoundError');
    expect((await ok(roster, key, GetSegment, { id: segment.id })).segment).not.toBeNull();
  });
});

describe('membership', () => {
  it('adds and removes a contact by id and by email; contactCount follows', async () => {
    const segment = await newSegment('Members');
    const ann = await newContact('ann.members@example.com');
    const bob = await newContact('Bob.Members@example.com');

    const byId = as((await ok(roster, key, AddToSegment, { id: ann.id, segmentId: segment.id })).addContactToSegment, 'Contact');
    expect(byId.segments.edges.map((e) => e.node)).toEqual([{ id: segment.id, name: 'Members' }]);
    const byEmail = as((await ok(roster, key, AddToSegment, { email: 'bob.members@EXAMPLE.com', segmentId: segment.id })).addContactToSegment, 'Contact');
    expect(byEmail.id).toBe(bob.id);
    expect(byEmail.segments.edges.map((e) => e.node.id)).toEqual([segment.id]);

    // Adding twice is harmless.
    as((await ok(roster, key, AddToSegment, { id: ann.id, segmentId: segment.id })).addContactToSegment, 'Contact');
    expect((await ok(roster, key, GetSegment, { id: segment.id })).segment?.contactCount).toBe(2);
    const rows = await roster.query('select 1 from contact_segment where segment_id = $1', [segment.id]);
    expect(rows).toHaveLength(2);

    const inSegment = await ok(roster, key, ContactsInSegment, { segmentId: segment.id });
    expect(inSegment.contacts.totalCount).toBe(2);
    expect(inSegment.contacts.edges.map((e) => e.node.email)).toEqual(['Bob.Members@example.com', 'ann.members@example.com']);

    const removed = as((await ok(roster, key, RemoveFromSegment, { email: 'ann.members@example.com', segmentId: segment.id })).removeContactFromSegment, 'Contact');
    expect(removed.segments.edges).toEqual([]);
    const removedById = as((await ok(roster, key, RemoveFromSegment, { id: bob.id, segmentId: segment.id })).removeContactFromSegment, 'Contact');
    expect(removedById.segments.edges).toEqual([]);
    // Removing again is harmless too.
    as((await ok(roster, key, RemoveFromSegment, { id: bob.id, segmentId: segment.id })).removeContactFromSegment, 'Contact');
    expect((await ok(roster, key, GetSegment, { id: segment.id })).segment?.contactCount).toBe(0);
    expect((await ok(roster, key, ContactsInSegment, { segmentId: segment.id })).contacts.totalCount).toBe(0);
  });

  it('answers NotFoundError for an unknown contact or segment', async () => {
    const segment = await newSegment('Lookups');
    const contact = await newContact('lookups@example.com');
    const unknownId = '0190a4b2-0000-7000-8000-000000000000';
    type Ref = { id?: string; email?: string };
    const add = async (ref: Ref, segmentId: string) => (await ok(roster, key, AddToSegment, { ...ref, segmentId })).addContactToSegment;
    const remove = async (ref: Ref, segmentId: string) => (await ok(roster, key, RemoveFromSegment, { ...ref, segmentId })).removeContactFromSegment;
    for (const action of [add, remove]) {
      expect(as(await action({ email: 'nobody@example.com' }, segment.id), 'NotFoundError')).toMatchObject({ resource: 'Contact', ref: 'nobody@example.com' });
      expect(as(await action({ id: unknownId }, segment.id), 'NotFoundError')).toMatchObject({ resource: 'Contact', ref: unknownId });
      expect(as(await action({ id: contact.id }, unknownId), 'NotFoundError')).toMatchObject({ resource: 'Segment', ref: unknownId });
      expect(as(await action({ id: contact.id }, 'garbage'), 'NotFoundError')).toMatchObject({ resource: 'Segment' });
    }
    // Another team's segment is unknown to this team.
    const foreign = await newSegment('Foreign', otherKey);
    as((await ok(roster, key, AddToSegment, { id: contact.id, segmentId: foreign.id })).addContactToSegment, 'NotFoundError');
    expect(await roster.query('select 1 from contact_segment where segment_id = $1', [foreign.id])).toHaveLength(0);
  });

  it('asks for the contact id or email', async () => {
    const segment = await newSegment('Nameless');
    const result = await ok(roster, key, AddToSegment, { segmentId: segment.id });
    expect(as(result.addContactToSegment, 'ValidationError').issues[0]?.path).toEqual(['id']);
  });

  it('pages contact.segments newest first with addedAt', async () => {
    const contact = await newContact('many.segments@example.com');
    const segments = [];
    for (const name of ['m1', 'm2', 'm3']) {
      const segment = await newSegment(name);
      segments.push(segment);
      await ok(roster, key, AddToSegment, { id: contact.id, segmentId: segment.id });
    }
    const all = await ok(roster, key, ContactSegments, { id: contact.id });
    expect(all.contact?.segments.edges.map((e) => e.node.name)).toEqual(['m3', 'm2', 'm1']);
    const page = await ok(roster, key, ContactSegments, { id: contact.id, first: 2 });
    expect(page.contact?.segments.edges.map((e) => e.node.name)).toEqual(['m3', 'm2']);
    expect(page.contact?.segments.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const next = await ok(roster, key, ContactSegments, { id: contact.id, first: 2, after: page.contact?.segments.edges.at(-1)?.cursor });
    expect(next.contact?.segments.edges.map((e) => e.node.name)).toEqual(['m1']);
    expect(next.contact?.segments.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    const back = await ok(roster, key, ContactSegments, { id: contact.id, last: 1, before: next.contact?.segments.edges[0]?.cursor });
    expect(back.contact?.segments.edges.map((e) => e.node.name)).toEqual(['m2']);
  });

  it('shows when the segment was created and when the contact joined it', async () => {
    const contact = await newContact('dates.segments@example.com');
    const segment = await newSegment('Dated');
    await ok(roster, key, AddToSegment, { id: contact.id, segmentId: segment.id });
    const result = await ok(roster, key, ContactSegmentDates, { id: contact.id });
    const node = result.contact?.segments.edges[0]?.node;
    expect(node?.createdAt).toBe(segment.createdAt);
    expect(Date.parse(node?.addedAt ?? '')).toBeGreaterThanOrEqual(Date.parse(segment.createdAt));
  });

  it('contacts(filter: {segmentId}) of an unknown segment is empty', async () => {
    const result = await ok(roster, key, ContactsInSegment, { segmentId: '0190a4b2-0000-7000-8000-000000000000' });
    expect(result.contacts).toMatchObject({ totalCount: 0, edges: [] });
  });
});
