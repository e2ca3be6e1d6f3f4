import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './gql';
import { type Roster, as, gql, ok, startRoster } from './harness';

let roster: Roster;
let key: string;
let segmentA: string;
let segmentB: string;
let topicIn: string;
let topicOut: string;

graphql(`
  fragment ContactsContactFields on Contact {
    id
    email
    firstName
    lastName
    unsubscribed
    source
    createdAt
    updatedAt
    properties { key type value }
    segments { edges { node { id name } } }
    topics { edges { node { id name subscription defaultSubscription explicit } } }
  }
`);

const Create = graphql(`
  mutation ContactsCreate($input: CreateContactInput!) {
    createContact(input: $input) {
      __typename
      ... on Contact { ...ContactsContactFields }
      ... on ValidationError { message issues { path message } }
    }
  }
`);

const Get = graphql(`
  query ContactsGet($id: ID, $email: String) {
    contact(id: $id, email: $email) { ...ContactsContactFields }
  }
`);

const List = graphql(`
  query ContactsList($first: Int, $after: String, $last: Int, $before: String, $filter: ContactFilter) {
    contacts(first: $first, after: $after, last: $last, before: $before, filter: $filter) {
      totalCount
      edges { cursor node { id email firstName lastName } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }
`);

const Update = graphql(`
  mutation ContactsUpdate($id: ID, $email: String, $input: UpdateContactInput!) {
    updateContact(id: $id, email: $email, input: $input) {
      __typename
      ... on Contact { ...ContactsContactFields }
      ... on ValidationError { issues { path message } }
      ... on NotFoundError { message resource ref }
    }
  }
`);

const Delete = graphql(`
  mutation ContactsDelete($id: ID, $email: String) {
    deleteContact(id: $id, email: $email) {
      __typename
      ... on Contact { id email }
      ... on ValidationError { issues { path message } }
      ... on NotFoundError { message resource ref }
    }
  }
`);

const CreateSegment = graphql(`
  mutation ContactsCreateSegment($name: String!) {
    createSegment(input: { name: $name }) { __typename ... on Segment { id } }
  }
`);

const CreateTopic = graphql(`
  mutation ContactsCreateTopic($input: CreateTopicInput!) {
    createTopic(input: $input) { __typename ... on Topic { id } }
  }
`);

const CreateProperty = graphql(`
  mutation ContactsCreateProperty($input: CreateContactPropertyInput!) {
    createContactProperty(input: $input) { __typename ... on ContactProperty { id } }
  }
`);

async function segment(k: string, name: string): Promise<string> {
  return as((await ok(roster, k, CreateSegment, { name })).createSegment, 'Segment').id;
}

async function topic(k: string, name: string, defaultSubscription: 'OPT_IN' | 'OPT_OUT'): Promise<string> {
  return as((await ok(roster, k, CreateTopic, { input: { name, defaultSubscription } })).createTopic, 'Topic').id;
}

async function create(input: Parameters<typeof createRaw>[0], k = key) {
  return as(await createRaw(input, k), 'Contact');
}

async function createRaw(input: { email: string } & Record<string, unknown>, k = key) {
  return (await ok(roster, k, Create, { input })).createContact;
}

/** Creates the contact and returns the ValidationError's issues. */
async function refused(input: { email: string } & Record<string, unknown>) {
  return as(await createRaw(input), 'ValidationError').issues;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  roster = await startRoster();
  key = await roster.newKey();
  segmentA = await segment(key, 'Customers');
  segmentB = await segment(key, 'Leads');
  topicIn = await topic(key, 'Product news', 'OPT_IN');
  topicOut = await topic(key, 'Weekly digest', 'OPT_OUT');
  for (const [k, type] of [
    ['company', 'STRING'],
    ['seats', 'NUMBER'],
    ['vip', 'BOOLEAN'],
  ] as const) {
    as((await ok(roster, key, CreateProperty, { input: { key: k, type } })).createContactProperty, 'ContactProperty');
  }
});
afterAll(() => roster.close());

