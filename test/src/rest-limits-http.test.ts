import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Roster, startRoster } from './harness';

// The rate limiter and the idempotency store as a client of the REST API meets them.
let roster: Roster;
let key: string;
beforeAll(async () => {
  roster = await startRoster({ rateLimit: 5 });
  key = await roster.newKey('limits-http');
});
afterAll(() => roster.close());

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${roster.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('REST rate limits and idempotency over HTTP', () => {
  it('sends the rate limit headers on every answer and 429 with retry-after past the limit', async () => {
    const answers = [];
    for (let i = 0; i < 8; i++) answers.push(await fetch(`${roster.url}/segments`, { headers: { authorization: `Bearer ${key}` } }));
    const first = answers[0]!;
    expect(first.status).toBe(200);
    expect(first.headers.get('ratelimit-limit')).toBe('5');
    expect(first.headers.get('ratelimit-policy')).toBe('5;w=1');
    expect(first.headers.get('ratelimit-remaining')).not.toBeNull();
    const refused = answers.find((a) => a.status === 429);
    expect(refused).toBeDefined();
    expect(Number(refused!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(refused!.headers.get('ratelimit-remaining')).toBe('0');
    expect(await refused!.json()).toMatchObject({ statusCode: 429, name: 'rate_limit_exceeded' });
    await new Promise((resolve) => setTimeout(resolve, 1500)); // let the bucket refill for the next test
  });

  it('answers a retried POST /contacts with the first answer, and refuses the same key with another body', async () => {
    const first = await post('/contacts', { email: 'idem@example.com' }, { 'idempotency-key': 'k-1' });
    expect(first.status).toBe(201);
    const created = await first.json();
    const retry = await post('/contacts', { email: 'idem@example.com' }, { 'idempotency-key': 'k-1' });
    expect(retry.status).toBe(201);
    expect(await retry.json()).toEqual(created);
    const other = await post('/contacts', { email: 'other@example.com' }, { 'idempotency-key': 'k-1' });
    expect(other.status).toBe(409);
    expect(await other.json()).toMatchObject({ statusCode: 409, name: 'invalid_idempotent_request' });
    expect(await roster.query('select email from contact where lower(email) like $1', ['%@example.com'])).toEqual([{ email: 'idem@example.com' }]);
  });
});
