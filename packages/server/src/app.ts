import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import { processRequest } from 'graphql-upload-minimal';
import pg from 'pg';
import { createRestHandler, openApiDocument, resendRoutes } from '@roster/rest-compat';
import { createAdminHandler } from './admin';
import { authorize } from './auth';
import { streamExport, streamFailures } from './downloads';
import type { Env } from './env';
import type { ImportEvents } from './events';
import { createGraphQL, createGraphQLListener, createOperationRunner } from './graphql';
import { type Logger, noteTeam, requestContext, requestIdOf, silentLogger } from './log';
import { Metrics, serveMetrics } from './metrics';
import type { Orm } from './orm';
import { sendJson } from './respond';
import { tooLargeMessage } from '@roster/schema/shared/errors';
import { DOWNLOAD_PARAM, verifyDownloadUrl } from '@roster/schema/auth/download-link';

export interface App {
  server: Server;
  /** Stops accepting, lets in-flight requests finish (up to the timeout), then resolves. */
  close(): Promise<void>;
}

type AppEnv = Pick<Env, 'ROSTER_CORS_ORIGINS' | 'NODE_ENV' | 'ROSTER_SHUTDOWN_TIMEOUT_MS'> & Partial<Pick<Env, 'ROSTER_MAX_IMPORT_BYTES' | 'ROSTER_RATE_LIMIT' | 'ROSTER_METRICS_TOKEN'>>;

async function health(orm: Orm, res: ServerResponse): Promise<void> {
  try {
    await Promise.race([
      orm.em.getConnection().execute('select 1'),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2000).unref()),
    ]);
    sendJson(res, 200, { status: 'ok', database: 'up' });
  } catch {
    sendJson(res, 503, { status: 'unavailable', database: 'down' });
  }
}

// Multipart framing around a file is small; a declared body beyond this is refused unread.
const MULTIPART_OVERHEAD = 1024 * 1024;

/** Refuses a request whose body we will not read: answer, then close so the client stops sending. */
function refuseUnread(res: ServerResponse, status: number, body: unknown): void {
  sendJson(res, status, body, { connection: 'close' });
}

/**
 * `POST /graphql` with multipart/form-data (GraphQL multipart request spec): checked for the CSRF
 * header first (yoga's own check cannot see it once the body is parsed, trap T3), then parsed by
 * graphql-upload-minimal, which streams the file to the resolver with the size limit, and handed
 * to yoga as an already-parsed body.
 */
