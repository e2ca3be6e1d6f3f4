import { describe, expect, it, vi } from 'vitest';
import { HEAD_BYTES, MAX_IMPORT_BYTES, fileProblem, readHead, sniffHead } from './file-sniff';

const utf8 = (text: string) => new TextEncoder().encode(text);
const whole = (bytes: Uint8Array) => sniffHead(bytes, bytes.length);

function utf16le(text: string, bom = true): Uint8Array {
  const out = new Uint8Array((bom ? 2 : 0) + text.length * 2);
  if (bom) out.set([0xff, 0xfe]);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    out[(bom ? 2 : 0) + i * 2] = code & 0xff;
    out[(bom ? 2 : 0) + i * 2 + 1] = code >> 8;
  }
  return out;
}

describe('fileProblem refuses before reading', () => {
  it.each([
    ['contacts.csv', 'text/csv', 10],
    ['contacts.CSV', '', 10],
    ['export.txt', 'text/plain', 10],
    ['list.tsv', 'text/tab-separated-values', 10],
    ['windows.csv', 'application/vnd.ms-excel', 10],
    ['no-extension', 'text/csv', 10],
    ['exactly-the-limit.csv', 'text/csv', MAX_IMPORT_BYTES],
  ])('accepts %s (%s)', (name, type, size) => {
    expect(fileProblem({ name, type, size })).toBeNull();
  });

  it.each([
    ['big.csv', 'text/csv', MAX_IMPORT_BYTES + 1, /is 209,715,201 bytes; the largest file Roster imports is 209,715,200 bytes \(200 MB\)/],
    ['empty.csv', 'text/csv', 0, /is empty/],
    ['book.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 10, /spreadsheet workbook/],
    ['old.xls', 'application/vnd.ms-excel', 10, /spreadsheet workbook/],
    ['photo.png', 'image/png', 10, /does not look like a CSV file \(image\/png\)/],
    ['report.pdf', 'application/pdf', 10, /does not look like a CSV/],
  ])('refuses %s', (name, type, size, message) => {
    expect(fileProblem({ name, type, size })).toMatch(message);
  });

  it('uses the limit it is given', () => {
    expect(fileProblem({ name: 'a.csv', type: 'text/csv', size: 2048 }, 1024)).toMatch(/is 2\.0 KB; the largest file Roster imports is 1\.0 KB/);
    expect(fileProblem({ name: 'a.csv', type: 'text/csv', size: 300 * 1024 * 1024 })).toMatch(/is 300 MB; the largest file Roster imports is 200 MB\. Split it/);
  });
});

describe('sniffHead', () => {
  it('reads a UTF-8 file with a BOM, CRLF and quoted cells', () => {
    const sniffed = whole(utf8('\uFEFFEmail,Name,Note\r\nann@example.com,Ann,"hello, ""world"""\r\nbob@example.com,Bob,"two\r\nlines"\r\n\r\n'));
    expect(sniffed.problem).toBeUndefined();
    expect(sniffed).toMatchObject({ encoding: 'utf-8', bom: true, delimiter: ',', headers: ['Email', 'Name', 'Note'], complete: true, rowEstimate: 2 });
    expect(sniffed.rows).toEqual([
      ['ann@example.com', 'Ann', 'hello, "world"'],
      ['bob@example.com', 'Bob', 'two\r\nlines'],
    ]);
  });

  it.each([
    [';', 'semicolon'],
    ['\t', 'tab'],
    ['|', 'pipe'],
  ])('detects the %j delimiter (%s)', (delimiter) => {
    const text = ['email', 'first', 'score'].join(delimiter) + '\n' + ['a@b.co', 'A,nn', '1,5'].join(delimiter) + '\n';
    const sniffed = whole(utf8(text));
    expect(sniffed.delimiter).toBe(delimiter);
    expect(sniffed.rows[0]).toEqual(['a@b.co', 'A,nn', '1,5']);
  });

  it('trims header names and keeps ragged rows as they are', () => {
    const sniffed = whole(utf8(' email , name\na@b.co\nc@d.co,C,extra\n'));
    expect(sniffed.headers).toEqual(['email', 'name']);
    expect(sniffed.rows).toEqual([['a@b.co'], ['c@d.co', 'C', 'extra']]);
  });

  it('reads UTF-16 with a BOM and says so', () => {
    const sniffed = whole(utf16le('email,name\r\nzoë@example.com,Zoë\r\n'));
    expect(sniffed).toMatchObject({ encoding: 'utf-16le', headers: ['email', 'name'], rows: [['zoë@example.com', 'Zoë']] });
    expect(sniffed.notes.join(' ')).toMatch(/UTF-16/);
  });

  it('refuses UTF-16 without a BOM, as the server does', () => {
    expect(whole(utf16le('email,name\nann@example.com,Ann\n', false)).problem).toMatch(/UTF-16 text without a byte order mark/);
  });

  it('falls back to Windows-1252 for a few stray bytes, and says so', () => {
    const bytes = new Uint8Array([...utf8('email,name\na@b.co,Ren'), 0xe9, ...utf8('\n')]);
    const sniffed = whole(bytes);
    expect(sniffed.encoding).toBe('windows-1252');
    expect(sniffed.rows[0]).toEqual(['a@b.co', 'René']);
    expect(sniffed.notes.join(' ')).toMatch(/Windows-1252/);
  });

  it('refuses a file mixing UTF-8 and other bytes', () => {
    const bytes = new Uint8Array([...utf8('email,name\na@b.co,Zoë Chloé Anaïs\nb@c.co,Ren'), 0xe9, ...utf8('\n')]);
    expect(whole(bytes).problem).toMatch(/mixes encodings/);
  });

  it('refuses a UTF-8 BOM followed by bytes that are not UTF-8', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('email\nRen'), 0xe9, ...utf8('\n')]);
    expect(whole(bytes).problem).toMatch(/byte order mark but is not UTF-8/);
  });

  it.each([
    ['a workbook', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2]), /Excel workbook/],
    ['binary', new Uint8Array([...utf8('email\n'), 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19]), /not text/],
    ['blank lines', utf8('\n\n  \n'), /no header row/],
    ['a blank header', utf8('email,,name\na,b,c\n'), /no name for column 2/],
    ['duplicate headers', utf8('Email,name,EMAIL\n'), /more than once: "Email", "EMAIL"/],
    ['an unclosed quote in the header', utf8('email,"name\na,b\n'), /quote that is never closed/],
  ])('refuses %s', (_name, bytes, message) => {
    expect(whole(bytes).problem).toMatch(message);
  });

  it('estimates the row count of a longer file from its first rows and drops the cut line', () => {
    const lines = ['email,name'];
    for (let i = 0; i < 1000; i++) lines.push(`user${String(i).padStart(4, '0')}@example.com,Name ${i % 10}`);
    const all = utf8(`${lines.join('\n')}\n`);
    const slice = all.subarray(0, 4000);
    const sniffed = sniffHead(slice, all.length);
    expect(sniffed.complete).toBe(false);
    expect(sniffed.rows.every((row) => row.length === 2 && row[0]!.endsWith('@example.com'))).toBe(true);
    expect(sniffed.rowEstimate).toBeGreaterThan(950);
    expect(sniffed.rowEstimate).toBeLessThan(1050);
  });

  it('drops a quoted value cut by the end of the slice', () => {
    const text = 'email,note\na@b.co,"one\nb@c.co,"two\nlines and more';
    const sniffed = sniffHead(utf8(text), text.length + 100);
    expect(sniffed.problem).toBeUndefined();
    expect(sniffed.rows.every((row) => row.length === 2)).toBe(true);
  });
});

