import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './gql';
import { type Roster, as, ok, startRoster } from './harness';

let roster: Roster;
let key: string;

const Add = graphql(`
  mutation AddContactsAdd($emails: String!, $segmentId: ID) {
    addContacts(emails: $emails, segmentId: $segmentId) {
      __typename
      ... on AddContactsResult {
        createdCount
        created { id email }
        existing { id email }
        invalid { email reason }
      }
      ... on ValidationError { message issues { path message } }
    }
  }
`);

const Create = graphql(`
  mutation AddContactsCreate($email: String!) {
    createContact(input: { email: $email }) { __typename ... on Contact { id email source } }
  }
`);

const Get = graphql(`
  query AddContactsGet($email: String!) {
    contact(email: $email) { id email source firstName segments { edges { node { id } } } }
  }
`);

const CreateSegment = graphql(`
  mutation AddContactsCreateSegment($name: String!) {
    createSegment(input: { name: $name }) { __typename ... on Segment { id } }
  }
`);

const SegmentCount = graphql(`
  query AddContactsSegmentCount($id: ID!, $filter: ContactFilter) {
    segment(id: $id) { contactCount }
    contacts(filter: $filter) { totalCount }
  }
`);

async function add(emails: string, segmentId?: string, k = key) {
  return (await ok(roster, k, Add, { emails, segmentId })).addContacts;
}

beforeAll(async () => {
  roster = await startRoster();
  key = await roster.newKey();
});
afterAll(() => roster.close());

describe('addContacts', () => {
  it('splits on commas, semicolons and new lines, skipping blanks and duplicates', async () => {
    const result = as(await add('a1@example.com, a2@example.com;a3@example.com\na4@example.com\r\n\n ,; A1@EXAMPLE.COM ,a2@example.com'), 'AddContactsResult');
    expect(result.createdCount).toBe(4);
    expect(result.created.map((c) => c.email).sort()).toEqual(['a1@example.com', 'a2@example.com', 'a3@example.com', 'a4@example.com']);
    expect(result.existing).toEqual([]);
    expect(result.invalid).toEqual([]);
    const rows = await roster.query<{ id: string; email: string; source: string }>(
      "select id, email, source from contact where email like 'a_@example.com' order by email",
    );
    expect(rows.map((r) => r.email)).toEqual(['a1@example.com', 'a2@example.com', 'a3@example.com', 'a4@example.com']);
    expect(new Set(rows.map((r) => r.source))).toEqual(new Set(['manual']));
    expect(rows.map((r) => r.id).sort()).toEqual(result.created.map((c) => c.id).sort());
  });

  it('marks created contacts MANUAL and API-created ones API', async () => {
    const manual = as(await add('manual@example.com'), 'AddContactsResult');
    expect((await ok(roster, key, Get, { email: 'manual@example.com' })).contact).toMatchObject({ id: manual.created[0]?.id, source: 'MANUAL' });
    const api = as((await ok(roster, key, Create, { email: 'api@example.com' })).createContact, 'Contact');
    expect(api.source).toBe('API');
    const events = await roster.query('select type, source from contact_event where contact_id = $1', [manual.created[0]?.id]);
    expect(events).toEqual([{ type: 'created', source: 'manual' }]);
  });

  it('separates created, existing (in any case) and invalid emails with the reason', async () => {
    const before = as((await ok(roster, key, Create, { email: 'Known@Example.com' })).createContact, 'Contact');
    const result = as(await add('new1@example.com, known@EXAMPLE.com, not-an-email, a b@example.com, "q"@example.com, x@localhost'), 'AddContactsResult');
    expect(result.created.map((c) => c.email)).toEqual(['new1@example.com']);
    expect(result.existing).toEqual([{ id: before.id, email: 'Known@Example.com' }]);
    expect(result.invalid).toEqual([
      { email: 'not-an-email', reason: 'Email has no @' },
      { email: 'a b@example.com', reason: 'Email contains a space' },
      { email: '"q"@example.com', reason: 'The part before the @ contains a character that is not allowed' },
      { email: 'x@localhost', reason: 'The domain has no dot' },
    ]);
    // The existing contact is left as it was.
    const rows = await roster.query("select email, source from contact where lower(email) = 'known@example.com'");
    expect(rows).toEqual([{ email: 'Known@Example.com', source: 'api' }]);
    expect(await roster.query("select 1 from contact where email in ('not-an-email', 'x@localhost')")).toEqual([]);
  });

  it('reports only invalid emails when none is valid', async () => {
    const result = as(await add('nope\nstill nope'), 'AddContactsResult');
    expect(result).toMatchObject({ createdCount: 0, created: [], existing: [] });
    expect(result.invalid.map((i) => i.email)).toEqual(['nope', 'still nope']);
  });

  it('refuses an input without any email', async () => {
    for (const emails of ['', '  ', ' , ;\n\r\n']) {
      const result = as(await add(emails), 'ValidationError');
      expect(result.issues).toEqual([{ path: ['emails'], message: 'Enter at least one email' }]);
    }
  });

  it('adds created and existing contacts to the segment', async () => {
    const segment = as((await ok(roster, key, CreateSegment, { name: 'Manual' })).createSegment, 'Segment').id;
    const existing = as((await ok(roster, key, Create, { email: 'already@example.com' })).createContact, 'Contact');
    const result = as(await add('seg1@example.com; ALREADY@example.com; bad', segment), 'AddContactsResult');
    expect(result.created.map((c) => c.email)).toEqual(['seg1@example.com']);
    expect(result.existing.map((c) => c.id)).toEqual([existing.id]);
    const members = await roster.query<{ contact_id: string }>('select contact_id from contact_segment where segment_id = $1', [segment]);
    expect(members.map((m) => m.contact_id).sort()).toEqual([existing.id, result.created[0]?.id].sort());
    const counts = await ok(roster, key, SegmentCount, { id: segment, filter: { segmentId: segment } });
    expect(counts.segment?.contactCount).toBe(2);
    expect(counts.contacts.totalCount).toBe(2);
    // Adding the same people again changes nothing.
    const again = as(await add('seg1@example.com, already@example.com', segment), 'AddContactsResult');
    expect(again.created).toEqual([]);
    expect(again.existing).toHaveLength(2);
    expect(await roster.query('select 1 from contact_segment where segment_id = $1', [segment])).toHaveLength(2);
  });

  it('refuses an unknown or malformed segment and creates nothing', async () => {
    for (const segmentId of [randomUUID(), 'garbage']) {
      const result = as(await add('orphan@example.com', segmentId), 'ValidationError');
      expect(result.issues).toEqual([{ path: ['segmentId'], message: `No segment has the id ${segmentId}` }]);
    }
    const other = await roster.newKey('team-other');
    const theirs = as((await ok(roster, other, CreateSegment, { name: 'Theirs' })).createSegment, 'Segment').id;
    expect(as(await add('orphan@example.com', theirs), 'ValidationError').issues[0]?.path).toEqual(['segmentId']);
    expect(await roster.query("select 1 from contact where email = 'orphan@example.com'")).toEqual([]);
  });

  it('keeps teams apart', async () => {
    const other = await roster.newKey('team-apart');
    as(await add('shared@example.com'), 'AddContactsResult');
    const theirs = as(await add('shared@example.com', undefined, other), 'AddContactsResult');
    expect(theirs.created.map((c) => c.email)).toEqual(['shared@example.com']);
    expect(await roster.query("select 1 from contact where email = 'shared@example.com'")).toHaveLength(2);
  });
});
