import type { AddressInfo } from 'node:net';
import { schema } from '@roster/schema';
import { resendRoutes } from '@roster/rest-compat';
import { type App, createApp } from '@roster/server/app';
import { readEnv } from '@roster/server/env';
import { type Orm, initOrm } from '@roster/server/orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Roster, startRoster } from '../src/harness';
import {
  type GraphQLAnswer,
  type Json,
  type Part,
  type RestAnswer,
  graphqlOk,
  graphqlPost,
  multipart,
  rawRequest,
  rest,
  teamId,
  uploadParts,
  waitImport,
} from './support';

// Checklist §7.2 (T1-T4): team A (the attacker) aims every REST route, every GraphQL root field,
// the subscription, the export and the failures download at team B's ids and emails. Each case
// names what A must get (404, null, an empty list, a NotFoundError, a ValidationError, or A's own
// new row) and is checked for B's data in the answer; B's rows in every team-scoped table are
// hashed before and compared after each case. The routes and fields are enumerated from the route
// table and the schema, so a new one without a case fails the suite.
//
// T3: Roster does not use PostgreSQL row-level security. Every query is scoped by `team_id` in SQL
// (services take a Scope; the REST routes only run the GraphQL operations). What this file proves
// instead: every team-scoped table has a NOT NULL team_id (or hangs off one that has), no link row
// joins two teams, and this matrix finds no route or field that crosses.

let roster: Roster;

interface Fixture {
  key: string;
  team: string;
  keyId: string;
  contactId: string;
  sharedContactId: string;
  /** The contact the fixture's import created. */
  importedContactId: string;
  email: string;
  segmentId: string;
  topicId: string;
  propertyId: string;
  importId: string;
}
let a: Fixture;
let b: Fixture;

const SHARED = 'shared@both.test';
/** B's strings that must never reach A (besides B's ids). */
const B_TEXT = ['b-only@victim.test', 'b-import-1@victim.test', 'Bsecretfirst', 'B secret segment', 'B secret topic', 'b_secret_prop', 'b-fallback-secret', 'b_secret_header', 'b-secret.csv'];

const as = (key: string) => (query: string, variables: Json = {}) => graphqlPost(roster.url, key, query, variables);

async function seed(key: string, name: string, prefix: 'a' | 'b'): Promise<Fixture> {
  const gql = (query: string, variables: Json = {}) => graphqlOk(roster.url, key, query, variables);
  const secret = prefix === 'b';
  const property = (await gql('mutation ($input: CreateContactPropertyInput!) { createContactProperty(input: $input) { ... on ContactProperty { id } } }', {
    input: { key: secret ? 'b_secret_prop' : 'a_prop', type: 'STRING', fallbackValue: secret ? 'b-fallback-secret' : 'a-fallback' },
  })) as { createContactProperty: { id: string } };
  const segment = (await gql('mutation ($input: SegmentInput!) { createSegment(input: $input) { ... on Segment { id } } }', { input: { name: secret ? 'B secret segment' : 'A segment' } })) as {
    createSegment: { id: string };
  };
  const topic = (await gql('mutation ($input: CreateTopicInput!) { createTopic(input: $input) { ... on Topic { id } } }', {
    input: { name: secret ? 'B secret topic' : 'A topic', defaultSubscription: 'OPT_OUT' },
  })) as { createTopic: { id: string } };
  const email = secret ? 'b-only@victim.test' : 'a-only@attacker.test';
  const create = async (input: Json) =>
    ((await gql('mutation ($input: CreateContactInput!) { createContact(input: $input) { ... on Contact { id } } }', { input })) as { createContact: { id: string } }).createContact.id;
  const contactId = await create({
    email,
    firstName: secret ? 'Bsecretfirst' : 'Afirst',
    properties: { [secret ? 'b_secret_prop' : 'a_prop']: secret ? 'b-value' : 'a-value' },
    segmentIds: [segment.createSegment.id],
    topics: [{ id: topic.createTopic.id, subscription: 'OPT_IN' }],
  });
  const sharedContactId = await create({ email: SHARED, segmentIds: [segment.createSegment.id] });
  // An import with failed rows and a remembered column mapping.
  const csv = `email,${secret ? 'b_secret_header' : 'a_header'}\n${prefix}-import-1@${secret ? 'victim' : 'attacker'}.test,v\nnot-an-email,w\n`;
  const form = multipart(
    uploadParts(csv, { columnMap: { email: 'email', properties: [{ column: secret ? 'b_secret_header' : 'a_header', key: secret ? 'b_secret_prop' : 'a_prop' }] } }, secret ? 'b-secret.csv' : 'a.csv'),
  );
  const uploaded = await rawRequest(roster.url, { path: '/graphql', headers: { authorization: `Bearer ${key}`, 'x-graphql-yoga-csrf': '1', 'content-type': form.contentType }, chunks: [form.body] });
  const importId = (uploaded.json as { data: { importContacts: { id: string } } }).data.importContacts.id;
  const done = await waitImport(roster, importId);
  expect(done).toMatchObject({ status: 'completed', created: 1, failed: 1 });
  const keys = (await gql('{ apiKeys { id } }')) as { apiKeys: { id: string }[] };
  const imported = (await gql('query ($email: String) { contact(email: $email) { id } }', { email: `${prefix}-import-1@${secret ? 'victim' : 'attacker'}.test` })) as { contact: { id: string } };
  return {
    key,
    team: await teamId(roster, name),
    keyId: keys.apiKeys[0]!.id,
    contactId,
    sharedContactId,
    importedContactId: imported.contact.id,
    email,
    segmentId: segment.createSegment.id,
    topicId: topic.createTopic.id,
    propertyId: property.createContactProperty.id,
    importId,
  };
}

// ----------------------------------------------------------------------------- B's rows, hashed

interface Table {
  name: string;
  /** SQL selecting B's rows of the table as `x`. */
  rows: string;
}

/**
 * Every table of the schema, classified: scoped by its own team_id, or by its import's. A table that
 * is neither fails the test (a new table must say how it is scoped).
 */
async function teamTables(): Promise<Table[]> {
  const tables = await roster.query<{ table_name: string; team_id: string | null; import_id: string | null }>(
    `select t.table_name,
       (select is_nullable from information_schema.columns c where c.table_schema = 'public' and c.table_name = t.table_name and c.column_name = 'team_id') as team_id,
       (select is_nullable from information_schema.columns c where c.table_schema = 'public' and c.table_name = t.table_name and c.column_name = 'import_id') as import_id
     from information_schema.tables t
     where t.table_schema = 'public' and t.table_type = 'BASE TABLE' and t.table_name not like 'import_stage_%'
     order by t.table_name`,
  );
  const result: Table[] = [];
  const unscoped: string[] = [];
  for (const { table_name: name, team_id: team, import_id: imported } of tables) {
    if (name === 'team') result.push({ name, rows: 'select x.* from team x where x.id = $1' });
    else if (name === 'mikro_orm_migrations') continue;
    else if (team === 'NO') result.push({ name, rows: `select x.* from ${name} x where x.team_id = $1` });
    else if (imported === 'NO') result.push({ name, rows: `select x.* from ${name} x join contact_import i on i.id = x.import_id where i.team_id = $1` });
    else unscoped.push(`${name} (team_id: ${team ?? 'none'})`);
  }
  expect(unscoped, 'tables without a NOT NULL team_id or import_id').toEqual([]);
  return result;
}

