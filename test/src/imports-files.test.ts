import type { ResultOf } from '@graphql-typed-document-node/core';
import { startImportWorker } from '@roster/server/worker';
import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './gql';
import { type Roster, as, ok, startRoster, subscribe, uploadCsv } from './harness';

// What files the import reads: encodings, delimiters, quoting, newlines, chunk boundaries, and the
// files it refuses at upload with a clear message and nothing stored.

let roster: Roster;
let key: string;
beforeAll(async () => {
  roster = await startRoster();
  key = await roster.newKey('imp-files');
});
afterAll(() => roster.close());

const Progress = graphql(`
  subscription ImpFilesProgress($id: ID!) {
    importProgress(id: $id) { id status error counts { total created updated skipped failed } }
  }
`);

const GetImport = graphql(`
  query ImpFilesGetImport($id: ID!) {
    contactImport(id: $id) {
      id status error fileName fileSize
      counts { total created updated skipped failed }
      columnMap { email firstName lastName unsubscribed }
      failures(first: 100) { edges { node { rowNumber email skipped reason } } }
    }
  }
`);

const GetContact = graphql(`
  query ImpFilesGetContact($email: String!) {
    contact(email: $email) { email firstName lastName unsubscribed }
  }
`);

type ImportView = NonNullable<ResultOf<typeof GetImport>['contactImport']>;
type ProgressEvent = { data?: ResultOf<typeof Progress> | null; errors?: { message: string }[] };

async function waitEnd(target: Roster, k: string, id: string): Promise<ImportView> {
  const { events } = await subscribe<ProgressEvent>(target, k, print(Progress), { id });
  for (const event of events) {
    const c = event.data!.importProgress.counts;
    expect(c.total).toBe(c.created + c.updated + c.skipped + c.failed);
  }
  return (await ok(target, k, GetImport, { id })).contactImport!;
}

async function runImport(file: string | Uint8Array, variables: Record<string, unknown> = {}, fileName?: string): Promise<ImportView> {
  const upload = await uploadCsv(roster, key, file, variables, fileName);
  expect(upload.status, JSON.stringify(upload.body)).toBe(200);
  const imp = await waitEnd(roster, key, importId(upload));
  expect(imp.status, imp.error ?? '').toBe('COMPLETED');
  return imp;
}

async function contact(email: string, target: Roster = roster, k = key) {
  return (await ok(target, k, GetContact, { email })).contact;
}

function importId(upload: Awaited<ReturnType<typeof uploadCsv>>): string {
  const result = upload.body.data?.importContacts;
  if (result?.__typename !== 'ContactImport') throw new Error(`Expected ContactImport, got ${JSON.stringify(upload.body)}`);
  return result.id as string;
}

const utf16le = (text: string) => Buffer.from(`\uFEFF${text}`, 'utf16le');
const utf16be = (text: string) => utf16le(text).swap16();

describe('encodings', () => {
  const text = 'email,first_name,last_name\r\nzoe@enc.test,Zoë,Ñúñez\r\nli@enc.test,李小龙,😀 Smile\r\n';
  const cases: [string, Uint8Array | string][] = [
    ['UTF-8 without BOM', text],
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])],
    ['UTF-16 LE with BOM', utf16le(text)],
    ['UTF-16 BE with BOM', utf16be(text)],
  ];
  for (const [name, file] of cases) {
    it(`reads ${name} without mojibake (and the BOM is not part of the first header)`, async () => {
      await roster.query('delete from contact where email like $1', ['%@enc.test']);
      const imp = await runImport(file);
      expect(imp.counts).toEqual({ total: 2, created: 2, updated: 0, skipped: 0, failed: 0 });
      expect(imp.columnMap).toMatchObject({ email: 'email', firstName: 'first_name', lastName: 'last_name' });
      expect(await contact('zoe@enc.test')).toMatchObject({ firstName: 'Zoë', lastName: 'Ñúñez' });
      expect(await contact('li@enc.test')).toMatchObject({ firstName: '李小龙', lastName: '😀 Smile' });
    });
  }

  it('reads Windows-1252 bytes (é as 0xE9, € as 0x80, curly quotes) as Windows-1252', async () => {
    const bytes = Buffer.from('email,first_name,last_name\nrenee@cp1252.test,Ren\xe9e,M\xfcller\neuro@cp1252.test,\x80uro,\x93Quoted\x94\n', 'latin1');
    expect(bytes[bytes.indexOf('Ren') + 3]).toBe(0xe9);
    const imp = await runImport(bytes);
    expect(imp.counts).toEqual({ total: 2, created: 2, updated: 0, skipped: 0, failed: 0 });
    expect(await contact('renee@cp1252.test')).toMatchObject({ firstName: 'Renée', lastName: 'Müller' });
    expect(await contact('euro@cp1252.test')).toMatchObject({ firstName: '€uro', lastName: '“Quoted”' });
    const [row] = await roster.query<{ encoding: string }>('select encoding from contact_import where id = $1', [imp.id]);
    expect(row?.encoding).toBe('windows-1252');
  });
});

