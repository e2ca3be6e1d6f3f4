import { blockFieldSuggestionsPlugin } from '@escape.tech/graphql-armor-block-field-suggestions';
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesPlugin } from '@escape.tech/graphql-armor-max-directives';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { type Context, schema } from '@roster/schema';
import type { Principal } from '@roster/schema/auth/api-key.service';
import { isDatabaseUnavailable, isUnstorableText } from '@roster/schema/shared/db';
import { UNSTORABLE_TEXT } from '@roster/schema/shared/validate';
import { DomainError, PayloadTooLargeError, ValidationError } from '@roster/schema/shared/errors';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EntityManager } from '@mikro-orm/postgresql';
import { type DocumentNode, GraphQLError, execute, parse, validate } from 'graphql';
import {
  type FetchAPI,
  type GraphQLParams,
  type Plugin,
  type YogaServerInstance,
  createGraphQLError,
  createYoga,
  maskError,
  processRegularResult,
} from 'graphql-yoga';
import { type AuthFailure, authorize } from './auth';
import { type Logger, noteTeam, requestContext, silentLogger } from './log';
import type { Orm } from './orm';

export interface GraphQLOptions {
  orm: Orm;
  logger?: Logger;
  /** Called with each request's GraphQL operation name (for metrics), on both paths. */
  onOperation?(res: ServerResponse, operationName: string | null | undefined): void;
  corsOrigins: string[];
  dev: boolean;
  maxImportBytes: number;
  importEvents?: Context['importEvents'];
}

export type RosterYoga = YogaServerInstance<Record<string, unknown>, Context>;

/** What auth found for a request: the caller and the EntityManager forked for it. */
const authenticated = new WeakMap<Request, { principal: Principal; em: EntityManager }>();

/** The 401/403 answer to a refused key, the same on yoga's path and on the fast path. */
function refusal(failure: AuthFailure): { status: number; headers: Record<string, string>; body: string } {
  return {
    status: failure.status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...(failure.status === 401 ? { 'www-authenticate': 'Bearer' } : {}) },
    body: JSON.stringify({ errors: [{ message: failure.message, extensions: { code: failure.code.toUpperCase() } }] }),
  };
}

/** Refuses a request without a valid full-access key before anything is parsed. */
function useApiKeyAuth(orm: Orm): Plugin {
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      // The GraphiQL page itself is static; its queries carry the key like any other client.
      if (request.method === 'GET' && !url.searchParams.has('query') && request.headers.get('accept')?.includes('text/html')) return;
      if (request.method === 'OPTIONS') return;
      // One fork per request, reused by the context: a fork costs more than the key lookup itself.
      const em = orm.em.fork();
      const result = await authorize(em, request.headers.get('authorization'));
      if (result.ok) {
        authenticated.set(request, { principal: result.principal, em });
        noteTeam(result.principal.teamId);
        return;
      }
      const { status, headers, body } = refusal(result.failure);
      endResponse(new fetchAPI.Response(body, { status, headers }));
    },
  };
}

// yoga's default for `maxRequestBodySize`, which stays off in favour of useRequestBodyLimit.
const MAX_BODY_BYTES = 25_000_000;

const tooLarge = () => createGraphQLError('Request body too large', { extensions: { http: { status: 413 }, code: 'REQUEST_ENTITY_TOO_LARGE' } });

/**
 * yoga's body-size limit with the same errors, minus its cost: yoga pipes every body through a
 * counting TransformStream (about 50 µs and an AbortSignal per request). Node's HTTP parser already
 * ends a body at its Content-Length, so a declared length is checked up front and only bodies
 * without one (chunked) are counted as they stream. Listed after every plugin that sets a parser.
 */