let tables: Table[];

/** One hash per table of team B's rows (sorted), in one round trip. */
async function snapshot(team: string): Promise<Record<string, string>> {
  const union = tables.map((t) => `select '${t.name}' as name, count(*)::int as n, md5(coalesce(string_agg(row_to_json(x)::text, '|' order by row_to_json(x)::text), '')) as hash from (${t.rows}) x`).join(' union all ');
  const rows = await roster.query<{ name: string; n: number; hash: string }>(union, [team]);
  return Object.fromEntries(rows.map((r) => [r.name, `${r.n}:${r.hash}`]));
}

let before: Record<string, string>;

beforeAll(async () => {
  roster = await startRoster({ workers: 1 });
  const keyA = await roster.newKey('hostile-iso-a');
  const keyB = await roster.newKey('hostile-iso-b');
  a = await seed(keyA, 'hostile-iso-a', 'a');
  b = await seed(keyB, 'hostile-iso-b', 'b');
  tables = await teamTables();
  before = await snapshot(b.team);
  // B really has rows everywhere the matrix looks.
  for (const table of ['contact', 'contact_property', 'segment', 'topic', 'contact_segment', 'contact_topic', 'contact_event', 'contact_import', 'contact_import_failure', 'import_mapping_memory', 'api_key']) {
    expect(before[table], table).toMatch(/^[1-9]/);
  }
}, 120_000);
afterAll(() => roster.close());

/** B's ids and texts that A did not send itself: none may appear in an answer to A. */
function leaks(answer: string, sent: string): string[] {
  const secrets = [b.team, b.keyId, b.contactId, b.sharedContactId, b.importedContactId, b.segmentId, b.topicId, b.propertyId, b.importId, ...B_TEXT];
  return secrets.filter((s) => !sent.includes(s) && answer.includes(s));
}

/** After each case: no B data in the answer, B's rows untouched. */
async function expectIsolated(answerText: string, sent: string): Promise<void> {
  expect(leaks(answerText, sent)).toEqual([]);
  expect(await snapshot(b.team)).toEqual(before);
}

// --------------------------------------------------------------------------------- REST matrix

interface RestCase {
  label: string;
  method: string;
  path: () => string;
  body?: () => unknown;
  form?: () => Part[];
  status: number;
  check?: (answer: RestAnswer) => void | Promise<void>;
}

/** A team's contacts from the fixture, sorted as nodesOf sorts. */
const ownContacts = (f: Fixture) => [f.contactId, f.sharedContactId, f.importedContactId].sort();

/** The ways A names B's contact in a path: B's id, B's email, B's email in capitals. */
const bContacts = () => [b.contactId, b.email, b.email.toUpperCase()];
const notFound = (message: string) => (answer: RestAnswer) => expect(answer.body).toEqual({ statusCode: 404, name: 'not_found', message });
const validation = (answer: RestAnswer) => expect(answer.body).toMatchObject({ statusCode: 422, name: 'validation_error' });
/** A list answer holding only A's rows: none of B's ids, and (when given) exactly A's ids. */
const onlyOwn = (ids?: () => string[]) => (answer: RestAnswer) => {
  const data = (answer.body as { data: { id: string }[] }).data;
  expect(Array.isArray(data)).toBe(true);
  if (ids) expect(data.map((d) => d.id).sort()).toEqual(ids().sort());
};
/** A created row is A's own, never one of B's. */
const ownNew = (table: string) => async (answer: RestAnswer) => {
  const id = (answer.body as { id: string }).id;
  const [row] = await roster.query<{ team_id: string }>(`select team_id from ${table} where id = $1`, [id]);
  expect(row?.team_id).toBe(a.team);
  await roster.query(`delete from ${table} where id = $1`, [id]);
};

const perContact = (method: string, suffix: string, status: number, check?: RestCase['check'], body?: () => unknown): RestCase[] =>
  [0, 1, 2].map((i) => ({
    label: ['B’s id', 'B’s email', 'B’s email in capitals'][i]!,
    method,
    path: () => `${suffix.replace(':contact', encodeURIComponent(bContacts()[i]!).replace('%40', '@'))}`,
    body,
    status,
    check,
  }));

