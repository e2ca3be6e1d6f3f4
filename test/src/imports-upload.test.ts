import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import type { ResultOf } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './gql';
import { type Roster, ok, startRoster, subscribe, uploadCsv } from './harness';

// The multipart upload of importContacts over real HTTP: the size limit (10,000 bytes here), the
// CSRF header, hostile or malformed multipart requests, and keys. Each refusal leaves nothing stored.

const LIMIT = 10_000;
let roster: Roster;
let key: string;
beforeAll(async () => {
  roster = await startRoster({ maxImportBytes: LIMIT });
  key = await roster.newKey('imp-upload');
});
afterAll(() => roster.close());

const Progress = graphql(`
  subscription ImpUploadProgress($id: ID!) {
    importProgress(id: $id) { id status error counts { total created updated skipped failed } }
  }
`);

const Imports = graphql(`
  query ImpUploadImports {
    contactImports(first: 100) { edges { node { id status fileSize } } }
  }
`);

const MUTATION = `mutation ImpUploadRaw($file: Upload!) {
  importContacts(file: $file) { __typename ... on ContactImport { id status fileSize } ... on ValidationError { message } }
}`;

type Part = { name: string; value: string | Buffer; filename?: string };

/** A multipart/form-data body, parts in the order given. */
function multipart(parts: Part[]): { body: Buffer; contentType: string } {
  const boundary = `----roster${randomBytes(8).toString('hex')}`;
  const pieces: Buffer[] = [];
  for (const part of parts) {
    const disposition = `form-data; name="${part.name}"${part.filename ? `; filename="${part.filename}"` : ''}`;
    const type = part.filename ? 'content-type: text/csv\r\n' : '';
    pieces.push(Buffer.from(`--${boundary}\r\ncontent-disposition: ${disposition}\r\n${type}\r\n`), Buffer.from(part.value), Buffer.from('\r\n'));
  }
  pieces.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(pieces), contentType: `multipart/form-data; boundary=${boundary}` };
}

const operations = (query = MUTATION, variables: Record<string, unknown> = { file: null }) => JSON.stringify({ query, variables });

async function post(parts: Part[], headers: Record<string, string> = {}): Promise<{ status: number; body: { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] } }> {
  const { body, contentType } = multipart(parts);
  const response = await fetch(`${roster.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': contentType, 'x-graphql-yoga-csrf': '1', authorization: `Bearer ${key}`, ...headers },
    body: new Uint8Array(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : {} };
}

/**
 * Declares a body of `declared` bytes but sends only its start, then waits for the answer: a server
 * that answers has refused the request without reading (or waiting for) the rest.
 */
function postPartially(headers: Record<string, string>, declared: number): Promise<{ status: number; body: string; ms: number }> {
  const { body, contentType } = multipart([
    { name: 'operations', value: operations() },
    { name: 'map', value: JSON.stringify({ 0: ['variables.file'] }) },
    { name: '0', value: 'email\n', filename: 'big.csv' },
  ]);
  const start = Date.now();
  return new Promise((resolve, reject) => {
    const req = request(`${roster.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': contentType, 'content-length': String(declared), authorization: `Bearer ${key}`, ...headers },
    });
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
      });
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, body: text, ms: Date.now() - start });
        req.destroy();
      });
    });
    req.on('error', reject);
    req.write(body.subarray(0, body.length - 20));
  });
}

async function stored(): Promise<{ imports: number; chunks: number }> {
  const [row] = await roster.query<{ imports: number; chunks: number }>(
    `select (select count(*)::int from contact_import) as imports, (select count(*)::int from contact_import_chunk) as chunks`,
  );
  return row!;
}

