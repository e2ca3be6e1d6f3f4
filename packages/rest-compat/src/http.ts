import { isDatabaseUnavailable } from '@roster/schema/shared/db';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type OperationFailure, RestError, failureOfGraphQLError, methodNotAllowed, notFoundRoute, toRestError } from './errors';
import { beginIdempotent, finishIdempotent, hashBody, idempotencyError } from './idempotency';
import { RateLimiter, type SqlQuery, rateLimitError, rateLimitHeaders } from './ratelimit';
import { IdempotentReplay, type Route, type RouteRequest, Router } from './router';

/** Why the caller was refused: the server's auth result, rendered as Resend's error. */
export interface AuthFailure {
  code: string;
  status: number;
  message: string;
}

export type AuthOutcome<Caller> = { ok: true; caller: Caller } | { ok: false; failure: AuthFailure };

/** What a GraphQL operation returned, as the server's runner reports it. */
export interface OperationResult {
  data?: Record<string, unknown> | null;
  errors?: readonly { message: string; path?: readonly (string | number)[]; extensions?: Record<string, unknown> }[];
}

/**
 * What the REST API needs from the server (which depends on this package, not the other way):
 * its key check and its GraphQL runner. `Caller` is whatever the runner needs to act as the key's
 * team (for Roster: the principal and its request's EntityManager).
 */
export interface RestBackend<Caller> {
  authorize(header: string | undefined): Promise<AuthOutcome<Caller>>;
  /** The team a caller acts for: rate limits and idempotency keys are per team. */
  teamOf(caller: Caller): string;
  /** `$n`-style SQL on its own connection, outside any request transaction. */
  query: SqlQuery;
  /** Requests per second per team. */
  rateLimit: number;
  runOperation(caller: Caller, query: string, variables: Record<string, unknown>): Promise<OperationResult>;
  logError(error: unknown): void;
}

export interface RestOptions {
  /** The largest JSON body read; one byte more is HTTP 413. */
  maxBodyBytes?: number;
  /** The largest uploaded file a multipart route takes (ROSTER_MAX_IMPORT_BYTES); one byte more is HTTP 413. */
  maxImportBytes?: number;
  /** Told which route answers a request (`GET /contacts/{c}`), for metrics. */
  onRoute?(res: ServerResponse, route: string): void;
}

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' } as const;

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...JSON_HEADERS, 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new RestError(413, 'payload_too_large', `The request body is larger than ${limit} bytes.`));
        req.pause();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseJson(text: string): unknown {
  if (text.trim().length === 0) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new RestError(400, 'validation_error', 'The request body is not valid JSON.');
  }
}

/**
 * The REST API as a node:http listener. It takes node's req/res directly with a precompiled route
 * table rather than Hono: Hono's node adapter turns every request into a Fetch `Request` and every
 * answer into a `Response` and back, which costs more CPU than a point read itself (the reason the
 * GraphQL path has a fast path too). Routes only reshape: each runs GraphQL operations through the
 * server's runner, so auth, validation, team isolation and errors are the GraphQL API's own.
 */
