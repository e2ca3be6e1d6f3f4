import { createHash } from 'node:crypto';
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import pg from 'pg';
import { serveChild } from './child';

// The same statements the GraphQL path runs per request (api-key.service `authenticate`,
// contact.service `findContact` / `listContacts` with contact-filter's search), with $n
// placeholders instead of knex's `?`.
const AUTH_SQL = 'select id, team_id, permission from api_key where token_hash = $1 and revoked_at is null';
const COLUMNS = 'c.id, c.email, c.first_name, c.last_name, c.unsubscribed, c.properties, c.source, c.created_at, c.updated_at';
const BY_ID_SQL = `select ${COLUMNS} from contact c where c.id = $1 and c.team_id = $2`;
const SEARCH_SQL = `select ${COLUMNS} from contact c where c.team_id = $1 and (lower(c.email) like $2 or lower(c.first_name) like $3 or lower(c.last_name) like $4) order by c.id desc limit $5`;
const PAGE = 50;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface ContactRow {
  id: string;
  email: string;
  first_name: string | null;
  last_name: string | null;
  unsubscribed: boolean;
  created_at: Date;
  updated_at: Date;
}

const pool = new pg.Pool({ connectionString: process.env.BENCH_DATABASE_URL, max: 10 });

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function contactJson(row: ContactRow) {
  return {
    id: row.id,
    email: row.email,
    firstName: row.first_name,
    lastName: row.last_name,
    unsubscribed: row.unsubscribed,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

async function teamOf(req: IncomingMessage): Promise<string | null> {
  const token = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1];
  if (!token) return null;
  const hash = createHash('sha256').update(token).digest('hex');
  const { rows } = await pool.query<{ team_id: string; permission: string }>(AUTH_SQL, [hash]);
  return rows[0]?.permission === 'full_access' ? rows[0].team_id : null;
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const teamId = await teamOf(req);
  if (!teamId) return send(res, 403, { error: 'forbidden' });
  if (url.pathname.startsWith('/contacts/')) {
    const id = url.pathname.slice('/contacts/'.length);
    const row = UUID_RE.test(id) ? (await pool.query<ContactRow>(BY_ID_SQL, [id, teamId])).rows[0] : undefined;
    return send(res, 200, { data: { contact: row ? contactJson(row) : null } });
  }
  if (url.pathname === '/contacts') {
    const search = (url.searchParams.get('search') ?? '').trim().toLowerCase();
    const pattern = `${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const { rows } = await pool.query<ContactRow>(SEARCH_SQL, [teamId, pattern, pattern, pattern, PAGE + 1]);
    const edges = rows.slice(0, PAGE).map((row) => ({ node: contactJson(row) }));
    const pageInfo = { hasNextPage: rows.length > PAGE, endCursor: edges.at(-1)?.node.id ?? null };
    return send(res, 200, { data: { contacts: { edges, pageInfo } } });
  }
  send(res, 404, { error: 'not found' });
}

const server = createServer((req, res) => {
  handle(req, res).catch(() => send(res, 500, { error: 'internal' }));
});

await serveChild(server, async () => {
  server.close();
  await pool.end();
});