function useRequestBodyLimit(limit: number): Plugin {
  return {
    onResponse({ response, serverContext }) {
      // A body refused before its end is left unread: close the connection after answering, or
      // the next request on it would wait behind the rest of this body.
      const { req } = serverContext as { req?: IncomingMessage };
      if (response.status === 413 && req && !req.complete) response.headers.set('connection', 'close');
    },
    onRequestParse({ request, requestParser, setRequestParser, fetchAPI }) {
      const contentLength = request.headers.get('content-length');
      if (contentLength != null) {
        if (!/^\d+$/.test(contentLength)) {
          throw createGraphQLError('Content-Length header is invalid.', { extensions: { http: { status: 400 }, code: 'BAD_REQUEST' } });
        }
        if (Number(contentLength) > limit) throw tooLarge();
        return;
      }
      if (!requestParser || !request.body) return;
      const parse = requestParser;
      setRequestParser((req) => {
        const body = req.body;
        if (!body) return parse(req);
        let bytesRead = 0;
        // A native stream needs the native TransformStream (graphql-yoga#4583).
        const Transform = body instanceof ReadableStream ? globalThis.TransformStream : fetchAPI.TransformStream;
        const counted = body.pipeThrough(
          new Transform<Uint8Array, Uint8Array>({
            transform(chunk, controller) {
              bytesRead += chunk.byteLength;
              if (bytesRead > limit) controller.error(tooLarge());
              else controller.enqueue(chunk);
            },
          }),
        );
        return parse(new fetchAPI.Request(req.url, { method: req.method, headers: req.headers, signal: req.signal, body: counted, duplex: 'half' } as RequestInit));
      });
    },
  };
}

/**
 * Domain errors keep their message and a stable `extensions.code`; anything else is masked as
 * "Unexpected error." so database details never reach a client.
 */
function exposeDomainErrors(error: unknown, message: string, isDev?: boolean): Error {
  const original = error instanceof GraphQLError ? error.originalError : error;
  if (original instanceof DomainError) {
    const issues = original instanceof ValidationError ? original.issues : undefined;
    const path = error instanceof GraphQLError ? error.path : undefined;
    // An upload over the limit is answered with HTTP 413, whatever else the response holds.
    const http = original instanceof PayloadTooLargeError ? { http: { status: 413 } } : {};
    const extensions = { code: original.code, ...(issues ? { issues } : {}), ...http };
    // Returning the error itself tells yoga it was expected: only replaced (masked) errors are logged.
    if (error instanceof GraphQLError && error.message === original.message) {
      Object.assign(error.extensions as Record<string, unknown>, extensions);
      return error;
    }
    return new GraphQLError(original.message, { path, extensions });
  }
  if (isUnstorableText(error)) {
    // Text with a NUL (or an encoding PostgreSQL refuses) that no field's own check caught: still
    // the caller's error, said plainly, never a masked 500.
    const path = error instanceof GraphQLError ? error.path : undefined;
    return new GraphQLError(`Invalid input: ${UNSTORABLE_TEXT}`, { path, extensions: { code: 'VALIDATION', issues: [] } });
  }
  if (isDatabaseUnavailable(error)) {
    // Safe to retry: say so (HTTP 503), instead of an unexpected error.
    const path = error instanceof GraphQLError ? error.path : undefined;
    return new GraphQLError('The service is unavailable; try again shortly', { path, extensions: { code: 'SERVICE_UNAVAILABLE', http: { status: 503 } } });
  }
  const masked = maskError(error, message, isDev);
  // The request id lets a user's report of "Unexpected error." be matched with the logged error.
  const reqId = requestContext.getStore()?.reqId;
  if (reqId && masked !== error && masked instanceof GraphQLError) Object.assign(masked.extensions as Record<string, unknown>, { requestId: reqId });
  return masked;
}

// The first operation's name in a document, when the client did not send `operationName`.
const OPERATION_NAME_IN = /^\s*(?:query|mutation|subscription)\s+([A-Za-z_]\w*)/;

/** The resolvers' context for an authenticated caller: the same for yoga and for the REST runner. */
function callerContext(auth: { principal: Principal; em: EntityManager }, options: Pick<GraphQLOptions, 'maxImportBytes' | 'importEvents'>): Context {
  return {
    principal: auth.principal,
    scope: { em: auth.em, teamId: auth.principal.teamId, source: 'api' },
    importEvents: options.importEvents,
    limits: { maxImportBytes: options.maxImportBytes },
  };
}

