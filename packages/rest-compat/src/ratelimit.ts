/**
 * A pg-style query runner (`$1` placeholders). Run it in autocommit mode on a pool, never inside a
 * request's transaction: the statements below read the clock with `now()` and lock one row.
 */
export type SqlQuery = (text: string, params: unknown[]) => Promise<{ rows: unknown[] }>;

/** The outcome of one request against its team's bucket, in the units of Resend's headers. */
export interface RateDecision {
  allowed: boolean;
  limit: number;
  /** Whole requests left right now. */
  remaining: number;
  /** Seconds until the bucket is full again. */
  resetSeconds: number;
  /** Seconds to wait before a refused request can pass (0 when allowed). */
  retryAfterSeconds: number;
}

// One statement per request. The bucket row of the team is locked by the upsert itself, so
// concurrent requests from any process serialize on it and each sees the tokens the previous one
// left (no read-then-write race). Refill is continuous: `limit` tokens per second, capped at
// `limit` (the burst). A refused request changes nothing (the `where` of the update fails), so it
// returns no row. `now()` is the statement's start: a statement that waited for the lock can be
// "older" than the row, hence the greatest() guards that keep the clock and the tokens monotonic.
const TAKE = `
  insert into rest_rate_bucket as b (team_id, tokens, updated_at)
  values ($1, $2::float8 - 1, now())
  on conflict (team_id) do update
    set tokens = least($2::float8, b.tokens + $2::float8 * greatest(0, extract(epoch from now() - b.updated_at)::float8)) - 1,
        updated_at = greatest(b.updated_at, now())
    where least($2::float8, b.tokens + $2::float8 * greatest(0, extract(epoch from now() - b.updated_at)::float8)) >= 1
  returning tokens`;

/**
 * Takes one token from the team's bucket (shared by all its keys and all server processes).
 * `limitPerSecond` is both the refill rate and the burst.
 */
export async function takeToken(query: SqlQuery, teamId: string, limitPerSecond: number): Promise<RateDecision> {
  const limit = Math.max(1, Math.floor(limitPerSecond));
  const { rows } = await query(TAKE, [teamId, limit]);
  const row = rows[0] as { tokens: number | string } | undefined;
  if (!row) {
    // Fewer than one token was left; at `limit` >= 1 token/s the next one is under a second away,
    // and so is a full bucket.
    return { allowed: false, limit, remaining: 0, resetSeconds: 1, retryAfterSeconds: 1 };
  }
  const tokens = Math.max(0, Number(row.tokens));
  return {
    allowed: true,
    limit,
    remaining: Math.floor(tokens),
    resetSeconds: Math.ceil((limit - tokens) / limit),
    retryAfterSeconds: 0,
  };
}

/**
 * Resend's rate-limit headers (draft-ietf-httpapi-ratelimit-headers-06 names, as its API sends
 * them), for every REST response; `retry-after` only on a refusal.
 */
export function rateLimitHeaders(d: RateDecision): Record<string, string> {
  const headers: Record<string, string> = {
    'ratelimit-limit': String(d.limit),
    'ratelimit-remaining': String(d.remaining),
    'ratelimit-reset': String(d.resetSeconds),
    'ratelimit-policy': `${d.limit};w=1`,
  };
  if (!d.allowed) headers['retry-after'] = String(Math.max(1, d.retryAfterSeconds));
  return headers;
}

/** The body of the 429 answer, in Resend's error shape and wording. */
export function rateLimitError(): { statusCode: 429; name: 'rate_limit_exceeded'; message: string } {
  return {
    statusCode: 429,
    name: 'rate_limit_exceeded',
    message: 'Too many requests. Please limit the number of requests per second. Or contact support to increase rate limit.',
  };
}
