import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { Env } from './env';
import { createGraphQL, createGraphQLListener } from './graphql';
import type { Orm } from './orm';

export interface App {
  server: Server;
  /** Stops accepting, lets in-flight requests finish (up to the timeout), then resolves. */
  close(): Promise<void>;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

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

export function createApp(orm: Orm, env: Pick<Env, 'ROSTER_CORS_ORIGINS' | 'NODE_ENV' | 'ROSTER_SHUTDOWN_TIMEOUT_MS'>): App {
  const yoga = createGraphQL({ orm, corsOrigins: env.ROSTER_CORS_ORIGINS, dev: env.NODE_ENV === 'development' });
  const graphql = createGraphQLListener(yoga, orm);

  let closing = false;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    // Once shutting down, each response ends its keep-alive connection so close() need not wait.
    if (closing) res.setHeader('connection', 'close');
    const path = req.url?.split('?', 1)[0] ?? '/';
    if (path === '/health') {
      void health(orm, res);
      return;
    }
    if (path === '/graphql') {
      graphql(req, res);
      return;
    }
    sendJson(res, 404, { statusCode: 404, name: 'not_found', message: 'The requested endpoint does not exist.' });
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
          resolve();
        });
        server.closeIdleConnections();
      }),
  };
}
