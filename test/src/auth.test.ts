import { createHash } from 'node:crypto';
import { createApiKey, ensureTeam, revokeApiKey } from '@roster/schema/auth/api-key.service';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './gql';
import { type Roster, as, gql, ok, startRoster } from './harness';

let roster: Roster;
let key: string;
beforeAll(async () => {
  roster = await startRoster();
  key = await roster.newKey('auth-a');
});
afterAll(() => roster.close());

const Team = graphql(`query AuthTeam { team { id name } }`);

const ApiKeys = graphql(`
  query AuthApiKeys {
    apiKeys { id name hint permission createdAt revokedAt }
  }
`);

const CreateApiKey = graphql(`
  mutation AuthCreateApiKey($input: CreateApiKeyInput!) {
    createApiKey(input: $input) {
      __typename
      ... on CreatedApiKey { token apiKey { id name hint permission revokedAt } }
      ... on ValidationError { issues { path message } }
    }
  }
`);

const RevokeApiKey = graphql(`
  mutation AuthRevokeApiKey($id: ID!) {
    revokeApiKey(id: $id) {
      __typename
      ... on ApiKey { id revokedAt }
      ... on NotFoundError { message resource ref }
    }
  }
`);

interface RawResponse {
  status: number;
  headers: Headers;
  body: { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] };
}

/** POSTs `{ team { name } }` with exactly the given authorization header (or none). */
async function withAuthorization(authorization: string | null): Promise<RawResponse> {
  const response = await fetch(`${roster.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization === null ? {} : { authorization }) },
    body: JSON.stringify({ query: '{ team { name } }' }),
  });
  expect(response.headers.get('content-type')).toMatch(/^application\/(graphql-response\+)?json/);
  return { status: response.status, headers: response.headers, body: (await response.json()) as RawResponse['body'] };
}

async function teamName(token: string): Promise<string | undefined> {
  return (await gql(roster, token, Team)).data?.team.name;
}

describe('authentication on /graphql', () => {
  it('answers 401 with a JSON error naming the missing key when there is no Authorization header', async () => {
    const { status, headers, body } = await withAuthorization(null);
    expect(status).toBe(401);
    expect(headers.get('www-authenticate')).toBe('Bearer');
    expect(body.data).toBeUndefined();
    expect(body.errors).toEqual([{ message: expect.stringMatching(/missing api key/i), extensions: { code: 'MISSING_API_KEY' } }]);
  });

  it.each([
    ['another scheme', `Basic ${Buffer.from('user:pass').toString('base64')}`],
    ['no key after Bearer', 'Bearer '],
    ['two words after Bearer', 'Bearer re_a re_b'],
    ['the bare key', 're_abcdefghijklmnopqrstuvwxyz'],
  ])('answers 401 for a malformed header (%s)', async (_, header) => {
    const { status, body } = await withAuthorization(header);
    expect(status).toBe(401);
    expect(body.errors?.[0]?.extensions?.code).toBe('MISSING_API_KEY');
    expect(body.errors?.[0]?.message).toMatch(/Bearer/);
  });

  it('answers 403 for an unknown key', async () => {
    const { status, body } = await withAuthorization(`Bearer re_${'x'.repeat(43)}`);
    expect(status).toBe(403);
    expect(body.errors).toEqual([{ message: expect.stringMatching(/invalid or revoked/i), extensions: { code: 'INVALID_API_KEY' } }]);
  });

  it('accepts the scheme in any case and surrounding spaces', async () => {
    expect((await withAuthorization(`bearer ${key}`)).status).toBe(200);
    expect((await withAuthorization(`BEARER   ${key}  `)).status).toBe(200);
  });

  it('answers 401 "restricted" for a sending_access key', async () => {
    const sending = await roster.newKey('auth-a', 'sending_access');
    const { status, body } = await withAuthorization(`Bearer ${sending}`);
    expect(status).toBe(401);
    expect(body.errors).toEqual([{ message: expect.stringMatching(/restricted/i), extensions: { code: 'RESTRICTED_API_KEY' } }]);
  });

  it('refuses before parsing: a broken document without a key is still a 401', async () => {
    const response = await fetch(`${roster.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ team { ' }),
    });
    expect(response.status).toBe(401);
  });

  it('fails a key revoked through GraphQL on its very next request', async () => {
    const created = as((await ok(roster, key, CreateApiKey, { input: { name: 'to revoke' } })).createApiKey, 'CreatedApiKey');
    expect(await teamName(created.token)).toBe('auth-a');
    const revoked = as((await ok(roster, key, RevokeApiKey, { id: created.apiKey.id })).revokeApiKey, 'ApiKey');
    expect(revoked.revokedAt).not.toBeNull();
    const next = await withAuthorization(`Bearer ${created.token}`);
    expect(next.status).toBe(403);
    expect(next.body.errors?.[0]?.extensions?.code).toBe('INVALID_API_KEY');
  });

  it('fails a key revoked through the service on its very next request', async () => {
    const em = roster.orm.em.fork();
    const team = await ensureTeam(em, 'auth-a');
    const { key: row, token } = await createApiKey(em, team.id, { name: 'service revoke' });
    expect(await teamName(token)).toBe('auth-a');
    expect(await revokeApiKey(roster.orm.em.fork(), row.id)).not.toBeNull();
    expect((await withAuthorization(`Bearer ${token}`)).status).toBe(403);
  });

  it('lets a key revoke itself, and that request still completes', async () => {
    const created = as((await ok(roster, key, CreateApiKey, { input: { name: 'self' } })).createApiKey, 'CreatedApiKey');
    const result = await ok(roster, created.token, RevokeApiKey, { id: created.apiKey.id });
    expect(as(result.revokeApiKey, 'ApiKey').id).toBe(created.apiKey.id);
    expect((await withAuthorization(`Bearer ${created.token}`)).status).toBe(403);
  });
});

