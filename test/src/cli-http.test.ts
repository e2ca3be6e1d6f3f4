import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Roster, startRoster } from './harness';

// The HTTP commands of `roster` run as real child processes (stdin not a terminal) against a real
// server; what they print (--json parsed, tables read) is checked against what is stored.

const SERVER_DIR = resolve(import.meta.dirname, '../../packages/server');
const FILES = mkdtempSync(join(tmpdir(), 'roster-cli-'));

let roster: Roster;
let key: string;
let teamId: string;

beforeAll(async () => {
  roster = await startRoster();
  key = await roster.newKey('cli-team');
  [{ id: teamId }] = (await roster.query<{ id: string }>("select id from team where name = 'cli-team'")) as [{ id: string }];
});
afterAll(() => roster.close());

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runCli(args: string[], env: Record<string, string> = {}): Promise<Result> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(DATABASE_URL|ROSTER_.*|PORT|HOST)$/.test(name)));
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    cwd: SERVER_DIR,
    env: { ...clean, ROSTER_URL: roster.url, ROSTER_API_KEY: key, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((done) => child.once('close', (code) => done({ code, stdout, stderr })));
}

/** Runs a command that must succeed and print JSON; returns it parsed. */
async function json<T = Record<string, unknown>>(args: string[]): Promise<T> {
  const result = await runCli([...args, '--json']);
  expect(result.stderr, `stderr of roster ${args.join(' ')}`).not.toMatch(/roster:/);
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as T;
}

