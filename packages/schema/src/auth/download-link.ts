import { createHmac, timingSafeEqual } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from '../shared/db';
import { ValidationError } from '../shared/errors';
import type { Permission } from './permissions';
import type { Principal } from './api-key.service';

/**
 * Download links: a browser saves a large CSV straight to disk only by following a link, and a
 * link cannot carry the `Authorization` header. So a key signs a short-lived URL for one download
 * (its exact path and query): `…&dl=<keyId>.<expires>.<signature>`, an HMAC keyed by the key's
 * stored hash, which never leaves the database. Revoking the key kills its links; changing any
 * character of the URL breaks the signature; nothing new is stored.
 */
export const DOWNLOAD_PARAM = 'dl';
const TTL_SECONDS = 300;
const DOWNLOADS = [/^\/contacts\/export\.csv$/, /^\/contacts\/imports\/[0-9a-f-]{36}\/failures\.csv$/i];

function signature(keyHash: string, keyId: string, expires: number, target: string): Buffer {
  return createHmac('sha256', keyHash).update(`${keyId}.${expires}.${target}`).digest();
}

/** `path?query` without the `dl` parameter, in the order given: what a link's signature covers. */
export function unsignedTarget(url: URL): string {
  const params = new URLSearchParams(url.searchParams);
  params.delete(DOWNLOAD_PARAM);
  const query = params.toString();
  return query ? `${url.pathname}?${query}` : url.pathname;
}

export async function signDownloadUrl(em: EntityManager, principal: Principal, target: string, now = Date.now()): Promise<{ url: string; expiresAt: Date }> {
  const url = new URL(target, 'http://roster.invalid');
  if (url.origin !== 'http://roster.invalid' || !DOWNLOADS.some((pattern) => pattern.test(url.pathname))) {
    throw ValidationError.of(['path'], 'Only /contacts/export.csv and /contacts/imports/{id}/failures.csv can be downloaded by link');
  }
  const [key] = await sql<{ token_hash: string }>(em, 'select token_hash from api_key where id = ? and revoked_at is null', [principal.keyId]);
  if (!key) throw ValidationError.of(['path'], 'The calling key was revoked');
  const expires = Math.floor(now / 1000) + TTL_SECONDS;
  const unsigned = unsignedTarget(url);
  const token = `${principal.keyId}.${expires}.${signature(key.token_hash, principal.keyId, expires, unsigned).toString('base64url')}`;
  const separator = unsigned.includes('?') ? '&' : '?';
  return { url: `${unsigned}${separator}${DOWNLOAD_PARAM}=${token}`, expiresAt: new Date(expires * 1000) };
}

/** The key behind a signed download URL, or null when the link is forged, altered, expired or its key revoked. */
export async function verifyDownloadUrl(em: EntityManager, url: URL, now = Date.now()): Promise<Principal | null> {
  const token = url.searchParams.get(DOWNLOAD_PARAM) ?? '';
  const match = /^([0-9a-f-]{36})\.(\d{1,12})\.([\w-]{43})$/i.exec(token);
  if (!match) return null;
  const [, keyId, expiresText, given] = match as unknown as [string, string, string, string];
  const expires = Number(expiresText);
  if (expires * 1000 < now) return null;
  const [key] = await sql<{ token_hash: string; team_id: string; permission: Permission }>(
    em,
    'select token_hash, team_id, permission from api_key where id = ? and revoked_at is null',
    [keyId],
  );
  if (key?.permission !== 'full_access') return null;
  const expected = signature(key.token_hash, keyId, expires, unsignedTarget(url));
  const actual = Buffer.from(given, 'base64url');
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return null;
  return { keyId, teamId: key.team_id, permission: key.permission };
}
