import { verifyDownloadUrl } from '@roster/schema/auth/download-link';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Roster, startRoster, uploadCsv } from './harness';

// Signed download links: how a browser streams a large CSV to disk without an Authorization header.

let roster: Roster;
let keyA: string;
let keyB: string;

const SIGN = 'mutation LinkSign($path: String!) { createDownloadUrl(path: $path) { __typename ... on DownloadUrl { url expiresAt } ... on ValidationError { message issues { path message } } } }';

async function sign(key: string, path: string): Promise<{ __typename: string; url?: string; expiresAt?: string; message?: string }> {
  const response = await fetch(`${roster.url}/graphql`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ query: SIGN, variables: { path } }),
  });
  const body = (await response.json()) as { data: { createDownloadUrl: { __typename: string; url?: string } } };
  return body.data.createDownloadUrl;
}

beforeAll(async () => {
  roster = await startRoster();
  keyA = await roster.newKey('links-a');
  keyB = await roster.newKey('links-b');
  for (const [key, email] of [
    [keyA, 'ada@a.example'],
    [keyB, 'bob@b.example'],
  ] as const) {
    await fetch(`${roster.url}/contacts`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify({ email }) });
  }
});
afterAll(() => roster?.close());

describe('signed download links', () => {
  it('downloads the export with no Authorization header, for the signing key’s team only', async () => {
    const signed = await sign(keyA, '/contacts/export.csv?search=ada');
    expect(signed.__typename).toBe('DownloadUrl');
    expect(signed.url).toMatch(/^\/contacts\/export\.csv\?search=ada&dl=[0-9a-f-]{36}\.\d+\.[\w-]{43}$/);
    expect(new Date(signed.expiresAt!).getTime() - Date.now()).toBeLessThanOrEqual(300_000);
    const response = await fetch(`${roster.url}${signed.url}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toContain('attachment');
    const csv = await response.text();
    expect(csv).toContain('ada@a.example');
    expect(csv).not.toContain('bob@b.example');
  });

  it('refuses a link whose query was changed, whose signature is forged, or whose key was revoked', async () => {
    const signed = await sign(keyA, '/contacts/export.csv?search=ada');
    const widened = signed.url!.replace('search=ada&', '');
    expect((await fetch(`${roster.url}${widened}`)).status).toBe(403);
    const forged = signed.url!.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    const refused = await fetch(`${roster.url}${forged}`);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ name: 'invalid_download_link', message: expect.stringContaining('expired') });

    const keyC = await roster.newKey('links-a');
    const revocable = await sign(keyC, '/contacts/export.csv');
    expect((await fetch(`${roster.url}${revocable.url}`)).status).toBe(200);
    await roster.query("update api_key set revoked_at = now() where team_id = (select id from team where name = 'links-a') and revoked_at is null and id <> (select id from api_key order by created_at limit 1)");
    expect((await fetch(`${roster.url}${revocable.url}`)).status).toBe(403);
  });

  it('expires after five minutes', async () => {
    const signed = await sign(keyB, '/contacts/export.csv');
    const url = new URL(signed.url!, roster.url);
    const em = roster.orm.em.fork();
    expect(await verifyDownloadUrl(em, url)).toMatchObject({ permission: 'full_access' });
    expect(await verifyDownloadUrl(em, url, Date.now() + 301_000)).toBeNull();
  });

  it('signs only the two downloads, and another team’s import failures stay not found', async () => {
    for (const path of ['/contacts', '/graphql', 'https://evil.example/contacts/export.csv', '/contacts/export.csv/../../graphql']) {
      const refused = await sign(keyA, path);
      expect(refused.__typename, path).toBe('ValidationError');
      expect(refused.message).toMatch(/can be downloaded by link/);
    }
    const upload = await uploadCsv(roster, keyB, 'email\nnot-an-email\n');
    const importId = String(upload.body.data?.importContacts?.id);
    const signedByA = await sign(keyA, `/contacts/imports/${importId}/failures.csv`);
    expect(signedByA.__typename).toBe('DownloadUrl');
    expect((await fetch(`${roster.url}${signedByA.url}`)).status).toBe(404);
  });
});
