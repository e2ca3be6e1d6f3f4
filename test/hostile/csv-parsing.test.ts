import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Roster, startRoster } from '../src/harness';
import { type ImportState, type Json, graphqlPost, multipart, rawRequest, settled, stored, teamId, uploadParts, waitImport } from './support';

// Checklist §5.2 (C5-C17): what the import reads from hostile files, through the real upload and
// the real worker. Files the import cannot read are refused at upload with a message naming the
// problem (nothing stored); problems found while reading fail the import with a message naming the
// record and its physical line.

let roster: Roster;
beforeAll(async () => {
  roster = await startRoster({ workers: 1 });
});
afterAll(() => roster.close());

interface Team {
  key: string;
  id: string;
}
let teams = 0;
/** A team of its own per case: contacts and counts never mix. */
async function freshTeam(): Promise<Team> {
  const name = `hostile-csv-${++teams}`;
  const key = await roster.newKey(name);
  return { key, id: await teamId(roster, name) };
}

type Upload = { __typename: string; id?: string; message?: string; issues?: { path: string[]; message: string }[] };

async function upload(team: Team, file: string | Uint8Array, variables: Json = {}, split: number[] = [], target: Roster = roster): Promise<Upload> {
  const form = multipart(uploadParts(file, variables));
  // Optionally cut the body at these offsets of the file (separate writes: the BOM or a character
  // split across the network pieces the server receives).
  const fileStart = form.body.indexOf(Buffer.from(file).subarray(0, Math.min(16, Buffer.from(file).length)));
  const cuts = split.map((at) => fileStart + at);
  const chunks = [0, ...cuts].map((from, i) => form.body.subarray(from, cuts[i] ?? form.body.length));
  const answer = await rawRequest(target.url, {
    path: '/graphql',
    headers: { authorization: `Bearer ${team.key}`, 'x-graphql-yoga-csrf': '1', 'content-type': form.contentType },
    chunks,
  });
  expect(answer.status, answer.text).toBe(200);
  return (answer.json as { data: { importContacts: Upload } }).data.importContacts;
}

interface Imported extends ImportState {
  failures: { row_number: number; email: string | null; outcome: string; reason: string }[];
  headers: string[];
  encoding: string;
  delimiter: string;
}

/** Uploads, waits for the import to end (it must, never stuck), checks the counts add up. */
async function importFile(team: Team, file: string | Uint8Array, variables: Json = {}, split: number[] = []): Promise<Imported> {
  const uploaded = await upload(team, file, variables, split);
  expect(uploaded.__typename, JSON.stringify(uploaded)).toBe('ContactImport');
  const state = await waitImport(roster, uploaded.id!);
  expect(state.total).toBe(state.created + state.updated + state.skipped + state.failed);
  const failures = await roster.query<Imported['failures'][number]>(
    'select row_number, email, outcome, reason from contact_import_failure where import_id = $1 order by row_number',
    [state.id],
  );
  expect(failures.filter((f) => f.outcome === 'failed')).toHaveLength(state.failed);
  const [meta] = await roster.query<{ headers: string[]; encoding: string; delimiter: string }>('select headers, encoding, delimiter from contact_import where id = $1', [state.id]);
  return { ...state, failures, ...meta! };
}

async function contactsOf(team: Team): Promise<Record<string, { first_name: string | null; last_name: string | null; properties: Json }>> {
  const rows = await roster.query<{ email: string; first_name: string | null; last_name: string | null; properties: Json }>(
    'select email, first_name, last_name, properties from contact where team_id = $1 order by email',
    [team.id],
  );
  return Object.fromEntries(rows.map(({ email, ...rest }) => [email, rest]));
}