export function createGraphQL({ orm, corsOrigins, dev, maxImportBytes, importEvents, logger = silentLogger, onOperation }: GraphQLOptions): RosterYoga {
  return createYoga<Record<string, unknown>, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    // Uploads are parsed (streamed) by graphql-upload-minimal in front of yoga; yoga's own
    // multipart parser buffers whole files and stays off so nothing can reach it.
    multipart: false,
    maxRequestBodySize: false, // enforced by useRequestBodyLimit, at less cost
    batching: false,
    landingPage: false,
    logging: {
      debug: (...args) => logger.debug(args.length === 1 ? args[0] : args),
      info: (...args) => logger.info(args.length === 1 ? args[0] : args),
      warn: (...args) => logger.warn(args.length === 1 ? args[0] : args),
      error: (...args) => logger.error(args.length === 1 ? args[0] : args),
    },
    maskedErrors: { maskError: exposeDomainErrors, isDev: dev },
    cors: corsOrigins.length > 0 ? { origin: corsOrigins, credentials: false, allowedHeaders: ['authorization', 'content-type', 'x-graphql-yoga-csrf'] } : false,
    graphiql: { title: 'Roster GraphQL', headers: JSON.stringify({ Authorization: 'Bearer re_...' }) },
    context: ({ request }) => {
      const auth = authenticated.get(request);
      if (!auth) throw new GraphQLError('Not authenticated', { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
      return callerContext(auth, { maxImportBytes, importEvents });
    },
    plugins: [
      useCSRFPrevention({ requestHeaders: ['x-graphql-yoga-csrf'] }),
      useApiKeyAuth(orm),
      maxDepthPlugin({ n: 10, exposeLimits: dev, errorMessage: 'Query is too deep.' }),
      maxAliasesPlugin({ n: 15, exposeLimits: dev, errorMessage: 'Query has too many aliases.' }),
      maxTokensPlugin({ n: 2000, exposeLimits: dev, errorMessage: 'Query is too long.' }),
      maxDirectivesPlugin({ n: 20, exposeLimits: dev, errorMessage: 'Query has too many directives.' }),
      blockFieldSuggestionsPlugin(),
      useRequestBodyLimit(MAX_BODY_BYTES),
      {
        onParams({ params, context }) {
          const { res } = context as { res?: ServerResponse };
          if (res && onOperation) onOperation(res, params.operationName ?? (params.query ? OPERATION_NAME_IN.exec(params.query)?.[1] : undefined));
        },
      } satisfies Plugin,
    ],
  });
}

// ---------------------------------------------------------------- fast path

const JSON_MEDIA = /^application\/json\s*(;\s*charset=utf-8\s*)?$/i;
const PARAM_KEYS = new Set(['query', 'variables', 'operationName', 'extensions']);
// Operations whose result may be a stream: yoga picks SSE or multipart for them.
const STREAMING = /\bsubscription\b|@defer\b|@stream\b/;

/**
 * Whether a request can take the fast path, from its headers alone (its body is still unread):
 * a JSON POST with a declared length within the limit, a plain JSON answer accepted, and no
 * `Origin` (so CORS adds nothing; CSRF never refuses a JSON POST).
 */
function fastPathEligible(req: IncomingMessage): boolean {
  const { headers } = req;
  if (req.method !== 'POST' || req.url !== '/graphql' || headers.origin !== undefined || headers['transfer-encoding'] !== undefined) return false;
  if (!JSON_MEDIA.test(headers['content-type'] ?? '')) return false;
  const { accept } = headers;
  if (accept !== undefined && accept !== '*/*' && !JSON_MEDIA.test(accept)) return false;
  const length = headers['content-length'];
  return length !== undefined && /^\d+$/.test(length) && Number(length) <= MAX_BODY_BYTES;
}

