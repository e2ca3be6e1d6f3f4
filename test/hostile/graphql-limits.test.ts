import { readFileSync, readdirSync } from 'node:fs';
import { Agent, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { schema } from '@roster/schema';
import { type App, createApp } from '@roster/server/app';
import { readEnv } from '@roster/server/env';
import {
  type DefinitionNode,
  type FragmentDefinitionNode,
  type GraphQLInputType,
  GraphQLEnumType,
  GraphQLInputObjectType,
  GraphQLList,
  GraphQLNonNull,
  type GraphQLScalarType,
  Kind,
  Lexer,
  type OperationDefinitionNode,
  Source,
  TokenKind,
  getIntrospectionQuery,
  parse,
  print,
  typeFromAST,
  visit,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Roster, startRoster } from '../src/harness';
import {
  type GraphQLAnswer,
  LIMIT_MESSAGE,
  graphqlBody,
  graphqlPost,
  multipart,
  rawRequest,
  rawSocket,
  rest,
  statusOf,
} from './support';

// Checklist §1 (G1-G19): every GraphQL limit and request-shape rule, each with the error a client
// sees and proof that a refused operation ran nothing (its mutation left no row behind).

let roster: Roster;
let key: string;
beforeAll(async () => {
  roster = await startRoster({ workers: 0 });
  key = await roster.newKey('hostile-gql');
});
afterAll(() => roster.close());

const post = (query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) => graphqlPost(roster.url, key, query, variables, headers);

async function segmentsNamed(prefix: string): Promise<string[]> {
  const rows = await roster.query<{ name: string }>('select name from segment where name like $1 order by name', [`${prefix}%`]);
  return rows.map((r) => r.name);
}

/** A refusal by a limit: an error saying what to change, no data, and no number (G8: limits stay private). */
function expectLimit(answer: GraphQLAnswer, pattern: RegExp): void {
  expect([200, 400], answer.text).toContain(answer.status);
  expect(answer.data ?? null).toBeNull();
  const [error] = answer.errors ?? [];
  expect(error?.message, answer.text).toMatch(pattern);
  expect(error?.message).toMatch(LIMIT_MESSAGE);
  expect(error?.message).not.toMatch(/\d/);
}

/** How many tokens graphql-armor's max-tokens rule counts (comments are not tokens). */
function tokens(query: string): number {
  const lexer = new Lexer(new Source(query));
  let count = 0;
  while (lexer.advance().kind !== TokenKind.EOF) count++;
  return count;
}

/** A createSegment mutation whose selection is exactly `depth` levels deep (each inline fragment is a level, as armor counts). */
const deepMutation = (name: string, depth: number) => `mutation { createSegment(input: {name: "${name}"}) { ${'... on Segment { '.repeat(depth - 2)}id${' }'.repeat(depth - 2)} } }`;

describe('1.1 operation limits', () => {
  it('G1 runs a mutation exactly 10 levels deep and refuses one 11 levels deep before any resolver runs', async () => {
    const ok = await post(deepMutation('g1-depth-10', 10));
    expect(ok.errors, ok.text).toBeUndefined();
    const refused = await post(deepMutation('g1-depth-11', 11));
    expectLimit(refused, /too deep/i);
    expect(await segmentsNamed('g1-')).toEqual(['g1-depth-10']);
  });

  it('G2 refuses a fragment used shallow first and past the depth limit second (no cached-fragment bypass)', async () => {
    const query = `mutation {
      a: createSegment(input: {name: "g2-shallow"}) { ...S }
      b: createSegment(input: {name: "g2-deep"}) { ${'... on Segment { '.repeat(8)} ...S ${'} '.repeat(8)} }
    }
    fragment S on CreateSegmentResult { ... on Segment { id } }`;
    expectLimit(await post(query), /too deep/i);
    expect(await segmentsNamed('g2-')).toEqual([]);
  });

  it('G3 refuses a deep fragment named __schema (introspection is exempt only as a field, never by a fragment name)', async () => {
    const query = `mutation { createSegment(input: {name: "g3-deep"}) { ${'... on Segment { '.repeat(8)} ...__schema ${'} '.repeat(8)} } }
    fragment __schema on Segment { ... on Segment { id } }`;
    expectLimit(await post(query), /too deep/i);
    expect(await segmentsNamed('g3-')).toEqual([]);
  });

  it('G4 answers fragment cycles with a validation error (no stack overflow, no hang) and runs nothing', async () => {
    const cycles = [
      'mutation { createSegment(input: {name: "g4-a"}) { ...A } } fragment A on CreateSegmentResult { ...B } fragment B on CreateSegmentResult { ...A }',
      'mutation { createSegment(input: {name: "g4-b"}) { ...A } } fragment A on CreateSegmentResult { __typename ...A }',
      // A cycle under many aliases and directives: every armor rule walks it.
      `mutation { ${Array.from({ length: 10 }, (_, i) => `a${i}: createSegment(input: {name: "g4-c${i}"}) @include(if: true) { ...A }`).join(' ')} } fragment A on CreateSegmentResult { ...B @skip(if: false) } fragment B on CreateSegmentResult { ...A }`,
    ];
    for (const query of cycles) {
      const answer = await post(query);
      expect(answer.status).toBe(200);
      expect(answer.data ?? null).toBeNull();
      expect(answer.errors?.[0]?.message, answer.text).toMatch(/^Cannot spread fragment "[AB]" within itself/);
      expect(answer.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    }
    expect(await segmentsNamed('g4-')).toEqual([]);
    expect((await fetch(`${roster.url}/health`)).status).toBe(200);
  });

  it('G5 allows 15 aliases and refuses 16, running none of them', async () => {
    const aliased = (prefix: string, n: number) => `mutation { ${Array.from({ length: n }, (_, i) => `a${i}: createSegment(input: {name: "${prefix}-${String(i).padStart(2, '0')}"}) { __typename }`).join(' ')} }`;
    expect((await post(aliased('g5-alias15', 15))).errors).toBeUndefined();
    expectLimit(await post(aliased('g5-alias16', 16)), /too many aliases/i);
    expect(await segmentsNamed('g5-alias15-')).toHaveLength(15);
    expect(await segmentsNamed('g5-alias16-')).toEqual([]);
  });

  it('G5 allows 20 directives and refuses 21', async () => {
    const directed = (name: string, n: number) => `mutation { createSegment(input: {name: "${name}"}) { ${Array.from({ length: n }, () => '__typename @include(if: true)').join(' ')} } }`;
    expect((await post(directed('g5-dir20', 20))).errors).toBeUndefined();
    expectLimit(await post(directed('g5-dir21', 21)), /too many directives/i);
    expect(await segmentsNamed('g5-dir')).toEqual(['g5-dir20']);
  });

  it('G5 allows 2000 tokens and refuses 2001 at parse time', async () => {
    // Tokens in one list argument: a document that stays cheap and valid apart from its length.
    const sample = (n: number) => `{ suggestColumnMapping(headers: ["email"], sampleRows: [[${Array.from({ length: n }, () => '"x"').join(',')}]]) { header } }`;
    const base = tokens(sample(0));
    const at = sample(2000 - base);
    expect(tokens(at)).toBe(2000);
    const accepted = await post(at);
    expect(accepted.errors, accepted.text).toBeUndefined();
    expect(accepted.data).toEqual({ suggestColumnMapping: [{ header: 'email' }] });
    const over = await post(sample(2001 - base));
    expectLimit(over, /too long/i);
    expect(over.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    // The same length in a mutation: refused before it runs.
    const mutation = (n: number) => `mutation { createContact(input: {email: "g5-tokens@hostile.test", properties: {n: [${Array.from({ length: n }, () => '1').join(',')}]}}) { __typename } }`;
    expectLimit(await post(mutation(2001 - tokens(mutation(0)))), /too long/i);
    expect(await roster.query('select 1 from contact where email = $1', ['g5-tokens@hostile.test'])).toEqual([]);
  });

  it('G5 has no character limit: comments are not tokens, the token limit bounds parsing and input validation bounds long strings', async () => {
    // Decision: the character-limit rule is not installed. A 2 MB document of comments is lexed in
    // linear time and bounded by the 25 MB body limit (G16); what counts for cost is tokens.
    const commented = await post(`${'# padding\n'.repeat(200_000)}{ team { name } }`);
    expect(commented.data).toEqual({ team: { name: 'hostile-gql' } });
    const long = await post(`mutation { createSegment(input: {name: "${'x'.repeat(1_000_000)}"}) { __typename ... on ValidationError { message } } }`);
    expect(long.data).toEqual({ createSegment: { __typename: 'ValidationError', message: 'input.name: Name is longer than 100 characters' } });
    expect(await roster.query("select 1 from segment where name like 'xxxx%'")).toEqual([]);
  });

  it('G6 prices list arguments: first: 10000 and nested connections are too costly, 151 fields too broad, before anything runs', async () => {
    for (const query of [
      '{ contacts(first: 10000) { edges { node { id } } } }',
      '{ contacts(first: 100) { edges { node { segments(first: 100) { edges { node { id } } } topics(first: 100) { edges { node { id } } } } } } }',
      // A cheap root field first: the whole operation is priced before any field runs.
      '{ team { name } contacts(first: 100) { edges { node { history(first: 100) { edges { node { id data } } } segments(first: 100) { edges { node { id } } } } } } }',
    ]) {
      const answer = await post(query);
      expectLimit(answer, /^Query is too costly: ask for fewer rows or fewer nested fields$/);
      expect(answer.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    }
    const broad = await post(`{ team { ${Array.from({ length: 151 }, (_, i) => `f${i % 15}: name`).join(' ')} } }`);
    // 151 aliased fields trip the alias limit first; 151 plain fields trip breadth.
    expectLimit(broad, /too many aliases|too broad/i);
    const plain = await post(`mutation { createSegment(input: {name: "g6-broad"}) { ${'... on Segment { id name } '.repeat(80)} } }`);
    expectLimit(plain, /^Query is too broad: ask for fewer rows or fewer nested fields$/);
    expect(await segmentsNamed('g6-')).toEqual([]);
  });

  it('G8 never reveals a configured limit, also in production: each limit answers a fixed message without a number', async () => {
    const production = createApp(roster.orm, readEnv({ NODE_ENV: 'production' }));
    await new Promise<void>((done) => production.server.listen(0, '127.0.0.1', done));
    try {
      const url = `http://127.0.0.1:${(production.server.address() as AddressInfo).port}`;
      const cases: [string, string][] = [
        [deepMutation('g8', 11), 'Syntax Error: Query is too deep.'],
        [`{ ${Array.from({ length: 16 }, (_, i) => `a${i}: team { name }`).join(' ')} }`, 'Syntax Error: Query has too many aliases.'],
        [`{ team { ${Array.from({ length: 21 }, () => 'name @include(if: true)').join(' ')} } }`, 'Syntax Error: Query has too many directives.'],
        [`{ suggestColumnMapping(headers: [${Array.from({ length: 2100 }, () => '"x"').join(',')}]) { header } }`, 'Syntax Error: Query is too long.'],
        ['{ contacts(first: 10000) { edges { node { id } } } }', 'Query is too costly: ask for fewer rows or fewer nested fields'],
        [`{ team { ${'... on Team { id name } '.repeat(80)} } }`, 'Query is too broad: ask for fewer rows or fewer nested fields'],
      ];
      for (const [query, message] of cases) {
        const answer = await graphqlPost(url, key, query);
        expectLimit(answer, /./);
        expect(answer.errors?.[0]?.message).toBe(message);
        expect(JSON.stringify(answer.errors)).not.toMatch(/limit of|found \d|\b(10|15|20|2000|20000|150)\b/);
      }
      expect(await segmentsNamed('g8')).toEqual([]);
    } finally {
      await production.close();
    }
  });

  it('G7 runs every operation the admin ships (read from its .graphql files) within the limits, at the largest page size', async () => {
    const adminKey = await roster.newKey('hostile-gql-admin');
    const operations = adminOperations();
    expect(operations.length).toBeGreaterThan(10);
    const refused: string[] = [];
    for (const { name, document, operation } of operations) {
      const variables = sampleVariables(operation);
      const query = print(document);
      let errors: { message: string; extensions?: Record<string, unknown> }[];
      if (operation.operation === 'subscription') {
        const response = await fetch(`${roster.url}/graphql`, {
          method: 'POST',
          headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json', accept: 'text/event-stream' },
          body: JSON.stringify({ query, variables }),
          signal: AbortSignal.timeout(30_000),
        });
        const text = await response.text();
        errors = [...text.matchAll(/^data: (\{.*\})$/gm)].flatMap((m) => (JSON.parse(m[1]!) as { errors?: typeof errors }).errors ?? []);
      } else if (uploadVariables(operation).length > 0) {
        const files = uploadVariables(operation);
        const form = multipart([
          { name: 'operations', value: JSON.stringify({ query, variables }) },
          { name: 'map', value: JSON.stringify(Object.fromEntries(files.map((v, i) => [String(i), [`variables.${v}`]]))) },
          ...files.map((_, i) => ({ name: String(i), value: 'email\ng7@hostile.test\n', filename: 'g7.csv' })),
        ]);
        const answer = await rawRequest(roster.url, { path: '/graphql', headers: { authorization: `Bearer ${adminKey}`, 'x-graphql-yoga-csrf': '1', 'content-type': form.contentType }, chunks: [form.body] });
        errors = (answer.json as { errors?: typeof errors }).errors ?? [];
      } else {
        errors = (await graphqlPost(roster.url, adminKey, query, variables)).errors ?? [];
      }
      for (const error of errors) {
        if (LIMIT_MESSAGE.test(error.message) || error.extensions?.code === 'QUERY_TOO_COMPLEX' || /Validation aborted/.test(error.message)) refused.push(`${name}: ${error.message}`);
      }
    }
    expect(refused).toEqual([]);
  });
});

describe('1.2 introspection, suggestions, persisted operations', () => {
  it('G9 answers the standard introspection query to a key holder (the schema is public API documentation) and refuses it without a key', async () => {
    // Decision: introspection stays on. The schema is published (schema.graphql, GraphiQL) for API
    // users and their codegen; only key holders reach it, like every other operation (G11).
    const answer = await post(getIntrospectionQuery());
    expect(answer.status).toBe(200);
    expect(answer.errors).toBeUndefined();
    const types = (answer.data?.__schema as { types: { name: string }[] } | undefined)?.types.map((t) => t.name);
    expect(types).toEqual(expect.arrayContaining(['Contact', 'ContactImport', 'Mutation', 'Subscription']));
    const anonymous = await graphqlPost(roster.url, null, getIntrospectionQuery());
    expect(anonymous.status).toBe(401);
    expect(anonymous.text).not.toMatch(/__schema|Contact/);
  });

  it('G10 gives no "Did you mean" for a misspelled field, argument, type or enum value', async () => {
    const answers = [
      await post('{ contactz { totalCount } }'),
      await post('{ contacts(frist: 1) { totalCont } }'),
      await post('query Q($f: ContactFiltr) { contacts(filter: $f) { totalCount } }'),
      await post('{ contacts(order: NEWEST) { totalCount } }'),
    ];
    for (const answer of answers) {
      expect(answer.errors?.length, answer.text).toBeGreaterThan(0);
      for (const error of answer.errors ?? []) {
        expect(error.message).not.toMatch(/did you mean/i);
        expect(error.message).not.toMatch(/"(contacts|first|totalCount|ContactFilter|NEWEST_FIRST)"/);
      }
    }
  });

  it('G11 takes any document from a key holder (no persisted operations) but refuses every request without a valid key before parsing it', async () => {
    // Decision: Roster's GraphQL API is public to key holders (SDKs, scripts, the admin), so
    // arbitrary operations are allowed; the boundary is the key, checked before the body is parsed.
    const novel = await post(`query HostileNever${Date.now()} { team { name } }`);
    expect(novel.data).toEqual({ team: { name: 'hostile-gql' } });
    const garbage = '{ {{{ this is not GraphQL';
    expect((await post(garbage)).errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    const huge = `{ ${'team { name } '.repeat(5000)} }`;
    for (const [name, authorization, status, code] of [
      ['no key', null, 401, 'MISSING_API_KEY'],
      ['an unknown key', 'Bearer re_unknown_0000000000000000000000000000', 403, 'INVALID_API_KEY'],
      ['a malformed header', 'Basic dXNlcjpwYXNz', 401, 'MISSING_API_KEY'],
    ] as const) {
      for (const query of [garbage, huge, getIntrospectionQuery()]) {
        const answer = await graphqlPost(roster.url, null, query, {}, authorization ? { authorization } : {});
        expect(answer.status, `${name}: ${answer.text}`).toBe(status);
        expect(answer.errors).toEqual([{ message: expect.any(String), extensions: { code } }]);
        expect(answer.text).not.toMatch(/Syntax Error|too long|__schema/);
      }
      // GET and multipart are refused the same way (CSRF header given, so only the key is missing).
      const get = await fetch(`${roster.url}/graphql?query=${encodeURIComponent(garbage)}`, { headers: { 'x-graphql-yoga-csrf': '1', ...(authorization ? { authorization } : {}) } });
      expect(get.status).toBe(status);
    }
  });
});

describe('1.3 error masking', () => {
  it('G12 masks a database error as "Unexpected error." (GraphQL and REST) with no message, constraint, stack or originalError', async () => {
    await roster.query(`create function hostile_fail() returns trigger language plpgsql as
      $$ begin raise exception 'secret detail: key (email)=(ann@example.com) violates hostile_idx'; end $$`);
    await roster.query('create trigger hostile_fail before insert on topic for each row execute function hostile_fail()');
    try {
      const answer = await post('mutation { createTopic(input: {name: "g12", defaultSubscription: OPT_IN}) { __typename } }');
      expect(answer.status).toBe(200);
      expect(answer.data ?? null).toBeNull();
      expect(answer.errors).toHaveLength(1);
      expect(answer.errors?.[0]?.message).toBe('Unexpected error.');
      expect(answer.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      expect(Object.keys(answer.errors?.[0]?.extensions ?? {}).sort()).toEqual(expect.arrayContaining(['code']));
      expect(answer.errors?.[0]?.extensions).not.toHaveProperty('originalError');
      expect(answer.errors?.[0]?.extensions).not.toHaveProperty('stacktrace');
      // The yoga path (GET) masks the same way.
      const viaGet = await fetch(`${roster.url}/graphql?query=${encodeURIComponent('{ team { name } }')}`, { headers: { authorization: `Bearer ${key}`, 'x-graphql-yoga-csrf': '1' } });
      expect(viaGet.status).toBe(200);
      const restAnswer = await rest(roster.url, key, 'POST', '/topics', { name: 'g12-rest', default_subscription: 'opt_in' });
      expect(restAnswer.status).toBe(500);
      expect(restAnswer.body).toMatchObject({ statusCode: 500, name: 'application_error' });
      for (const text of [answer.text, restAnswer.text]) expect(text).not.toMatch(/secret|ann@example|hostile_idx|insert into|plpgsql|\bat \S+:\d+/i);
      expect(await roster.query("select 1 from topic where name like 'g12%'")).toEqual([]);
    } finally {
      await roster.query('drop trigger hostile_fail on topic');
      await roster.query('drop function hostile_fail');
    }
  });

  it('G13 lets intentional errors through unmasked with a stable extensions.code', async () => {
    const page = await post('{ segments(first: 101) { edges { node { id } } } }');
    expect(page.errors?.[0]).toMatchObject({
      message: 'first: Must be an integer between 0 and 100',
      extensions: { code: 'VALIDATION', issues: [{ path: ['first'], message: 'Must be an integer between 0 and 100' }] },
    });
    const cost = await post('{ contacts(first: 10000) { edges { node { id } } } }');
    expect(cost.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    const progress = await fetch(`${roster.url}/graphql`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ query: 'subscription { importProgress(id: "00000000-0000-7000-8000-000000000000") { id } }' }),
    });
    const frames = await progress.text();
    expect(frames).toContain('"code":"NOT_FOUND"');
    expect(frames).toContain('Contact import not found: 00000000-0000-7000-8000-000000000000');
    const typed = await post('mutation { cancelContactImport(id: "00000000-0000-7000-8000-000000000000") { __typename ... on NotFoundError { resource ref message } } }');
    expect(typed.data).toEqual({
      cancelContactImport: { __typename: 'NotFoundError', resource: 'Contact import', ref: '00000000-0000-7000-8000-000000000000', message: 'Contact import not found: 00000000-0000-7000-8000-000000000000' },
    });
  });
});

describe('1.4 request shape', () => {
  it('G14 refuses a mutation over GET with 405 and Allow: POST, running nothing (also when picked by operationName)', async () => {
    const document = 'query HostileRead { team { name } } mutation HostileWrite { createSegment(input: {name: "g14"}) { __typename } }';
    for (const url of [
      `${roster.url}/graphql?query=${encodeURIComponent('mutation { createSegment(input: {name: "g14"}) { __typename } }')}`,
      `${roster.url}/graphql?query=${encodeURIComponent(document)}&operationName=HostileWrite`,
    ]) {
      const response = await fetch(url, { headers: { authorization: `Bearer ${key}`, 'x-graphql-yoga-csrf': '1' } });
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('POST');
      expect(await response.text()).toContain('Can only perform a mutation operation from a POST request.');
    }
    const read = await fetch(`${roster.url}/graphql?query=${encodeURIComponent(document)}&operationName=HostileRead`, { headers: { authorization: `Bearer ${key}`, 'x-graphql-yoga-csrf': '1' } });
    expect(await read.json()).toEqual({ data: { team: { name: 'hostile-gql' } } });
    expect(await segmentsNamed('g14')).toEqual([]);
  });

  it('G15 refuses batches (batching is off): 2 or 11 operations get 400 and none runs', async () => {
    for (const n of [2, 11]) {
      const batch = Array.from({ length: n }, (_, i) => ({ query: `mutation { createSegment(input: {name: "g15-${n}-${i}"}) { __typename } }` }));
      const answer = await graphqlBody(roster.url, key, JSON.stringify(batch));
      expect(answer.status).toBe(400);
      expect(answer.errors?.[0]).toMatchObject({ message: 'Batching is not supported.', extensions: { code: 'BAD_REQUEST' } });
    }
    expect(await segmentsNamed('g15-')).toEqual([]);
  });

  it('G16 refuses a declared body over 25 MB with 413 without reading it, and counts a chunked body to the same limit', async () => {
    const declared = await rawRequest(roster.url, {
      path: '/graphql',
      headers: { 'content-type': 'application/json', 'content-length': String(30_000_000), authorization: `Bearer ${key}` },
      chunks: [Buffer.from('{"query":"mutation { createSegment(input: {name: \\"g16\\"}) { __typename } }", "variables": {"x": "')],
      // The body is never finished: an answer proves the server refused it unread.
      mode: 'hold',
    });
    expect(declared.status).toBe(413);
    expect(declared.json).toMatchObject({ errors: [{ message: 'Request body too large', extensions: { code: 'REQUEST_ENTITY_TOO_LARGE' } }] });
    const chunked = await rawRequest(roster.url, {
      path: '/graphql',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      chunks: [
        Buffer.from('{"query":"mutation { createSegment(input: {name: \\"g16\\"}) { __typename } }", "variables": {"x": "'),
        ...Array.from({ length: 26 }, () => Buffer.alloc(1_000_000, 97)),
        Buffer.from('"}}'),
      ],
    });
    expect(chunked.status).toBe(413);
    expect(chunked.json).toMatchObject({ errors: [{ message: 'Request body too large' }] });
    // REST's JSON bodies are capped at 1 MB the same way.
    const restBody = await rest(roster.url, key, 'POST', '/contacts', { email: 'g16@hostile.test', first_name: 'x'.repeat(1_100_000) });
    expect(restBody.status).toBe(413);
    expect(restBody.body).toEqual({ statusCode: 413, name: 'payload_too_large', message: 'The request body is larger than 1048576 bytes.' });
    expect(await segmentsNamed('g16')).toEqual([]);
    expect(await roster.query("select 1 from contact where email = 'g16@hostile.test'")).toEqual([]);
  });

  // A regression test for a bug this suite found, fixed at its root (packages/server/src/graphql.ts, useRequestBodyLimit / the yoga path of
  // createGraphQLListener): a chunked body refused at 25 MB is answered 413 with `connection:
  // keep-alive`, but the rest of the body is never read, so the next request on that connection is
  // never parsed: it hangs until keepAliveTimeout (5 s) and is reset (ECONNRESET). The multipart and
  // REST paths send `connection: close` in this case (refuseUnread, the REST 413 handler). Fix: when
  // the response is written while the request body is unfinished, send `connection: close` (or drain
  // a bounded rest). Fixed: the refusal closes the connection.
  it('G16 keeps a keep-alive connection usable (or closes it) after refusing a chunked body', async () => {
    expect(await afterChunkedRefusal('/graphql', '{"query":"{ team { name } }", "variables": {"x": "', 26)).toMatch(/^(closed|200)$/);
  });

  it('G16 REST closes the connection after refusing an over-limit chunked JSON body', async () => {
    expect(await afterChunkedRefusal('/contacts', '{"email": "g16-chunked@hostile.test", "first_name": "', 2)).toMatch(/^(closed|200)$/);
  });

  it('G16 answers a malformed or doubled Content-Length with 400 and closes the connection', async () => {
    for (const length of ['Content-Length: 12abc', 'Content-Length: -1', 'Content-Length: 2\r\nContent-Length: 3']) {
      const answer = await rawSocket(roster.url, `POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nAuthorization: Bearer ${key}\r\n${length}\r\n\r\n{}`);
      expect(statusOf(answer), answer).toBe(400);
      expect(answer).toMatch(/connection: close/i);
    }
    expect((await post('{ team { name } }')).data).toEqual({ team: { name: 'hostile-gql' } });
  });

  it('G16 does not decode compressed bodies, so compression cannot smuggle a body past the limit', async () => {
    // 30 MB of JSON compressed to ~30 KB: refused as what it is (not JSON), never inflated.
    const bomb = gzipSync(Buffer.from(JSON.stringify({ query: '{ team { name } }', variables: { x: 'a'.repeat(30_000_000) } })));
    const answer = await rawRequest(roster.url, {
      path: '/graphql',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': String(bomb.length), authorization: `Bearer ${key}` },
      chunks: [bomb],
    });
    expect(answer.status).toBe(400);
    expect(answer.json).toMatchObject({ errors: [{ message: 'POST body sent invalid JSON.', extensions: { code: 'BAD_REQUEST' } }] });
  });
});

describe('1.5 CORS and CSRF', () => {
  let allowing: App;
  let allowingUrl: string;
  beforeAll(async () => {
    allowing = createApp(roster.orm, readEnv({ NODE_ENV: 'production', ROSTER_CORS_ORIGINS: 'https://admin.example' }));
    await new Promise<void>((done) => allowing.server.listen(0, '127.0.0.1', done));
    allowingUrl = `http://127.0.0.1:${(allowing.server.address() as AddressInfo).port}`;
  });
  afterAll(() => allowing.close());

  const evil = 'https://evil.example';

  it('G17 never grants https://evil.example (GraphQL, preflight, REST, export), with or without configured origins, and never credentials', async () => {
    for (const url of [roster.url, allowingUrl]) {
      const answers: Headers[] = [
        (await fetch(`${url}/graphql`, { method: 'OPTIONS', headers: { origin: evil, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' } })).headers,
        (await graphqlPost(url, key, '{ team { name } }', {}, { origin: evil })).headers,
        (await fetch(`${url}/contacts`, { headers: { origin: evil, authorization: `Bearer ${key}` } })).headers,
        (await fetch(`${url}/contacts`, { method: 'OPTIONS', headers: { origin: evil, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' } })).headers,
        (await fetch(`${url}/contacts/export.csv`, { headers: { origin: evil, authorization: `Bearer ${key}` } })).headers,
      ];
      for (const headers of answers) {
        expect(['https://evil.example', '*']).not.toContain(headers.get('access-control-allow-origin'));
        expect(headers.get('access-control-allow-credentials')).toBeNull();
      }
    }
    // A configured origin is allowed, still without credentials (keys travel in a header, not cookies).
    const admin = await fetch(`${allowingUrl}/graphql`, { method: 'OPTIONS', headers: { origin: 'https://admin.example', 'access-control-request-method': 'POST' } });
    expect(admin.headers.get('access-control-allow-origin')).toBe('https://admin.example');
    expect(admin.headers.get('access-control-allow-credentials')).toBeNull();
    // The only wildcard: the public OpenAPI description, which holds no data and takes no credentials.
    const openapi = await fetch(`${roster.url}/openapi.json`, { headers: { origin: evil } });
    expect(openapi.headers.get('access-control-allow-origin')).toBe('*');
    expect(openapi.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('G18 refuses GET ?query= and the CORS-simple content types without the CSRF header (403), and answers them with it', async () => {
    const url = `${roster.url}/graphql?query=${encodeURIComponent('{ team { name } }')}`;
    const refused = await fetch(url, { headers: { authorization: `Bearer ${key}` } });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ errors: [{ message: 'Required CSRF header(s) not present' }] });
    const allowed = await fetch(url, { headers: { authorization: `Bearer ${key}`, 'x-graphql-yoga-csrf': '1' } });
    expect(allowed.status).toBe(200);
    expect(await allowed.json()).toEqual({ data: { team: { name: 'hostile-gql' } } });
    // A cross-site form or fetch without preflight can only send these types: each needs the header.
    for (const type of ['text/plain', 'application/x-www-form-urlencoded']) {
      const body = [Buffer.from(JSON.stringify({ query: 'mutation { createSegment(input: {name: "g18"}) { __typename } }' }))];
      const simple = await rawRequest(roster.url, { path: '/graphql', headers: { authorization: `Bearer ${key}`, 'content-type': type }, chunks: body });
      expect(simple.status, type).toBe(403);
      expect(simple.text).toContain('Required CSRF header(s) not present');
    }
    // Cookies never authenticate: the admin keeps its key in session storage and sends a header.
    const cookie = await graphqlPost(roster.url, null, '{ team { name } }', {}, { cookie: `session=${key}; roster_key=${key}` });
    expect(cookie.status).toBe(401);
    expect(await segmentsNamed('g18')).toEqual([]);
  });

  it('G19 REST takes only the Authorization header: a cookie or a form post without it is 401 missing_api_key', async () => {
    const cookie = await rest(roster.url, null, 'GET', '/contacts', undefined, { cookie: `session=${key}; key=${key}` });
    expect(cookie.status).toBe(401);
    expect(cookie.body).toEqual({ statusCode: 401, name: 'missing_api_key', message: 'Missing API key in the authorization header' });
    const form = await rawRequest(roster.url, {
      path: '/contacts',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `key=${key}` },
      chunks: [Buffer.from('email=g19@hostile.test')],
    });
    expect(form.status).toBe(401);
    expect(await roster.query("select 1 from contact where email = 'g19@hostile.test'")).toEqual([]);
  });
});

/**
 * Sends `megabytes` of a chunked JSON body on a keep-alive connection (refused with 413), then a
 * small request on the same agent: 'closed' when the server closed the refused connection (the
 * second request then uses a new one), '200' when the connection was reused successfully.
 */
async function afterChunkedRefusal(path: string, start: string, megabytes: number): Promise<string> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const send = (headers: Record<string, string>, chunks: Buffer[]) =>
    new Promise<{ status: number; connection: string | undefined; reused: boolean }>((done, fail) => {
      const req = request(`${roster.url}${path}`, { method: 'POST', agent, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...headers } });
      req.on('response', (res) => {
        res.resume();
        res.on('end', () => done({ status: res.statusCode ?? 0, connection: res.headers.connection, reused: req.reusedSocket }));
      });
      req.on('error', fail);
      void (async () => {
        for (const chunk of chunks) {
          if (req.destroyed) return;
          await new Promise<void>((written) => req.write(chunk, () => written()));
        }
        req.end();
      })();
    });
  try {
    const refused = await send({}, [Buffer.from(start), ...Array.from({ length: megabytes }, () => Buffer.alloc(1_000_000, 97)), Buffer.from('"}')]);
    expect(refused.status).toBe(413);
    if (refused.connection === 'close') return 'closed';
    const next = await send({}, [Buffer.from(path === '/graphql' ? '{"query":"{ team { name } }"}' : '{"email": "g16-next@hostile.test"}')]);
    return String(next.status === 200 || next.status === 201 ? 200 : next.status);
  } catch (error) {
    return `failed: ${(error as Error).message}`;
  } finally {
    agent.destroy();
  }
}

// ------------------------------------------------------------------------------- G7 helpers

const ADMIN_SRC = resolve(import.meta.dirname, '../../packages/admin/src');

/** Every operation in the admin's .graphql files, each with the fragments it uses (from any file). */
function adminOperations(): { name: string; document: { kind: Kind.DOCUMENT; definitions: DefinitionNode[] }; operation: OperationDefinitionNode }[] {
  const files = readdirSync(ADMIN_SRC, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.graphql'));
  const definitions = files.flatMap((f) => parse(readFileSync(resolve(ADMIN_SRC, f), 'utf8')).definitions);
  const fragments = new Map(definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
  const operations = definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  return operations.map((operation) => {
    const used = new Map<string, FragmentDefinitionNode>();
    const collect = (node: OperationDefinitionNode | FragmentDefinitionNode) =>
      visit(node, {
        FragmentSpread(spread) {
          const fragment = fragments.get(spread.name.value);
          if (fragment && !used.has(fragment.name.value)) {
            used.set(fragment.name.value, fragment);
            collect(fragment);
          }
        },
      });
    collect(operation);
    return { name: operation.name?.value ?? '(anonymous)', document: { kind: Kind.DOCUMENT, definitions: [operation, ...used.values()] }, operation };
  });
}

function uploadVariables(operation: OperationDefinitionNode): string[] {
  return (operation.variableDefinitions ?? []).filter((v) => print(v.type).replace(/[[\]!]/g, '') === 'Upload').map((v) => v.variable.name.value);
}

/** Values for an operation's variables: page sizes at their maximum (the worst the admin can ask), required inputs filled. */
function sampleVariables(operation: OperationDefinitionNode): Record<string, unknown> {
  const variables: Record<string, unknown> = {};
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    const type = typeFromAST(schema, definition.type as never) as GraphQLInputType | undefined;
    if (!type) continue;
    if (/^(first|last)$/.test(name)) variables[name] = 100;
    else if (type instanceof GraphQLNonNull) variables[name] = sampleValue(type);
  }
  for (const name of uploadVariables(operation)) variables[name] = null;
  return variables;
}

function sampleValue(type: GraphQLInputType): unknown {
  if (type instanceof GraphQLNonNull) return sampleValue(type.ofType);
  if (type instanceof GraphQLList) return [sampleValue(type.ofType)];
  if (type instanceof GraphQLEnumType) return type.getValues()[0]?.name;
  if (type instanceof GraphQLInputObjectType) {
    return Object.fromEntries(
      Object.values(type.getFields())
        .filter((f) => f.type instanceof GraphQLNonNull && f.defaultValue === undefined)
        .map((f) => [f.name, sampleValue(f.type)]),
    );
  }
  const scalar = (type as GraphQLScalarType).name;
  return (
    { ID: '00000000-0000-7000-8000-000000000000', String: 'g7@hostile.test', Int: 1, Float: 1, Boolean: false, DateTime: new Date(0).toISOString(), JSON: {} } as Record<string, unknown>
  )[scalar];
}
