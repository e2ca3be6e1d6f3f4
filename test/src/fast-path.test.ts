import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Roster, startRoster } from './harness';

// Plain JSON POSTs take a lean path around yoga's Fetch adaptation (see packages/server/src/graphql.ts);
// any other Accept header goes through yoga itself. Both must answer byte for byte alike.
let roster: Roster;
let key: string;
beforeAll(async () => {
  roster = await startRoster();
  key = await roster.newKey('parity');
});
afterAll(() => roster.close());

async function both(body: string, authorization: string | null) {
  const send = async (accept: string) => {
    const response = await fetch(`${roster.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept, ...(authorization ? { authorization } : {}) },
      body,
    });
    return { status: response.status, type: response.headers.get('content-type'), body: await response.text() };
  };
  return { fast: await send('application/json'), yoga: await send('application/json, text/plain;q=0.1') };
}

describe('the fast path answers exactly as yoga does', () => {
  it.each([
    ['a query', JSON.stringify({ query: '{ team { name } }' }), true],
    ['a mutation with a typed error', JSON.stringify({ query: 'mutation { createSegment(input: {name: ""}) { __typename ... on ValidationError { issues { path message } } } }' }), true],
    ['a syntax error', JSON.stringify({ query: '{ team { ' }), true],
    ['an unknown field', JSON.stringify({ query: '{ nope }' }), true],
    ['bad variables', JSON.stringify({ query: 'query ($id: ID!) { segment(id: $id) { id } }', variables: { id: 5.5 } }), true],
    ['a query over the cost limit', JSON.stringify({ query: '{ contacts(first: 100) { edges { node { segments(first: 100) { edges { node { id } } } } } } }' }), true],
    ['invalid JSON', '{"query": ', true],
    ['no key', JSON.stringify({ query: '{ team { name } }' }), false],
  ])('%s', async (_, body, withKey) => {
    const { fast, yoga } = await both(body, withKey ? `Bearer ${key}` : null);
    expect(fast).toEqual(yoga);
  });

  it('refuses a wrong key the same way', async () => {
    const { fast, yoga } = await both(JSON.stringify({ query: '{ team { name } }' }), 'Bearer re_wrong');
    expect(fast.status).toBe(403);
    expect(fast).toEqual(yoga);
  });
});
