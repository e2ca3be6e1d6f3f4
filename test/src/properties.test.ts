import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './gql';
import { type Roster, as, gql, ok, startRoster } from './harness';

let roster: Roster;
let key: string;

const Create = graphql(`
  mutation PropertiesCreate($input: CreateContactPropertyInput!) {
    createContactProperty(input: $input) {
      __typename
      ... on ContactProperty { id key type fallbackValue createdAt }
      ... on ValidationError { message issues { path message } }
    }
  }
`);

const Get = graphql(`
  query PropertiesGet($id: ID, $key: String) {
    contactProperty(id: $id, key: $key) { id key type fallbackValue createdAt }
  }
`);

const List = graphql(`
  query PropertiesList($first: Int, $after: String, $last: Int, $before: String) {
    contactProperties(first: $first, after: $after, last: $last, before: $before) {
      edges { cursor node { id key type } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }
`);

const Update = graphql(`
  mutation PropertiesUpdate($id: ID!, $input: UpdateContactPropertyInput!) {
    updateContactProperty(id: $id, input: $input) {
      __typename
      ... on ContactProperty { id key type fallbackValue }
      ... on ValidationError { issues { path message } }
      ... on NotFoundError { resource ref }
    }
  }
`);

const Delete = graphql(`
  mutation PropertiesDelete($id: ID!) {
    deleteContactProperty(id: $id) {
      __typename
      ... on ContactProperty { id key }
      ... on NotFoundError { resource ref }
    }
  }
`);

const CreateContact = graphql(`
  mutation PropertiesCreateContact($input: CreateContactInput!) {
    createContact(input: $input) {
      __typename
      ... on Contact { id properties { key type value } }
      ... on ValidationError { issues { path message } }
    }
  }
`);

const GetContact = graphql(`
  query PropertiesGetContact($id: ID!) {
    contact(id: $id) { id properties { key type value } }
  }
`);

type PropertyType = 'STRING' | 'NUMBER' | 'BOOLEAN';

async function create(input: { key: string; type: PropertyType; fallbackValue?: unknown }, k = key) {
  return (await ok(roster, k, Create, { input })).createContactProperty;
}

beforeAll(async () => {
  roster = await startRoster();
  key = await roster.newKey();
});
afterAll(() => roster.close());

describe('createContactProperty', () => {
  it.each([
    ['STRING', 'plan', 'free'],
    ['NUMBER', 'age', 42.5],
    ['BOOLEAN', 'is_admin', false],
    ['STRING', 'No_Fallback_9', null],
  ] as const)('creates a %s property', async (type, k, fallbackValue) => {
    const property = as(await create({ key: k, type, fallbackValue }), 'ContactProperty');
    expect(property).toMatchObject({ key: k, type, fallbackValue });
    expect(Number.isNaN(Date.parse(property.createdAt))).toBe(false);
    const [row] = await roster.query('select key, type, fallback_value from contact_property where id = $1', [property.id]);
    expect(row).toEqual({ key: k, type: type.toLowerCase(), fallback_value: fallbackValue });
  });

  it.each([
    ['', 'Key is empty'],
    ['has space', 'Key may contain only letters, digits and underscores'],
    ['dash-ed', 'Key may contain only letters, digits and underscores'],
    ['dötted', 'Key may contain only letters, digits and underscores'],
    ['k'.repeat(51), 'Key is longer than 50 characters'],
  ])('refuses the key %j', async (k, message) => {
    const result = as(await create({ key: k, type: 'STRING' }), 'ValidationError');
    expect(result.issues).toContainEqual({ path: ['input', 'key'], message });
  });

  it('accepts a key of 50 characters', async () => {
    expect(as(await create({ key: 'k'.repeat(50), type: 'NUMBER' }), 'ContactProperty').key).toHaveLength(50);
  });

  it('refuses a duplicate key, but keys are case-sensitive and per team', async () => {
    as(await create({ key: 'company', type: 'STRING' }), 'ContactProperty');
    const duplicate = as(await create({ key: 'company', type: 'NUMBER' }), 'ValidationError');
    expect(duplicate.issues).toEqual([{ path: ['input', 'key'], message: 'A property with the key "company" already exists' }]);
    as(await create({ key: 'Company', type: 'STRING' }), 'ContactProperty');
    as(await create({ key: 'company', type: 'STRING' }, await roster.newKey('team-other')), 'ContactProperty');
    const rows = await roster.query<{ type: string }>(
      "select p.type from contact_property p join team t on t.id = p.team_id where t.name = 'team-a' and p.key = 'company'",
    );
    expect(rows).toEqual([{ type: 'string' }]);
  });

  it('creates one property when the same key is sent twice at once', async () => {
    const results = await Promise.all([create({ key: 'race', type: 'STRING' }), create({ key: 'race', type: 'STRING' })]);
    expect(results.map((r) => r.__typename).sort()).toEqual(['ContactProperty', 'ValidationError']);
    expect(await roster.query("select 1 from contact_property where key = 'race'")).toHaveLength(1);
  });

  it.each([
    ['STRING', 1],
    ['STRING', true],
    ['NUMBER', '1'],
    ['NUMBER', false],
    ['BOOLEAN', 'true'],
    ['BOOLEAN', 0],
    ['STRING', { a: 1 }],
    ['NUMBER', [1]],
    ['STRING', 'nul\u0000'],
  ] as const)('refuses a %s property with the fallback %j', async (type, fallbackValue) => {
    const result = as(await create({ key: `bad_${randomUUID().slice(0, 8)}`, type, fallbackValue }), 'ValidationError');
    expect(result.issues.map((i) => i.path)).toEqual([['input', 'fallbackValue']]);
  });

  it('refuses an unknown type', async () => {
    const result = await gql(roster, key, Create, { input: { key: 'date_prop', type: 'DATE' as PropertyType } });
    expect(result.errors?.[0]?.message).toContain('DATE');
    expect(await roster.query("select 1 from contact_property where key = 'date_prop'")).toEqual([]);
  });
});