describe('API keys in GraphQL', () => {
  it('creates a key shown once: re_ prefix, at least 128 random bits, working for the same team', async () => {
    const first = as((await ok(roster, key, CreateApiKey, { input: { name: 'billing sync' } })).createApiKey, 'CreatedApiKey');
    const second = as((await ok(roster, key, CreateApiKey, { input: { name: 'billing sync' } })).createApiKey, 'CreatedApiKey');
    for (const created of [first, second]) {
      expect(created.token).toMatch(/^re_[A-Za-z0-9_-]+$/);
      // base64url: 6 bits a character.
      expect((created.token.length - 3) * 6).toBeGreaterThanOrEqual(128);
      expect(created.apiKey).toMatchObject({ name: 'billing sync', permission: 'FULL_ACCESS', revokedAt: null });
      expect(await teamName(created.token)).toBe('auth-a');
    }
    expect(first.token).not.toBe(second.token);
  });

  it('creates a sending_access key that the contacts API refuses', async () => {
    const created = as(
      (await ok(roster, key, CreateApiKey, { input: { name: 'sender', permission: 'SENDING_ACCESS' } })).createApiKey,
      'CreatedApiKey',
    );
    expect(created.apiKey.permission).toBe('SENDING_ACCESS');
    expect((await withAuthorization(`Bearer ${created.token}`)).status).toBe(401);
  });

  it('rejects an empty or overlong name with a ValidationError', async () => {
    for (const name of ['   ', 'n'.repeat(101)]) {
      const result = as((await ok(roster, key, CreateApiKey, { input: { name } })).createApiKey, 'ValidationError');
      expect(result.issues[0]?.path).toEqual(['input', 'name']);
    }
  });

  it('lists keys with a hint, never the secret, and stores only a SHA-256 hash', async () => {
    const created = as((await ok(roster, key, CreateApiKey, { input: { name: 'listed' } })).createApiKey, 'CreatedApiKey');
    const { apiKeys } = await ok(roster, key, ApiKeys);
    const listed = apiKeys.find((k) => k.id === created.apiKey.id);
    expect(listed).toMatchObject({ name: 'listed', permission: 'FULL_ACCESS', revokedAt: null });
    expect(listed?.hint).toBe(created.apiKey.hint);
    expect(listed?.hint.startsWith('re_')).toBe(true);
    expect(listed?.hint.length).toBeLessThan(16);
    expect(JSON.stringify(apiKeys)).not.toContain(created.token);
    // Newest first.
    expect(apiKeys[0]?.id).toBe(created.apiKey.id);

    const [row] = await roster.query<{ token_hash: string; whole: string }>(
      'select token_hash, row_to_json(k)::text as whole from api_key k where id = $1',
      [created.apiKey.id],
    );
    expect(row?.token_hash).toBe(createHash('sha256').update(created.token).digest('hex'));
    expect(row?.whole).not.toContain(created.token);
    expect(row?.whole).not.toContain(created.token.slice(3, 30));
  });

  it('does not revoke another team’s key: NotFoundError, and the key keeps working', async () => {
    const other = await roster.newKey('auth-b');
    const { apiKeys } = await ok(roster, other, ApiKeys);
    const otherId = apiKeys[0]?.id;
    expect(otherId).toBeDefined();
    const result = as((await ok(roster, key, RevokeApiKey, { id: otherId ?? '' })).revokeApiKey, 'NotFoundError');
    expect(result).toMatchObject({ resource: 'API key', ref: otherId });
    expect(await teamName(other)).toBe('auth-b');
    const [row] = await roster.query<{ revoked_at: Date | null }>('select revoked_at from api_key where id = $1', [otherId]);
    expect(row?.revoked_at).toBeNull();
    // And team A's list never shows team B's key.
    expect((await ok(roster, key, ApiKeys)).apiKeys.map((k) => k.id)).not.toContain(otherId);
  });

  it('answers NotFoundError for an id that is not a key at all', async () => {
    for (const id of ['nope', '00000000-0000-0000-0000-000000000000']) {
      expect(as((await ok(roster, key, RevokeApiKey, { id })).revokeApiKey, 'NotFoundError').ref).toBe(id);
    }
  });
});