const restCases: Record<string, RestCase[]> = {
  'POST /contacts': [
    { label: 'into B’s segment', method: 'POST', path: () => '/contacts', body: () => ({ email: 'new-a@attacker.test', segments: [{ id: b.segmentId }] }), status: 422, check: validation },
    { label: 'with B’s topic', method: 'POST', path: () => '/contacts', body: () => ({ email: 'new-a@attacker.test', topics: [{ id: b.topicId, subscription: 'opt_in' }] }), status: 422, check: validation },
    { label: 'with B’s property key', method: 'POST', path: () => '/contacts', body: () => ({ email: 'new-a@attacker.test', properties: { b_secret_prop: 'x' } }), status: 422, check: validation },
    { label: 'with B’s email: A’s own new contact', method: 'POST', path: () => '/contacts', body: () => ({ email: b.email }), status: 201, check: ownNew('contact') },
  ],
  'GET /contacts': [
    { label: 'A’s list', method: 'GET', path: () => '/contacts', status: 200, check: onlyOwn(() => ownContacts(a)) },
    { label: 'filtered by B’s segment', method: 'GET', path: () => `/contacts?segment_id=${b.segmentId}`, status: 404, check: notFound('Audience not found') },
  ],
  'GET /contacts/:contact': perContact('GET', '/contacts/:contact', 404, notFound('Contact not found')),
  'PATCH /contacts/:contact': perContact('PATCH', '/contacts/:contact', 404, undefined, () => ({ first_name: 'hacked', unsubscribed: true })),
  'DELETE /contacts/:contact': perContact('DELETE', '/contacts/:contact', 404),
  'GET /segments/:segment/contacts': [{ label: 'B’s segment', method: 'GET', path: () => `/segments/${b.segmentId}/contacts`, status: 404, check: notFound('Audience not found') }],
  'GET /contacts/:contact/segments': perContact('GET', '/contacts/:contact/segments', 404, notFound('Contact not found')),
  'POST /contacts/:contact/segments/:segment': [
    ...perContact('POST', `/contacts/:contact/segments/SEGMENT`, 404).map((c) => ({ ...c, path: () => c.path().replace('SEGMENT', a.segmentId) })),
    { label: 'A’s contact into B’s segment', method: 'POST', path: () => `/contacts/${a.contactId}/segments/${b.segmentId}`, status: 404 },
  ],
  'DELETE /contacts/:contact/segments/:segment': [
    ...perContact('DELETE', `/contacts/:contact/segments/SEGMENT`, 404).map((c) => ({ ...c, path: () => c.path().replace('SEGMENT', b.segmentId) })),
    { label: 'A’s shared contact from B’s segment', method: 'DELETE', path: () => `/contacts/${SHARED}/segments/${b.segmentId}`, status: 404 },
  ],
  'GET /contacts/:contact/topics': perContact('GET', '/contacts/:contact/topics', 404, notFound('Contact not found')),
  'PATCH /contacts/:contact/topics': [
    ...perContact('PATCH', '/contacts/:contact/topics', 404, undefined, () => [{ id: a.topicId, subscription: 'opt_out' }]),
    { label: 'A’s contact with B’s topic', method: 'PATCH', path: () => `/contacts/${a.contactId}/topics`, body: () => [{ id: b.topicId, subscription: 'opt_out' }], status: 422, check: validation },
  ],
  'POST /audiences/:audience/contacts': [
    { label: 'into B’s segment (audience)', method: 'POST', path: () => `/audiences/${b.segmentId}/contacts`, body: () => ({ email: 'legacy-a@attacker.test' }), status: 422, check: validation },
  ],
  'GET /audiences/:audience/contacts/:contact': perContact('GET', `/audiences/AUDIENCE/contacts/:contact`, 404).map((c) => ({ ...c, path: () => c.path().replace('AUDIENCE', b.segmentId) })),
  'PATCH /audiences/:audience/contacts/:contact': perContact('PATCH', `/audiences/AUDIENCE/contacts/:contact`, 404, undefined, () => ({ first_name: 'hacked' })).map((c) => ({
    ...c,
    path: () => c.path().replace('AUDIENCE', b.segmentId),
  })),
  // Resend's legacy route answers deleted:true even for a contact it cannot find (recorded behaviour).
  'DELETE /audiences/:audience/contacts/:contact': perContact('DELETE', `/audiences/AUDIENCE/contacts/:contact`, 200, (answer) =>
    expect(answer.body).toMatchObject({ object: 'contact', deleted: true }),
  ).map((c) => ({ ...c, path: () => c.path().replace('AUDIENCE', b.segmentId) })),
  'POST /contacts/imports': [
    {
      label: 'into B’s segment',
      method: 'POST',
      path: () => '/contacts/imports',
      form: () => [
        { name: 'file', value: 'email\nimp-a@attacker.test\n', filename: 'a.csv' },
        { name: 'segments', value: JSON.stringify([{ id: b.segmentId }]) },
      ],
      status: 422,
      check: validation,
    },
    {
      label: 'with B’s topic',
      method: 'POST',
      path: () => '/contacts/imports',
      form: () => [
        { name: 'topics', value: JSON.stringify([{ id: b.topicId, subscription: 'opt_in' }]) },
        { name: 'file', value: 'email\nimp-a@attacker.test\n', filename: 'a.csv' },
      ],
      status: 422,
      check: validation,
    },
  ],
  'GET /contacts/imports': [{ label: 'A’s list', method: 'GET', path: () => '/contacts/imports', status: 200, check: onlyOwn(() => [a.importId]) }],
  'GET /contacts/imports/:import': [{ label: 'B’s import', method: 'GET', path: () => `/contacts/imports/${b.importId}`, status: 404, check: notFound('Contact import not found') }],
  'POST /segments': [{ label: 'with B’s segment name: A’s own', method: 'POST', path: () => '/segments', body: () => ({ name: 'B secret segment' }), status: 201, check: ownNew('segment') }],
  'GET /segments': [{ label: 'A’s list', method: 'GET', path: () => '/segments', status: 200, check: onlyOwn(() => [a.segmentId]) }],
  'GET /segments/:segment': [{ label: 'B’s segment', method: 'GET', path: () => `/segments/${b.segmentId}`, status: 404, check: notFound('Audience not found') }],
  'PATCH /segments/:segment': [{ label: 'B’s segment', method: 'PATCH', path: () => `/segments/${b.segmentId}`, body: () => ({ name: 'hacked' }), status: 404 }],
  // Resend answers deleted:true for a segment it cannot find (recorded behaviour): the same answer
  // as for a segment that does not exist, and B's segment stays (checked by the snapshot).
  'DELETE /segments/:segment': [
    {
      label: 'B’s segment',
      method: 'DELETE',
      path: () => `/segments/${b.segmentId}`,
      status: 200,
      check: (answer) => expect(answer.body).toEqual({ object: 'segment', id: b.segmentId, deleted: true }),
    },
  ],
  'POST /topics': [{ label: 'with B’s topic name: A’s own', method: 'POST', path: () => '/topics', body: () => ({ name: 'B secret topic', default_subscription: 'opt_in' }), status: 201, check: ownNew('topic') }],
  'GET /topics': [{ label: 'A’s list', method: 'GET', path: () => '/topics', status: 200, check: onlyOwn(() => [a.topicId]) }],
  'GET /topics/:topic': [{ label: 'B’s topic', method: 'GET', path: () => `/topics/${b.topicId}`, status: 404, check: notFound('Topic not found') }],
  'PATCH /topics/:topic': [{ label: 'B’s topic', method: 'PATCH', path: () => `/topics/${b.topicId}`, body: () => ({ name: 'hacked' }), status: 404 }],
  'DELETE /topics/:topic': [{ label: 'B’s topic', method: 'DELETE', path: () => `/topics/${b.topicId}`, status: 404 }],
  'POST /contact-properties': [
    { label: 'with B’s key: A’s own', method: 'POST', path: () => '/contact-properties', body: () => ({ key: 'b_secret_prop', type: 'number' }), status: 201, check: ownNew('contact_property') },
  ],
  'GET /contact-properties': [{ label: 'A’s list', method: 'GET', path: () => '/contact-properties', status: 200, check: onlyOwn(() => [a.propertyId]) }],
  'GET /contact-properties/:property': [
    { label: 'B’s property', method: 'GET', path: () => `/contact-properties/${b.propertyId}`, status: 404, check: notFound('Contact property not found') },
  ],
  'PATCH /contact-properties/:property': [{ label: 'B’s property', method: 'PATCH', path: () => `/contact-properties/${b.propertyId}`, body: () => ({ fallback_value: 'hacked' }), status: 404 }],
  'DELETE /contact-properties/:property': [{ label: 'B’s property', method: 'DELETE', path: () => `/contact-properties/${b.propertyId}`, status: 404 }],
};

const restMatrix = Object.entries(restCases).flatMap(([route, cases]) => cases.map((c) => [route, c.label, c] as const));

