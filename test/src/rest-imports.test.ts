import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { Resend } from 'resend';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Roster, startRoster } from './harness';

// POST /contacts/imports as the official SDK sends it (file part first, options after, as JSON
// strings) and as a hand-written form sends it (options first), then the import as it runs.
let roster: Roster;

const UUID = expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
const PG_TIME = expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d*[1-9])?\+00$/);
const UNKNOWN_ID = '0190a6c2-0000-7000-8000-000000000000';

beforeAll(async () => {
  roster = await startRoster();
});
afterAll(() => roster?.close());

/** A team of its own per test: counts and contacts do not mix. */
async function team(name: string): Promise<{ key: string; resend: Resend; teamId: string }> {
  const key = await roster.newKey(name);
  const [row] = await roster.query('select id from team where name = $1', [name]);
  return { key, resend: new Resend(key, { baseUrl: roster.url }), teamId: (row as { id: string }).id };
}

async function created<T extends { data: { id: string } | null; error: unknown }>(promise: Promise<T>): Promise<string> {
  const { data, error } = await promise;
  expect(error).toBeNull();
  return data!.id;
}

/** Polls GET /contacts/imports/{id} through the SDK until the import has ended. */
async function finished(resend: Resend, id: string) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const { data, error } = await resend.contacts.imports.get(id);
    expect(error).toBeNull();
    if (data!.status === 'completed' || data!.status === 'failed') return data!;
    if (Date.now() > deadline) throw new Error(`import ${id} still ${data!.status}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function contactsOf(teamId: string) {
  return roster.query(
    `select c.email, c.first_name, c.last_name, c.unsubscribed, c.properties,
       (select array_agg(s.segment_id::text) from contact_segment s where s.contact_id = c.id) as segments,
       (select jsonb_object_agg(t.topic_id, t.subscription) from contact_topic t where t.contact_id = c.id) as topics
     from contact c where c.team_id = $1 order by c.email`,
    [teamId],
  );
}

async function importsOf(teamId: string) {
  return roster.query('select id, file_name, file_size, on_conflict from contact_import where team_id = $1 order by created_at', [teamId]);
}

interface Part {
  name: string;
  value: string;
  filename?: string;
  type?: string;
}

/** A multipart body in exactly the given part order (what `curl -F` sends, options first if so written). */
function multipart(parts: Part[]): { body: string; contentType: string } {
  const boundary = `----roster-test-${Math.random().toString(16).slice(2)}`;
  const body = parts
    .map((p) => {
      const disposition = `form-data; name="${p.name}"${p.filename === undefined ? '' : `; filename="${p.filename}"`}`;
      return `--${boundary}\r\nContent-Disposition: ${disposition}\r\n${p.type ? `Content-Type: ${p.type}\r\n` : ''}\r\n${p.value}\r\n`;
    })
    .join('');
  return { body: `${body}--${boundary}--\r\n`, contentType: `multipart/form-data; boundary=${boundary}` };
}

async function postForm(key: string, parts: Part[], headers: Record<string, string> = {}, url = roster.url): Promise<{ status: number; body: Record<string, unknown> }> {
  const { body, contentType } = multipart(parts);
  const response = await fetch(`${url}/contacts/imports`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': contentType, ...headers },
    body,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const spooled = async () => (await readdir(tmpdir())).filter((name) => name.startsWith('roster-import-'));

describe('the SDK', () => {
  it('imports a Blob (filename "blob") with columnMap, onConflict, segments and topics', async () => {
    const { resend, teamId } = await team('imp-blob');
    const segment = await created(resend.segments.create({ name: 'Imported' }));
    const topic = await created(resend.topics.create({ name: 'News', defaultSubscription: 'opt_out' }));
    const csv = 'E-mail,Given,Family,Plan,Seats,Opt out\nann@imp.test,Ann,Lee,pro,3,false\nbob@imp.test,Bob,,free,1,true\n';

    const create = await resend.contacts.imports.create({
      file: new Blob([csv], { type: 'text/csv' }),
      columnMap: {
        email: 'E-mail',
        firstName: 'Given',
        lastName: 'Family',
        unsubscribed: 'Opt out',
        properties: { plan: { column: 'Plan' }, seats: { column: 'Seats', type: 'number' } },
      },
      onConflict: 'upsert',
      segments: [{ id: segment }],
      topics: [{ id: topic, subscription: 'opt_in' }],
    });
    expect(create).toMatchObject({ data: { object: 'contact_import', id: UUID }, error: null });
    const id = create.data!.id;

    expect(await finished(resend, id)).toEqual({
      object: 'contact_import',
      id,
      status: 'completed',
      created_at: PG_TIME,
      completed_at: PG_TIME,
      counts: { total: 2, created: 2, updated: 0, skipped: 0, failed: 0 },
    });
    expect(await importsOf(teamId)).toEqual([{ id, file_name: 'blob', file_size: String(Buffer.byteLength(csv)), on_conflict: 'upsert' }]);
    expect(await contactsOf(teamId)).toEqual([
      { email: 'ann@imp.test', first_name: 'Ann', last_name: 'Lee', unsubscribed: false, properties: expect.anything(), segments: [segment], topics: { [topic]: 'opt_in' } },
      { email: 'bob@imp.test', first_name: 'Bob', last_name: null, unsubscribed: true, properties: expect.anything(), segments: [segment], topics: { [topic]: 'opt_in' } },
    ]);
    const ann = await resend.contacts.get({ email: 'ann@imp.test' });
    expect(ann.data?.properties).toEqual({ plan: { value: 'pro', type: 'string' }, seats: { value: 3, type: 'number' } });
    const list = await resend.contacts.imports.list();
    expect(list.data?.data.map((i) => i.id)).toEqual([id]);
  });

  it('imports a File under its name, skipping existing contacts with onConflict skip', async () => {
    const { resend, teamId } = await team('imp-file');
    await created(resend.contacts.create({ email: 'old@imp.test', firstName: 'Kept' }));
    const csv = 'email,first_name\nold@imp.test,Replaced\nnew@imp.test,New\n';
    const id = await created(resend.contacts.imports.create({ file: new File([csv], 'people.csv', { type: 'text/csv' }), onConflict: 'skip' }));

    expect((await finished(resend, id)).counts).toEqual({ total: 2, created: 1, updated: 0, skipped: 1, failed: 0 });
    expect(await importsOf(teamId)).toMatchObject([{ id, file_name: 'people.csv', on_conflict: 'skip' }]);
    expect((await contactsOf(teamId)).map((c) => [c.email, c.first_name])).toEqual([
      ['new@imp.test', 'New'],
      ['old@imp.test', 'Kept'],
    ]);
  });

  it('imports a Buffer (a part without a filename), updating existing contacts by default', async () => {
    const { resend, teamId } = await team('imp-buffer');
    await created(resend.contacts.create({ email: 'old@imp.test', firstName: 'Before' }));
    const csv = 'Mail;Name\nold@imp.test;After\nnew@imp.test;New\n';
    const id = await created(resend.contacts.imports.create({ file: Buffer.from(csv) as unknown as Blob, columnMap: { email: 'Mail', firstName: 'Name' } }));

    expect((await finished(resend, id)).counts).toEqual({ total: 2, created: 1, updated: 1, skipped: 0, failed: 0 });
    expect(await importsOf(teamId)).toMatchObject([{ id, file_name: null, on_conflict: 'upsert' }]);
    expect((await contactsOf(teamId)).map((c) => [c.email, c.first_name])).toEqual([
      ['new@imp.test', 'New'],
      ['old@imp.test', 'After'],
    ]);
  });

  it('refuses an unknown segment and a bad subscription, leaving no import', async () => {
    const { resend, teamId } = await team('imp-unknown');
    const file = new Blob(['email\na@imp.test\n']);
    expect((await resend.contacts.imports.create({ file, segments: [{ id: UNKNOWN_ID }] })).error).toEqual({
      statusCode: 422,
      name: 'validation_error',
      message: expect.stringMatching(/^Invalid `segments\[0\]`: No segment has the id/),
    });
    const topics = [{ id: UNKNOWN_ID, subscription: 'maybe' as 'opt_in' }];
    expect((await resend.contacts.imports.create({ file, topics })).error).toMatchObject({ statusCode: 422, name: 'validation_error', message: expect.stringContaining('topics') });
    expect((await resend.contacts.imports.create({ file, columnMap: { email: 'nope' } })).error).toMatchObject({
      statusCode: 422,
      name: 'validation_error',
      message: expect.stringContaining('`column_map.email`'),
    });
    expect(await importsOf(teamId)).toEqual([]);
  });
});

describe('hand-written forms', () => {
  it('streams a file sent after its options (curl -F column_map=... -F file=@x.csv)', async () => {
    const { key, resend, teamId } = await team('imp-curl');
    const segment = await created(resend.segments.create({ name: 'Curl' }));
    const answer = await postForm(key, [
      { name: 'column_map', value: JSON.stringify({ email: 'Address', last_name: null }) },
      { name: 'on_conflict', value: 'upsert' },
      { name: 'segments', value: JSON.stringify([{ id: segment }]) },
      { name: 'file', value: 'Address,last_name\ncurl@imp.test,Ignored\n', filename: 'x.csv', type: 'text/csv' },
    ]);
    expect(answer).toEqual({ status: 201, body: { object: 'contact_import', id: UUID } });
    expect((await finished(resend, answer.body.id as string)).counts).toMatchObject({ total: 1, created: 1 });
    expect(await contactsOf(teamId)).toMatchObject([{ email: 'curl@imp.test', last_name: null, segments: [segment] }]);
  });

  it('takes `file` as a plain field, and ignores unknown fields', async () => {
    const { key, resend } = await team('imp-field');
    const answer = await postForm(key, [
      { name: 'file', value: 'email\nfield@imp.test\n' },
      { name: 'on_error', value: 'continue' },
    ]);
    expect(answer.status).toBe(201);
    expect((await finished(resend, answer.body.id as string)).counts).toMatchObject({ total: 1, created: 1 });
  });

  it('refuses an option sent after a file that streamed after other options, importing nothing', async () => {
    const { key, teamId } = await team('imp-late');
    const answer = await postForm(key, [
      { name: 'on_conflict', value: 'skip' },
      { name: 'file', value: 'email\nlate@imp.test\n', filename: 'x.csv' },
      { name: 'segments', value: '[]' },
    ]);
    expect(answer).toEqual({ status: 422, body: { statusCode: 422, name: 'validation_error', message: expect.stringMatching(/^Invalid `segments`: send every option before/) } });
    expect(await importsOf(teamId)).toEqual([]);
  });

  it('answers 422 for a missing file, bad JSON, a bad on_conflict and a body that is not a form', async () => {
    const { key, teamId } = await team('imp-errors');
    const file = { name: 'file', value: 'email\na@imp.test\n', filename: 'a.csv' };
    expect(await postForm(key, [{ name: 'on_conflict', value: 'skip' }])).toEqual({
      status: 422,
      body: { statusCode: 422, name: 'missing_required_field', message: 'Missing `file` field.' },
    });
    expect(await postForm(key, [file, { name: 'column_map', value: '{"email":' }])).toEqual({
      status: 422,
      body: { statusCode: 422, name: 'validation_error', message: 'Invalid `column_map`: not valid JSON.' },
    });
    // Before the file too (the streamed path).
    expect((await postForm(key, [{ name: 'topics', value: 'nope' }, file])).body).toEqual({ statusCode: 422, name: 'validation_error', message: 'Invalid `topics`: not valid JSON.' });
    expect((await postForm(key, [file, { name: 'segments', value: '{"id":"x"}' }])).body).toMatchObject({ message: expect.stringMatching(/^Invalid `segments`: expected a JSON array/) });
    expect((await postForm(key, [file, { name: 'on_conflict', value: 'merge' }])).body).toMatchObject({ message: 'Invalid `on_conflict`: expected "upsert" or "skip".' });
    const json = await fetch(`${roster.url}/contacts/imports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ file: 'email\na@imp.test\n' }),
    });
    expect(json.status).toBe(422);
    expect(await json.json()).toMatchObject({ name: 'validation_error', message: expect.stringContaining('multipart/form-data') });
    expect(await importsOf(teamId)).toEqual([]);
  });
});