describe('layout', () => {
  it.each([
    ['comma', ','],
    ['semicolon', ';'],
    ['tab', '\t'],
    ['pipe', '|'],
  ])('detects the %s delimiter', async (name, d) => {
    // Each file holds the other delimiters inside its values.
    const others = [',', ';', '\t', '|'].filter((x) => x !== d).join('');
    const decimal = d === ',' ? '"Decimal 1,5"' : 'Decimal 1,5';
    const csv = [`email${d}first_name${d}last_name`, `${name}1@delim.test${d}Ann${d}${decimal}`, `${name}2@delim.test${d}B${others}b${d}Z`, ''].join('\n');
    const imp = await runImport(csv);
    expect(imp.counts).toEqual({ total: 2, created: 2, updated: 0, skipped: 0, failed: 0 });
    expect(await contact(`${name}1@delim.test`)).toMatchObject({ firstName: 'Ann', lastName: 'Decimal 1,5' });
    expect(await contact(`${name}2@delim.test`)).toMatchObject({ firstName: `B${others}b`, lastName: 'Z' });
  });

  it('reads quoted fields holding delimiters, quotes and new lines, and numbers rows by record', async () => {
    const csv = [
      'email,first_name,last_name',
      'q1@quote.test,"Smith, Jr.","say ""hi"""',
      'q2@quote.test,"two\nlines","three\r\nlines\nmixed"',
      'bad-email,"spans\nlines",x',
      '"q3@quote.test",Plain,"  padded  "',
      '',
    ].join('\r\n');
    const imp = await runImport(csv);
    expect(imp.counts).toEqual({ total: 4, created: 3, updated: 0, skipped: 0, failed: 1 });
    expect(imp.failures.edges.map((e) => [e.node.rowNumber, e.node.email])).toEqual([[3, 'bad-email']]);
    expect(await contact('q1@quote.test')).toMatchObject({ firstName: 'Smith, Jr.', lastName: 'say "hi"' });
    expect(await contact('q2@quote.test')).toMatchObject({ firstName: 'two\nlines', lastName: 'three\r\nlines\nmixed' });
    // Names are trimmed.
    expect(await contact('q3@quote.test')).toMatchObject({ firstName: 'Plain', lastName: 'padded' });
  });

  it.each([
    ['CRLF', '\r\n'],
    ['LF', '\n'],
    ['CR', '\r'],
  ])('reads %s line ends, with no stray CR in the last column or header', async (name, nl) => {
    const csv = ['email,first_name,last_name', `${name}1@newline.test,A,Last`, '', `${name}2@newline.test,B,`, ''].join(nl);
    const imp = await runImport(csv);
    expect(imp.columnMap).toMatchObject({ email: 'email', lastName: 'last_name' });
    expect(imp.counts).toEqual({ total: 2, created: 2, updated: 0, skipped: 0, failed: 0 });
    expect(await contact(`${name}1@newline.test`)).toMatchObject({ firstName: 'A', lastName: 'Last' });
    expect(await contact(`${name}2@newline.test`)).toMatchObject({ firstName: 'B', lastName: null });
  });

  it('reads a file without a trailing newline and with a header only', async () => {
    expect((await runImport('email,first_name\nlast@eof.test,End')).counts.created).toBe(1);
    expect(await contact('last@eof.test')).toMatchObject({ firstName: 'End' });
    expect((await runImport('email')).counts.total).toBe(0);
  });
});

