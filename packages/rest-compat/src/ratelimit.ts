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
  values ($1, $2::float8 - $3::float8, now())
  on conflict (team_id) do update
    set tokens = least($2::float8, b.tokens + $2::float8 * greatest(0, extract(epoch from now() - b.updated_at)::float8)) - $3::float8,
        updated_at = greatest(b.updated_at, now())
    where least($2::float8, b.tokens + $2::float8 * greatest(0, extract(epoch from now() - b.updated_at)::float8)) >= $3::float8
  returning tokens`;

/**
 * Takes one token from the team's bucket (shared by all its keys and all server processes).
 * `limitPerSecond` is both the refill rate and the burst.
 */
export async function takeToken(query: SqlQuery, teamId: string, limitPerSecond: number, count = 1): Promise<RateDecision> {
  const limit = Math.max(1, Math.floor(limitPerSecond));
  const { rows } = await query(TAKE, [teamId, limit, count]);
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

/**
 * The bucket as a server process uses it: a request that finds tokens leased to this process for
 * its team spends one without a round trip; otherwise it takes a lease of a few tokens (1/20 of the
 * per-second budget) from the shared bucket. Leased tokens are already gone from the bucket, so all
 * processes together never exceed the limit; a lease unused after `leaseMs` is dropped (a little
 * under-use, never over-use). Near the limit it falls back to single tokens.
 */
export class RateLimiter {
  private readonly leases = new Map<string, { tokens: number; sharedRemaining: number; until: number }>();
  /** One lease request per team at a time; concurrent requests wait for it instead of each asking. */
  private readonly fetching = new Map<string, Promise<RateDecision>>();
  private readonly limit: number;
  private readonly chunk: number;

  constructor(
    private readonly query: SqlQuery,
    limitPerSecond: number,
    private readonly leaseMs = 200,
  ) {
    this.limit = Math.max(1, Math.floor(limitPerSecond));
    this.chunk = Math.max(1, Math.floor(this.limit / 20));
  }

  async take(teamId: string): Promise<RateDecision> {
    for (;;) {
      const lease = this.leases.get(teamId);
      if (lease && lease.tokens > 0 && lease.until > Date.now()) {
        lease.tokens -= 1;
        return this.allowed(lease.sharedRemaining + lease.tokens);
      }
      let fetch = this.fetching.get(teamId);
      if (!fetch) {
        fetch = this.lease(teamId).finally(() => this.fetching.delete(teamId));
        this.fetching.set(teamId, fetch);
      }
      const decision = await fetch;
      if (!decision.allowed) return decision;
    }
  }

  private async lease(teamId: string): Promise<RateDecision> {
    let granted = this.chunk;
    let decision = await takeToken(this.query, teamId, this.limit, granted);
    if (!decision.allowed && granted > 1) {
      granted = 1;
      decision = await takeToken(this.query, teamId, this.limit, 1);
    }
    if (decision.allowed) this.leases.set(teamId, { tokens: granted, sharedRemaining: decision.remaining, until: Date.now() + this.leaseMs });
    else this.leases.delete(teamId);
    return decision;
  }

  private allowed(remaining: number): RateDecision {
    return { allowed: true, limit: this.limit, remaining, resetSeconds: Math.ceil((this.limit - remaining) / this.limit), retryAfterSeconds: 0 };
  }
}