describe('readHead', () => {
  it('reads only a slice from the start and one from the end of the file', async () => {
    const content = `email\n${'a@b.co\n'.repeat(40_000)}`;
    const file = new Blob([content]);
    const slice = vi.spyOn(file, 'slice');
    const sniffed = await readHead(file);
    expect(slice.mock.calls).toEqual([
      [0, HEAD_BYTES],
      [content.length - HEAD_BYTES, content.length],
    ]);
    expect(sniffed.complete).toBe(false);
    expect(sniffed.rowEstimate).toBe(40_000);
  });

  it('estimates better when rows grow longer down the file', async () => {
    const lines = ['email,name'];
    for (let i = 0; i < 100_000; i++) lines.push(`user${i}@example.org,Name ${i}`);
    const file = new Blob([`${lines.join('\n')}\n`]);
    const headOnly = sniffHead(new Uint8Array(await file.slice(0, HEAD_BYTES).arrayBuffer()), file.size);
    const both = await readHead(file);
    expect(Math.abs(both.rowEstimate - 100_000)).toBeLessThan(Math.abs(headOnly.rowEstimate - 100_000));
    expect(both.rowEstimate).toBeGreaterThan(96_000);
    expect(both.rowEstimate).toBeLessThan(104_000);
  });

  it('reads the end of a UTF-16 file aligned', async () => {
    const lines = ['email'];
    for (let i = 0; i < 20_000; i++) lines.push(`u${i}@example.org`);
    const file = new Blob([utf16le(`${lines.join('\r\n')}\r\n`) as BlobPart]);
    const sniffed = await readHead(file);
    expect(sniffed.encoding).toBe('utf-16le');
    expect(sniffed.rowEstimate).toBeGreaterThan(19_000);
    expect(sniffed.rowEstimate).toBeLessThan(21_000);
  });
});