describe('contactProperty and contactProperties', () => {
  let k: string;
  const ids: string[] = [];

  beforeAll(async () => {
    k = await roster.newKey('team-list');
    for (let i = 0; i < 5; i++) {
      ids.unshift(as(await create({ key: `p${i}`, type: 'NUMBER', fallbackValue: i }, k), 'ContactProperty').id);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  });

  it('gets one by id and by key', async () => {
    const byId = (await ok(roster, k, Get, { id: ids[0] })).contactProperty;
    expect(byId).toMatchObject({ id: ids[0], key: 'p4', type: 'NUMBER', fallbackValue: 4 });
    const byKey = (await ok(roster, k, Get, { key: 'p2' })).contactProperty;
    expect(byKey?.id).toBe(ids[2]);
  });

  it('answers null for unknown, garbage or foreign properties', async () => {
    const refs: { id?: string; key?: string }[] = [{ id: randomUUID() }, { id: 'garbage' }, { key: 'P2' }, { key: 'nope' }, {}];
    for (const variables of refs) {
      expect((await ok(roster, k, Get, variables)).contactProperty).toBeNull();
    }
    expect((await ok(roster, key, Get, { id: ids[0] })).contactProperty).toBeNull();
    expect((await ok(roster, key, Get, { key: 'p0' })).contactProperty).toBeNull();
  });

  it('lists newest first and pages without gaps', async () => {
    const all = (await ok(roster, k, List, { first: null })).contactProperties;
    expect(all.edges.map((e) => e.node.id)).toEqual(ids);
    expect(all.pageInfo.hasNextPage).toBe(false);
    const first = (await ok(roster, k, List, { first: 2 })).contactProperties;
    const second = (await ok(roster, k, List, { first: 2, after: first.pageInfo.endCursor })).contactProperties;
    const third = (await ok(roster, k, List, { first: 2, after: second.pageInfo.endCursor })).contactProperties;
    expect([first, second, third].map((p) => p.pageInfo.hasNextPage)).toEqual([true, true, false]);
    expect([first, second, third].flatMap((p) => p.edges.map((e) => e.node.id))).toEqual(ids);
    const back = (await ok(roster, k, List, { last: 2, before: third.pageInfo.startCursor })).contactProperties;
    expect(back.edges.map((e) => e.node.id)).toEqual(ids.slice(2, 4));
    const tooMany = await gql(roster, k, List, { first: 101 });
    expect(tooMany.errors?.[0]?.message).toBe('first: Must be an integer between 0 and 100');
  });
});

describe('updateContactProperty', () => {
  it('changes only the fallback, and null clears it', async () => {
    const property = as(await create({ key: 'tier', type: 'STRING', fallbackValue: 'bronze' }), 'ContactProperty');
    const updated = as((await ok(roster, key, Update, { id: property.id, input: { fallbackValue: 'silver' } })).updateContactProperty, 'ContactProperty');
    expect(updated).toMatchObject({ id: property.id, key: 'tier', type: 'STRING', fallbackValue: 'silver' });
    const [row] = await roster.query('select fallback_value from contact_property where id = $1', [property.id]);
    expect(row).toEqual({ fallback_value: 'silver' });
    const unchanged = as((await ok(roster, key, Update, { id: property.id, input: {} })).updateContactProperty, 'ContactProperty');
    expect(unchanged.fallbackValue).toBe('silver');
    const cleared = as((await ok(roster, key, Update, { id: property.id, input: { fallbackValue: null } })).updateContactProperty, 'ContactProperty');
    expect(cleared.fallbackValue).toBeNull();
    expect(await roster.query('select fallback_value from contact_property where id = $1', [property.id])).toEqual([{ fallback_value: null }]);
  });

  it('refuses a fallback of the wrong type and keeps the old one', async () => {
    const property = as(await create({ key: 'score', type: 'NUMBER', fallbackValue: 1 }), 'ContactProperty');
    for (const fallbackValue of ['2', true, { n: 2 }]) {
      const result = as((await ok(roster, key, Update, { id: property.id, input: { fallbackValue } })).updateContactProperty, 'ValidationError');
      expect(result.issues.map((i) => i.path)).toEqual([['input', 'fallbackValue']]);
    }
    expect((await ok(roster, key, Get, { id: property.id })).contactProperty?.fallbackValue).toBe(1);
  });

  it('cannot change the key or the type', async () => {
    const property = as(await create({ key: 'fixed', type: 'BOOLEAN' }), 'ContactProperty');
    const result = await gql(roster, key, Update, { id: property.id, input: { key: 'other', type: 'STRING' } as never });
    expect(result.errors?.[0]?.message).toMatch(/"(key|type)" is not defined by type "UpdateContactPropertyInput"/);
    expect(await roster.query('select key, type from contact_property where id = $1', [property.id])).toEqual([{ key: 'fixed', type: 'boolean' }]);
  });

  it('answers NotFoundError for an unknown property', async () => {
    for (const id of [randomUUID(), 'garbage']) {
      const result = as((await ok(roster, key, Update, { id, input: { fallbackValue: 1 } })).updateContactProperty, 'NotFoundError');
      expect(result).toEqual({ __typename: 'NotFoundError', resource: 'Contact property', ref: id });
    }
  });
});

describe('deleteContactProperty', () => {
  it('deletes the property and its value on every contact of the team', async () => {
    const doomed = as(await create({ key: 'doomed', type: 'STRING' }), 'ContactProperty');
    as(await create({ key: 'kept', type: 'NUMBER' }), 'ContactProperty');
    const contacts: string[] = [];
    for (const [email, properties] of [
      ['d1@example.com', { doomed: 'x', kept: 1 }],
      ['d2@example.com', { doomed: 'y' }],
      ['d3@example.com', { kept: 3 }],
    ] as const) {
      contacts.push(as((await ok(roster, key, CreateContact, { input: { email, properties } })).createContact, 'Contact').id);
    }
    // Another team's contact with the same key keeps its value.
    const otherKey = await roster.newKey('team-keep');
    as(await create({ key: 'doomed', type: 'STRING' }, otherKey), 'ContactProperty');
    const theirs = as((await ok(roster, otherKey, CreateContact, { input: { email: 'd1@example.com', properties: { doomed: 'theirs' } } })).createContact, 'Contact');

    const deleted = as((await ok(roster, key, Delete, { id: doomed.id })).deleteContactProperty, 'ContactProperty');
    expect(deleted).toEqual({ __typename: 'ContactProperty', id: doomed.id, key: 'doomed' });
    expect((await ok(roster, key, Get, { id: doomed.id })).contactProperty).toBeNull();
    expect((await ok(roster, key, Get, { key: 'doomed' })).contactProperty).toBeNull();

    const seen = await Promise.all(contacts.map(async (id) => (await ok(roster, key, GetContact, { id })).contact?.properties));
    expect(seen).toEqual([[{ key: 'kept', type: 'NUMBER', value: 1 }], [], [{ key: 'kept', type: 'NUMBER', value: 3 }]]);
    const rows = await roster.query<{ id: string; properties: unknown }>('select id, properties from contact where id = any($1::uuid[]) order by email', [contacts]);
    expect(rows.map((r) => r.properties)).toEqual([{ kept: 1 }, {}, { kept: 3 }]);
    expect(await roster.query('select properties from contact where id = $1', [theirs.id])).toEqual([{ properties: { doomed: 'theirs' } }]);
    expect(await roster.query('select 1 from contact_property where id = $1', [doomed.id])).toEqual([]);

    // The key is free again, and a new value of another type can be set.
    as(await create({ key: 'doomed', type: 'NUMBER' }), 'ContactProperty');
    const again = as((await ok(roster, key, CreateContact, { input: { email: 'd4@example.com', properties: { doomed: 7 } } })).createContact, 'Contact');
    expect(again.properties).toEqual([{ key: 'doomed', type: 'NUMBER', value: 7 }]);
  });

  it('answers NotFoundError the second time and for unknown ids', async () => {
    const property = as(await create({ key: 'once', type: 'STRING' }), 'ContactProperty');
    as((await ok(roster, key, Delete, { id: property.id })).deleteContactProperty, 'ContactProperty');
    for (const id of [property.id, randomUUID(), 'garbage']) {
      expect((await ok(roster, key, Delete, { id })).deleteContactProperty).toEqual({ __typename: 'NotFoundError', resource: 'Contact property', ref: id });
    }
  });

  it("cannot delete another team's property", async () => {
    const other = await roster.newKey('team-foreign');
    const theirs = as(await create({ key: 'foreign', type: 'STRING' }, other), 'ContactProperty');
    as((await ok(roster, key, Delete, { id: theirs.id })).deleteContactProperty, 'NotFoundError');
    expect(await roster.query('select 1 as n from contact_property where id = $1', [theirs.id])).toEqual([{ n: 1 }]);
  });
});