describe('chunk boundaries', () => {
  let idle: Roster;
  let idleKey: string;
  beforeAll(async () => {
    idle = await startRoster({ workers: 0 });
    idleKey = await idle.newKey('imp-chunks');
  });
  afterAll(() => idle.close());

  it('keeps multi-byte characters that straddle the stored 1 MiB pieces intact', async () => {
    const MiB = 1024 * 1024;
    const lines = ['email,first_name'];
    let bytes = Buffer.byteLength('email,first_name\n');
    let n = 0;
    /** Adds filler rows, then a row whose first name puts `char` at byte `at` of the file. */
    const place = (email: string, char: string, at: number) => {
      const prefix = `${email},`;
      while (bytes + prefix.length + 200 < at) {
        const line = `f${n++}@chunk.test,filler`;
        lines.push(line);
        bytes += line.length + 1;
      }
      const line = `${prefix}${'a'.repeat(at - bytes - prefix.length)}${char}z`;
      lines.push(line);
      bytes += Buffer.byteLength(line) + 1;
    };
    place('e-acute@chunk.test', 'é', MiB - 1);
    place('emoji@chunk.test', '😀', 2 * MiB - 2);
    lines.push('after@chunk.test,After', '');
    const file = Buffer.from(lines.join('\n'));
    expect(file.length).toBeGreaterThan(2 * MiB);
    expect([file[MiB - 1], file[MiB]]).toEqual([0xc3, 0xa9]);

    const upload = await uploadCsv(idle, idleKey, file);
    const id = importId(upload);
    // The file is stored in pieces of exactly 1 MiB, so both characters are split between two.
    const chunks = await idle.query<{ seq: number; size: number; last: number; first: number }>(
      'select seq, length(data) as size, get_byte(data, length(data) - 1) as last, get_byte(data, 0) as first from contact_import_chunk where import_id = $1 order by seq',
      [id],
    );
    expect(chunks.map((c) => c.size)).toEqual([MiB, MiB, file.length - 2 * MiB]);
    expect(chunks[0]!.last).toBe(0xc3);
    expect(chunks[1]!.first).toBe(0xa9);
    expect(chunks[2]!.first).toBe(Buffer.from('😀')[2]);

    const worker = startImportWorker({ url: idle.dbUrl, concurrency: 1, events: idle.importEvents, pollMs: 100 });
    try {
      const imp = await waitEnd(idle, idleKey, id);
      expect(imp.status, imp.error ?? '').toBe('COMPLETED');
      expect(imp.counts).toMatchObject({ total: n + 3, created: n + 3, failed: 0 });
    } finally {
      await worker.stop();
    }
    expect((await contact('e-acute@chunk.test', idle, idleKey))?.firstName).toMatch(/^a*éz$/);
    expect((await contact('emoji@chunk.test', idle, idleKey))?.firstName).toMatch(/^a*😀z$/);
    expect((await contact('after@chunk.test', idle, idleKey))?.firstName).toBe('After');
  });
});

describe('files refused at upload', () => {
  const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000a49444154789c6300010000050001', 'hex');
  const cases: [string, string | Uint8Array, RegExp][] = [
    ['an empty file', '', /The file is empty/],
    ['a file with only a UTF-8 BOM', Buffer.from([0xef, 0xbb, 0xbf]), /The file is empty/],
    ['a file of blank lines', '\n  \r\n\n', /no header row/],
    ['duplicate headers', 'email,Email,name\na@dup.test,b@dup.test,N\n', /names a column more than once: "email", "Email"/],
    ['a header without a name', 'email,,name\na@x.test,1,2\n', /no name for column 2/],
    ['no email column', 'name,phone\nAnn,123\n', /No column looks like the email column.*"name", "phone"/],
    ['a line longer than 1 MB', `email,note\na@long.test,${'x'.repeat(1024 * 1024 + 10)}\nb@long.test,short\n`, /Line 2 is longer than 1 MB/],
    ['a binary file (PNG)', png, /not text/],
    ['text with a NUL byte', 'email\nnul\u0000@x.test\n', /not text \(it contains NUL bytes at byte 10\)/],
    ['UTF-16 without a byte order mark', Buffer.from('email,name\na@x.test,A\n', 'utf16le'), /looks like UTF-16/],
    ['a UTF-8 BOM followed by bytes that are not UTF-8', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('email\nren\xe9e@x.test\n', 'latin1')]), /not UTF-8/],
    ['mixed encodings', Buffer.concat([Buffer.from('email,name\na@x.test,Zoë Zoë Zoë\nb@x.test,'), Buffer.from([0xe9, 0x0a])]), /mixes encodings/],
    ['an unclosed quote in the header', 'email,"name\na@x.test,A\n', /quote that is never closed/],
    ['more than 1,000 columns', `email,${Array.from({ length: 1001 }, (_, i) => `c${i}`).join(',')}\n`, /at most 1000/],
  ];

  it.each(cases)('%s: a ValidationError on the file', async (_name, file, message) => {
    const badKey = await roster.newKey('imp-files-bad');
    const upload = await uploadCsv(roster, badKey, file);
    expect(upload.status, JSON.stringify(upload.body)).toBe(200);
    const error = as(upload.body.data?.importContacts, 'ValidationError') as unknown as { message: string; issues: { path: string[]; message: string }[] };
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]!.path).toEqual(['file']);
    expect(error.issues[0]!.message).toMatch(message);
  });

  it('leaves nothing behind: no import, no stored piece of a file, no contact', async () => {
    const [row] = await roster.query<{ imports: number; chunks: number; contacts: number }>(
      `select (select count(*)::int from contact_import i join team t on t.id = i.team_id where t.name = 'imp-files-bad') as imports,
              (select count(*)::int from contact_import_chunk) as chunks,
              (select count(*)::int from contact c join team t on t.id = c.team_id where t.name = 'imp-files-bad') as contacts`,
    );
    expect(row).toEqual({ imports: 0, chunks: 0, contacts: 0 });
  });
});