describe('limits', () => {
  let small: Roster;
  beforeAll(async () => {
    small = await startRoster({ maxImportBytes: 5000, workers: 0 });
  });
  afterAll(() => small?.close());

  const csvOf = (bytes: number) => {
    const header = 'email\n';
    const rows: string[] = [];
    let size = header.length;
    for (let i = 0; size + `r${i}@imp.test\n`.length <= bytes; i++) {
      rows.push(`r${i}@imp.test\n`);
      size += rows.at(-1)!.length;
    }
    return (header + rows.join('')).padEnd(bytes, '\n');
  };

  it('accepts a file of exactly the limit and answers 413 past it, spooled or streamed, leaving nothing behind', async () => {
    const key = await small.newKey('imp-limit');
    const resend = new Resend(key, { baseUrl: small.url });
    const before = await spooled();
    expect((await resend.contacts.imports.create({ file: new Blob([csvOf(5000)]) })).error).toBeNull();
    const tooLarge = { statusCode: 413, name: 'payload_too_large', message: 'The file is larger than the limit of 5000 bytes' };
    expect((await resend.contacts.imports.create({ file: new Blob([csvOf(5001)]) })).error).toEqual(tooLarge);
    expect((await resend.contacts.imports.create({ file: new Blob([csvOf(60_000)]) })).error).toEqual(tooLarge);
    expect(await postForm(key, [{ name: 'on_conflict', value: 'skip' }, { name: 'file', value: csvOf(60_000), filename: 'big.csv' }], {}, small.url)).toEqual({
      status: 413,
      body: tooLarge,
    });
    // A declared body far past the limit is refused before it is read.
    const huge = await fetch(`${small.url}/contacts/imports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(5 * 1024 * 1024) },
      body: new Uint8Array(5 * 1024 * 1024),
    }).catch(() => null);
    // The server may close the connection while fetch is still sending; when an answer arrives it is 413.
    if (huge) expect(huge.status).toBe(413);
    expect(await small.query('select count(*)::int as n from contact_import', [])).toEqual([{ n: 1 }]);
    expect(await small.query('select count(*)::int as n from contact_import_chunk', [])).toEqual([{ n: 1 }]);
    // Temporary files are deleted once the request ends (this file is the only REST uploader).
    expect((await spooled()).filter((name) => !before.includes(name))).toEqual([]);
  });
});

describe('Idempotency-Key', () => {
  it('replays the first answer for the same file and options, and refuses another body with 409', async () => {
    const { resend, teamId } = await team('imp-idem');
    const csv = 'email\nidem@imp.test\n';
    const send = (body: string, onConflict: 'upsert' | 'skip' = 'skip') =>
      // Its type omits `idempotencyKey` for imports, but the SDK's post() sends it like for every POST.
      resend.contacts.imports.create({ file: new Blob([body]), onConflict }, { idempotencyKey: 'imp-key-1' } as { headers?: Record<string, string> });
    const first = await created(send(csv));
    // A new multipart boundary each time; the same fields and file.
    expect(await created(send(csv))).toBe(first);
    expect(await created(send(csv))).toBe(first);
    const conflict = {
      statusCode: 409,
      name: 'invalid_idempotent_request',
      message: 'Same idempotency key used with a different request payload. Change your idempotency key or payload.',
    };
    expect((await send('email\nother@imp.test\n')).error).toEqual(conflict);
    expect((await send(csv, 'upsert')).error).toEqual(conflict);
    expect((await importsOf(teamId)).map((i) => i.id)).toEqual([first]);
    expect((await finished(resend, first)).counts).toMatchObject({ total: 1, created: 1 });
  });

  it('replays a streamed upload (options first) without a second import', async () => {
    const { key, teamId } = await team('imp-idem-stream');
    const parts = [
      { name: 'on_conflict', value: 'skip' },
      { name: 'file', value: 'email\nstream@imp.test\n', filename: 'a.csv' },
    ];
    const first = await postForm(key, parts, { 'idempotency-key': 'imp-key-2' });
    expect(first.status).toBe(201);
    expect(await postForm(key, parts, { 'idempotency-key': 'imp-key-2' })).toEqual(first);
    expect((await postForm(key, [parts[0]!, { ...parts[1]!, value: 'email\nx@imp.test\n' }], { 'idempotency-key': 'imp-key-2' })).status).toBe(409);
    expect((await importsOf(teamId)).map((i) => i.id)).toEqual([first.body.id]);
  });

  it('does not keep the answer to a form without a file (no hash to compare), so a corrected retry runs', async () => {
    const { key, teamId } = await team('imp-idem-missing');
    expect((await postForm(key, [{ name: 'on_conflict', value: 'skip' }], { 'idempotency-key': 'imp-key-3' })).status).toBe(422);
    const retry = await postForm(key, [{ name: 'file', value: 'email\nfix@imp.test\n', filename: 'a.csv' }], { 'idempotency-key': 'imp-key-3' });
    expect(retry.status).toBe(201);
    expect((await importsOf(teamId)).map((i) => i.id)).toEqual([retry.body.id]);
  });
});
