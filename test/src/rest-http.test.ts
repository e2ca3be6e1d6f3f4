import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './gql';
import { type Roster, as, ok, startRoster } from './harness';

// What the SDK cannot show: status codes, headers and the quirks of resend-api.md §10 over raw HTTP.
let roster: Roster;
let key: string;

beforeAll(async () => {
  roster = await startRoster({ workers: 0 });
  key = await roster.newKey('http');
});
afterAll(() => roster?.close());

interface Answer {
  status: number;
  contentType: string | null;
  body: unknown;
}

/** Sends what the SDK sends: JSON content type on every method, the key as a bearer token. */
async function call(method: string, path: string, body?: unknown, init: { key?: string | null; headers?: Record<string, string>; raw?: string } = {}): Promise<Answer> {
  const auth: Record<string, string> = init.key === null ? {} : { authorization: `Bearer ${init.key ?? key}` };
  const response = await fetch(`${roster.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...auth, ...init.headers },
    body: init.raw ?? (body === undefined ? undefined : JSON.stringify(body)),
  });
  const text = await response.text();
  return { status: response.status, contentType: response.headers.get('content-type'), body: JSON.parse(text) };
}

const JSON_TYPE = 'application/json; charset=utf-8';
const UNKNOWN = '0190a6c2-0000-7000-8000-000000000000';

async function createContact(body: Record<string, unknown>): Promise<string> {
  const answer = await call('POST', '/contacts', body);
  expect(answer.status).toBe(201);
  return (answer.body as { id: string }).id;
}

describe('transport', () => {
  it('answers JSON with a charset on every success and error, GET included', async () => {
    const answers = [
      await call('GET', '/contacts'),
      await call('GET', `/contacts/${UNKNOWN}`),
      await call('GET', '/nope'),
      await call('DELETE', '/contacts'),
      await call('GET', '/contacts', undefined, { key: null }),
    ];
    expect(answers.map((a) => [a.status, a.contentType])).toEqual([
      [200, JSON_TYPE],
      [404, JSON_TYPE],
      [404, JSON_TYPE],
      [405, JSON_TYPE],
      [401, JSON_TYPE],
    ]);
    expect(answers[0]?.body).toEqual({ object: 'list', has_more: false, data: [] });
  });

  it('answers 201 on creates and 200 otherwise', async () => {
    expect((await call('POST', '/contacts', { email: 'created@example.com' })).status).toBe(201);
    expect((await call('POST', '/segments', { name: 'S' })).status).toBe(201);
    expect((await call('POST', '/topics', { name: 'T', default_subscription: 'opt_in' })).status).toBe(201);
    expect((await call('POST', '/contact-properties', { key: 'k', type: 'string' })).status).toBe(201);
    expect((await call('PATCH', '/contacts/created@example.com', { first_name: 'C' })).status).toBe(200);
  });

  it('answers unknown routes with 404 and known paths with a wrong method with 405, as JSON', async () => {
    const notFound = { statusCode: 404, name: 'not_found', message: 'The requested endpoint does not exist.' };
    expect(await call('GET', '/emails')).toMatchObject({ status: 404, body: notFound });
    expect(await call('GET', '/contacts/a/b/c')).toMatchObject({ status: 404, body: notFound });
    expect(await call('GET', '/contacts/')).toMatchObject({ status: 404, body: notFound });
    const notAllowed = { status: 405, body: { statusCode: 405, name: 'method_not_allowed', message: expect.any(String) } };
    expect(await call('PUT', '/contacts/a@example.com', {})).toMatchObject(notAllowed);
    expect(await call('DELETE', '/segments')).toMatchObject(notAllowed);
    expect(await call('POST', '/contacts/x/topics', [])).toMatchObject(notAllowed);
  });

  it('refuses a missing, unknown or sending-only key with Resend names', async () => {
    expect(await call('GET', '/contacts', undefined, { key: null })).toMatchObject({
      status: 401,
      body: { statusCode: 401, name: 'missing_api_key', message: 'Missing API key in the authorization header' },
    });
    expect(await call('GET', '/contacts', undefined, { key: 're_unknown' })).toMatchObject({ status: 403, body: { name: 'invalid_api_key' } });
    const sending = await roster.newKey('http', 'sending_access');
    expect(await call('GET', '/segments', undefined, { key: sending })).toMatchObject({ status: 401, body: { name: 'restricted_api_key' } });
  });

  it('keeps the other endpoints where they were', async () => {
    expect((await fetch(`${roster.url}/health`)).status).toBe(200);
    const graphqlAnswer = await fetch(`${roster.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ query: '{ team { name } }' }),
    });
    expect(await graphqlAnswer.json()).toEqual({ data: { team: { name: 'http' } } });
    const exported = await fetch(`${roster.url}/contacts/export.csv`, { headers: { authorization: `Bearer ${key}` } });
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-type')).toMatch(/text\/csv/);
  });
});