describe('T1 REST: team A against team B’s ids and emails', () => {
  it('T1 has a case for every route of the REST route table (a new route fails here until it has one)', () => {
    const routes = resendRoutes.map((r) => `${r.method} ${r.path}`);
    expect(routes.filter((r) => !(r in restCases))).toEqual([]);
    expect(Object.keys(restCases).filter((r) => !routes.includes(r))).toEqual([]);
  });

  it.each(restMatrix)('T1 %s (%s)', async (_route, _label, spec) => {
    const path = spec.path();
    let answer: RestAnswer;
    let sent = path;
    if (spec.form) {
      const parts = spec.form();
      sent += JSON.stringify(parts);
      const form = multipart(parts);
      const raw = await rawRequest(roster.url, { method: spec.method, path, headers: { authorization: `Bearer ${a.key}`, 'content-type': form.contentType }, chunks: [form.body] });
      answer = { status: raw.status, headers: new Headers(), body: raw.json, text: raw.text };
    } else {
      const body = spec.body?.();
      sent += JSON.stringify(body ?? null);
      answer = await rest(roster.url, a.key, spec.method, path, body);
    }
    expect(answer.status, answer.text).toBe(spec.status);
    await spec.check?.(answer);
    await expectIsolated(answer.text, decodeURIComponent(sent));
  });
});

// ------------------------------------------------------------------------------ GraphQL matrix

interface GqlCase {
  label: string;
  query: string;
  variables?: () => Json;
  /** A file to upload (importContacts). */
  file?: string;
  check: (answer: GraphQLAnswer) => void | Promise<void>;
}

/** A root field's value in an answer; fails (with the answer) when the field is missing. */
function field<T = unknown>(answer: GraphQLAnswer, name: string): T {
  const value = answer.data?.[name];
  if (value === undefined) throw new Error(`no ${name} in ${answer.text}`);
  return value as T;
}

const typename = (name: string, expected: string) => (answer: GraphQLAnswer) => {
  expect(answer.errors, answer.text).toBeUndefined();
  expect(field<{ __typename?: string } | null>(answer, name)?.__typename, answer.text).toBe(expected);
};
const isNull = (name: string) => (answer: GraphQLAnswer) => {
  expect(answer.errors, answer.text).toBeUndefined();
  expect(field(answer, name)).toBeNull();
};
const nodesOf = (value: unknown) => ((value as { edges: { node: { id: string } }[] }).edges ?? []).map((e) => e.node.id).sort();
const untouched = (name: string) => (answer: GraphQLAnswer) => {
  expect(answer.errors, answer.text).toBeUndefined();
  expect(field(answer, name)).toMatchObject({ __typename: 'BulkContactsResult', matched: 0, affected: 0 });
};
/** A row created by A with B's name or key: A's own, then removed again. */
const ownCreated = (name: string, table: string) => async (answer: GraphQLAnswer) => {
  expect(answer.errors, answer.text).toBeUndefined();
  const id = field<{ id: string }>(answer, name).id;
  const [row] = await roster.query<{ team_id: string }>(`select team_id from ${table} where id = $1`, [id]);
  expect(row?.team_id).toBe(a.team);
  await roster.query(`delete from ${table} where id = $1`, [id]);
};
const ref = (kind: 'id' | 'email') => () => (kind === 'id' ? { id: b.contactId } : { email: b.email.toUpperCase() });

const queryCases: Record<string, GqlCase[]> = {
  apiKeys: [{ label: 'only A’s keys', query: '{ apiKeys { id } }', check: (r) => expect(field<{ id: string }[]>(r, 'apiKeys').map((k) => k.id)).toEqual([a.keyId]) }],
  contact: [
    { label: 'B’s id', query: 'query ($id: ID) { contact(id: $id) { id } }', variables: () => ({ id: b.contactId }), check: isNull('contact') },
    { label: 'B’s email', query: 'query ($email: String) { contact(email: $email) { id } }', variables: () => ({ email: b.email.toUpperCase() }), check: isNull('contact') },
    {
      // T2: relations of A's contact that shares an email with B's hold only A's segments, topics, history.
      label: 'the shared email, with its relations',
      query: `query ($email: String) { contact(email: $email) { id properties { key value } segments { edges { node { id } } } topics { edges { node { id } } } history(first: 50) { edges { node { data } } } } }`,
      variables: () => ({ email: SHARED }),
      check: (r) => {
        const contact = field<{ id: string; segments: unknown; topics: unknown }>(r, 'contact');
        expect(contact.id).toBe(a.sharedContactId);
        expect(nodesOf(contact.segments)).toEqual([a.segmentId]);
        expect(nodesOf(contact.topics)).toEqual([a.topicId]);
      },
    },
  ],
  contactImport: [
    { label: 'B’s import', query: 'query ($id: ID!) { contactImport(id: $id) { id failures { edges { node { email } } } } }', variables: () => ({ id: b.importId }), check: isNull('contactImport') },
  ],
  contactImports: [
    {
      label: 'only A’s imports',
      query: '{ contactImports(first: 100) { edges { node { id fileName failures { edges { node { email } } } } } } }',
      check: (r) => expect(nodesOf(field(r, 'contactImports'))).toEqual([a.importId]),
    },
  ],
  contactProperties: [
    { label: 'only A’s properties', query: '{ contactProperties(first: 100) { edges { node { id key } } } }', check: (r) => expect(nodesOf(field(r, 'contactProperties'))).toEqual([a.propertyId]) },
  ],
  contactProperty: [
    { label: 'B’s id', query: 'query ($id: ID) { contactProperty(id: $id) { id } }', variables: () => ({ id: b.propertyId }), check: isNull('contactProperty') },
    { label: 'B’s key', query: 'query ($key: String) { contactProperty(key: $key) { id } }', variables: () => ({ key: 'b_secret_prop' }), check: isNull('contactProperty') },
  ],
  contactStats: [
    {
      label: 'A’s counts only',
      query: '{ contactStats { total subscribed unsubscribed growth(days: 2) { added total } } }',
      check: async (r) => {
        const [row] = await roster.query<{ n: number }>('select count(*)::int as n from contact where team_id = $1', [a.team]);
        expect(field<{ total: number }>(r, 'contactStats').total).toBe(row?.n);
      },
    },
  ],
  contacts: [
    { label: 'unfiltered: A’s only', query: '{ contacts(first: 100) { totalCount edges { node { id } } } }', check: (r) => expect(nodesOf(field(r, 'contacts'))).toEqual(ownContacts(a)) },
    ...(
      [
        ['B’s segment', () => ({ segmentId: b.segmentId })],
        ['B’s topic, opted in', () => ({ topicId: b.topicId })],
        ['B’s topic, opted out (B’s default)', () => ({ topicId: b.topicId, topicSubscription: 'OPT_OUT' })],
        ['B’s first name', () => ({ search: 'Bsecret' })],
        ['B’s email', () => ({ search: 'b-only' })],
      ] as const
    ).map(([label, filter]) => ({
      label: `filtered by ${label}`,
      query: 'query ($filter: ContactFilter) { contacts(first: 100, filter: $filter) { totalCount edges { node { id } } } }',
      variables: () => ({ filter: filter() }),
      check: (r: GraphQLAnswer) => expect(field(r, 'contacts')).toEqual({ totalCount: 0, edges: [] }),
    })),
  ],
  importMaxFileBytes: [{ label: 'a server setting, no team data', query: '{ importMaxFileBytes }', check: (r) => expect(typeof field(r, 'importMaxFileBytes')).toBe('number') }],
  segment: [{ label: 'B’s segment', query: 'query ($id: ID!) { segment(id: $id) { id contactCount } }', variables: () => ({ id: b.segmentId }), check: isNull('segment') }],
  segments: [
    {
      label: 'only A’s segments, A’s counts',
      query: '{ segments(first: 100) { edges { node { id contactCount } } } }',
      check: (r) => expect(field<{ edges: { node: unknown }[] }>(r, 'segments').edges.map((e) => e.node)).toEqual([{ id: a.segmentId, contactCount: 2 }]),
    },
  ],
  suggestColumnMapping: [
    {
      label: 'B’s remembered header and property',
      query: 'query ($headers: [String!]!) { suggestColumnMapping(headers: $headers) { header target propertyKey propertyExists confidence } }',
      variables: () => ({ headers: ['email', 'b_secret_header'] }),
      check: (r) => {
        const suggestions = field<{ header: string; propertyKey: string | null; confidence: number }[]>(r, 'suggestColumnMapping');
        expect(suggestions.find((s) => s.header === 'b_secret_header')?.confidence).toBeLessThan(1);
        expect(JSON.stringify(suggestions)).not.toContain('b_secret_prop');
      },
    },
  ],
  team: [{ label: 'A’s team', query: '{ team { id name } }', check: (r) => expect(field(r, 'team')).toEqual({ id: a.team, name: 'hostile-iso-a' }) }],
  topic: [{ label: 'B’s topic', query: 'query ($id: ID!) { topic(id: $id) { id } }', variables: () => ({ id: b.topicId }), check: isNull('topic') }],
  topics: [{ label: 'only A’s topics', query: '{ topics(first: 100) { edges { node { id } } } }', check: (r) => expect(nodesOf(field(r, 'topics'))).toEqual([a.topicId]) }],
};

