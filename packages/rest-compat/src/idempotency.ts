import { createHash } from 'node:crypto';
import type { SqlQuery } from './ratelimit';

/**
 * What to do with a request carrying `Idempotency-Key`: run it (`new`), answer with the stored
 * first answer (`replay`), or refuse it (409 `mismatch` / `in_progress`, 400 `invalid_key`).
 */
export type IdempotencyStart =
  | { kind: 'new' }
  /**
   * `bodyHash` is the first request's hash. A caller that began with `bodyHash: null` (a streamed
   * upload, hashed only once read) must compare it with its own before replaying.
   */
  | { kind: 'replay'; status: number; body: unknown; bodyHash: string | null }
  | { kind: 'mismatch' }
  | { kind: 'in_progress' }
  | { kind: 'invalid_key'; message: string };

/** Answers are kept this long; older rows are deleted by later calls. */
export const IDEMPOTENCY_TTL = '24 hours';
// A row still unfinished after this long belongs to a process that died mid-request; a retry may
// take it over instead of getting 409 for a whole day. Well above the slowest 200 MB upload.
const ABANDONED_AFTER = '15 minutes';
const MAX_KEY_LENGTH = 256;

interface StoredRow {
  method_path: string;
  body_hash: string | null;
  status: number | null;
  response: unknown;
  abandoned: boolean;
}

// Up to 100 expired rows of any team, plus this key's own if expired (so it can be reused now).
// `skip locked`: concurrent callers sweep different rows instead of queueing on the same ones.
const SWEEP = `
  delete from rest_idempotency
  where (team_id = $1 and key = $2 and created_at < now() - interval '${IDEMPOTENCY_TTL}')
     or (team_id, key) in (
       select team_id, key from rest_idempotency
       where created_at < now() - interval '${IDEMPOTENCY_TTL}'
       limit 100 for update skip locked)`;

const CLAIM = `
  insert into rest_idempotency (team_id, key, method_path, body_hash) values ($1, $2, $3, $4)
  on conflict (team_id, key) do nothing
  returning 1`;

const READ = `
  select method_path, body_hash, status, response, created_at < now() - interval '${ABANDONED_AFTER}' as abandoned
  from rest_idempotency where team_id = $1 and key = $2`;

const TAKE_OVER = `
  update rest_idempotency set method_path = $3, body_hash = $4, created_at = now()
  where team_id = $1 and key = $2 and status is null and created_at < now() - interval '${ABANDONED_AFTER}'
  returning 1`;

/**
 * Records that this team's request with `key` is running, unless the key was seen before.
 * `methodPath` is e.g. `POST /contacts`; `bodyHash` from {@link hashBody} / {@link hashFields},
 * or null when the body is only known after it has been consumed (then pass it to
 * {@link finishIdempotent}). After `new`, the caller must call finishIdempotent on every path.
 */
export async function beginIdempotent(
  query: SqlQuery,
  teamId: string,
  key: string,
  methodPath: string,
  bodyHash: string | null,
): Promise<IdempotencyStart> {
  if (key.length < 1 || key.length > MAX_KEY_LENGTH) {
    return { kind: 'invalid_key', message: `The idempotency key must be between 1 and ${MAX_KEY_LENGTH} characters.` };
  }
  await query(SWEEP, [teamId, key]);
  // A row seen as taken can vanish before it is read (its request failed with a 5xx); then the
  // key is free again and the claim is retried.
  for (let attempt = 0; attempt < 3; attempt++) {
    if ((await query(CLAIM, [teamId, key, methodPath, bodyHash])).rows.length > 0) return { kind: 'new' };
    const row = (await query(READ, [teamId, key])).rows[0] as StoredRow | undefined;
    if (!row) continue;
    const sameBody = bodyHash === null || row.body_hash === null || row.body_hash === bodyHash;
    if (row.method_path !== methodPath || !sameBody) return { kind: 'mismatch' };
    if (row.status === null) {
      if (row.abandoned && (await query(TAKE_OVER, [teamId, key, methodPath, bodyHash])).rows.length > 0) return { kind: 'new' };
      return { kind: 'in_progress' };
    }
    return { kind: 'replay', status: row.status, body: row.response, bodyHash: row.body_hash };
  }
  return { kind: 'in_progress' };
}

/**
 * Stores the answer of a request that began as `new`, for replays. A 5xx answer (or a request
 * that threw: pass 500) deletes the row instead, so a retry with the same key runs again.
 * `bodyHash` completes a row begun with a null hash.
 */
export async function finishIdempotent(
  query: SqlQuery,
  teamId: string,
  key: string,
  status: number,
  body: unknown,
  bodyHash: string | null = null,
): Promise<void> {
  if (status >= 500) {
    await query('delete from rest_idempotency where team_id = $1 and key = $2 and status is null', [teamId, key]);
    return;
  }
  await query(
    `update rest_idempotency set status = $3, response = $4::jsonb, body_hash = coalesce($5, body_hash)
     where team_id = $1 and key = $2 and status is null`,
    [teamId, key, status, JSON.stringify(body ?? null), bodyHash],
  );
}

/** The Resend error body for a refused start; null for `new` and `replay`. */
export function idempotencyError(start: IdempotencyStart): { statusCode: 400 | 409; name: string; message: string } | null {
  switch (start.kind) {
    case 'new':
    case 'replay':
      return null;
    case 'invalid_key':
      return { statusCode: 400, name: 'invalid_idempotency_key', message: start.message };
    case 'mismatch':
      return {
        statusCode: 409,
        name: 'invalid_idempotent_request',
        message: 'Same idempotency key used with a different request payload. Change your idempotency key or payload.',
      };
    case 'in_progress':
      return {
        statusCode: 409,
        name: 'concurrent_idempotent_requests',
        message: 'Same idempotency key used while original request is still in progress. Try the request again later.',
      };
  }
}

/** sha256 (hex) of a request body as received. */
export function hashBody(body: Buffer | string): string {
  return createHash('sha256').update(body).digest('hex');
}

/** An incremental sha256 (hex), e.g. for a file part as it streams. */
export function createHasher(): { update(chunk: Buffer | Uint8Array | string): void; digest(): string } {
  const hash = createHash('sha256');
  return {
    update(chunk) {
      hash.update(chunk);
    },
    digest() {
      return hash.digest('hex');
    },
  };
}

/**
 * sha256 (hex) of form fields, independent of their order and of the multipart boundary (which
 * a client draws anew on each retry). Put a file in as its {@link createHasher} digest.
 */
export function hashFields(fields: Record<string, string>): string {
  const entries = Object.entries(fields).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return hashBody(JSON.stringify(entries));
}
