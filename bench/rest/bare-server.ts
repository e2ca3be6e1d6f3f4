import { createHash } from 'node:crypto';
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import pg from 'pg';
import { serveChild } from '../api/child';

// The bare baseline of bench/api (node:http + pg, no framework), answering the two REST requests
// with the statements the REST path runs for them, read from PostgreSQL's statement log:
//
//   GET /contacts/{id}: api-key.service `authenticate`, contact.service `findContact`, and the
//                       team's contact properties (contact.graphql `teamProperties`, to type them).
//   POST /contacts:     `authenticate`, then contact.service `createContact`: one statement
//                       inserting the contact and its `created` history event.
//
// The REST path also takes a token from the team's rate-limit bucket (one upsert, on its own
// pool). That is REST's own work, so the baseline leaves it out, unless the request carries
// `x-bench-ratelimit: 1` (the "bare + rate-limit SQL" rows, which show what it costs).
const AUTH_SQL = 'select id, team_id, permission from api_key where token_hash = $1 and revoked_at is null';
const COLUMNS = 'c.id, c.email, c.first_name, c.last_name, c.unsubscribed, c.properties, c.source, c.created_at, c.updated_at';
const BY_ID_SQL = `select ${COLUMNS} from contact c where c.id = $1 and c.team_id = $2`;
const PROPERTIES_SQL = 'select "c0".* from "contact_property" as "c0" where "c0"."team_id" = $1';
const INSERT_SQL = `with c as (
         insert into contact as c (team_id, email, first_name, last_name, unsubscribed, properties, source)
         values ($1, $2, $3, $4, $5, $6::jsonb, $7)
         on conflict (team_id, lower(email)) do nothing
         returning ${COLUMNS}),
       created as (
         insert into contact_event (team_id, contact_id, type, source, data)
         select $1, c.id, 'created', $7, jsonb_build_object('email', c.email) from c)
       select * from c`;
// ratelimit.ts `TAKE`, verbatim.
const TAKE_SQL = `
  insert into rest_rate_bucket as b (team_id, tokens, updated_at)
  values ($1, $2::float8 - 1, now())
  on conflict (team_id) do update
    set tokens = least($2::float8, b.tokens + $2::float8 * greatest(0, extract(epoch from now() - b.updated_at)::float8)) - 1,
        updated_at = greatest(b.updated_at, now())
    where least($2::float8, b.tokens + $2::float8 * greatest(0, extract(epoch from now() - b.updated_at)::float8)) >= 1
  returning tokens`;
// BENCH_BARE_PREPARED=1: the same statements as named prepared statements (parsed and planned once
// per connection), as Roster's sql() sends them; the comparison of frameworks with the same protocol.
const PREPARED = process.env.BENCH_BARE_PREPARED === '1';
const statement = (name: string, text: string, values: unknown[]) => (PREPARED ? { name: `bare_${name}`, text, values } : { text, values });

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const RATE_LIMIT = Number(process.env.BENCH_RATE_LIMIT ?? 100_000);

interface ContactRow {
  id: string;
  email: string;
  first_name: string | null;
  last_name: string | null;
  unsubscribed: boolean;
  properties: Record<string, unknown>;
  created_at: Date;
}

// The same pool sizes as the app: 10 for the ORM, 4 for the REST side statements.
const pool = new pg.Pool({ connectionString: process.env.BENCH_DATABASE_URL, max: 10 });
const sidePool = new pg.Pool({ connectionString: process.env.BENCH_DATABASE_URL, max: 4 });

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** `2026-01-02T03:04:05.670Z` -> `2026-01-02 03:04:05.67+00`, as the REST API answers. */
function pgTimestamp(date: Date): string {
  const [day, time] = date.toISOString().split('T') as [string, string];
  const [clock, fraction = ''] = time.replace('Z', '').split('.');
  const trimmed = fraction.replace(/0+$/, '');
  return `${day} ${clock}${trimmed ? `.${trimmed}` : ''}+00`;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

async function teamOf(req: IncomingMessage): Promise<string | null> {
  const token = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1];
  if (!token) return null;
  const hash = createHash('sha256').update(token).digest('hex');
  const { rows } = await pool.query<{ team_id: string; permission: string }>(statement('auth', AUTH_SQL, [hash]));
  return rows[0]?.permission === 'full_access' ? rows[0].team_id : null;
}

async function getContact(res: ServerResponse, teamId: string, id: string): Promise<void> {
  const row = UUID_RE.test(id) ? (await pool.query<ContactRow>(statement('by_id', BY_ID_SQL, [id, teamId]))).rows[0] : undefined;
  if (!row) return send(res, 404, { statusCode: 404, message: 'Contact not found', name: 'not_found' });
  const { rows: known } = await pool.query<{ key: string; type: string }>(statement('properties', PROPERTIES_SQL, [teamId]));
  const types = new Map(known.map((p) => [p.key, p.type]));
  const properties: Record<string, { value: unknown; type: string }> = {};
  for (const [key, value] of Object.entries(row.properties)) {
    const type = types.get(key);
    if (type) properties[key] = { value, type };
  }
  send(res, 200, {
    object: 'contact',
    id: row.id,
    email: row.email,
    first_name: row.first_name,
    last_name: row.last_name,
    created_at: pgTimestamp(row.created_at),
    unsubscribed: row.unsubscribed,
    properties,
  });
}

async function createContact(res: ServerResponse, teamId: string, text: string): Promise<void> {
  const body = JSON.parse(text) as { email?: string; first_name?: string; last_name?: string; unsubscribed?: boolean };
  if (typeof body.email !== 'string') return send(res, 422, { statusCode: 422, message: 'Missing `email` field.', name: 'missing_required_field' });
  const params = [teamId, body.email, body.first_name || null, body.last_name || null, body.unsubscribed ?? false, '{}', 'api'];
  const [row] = (await pool.query<ContactRow>(statement('insert', INSERT_SQL, params))).rows;
  if (!row) throw new Error('the benchmark sends a new email each time');
  send(res, 201, { object: 'contact', id: row.id });
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = req.url?.split('?', 1)[0] ?? '/';
  const [teamId, text] = await Promise.all([teamOf(req), req.method === 'POST' ? readBody(req) : Promise.resolve('')]);
  if (!teamId) return send(res, 403, { statusCode: 403, message: 'API key is invalid', name: 'invalid_api_key' });
  if (req.headers['x-bench-ratelimit'] === '1') await sidePool.query(TAKE_SQL, [teamId, RATE_LIMIT]);
  if (req.method === 'GET' && path.startsWith('/contacts/')) return getContact(res, teamId, decodeURIComponent(path.slice('/contacts/'.length)));
  if (req.method === 'POST' && path === '/contacts') return createContact(res, teamId, text);
  send(res, 404, { statusCode: 404, message: 'The requested endpoint does not exist.', name: 'not_found' });
}

const server = createServer((req, res) => {
  handle(req, res).catch(() => send(res, 500, { statusCode: 500, message: 'internal', name: 'application_error' }));
});

await serveChild(server, async () => {
  server.close();
  await Promise.all([pool.end(), sidePool.end()]);
});