const RESULT = '__typename ... on Error { message }';
const BULK = '__typename ... on BulkContactsResult { matched affected } ... on Error { message }';
const DOWNLOAD = 'mutation ($path: String!) { createDownloadUrl(path: $path) { __typename ... on DownloadUrl { url } ... on Error { message } } }';

const mutationCases: Record<string, GqlCase[]> = {
  addContactToSegment: [
    {
      label: 'B’s contact (id) into A’s segment',
      query: `mutation ($id: ID, $s: ID!) { addContactToSegment(id: $id, segmentId: $s) { ${RESULT} } }`,
      variables: () => ({ id: b.contactId, s: a.segmentId }),
      check: typename('addContactToSegment', 'NotFoundError'),
    },
    {
      label: 'B’s contact (email)',
      query: `mutation ($email: String, $s: ID!) { addContactToSegment(email: $email, segmentId: $s) { ${RESULT} } }`,
      variables: () => ({ email: b.email, s: a.segmentId }),
      check: typename('addContactToSegment', 'NotFoundError'),
    },
    {
      label: 'A’s contact into B’s segment',
      query: `mutation ($id: ID, $s: ID!) { addContactToSegment(id: $id, segmentId: $s) { ${RESULT} } }`,
      variables: () => ({ id: a.contactId, s: b.segmentId }),
      check: typename('addContactToSegment', 'NotFoundError'),
    },
  ],
  addContacts: [
    {
      label: 'into B’s segment',
      query: `mutation ($e: String!, $s: ID) { addContacts(emails: $e, segmentId: $s) { ${RESULT} } }`,
      variables: () => ({ e: 'add-a@attacker.test', s: b.segmentId }),
      check: typename('addContacts', 'ValidationError'),
    },
    {
      label: 'B’s email: A’s own new contact, B’s not reported as existing',
      query: 'mutation ($e: String!) { addContacts(emails: $e) { ... on AddContactsResult { created { id } existing { id } } } }',
      variables: () => ({ e: `${b.email}\n${SHARED}` }),
      check: async (r) => {
        const result = field<{ created: { id: string }[]; existing: { id: string }[] }>(r, 'addContacts');
        expect(result.existing.map((c) => c.id)).toEqual([a.sharedContactId]);
        for (const { id } of result.created) await roster.query('delete from contact where id = $1 and team_id = $2', [id, a.team]);
        expect(result.created).toHaveLength(1);
      },
    },
  ],
  bulkAddContactsToSegments: [
    {
      label: 'B’s ids',
      query: `mutation ($t: ContactBulkTarget!, $s: [ID!]!) { bulkAddContactsToSegments(target: $t, segmentIds: $s) { ${BULK} } }`,
      variables: () => ({ t: { ids: [b.contactId, b.sharedContactId] }, s: [a.segmentId] }),
      check: untouched('bulkAddContactsToSegments'),
    },
    {
      label: 'into B’s segment',
      query: `mutation ($t: ContactBulkTarget!, $s: [ID!]!) { bulkAddContactsToSegments(target: $t, segmentIds: $s) { ${BULK} } }`,
      variables: () => ({ t: { filter: {} }, s: [b.segmentId] }),
      check: typename('bulkAddContactsToSegments', 'ValidationError'),
    },
  ],
  bulkDeleteContacts: [
    ...(
      [
        ['B’s ids', () => ({ ids: [b.contactId, b.sharedContactId] })],
        ['filtered by B’s segment', () => ({ filter: { segmentId: b.segmentId } })],
        ['filtered by B’s topic opted out', () => ({ filter: { topicId: b.topicId, topicSubscription: 'OPT_OUT' } })],
      ] as const
    ).map(([label, target]) => ({
      label,
      query: `mutation ($t: ContactBulkTarget!) { bulkDeleteContacts(target: $t) { ${BULK} } }`,
      variables: () => ({ t: target() }),
      check: untouched('bulkDeleteContacts'),
    })),
  ],
  bulkRemoveContactsFromSegments: [
    {
      label: 'B’s ids',
      query: `mutation ($t: ContactBulkTarget!, $s: [ID!]!) { bulkRemoveContactsFromSegments(target: $t, segmentIds: $s) { ${BULK} } }`,
      variables: () => ({ t: { ids: [b.contactId] }, s: [a.segmentId] }),
      check: untouched('bulkRemoveContactsFromSegments'),
    },
    {
      label: 'from B’s segment',
      query: `mutation ($t: ContactBulkTarget!, $s: [ID!]!) { bulkRemoveContactsFromSegments(target: $t, segmentIds: $s) { ${BULK} } }`,
      variables: () => ({ t: { filter: {} }, s: [b.segmentId] }),
      check: typename('bulkRemoveContactsFromSegments', 'ValidationError'),
    },
  ],
  bulkSetTopicSubscription: [
    {
      label: 'B’s ids',
      query: `mutation ($t: ContactBulkTarget!, $topics: [ID!]!) { bulkSetTopicSubscription(target: $t, topicIds: $topics, subscription: OPT_OUT) { ${BULK} } }`,
      variables: () => ({ t: { ids: [b.contactId] }, topics: [a.topicId] }),
      check: untouched('bulkSetTopicSubscription'),
    },
    {
      label: 'on B’s topic',
      query: `mutation ($t: ContactBulkTarget!, $topics: [ID!]!) { bulkSetTopicSubscription(target: $t, topicIds: $topics, subscription: OPT_OUT) { ${BULK} } }`,
      variables: () => ({ t: { filter: {} }, topics: [b.topicId] }),
      check: typename('bulkSetTopicSubscription', 'ValidationError'),
    },
  ],
  cancelContactImport: [
    {
      label: 'B’s import',
      query: `mutation ($id: ID!) { cancelContactImport(id: $id) { ${RESULT} } }`,
      variables: () => ({ id: b.importId }),
      check: typename('cancelContactImport', 'NotFoundError'),
    },
  ],
  createApiKey: [
    {
      label: 'a key of A’s team',
      query: 'mutation { createApiKey(input: {name: "iso"}) { ... on CreatedApiKey { apiKey { id } } } }',
      check: async (r) => {
        const id = field<{ apiKey: { id: string } }>(r, 'createApiKey').apiKey.id;
        const [row] = await roster.query<{ team_id: string }>('select team_id from api_key where id = $1', [id]);
        expect(row?.team_id).toBe(a.team);
        await roster.query('delete from api_key where id = $1', [id]);
      },
    },
  ],
  createContact: [
    ...(
      [
        ['into B’s segment', () => ({ email: 'c-a@attacker.test', segmentIds: [b.segmentId] })],
        ['with B’s topic', () => ({ email: 'c-a@attacker.test', topics: [{ id: b.topicId, subscription: 'OPT_IN' }] })],
        ['with B’s property key', () => ({ email: 'c-a@attacker.test', properties: { b_secret_prop: 'x' } })],
      ] as const
    ).map(([label, input]) => ({
      label,
      query: `mutation ($i: CreateContactInput!) { createContact(input: $i) { ${RESULT} } }`,
      variables: () => ({ i: input() }),
      check: typename('createContact', 'ValidationError'),
    })),
    {
      label: 'with B’s email: A’s own',
      query: 'mutation ($i: CreateContactInput!) { createContact(input: $i) { ... on Contact { id } } }',
      variables: () => ({ i: { email: b.email } }),
      check: ownCreated('createContact', 'contact'),
    },
  ],
  createContactProperty: [
    {
      label: 'with B’s key: A’s own',
      query: 'mutation { createContactProperty(input: {key: "b_secret_prop", type: NUMBER}) { ... on ContactProperty { id } } }',
      check: ownCreated('createContactProperty', 'contact_property'),
    },
  ],
  createDownloadUrl: [
    {
      // Signing names a path only; what the link downloads is scoped to the signer's team.
      label: 'a link to B’s failures: 404 when followed',
      query: DOWNLOAD,
      variables: () => ({ path: `/contacts/imports/${b.importId}/failures.csv` }),
      check: async (r) => {
        const followed = await fetch(`${roster.url}${field<{ url: string }>(r, 'createDownloadUrl').url}`);
        expect(followed.status).toBe(404);
        const text = await followed.text();
        expect(text).toContain('Contact import not found');
        expect(leaks(text, b.importId)).toEqual([]);
      },
    },
    {
      label: 'a link to an export filtered by B’s segment: the header only',
      query: DOWNLOAD,
      variables: () => ({ path: `/contacts/export.csv?segment_id=${b.segmentId}` }),
      check: async (r) => {
        const followed = await fetch(`${roster.url}${field<{ url: string }>(r, 'createDownloadUrl').url}`);
        expect(followed.status).toBe(200);
        expect((await followed.text()).trim().split('\r\n')).toHaveLength(1);
      },
    },
    {
      label: 'A’s own link, altered to B’s import: refused',
      query: DOWNLOAD,
      variables: () => ({ path: `/contacts/imports/${a.importId}/failures.csv` }),
      check: async (r) => {
        const url = field<{ url: string }>(r, 'createDownloadUrl').url.replace(a.importId, b.importId);
        const followed = await fetch(`${roster.url}${url}`);
        expect(followed.status).toBe(403);
        expect(await followed.json()).toMatchObject({ name: 'invalid_download_link' });
      },
    },
  ],
  createSegment: [
    { label: 'with B’s name: A’s own', query: 'mutation { createSegment(input: {name: "B secret segment"}) { ... on Segment { id } } }', check: ownCreated('createSegment', 'segment') },
  ],
  createTopic: [
    {
      label: 'with B’s name: A’s own',
      query: 'mutation { createTopic(input: {name: "B secret topic", defaultSubscription: OPT_IN}) { ... on Topic { id } } }',
      check: ownCreated('createTopic', 'topic'),
    },
  ],
  deleteContact: (['id', 'email'] as const).map((kind) => ({
    label: `B’s ${kind}`,
    query: `mutation ($id: ID, $email: String) { deleteContact(id: $id, email: $email) { ${RESULT} } }`,
    variables: ref(kind),
    check: typename('deleteContact', 'NotFoundError'),
  })),
  deleteContactProperty: [
    {
      label: 'B’s property',
      query: `mutation ($id: ID!) { deleteContactProperty(id: $id) { ${RESULT} } }`,
      variables: () => ({ id: b.propertyId }),
      check: typename('deleteContactProperty', 'NotFoundError'),
    },
  ],
  deleteSegment: [
    { label: 'B’s segment', query: `mutation ($id: ID!) { deleteSegment(id: $id) { ${RESULT} } }`, variables: () => ({ id: b.segmentId }), check: typename('deleteSegment', 'NotFoundError') },
  ],
  deleteTopic: [{ label: 'B’s topic', query: `mutation ($id: ID!) { deleteTopic(id: $id) { ${RESULT} } }`, variables: () => ({ id: b.topicId }), check: typename('deleteTopic', 'NotFoundError') }],
  importContacts: [
    {
      label: 'into B’s segment and topic',
      query:
        'mutation ($file: Upload!, $segments: [ID!], $topics: [ContactImportTopicInput!]) { importContacts(file: $file, segments: $segments, topics: $topics) { __typename ... on ValidationError { issues { path } } } }',
      variables: () => ({ segments: [b.segmentId], topics: [{ id: b.topicId, subscription: 'OPT_OUT' }] }),
      file: 'email\nimp-a@attacker.test\n',
      check: (r) => expect(field(r, 'importContacts')).toEqual({ __typename: 'ValidationError', issues: [{ path: ['segments', '0'] }, { path: ['topics', '0'] }] }),
    },
  ],
  removeContactFromSegment: [
    {
      label: 'B’s contact from A’s segment',
      query: `mutation ($id: ID, $s: ID!) { removeContactFromSegment(id: $id, segmentId: $s) { ${RESULT} } }`,
      variables: () => ({ id: b.contactId, s: a.segmentId }),
      check: typename('removeContactFromSegment', 'NotFoundError'),
    },
    {
      label: 'the shared email from B’s segment',
      query: `mutation ($email: String, $s: ID!) { removeContactFromSegment(email: $email, segmentId: $s) { ${RESULT} } }`,
      variables: () => ({ email: SHARED, s: b.segmentId }),
      check: typename('removeContactFromSegment', 'NotFoundError'),
    },
  ],
  renameSegment: [
    {
      label: 'B’s segment',
      query: `mutation ($id: ID!) { renameSegment(id: $id, input: {name: "hacked"}) { ${RESULT} } }`,
      variables: () => ({ id: b.segmentId }),
      check: typename('renameSegment', 'NotFoundError'),
    },
  ],
  revokeApiKey: [{ label: 'B’s key', query: `mutation ($id: ID!) { revokeApiKey(id: $id) { ${RESULT} } }`, variables: () => ({ id: b.keyId }), check: typename('revokeApiKey', 'NotFoundError') }],
  updateContact: [
    ...(['id', 'email'] as const).map((kind) => ({
      label: `B’s ${kind}`,
      query: `mutation ($id: ID, $email: String) { updateContact(id: $id, email: $email, input: {firstName: "hacked", unsubscribed: true}) { ${RESULT} } }`,
      variables: ref(kind),
      check: typename('updateContact', 'NotFoundError'),
    })),
    {
      label: 'A’s contact into B’s segment',
      query: `mutation ($id: ID, $s: [ID!]) { updateContact(id: $id, input: {segmentIds: $s}) { ${RESULT} } }`,
      variables: () => ({ id: a.contactId, s: [b.segmentId] }),
      check: typename('updateContact', 'ValidationError'),
    },
  ],
  updateContactProperty: [
    {
      label: 'B’s property',
      query: `mutation ($id: ID!) { updateContactProperty(id: $id, input: {fallbackValue: "hacked"}) { ${RESULT} } }`,
      variables: () => ({ id: b.propertyId }),
      check: typename('updateContactProperty', 'NotFoundError'),
    },
  ],
  updateContactTopics: [
    {
      label: 'B’s contact',
      query: `mutation ($id: ID, $t: [TopicSubscriptionInput!]!) { updateContactTopics(id: $id, topics: $t) { ${RESULT} } }`,
      variables: () => ({ id: b.contactId, t: [{ id: a.topicId, subscription: 'OPT_OUT' }] }),
      check: typename('updateContactTopics', 'NotFoundError'),
    },
    {
      label: 'A’s contact with B’s topic',
      query: `mutation ($id: ID, $t: [TopicSubscriptionInput!]!) { updateContactTopics(id: $id, topics: $t) { ${RESULT} } }`,
      variables: () => ({ id: a.contactId, t: [{ id: b.topicId, subscription: 'OPT_OUT' }] }),
      check: typename('updateContactTopics', 'ValidationError'),
    },
  ],
  updateTopic: [
    { label: 'B’s topic', query: `mutation ($id: ID!) { updateTopic(id: $id, input: {name: "hacked"}) { ${RESULT} } }`, variables: () => ({ id: b.topicId }), check: typename('updateTopic', 'NotFoundError') },
  ],
};