/** Waits until no session of this database is inside a transaction (an upload's transaction has ended). */
async function settled(): Promise<void> {
  for (;;) {
    const open = await roster.query(
      `select 1 from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and state in ('idle in transaction', 'idle in transaction (aborted)')`,
    );
    if (open.length === 0) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** A CSV of exactly `size` bytes. */
function csvOfSize(size: number): Buffer {
  const lines = ['email,first_name'];
  let bytes = lines[0]!.length + 1;
  for (let i = 0; bytes + 60 < size; i++) {
    const line = `row${i}@size.test,Name${i}`;
    lines.push(line);
    bytes += line.length + 1;
  }
  const prefix = 'last@size.test,';
  lines.push(prefix + 'x'.repeat(size - bytes - prefix.length - 1));
  const file = Buffer.from(`${lines.join('\n')}\n`);
  expect(file.length).toBe(size);
  return file;
}

describe('size limit', () => {
  it('accepts a file of exactly the limit, and imports it', async () => {
    const file = csvOfSize(LIMIT);
    const upload = await uploadCsv(roster, key, file);
    expect(upload.status, JSON.stringify(upload.body)).toBe(200);
    const imported = upload.body.data?.importContacts as { __typename: string; id: string; fileSize: number };
    expect(imported).toMatchObject({ __typename: 'ContactImport', fileSize: LIMIT });
    const { events } = await subscribe<{ data: ResultOf<typeof Progress> }>(roster, key, print(Progress), { id: imported.id });
    const last = events.at(-1)!.data.importProgress;
    expect(last.status, last.error ?? '').toBe('COMPLETED');
    const rows = file.toString().trim().split('\n').length - 1;
    expect(last.counts).toEqual({ total: rows, created: rows, updated: 0, skipped: 0, failed: 0 });
    await roster.query('delete from contact_import');
  });

  it.each([
    ['one byte more', LIMIT + 1],
    ['much more (under the declared-size cut-off)', 300_000],
  ])('refuses %s with HTTP 413 and a message, leaving no import and no stored piece', async (_name, size) => {
    const upload = await uploadCsv(roster, key, csvOfSize(size));
    expect(upload.status).toBe(413);
    expect(upload.body.data?.importContacts ?? null).toBeNull();
    expect(upload.body.errors?.[0]?.message).toBe(`The file is larger than the limit of ${LIMIT} bytes`);
    expect(upload.body.errors?.[0]?.extensions?.code).toBe('PAYLOAD_TOO_LARGE');
    await settled();
    expect(await stored()).toEqual({ imports: 0, chunks: 0 });
  });

  it('refuses a declared body far over the limit at once, without waiting for it', async () => {
    const answer = await postPartially({ 'x-graphql-yoga-csrf': '1' }, 200 * 1024 * 1024);
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body).errors[0]).toMatchObject({ message: expect.stringContaining('larger than the limit'), extensions: { code: 'PAYLOAD_TOO_LARGE' } });
    expect(answer.ms).toBeLessThan(5000);
    expect(await stored()).toEqual({ imports: 0, chunks: 0 });
  });
});