/** A file refused at upload: a ValidationError on `file` with this message, and nothing stored. */
async function expectRefused(file: string | Uint8Array, message: RegExp): Promise<void> {
  const team = await freshTeam();
  const answer = await upload(team, file);
  expect(answer.__typename, JSON.stringify(answer)).toBe('ValidationError');
  expect(answer.issues).toEqual([{ path: ['file'], message: expect.stringMatching(message) }]);
  await settled(roster);
  expect(await stored(roster, team.id)).toEqual({ imports: 0, chunks: 0, contacts: 0 });
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const KiB64 = 64 * 1024;
const MiB = 1024 * 1024;

/**
 * Builds a file (header `email,note,first_name`; the note is not imported) of filler rows and rows
 * placing a first name so that it starts at a given byte offset, or UTF-16 offset of the decoded
 * text: its characters then straddle the reader's boundaries (64 Ki characters per parse piece,
 * 1 MiB per stored piece). The note column pads each placed row to the exact offset.
 */
class Placer {
  private readonly parts: string[] = [];
  bytes = 0;
  units = 0;
  private n = 0;
  readonly expected: Record<string, string> = {};
  private readonly placed: { text: string; at: number; unit: 'bytes' | 'units' }[] = [];

  constructor(private readonly newline = '\n') {
    this.push(`email,note,first_name${newline}`);
  }

  private push(line: string): void {
    this.parts.push(line);
    this.bytes += Buffer.byteLength(line);
    this.units += line.length;
  }

  /**
   * A row whose first name `<text>z` (quoted: `"<text>z"`) starts its text at `at`; `read` is how
   * the value reads once parsed, when it differs.
   */
  place(text: string, at: number, unit: 'bytes' | 'units', quoted = false, read?: (value: string) => string): void {
    const email = `p${this.n++}@place.test`;
    const position = () => (unit === 'bytes' ? this.bytes : this.units);
    while (position() + 600 < at) this.push(`f${this.n++}@fill.test,${'filler '.repeat(40)},F${this.newline}`);
    const pad = at - position() - `${email},`.length - `,${quoted ? '"' : ''}`.length;
    expect(pad).toBeGreaterThanOrEqual(0);
    const value = `${text}z`;
    this.push(`${email},${'n'.repeat(pad)},${quoted ? `"${value}"` : value}${this.newline}`);
    this.expected[email] = read ? read(value) : value;
    this.placed.push({ text, at, unit });
  }

  /** The file; fails when a placed text is not exactly where it was asked to be. */
  file(): string {
    const text = this.parts.join('');
    const bytes = Buffer.from(text);
    for (const { text: placed, at, unit } of this.placed) {
      if (unit === 'units') expect(text.indexOf(placed, at)).toBe(at);
      else expect(bytes.indexOf(Buffer.from(placed), at)).toBe(at);
    }
    return text;
  }
}

describe('5.2 import parsing hazards', () => {
  it('C5 strips a UTF-8 BOM: the first header is `email`, also when the BOM arrives split across network writes and before a quoted header', async () => {
    for (const [file, split] of [
      [Buffer.concat([BOM, Buffer.from('email,first_name\r\nbom1@c5.test,Ann\r\n')]), [1, 2]],
      [Buffer.concat([BOM, Buffer.from('"email","first_name"\nbom2@c5.test,Bea\n')]), [3]],
      [Buffer.concat([BOM, Buffer.from('email\nbom3@c5.test\n')]), []],
    ] as const) {
      const team = await freshTeam();
      const done = await importFile(team, file, {}, [...split]);
      expect(done.headers[0]).toBe('email');
      expect(done).toMatchObject({ status: 'completed', created: 1, failed: 0 });
      const [email] = Object.keys(await contactsOf(team));
      expect(email).toMatch(/^bom\d@c5\.test$/);
    }
  });

  it('C6 keeps multi-byte characters that straddle the 64 Ki-character parse pieces and the 1 MiB stored pieces', async () => {
    const team = await freshTeam();
    const placer = new Placer();
    // Byte offsets, around each 64 KiB boundary and the 1 MiB storage boundary.
    placer.place('ç', KiB64 - 1, 'bytes');
    placer.place('李', 2 * KiB64 - 1, 'bytes');
    placer.place('李', 3 * KiB64 - 2, 'bytes');
    placer.place('😀', 4 * KiB64 - 3, 'bytes');
    placer.place('😀', 5 * KiB64 - 1, 'bytes');
    // UTF-16 offsets of the decoded text: a surrogate pair split between two parse pieces.
    placer.place('😀', 8 * KiB64 - 1, 'units');
    placer.place('ç李😀', 9 * KiB64 - 2, 'units');
    placer.place('😀', MiB - 2, 'bytes');
    placer.place('李', 2 * MiB - 1, 'bytes');
    const file = Buffer.from(placer.file());
    expect(file.length).toBeGreaterThan(2 * MiB);
    const done = await importFile(team, file);
    expect(done).toMatchObject({ status: 'completed', failed: 0, skipped: 0 });
    const contacts = await contactsOf(team);
    for (const [email, name] of Object.entries(placer.expected)) expect(contacts[email]?.first_name, email).toBe(name);
    expect(JSON.stringify(contacts)).not.toContain('\uFFFD');
  });

  it('C7 reads UTF-16 LE/BE with a BOM and Windows-1252, never as mojibake', async () => {
    const text = 'email,first_name,last_name\r\nzoe@c7.test,Zoë,Ñúñez\r\nli@c7.test,李小龙,😀 Smile\r\n';
    const utf16le = Buffer.from(`\uFEFF${text}`, 'utf16le');
    for (const file of [utf16le, Buffer.from(utf16le).swap16()]) {
      const team = await freshTeam();
      const done = await importFile(team, file);
      expect(done).toMatchObject({ status: 'completed', created: 2, failed: 0 });
      expect(await contactsOf(team)).toMatchObject({ 'zoe@c7.test': { first_name: 'Zoë', last_name: 'Ñúñez' }, 'li@c7.test': { first_name: '李小龙', last_name: '😀 Smile' } });
    }
    const team = await freshTeam();
    const cp1252 = Buffer.from('email,first_name,last_name\nrenee@c7.test,Ren\xe9e,M\xfcller\neuro@c7.test,\x80uro,\x93Quoted\x94\n', 'latin1');
    const done = await importFile(team, cp1252);
    expect(done.encoding).toBe('windows-1252');
    expect(await contactsOf(team)).toMatchObject({ 'renee@c7.test': { first_name: 'Renée', last_name: 'Müller' }, 'euro@c7.test': { first_name: '€uro', last_name: '“Quoted”' } });
  });

  it('C7 refuses what it cannot decode with a message naming the problem: UTF-16 without BOM, UTF-32, broken UTF-16, mixed encodings', async () => {
    await expectRefused(Buffer.from('email,name\na@c7.test,A\n', 'utf16le'), /looks like UTF-16 text without a byte order mark; save it as UTF-8/);
    const utf32 = Buffer.alloc(4 * 12);
    Buffer.from([0xff, 0xfe, 0, 0]).copy(utf32);
    for (let i = 0; i < 11; i++) utf32.writeUInt32LE('email\na@x.y'.charCodeAt(i) || 10, 4 + 4 * i);
    await expectRefused(utf32, /not text|not valid UTF-16/);
    await expectRefused(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('email\n', 'utf16le'), Buffer.from([0x00, 0xd8, 0x41])]), /not valid UTF-16/);
    await expectRefused(Buffer.concat([Buffer.from('email,name\na@c7.test,Zoë Zoë Zoë\nb@c7.test,'), Buffer.from([0xe9, 0x0a])]), /mixes encodings.*byte \d+ is not UTF-8/);
    await expectRefused(Buffer.concat([BOM, Buffer.from('email\nren\xe9e@c7.test\n', 'latin1')]), /UTF-8 byte order mark, but byte \d+ is not UTF-8/);
  });

  it('C8 leaves no CR in the last header or last column of a CRLF file whose header line is longer than a parse piece', async () => {
    const team = await freshTeam();
    const names = Array.from({ length: 300 }, (_, i) => `column_${i}_${'x'.repeat(240)}`);
    const header = ['email', ...names, 'last_name'].join(',');
    expect(header.length).toBeGreaterThan(KiB64);
    const row = (i: number) => [`crlf${i}@c8.test`, ...names.map(() => 'v'), `Last${i}`].join(',');
    const done = await importFile(team, `${header}\r\n${row(1)}\r\n${row(2)}\r\n`);
    expect(done.headers.at(-1)).toBe('last_name');
    expect(done).toMatchObject({ status: 'completed', created: 2, failed: 0 });
    expect(await contactsOf(team)).toMatchObject({ 'crlf1@c8.test': { last_name: 'Last1' }, 'crlf2@c8.test': { last_name: 'Last2' } });
  });

  // A regression test for a bug this suite found, fixed at its root (packages/schema/src/imports/csv.ts, sniffNewline): the line end is guessed from the 256 KB
  // head with quoted segments removed by /"[^"]*"/g; but the head is cut at its last line break,
  // which can be inside a quoted field. That field's quote is then unclosed, its LF or CRLF counts as
  // a line end, and a CR-only file (Excel's "CSV (Macintosh)") is read with '\n': the whole file
  // becomes one record and the upload is refused ("The header row has a quote that is never closed",
  // "The header row has no name for column 3"), or rows are merged. Found by the fuzz run (csv-fuzz.test.ts). Fix: also drop a quoted segment that
  // runs to the end of the head, e.g. .replace(/"[^"]*(?:"|$)/g, ''). Fixed that way; the fuzz
  // run now puts LFs in CR-only files too.
  it('C8 detects CR line ends when the sniffed head ends inside a quoted field holding an LF', async () => {
    const team = await freshTeam();
    // Rows of one length whose quoted note holds an LF early: the head's cut at 256 KiB (262,144
    // bytes) is placed after such an LF and before its row's CR, by a first row of the right length.
    const row = (i: number, note = '') => `cr${String(i).padStart(6, '0')}@c8.test,"n\n${note}${'y'.repeat(80)}",Name`;
    const header = 'email,note,first_name\r';
    const length = row(0).length + 1;
    const lf = row(0).indexOf('\n');
    const into = (262_144 - header.length - length) % length; // where the cut falls in a row
    const shift = (into - lf - 20 + 2 * length) % length; // lengthen the first row so it falls 20 after the LF
    const rows = [row(0, 'p'.repeat(shift)), ...Array.from({ length: 4000 }, (_, i) => row(i + 1))];
    const file = `${header}${rows.join('\r')}\r`;
    const cut = file.slice(0, 262_144);
    expect(cut.lastIndexOf('\n')).toBeGreaterThan(cut.lastIndexOf('\r'));
    const done = await importFile(team, file);
    expect(done).toMatchObject({ status: 'completed', total: rows.length, created: rows.length, failed: 0 });
  });

  it('C9 reads a CRLF split across a parse piece and a stored piece right after a quoted field, with no spurious quote error', async () => {
    const team = await freshTeam();
    const placer = new Placer('\r\n');
    // A row is `email,"<pad>xz"\r\n`: with x at B - 4 the CR is the last character before the
    // boundary B and the LF the first after it; with x at B - 3 the closing quote and the CR straddle it.
    placer.place('x', KiB64 - 4, 'units', true);
    placer.place('x', 3 * KiB64 - 3, 'units', true);
    // An escaped quote ("") split between two pieces.
    placer.place('""', 5 * KiB64 - 1, 'units', true, (value) => value.replace('""', '"'));
    placer.place('x', MiB - 4, 'bytes', true);
    placer.place('x', 2 * MiB - 3, 'bytes', true);
    const done = await importFile(team, placer.file());
    expect(done).toMatchObject({ status: 'completed', failed: 0 });
    const contacts = await contactsOf(team);
    expect(Object.keys(contacts)).toHaveLength(done.created);
    for (const [email, name] of Object.entries(placer.expected)) expect(contacts[email]?.first_name, email).toBe(name);
    expect(JSON.stringify(contacts)).not.toContain('\\r');
  });

  it('C10 reads quoted new lines (LF, CRLF, mixed) into the right records; failures name the record, errors the physical line', async () => {
    const team = await freshTeam();
    const file = ['email,first_name', 'a@c10.test,"multi\nline"', 'b@c10.test,"three\r\nline\nrecord"', 'not-an-email,"x\ny"', 'c@c10.test,plain', ''].join('\n');
    const done = await importFile(team, file);
    expect(done).toMatchObject({ status: 'completed', total: 4, created: 3, failed: 1 });
    expect(done.failures).toEqual([{ row_number: 3, email: 'not-an-email', outcome: 'failed', reason: expect.stringContaining('email') }]);
    expect(await contactsOf(team)).toMatchObject({ 'a@c10.test': { first_name: 'multi\nline' }, 'b@c10.test': { first_name: 'three\r\nline\nrecord' }, 'c@c10.test': { first_name: 'plain' } });
    // A quote never closed near the end: the import fails naming the record and its first line.
    const unclosed = await importFile(await freshTeam(), ['email,first_name', 'a@c10.test,"multi\nline"', 'b@c10.test,"x', 'c@c10.test,y', ''].join('\n'));
    expect(unclosed).toMatchObject({ status: 'failed', total: 0, created: 0 });
    expect(unclosed.error).toBe('Row 2 (line 4) has a quote that is never closed');
  });

  it('C11 detects ; with decimal commas, tab with commas in values, pipes, and reads a single-column file', async () => {
    const cases: [string, string, Record<string, Json>][] = [
      [';', 'email;first_name;last_name\nsemi@c11.test;Ann;1,5\n', { 'semi@c11.test': { first_name: 'Ann', last_name: '1,5' } }],
      ['\t', 'email\tfirst_name\tlast_name\ntab@c11.test\tSmith, Jr.\ta,b;c\n', { 'tab@c11.test': { first_name: 'Smith, Jr.', last_name: 'a,b;c' } }],
      ['|', 'email|first_name\npipe@c11.test|x,y;z\n', { 'pipe@c11.test': { first_name: 'x,y;z' } }],
      [',', 'email\none@c11.test\ntwo@c11.test\n', { 'one@c11.test': {}, 'two@c11.test': {} }],
      [',', 'Email Address\n"quoted@c11.test"\n', { 'quoted@c11.test': {} }],
    ];
    for (const [delimiter, file, expected] of cases) {
      const team = await freshTeam();
      const done = await importFile(team, file);
      expect(done.delimiter).toBe(delimiter);
      expect(done).toMatchObject({ status: 'completed', failed: 0, created: Object.keys(expected).length });
      expect(await contactsOf(team)).toMatchObject(expected);
    }
  });

  it('C12 refuses duplicate headers (any case, surrounding spaces) naming them, and stores nothing', async () => {
    await expectRefused('email,Email,email\na@c12.test,b@c12.test,c@c12.test\n', /names a column more than once: "email", "Email", "email"/);
    await expectRefused('email, first_name ,first_name\na@c12.test,A,B\n', /names a column more than once: "first_name", "first_name"/);
  });

  it('C13 fails an import with a quote left open near the start of a large file, naming the line, in bounded memory', async () => {
    const team = await freshTeam();
    const rows = Array.from({ length: 60_000 }, (_, i) => `r${i}@c13.test,Name ${i}`);
    const file = `email,first_name\nopen@c13.test,"never closed\n${rows.join('\n')}\n`;
    expect(file.length).toBeGreaterThan(1.5 * MiB);
    const peak = trackRss();
    const done = await importFile(team, file);
    const grown = peak.stop();
    expect(done).toMatchObject({ status: 'failed', total: 0, created: 0, failed: 0 });
    expect(done.error).toBe('Row 1 (line 2) is longer than 1 MB (or has a quote that is never closed)');
    expect(await stored(roster, team.id)).toMatchObject({ chunks: 0, contacts: 0 });
    // The open record is cut at 1 MB (a few times its size in memory), never grown to the file's end.
    expect(grown).toBeLessThan(150 * MiB);
  });

  it('C14 refuses a line over 1 MB, a 1 MB header and more than 1,000 columns at upload; a 10,000-column row fails alone', async () => {
    await expectRefused(`email,note\na@c14.test,${'x'.repeat(MiB + 10)}\nb@c14.test,short\n`, /^Line 2 is longer than 1 MB$/);
    await expectRefused(`email,${'h'.repeat(MiB)}\na@c14.test,1\n`, /^Line 1 is longer than 1 MB$/);
    await expectRefused(`email,${Array.from({ length: 9_999 }, (_, i) => `c${i}`).join(',')}\na@c14.test\n`, /^The file has 10000 columns; at most 1000 are supported$/);
    const team = await freshTeam();
    const done = await importFile(team, `email,first_name\nwide@c14.test,${Array.from({ length: 9_999 }, () => 'x').join(',')}\nok@c14.test,Fine\n`);
    expect(done).toMatchObject({ status: 'completed', total: 2, created: 1, failed: 1 });
    expect(done.failures).toEqual([{ row_number: 1, email: 'wide@c14.test', outcome: 'failed', reason: 'Row has 10000 columns, the header has 2' }]);
  });

  it('C15 imports a 32 MB file in a worker whose heap is capped at 96 MB: parsing streams with back-pressure', async () => {
    // A database of its own, with no worker but the capped one.
    const idle = await startRoster({ workers: 0 });
    let child: ChildProcess | null = null;
    try {
      const name = 'hostile-csv-heap';
      const key = await idle.newKey(name);
      const team = { key, id: await teamId(idle, name) };
      // 8,000 rows of 4 KB: a note column the map ignores makes the file big and the merge small.
      const note = 'n'.repeat(4000);
      const lines = ['email,first_name,note'];
      for (let i = 0; i < 8_000; i++) lines.push(`heap${i}@c15.test,Row ${i},${note}`);
      const file = Buffer.from(`${lines.join('\n')}\n`);
      expect(file.length).toBeGreaterThan(32 * 1000 * 1000);
      const uploaded = await upload(team, file, {}, [], idle);
      expect(uploaded.__typename).toBe('ContactImport');
      // Streaming, the worker's heap peaks at ~55-65 MB (its code, libraries and garbage). Reading the
      // file whole would add the file as one string (32 MB) and its rows as strings on top of that.
      child = spawn(process.execPath, ['--max-old-space-size=96', '--import', 'tsx', resolve(import.meta.dirname, 'heap-worker.ts'), idle.dbUrl], {
        cwd: resolve(import.meta.dirname, '..'),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let heapPeak = 0;
      let output = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        for (const line of chunk.toString().split('\n')) if (line.startsWith('{')) heapPeak = Math.max(heapPeak, (JSON.parse(line) as { heapUsed: number }).heapUsed);
      });
      child.stderr?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
      });
      const exited = new Promise<never>((_, fail) => child?.once('exit', (code) => fail(new Error(`the worker exited (${code}) before the import ended:\n${output.slice(-2000)}`))));
      const done = await Promise.race([waitImport(idle, uploaded.id!, 240_000), exited]);
      expect(done).toMatchObject({ status: 'completed', total: 8_000, created: 8_000, failed: 0 });
      expect(heapPeak).toBeGreaterThan(0);
      expect(heapPeak).toBeLessThan(96 * MiB);
    } finally {
      if (child && child.exitCode === null) {
        const gone = new Promise((done) => child?.once('exit', done));
        child.kill('SIGTERM');
        await gone;
      }
      await idle.close();
    }
  });

  it('C16 skips empty, whitespace-only and trailing lines; rows with too few or too many columns fail with a reason', async () => {
    const team = await freshTeam();
    const file = ['', '  ', 'email,first_name,last_name', '', 'a@c16.test,A,Aa', ' \t ', 'short@c16.test,S', 'long@c16.test,L,Ll,extra', ',,', 'b@c16.test,B,Bb', '', '', ''].join('\r\n');
    const done = await importFile(team, file);
    expect(done).toMatchObject({ status: 'completed', total: 4, created: 2, failed: 2 });
    expect(done.failures).toEqual([
      { row_number: 2, email: 'short@c16.test', outcome: 'failed', reason: 'Row has 2 columns, the header has 3' },
      { row_number: 3, email: 'long@c16.test', outcome: 'failed', reason: 'Row has 4 columns, the header has 3' },
    ]);
    expect(Object.keys(await contactsOf(team))).toEqual(['a@c16.test', 'b@c16.test']);
  });

  it('C17 counts records, not lines: quoted new lines never inflate the total or the progress', async () => {
    const team = await freshTeam();
    const tall = (i: number) => `t${i}@c17.test,"${Array.from({ length: 20 }, (_, k) => `line ${k}`).join('\n')}"`;
    const file = `email,first_name\n${[tall(1), tall(2), tall(3)].join('\n')}\n`;
    expect(file.split('\n').length).toBeGreaterThan(60);
    const uploaded = await upload(team, file);
    const response = await fetch(`${roster.url}/graphql`, {
      method: 'POST',
      headers: { authorization: `Bearer ${team.key}`, 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ query: 'subscription HostileC17($id: ID!) { importProgress(id: $id) { status stagedRows counts { total } } }', variables: { id: uploaded.id } }),
      signal: AbortSignal.timeout(120_000),
    });
    const events = [...(await response.text()).matchAll(/^data: (\{.*\})$/gm)].map((m) => (JSON.parse(m[1]!) as { data: { importProgress: { status: string; stagedRows: number; counts: { total: number } } } }).data.importProgress);
    expect(events.at(-1)).toEqual({ status: 'COMPLETED', stagedRows: 3, counts: { total: 3 } });
    for (const event of events) {
      expect(event.stagedRows).toBeLessThanOrEqual(3);
      expect(event.counts.total).toBeLessThanOrEqual(3);
    }
    const read = await graphqlPost(roster.url, team.key, 'query HostileC17Read($id: ID!) { contactImport(id: $id) { stagedRows counts { total created } } }', { id: uploaded.id });
    expect(read.data).toEqual({ contactImport: { stagedRows: 3, counts: { total: 3, created: 3 } } });
  });
});

/** Samples this process's RSS (it hosts the server and the worker) until stopped; returns the growth at the peak. */
function trackRss(): { stop(): number } {
  const start = process.memoryUsage().rss;
  let peak = start;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  return {
    stop() {
      clearInterval(timer);
      peak = Math.max(peak, process.memoryUsage().rss);
      return peak - start;
    },
  };
}