describe('createContact', () => {
  it('creates a contact with every field and stores it', async () => {
    const contact = await create({
      email: 'full@example.com',
      firstName: 'Ann',
      lastName: 'Lee',
      unsubscribed: true,
      properties: { company: 'Acme', seats: 12, vip: true },
      segmentIds: [segmentA, segmentB],
      topics: [{ id: topicOut, subscription: 'OPT_IN' }],
    });
    expect(contact).toMatchObject({ email: 'full@example.com', firstName: 'Ann', lastName: 'Lee', unsubscribed: true, source: 'API' });
    expect(contact.properties).toEqual(
      expect.arrayContaining([
        { key: 'company', type: 'STRING', value: 'Acme' },
        { key: 'seats', type: 'NUMBER', value: 12 },
        { key: 'vip', type: 'BOOLEAN', value: true },
      ]),
    );
    expect(contact.properties).toHaveLength(3);
    expect(contact.segments.edges.map((e) => e.node.id).sort()).toEqual([segmentA, segmentB].sort());
    const topics = Object.fromEntries(contact.topics.edges.map((e) => [e.node.id, e.node]));
    expect(topics[topicOut]).toMatchObject({ subscription: 'OPT_IN', defaultSubscription: 'OPT_OUT', explicit: true });
    expect(topics[topicIn]).toMatchObject({ subscription: 'OPT_IN', defaultSubscription: 'OPT_IN', explicit: false });

    const [row] = await roster.query<{ email: string; first_name: string; last_name: string; unsubscribed: boolean; properties: unknown; source: string }>(
      'select email, first_name, last_name, unsubscribed, properties, source from contact where id = $1',
      [contact.id],
    );
    expect(row).toEqual({
      email: 'full@example.com',
      first_name: 'Ann',
      last_name: 'Lee',
      unsubscribed: true,
      properties: { company: 'Acme', seats: 12, vip: true },
      source: 'api',
    });
    const memberships = await roster.query<{ segment_id: string }>('select segment_id from contact_segment where contact_id = $1', [contact.id]);
    expect(memberships.map((m) => m.segment_id).sort()).toEqual([segmentA, segmentB].sort());
    const subscriptions = await roster.query('select topic_id, subscription from contact_topic where contact_id = $1', [contact.id]);
    expect(subscriptions).toEqual([{ topic_id: topicOut, subscription: 'opt_in' }]);
  });

  it('creates a minimal contact with defaults', async () => {
    const contact = await create({ email: 'min@example.com' });
    expect(contact).toMatchObject({ firstName: null, lastName: null, unsubscribed: false, properties: [], source: 'API' });
    expect(contact.segments.edges).toEqual([]);
    expect(contact.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('trims the email and keeps its case as given', async () => {
    const contact = await create({ email: '  Mixed.Case@Example.COM \n', firstName: '  Bo  ' });
    expect(contact.email).toBe('Mixed.Case@Example.COM');
    expect(contact.firstName).toBe('Bo');
    const [row] = await roster.query<{ email: string }>('select email from contact where id = $1', [contact.id]);
    expect(row?.email).toBe('Mixed.Case@Example.COM');
  });

  it('returns the existing contact unchanged for the same email in another case', async () => {
    const first = await create({ email: 'dup@example.com', firstName: 'Original' });
    const second = await create({ email: ' DUP@Example.com ', firstName: 'Changed', unsubscribed: true, segmentIds: [segmentA] });
    expect(second.id).toBe(first.id);
    expect(second).toMatchObject({ email: 'dup@example.com', firstName: 'Original', unsubscribed: false });
    expect(second.segments.edges).toEqual([]);
    const rows = await roster.query('select id, first_name from contact where lower(email) = $1', ['dup@example.com']);
    expect(rows).toEqual([{ id: first.id, first_name: 'Original' }]);
  });

  it('treats empty names as absent', async () => {
    const contact = await create({ email: 'blank-names@example.com', firstName: '   ', lastName: '' });
    expect(contact).toMatchObject({ firstName: null, lastName: null });
  });

  it.each([
    ['no @', 'plainaddress', 'Email has no @'],
    ['a space', 'a b@example.com', 'Email contains a space'],
    ['a quoted local part', '"ann"@example.com', 'The part before the @ contains a character that is not allowed'],
    ['a local part of 65 characters', `${'a'.repeat(65)}@example.com`, 'The part before the @ is longer than 64 characters'],
    ['more than 254 characters', `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(60)}.com`, 'Email is longer than 254 characters'],
    ['a domain without a dot', 'ann@localhost', 'The domain has no dot'],
    ['nothing', '   ', 'Email is empty'],
  ])('refuses an email with %s', async (_, email, message) => {
    expect(await refused({ email })).toEqual([{ path: ['input', 'email'], message }]);
    expect(await roster.query('select 1 from contact where email = $1', [email.trim()])).toEqual([]);
  });

  it('accepts the longest allowed local part', async () => {
    const contact = await create({ email: `${'a'.repeat(64)}@example.com` });
    expect(contact.email).toHaveLength(64 + 12);
  });

  it('refuses an unknown property key', async () => {
    const issues = await refused({ email: 'p1@example.com', properties: { plan: 'pro' } });
    expect(issues).toEqual([{ path: ['input', 'properties', 'plan'], message: expect.stringContaining('plan') }]);
  });

  it.each([
    ['company', 42, 'Must be a string'],
    ['seats', '12', 'Must be a number'],
    ['vip', 'yes', 'Must be a boolean'],
    ['seats', true, 'Must be a number'],
  ])('refuses a value of the wrong type for %s (%j)', async (property, value, message) => {
    const issues = await refused({ email: 'p2@example.com', properties: { [property]: value } });
    expect(issues).toEqual([{ path: ['input', 'properties', property], message: expect.stringContaining(message) }]);
  });

  it('refuses properties that are not an object of scalars', async () => {
    expect((await refused({ email: 'p3@example.com', properties: ['a'] }))[0]?.path).toEqual(['input', 'properties']);
    expect((await refused({ email: 'p3@example.com', properties: { company: { nested: 1 } } }))[0]?.path).toEqual(['input', 'properties', 'company']);
    expect(await roster.query("select 1 from contact where email = 'p3@example.com'")).toEqual([]);
  });

  it('reports every bad field at once', async () => {
    const issues = await refused({ email: 'p4@example.com', properties: { nope: 1, seats: 'x' }, segmentIds: [randomUUID()] });
    expect(issues.map((i) => i.path)).toEqual([
      ['input', 'properties', 'nope'],
      ['input', 'properties', 'seats'],
      ['input', 'segmentIds', '0'],
    ]);
  });

  it('refuses unknown segment and topic ids', async () => {
    const missing = randomUUID();
    expect(await refused({ email: 's1@example.com', segmentIds: [segmentA, missing] })).toEqual([
      { path: ['input', 'segmentIds', '1'], message: `No segment has the id ${missing}` },
    ]);
    expect(await refused({ email: 's1@example.com', topics: [{ id: missing, subscription: 'OPT_IN' }] })).toEqual([
      { path: ['input', 'topics', '0', 'id'], message: `No topic has the id ${missing}` },
    ]);
    expect((await refused({ email: 's1@example.com', segmentIds: ['not-a-uuid'] }))[0]?.path).toEqual(['input', 'segmentIds', '0']);
    expect(await roster.query("select 1 from contact where email = 's1@example.com'")).toEqual([]);
  });

  it("refuses another team's segment", async () => {
    const other = await roster.newKey('team-other');
    const theirs = await segment(other, 'Theirs');
    expect((await refused({ email: 's2@example.com', segmentIds: [theirs] }))[0]?.path).toEqual(['input', 'segmentIds', '0']);
  });

  it('refuses names longer than 255 characters', async () => {
    expect(await refused({ email: 'n@example.com', firstName: 'x'.repeat(256), lastName: 'y'.repeat(256) })).toEqual([
      { path: ['input', 'firstName'], message: 'Must be at most 255 characters' },
      { path: ['input', 'lastName'], message: 'Must be at most 255 characters' },
    ]);
    expect((await create({ email: 'n255@example.com', firstName: 'x'.repeat(255) })).firstName).toHaveLength(255);
  });

  it('refuses text PostgreSQL cannot store instead of failing', async () => {
    const message = 'Must not contain NUL characters or unpaired surrogates';
    expect(await refused({ email: 'nul@example.com', firstName: 'a\u0000b' })).toEqual([{ path: ['input', 'firstName'], message }]);
    const inProperty = [{ path: ['input', 'properties', 'company'], message: expect.stringContaining(message) }];
    expect(await refused({ email: 'nul@example.com', properties: { company: 'x\u0000' } })).toEqual(inProperty);
    expect(await refused({ email: 'nul@example.com', properties: { company: 'x\ud800' } })).toEqual(inProperty);
    expect(await roster.query("select 1 from contact where email = 'nul@example.com'")).toEqual([]);
    expect((await create({ email: 'emoji@example.com', firstName: 'Ann 🎉', properties: { company: '😀 Inc' } })).firstName).toBe('Ann 🎉');
  });

  it('keeps the last choice when a topic is listed twice', async () => {
    const contact = await create({
      email: 'twice@example.com',
      topics: [
        { id: topicIn, subscription: 'OPT_IN' },
        { id: topicIn, subscription: 'OPT_OUT' },
      ],
      segmentIds: [segmentA, segmentA],
    });
    expect(contact.topics.edges.find((e) => e.node.id === topicIn)?.node).toMatchObject({ subscription: 'OPT_OUT', explicit: true });
    expect(contact.segments.edges.map((e) => e.node.id)).toEqual([segmentA]);
  });
});

describe('contact', () => {
  it('finds a contact by id and by email in any case', async () => {
    const created = await create({ email: 'Find.Me@Example.com', firstName: 'Fin' });
    const byId = (await ok(roster, key, Get, { id: created.id })).contact;
    expect(byId).toMatchObject({ id: created.id, email: 'Find.Me@Example.com', firstName: 'Fin' });
    for (const email of ['find.me@example.com', 'FIND.ME@EXAMPLE.COM', '  Find.Me@Example.com ']) {
      expect((await ok(roster, key, Get, { email })).contact?.id).toBe(created.id);
    }
  });

  it('answers null for unknown or garbage ids and emails', async () => {
    const refs: { id?: string; email?: string }[] = [{ id: randomUUID() }, { id: 'garbage' }, { id: "1' or '1'='1" }, { email: 'nobody@example.com' }, { email: '' }, {}];
    for (const variables of refs) {
      const result = await gql(roster, key, Get, variables);
      expect(result.errors).toBeUndefined();
      expect(result.data?.contact).toBeNull();
    }
  });

  it("never shows another team's contact", async () => {
    const other = await roster.newKey('team-peek');
    const theirs = await create({ email: 'secret@example.com' }, other);
    expect((await ok(roster, key, Get, { id: theirs.id })).contact).toBeNull();
    expect((await ok(roster, key, Get, { email: 'secret@example.com' })).contact).toBeNull();
    // The same email is a separate contact in another team.
    const mine = await create({ email: 'secret@example.com' });
    expect(mine.id).not.toBe(theirs.id);
  });

  it('lists every topic of the team with the effective subscription', async () => {
    const contact = await create({ email: 'topics@example.com', topics: [{ id: topicIn, subscription: 'OPT_OUT' }] });
    const fetched = (await ok(roster, key, Get, { id: contact.id })).contact;
    const topics = fetched?.topics.edges.map((e) => e.node);
    expect(topics).toHaveLength(2);
    expect(topics).toEqual(
      expect.arrayContaining([
        { id: topicIn, name: 'Product news', subscription: 'OPT_OUT', defaultSubscription: 'OPT_IN', explicit: true },
        { id: topicOut, name: 'Weekly digest', subscription: 'OPT_OUT', defaultSubscription: 'OPT_OUT', explicit: false },
      ]),
    );
  });
});

describe('contacts', () => {
  let listKey: string;
  const emails: string[] = [];
  let ids: string[] = [];

  beforeAll(async () => {
    listKey = await roster.newKey('team-list');
    const people = [
      ['zoe@alpha.com', 'Zoe', 'Zimmer'],
      ['max@beta.com', 'Max', 'Alpha'],
      ['alpha.one@gamma.com', 'Ann', 'Young'],
      ['bob@delta.com', 'Alphonse', 'Brown'],
      ['100%_real@percent.com', 'Per', 'Cent'],
      ['1000_real@percent.com', 'Perc', 'Ent'],
      ['eve@epsilon.com', null, null],
      ['emile@zeta.com', 'Émile', 'Ödegaard'],
    ] as const;
    for (const [email, firstName, lastName] of people) {
      await create({ email, firstName, lastName }, listKey);
      emails.push(email);
      await sleep(2); // ids order by millisecond; keep creation order unambiguous
    }
    const rows = await roster.query<{ id: string }>(
      "select c.id from contact c join team t on t.id = c.team_id where t.name = 'team-list' order by c.created_at desc",
    );
    ids = rows.map((r) => r.id);
  });

  it('lists newest first with a total count', async () => {
    const { contacts } = await ok(roster, listKey, List, { first: null });
    expect(contacts.edges.map((e) => e.node.email)).toEqual([...emails].reverse());
    expect(contacts.edges.map((e) => e.node.id)).toEqual(ids);
    expect(contacts.totalCount).toBe(8);
    expect(contacts.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });
  });

  it('pages forward with first/after without gaps or duplicates', async () => {
    const seen: string[] = [];
    const flags: boolean[] = [];
    let after: string | null = null;
    for (let page = 0; page < 5; page++) {
      const { contacts }: { contacts: { edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor?: string | null } } } = await ok(
        roster,
        listKey,
        List,
        { first: 3, after },
      );
      seen.push(...contacts.edges.map((e) => e.node.id));
      flags.push(contacts.pageInfo.hasNextPage);
      if (!contacts.pageInfo.hasNextPage) break;
      after = contacts.pageInfo.endCursor ?? null;
    }
    expect(seen).toEqual(ids);
    expect(flags).toEqual([true, true, false]);
    expect(new Set(seen).size).toBe(8);
  });

  it('reports the last page exactly when it ends on the page size', async () => {
    const first = (await ok(roster, listKey, List, { first: 4 })).contacts;
    const second = (await ok(roster, listKey, List, { first: 4, after: first.pageInfo.endCursor })).contacts;
    expect(second.edges.map((e) => e.node.id)).toEqual(ids.slice(4));
    expect(second.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
  });

  it('pages backward with last/before', async () => {
    const page = (await ok(roster, listKey, List, { last: 2, before: ids[4] })).contacts;
    expect(page.edges.map((e) => e.node.id)).toEqual(ids.slice(2, 4));
    expect(page.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: true });
    const top = (await ok(roster, listKey, List, { last: 5, before: page.pageInfo.startCursor })).contacts;
    expect(top.edges.map((e) => e.node.id)).toEqual(ids.slice(0, 2));
    expect(top.pageInfo.hasPreviousPage).toBe(false);
    const tail = (await ok(roster, listKey, List, { last: 2 })).contacts;
    expect(tail.edges.map((e) => e.node.id)).toEqual(ids.slice(6));
  });

  it('refuses pages over 100 and bad cursors with a clear error', async () => {
    const tooMany = await gql(roster, listKey, List, { first: 101 });
    expect(tooMany.errors?.[0]?.message).toBe('first: Must be an integer between 0 and 100');
    expect(tooMany.errors?.[0]?.extensions?.code).toBe('VALIDATION');
    const negative = await gql(roster, listKey, List, { last: -1 });
    expect(negative.errors?.[0]?.message).toContain('last');
    const cursor = await gql(roster, listKey, List, { first: 2, after: 'nope' });
    expect(cursor.errors?.[0]?.message).toBe('after: Not a valid cursor');
    expect((await ok(roster, listKey, List, { first: 100 })).contacts.edges).toHaveLength(8);
  });

  it.each([
    ['alph', ['bob@delta.com', 'alpha.one@gamma.com', 'max@beta.com']],
    ['ALPH', ['bob@delta.com', 'alpha.one@gamma.com', 'max@beta.com']],
    ['alpha', ['alpha.one@gamma.com', 'max@beta.com']],
    ['Émile', ['emile@zeta.com']],
    ['ÉMI', ['emile@zeta.com']],
    ['Ödeg', ['emile@zeta.com']],
    ['zo', ['zoe@alpha.com']],
    ['zimmer', ['zoe@alpha.com']],
    ['  Ann ', ['alpha.one@gamma.com']],
    ['100%', ['100%_real@percent.com']],
    ['10%', []],
    ['100_', []],
    ['1000_', ['1000_real@percent.com']],
    ['per', ['1000_real@percent.com', '100%_real@percent.com']],
    ['lpha', []],
    ['@beta', []],
  ])('searches by prefix %j', async (search, expected) => {
    const { contacts } = await ok(roster, listKey, List, { filter: { search } });
    expect(contacts.edges.map((e) => e.node.email)).toEqual(expected);
    expect(contacts.totalCount).toBe(expected.length);
  });

  it('refuses a filter with a malformed id instead of failing', async () => {
    for (const filter of [{ segmentId: 'nope' }, { topicId: 'nope' }]) {
      const result = await gql(roster, listKey, List, { filter });
      expect(result.errors?.[0]?.extensions?.code).toBe('VALIDATION');
      expect(result.errors?.[0]?.message).toMatch(/^filter\.(segmentId|topicId): Not a valid/);
    }
  });
});

describe('contacts filters', () => {
  let k: string;
  let seg: string;
  let optIn: string;
  let optOut: string;
  let plain: string;
  let member: string;
  let leaver: string;
  let chooser: string;

  beforeAll(async () => {
    k = await roster.newKey('team-filters');
    seg = await segment(k, 'VIPs');
    optIn = await topic(k, 'News', 'OPT_IN');
    optOut = await topic(k, 'Offers', 'OPT_OUT');
    plain = (await create({ email: 'plain@example.com' }, k)).id;
    member = (await create({ email: 'member@example.com', segmentIds: [seg] }, k)).id;
    leaver = (await create({ email: 'leaver@example.com', unsubscribed: true, topics: [{ id: optIn, subscription: 'OPT_OUT' }] }, k)).id;
    chooser = (await create({ email: 'chooser@example.com', segmentIds: [seg], topics: [{ id: optOut, subscription: 'OPT_IN' }] }, k)).id;
  });

  async function matching(filter: Record<string, unknown>) {
    const { contacts } = await ok(roster, k, List, { filter });
    expect(contacts.totalCount).toBe(contacts.edges.length);
    return contacts.edges.map((e) => e.node.id).sort();
  }

  it('filters by segment', async () => {
    expect(await matching({ segmentId: seg })).toEqual([member, chooser].sort());
    expect(await matching({ segmentId: randomUUID() })).toEqual([]);
  });

  it('filters by topic, honouring the default when the contact did not choose', async () => {
    expect(await matching({ topicId: optIn })).toEqual([plain, member, chooser].sort());
    expect(await matching({ topicId: optIn, topicSubscription: 'OPT_OUT' })).toEqual([leaver]);
    expect(await matching({ topicId: optOut })).toEqual([chooser]);
    expect(await matching({ topicId: optOut, topicSubscription: 'OPT_OUT' })).toEqual([plain, member, leaver].sort());
    expect(await matching({ topicId: randomUUID() })).toEqual([]);
  });

  it('filters by global unsubscribe and combines filters', async () => {
    expect(await matching({ unsubscribed: true })).toEqual([leaver]);
    expect(await matching({ unsubscribed: false })).toEqual([plain, member, chooser].sort());
    expect(await matching({ unsubscribed: false, segmentId: seg, topicId: optOut })).toEqual([chooser]);
    expect(await matching({ search: 'm', segmentId: seg })).toEqual([member]);
  });
});

describe('updateContact', () => {
  it('changes names and clears one with null, by id', async () => {
    const contact = await create({ email: 'upd1@example.com', firstName: 'Old', lastName: 'Name' });
    const updated = as((await ok(roster, key, Update, { id: contact.id, input: { firstName: 'New', lastName: null } })).updateContact, 'Contact');
    expect(updated).toMatchObject({ id: contact.id, email: 'upd1@example.com', firstName: 'New', lastName: null });
    expect(new Date(updated.updatedAt).getTime()).toBeGreaterThanOrEqual(new Date(contact.updatedAt).getTime());
    const [row] = await roster.query('select first_name, last_name from contact where id = $1', [contact.id]);
    expect(row).toEqual({ first_name: 'New', last_name: null });
    // An absent field is left alone.
    const again = as((await ok(roster, key, Update, { id: contact.id, input: { lastName: 'Back' } })).updateContact, 'Contact');
    expect(again).toMatchObject({ firstName: 'New', lastName: 'Back' });
  });

  it('sets, overwrites and removes properties, by email in any case', async () => {
    await create({ email: 'Upd2@Example.com', properties: { company: 'Acme', seats: 3 } });
    const updated = as(
      (await ok(roster, key, Update, { email: 'upd2@EXAMPLE.com', input: { properties: { company: 'Globex', seats: null, vip: false } } })).updateContact,
      'Contact',
    );
    expect(updated.email).toBe('Upd2@Example.com');
    expect(updated.properties).toEqual(
      expect.arrayContaining([
        { key: 'company', type: 'STRING', value: 'Globex' },
        { key: 'vip', type: 'BOOLEAN', value: false },
      ]),
    );
    expect(updated.properties).toHaveLength(2);
    const [row] = await roster.query<{ properties: unknown }>('select properties from contact where id = $1', [updated.id]);
    expect(row?.properties).toEqual({ company: 'Globex', vip: false });
  });

  it('refuses unknown or mistyped properties and leaves the contact alone', async () => {
    const contact = await create({ email: 'upd3@example.com', properties: { seats: 1 } });
    const result = as((await ok(roster, key, Update, { id: contact.id, input: { properties: { seats: 'many', ghost: null } } })).updateContact, 'ValidationError');
    expect(result.issues.map((i) => i.path)).toEqual([
      ['input', 'properties', 'seats'],
      ['input', 'properties', 'ghost'],
    ]);
    const [row] = await roster.query<{ properties: unknown }>('select properties from contact where id = $1', [contact.id]);
    expect(row?.properties).toEqual({ seats: 1 });
  });

  it('toggles unsubscribed', async () => {
    const contact = await create({ email: 'upd4@example.com' });
    const off = as((await ok(roster, key, Update, { id: contact.id, input: { unsubscribed: true } })).updateContact, 'Contact');
    expect(off.unsubscribed).toBe(true);
    const on = as((await ok(roster, key, Update, { id: contact.id, input: { unsubscribed: false } })).updateContact, 'Contact');
    expect(on.unsubscribed).toBe(false);
    const [row] = await roster.query('select unsubscribed from contact where id = $1', [contact.id]);
    expect(row).toEqual({ unsubscribed: false });
  });

  it('replaces segment membership with segmentIds', async () => {
    const contact = await create({ email: 'upd5@example.com', segmentIds: [segmentA] });
    const moved = as((await ok(roster, key, Update, { id: contact.id, input: { segmentIds: [segmentB] } })).updateContact, 'Contact');
    expect(moved.segments.edges.map((e) => e.node.id)).toEqual([segmentB]);
    const both = as((await ok(roster, key, Update, { id: contact.id, input: { segmentIds: [segmentA, segmentB] } })).updateContact, 'Contact');
    expect(both.segments.edges.map((e) => e.node.id).sort()).toEqual([segmentA, segmentB].sort());
    const untouched = as((await ok(roster, key, Update, { id: contact.id, input: { firstName: 'X' } })).updateContact, 'Contact');
    expect(untouched.segments.edges).toHaveLength(2);
    const none = as((await ok(roster, key, Update, { id: contact.id, input: { segmentIds: [] } })).updateContact, 'Contact');
    expect(none.segments.edges).toEqual([]);
    expect(await roster.query('select 1 from contact_segment where contact_id = $1', [contact.id])).toEqual([]);
    const bad = as((await ok(roster, key, Update, { id: contact.id, input: { segmentIds: [randomUUID()] } })).updateContact, 'ValidationError');
    expect(bad.issues[0]?.path).toEqual(['input', 'segmentIds', '0']);
  });

  it('sets topic subscriptions and leaves other topics alone', async () => {
    const contact = await create({ email: 'upd6@example.com', topics: [{ id: topicOut, subscription: 'OPT_IN' }] });
    const updated = as((await ok(roster, key, Update, { id: contact.id, input: { topics: [{ id: topicIn, subscription: 'OPT_OUT' }] } })).updateContact, 'Contact');
    const topics = Object.fromEntries(updated.topics.edges.map((e) => [e.node.id, e.node]));
    expect(topics[topicIn]).toMatchObject({ subscription: 'OPT_OUT', explicit: true });
    expect(topics[topicOut]).toMatchObject({ subscription: 'OPT_IN', explicit: true });
    const rows = await roster.query('select topic_id, subscription from contact_topic where contact_id = $1 order by subscription', [contact.id]);
    expect(rows).toEqual([
      { topic_id: topicOut, subscription: 'opt_in' },
      { topic_id: topicIn, subscription: 'opt_out' },
    ]);
  });

  it('answers NotFoundError for an unknown contact', async () => {
    const refs: { id?: string; email?: string }[] = [{ id: randomUUID() }, { id: 'garbage' }, { email: 'ghost@example.com' }];
    for (const ref of refs) {
      const result = as((await ok(roster, key, Update, { ...ref, input: { firstName: 'X' } })).updateContact, 'NotFoundError');
      expect(result).toMatchObject({ resource: 'Contact', ref: ref.id ?? ref.email });
    }
    const neither = as((await ok(roster, key, Update, { input: { firstName: 'X' } })).updateContact, 'ValidationError');
    expect(neither.issues[0]?.path).toEqual(['id']);
  });

  it('cannot change the email', async () => {
    const contact = await create({ email: 'fixed@example.com' });
    const result = await gql(roster, key, Update, { id: contact.id, input: { email: 'other@example.com' } as never });
    expect(result.errors?.[0]?.message).toContain('"email" is not defined by type "UpdateContactInput"');
    const [row] = await roster.query('select email from contact where id = $1', [contact.id]);
    expect(row).toEqual({ email: 'fixed@example.com' });
  });
});

describe('deleteContact', () => {
  it('deletes by id, then the contact is gone', async () => {
    const contact = await create({ email: 'del1@example.com', segmentIds: [segmentA], topics: [{ id: topicIn, subscription: 'OPT_OUT' }] });
    const deleted = as((await ok(roster, key, Delete, { id: contact.id })).deleteContact, 'Contact');
    expect(deleted).toEqual({ __typename: 'Contact', id: contact.id, email: 'del1@example.com' });
    expect((await ok(roster, key, Get, { id: contact.id })).contact).toBeNull();
    for (const table of ['contact', 'contact_segment', 'contact_topic', 'contact_event']) {
      const column = table === 'contact' ? 'id' : 'contact_id';
      expect(await roster.query(`select 1 from ${table} where ${column} = $1`, [contact.id])).toEqual([]);
    }
    const again = as((await ok(roster, key, Delete, { id: contact.id })).deleteContact, 'NotFoundError');
    expect(again).toMatchObject({ resource: 'Contact', ref: contact.id });
  });

  it('deletes by email in any case; the email can then be created anew', async () => {
    const contact = await create({ email: 'Del2@example.com' });
    expect(as((await ok(roster, key, Delete, { email: 'DEL2@example.com' })).deleteContact, 'Contact').id).toBe(contact.id);
    expect((await ok(roster, key, Get, { email: 'del2@example.com' })).contact).toBeNull();
    as((await ok(roster, key, Delete, { email: 'del2@example.com' })).deleteContact, 'NotFoundError');
    const fresh = await create({ email: 'del2@example.com' });
    expect(fresh.id).not.toBe(contact.id);
  });

  it("cannot delete another team's contact", async () => {
    const other = await roster.newKey('team-del');
    const theirs = await create({ email: 'theirs@example.com' }, other);
    as((await ok(roster, key, Delete, { id: theirs.id })).deleteContact, 'NotFoundError');
    expect(await roster.query('select 1 as n from contact where id = $1', [theirs.id])).toEqual([{ n: 1 }]);
  });
});