const isObject = (value: unknown) => value == null || (typeof value === 'object' && !Array.isArray(value));

/** The body as GraphQL parameters when it is exactly what yoga's JSON parser and checks accept, else null. */
function plainParams(text: string): GraphQLParams | null {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return null;
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) return null;
  for (const key of Object.keys(body)) if (!PARAM_KEYS.has(key)) return null;
  const { query, variables, operationName, extensions } = body as Record<string, unknown>;
  if (typeof query !== 'string' || STREAMING.test(query)) return null;
  if (!isObject(variables) || !isObject(extensions) || (operationName != null && typeof operationName !== 'string')) return null;
  return body as GraphQLParams;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(chunks.length === 1 ? (chunks[0] as Buffer).toString('utf8') : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
    req.on('close', () => reject(new Error('The client went away before sending the whole body')));
  });
}

function fetchHeaders(req: IncomingMessage, fetchAPI: FetchAPI): Headers {
  const headers = new fetchAPI.Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i] as string, req.rawHeaders[i + 1] as string);
  return headers;
}

/** A Response stand-in that only captures what processRegularResult builds, to write it with node:http directly. */
interface Captured {
  body: string;
  init: { status?: number; headers?: Record<string, string> };
}
const capturingFetchAPI = {
  Response: class {
    constructor(
      readonly body: string,
      readonly init: Captured['init'],
    ) {}
  },
} as unknown as FetchAPI;

/** Sends a Response from yoga through node:http, streaming its body (multipart results included). */
async function sendResponse(res: ServerResponse, response: Response): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers['set-cookie'] = cookies;
  res.writeHead(response.status, response.statusText, headers);
  if (!response.body) {
    res.end();
    return;
  }
  const reader = response.body.getReader();
  res.once('close', () => void reader.cancel().catch(() => {}));
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) res.write(chunk.value);
  res.end();
}

/**
 * The HTTP listener for `/graphql`. yoga adapts every request to the Fetch API and back, which
 * costs more CPU than the GraphQL work of a point read; so a plain JSON POST (what API clients
 * send) skips that adaptation, and runs yoga's own GraphQL pipeline (`getResultForParams`: the
 * params checks, parse and validation caches, the armor limits, complexity, masking and error
 * handling) and yoga's own result processor. The refused-key answer is the auth plugin's.
 * Everything else (GraphiQL, GET, CORS, other media types, batches, subscriptions, anything
 * unusual in the body) goes through yoga unchanged.
 */