describe('quirks', () => {
  it('accepts an empty body with a JSON content type (POST /contacts/{c}/segments/{s})', async () => {
    const contact = await createContact({ email: 'empty-body@example.com' });
    const segment = ((await call('POST', '/segments', { name: 'Empty body' })).body as { id: string }).id;
    const answer = await call('POST', `/contacts/${contact}/segments/${segment}`, undefined, { headers: { 'content-length': '0' } });
    expect(answer).toMatchObject({ status: 200, body: { object: 'contact_segment', contact_id: contact, segment_id: segment } });
    // An empty body where one is needed is a missing field, not a parse error.
    expect(await call('POST', '/contacts', undefined)).toMatchObject({
      status: 422,
      body: { statusCode: 422, name: 'missing_required_field', message: 'Missing `email` field.' },
    });
  });

  it('takes a bare array and the {topics} object on PATCH /contacts/{c}/topics', async () => {
    const topic = ((await call('POST', '/topics', { name: 'Array', default_subscription: 'opt_in' })).body as { id: string }).id;
    const contact = await createContact({ email: 'array@example.com' });
    expect(await call('PATCH', `/contacts/${contact}/topics`, [{ id: topic, subscription: 'opt_out' }])).toMatchObject({
      status: 200,
      body: { object: 'contact_topics', id: contact, contact_id: contact, topics: [{ id: topic, subscription: 'opt_out' }] },
    });
    expect(await roster.query('select subscription from contact_topic where contact_id = $1', [contact])).toEqual([{ subscription: 'opt_out' }]);
    expect((await call('PATCH', `/contacts/${contact}/topics`, { topics: [{ id: topic, subscription: 'opt_in' }] })).status).toBe(200);
    expect(await roster.query('select subscription from contact_topic where contact_id = $1', [contact])).toEqual([{ subscription: 'opt_in' }]);
    expect(await call('PATCH', `/contacts/${contact}/topics`, [{ id: topic, subscription: 'sometimes' }])).toMatchObject({
      status: 422,
      body: { name: 'validation_error' },
    });
  });

  it('keeps + in a path literally and percent-decodes the rest', async () => {
    const id = await createContact({ email: 'a+b@example.com' });
    expect(await call('GET', '/contacts/a+b@example.com')).toMatchObject({ status: 200, body: { id, email: 'a+b@example.com' } });
    expect(await call('GET', '/contacts/a%2Bb%40example.com')).toMatchObject({ status: 200, body: { id } });
    // %20 is a space: a different (unknown) address, not the + one.
    expect(await call('GET', '/contacts/a%20b@example.com')).toMatchObject({ status: 404, body: { message: 'Contact not found' } });
    expect(await call('PATCH', '/contacts/a+b@example.com', { last_name: 'Plus' })).toMatchObject({ status: 200, body: { id } });
    expect(await call('DELETE', '/contacts/a+b@example.com')).toMatchObject({ status: 200, body: { object: 'contact', contact: id, deleted: true, id } });
  });

  it('ignores unknown body keys, and names wrongly typed fields in snake_case', async () => {
    const id = await createContact({ email: 'extra@example.com', id: 'ignored', favourite_colour: 'blue', first_name: 'Ex' });
    expect(await roster.query('select first_name from contact where id = $1', [id])).toEqual([{ first_name: 'Ex' }]);
    expect(await call('PATCH', `/contacts/${id}`, { first_name: 5 })).toMatchObject({
      status: 422,
      body: { statusCode: 422, name: 'validation_error', message: expect.stringContaining('`first_name`') },
    });
    expect(await call('POST', '/contacts', undefined, { raw: '{"email":' })).toMatchObject({ status: 400, body: { name: 'validation_error' } });
    expect(await call('POST', '/segments', ['not', 'an', 'object'])).toMatchObject({ status: 422, body: { name: 'validation_error' } });
  });

  it('validates pagination: limit 1-100, after xor before, cursor shape', async () => {
    for (const query of ['limit=0', 'limit=101', 'limit=abc', 'limit=-1']) {
      expect(await call('GET', `/segments?${query}`)).toMatchObject({ status: 422, body: { name: 'validation_error', message: expect.stringMatching(/between 1 and 100/) } });
    }
    expect(await call('GET', `/topics?after=${UNKNOWN}&before=${UNKNOWN}`)).toMatchObject({ status: 422, body: { name: 'validation_error' } });
    expect(await call('GET', '/contacts?after=not-a-cursor')).toMatchObject({ status: 422, body: { name: 'validation_error' } });
    expect((await call('GET', '/topics?limit=100')).status).toBe(200);
  });

  it('lists every contact without a limit (more than one page of 100), and filters by segment_id', async () => {
    const segment = ((await call('POST', '/segments', { name: 'Many' })).body as { id: string }).id;
    const emails = Array.from({ length: 120 }, (_, i) => `many${i}@example.com`).join(',');
    await ok(roster, key, AddMany, { emails, segmentId: segment });
    const all = (await call('GET', `/segments/${segment}/contacts`)).body as { has_more: boolean; data: { email: string }[] };
    expect(all.has_more).toBe(false);
    expect(all.data).toHaveLength(120);
    expect(new Set(all.data.map((c) => c.email)).size).toBe(120);
    const query = (await call('GET', `/contacts?segment_id=${segment}&limit=100`)).body as { has_more: boolean; data: unknown[] };
    expect(query).toMatchObject({ has_more: true });
    expect(query.data).toHaveLength(100);
    // Topics default to 20 per page.
    for (let i = 0; i < 21; i++) await call('POST', '/topics', { name: `Topic ${i}`, default_subscription: 'opt_in' });
    expect(((await call('GET', '/topics')).body as { data: unknown[]; has_more: boolean }).data).toHaveLength(20);
  });
});