const subscriptionCases: Record<string, GqlCase[]> = {
  importProgress: [
    {
      label: 'B’s import: NOT_FOUND, no state',
      query: 'subscription ($id: ID!) { importProgress(id: $id) { id status counts { total } failures { edges { node { email } } } } }',
      variables: () => ({ id: b.importId }),
      check: (r) => {
        expect(r.text).toContain('"code":"NOT_FOUND"');
        expect(r.text).not.toContain('"data"');
      },
    },
  ],
};

async function runGql(spec: GqlCase, operation: 'query' | 'mutation' | 'subscription'): Promise<GraphQLAnswer> {
  const variables = spec.variables?.() ?? {};
  if (spec.file !== undefined) {
    const form = multipart([
      { name: 'operations', value: JSON.stringify({ query: spec.query, variables: { ...variables, file: null } }) },
      { name: 'map', value: JSON.stringify({ 0: ['variables.file'] }) },
      { name: '0', value: spec.file, filename: 'a.csv' },
    ]);
    const raw = await rawRequest(roster.url, { path: '/graphql', headers: { authorization: `Bearer ${a.key}`, 'x-graphql-yoga-csrf': '1', 'content-type': form.contentType }, chunks: [form.body] });
    const json = raw.json as { data?: Json; errors?: GraphQLAnswer['errors'] };
    return { status: raw.status, headers: new Headers(), text: raw.text, ...json };
  }
  if (operation === 'subscription') {
    const response = await fetch(`${roster.url}/graphql`, {
      method: 'POST',
      headers: { authorization: `Bearer ${a.key}`, 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ query: spec.query, variables }),
      signal: AbortSignal.timeout(30_000),
    });
    return { status: response.status, headers: response.headers, text: await response.text() };
  }
  return as(a.key)(spec.query, variables);
}