export function createGraphQLListener(yoga: RosterYoga, orm: Orm): (req: IncomingMessage, res: ServerResponse) => void {
  const viaYoga = async (req: IncomingMessage, res: ServerResponse, body: string) => {
    const url = `http://${req.headers.host ?? 'localhost'}${req.url ?? '/graphql'}`;
    const request = new yoga.fetchAPI.Request(url, { method: req.method, headers: fetchHeaders(req, yoga.fetchAPI), body });
    await sendResponse(res, await yoga.fetch(request, { req, res }));
  };

  const fastPath = async (req: IncomingMessage, res: ServerResponse) => {
    const em = orm.em.fork();
    const [body, auth] = await Promise.all([readBody(req), authorize(em, req.headers.authorization).catch(() => null)]);
    const params = plainParams(body);
    // A lookup that failed, or a body yoga would refuse or treat specially: yoga decides, as usual.
    if (!auth || !params) return viaYoga(req, res, body);
    if (!auth.ok) {
      const { status, headers, body: text } = refusal(auth.failure);
      res.writeHead(status, { ...headers, 'content-length': Buffer.byteLength(text) });
      res.end(text);
      return;
    }
    noteTeam(auth.principal.teamId);
    // Headers over node's own object are read lazily; nothing here needs them copied.
    const headers = req.headers as Record<string, string>;
    const request = new yoga.fetchAPI.Request(`http://${req.headers.host ?? 'localhost'}/graphql`, { method: 'POST', headers });
    authenticated.set(request, { principal: auth.principal, em });
    let result: Awaited<ReturnType<RosterYoga['getResultForParams']>>;
    try {
      result = await yoga.getResultForParams({ params, request }, { req, res });
    } catch {
      // Only yoga's params checks throw here, before anything ran; yoga answers them its own way.
      return viaYoga(req, res, body);
    }
    const { body: text, init } = processRegularResult(result ?? {}, capturingFetchAPI, 'application/json') as unknown as Captured;
    res.writeHead(init.status ?? 200, { ...init.headers, 'content-length': Buffer.byteLength(text) });
    res.end(text);
  };

  return (req, res) => {
    const handled = fastPathEligible(req) ? fastPath(req, res) : yoga.requestListener(req, res);
    Promise.resolve(handled).catch((error: unknown) => {
      if (req.destroyed && res.destroyed) return;
      yoga.logger.error(error);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  };
}

/** What another transport (the REST API) gets back from running a GraphQL operation. */
export interface OperationResult {
  data?: Record<string, unknown> | null;
  errors?: { message: string; path?: readonly (string | number)[]; extensions?: Record<string, unknown> }[];
}

/** A result as a client receives it: a DateTime scalar serializes to a Date, JSON carries its ISO string. */
function wire(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(wire);
  const out: Record<string, unknown> = {};
  for (const key in value) {
    const item = wire((value as Record<string, unknown>)[key]);
    // A JSON scalar may hold any key; `__proto__` must stay data, never become the prototype.
    if (key === '__proto__') Object.defineProperty(out, key, { value: item, enumerable: true, writable: true, configurable: true });
    else out[key] = item;
  }
  return out;
}

/**
 * Runs one operation as an already authenticated caller: the REST API maps each route to an
 * operation here, so the schema, resolvers, context, validation, team isolation and error masking
 * are the GraphQL API's own and cannot drift. What it skips is the HTTP pipeline around them: the
 * route table's documents are ours and fixed, so each is parsed and validated once (the same
 * rules yoga applies to a client's document), then executed by graphql-js directly.
 */
export function createOperationRunner(options: Pick<GraphQLOptions, 'maxImportBytes' | 'importEvents' | 'dev'> & { logError(error: unknown): void }) {
  const prepared = new Map<string, DocumentNode | readonly GraphQLError[]>();
  const prepare = (query: string) => {
    let document = prepared.get(query);
    if (document) return document;
    try {
      const parsed = parse(query);
      const invalid = validate(schema, parsed);
      document = invalid.length > 0 ? invalid : parsed;
    } catch (error) {
      document = [error instanceof GraphQLError ? error : new GraphQLError(String(error))];
    }
    // Route documents are a fixed set; the bound only guards against a caller building queries.
    if (prepared.size < 1000) prepared.set(query, document);
    return document;
  };
  const masked = (errors: readonly GraphQLError[]): NonNullable<OperationResult['errors']> =>
    errors.map((error) => {
      const shown = exposeDomainErrors(error, 'Unexpected error.', options.dev);
      // Only errors that were replaced (masked) are unexpected, as in yoga.
      if (shown !== error && !(shown instanceof GraphQLError && shown.extensions.code !== 'INTERNAL_SERVER_ERROR')) options.logError(error);
      const json = shown instanceof GraphQLError ? shown.toJSON() : { message: shown.message };
      return json as NonNullable<OperationResult['errors']>[number];
    });

  return async (auth: { principal: Principal; em: EntityManager }, query: string, variables: Record<string, unknown> = {}): Promise<OperationResult> => {
    const document = prepare(query);
    if (!('kind' in document)) return { errors: masked(document) };
    const result = await execute({ schema, document, contextValue: callerContext(auth, options), variableValues: variables });
    return { data: wire(result.data) as OperationResult['data'], ...(result.errors ? { errors: masked(result.errors) } : {}) };
  };
}
export type OperationRunner = ReturnType<typeof createOperationRunner>;