describe('request hazards', () => {
  it('refuses a multipart POST without the CSRF header with 403, before reading its body', async () => {
    const answer = await postPartially({}, 5_000);
    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.body).errors[0].extensions.code).toBe('CSRF');
    const whole = await post([{ name: 'operations', value: operations() }, { name: 'map', value: JSON.stringify({ 0: ['variables.file'] }) }, { name: '0', value: 'email\na@csrf.test\n', filename: 'a.csv' }], {
      'x-graphql-yoga-csrf': '',
    });
    expect(whole.status).toBe(403);
    await settled();
    expect(await stored()).toEqual({ imports: 0, chunks: 0 });
  });

  it.each([['__proto__.polluted'], ['constructor.prototype.polluted'], ['variables.__proto__.polluted'], ['variables.file.__proto__'], ['variables.constructor']])(
    'refuses the map path %s with 400 and pollutes nothing',
    async (path) => {
      const answer = await post([
        { name: 'operations', value: operations() },
        { name: 'map', value: JSON.stringify({ 0: [path] }) },
        { name: '0', value: 'email\na@proto.test\n', filename: 'a.csv' },
      ]);
      expect(answer.status).toBe(400);
      expect(answer.body.errors?.[0]?.message).toMatch(/attack|path/i);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.prototype).not.toHaveProperty('polluted');
      expect(await stored()).toEqual({ imports: 0, chunks: 0 });
    },
  );

  it('refuses a map naming two files (at most one per request)', async () => {
    const answer = await post([
      { name: 'operations', value: operations(MUTATION, { file: null, other: null }) },
      { name: 'map', value: JSON.stringify({ 0: ['variables.file'], 1: ['variables.other'] }) },
      { name: '0', value: 'email\na@two.test\n', filename: 'a.csv' },
      { name: '1', value: 'email\nb@two.test\n', filename: 'b.csv' },
    ]);
    expect([400, 413]).toContain(answer.status);
    expect(answer.body.errors?.[0]?.message).toMatch(/max file uploads exceeded/);
    await settled();
    expect(await stored()).toEqual({ imports: 0, chunks: 0 });
  });

  it('refuses a second file part even when the map does not name it (maxFiles: 1 counts every file part)', async () => {
    const answer = await post([
      { name: 'operations', value: operations() },
      { name: 'map', value: JSON.stringify({ 0: ['variables.file'] }) },
      { name: '0', value: 'email\nnamed@extra.test\n', filename: 'a.csv' },
      { name: '1', value: 'email\nextra@extra.test\n', filename: 'b.csv' },
    ]);
    expect(answer.status).toBe(200);
    expect((answer.body.data as { importContacts: unknown }).importContacts).toEqual({ __typename: 'ValidationError', message: 'file: Send one file per request' });
    await settled();
    expect(await stored()).toEqual({ imports: 0, chunks: 0 });
  });

  it.each<[string, Part[], RegExp]>([
    ['invalid JSON in operations', [{ name: 'operations', value: '{"query": ' }, { name: 'map', value: '{"0":["variables.file"]}' }], /Invalid JSON in the 'operations'/],
    ['invalid JSON in map', [{ name: 'operations', value: operations() }, { name: 'map', value: '{0:' }], /Invalid JSON in the 'map'/],
    ['map before operations', [{ name: 'map', value: '{"0":["variables.file"]}' }, { name: 'operations', value: operations() }], /Misordered/],
    ['a file before map', [{ name: 'operations', value: operations() }, { name: '0', value: 'email\n', filename: 'a.csv' }, { name: 'map', value: '{"0":["variables.file"]}' }], /Misordered/],
    ['a map path that is not in the operation', [{ name: 'operations', value: operations() }, { name: 'map', value: '{"0":["variables.nothing.here"]}' }], /Invalid object path/],
    ['no operations at all', [{ name: 'map', value: '{}' }], /Misordered|Missing multipart field 'operations'/],
  ])('answers %s with 400 and keeps serving', async (_name, parts, message) => {
    const answer = await post(parts);
    expect(answer.status).toBe(400);
    expect(answer.body.errors?.[0]?.message).toMatch(message);
    expect(answer.body.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
    expect((await ok(roster, key, Imports)).contactImports.edges).toEqual([]);
  });

  it('answers a map naming a file the request does not hold with a clear error, storing nothing', async () => {
    const answer = await post([
      { name: 'operations', value: operations() },
      { name: 'map', value: JSON.stringify({ 0: ['variables.file'] }) },
    ]);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    const result = (answer.body.data as { importContacts: { __typename: string; message: string } } | null)?.importContacts;
    expect(result).toEqual({ __typename: 'ValidationError', message: 'file: File missing in the request.' });
    expect(await stored()).toEqual({ imports: 0, chunks: 0 });
  });

  it('refuses the same file used twice in one operation', async () => {
    const query = `mutation ImpUploadTwice($file: Upload!, $again: Upload!) {
      a: importContacts(file: $file) { __typename ... on ContactImport { id } ... on ValidationError { message } }
      b: importContacts(file: $again) { __typename ... on ContactImport { id } ... on ValidationError { message } }
    }`;
    const answer = await post([
      { name: 'operations', value: operations(query, { file: null, again: null }) },
      { name: 'map', value: JSON.stringify({ 0: ['variables.file', 'variables.again'] }) },
      { name: '0', value: 'email\ntwice@twice.test\n', filename: 'a.csv' },
    ]);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    const data = answer.body.data as { a: { __typename: string; id?: string }; b: { __typename: string; message?: string } };
    expect(data.a.__typename).toBe('ContactImport');
    expect(data.b).toEqual({ __typename: 'ValidationError', message: 'file: The same file is used twice in this request; upload it once per import' });
    await subscribe(roster, key, print(Progress), { id: data.a.id });
    expect((await ok(roster, key, Imports)).contactImports.edges).toHaveLength(1);
    await roster.query('delete from contact_import');
  });

  it('stores nothing when the client goes away mid-upload', async () => {
    const { body, contentType } = multipart([
      { name: 'operations', value: operations() },
      { name: 'map', value: JSON.stringify({ 0: ['variables.file'] }) },
      { name: '0', value: `email\n${'a@abort.test\n'.repeat(700)}`, filename: 'a.csv' },
    ]);
    await new Promise<void>((resolve) => {
      const req = request(`${roster.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': contentType, 'content-length': String(body.length), authorization: `Bearer ${key}`, 'x-graphql-yoga-csrf': '1' },
      });
      req.on('error', () => resolve());
      req.on('close', () => resolve());
      req.write(body.subarray(0, body.length - 3000), () => setImmediate(() => req.destroy()));
    });
    await settled();
    // A request after it is served as usual.
    expect((await ok(roster, key, Imports)).contactImports.edges).toEqual([]);
    await settled();
    expect(await stored()).toEqual({ imports: 0, chunks: 0 });
  });
});

describe('keys', () => {
  it('refuses no key with 401, an unknown key with 403 and a sending-only key with 401, storing nothing', async () => {
    const sending = await roster.newKey('imp-upload', 'sending_access');
    const file = 'email\nkey@keys.test\n';
    const cases: [Record<string, string>, number][] = [
      [{ authorization: '' }, 401],
      [{ authorization: 'Bearer re_unknown_key_that_does_not_exist_0000' }, 403],
      [{ authorization: `Bearer ${sending}` }, 401],
    ];
    for (const [headers, status] of cases) {
      const answer = await post(
        [
          { name: 'operations', value: operations() },
          { name: 'map', value: JSON.stringify({ 0: ['variables.file'] }) },
          { name: '0', value: file, filename: 'a.csv' },
        ],
        headers,
      );
      expect(answer.status, JSON.stringify(headers)).toBe(status);
      expect(answer.body.data ?? null).toBeNull();
    }
    await settled();
    expect(await stored()).toEqual({ imports: 0, chunks: 0 });
  });
});