const AddMany = graphql(`
  mutation RestHttpAddMany($emails: String!, $segmentId: ID) {
    addContacts(emails: $emails, segmentId: $segmentId) { __typename }
  }
`);

const GqlCreateProperty = graphql(`
  mutation RestHttpCreateProperty($input: CreateContactPropertyInput!) {
    createContactProperty(input: $input) { __typename ... on ContactProperty { id } }
  }
`);
const GqlCreateSegment = graphql(`
  mutation RestHttpCreateSegment($name: String!) {
    createSegment(input: { name: $name }) { __typename ... on Segment { id } }
  }
`);
const GqlCreateTopic = graphql(`
  mutation RestHttpCreateTopic($input: CreateTopicInput!) {
    createTopic(input: $input) { __typename ... on Topic { id } }
  }
`);
const GqlCreateContact = graphql(`
  mutation RestHttpCreateContact($input: CreateContactInput!) {
    createContact(input: $input) { __typename ... on Contact { id } }
  }
`);
const GqlUpdateContact = graphql(`
  mutation RestHttpUpdateContact($email: String, $input: UpdateContactInput!) {
    updateContact(email: $email, input: $input) { __typename ... on Contact { id } }
  }
`);
const GqlUpdateTopics = graphql(`
  mutation RestHttpUpdateTopics($email: String, $topics: [TopicSubscriptionInput!]!) {
    updateContactTopics(email: $email, topics: $topics) { __typename ... on Contact { id } }
  }
`);
const GqlRemoveFromSegment = graphql(`
  mutation RestHttpRemoveFromSegment($email: String, $segmentId: ID!) {
    removeContactFromSegment(email: $email, segmentId: $segmentId) { __typename ... on Contact { id } }
  }
`);

