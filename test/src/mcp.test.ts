import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Roster, startRoster } from './harness';

// `roster mcp` spawned over stdio and driven by the SDK's own client, against a real server over
// HTTP: every tool is called and its result checked against what is stored.

const SERVER_DIR = resolve(import.meta.dirname, '../../packages/server');

let roster: Roster;
let key: string;
let teamId: string;

interface Connected {
  client: Client;
  /** Anything the server wrote that was not a protocol message (stdout must carry only those). */
  errors: Error[];
  stderr: () => string;
  close(): Promise<void>;
}

async function connect(options: { destructive?: boolean; key?: string } = {}): Promise<Connected> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([name, value]) => value !== undefined && !/^(DATABASE_URL|ROSTER_.*)$/.test(name))) as Record<string, string>;
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: ['--import', 'tsx', 'src/cli.ts', 'mcp', '--url', roster.url, '--key', options.key ?? key, ...(options.destructive ? ['--allow-destructive'] : [])],
    cwd: SERVER_DIR,
    env: clean,
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const errors: Error[] = [];
  transport.onerror = (error) => errors.push(error);
  const client = new Client({ name: 'roster-test', version: '1.0.0' });
  await client.connect(transport);
  return { client, errors, stderr: () => stderr, close: () => client.close() };
}

interface ToolResult {
  isError?: boolean;
  content: { type: string; text: string }[];
}

async function call(mcp: Connected, name: string, args: Record<string, unknown> = {}): Promise<ToolResult> {
  return (await mcp.client.callTool({ name, arguments: args })) as ToolResult;
}

/** A tool result that must be a success, parsed from its JSON text. */
async function result<T = Record<string, unknown>>(mcp: Connected, name: string, args: Record<string, unknown> = {}): Promise<T> {
  const answer = await call(mcp, name, args);
  expect(answer.isError, `${name}: ${answer.content[0]?.text}`).toBeFalsy();
  expect(answer.content).toHaveLength(1);
  return JSON.parse(answer.content[0]!.text) as T;
}

async function toolError(mcp: Connected, name: string, args: Record<string, unknown> = {}): Promise<string> {
  const answer = await call(mcp, name, args);
  expect(answer.isError).toBe(true);
  return answer.content[0]!.text;
}

const SAFE_TOOLS = [
  'add_to_segment',
  'cancel_import',
  'create_contact',
  'create_property',
  'create_segment',
  'get_contact',
  'get_import',
  'list_imports',
  'list_properties',
  'list_segments',
  'list_topics',
  'search_contacts',
  'start_import',
  'subscribe_to_topic',
  'suggest_column_mapping',
  'update_contact',
];
const DESTRUCTIVE_TOOLS = ['delete_contact', 'delete_property', 'delete_segment', 'delete_topic', 'remove_from_segment'];

let mcp: Connected;
let topicId: string;

beforeAll(async () => {
  roster = await startRoster();
  key = await roster.newKey('mcp-team');
  [{ id: teamId }] = (await roster.query<{ id: string }>("select id from team where name = 'mcp-team'")) as [{ id: string }];
  [{ id: topicId }] = (await roster.query<{ id: string }>(
    "insert into topic (team_id, name, default_subscription) values ($1, 'Newsletter', 'opt_out') returning id",
    [teamId],
  )) as [{ id: string }];
  mcp = await connect();
});
afterAll(async () => {
  await mcp?.close();
  await roster.close();
});