async function multipartGraphQL(req: IncomingMessage, res: ServerResponse, maxBytes: number, next: () => void): Promise<void> {
  if (!req.headers['x-graphql-yoga-csrf']) {
    refuseUnread(res, 403, { errors: [{ message: 'Required CSRF header(s) not present: x-graphql-yoga-csrf', extensions: { code: 'CSRF' } }] });
    return;
  }
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes + MULTIPART_OVERHEAD) {
    refuseUnread(res, 413, {
      errors: [{ message: tooLargeMessage(maxBytes), extensions: { code: 'PAYLOAD_TOO_LARGE' } }],
    });
    return;
  }
  try {
    (req as IncomingMessage & { body?: unknown }).body = await processRequest(req, res, {
      // busboy truncates once a file *reaches* maxFileSize; one byte more lets exactly-the-limit
      // through, and the service refuses anything over it by counting.
      maxFileSize: maxBytes + 1,
      maxFiles: 1,
      maxFieldSize: 1024 * 1024,
    });
  } catch (error) {
    // The library's own refusals of the form (missing or misordered fields, bad JSON) are the
    // client's error whatever status it gives them; 413 (too large) and 499 (gone) keep theirs.
    const given = (error as { status?: number }).status;
    const status = given === 413 || given === 499 ? given : 400;
    // A form with no GraphQL fields at all: say which one is missing, as for the other misformed forms.
    const message = /couldn't find any files or JSON/.test((error as Error).message)
      ? "Missing multipart field 'operations' (https://github.com/jaydenseric/graphql-multipart-request-spec)."
      : (error as Error).message;
    refuseUnread(res, status, { errors: [{ message, extensions: { code: status === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST' } }] });
    return;
  }
  // When the operation never reads the file (auth refused, validation failed), drain the rest so
  // the client is not left stalled mid-upload (trap T6).
  res.once('finish', () => {
    if (!req.readableEnded) {
      req.unpipe();
      req.resume();
    }
  });
  // The body is parsed; yoga's own body-size check must not refuse the upload's length (trap T4).
  delete req.headers['content-length'];
  next();
}

const FAILURES_PATH = /^\/contacts\/imports\/([^/]+)\/failures\.csv$/;

async function download(orm: Orm, req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
  const em = orm.em.fork();
  const url = new URL(req.url ?? '/', 'http://localhost');
  let teamId: string;
  if (url.searchParams.has(DOWNLOAD_PARAM) && !req.headers.authorization) {
    // A signed link (createDownloadUrl): what a browser follows to stream the file to disk.
    const principal = await verifyDownloadUrl(em, url);
    if (!principal) {
      sendJson(res, 403, { statusCode: 403, name: 'invalid_download_link', message: 'This download link is invalid or expired; ask for a new one.' });
      return;
    }
    teamId = principal.teamId;
  } else {
    const auth = await authorize(em, req.headers.authorization);
    if (!auth.ok) {
      sendJson(res, auth.failure.status, { statusCode: auth.failure.status, name: auth.failure.code, message: auth.failure.message });
      return;
    }
    teamId = auth.principal.teamId;
  }
  noteTeam(teamId);
  url.searchParams.delete(DOWNLOAD_PARAM);
  const scope = { em, teamId, source: 'api' as const };
  const failures = FAILURES_PATH.exec(path);
  if (failures) return streamFailures(scope, decodeURIComponent(failures[1]!), res);
  return streamExport(scope, url.searchParams, res);
}

/** `http://host:port` as the client addressed this server (a proxy's `x-forwarded-proto`/`-host` win). */
function requestOrigin(req: IncomingMessage): string {
  const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.split(',')[0]?.trim() || undefined;
  const proto = first(req.headers['x-forwarded-proto']) ?? ((req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http');
  const host = first(req.headers['x-forwarded-host']) ?? req.headers.host ?? 'localhost';
  return `${proto}://${host}`;
}

export interface AppOptions {
  importEvents?: ImportEvents;
  /** Structured logs (a line per request, errors); silent when not given. */
  logger?: Logger;
}

// GraphQL operation names come from clients: only sane ones become metric labels, and only so many.
const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const MAX_OPERATION_LABELS = 200;

export function createApp(orm: Orm, env: AppEnv, options: AppOptions = {}): App {
  const maxImportBytes = env.ROSTER_MAX_IMPORT_BYTES ?? 200 * 1024 * 1024;
  const logger = options.logger ?? silentLogger;
  /** What answered each request, as a metrics label: a GraphQL operation, a REST route, a path. */
  const operationOf = new WeakMap<ServerResponse, string>();
  const seenOperations = new Set<string>();
  const onOperation = (res: ServerResponse, name: string | null | undefined) => {
    let label = name && OPERATION_NAME.test(name) ? name : 'anonymous';
    if (!seenOperations.has(label)) {
      if (seenOperations.size >= MAX_OPERATION_LABELS) label = 'other';
      else seenOperations.add(label);
    }
    operationOf.set(res, `graphql ${label}`);
  };
  const yoga = createGraphQL({ orm, logger, onOperation, corsOrigins: env.ROSTER_CORS_ORIGINS, dev: env.NODE_ENV === 'development', maxImportBytes, importEvents: options.importEvents });
  const graphql = createGraphQLListener(yoga, orm);
  const runOperation = createOperationRunner({ maxImportBytes, importEvents: options.importEvents, dev: env.NODE_ENV === 'development', logError: (error) => logger.error(error) });
  const restPool = new pg.Pool({ connectionString: orm.config.get('clientUrl'), max: 4 });
  restPool.on('error', (error) => logger.warn(`rest pool: ${error.message}`));
  // Resend's REST API: each route runs GraphQL operations as the caller, through yoga's pipeline.
  const rest = createRestHandler(resendRoutes, {
    async authorize(header) {
      const em = orm.em.fork();
      const result = await authorize(em, header);
      if (result.ok) noteTeam(result.principal.teamId);
      return result.ok ? { ok: true, caller: { principal: result.principal, em } } : { ok: false, failure: result.failure };
    },
    runOperation: (caller, query, variables) => runOperation(caller, query, variables),
    logError: (error) => logger.error(error),
    teamOf: (caller) => caller.principal.teamId,
    // Its own small pool: each statement commits by itself (never inside a request's transaction).
    query: (text, params) => restPool.query(text, params as unknown[]),
    rateLimit: env.ROSTER_RATE_LIMIT ?? 100,
  }, { maxImportBytes, onRoute: (res, route) => operationOf.set(res, `rest ${route}`) });
  const metrics = new Metrics({ orm, pools: { rest: restPool } });

  const admin = createAdminHandler();

  let closing = false;
  const route = (req: IncomingMessage, res: ServerResponse, path: string) => {
    if (path === '/health') {
      void health(orm, res);
      return;
    }
    if (path === '/graphql') {
      if (req.headers.accept?.includes('text/event-stream')) res.once('close', metrics.subscriptionOpened());
      if (req.method === 'POST' && req.headers['content-type']?.toLowerCase().startsWith('multipart/form-data')) {
        void multipartGraphQL(req, res, maxImportBytes, () => void yoga.requestListener(req, res));
        return;
      }
      graphql(req, res);
      return;
    }
    if ((path === '/admin' || path.startsWith('/admin/')) && (req.method === 'GET' || req.method === 'HEAD')) {
      if (path === '/admin') {
        res.writeHead(301, { location: '/admin/' }).end();
        return;
      }
      admin(req, res);
      return;
    }
    if (path === '/' && req.method === 'GET' && req.headers.accept?.includes('text/html')) {
      // A person opening the server's address in a browser lands on the admin.
      res.writeHead(302, { location: '/admin/' }).end();
      return;
    }
    if (path === '/openapi.json' && (req.method === 'GET' || req.method === 'HEAD')) {
      // A public description of the REST API (no key needed, like a published spec): it names
      // the endpoints and shapes, never data. Its server is the origin the caller used.
      sendJson(res, 200, openApiDocument(requestOrigin(req)), { 'access-control-allow-origin': '*' });
      return;
    }
    if (req.method === 'GET' && (path === '/contacts/export.csv' || FAILURES_PATH.test(path))) {
      operationOf.set(res, path === '/contacts/export.csv' ? 'export' : 'failures');
      download(orm, req, res, path).catch((error: unknown) => {
        logger.error(error);
        if (!res.headersSent) sendJson(res, 500, { statusCode: 500, name: 'application_error', message: 'Unexpected error.' });
        else res.destroy();
      });
      return;
    }
    if (path === '/metrics' && req.method === 'GET') {
      operationOf.set(res, 'metrics');
      serveMetrics(metrics, env.ROSTER_METRICS_TOKEN, req, res).catch((error: unknown) => {
        logger.error(error);
        if (!res.headersSent) sendJson(res, 500, { statusCode: 500, name: 'application_error', message: 'Metrics could not be collected.' });
      });
      return;
    }
    rest(req, res);
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    // Once shutting down, each response ends its keep-alive connection so close() need not wait.
    if (closing) res.setHeader('connection', 'close');
    const path = req.url?.split('?', 1)[0] ?? '/';
    const reqId = requestIdOf(req.headers['x-request-id']);
    res.setHeader('x-request-id', reqId);
    const started = process.hrtime.bigint();
    metrics.observe(res, () => operationOf.get(res) ?? (path === '/graphql' ? 'graphql' : path === '/health' ? 'health' : path.startsWith('/admin') ? 'admin' : 'other'));
    const context = { reqId } as { reqId: string; teamId?: string };
    res.once('close', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const fields = { reqId, teamId: context.teamId, method: req.method, path, status: res.statusCode, ms: Math.round(ms * 10) / 10, op: operationOf.get(res), aborted: !res.writableFinished || undefined };
      if (res.statusCode >= 500) logger.error(fields, 'request failed');
      else logger.info(fields, 'request');
    });
    // Every line logged while serving this request (resolvers, errors) carries its id.
    requestContext.run(context, () => route(req, res, path));
  });
  server.keepAliveTimeout = 5_000;

  return {
    server,
    close: () =>
      new Promise<void>((resolve) => {
        closing = true;
        const timer = setTimeout(() => server.closeAllConnections(), env.ROSTER_SHUTDOWN_TIMEOUT_MS).unref();
        server.close(() => {
          clearTimeout(timer);
          void restPool.end().finally(resolve);
        });
        server.closeIdleConnections();
      }),
  };
}