/** Everything stored for a team, without ids or times, to compare two teams. */
async function stored(team: string) {
  const [contacts, segments, topics, events] = await Promise.all([
    roster.query(
      `select c.email, c.first_name, c.last_name, c.unsubscribed, c.properties, c.source from contact c join team t on t.id = c.team_id where t.name = $1 order by c.email`,
      [team],
    ),
    roster.query(
      `select c.email, s.name from contact_segment cs join contact c on c.id = cs.contact_id join segment s on s.id = cs.segment_id join team t on t.id = cs.team_id where t.name = $1 order by 1, 2`,
      [team],
    ),
    roster.query(
      `select c.email, tp.name, ct.subscription from contact_topic ct join contact c on c.id = ct.contact_id join topic tp on tp.id = ct.topic_id join team t on t.id = ct.team_id where t.name = $1 order by 1, 2`,
      [team],
    ),
    roster.query(
      `select c.email, e.type, e.source from contact_event e join contact c on c.id = e.contact_id join team t on t.id = e.team_id where t.name = $1 order by e.id`,
      [team],
    ),
  ]);
  return { contacts, segments, topics, events };
}

describe('REST and GraphQL', () => {
  it('store the same result for the same scenario', async () => {
    const restKey = await roster.newKey('same-rest');
    const gqlKey = await roster.newKey('same-graphql');
    const rest = (method: string, path: string, body?: unknown) => call(method, path, body, { key: restKey });
    const idOf = (answer: Answer) => (answer.body as { id: string }).id;

    // REST, as the SDK would send it.
    await rest('POST', '/contact-properties', { key: 'plan', type: 'string', fallback_value: 'free' });
    await rest('POST', '/contact-properties', { key: 'seats', type: 'number' });
    const restVip = idOf(await rest('POST', '/segments', { name: 'VIP' }));
    const restOld = idOf(await rest('POST', '/segments', { name: 'Old' }));
    const restNews = idOf(await rest('POST', '/topics', { name: 'News', default_subscription: 'opt_out', visibility: 'public' }));
    await rest('POST', '/contacts', {
      email: 'Same@Example.com',
      first_name: 'Sam',
      properties: { plan: 'pro', seats: 2 },
      segments: [{ id: restVip }, { id: restOld }],
      topics: [{ id: restNews, subscription: 'opt_in' }],
    });
    await rest('PATCH', '/contacts/same@example.com', { last_name: 'Same', unsubscribed: true, properties: { seats: null } });
    await rest('PATCH', '/contacts/same@example.com/topics', [{ id: restNews, subscription: 'opt_out' }]);
    await rest('DELETE', `/contacts/same@example.com/segments/${restOld}`);

    // GraphQL, the same steps.
    await ok(roster, gqlKey, GqlCreateProperty, { input: { key: 'plan', type: 'STRING', fallbackValue: 'free' } });
    await ok(roster, gqlKey, GqlCreateProperty, { input: { key: 'seats', type: 'NUMBER' } });
    const vip = as((await ok(roster, gqlKey, GqlCreateSegment, { name: 'VIP' })).createSegment, 'Segment').id;
    const old = as((await ok(roster, gqlKey, GqlCreateSegment, { name: 'Old' })).createSegment, 'Segment').id;
    const news = as(
      (await ok(roster, gqlKey, GqlCreateTopic, { input: { name: 'News', defaultSubscription: 'OPT_OUT', visibility: 'PUBLIC' } })).createTopic,
      'Topic',
    ).id;
    await ok(roster, gqlKey, GqlCreateContact, {
      input: { email: 'Same@Example.com', firstName: 'Sam', properties: { plan: 'pro', seats: 2 }, segmentIds: [vip, old], topics: [{ id: news, subscription: 'OPT_IN' }] },
    });
    await ok(roster, gqlKey, GqlUpdateContact, { email: 'same@example.com', input: { lastName: 'Same', unsubscribed: true, properties: { seats: null } } });
    await ok(roster, gqlKey, GqlUpdateTopics, { email: 'same@example.com', topics: [{ id: news, subscription: 'OPT_OUT' }] });
    await ok(roster, gqlKey, GqlRemoveFromSegment, { email: 'same@example.com', segmentId: old });

    const viaRest = await stored('same-rest');
    expect(viaRest.contacts).toEqual([
      { email: 'Same@Example.com', first_name: 'Sam', last_name: 'Same', unsubscribed: true, properties: { plan: 'pro' }, source: 'api' },
    ]);
    expect(viaRest.segments).toEqual([{ email: 'Same@Example.com', name: 'VIP' }]);
    expect(viaRest.topics).toEqual([{ email: 'Same@Example.com', name: 'News', subscription: 'opt_out' }]);
    expect(await stored('same-graphql')).toEqual(viaRest);
  });
});