const gqlMatrix = (['query', 'mutation', 'subscription'] as const).flatMap((operation) =>
  Object.entries({ query: queryCases, mutation: mutationCases, subscription: subscriptionCases }[operation]).flatMap(([name, cases]) => cases.map((c) => [operation, name, c.label, c] as const)),
);

describe('T1/T2 GraphQL: team A against team B’s ids and emails', () => {
  it('T1 has a case for every Query, Mutation and Subscription field of the schema (a new field fails here until it has one)', () => {
    for (const [type, cases] of [
      [schema.getQueryType(), queryCases],
      [schema.getMutationType(), mutationCases],
      [schema.getSubscriptionType(), subscriptionCases],
    ] as const) {
      const fields = Object.keys(type?.getFields() ?? {});
      expect(
        fields.filter((f) => !(f in cases)),
        `${type?.name} fields without a case`,
      ).toEqual([]);
      expect(Object.keys(cases).filter((f) => !fields.includes(f))).toEqual([]);
    }
  });

  it('T2 resolves relations within the team: A’s contacts list only A’s segments, topics, properties and history', async () => {
    const answer = await as(a.key)(`{ contacts(first: 10) { edges { node { id email
      properties { key value } segments(first: 10) { edges { node { id name } } } topics(first: 10) { edges { node { id name subscription } } }
      history(first: 10) { edges { node { type data } } } } } } }`);
    expect(answer.errors, answer.text).toBeUndefined();
    const nodes = field<{ edges: { node: { email: string; segments: unknown; topics: unknown; properties: { key: string }[] } }[] }>(answer, 'contacts').edges.map((e) => e.node);
    expect(nodes.map((n) => n.email).sort()).toEqual(['a-import-1@attacker.test', 'a-only@attacker.test', SHARED]);
    for (const node of nodes) {
      expect(nodesOf(node.segments).every((id) => id === a.segmentId), node.email).toBe(true);
      expect(nodesOf(node.topics), node.email).toEqual([a.topicId]);
      expect(node.properties.every((p) => p.key === 'a_prop'), node.email).toBe(true);
    }
    await expectIsolated(answer.text, '');
  });

  it.each(gqlMatrix)('T1 %s %s (%s)', async (operation, _field, _label, spec) => {
    const answer = await runGql(spec, operation);
    expect(answer.status, answer.text).toBe(200);
    await spec.check(answer);
    await expectIsolated(answer.text, spec.query + JSON.stringify(spec.variables?.() ?? {}));
  });
});