function csvFile(name: string, lines: string[]): string {
  const path = join(FILES, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

/** No stack trace: no "    at fn (file:line)" lines, no "Error:" class dumps. */
function expectNoStack(text: string): void {
  expect(text).not.toMatch(/^\s+at .+\(.+:\d+:\d+\)$/m);
  expect(text).not.toMatch(/node:internal|\.ts:\d+/);
}

interface ContactJson {
  id: string;
  email: string;
  firstName: string | null;
  lastName: string | null;
  unsubscribed: boolean;
  properties: Record<string, unknown>;
  segments?: { id: string; name: string }[];
  topics?: { id: string; name: string; subscription: string; explicit: boolean }[];
}

describe('catalog: segments, topics, properties', () => {
  it('segments create, list, get, rename and delete', async () => {
    const created = await json<{ id: string; name: string; contactCount: number }>(['segments', 'create', 'Early adopters']);
    expect(await roster.query('select name, team_id from segment where id = $1', [created.id])).toEqual([{ name: 'Early adopters', team_id: teamId }]);
    expect(created.contactCount).toBe(0);

    const list = await json<{ id: string; name: string }[]>(['segments', 'list']);
    expect(list.map((s) => s.id)).toContain(created.id);
    const table = await runCli(['segments', 'list']);
    expect(table.stdout).toMatch(/^NAME\s+CONTACTS\s+CREATED\s+ID$/m);
    expect(table.stdout).toMatch(new RegExp(`^Early adopters\\s+0\\s+.+${created.id}$`, 'm'));

    expect(await json(['segments', 'get', created.id])).toMatchObject({ id: created.id, name: 'Early adopters' });
    await json(['segments', 'rename', created.id, 'Pioneers']);
    expect(await roster.query('select name from segment where id = $1', [created.id])).toEqual([{ name: 'Pioneers' }]);

    const refused = await runCli(['segments', 'delete', created.id]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/--yes/);
    expect(await roster.query('select 1 from segment where id = $1', [created.id])).toHaveLength(1);
    await json(['segments', 'delete', created.id, '--yes']);
    expect(await roster.query('select 1 from segment where id = $1', [created.id])).toEqual([]);

    const missing = await runCli(['segments', 'get', created.id]);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toBe(`roster: No segment has the id ${created.id}. See \`roster segments list\`.`);
  });

  it('topics create, list, get, update and delete', async () => {
    const created = await json<{ id: string }>(['topics', 'create', 'Product news', '--default', 'opt_out', '--description', 'Monthly', '--visibility', 'public']);
    expect(await roster.query('select name, description, default_subscription, visibility from topic where id = $1', [created.id])).toEqual([
      { name: 'Product news', description: 'Monthly', default_subscription: 'opt_out', visibility: 'public' },
    ]);
    expect(await json(['topics', 'get', created.id])).toMatchObject({ name: 'Product news', defaultSubscription: 'opt_out', visibility: 'public' });
    const list = await json<{ id: string }[]>(['topics', 'list']);
    expect(list.map((t) => t.id)).toContain(created.id);
    expect((await runCli(['topics', 'list'])).stdout).toMatch(/Product news\s+opt_out\s+public\s+Monthly/);

    await json(['topics', 'update', created.id, '--name', 'Releases', '--visibility', 'private']);
    expect(await roster.query('select name, visibility from topic where id = $1', [created.id])).toEqual([{ name: 'Releases', visibility: 'private' }]);

    const nothing = await runCli(['topics', 'update', created.id]);
    expect(nothing.code).toBe(1);
    expect(nothing.stderr).toMatch(/Nothing to change/);

    await json(['topics', 'delete', created.id, '--yes']);
    expect(await roster.query('select 1 from topic where id = $1', [created.id])).toEqual([]);
  });

  it('properties create, list, get (by key), update the fallback and delete', async () => {
    const created = await json<{ id: string; key: string; type: string; fallbackValue: unknown }>(['properties', 'create', 'credits', '--type', 'number', '--fallback', '5']);
    expect(created).toMatchObject({ key: 'credits', type: 'number', fallbackValue: 5 });
    expect(await roster.query('select type, fallback_value from contact_property where id = $1', [created.id])).toEqual([{ type: 'number', fallback_value: 5 }]);
    expect(await json(['properties', 'get', 'credits'])).toMatchObject({ id: created.id });
    expect((await json<{ key: string }[]>(['properties', 'list'])).map((p) => p.key)).toContain('credits');
    expect((await runCli(['properties', 'list'])).stdout).toMatch(/credits\s+number\s+5/);

    await json(['properties', 'update', 'credits', '--fallback', '12']);
    expect(await roster.query('select fallback_value from contact_property where id = $1', [created.id])).toEqual([{ fallback_value: 12 }]);
    await json(['properties', 'update', created.id, '--no-fallback']);
    expect(await roster.query('select fallback_value from contact_property where id = $1', [created.id])).toEqual([{ fallback_value: null }]);

    const wrongType = await runCli(['properties', 'update', 'credits', '--fallback', 'many']);
    expect(wrongType.code).toBe(1);
    expect(wrongType.stderr.trim()).toBe('roster: The property "credits" is a number; "many" is not one.');

    await json(['properties', 'delete', 'credits', '--yes']);
    expect(await roster.query('select 1 from contact_property where id = $1', [created.id])).toEqual([]);
  });
});

describe('contacts', () => {
  let segmentId = '';
  let topicId = '';

  beforeAll(async () => {
    segmentId = (await json<{ id: string }>(['segments', 'create', 'Customers'])).id;
    topicId = (await json<{ id: string }>(['topics', 'create', 'Digest', '--default', 'opt_in'])).id;
    await json(['properties', 'create', 'plan', '--type', 'string']);
    await json(['properties', 'create', 'seats', '--type', 'number']);
  });

  it('create stores the contact with typed properties, its segment and topic', async () => {
    const contact = await json<ContactJson>([
      'contacts',
      'create',
      'grace@example.com',
      '--first-name',
      'Grace',
      '--last-name',
      'Hopper',
      '--property',
      'plan=pro',
      '--property',
      'seats=12',
      '--segment',
      segmentId,
      '--topic',
      `${topicId}:opt_out`,
    ]);
    expect(contact).toMatchObject({ email: 'grace@example.com', firstName: 'Grace', lastName: 'Hopper', unsubscribed: false, properties: { plan: 'pro', seats: 12 } });
    const [row] = await roster.query('select email, first_name, last_name, properties, team_id from contact where id = $1', [contact.id]);
    expect(row).toEqual({ email: 'grace@example.com', first_name: 'Grace', last_name: 'Hopper', properties: { plan: 'pro', seats: 12 }, team_id: teamId });
    expect(await roster.query('select segment_id from contact_segment where contact_id = $1', [contact.id])).toEqual([{ segment_id: segmentId }]);
    expect(await roster.query('select topic_id, subscription from contact_topic where contact_id = $1', [contact.id])).toEqual([{ topic_id: topicId, subscription: 'opt_out' }]);

    const readable = await runCli(['contacts', 'create', 'alan@example.com', '--first-name', 'Alan']);
    expect(readable.code).toBe(0);
    const [alan] = await roster.query<{ id: string }>("select id from contact where email = 'alan@example.com'");
    expect(readable.stdout.trim()).toBe(`Contact alan@example.com (${alan!.id}).`);
  });

  it('get by email or id shows properties, segments and topics', async () => {
    const [{ id }] = (await roster.query<{ id: string }>("select id from contact where email = 'grace@example.com'")) as [{ id: string }];
    const byEmail = await json<ContactJson>(['contacts', 'get', 'GRACE@example.com']);
    expect(byEmail).toMatchObject({ id, segments: [{ id: segmentId, name: 'Customers' }] });
    expect(byEmail.topics).toEqual([{ id: topicId, name: 'Digest', subscription: 'opt_out', explicit: true }]);
    expect(await json(['contacts', 'get', id])).toEqual(byEmail);

    const readable = await runCli(['contacts', 'get', id]);
    expect(readable.stdout).toMatch(/^Email:\s+grace@example\.com$/m);
    expect(readable.stdout).toMatch(/^First name:\s+Grace$/m);
    expect(readable.stdout).toContain('plan: "pro"');
    expect(readable.stdout).toContain(`Customers (${segmentId})`);
    expect(readable.stdout).toContain(`Digest: opt_out (${topicId})`);

    const missing = await runCli(['contacts', 'get', 'nobody@example.com']);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toBe('roster: No contact has the email nobody@example.com.');
  });

  it('update changes fields, properties, segments and topics; absent fields stay', async () => {
    const updated = await json<ContactJson>([
      'contacts',
      'update',
      'alan@example.com',
      '--last-name',
      'Turing',
      '--property',
      'seats=3',
      '--unsubscribed',
      '--add-segment',
      segmentId,
      '--topic',
      topicId,
    ]);
    expect(updated).toMatchObject({ firstName: 'Alan', lastName: 'Turing', unsubscribed: true, properties: { seats: 3 } });
    const [row] = await roster.query<{ id: string }>("select id, first_name, last_name, unsubscribed, properties from contact where email = 'alan@example.com'");
    expect(row).toMatchObject({ first_name: 'Alan', last_name: 'Turing', unsubscribed: true, properties: { seats: 3 } });
    expect(await roster.query('select segment_id from contact_segment where contact_id = $1', [row!.id])).toEqual([{ segment_id: segmentId }]);
    expect(await roster.query('select subscription from contact_topic where contact_id = $1', [row!.id])).toEqual([{ subscription: 'opt_in' }]);

    await json(['contacts', 'update', row!.id, '--first-name', '', '--no-unsubscribed', '--remove-segment', segmentId, '--property', 'seats=']);
    expect(await roster.query('select first_name, unsubscribed, properties from contact where id = $1', [row!.id])).toEqual([{ first_name: null, unsubscribed: false, properties: {} }]);
    expect(await roster.query('select 1 from contact_segment where contact_id = $1', [row!.id])).toEqual([]);

    const wrongType = await runCli(['contacts', 'update', row!.id, '--property', 'seats=lots']);
    expect(wrongType.code).toBe(1);
    expect(wrongType.stderr.trim()).toBe('roster: The property "seats" is a number; "lots" is not one.');
    const unknown = await runCli(['contacts', 'update', row!.id, '--property', 'color=red']);
    expect(unknown.stderr).toContain('No contact property has the key "color"');
  });

  it('list filters, pages with --limit and --after, and prints a table', async () => {
    for (const n of [1, 2, 3, 4, 5]) await json(['contacts', 'create', `page${n}@list.example`]);
    const all = await json<{ contacts: ContactJson[]; totalCount: number; nextCursor: string | null }>(['contacts', 'list', '--search', 'page', '--limit', '100']);
    expect(all.totalCount).toBe(5);
    expect(all.nextCursor).toBeNull();
    const stored = await roster.query<{ id: string }>("select id from contact where email like 'page%' order by id desc");
    expect(all.contacts.map((c) => c.id)).toEqual(stored.map((r) => r.id));

    const first = await json<{ contacts: ContactJson[]; nextCursor: string }>(['contacts', 'list', '--search', 'page', '--limit', '2']);
    expect(first.contacts.map((c) => c.id)).toEqual(stored.slice(0, 2).map((r) => r.id));
    const second = await json<{ contacts: ContactJson[] }>(['contacts', 'list', '--search', 'page', '--limit', '2', '--after', first.nextCursor]);
    expect(second.contacts.map((c) => c.id)).toEqual(stored.slice(2, 4).map((r) => r.id));

    const inSegment = await json<{ contacts: ContactJson[] }>(['contacts', 'list', '--segment', segmentId]);
    expect(inSegment.contacts.map((c) => c.email)).toEqual(['grace@example.com']);

    const table = await runCli(['contacts', 'list', '--search', 'page', '--limit', '2']);
    expect(table.stdout).toMatch(/^EMAIL\s+NAME\s+UNSUBSCRIBED\s+CREATED\s+ID$/m);
    expect(table.stdout).toContain('page5@list.example');
    expect(table.stdout).toContain('2 of 5 contacts.');
    expect(table.stdout).toContain(`More: add --after ${first.nextCursor}`);
    expect((await runCli(['contacts', 'list', '--search', 'zzz'])).stdout.trim()).toBe('No contacts match.');
  });

  it('a refused input lists the issues with their paths', async () => {
    const result = await runCli(['contacts', 'create', 'not-an-email']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^roster: The server refused the input:\n {2}input\.email: .+/);
    expectNoStack(result.stderr);
  });

  it('delete asks for --yes without a terminal, then deletes', async () => {
    const refused = await runCli(['contacts', 'delete', 'page1@list.example']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/Pass --yes to confirm/);
    expect(await roster.query("select 1 from contact where email = 'page1@list.example'")).toHaveLength(1);
    const deleted = await json<{ deleted: boolean; email: string }>(['contacts', 'delete', 'page1@list.example', '--yes']);
    expect(deleted).toMatchObject({ deleted: true, email: 'page1@list.example' });
    expect(await roster.query("select 1 from contact where email = 'page1@list.example'")).toEqual([]);
  });
});

describe('connection errors', () => {
  it.concurrent('a wrong key: a clear message, exit code 1, no stack trace', async ({ expect }) => {
    const result = await runCli(['contacts', 'list'], { ROSTER_API_KEY: 're_not_a_real_key_at_all_0000000' });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim()).toBe('roster: The API key was refused (403 invalid_api_key). Check --key or ROSTER_API_KEY.');
  });

  it.concurrent('--key wins over ROSTER_API_KEY', async ({ expect }) => {
    const result = await runCli(['segments', 'list', '--key', 're_not_a_real_key_at_all_0000000']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('(403 invalid_api_key)');
  });

  it.concurrent('no key at all says how to give one', async ({ expect }) => {
    const result = await runCli(['contacts', 'list'], { ROSTER_API_KEY: '' });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toMatch(/^roster: No API key\. Pass --key or set ROSTER_API_KEY/);
  });

  it.concurrent('an unreachable server: names the URL and how to start it, exit code 1', async ({ expect }) => {
    // A port that was free a moment ago: nothing listens there.
    const probe = createServer();
    await new Promise<void>((done) => probe.listen(0, '127.0.0.1', done));
    const { port } = probe.address() as AddressInfo;
    await new Promise((done) => probe.close(done));
    const result = await runCli(['contacts', 'list', '--url', `http://127.0.0.1:${port}`]);
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(
      `roster: Could not reach Roster at http://127.0.0.1:${port} (connection refused). Is the server running? Start it with \`pnpm start\`, or point --url (or ROSTER_URL) at a running Roster.`,
    );
    expectNoStack(result.stderr);
  });

  it.concurrent('a URL that is not one is refused before any request', async ({ expect }) => {
    const result = await runCli(['contacts', 'list'], { ROSTER_URL: 'localhost:3000' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('"localhost:3000" is not an http(s) URL');
  });
});

describe('export', () => {
  it('streams GET /contacts/export.csv to stdout: the stored contacts, filtered like the API', async () => {
    const result = await runCli(['export']);
    expect(result.code).toBe(0);
    const lines = result.stdout.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(lines[0]).toMatch(/^id,email,first_name,last_name,unsubscribed,created_at,updated_at,/);
    const stored = await roster.query<{ id: string; email: string }>('select id, email from contact where team_id = $1 order by id desc', [teamId]);
    expect(lines.slice(1).map((line) => line.split(',').slice(0, 2))).toEqual(stored.map((r) => [r.id, r.email]));

    const segmentId = (await json<{ id: string; name: string }[]>(['segments', 'list'])).find((s) => s.name === 'Customers')!.id;
    const filtered = await runCli(['export', '--segment', segmentId, '--search', 'grace']);
    expect(filtered.stdout.trim().split(/\r?\n/).slice(1).map((line) => line.split(',')[1])).toEqual(['grace@example.com']);

    const bad = await runCli(['export', '--segment', 'nope']);
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim()).toBe('roster: segment_id: Not a valid segment id');
  });
});

describe('import', () => {
  it('without --map and --yes on a non-terminal: shows the suggestion, imports nothing, says to pass --yes or --map', async () => {
    const file = csvFile('ask.csv', ['Email,First Name', 'ask@example.com,Ask']);
    const result = await runCli(['import', file]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Email\s+email\s+ask@example\.com/);
    expect(result.stderr).toMatch(/First Name\s+first_name\s+Ask/);
    expect(result.stderr).toContain("--map email=Email --map 'first_name=First Name'");
    expect(result.stderr).toMatch(/roster: .*pass --yes to accept the suggestion above, or --map to give your own/);
    expect(await roster.query('select 1 from contact_import where team_id = $1', [teamId])).toEqual([]);
    expect(await roster.query("select 1 from contact where email = 'ask@example.com'")).toEqual([]);
  });

  it('--yes imports with the suggested mapping; rows that failed are completed (exit 0) with where to download them', async () => {
    const file = csvFile('people.csv', [
      'Email,First Name,Last Name,Company',
      'ok1@import.example,Ok,One,Acme',
      'bad-email,Bad,Row,Acme',
      'ok2@import.example,Ok,Two,Initech',
      'also bad,Worse,Row,',
    ]);
    const result = await runCli(['import', file, '--yes']);
    expect(result.stderr).not.toMatch(/roster:/);
    expect(result.code).toBe(0);
    const id = /Import ([0-9a-f-]{36}) completed/.exec(result.stdout)?.[1];
    expect(id).toBeDefined();
    expect(result.stdout).toContain('4 rows from people.csv');
    expect(result.stdout).toContain('Created 2 · Updated 0 · Skipped 0 · Failed 2');
    expect(result.stdout).toContain('2 rows failed. The first ones:');
    expect(result.stdout).toMatch(/row 2 {2}bad-email {2}failed: /);
    expect(result.stdout).toContain(`roster import failures ${id} > failed.csv`);
    expect(result.stdout).toContain(`${roster.url}/contacts/imports/${id}/failures.csv`);
    // Progress went to stderr, the upload first.
    expect(result.stderr).toMatch(/Uploading people\.csv[\s\S]*Completed: 4\/4 rows/);

    const stored = await roster.query('select email, first_name, properties from contact where email like $1 order by email', ['%@import.example']);
    expect(stored).toEqual([
      { email: 'ok1@import.example', first_name: 'Ok', properties: { company: 'Acme' } },
      { email: 'ok2@import.example', first_name: 'Ok', properties: { company: 'Initech' } },
    ]);

    const failures = await runCli(['import', 'failures', id!]);
    expect(failures.code).toBe(0);
    const rows = failures.stdout.trim().split(/\r?\n/);
    expect(rows[0]).toBe('row_number,email,outcome,reason');
    expect(rows.slice(1).map((row) => row.split(',').slice(0, 3))).toEqual([
      ['2', 'bad-email', 'failed'],
      ['4', 'also bad', 'failed'],
    ]);

    const status = await json<{ id: string; status: string; counts: Record<string, number>; firstFailures: { row: number }[]; failuresUrl: string }>(['import', 'status', id!]);
    expect(status).toMatchObject({ id, status: 'completed', counts: { total: 4, created: 2, updated: 0, skipped: 0, failed: 2 } });
    expect(status.firstFailures.map((f) => f.row)).toEqual([2, 4]);
    expect(status.failuresUrl).toBe(`${roster.url}/contacts/imports/${id}/failures.csv`);
    const readableStatus = await runCli(['import', 'status', id!]);
    expect(readableStatus.stdout).toMatch(/^Status:\s+completed$/m);
    expect(readableStatus.stdout).toContain('Created 2 · Updated 0 · Skipped 0 · Failed 2');

    const list = await json<{ id: string; status: string }[]>(['import', 'list']);
    expect(list[0]).toMatchObject({ id, status: 'completed' });
    expect((await runCli(['import', 'list'])).stdout).toMatch(new RegExp(`^${id}\\s+completed\\s+people\\.csv\\s+4\\s+2\\s+0\\s+0\\s+2\\s`, 'm'));
  });

  it('--map with a new property (typed), --on-conflict skip, --segment and --topic; --json prints the finished import', async () => {
    const segmentId = (await json<{ id: string }>(['segments', 'create', 'Imported'])).id;
    const topicId = (await json<{ id: string }>(['topics', 'create', 'Imports news', '--default', 'opt_out'])).id;
    await json(['contacts', 'create', 'keep@map.example', '--first-name', 'Kept']);
    const file = csvFile('mapped.csv', ['Mail;Given;Tier;Score', 'keep@map.example;Changed;gold;1', 'new@map.example;Newbie;silver;2.5']);
    const result = await runCli([
      'import',
      file,
      '--map',
      'email=Mail',
      '--map',
      'first_name=Given',
      '--map',
      'property:tier=Tier:string',
      '--map',
      'property:score=score:number',
      '--on-conflict',
      'skip',
      '--segment',
      segmentId,
      '--topic',
      `${topicId}:opt_in`,
      '--json',
    ]);
    expect(result.code).toBe(0);
    const done = JSON.parse(result.stdout) as { status: string; counts: Record<string, number>; columnMap: unknown; segmentIds: string[] };
    expect(done).toMatchObject({ status: 'completed', counts: { total: 2, created: 1, updated: 0, skipped: 1, failed: 0 }, segmentIds: [segmentId] });
    expect(done.columnMap).toMatchObject({ email: 'Mail', firstName: 'Given', properties: [{ key: 'tier', column: 'Tier', type: 'STRING' }, { key: 'score', column: 'score', type: 'NUMBER' }] });
    expect(await roster.query("select key, type from contact_property where team_id = $1 and key in ('tier', 'score') order by key", [teamId])).toEqual([
      { key: 'score', type: 'number' },
      { key: 'tier', type: 'string' },
    ]);
    const rows = await roster.query<{ id: string }>("select id, email, first_name, properties from contact where email like '%@map.example' order by email");
    expect(rows).toMatchObject([
      { email: 'keep@map.example', first_name: 'Kept', properties: {} },
      { email: 'new@map.example', first_name: 'Newbie', properties: { tier: 'silver', score: 2.5 } },
    ]);
    expect(await roster.query('select 1 from contact_segment where contact_id = $1 and segment_id = $2', [rows[1]!.id, segmentId])).toHaveLength(1);
    expect(await roster.query('select subscription from contact_topic where contact_id = $1 and topic_id = $2', [rows[1]!.id, topicId])).toEqual([{ subscription: 'opt_in' }]);
  });

  it('a --map that does not fit the file is refused before anything is uploaded', async () => {
    const file = csvFile('misfit.csv', ['Email,Plan', 'misfit@example.com,pro']);
    const result = await runCli(['import', file, '--map', 'email=Mail', '--map', 'property:plan=Plan:number']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('roster: The column map does not fit the file:');
    expect(result.stderr).toContain('--map email: The file has no column "Mail"; its columns are: "Email", "Plan"');
    expect(result.stderr).toContain('--map property:plan: The property exists with the type string, not number');
    expect(result.stderr).not.toContain('Uploading');

    const badFlag = await runCli(['import', file, '--map', 'nickname=Email']);
    expect(badFlag.code).toBe(1);
    expect(badFlag.stderr).toContain('"nickname" is not a target: use email, first_name, last_name, unsubscribed or property:KEY.');
  });

  it('a file that is not a CSV, or not there, is refused with what is wrong', async () => {
    const missing = await runCli(['import', join(FILES, 'nothing.csv'), '--yes']);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toBe(`roster: No file at ${join(FILES, 'nothing.csv')}.`);
    const binary = join(FILES, 'binary.csv');
    writeFileSync(binary, Buffer.from([0x45, 0x6d, 0x00, 0x01, 0x02, 0x0a]));
    const refused = await runCli(['import', binary, '--yes']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/roster: .*binary\.csv cannot be imported: The file is not text/);
  });

  it('a cancelled import exits 1 with a summary saying so', async () => {
    // A second server on a database of its own without workers: the import stays queued until cancelled.
    const idle = await startRoster({ workers: 0 });
    try {
      const idleKey = await idle.newKey();
      const env = { ROSTER_URL: idle.url, ROSTER_API_KEY: idleKey };
      const file = csvFile('waits.csv', ['email', 'waits@example.com']);
      const following = runCli(['import', file, '--yes'], env);
      let id: string | undefined;
      for (let i = 0; i < 200 && !id; i++) {
        [{ id } = { id: undefined }] = await idle.query<{ id: string }>("select id from contact_import where status = 'queued'");
        if (!id) await new Promise((r) => setTimeout(r, 50));
      }
      expect(id).toBeDefined();
      const cancel = await runCli(['import', 'cancel', id!], env);
      expect(cancel.stdout.trim()).toBe(`Import ${id} is cancelled.`);
      const result = await following;
      expect(result.code).toBe(1);
      expect(result.stdout).toContain(`Import ${id} was cancelled after 0 rows; what was imported stays.`);

      const watch = await runCli(['import', 'status', id!, '--watch'], env);
      expect(watch.code).toBe(1);
      const again = await runCli(['import', 'cancel', id!], env);
      expect(again.code).toBe(1);
      expect(again.stderr).toContain('id: The import has already ended (cancelled)');
    } finally {
      await idle.close();
    }
  });

  it('--no-wait returns once queued, and status --watch follows it to the end', async () => {
    const file = csvFile('later.csv', ['email', 'later@example.com']);
    const queued = await json<{ id: string; status: string }>(['import', file, '--yes', '--no-wait']);
    expect(['queued', 'in_progress', 'completed']).toContain(queued.status);
    const watched = await runCli(['import', 'status', queued.id, '--watch']);
    expect(watched.code).toBe(0);
    expect(watched.stdout).toContain(`Import ${queued.id} completed`);
    expect(await roster.query("select 1 from contact where email = 'later@example.com'")).toHaveLength(1);
  });
});