export function createRestHandler<Caller>(
  routes: readonly Route[],
  backend: RestBackend<Caller>,
  options: RestOptions = {},
): (req: IncomingMessage, res: ServerResponse) => void {
  const router = new Router(routes);
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  const maxImportBytes = options.maxImportBytes ?? 200 * 1024 * 1024;

  const limiter = new RateLimiter(backend.query, backend.rateLimit);
  /** Headers every answer to this request carries once the caller is known (rate limit state). */
  const extraHeaders = new WeakMap<IncomingMessage, Record<string, string>>();

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = req.url ?? '/';
    const queryAt = url.indexOf('?');
    const path = queryAt < 0 ? url : url.slice(0, queryAt);
    const match = router.match(req.method ?? 'GET', path);
    if (match.kind !== 'route') {
      req.resume();
      throw match.kind === 'method_not_allowed' ? methodNotAllowed() : notFoundRoute();
    }
    const { route } = match;
    options.onRoute?.(res, `${route.method} ${route.path}`);
    const declared = Number(req.headers['content-length'] ?? 0);
    if (!route.rawBody && declared > maxBodyBytes) {
      throw new RestError(413, 'payload_too_large', `The request body is larger than ${maxBodyBytes} bytes.`);
    }
    const [auth, text] = await Promise.all([
      backend.authorize(req.headers.authorization),
      route.rawBody ? Promise.resolve('') : readBody(req, maxBodyBytes),
    ]);
    if (!auth.ok) throw new RestError(auth.failure.status, auth.failure.code, auth.failure.message);
    const { caller } = auth;
    const teamId = backend.teamOf(caller);
    const decision = await limiter.take(teamId);
    const headers = rateLimitHeaders(decision);
    extraHeaders.set(req, headers);
    if (!decision.allowed) throw new RestError(429, 'rate_limit_exceeded', rateLimitError().message);
    const key = route.idempotent ? req.headers['idempotency-key'] : undefined;
    const idempotencyKey = typeof key === 'string' ? key : undefined;
    // A raw body is hashed by its route as it reads it (see RouteRequest.bodyHashed): the key is
    // claimed with no hash, and a retry's body is compared with the first one's once read.
    let replay: { status: number; body: unknown; bodyHash: string | null } | null = null;
    let rawBodyHash: string | null = null;
    if (idempotencyKey !== undefined) {
      const start = await beginIdempotent(backend.query, teamId, idempotencyKey, `${route.method} ${route.path}`, route.rawBody ? null : hashBody(text));
      const refusal = idempotencyError(start);
      if (refusal) throw new RestError(refusal.statusCode, refusal.name, refusal.message);
      if (start.kind === 'replay') {
        if (!route.rawBody) {
          sendJson(res, start.status, start.body, headers);
          return;
        }
        replay = start;
      }
    }
    const request: RouteRequest = {
      params: match.params,
      query: new URLSearchParams(queryAt < 0 ? '' : url.slice(queryAt + 1)),
      body: route.rawBody ? undefined : parseJson(text),
      raw: req,
      maxImportBytes,
      bodyHashed(hash) {
        if (idempotencyKey === undefined) return;
        if (replay) {
          if (replay.bodyHash !== null && replay.bodyHash !== hash) {
            const refusal = idempotencyError({ kind: 'mismatch' })!;
            throw new RestError(refusal.statusCode, refusal.name, refusal.message);
          }
          throw new IdempotentReplay(replay.status, replay.body);
        }
        rawBodyHash = hash;
      },
      async run<T>(query: string, variables: Record<string, unknown> = {}) {
        const result = await backend.runOperation(caller, query, variables);
        const error = result.errors?.[0];
        if (error) throw toRestError(failureOfGraphQLError(error));
        return (result.data ?? {}) as T;
      },
    };
    if (idempotencyKey === undefined) {
      const response = await route.handle(request);
      sendJson(res, response.status, response.body, headers);
      return;
    }
    if (replay) {
      // The route reads the retry's body and answers through bodyHashed: the first answer, or 409.
      try {
        await route.handle(request);
      } catch (error) {
        if (!(error instanceof IdempotentReplay)) throw error;
        sendJson(res, error.status, error.body, headers);
        return;
      }
      throw new Error(`${route.method} ${route.path} answered a retry without reporting its body hash`);
    }
    // The answer is stored whatever it is (a 5xx is forgotten so a retry runs again, and so is an
    // answer given before a raw body was read to its end: there is no hash to compare a retry with).
    let stored: { status: number; body: unknown } = { status: 500, body: null };
    try {
      const response = await route.handle(request);
      stored = { status: response.status, body: response.body };
    } catch (error) {
      if (error instanceof RestError) stored = { status: error.status, body: error.toJSON() };
      throw error;
    } finally {
      const unhashed = route.rawBody === true && rawBodyHash === null;
      await finishIdempotent(backend.query, teamId, idempotencyKey, unhashed ? 500 : stored.status, stored.body, rawBodyHash);
    }
    sendJson(res, stored.status, stored.body, headers);
  };

  return (req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (error instanceof RestError) {
        // A body we did not read is refused, then the connection closes so the client stops sending.
        const unread = !req.readableEnded && error.status === 413;
        const headers = { ...extraHeaders.get(req), ...(unread ? { connection: 'close' } : {}) };
        sendJson(res, error.status, error.toJSON(), headers);
        return;
      }
      if (isDatabaseUnavailable(error)) {
        // The database went away mid-request (rate limit or idempotency SQL): retryable, so 503.
        sendJson(res, 503, toRestError({ code: 'UNAVAILABLE', message: String(error) }).toJSON(), extraHeaders.get(req));
        return;
      }
      backend.logError(error);
      // The request id (set by the server) lets a user's report be matched with the logged error.
      const requestId = res.getHeader('x-request-id');
      const body = toRestError({ code: 'UNEXPECTED', message: String(error) } satisfies OperationFailure).toJSON();
      sendJson(res, 500, typeof requestId === 'string' ? { ...body, request_id: requestId } : body);
    });
  };
}