describe('roster mcp', () => {
  it('lists its tools, each with a description and an input schema; no destructive tool by default', async () => {
    const { tools } = await mcp.client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(SAFE_TOOLS);
    for (const tool of tools) {
      expect(tool.description?.length, tool.name).toBeGreaterThan(40);
      expect(tool.inputSchema.type).toBe('object');
      expect(tool.annotations?.destructiveHint ?? false, tool.name).toBe(false);
    }
    const search = tools.find((t) => t.name === 'search_contacts')!;
    expect(Object.keys(search.inputSchema.properties ?? {})).toEqual(['query', 'segmentId', 'topicId', 'topicSubscription', 'unsubscribed', 'limit', 'cursor']);
    expect(search.annotations?.readOnlyHint).toBe(true);
  });

  it('creates a property, then a contact with it; finds and gets it', async () => {
    expect(await result(mcp, 'create_property', { key: 'plan', type: 'string' })).toMatchObject({ key: 'plan', type: 'string' });
    expect(await result<{ key: string }[]>(mcp, 'list_properties')).toEqual([expect.objectContaining({ key: 'plan', type: 'string', fallbackValue: null })]);

    const created = await result<{ id: string }>(mcp, 'create_contact', {
      email: 'ada@example.com',
      firstName: 'Ada',
      properties: { plan: 'pro' },
      topics: [{ topicId, subscription: 'opt_in' }],
    });
    expect(created).toMatchObject({ email: 'ada@example.com', firstName: 'Ada', properties: { plan: 'pro' }, unsubscribed: false });
    // Compact: nulls and bookkeeping left out.
    expect(created).not.toHaveProperty('lastName');
    expect(created).not.toHaveProperty('updatedAt');
    expect(await roster.query('select email, first_name, properties, team_id from contact where id = $1', [created.id])).toEqual([
      { email: 'ada@example.com', first_name: 'Ada', properties: { plan: 'pro' }, team_id: teamId },
    ]);

    const found = await result<{ contacts: { id: string }[]; totalCount: number; nextCursor: string | null }>(mcp, 'search_contacts', { query: 'ad' });
    expect(found).toEqual({ contacts: [expect.objectContaining({ id: created.id, email: 'ada@example.com' })], totalCount: 1, nextCursor: null });
    expect((await result<{ totalCount: number }>(mcp, 'search_contacts', { topicId, topicSubscription: 'opt_in' })).totalCount).toBe(1);

    const contact = await result<{ topics: unknown[] }>(mcp, 'get_contact', { contact: 'ADA@example.com' });
    expect(contact).toMatchObject({ id: created.id, segments: [], topics: [{ id: topicId, name: 'Newsletter', subscription: 'opt_in', explicit: true }] });
  });

  it('updates a contact; null clears', async () => {
    const updated = await result(mcp, 'update_contact', { contact: 'ada@example.com', lastName: 'Lovelace', properties: { plan: null }, unsubscribed: true });
    expect(updated).toMatchObject({ lastName: 'Lovelace', unsubscribed: true });
    expect(await roster.query("select last_name, unsubscribed, properties from contact where email = 'ada@example.com'")).toEqual([
      { last_name: 'Lovelace', unsubscribed: true, properties: {} },
    ]);
    expect(await toolError(mcp, 'update_contact', { contact: 'ada@example.com' })).toMatch(/^Nothing to change/);
  });

  it('creates and lists segments, adds contacts to one (per-contact errors), subscribes to a topic', async () => {
    await result(mcp, 'create_contact', { email: 'bob@example.com' });
    const segment = await result<{ id: string; name: string }>(mcp, 'create_segment', { name: 'VIP' });
    const added = await result<{ added: { email: string }[]; errors: { contact: string; error: string }[] }>(mcp, 'add_to_segment', {
      segmentId: segment.id,
      contacts: ['ada@example.com', 'bob@example.com', 'nobody@example.com'],
    });
    expect(added.added.map((c) => c.email)).toEqual(['ada@example.com', 'bob@example.com']);
    expect(added.errors).toEqual([{ contact: 'nobody@example.com', error: expect.stringMatching(/not found/i) }]);
    expect(await roster.query('select count(*)::int as n from contact_segment where segment_id = $1', [segment.id])).toEqual([{ n: 2 }]);
    expect(await result(mcp, 'list_segments')).toEqual([{ id: segment.id, name: 'VIP', contactCount: 2 }]);
    expect((await result<{ contacts: unknown[] }>(mcp, 'search_contacts', { segmentId: segment.id })).contacts).toHaveLength(2);

    const subscribed = await result<{ updated: { email: string }[] }>(mcp, 'subscribe_to_topic', { topicId, contacts: ['bob@example.com'] });
    expect(subscribed.updated.map((c) => c.email)).toEqual(['bob@example.com']);
    expect(await roster.query("select ct.subscription from contact_topic ct join contact c on c.id = ct.contact_id where c.email = 'bob@example.com'")).toEqual([
      { subscription: 'opt_in' },
    ]);
    expect(await result(mcp, 'list_topics')).toEqual([{ id: topicId, name: 'Newsletter', description: null, defaultSubscription: 'opt_out', visibility: 'private' }]);
  });

  it('suggests a mapping for CSV text, imports it with that map and reports counts and first failures', async () => {
    const csv = 'Email,First Name,Seats\ncarol@example.com,Carol,3\nnot-an-email,Nope,1\ndave@example.com,Dave,7\n';
    const suggestion = await result<{ columns: { column: string; target: string }[]; columnMap: Record<string, unknown> }>(mcp, 'suggest_column_mapping', { csv });
    expect(suggestion.columns.map((c) => [c.column, c.target])).toEqual([
      ['Email', 'email'],
      ['First Name', 'first_name'],
      ['Seats', 'property'],
    ]);
    expect(suggestion.columnMap).toEqual({
      email: 'Email',
      firstName: 'First Name',
      lastName: null,
      unsubscribed: null,
      properties: [{ key: 'seats', column: 'Seats', type: 'number' }],
    });

    const report = await result<{ id: string; status: string; done: boolean; counts: Record<string, number>; firstFailures: unknown[]; failuresUrl: string }>(mcp, 'start_import', {
      csv,
      columnMap: suggestion.columnMap,
      waitSeconds: 60,
    });
    expect(report).toMatchObject({ status: 'completed', done: true, counts: { total: 3, created: 2, updated: 0, skipped: 0, failed: 1 } });
    expect(report.firstFailures).toEqual([{ row: 2, email: 'not-an-email', outcome: 'failed', reason: expect.any(String) }]);
    expect(report.failuresUrl).toBe(`${roster.url}/contacts/imports/${report.id}/failures.csv`);
    expect(await roster.query("select email, first_name, properties from contact where email in ('carol@example.com', 'dave@example.com') order by email")).toEqual([
      { email: 'carol@example.com', first_name: 'Carol', properties: { seats: 3 } },
      { email: 'dave@example.com', first_name: 'Dave', properties: { seats: 7 } },
    ]);
    expect(await roster.query("select type from contact_property where team_id = $1 and key = 'seats'", [teamId])).toEqual([{ type: 'number' }]);

    expect(await result(mcp, 'get_import', { importId: report.id, failures: 0 })).toMatchObject({ id: report.id, status: 'completed', firstFailures: [] });
    expect((await result<{ id: string }[]>(mcp, 'list_imports'))[0]).toMatchObject({ id: report.id, status: 'completed', fileName: 'contacts.csv' });
    // It has ended: cancelling says so, as a tool error.
    expect(await toolError(mcp, 'cancel_import', { importId: report.id })).toContain('id: The import has already ended (completed)');
  });

  it('imports a local file by path into a segment; without a map, headers are matched by name', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'roster-mcp-'));
    const file = join(dir, 'people.csv');
    writeFileSync(file, 'email,last_name,Ignored\nerin@example.com,Stone,x\n');
    const segment = await result<{ id: string }>(mcp, 'create_segment', { name: 'From file' });
    const report = await result<{ status: string; fileName: string; counts: Record<string, number> }>(mcp, 'start_import', { filePath: file, segmentIds: [segment.id], onConflict: 'skip' });
    expect(report).toMatchObject({ status: 'completed', fileName: 'people.csv', counts: { created: 1 } });
    expect(await roster.query("select last_name, properties from contact where email = 'erin@example.com'")).toEqual([{ last_name: 'Stone', properties: {} }]);
    expect(await roster.query('select 1 from contact_segment where segment_id = $1', [segment.id])).toHaveLength(1);

    expect(await toolError(mcp, 'start_import', { filePath: join(dir, 'missing.csv') })).toBe(`No file at ${join(dir, 'missing.csv')} (on the machine running the Roster MCP server).`);
    expect(await toolError(mcp, 'start_import', { filePath: file, csv: 'email\n' })).toBe('Pass either filePath or csv (exactly one).');
  });

  it('errors from the server come back as tool errors with a clear message, not a crash', async () => {
    expect(await toolError(mcp, 'create_contact', { email: 'not an email' })).toMatch(/^The server refused the input:\n {2}input\.email: /);
    expect(await toolError(mcp, 'create_contact', { email: 'x@example.com', properties: { nope: 1 } })).toMatch(/input\.properties/);
    expect(await toolError(mcp, 'get_contact', { contact: 'ghost@example.com' })).toBe('No contact has the email ghost@example.com.');
    expect(await toolError(mcp, 'get_import', { importId: '00000000-0000-7000-8000-000000000000' })).toBe('No import has the id 00000000-0000-7000-8000-000000000000.');
    expect(await toolError(mcp, 'add_to_segment', { segmentId: '00000000-0000-7000-8000-000000000000', contacts: ['ada@example.com'] })).toBe(
      'No segment has the id 00000000-0000-7000-8000-000000000000 (see list_segments).',
    );
    expect(await toolError(mcp, 'suggest_column_mapping', { csv: 'a,a\n1,2\n' })).toMatch(/^The CSV text cannot be imported: The header row names a column more than once/);
    // An input the schema refuses is an error too, and the server keeps serving.
    const invalid = await call(mcp, 'search_contacts', { limit: 1000 });
    expect(invalid.isError).toBe(true);
    expect(await result(mcp, 'list_segments')).toHaveLength(2);
    expect(mcp.errors).toEqual([]);
  });

  it('a wrong key makes every tool answer with the refusal', async () => {
    const wrong = await connect({ key: 're_not_a_real_key_at_all_0000000' });
    try {
      expect(await toolError(wrong, 'list_segments')).toBe('The API key was refused (403 invalid_api_key). Check --key or ROSTER_API_KEY.');
      expect(wrong.errors).toEqual([]);
    } finally {
      await wrong.close();
    }
  });
});