describe('T1 downloads: export and failures', () => {
  it('T1 exports only A’s contacts, and nothing for a filter on B’s segment or topic', async () => {
    const download = (query: string) => fetch(`${roster.url}/contacts/export.csv${query}`, { headers: { authorization: `Bearer ${a.key}` } });
    const all = await download('');
    expect(all.status).toBe(200);
    const text = await all.text();
    expect(text.trim().split('\r\n')).toHaveLength(1 + ownContacts(a).length);
    await expectIsolated(text, '');
    for (const query of [`?segment_id=${b.segmentId}`, `?topic_id=${b.topicId}`, `?topic_id=${b.topicId}&topic_subscription=opt_out`, '?search=Bsecret']) {
      const filtered = await download(query);
      expect(filtered.status, query).toBe(200);
      const body = await filtered.text();
      expect(body.trim().split('\r\n'), query).toHaveLength(1);
      await expectIsolated(body, query);
    }
  });

  it('T1 answers B’s failures download with 404 and no row', async () => {
    const response = await fetch(`${roster.url}/contacts/imports/${b.importId}/failures.csv`, { headers: { authorization: `Bearer ${a.key}` } });
    expect(response.status).toBe(404);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ statusCode: 404, name: 'not_found', message: 'Contact import not found' });
    await expectIsolated(text, b.importId);
  });
});

describe('T3 tenancy in the schema', () => {
  it('T3 uses no row-level security; every table is scoped by a NOT NULL team_id (or its import’s), and no link row joins two teams', async () => {
    // Decision: no RLS; isolation is the services' SQL (team_id in every statement), proven by the
    // matrix above. These are the schema facts it relies on.
    const rls = await roster.query<{ relname: string }>(
      `select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind = 'r' and c.relrowsecurity`,
    );
    expect(rls).toEqual([]);
    expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['contact', 'contact_segment', 'contact_topic', 'contact_event', 'contact_import_chunk', 'contact_import_failure']));
    const crossed = await roster.query(
      `select 'contact_segment' as link, count(*)::int as n from contact_segment l join contact c on c.id = l.contact_id join segment s on s.id = l.segment_id
         where l.team_id <> c.team_id or l.team_id <> s.team_id
       union all
       select 'contact_topic', count(*)::int from contact_topic l join contact c on c.id = l.contact_id join topic t on t.id = l.topic_id
         where l.team_id <> c.team_id or l.team_id <> t.team_id
       union all
       select 'contact_event', count(*)::int from contact_event l join contact c on c.id = l.contact_id where l.team_id <> c.team_id`,
    );
    expect(crossed).toEqual([
      { link: 'contact_segment', n: 0 },
      { link: 'contact_topic', n: 0 },
      { link: 'contact_event', n: 0 },
    ]);
    expect(await snapshot(b.team)).toEqual(before);
  });
});

describe('T4 one pooled connection shared by both teams', () => {
  let orm: Orm;
  let app: App;
  let url: string;
  beforeAll(async () => {
    orm = await initOrm(roster.dbUrl, { poolMax: 1 });
    app = createApp(orm, readEnv({ NODE_ENV: 'test', ROSTER_RATE_LIMIT: '100000' }));
    await new Promise<void>((done) => app.server.listen(0, '127.0.0.1', done));
    url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await app.close();
    await orm.close(true);
  });

  it('T4 never serves one team’s data to the other, alternating and interleaving requests on a pool of one connection', async () => {
    // Each request of either team, on every path through the server; each must see its own team only.
    const probes = (f: Fixture): (() => Promise<unknown[]>)[] => [
      async () => {
        const answer = await graphqlPost(url, f.key, '{ team { id } contacts(first: 100) { edges { node { id } } } }');
        return [field(answer, 'team'), nodesOf(field(answer, 'contacts'))];
      },
      async () => {
        const response = await fetch(`${url}/graphql?query=${encodeURIComponent('{ team { id } segments { edges { node { id } } } }')}`, {
          headers: { authorization: `Bearer ${f.key}`, 'x-graphql-yoga-csrf': '1' },
        });
        const body = (await response.json()) as { data: Json };
        return [body.data.team, nodesOf(body.data.segments)];
      },
      async () => {
        const answer = await rest(url, f.key, 'GET', '/contacts');
        return [(answer.body as { data: { id: string }[] }).data.map((c) => c.id).sort()];
      },
      async () => {
        const answer = await rest(url, f.key, 'GET', `/contacts/${SHARED}`);
        return [(answer.body as { id: string }).id];
      },
      async () => {
        const response = await fetch(`${url}/contacts/export.csv`, { headers: { authorization: `Bearer ${f.key}` } });
        return [(await response.text()).includes(f.email)];
      },
      async () => {
        // A transaction (a contact with a segment) in the middle of the other team's reads.
        const answer = await graphqlPost(url, f.key, 'mutation ($i: CreateContactInput!) { createContact(input: $i) { ... on Contact { id } } }', {
          i: { email: `t4-${Math.random().toString(36).slice(2)}@pool.test`, segmentIds: [f.segmentId] },
        });
        const id = field<{ id: string }>(answer, 'createContact').id;
        const [row] = await roster.query<{ team_id: string }>('select team_id from contact where id = $1', [id]);
        await roster.query('delete from contact where id = $1', [id]);
        return [row?.team_id];
      },
    ];
    const expected = (f: Fixture) => [[{ id: f.team }, ownContacts(f)], [{ id: f.team }, [f.segmentId]], [ownContacts(f)], [f.sharedContactId], [true], [f.team]];
    // Alternating, one at a time: every request takes the one connection after the other team's.
    for (let round = 0; round < 3; round++) {
      for (const [i, probe] of probes(a).entries()) {
        expect(await probe(), `A ${i}`).toEqual(expected(a)[i]);
        expect(await probes(b)[i]!(), `B ${i}`).toEqual(expected(b)[i]);
      }
    }
    // Interleaved: both teams at once, queued on the same connection.
    type Call = readonly ['a' | 'b', number, () => Promise<unknown[]>];
    const calls = Array.from({ length: 4 }, () => [...probes(a).map((p, i): Call => ['a', i, p]), ...probes(b).map((p, i): Call => ['b', i, p])]).flat();
    const results = await Promise.all(calls.map(async ([team, i, probe]) => [team, i, await probe()] as const));
    for (const [team, i, result] of results) expect(result, `${team} ${i}`).toEqual(expected(team === 'a' ? a : b)[i]);
  });
});
