import type { EntityManager } from '@mikro-orm/postgresql';
import { type Principal, authenticate } from '@roster/schema/auth/api-key.service';

/** Why a request was refused; each transport renders it its own way (GraphQL here, Resend's JSON in REST). */
export type AuthFailure =
  | { code: 'missing_api_key'; status: 401; message: string }
  | { code: 'invalid_api_key'; status: 403; message: string }
  | { code: 'restricted_api_key'; status: 401; message: string }
  | { code: 'service_unavailable'; status: 503; message: string };

export type AuthResult = { ok: true; principal: Principal } | { ok: false; failure: AuthFailure };

function bearer(header: string | null | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? null;
}

/**
 * Checks `Authorization: Bearer <key>` against the stored hashes on every request (no cache, so a
 * revoked key fails on its next request) and requires full access: the contacts API is not for
 * sending-only keys.
 */
export async function authorize(em: EntityManager, header: string | null | undefined): Promise<AuthResult> {
  const token = bearer(header);
  if (!token) {
    return {
      ok: false,
      failure: {
        code: 'missing_api_key',
        status: 401,
        message: header ? 'The authorization header must be "Bearer <API key>"' : 'Missing API key in the authorization header',
      },
    };
  }
  let principal: Principal | null;
  try {
    principal = await authenticate(em, token);
  } catch {
    // The key cannot be checked (database down or pool exhausted): say so, and leak no driver detail.
    return { ok: false, failure: { code: 'service_unavailable', status: 503, message: 'The service is unavailable; try again shortly' } };
  }
  if (!principal) return { ok: false, failure: { code: 'invalid_api_key', status: 403, message: 'API key is invalid or revoked' } };
  if (principal.permission !== 'full_access') {
    return { ok: false, failure: { code: 'restricted_api_key', status: 401, message: 'This API key is restricted to only send emails' } };
  }
  return { ok: true, principal };
}