describe('roster mcp --allow-destructive', () => {
  it('adds the destructive tools, marked so, and they delete', async () => {
    const destructive = await connect({ destructive: true });
    try {
      const { tools } = await destructive.client.listTools();
      expect(tools.map((t) => t.name).sort()).toEqual([...SAFE_TOOLS, ...DESTRUCTIVE_TOOLS].sort());
      for (const name of DESTRUCTIVE_TOOLS) expect(tools.find((t) => t.name === name)?.annotations?.destructiveHint, name).toBe(true);

      const [segment] = await roster.query<{ id: string }>("select id from segment where name = 'VIP'");
      expect(await result(destructive, 'remove_from_segment', { segmentId: segment!.id, contact: 'bob@example.com' })).toMatchObject({ removed: { email: 'bob@example.com' } });
      expect(await roster.query('select count(*)::int as n from contact_segment where segment_id = $1', [segment!.id])).toEqual([{ n: 1 }]);
      expect(await result(destructive, 'delete_contact', { contact: 'bob@example.com' })).toMatchObject({ deleted: { email: 'bob@example.com' } });
      expect(await roster.query("select 1 from contact where email = 'bob@example.com'")).toEqual([]);
      expect(await result(destructive, 'delete_segment', { segmentId: segment!.id })).toMatchObject({ deleted: { name: 'VIP' } });
      expect(await result(destructive, 'delete_topic', { topicId })).toMatchObject({ deleted: { id: topicId } });
      expect(await result(destructive, 'delete_property', { property: 'plan' })).toMatchObject({ deleted: { key: 'plan' } });
      expect(await roster.query("select 1 from contact_property where team_id = $1 and key = 'plan'", [teamId])).toEqual([]);
      expect(await toolError(destructive, 'delete_contact', { contact: 'bob@example.com' })).toMatch(/not found/i);
      expect(destructive.stderr()).toContain('destructive tools enabled');
    } finally {
      await destructive.close();
    }
  });
});
