import { describe, expect, it } from 'vitest';
import { CsvError, type CsvLayout, FileInspector, HEAD_BYTES, MAX_COLUMNS, MAX_LINE_BYTES, type TextEncoding, parseRows, sniffLayout } from './csv';

// Sanity benchmark (not a test): 1,000,000 generated rows (61 MB, 6 columns) read from disk in 1 MB
// chunks through FileInspector, sniffLayout and parseRows(batchSize 5000) take on this 2-core machine
// inspect ≈ 0.06 s and parse ≈ 0.6–0.8 s (papaparse's own stream + step: ≈ 0.5 s), peak RSS ≈ 190 MB.
// Reproduce with a throwaway script:
//   for await (const c of createReadStream(path, { highWaterMark: 1 << 20 })) inspector.push(c);
//   const layout = sniffLayout(inspector.finish().head);
//   for await (const batch of parseRows(createReadStream(path), layout, 'utf-8', 5000)) rows += batch.length;

function utf16(text: string, encoding: 'utf-16le' | 'utf-16be'): Buffer {
  const le = Buffer.from(`\ufeff${text}`, 'utf16le');
  return encoding === 'utf-16le' ? le : Buffer.from(le).swap16();
}

function windows1252(text: string): Buffer {
  // Latin-1 covers the characters these tests use; 1252 differs only in 0x80-0x9F.
  return Buffer.from(text, 'latin1');
}

function encode(text: string, encoding: TextEncoding | 'utf-8-bom'): Buffer {
  switch (encoding) {
    case 'utf-8':
      return Buffer.from(text);
    case 'utf-8-bom':
      return Buffer.from(`\ufeff${text}`);
    case 'utf-16le':
    case 'utf-16be':
      return utf16(text, encoding);
    case 'windows-1252':
      return windows1252(text);
  }
}

function split(bytes: Buffer, sizes: number | number[]): Buffer[] {
  const chunks: Buffer[] = [];
  if (typeof sizes === 'number') {
    for (let i = 0; i < bytes.length; i += sizes) chunks.push(bytes.subarray(i, i + sizes));
    return chunks;
  }
  let at = 0;
  for (const size of sizes) {
    chunks.push(bytes.subarray(at, at + size));
    at += size;
  }
  chunks.push(bytes.subarray(at));
  return chunks;
}

async function* source(chunks: Buffer[]): AsyncGenerator<Buffer> {
  for (const chunk of chunks) yield chunk;
}

function inspect(chunks: Buffer[]) {
  const inspector = new FileInspector();
  for (const chunk of chunks) inspector.push(chunk);
  return inspector.finish();
}

async function collect(chunks: Buffer[], layout: CsvLayout, encoding: TextEncoding, batchSize = 1000) {
  const batches: { rowNumber: number; cells: string[] }[][] = [];
  for await (const batch of parseRows(source(chunks), layout, encoding, batchSize)) batches.push(batch);
  return batches;
}

/** The whole path the import takes: inspect, sniff the head, parse the rows. */
async function read(bytes: Buffer, chunkSize: number | number[] = 64 * 1024) {
  const facts = inspect(split(bytes, chunkSize));
  expect(facts.problem).toBeUndefined();
  const layout = sniffLayout(facts.head);
  const batches = await collect(split(bytes, chunkSize), layout, facts.encoding);
  const rows = batches.flat();
  expect(rows.map((row) => row.rowNumber)).toEqual(rows.map((_, i) => i + 1));
  return { facts, layout, rows: rows.map((r) => r.cells) };
}

describe('FileInspector', () => {
  describe('valid files', () => {
    it.each([
      ['utf-8', 'email,name\na@x.com,Zoë 日本 😀\n', 'utf-8'],
      ['utf-8-bom', 'email,name\na@x.com,Zoë\n', 'utf-8'],
      ['utf-16le', 'email,name\na@x.com,Zoë 日本 😀\n', 'utf-16le'],
      ['utf-16be', 'email,name\na@x.com,Zoë 日本 😀\n', 'utf-16be'],
      ['windows-1252', 'email,name\na@x.com,Zoë Café\n', 'windows-1252'],
      ['utf-8', 'email\n', 'utf-8'],
    ] as const)('%s file → %s, head without BOM, at every chunk size', (given, text, encoding) => {
      const bytes = encode(text, given);
      for (const size of [1, 2, 3, 5, 7, 1024]) {
        expect(inspect(split(bytes, size))).toEqual({ bytes: bytes.length, encoding, head: text });
      }
    });

    it('decodes é (0xE9) of a Windows-1252 file, never as mojibake', () => {
      const facts = inspect([Buffer.from([...Buffer.from('name\nCaf'), 0xe9, 0x0a])]);
      expect(facts).toMatchObject({ encoding: 'windows-1252', head: 'name\nCafé\n' });
    });

    it('keeps a UTF-16 surrogate pair split across chunks', () => {
      const bytes = utf16('a\n😀\n', 'utf-16le');
      for (let cut = 1; cut < bytes.length; cut++) {
        expect(inspect(split(bytes, [cut])).head).toBe('a\n😀\n');
      }
    });

    it('keeps only the head, cut after its last complete line', () => {
      const line = `${'x'.repeat(99)}\n`;
      const bytes = Buffer.from(`email\n${line.repeat(5000)}`);
      const facts = inspect(split(bytes, 64 * 1024));
      expect(facts.bytes).toBe(bytes.length);
      expect(facts.head.length).toBeLessThanOrEqual(HEAD_BYTES);
      expect(facts.head.length).toBeGreaterThan(HEAD_BYTES - 100);
      expect(facts.head.endsWith('\n')).toBe(true);
      expect(facts.head.startsWith('email\n')).toBe(true);
    });

    it('keeps a header line longer than the head size whole', () => {
      const header = Array.from({ length: 500 }, (_, i) => `column_number_${i}_${'y'.repeat(600)}`).join(',');
      const facts = inspect(split(Buffer.from(`${header}\n${'1,'.repeat(499)}1\n`.repeat(3)), 100_000));
      expect(facts.problem).toBeUndefined();
      expect(facts.head.split('\n')[0]).toBe(header);
    });

    it('accepts a line of exactly 1 MB', () => {
      const bytes = Buffer.from(`email\n${'a'.repeat(MAX_LINE_BYTES)}\nb\n`);
      expect(inspect(split(bytes, 300_000)).problem).toBeUndefined();
    });

    it('accepts a few multi-byte characters before one stray byte as Windows-1252 text', () => {
      // "Straße“" in Windows-1252 is DF 93: valid UTF-8 by chance. The later "ä" (E4) is not.
      const bytes = Buffer.from([...Buffer.from('name\nStra'), 0xdf, 0x93, 0x0a, ...Buffer.from('M'), 0xe4, 0x0a]);
      expect(inspect([bytes])).toMatchObject({ encoding: 'windows-1252', head: 'name\nStraß“\nMä\n' });
    });
  });

  describe('files that cannot be imported', () => {
    const big = `email\n${'a'.repeat(MAX_LINE_BYTES + 1)}\n`;
    it.each([
      ['no bytes', Buffer.alloc(0), 'The file is empty'],
      ['only a UTF-8 BOM', Buffer.from([0xef, 0xbb, 0xbf]), 'The file is empty'],
      ['only a UTF-16 BOM', Buffer.from([0xff, 0xfe]), 'The file is empty'],
      ['NUL bytes', Buffer.from('email\na@x.com\u0000,b\n'), 'The file is not text (it contains NUL bytes at byte 14)'],
      ['a binary file', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), 'The file is not text (it contains NUL bytes at byte 9)'],
      ['UTF-16 without a BOM', Buffer.from('email,name\na@x.com,b\n', 'utf16le'), 'The file looks like UTF-16 text without a byte order mark; save it as UTF-8 and upload it again'],
      ['NUL characters in UTF-16', utf16('email\na\u0000\n', 'utf-16le'), 'The file is not text (it contains NUL characters at byte 17)'],
      ['a line over 1 MB', Buffer.from(big), 'Line 2 is longer than 1 MB'],
      ['a CRLF line over 1 MB', Buffer.from(big.replaceAll('\n', '\r\n')), 'Line 2 is longer than 1 MB'],
      ['a CR line over 1 MB', Buffer.from(`x\rx\r${'a'.repeat(MAX_LINE_BYTES + 1)}`), 'Line 3 is longer than 1 MB'],
      ['a UTF-16 line over 1 MB', utf16(`email\n${'a'.repeat(MAX_LINE_BYTES / 2 + 1)}\n`, 'utf-16be'), 'Line 2 is longer than 1 MB'],
      ['a first line over 1 MB without a newline', Buffer.from('a'.repeat(MAX_LINE_BYTES + 1)), 'Line 1 is longer than 1 MB'],
      [
        'a UTF-8 BOM then bytes that are not UTF-8',
        Buffer.from([0xef, 0xbb, 0xbf, ...Buffer.from('name\nCaf'), 0xe9, 0x0a]),
        'The file starts with a UTF-8 byte order mark, but byte 12 is not UTF-8; save it as UTF-8 and upload it again',
      ],
      [
        'UTF-8 text with a stray byte',
        Buffer.from([...Buffer.from('name\nZoë\nJosé\nRenée\n'), 0xe9, 0x0a]),
        'The file mixes encodings: it contains UTF-8 characters, but byte 24 is not UTF-8; save it as UTF-8 and upload it again',
      ],
      ['UTF-16 with an odd byte count', Buffer.concat([utf16('email\n', 'utf-16le'), Buffer.from([0x41])]), 'The file starts with a UTF-16 byte order mark but is not valid UTF-16 (it ends in the middle of a character)'],
    ])('%s', (_, bytes, problem) => {
      for (const size of [1, 3, 64 * 1024]) {
        if (size === 1 && bytes.length > 10_000) continue;
        expect(inspect(split(bytes, size)).problem).toBe(problem);
      }
    });
  });
});

describe('sniffLayout', () => {
  describe('valid heads', () => {
    it.each([
      ['commas', 'email,name\na@x.com,Ann\n', ',', '\n', ['email', 'name']],
      ['semicolons with decimal commas and commas in values', 'email;name;score\na@x.com;Doe, Ann;1,5\nb@x.com;Roe;2,25\n', ';', '\n', ['email', 'name', 'score']],
      ['tabs with commas in values', 'email\tname\na@x.com\tDoe, Ann\n', '\t', '\n', ['email', 'name']],
      ['pipes', 'email|name|city\na@x.com|Ann|Paris, France\n', '|', '\n', ['email', 'name', 'city']],
      ['a single column', 'email\na@x.com\nb@x.com\n', ',', '\n', ['email']],
      ['a single column with semicolons in one value', 'email\na@x.com\n"b;c"\n', ',', '\n', ['email']],
      ['only a header', 'email;name', ';', '\n', ['email', 'name']],
      ['CRLF', 'email,name\r\na@x.com,Ann\r\n', ',', '\r\n', ['email', 'name']],
      ['CR', 'email,name\ra@x.com,Ann\r', ',', '\r', ['email', 'name']],
      ['CRLF with a LF inside quotes', 'email,note\r\na@x.com,"a\nb"\r\n', ',', '\r\n', ['email', 'note']],
      ['mixed CRLF and LF', 'email,name\r\na@x.com,Ann\nb@x.com,Bob\r\n', ',', '\n', ['email', 'name']],
      ['blank lines before the header', '\n  \n\nemail,name\na@x.com,Ann\n', ',', '\n', ['email', 'name']],
      ['spaces around header names', ' email , First Name \na@x.com,Ann\n', ',', '\n', ['email', 'First Name']],
      ['a quoted header with the delimiter', '"email","name, full"\na@x.com,"Doe, Ann"\n', ',', '\n', ['email', 'name, full']],
      ['a BOM left in the head', '\ufeffemail,name\n', ',', '\n', ['email', 'name']],
      ['consistent counts win over more columns', 'a,b,c;d\n1;2\n3;4\n', ';', '\n', ['a,b,c', 'd']],
    ] as const)('%s', (_, head, delimiter, newline, headers) => {
      expect(sniffLayout(head)).toEqual({ delimiter, newline, headers });
    });
  });

  describe('heads that cannot be imported', () => {
    it.each([
      ['an empty head', '', 'The file has no header row: it contains only blank lines'],
      ['only blank lines', '\n \r\n\t\n', 'The file has no header row: it contains only blank lines'],
      ['duplicate headers', 'email,Email, EMAIL ,name,Name\n', 'The header row names a column more than once: "email", "Email", "EMAIL"; "name", "Name"; rename them so each is unique'],
      ['a blank header', 'email,,name,\n', 'The header row has no name for columns 2, 4; every column needs a name'],
      ['one blank header', 'email;  ;name\n', 'The header row has no name for column 2; every column needs a name'],
      ['too many columns', `${Array.from({ length: MAX_COLUMNS + 1 }, (_, i) => `c${i}`).join(',')}\n`, `The file has ${MAX_COLUMNS + 1} columns; at most ${MAX_COLUMNS} are supported`],
      ['an unclosed quote in the header', 'email,"name\na@x.com,Ann\n', 'The header row has a quote that is never closed'],
    ])('%s', (_, head, message) => {
      expect(() => sniffLayout(head)).toThrow(new CsvError(message));
    });
  });
});

describe('parseRows', () => {
  describe('valid files', () => {
    it.each(['utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be'] as const)('%s: multi-byte characters split at every byte offset stay intact', async (encoding) => {
      const text = 'email,name\r\na@x.com,é 日本 😀\r\n"b@x.com","Zoë ""日"" 🎉"\r\n';
      const bytes = encode(text, encoding);
      for (let cut = 0; cut <= bytes.length; cut++) {
        const { rows } = await read(bytes, [cut]);
        expect(rows).toEqual([
          ['a@x.com', 'é 日本 😀'],
          ['b@x.com', 'Zoë "日" 🎉'],
        ]);
      }
      expect((await read(bytes, 1)).rows).toHaveLength(2);
    });

    it('decodes Windows-1252 at every chunk size', async () => {
      const bytes = windows1252('email;name\na@x.com;Café Zoë\n');
      for (const size of [1, 2, 5, 100]) expect((await read(bytes, size)).rows).toEqual([['a@x.com', 'Café Zoë']]);
    });

    it.each([
      ['LF', 'email,name\na@x.com,Ann\nb@x.com,Bob\n'],
      ['CRLF', 'email,name\r\na@x.com,Ann\r\nb@x.com,Bob\r\n'],
      ['CR', 'email,name\ra@x.com,Ann\rb@x.com,Bob\r'],
      ['no trailing newline', 'email,name\na@x.com,Ann\nb@x.com,Bob'],
      ['blank and whitespace-only lines', '\nemail,name\n\na@x.com,Ann\n   \n\t\n,,\n , \nb@x.com,Bob\n\n\n'],
      ['blank CRLF lines', 'email,name\r\n\r\na@x.com,Ann\r\n  \r\nb@x.com,Bob\r\n\r\n'],
      ['mixed CRLF and LF', 'email,name\r\na@x.com,Ann\nb@x.com,Bob\r\n'],
      ['quoted fields before CRLF', '"email","name"\r\n"a@x.com","Ann"\r\n"b@x.com","Bob"\r\n'],
    ])('%s, at every chunk size', async (_, text) => {
      const bytes = Buffer.from(text);
      for (let size = 1; size <= bytes.length; size++) {
        expect((await read(bytes, size)).rows).toEqual([
          ['a@x.com', 'Ann'],
          ['b@x.com', 'Bob'],
        ]);
      }
    });

    it('CRLF with a first chunk shorter than the header: no CR left in the last column', async () => {
      const { layout, rows } = await read(Buffer.from('email,first,last\r\na@x.com,Ann,Lee\r\n'), [4]);
      expect(layout.headers).toEqual(['email', 'first', 'last']);
      expect(rows).toEqual([['a@x.com', 'Ann', 'Lee']]);
    });

    it('quoted fields: delimiters, doubled quotes and new lines', async () => {
      const text = 'email,note,city\n"a@x.com","Hello, ""world""","Paris"\nb@x.com,"line 1\nline 2\r\nline 3",\n"c@x.com","",""\n';
      for (const size of [1, 3, 8, 1000]) {
        expect((await read(Buffer.from(text), size)).rows).toEqual([
          ['a@x.com', 'Hello, "world"', 'Paris'],
          ['b@x.com', 'line 1\nline 2\r\nline 3', ''],
          ['c@x.com', '', ''],
        ]);
      }
    });

    it('rows with fewer or more columns keep their length', async () => {
      const { rows } = await read(Buffer.from('email,name,city\na@x.com\nb@x.com,Bob,Paris,extra,more\nc@x.com,Cy,Rome\n'));
      expect(rows.map((r) => r.length)).toEqual([1, 5, 3]);
    });

    it.each([
      [';', 'email;name\na@x.com;Doe, Ann\n', ['a@x.com', 'Doe, Ann']],
      ['tab', 'email\tname\na@x.com\tDoe, Ann\n', ['a@x.com', 'Doe, Ann']],
      ['|', 'email|name\na@x.com|"Doe | Ann"\n', ['a@x.com', 'Doe | Ann']],
      ['single column', 'email\na@x.com\n', ['a@x.com']],
    ])('delimiter %s', async (_, text, row) => {
      expect((await read(Buffer.from(text))).rows).toEqual([row]);
    });

    it('strips the BOM from the first header through the stream path', async () => {
      const { layout, rows } = await read(encode('email\na@x.com\n', 'utf-8-bom'), 1);
      expect(layout.headers).toEqual(['email']);
      expect(rows).toEqual([['a@x.com']]);
    });

    it('yields batches of at most batchSize rows, numbered over non-blank rows', async () => {
      const text = `email\n${Array.from({ length: 25 }, (_, i) => `u${i}@x.com\n\n`).join('')}`;
      const layout = sniffLayout(text);
      const batches = await collect(split(Buffer.from(text), 7), layout, 'utf-8', 10);
      expect(batches.map((b) => b.length)).toEqual([10, 10, 5]);
      expect(batches.flat().map((r) => r.rowNumber)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
      expect(batches[2]![4]).toEqual({ rowNumber: 25, cells: ['u24@x.com'] });
    });

    it('a file with only a header has no rows', async () => {
      expect((await read(Buffer.from('email,name\n'))).rows).toEqual([]);
    });

    it('a quoted record of almost 1 MB is fine', async () => {
      const text = `email,note\na@x.com,"${'x\n'.repeat(MAX_LINE_BYTES / 2 - 100)}"\nb@x.com,ok\n`;
      const { rows } = await read(Buffer.from(text), 100_000);
      expect(rows.map((r) => r[0])).toEqual(['a@x.com', 'b@x.com']);
    });
  });

  describe('back-pressure', () => {
    it('pulls the source only as batches are taken', async () => {
      let pulled = 0;
      let closed = false;
      async function* endless(): AsyncGenerator<Buffer> {
        try {
          yield Buffer.from('email,n\n');
          for (let i = 0; ; i++) {
            pulled++;
            yield Buffer.from(`u${i}@x.com,${i}\n`.repeat(100));
          }
        } finally {
          closed = true;
        }
      }
      const rows = parseRows(endless(), { delimiter: ',', newline: '\n', headers: ['email', 'n'] }, 'utf-8', 500);
      const first = await rows.next();
      const second = await rows.next();
      expect(first.value).toHaveLength(500);
      expect(second.value?.[0]?.rowNumber).toBe(501);
      // 64 KiB of text is parsed at a time: a few thousand rows at most, not the endless source.
      expect(pulled).toBeLessThan(100);
      await rows.return(undefined);
      expect(closed).toBe(true);
    });

    it('a slow consumer does not make the parser read ahead', async () => {
      let pulled = 0;
      async function* counted(): AsyncGenerator<Buffer> {
        yield Buffer.from('email\n');
        for (let i = 0; i < 1000; i++) {
          pulled++;
          yield Buffer.from(`u${i}@x.com\n`);
        }
      }
      const seen: number[] = [];
      for await (const batch of parseRows(counted(), { delimiter: ',', newline: '\n', headers: ['email'] }, 'utf-8', 1)) {
        seen.push(pulled);
        await new Promise((resolve) => setTimeout(resolve, 0));
        if (seen.length === 3) break;
        expect(batch).toHaveLength(1);
      }
      expect(Math.max(...seen)).toBeLessThan(1001);
    });
  });

  describe('files that cannot be imported', () => {
    it('a record longer than 1 MB names its row and line', async () => {
      const text = `email,note\na@x.com,ok\nb@x.com,"${'x\n'.repeat(MAX_LINE_BYTES / 2 + 10)}"\nc@x.com,ok\n`;
      const layout = sniffLayout('email,note\n');
      await expect(collect(split(Buffer.from(text), 64 * 1024), layout, 'utf-8')).rejects.toThrow(
        new CsvError('Row 2 (line 3) is longer than 1 MB (or has a quote that is never closed)'),
      );
    });

    it('a record longer than 1 MB within one chunk', async () => {
      const text = `email,note\na@x.com,"${'x'.repeat(MAX_LINE_BYTES + 10)}"\nc@x.com,ok\n`;
      const layout = sniffLayout('email,note\n');
      await expect(collect([Buffer.from(text)], layout, 'utf-8')).rejects.toThrow(new CsvError('Row 1 (line 2) is longer than 1 MB (or has a quote that is never closed)'));
    });

    it('an unclosed quote near the start of a big input stops early, in bounded memory', async () => {
      let pulled = 0;
      async function* big(): AsyncGenerator<Buffer> {
        yield Buffer.from('email,note\na@x.com,ok\nb@x.com,"never closed\n');
        // 200 MB of rows would follow; the parser must give up long before.
        for (let i = 0; i < 200 * 16; i++) {
          pulled++;
          yield Buffer.from(`c${i}@x.com,${'y'.repeat(60)}\n`.repeat(1000));
        }
      }
      const layout = sniffLayout('email,note\n');
      const before = process.memoryUsage().heapUsed;
      let error: unknown;
      try {
        for await (const _ of parseRows(big(), layout, 'utf-8', 1000));
      } catch (e) {
        error = e;
      }
      expect(error).toEqual(new CsvError('Row 2 (line 3) is longer than 1 MB (or has a quote that is never closed)'));
      // About 1 MB (then up to twice that) of text is read before giving up: 16 chunks of 62 KB.
      expect(pulled).toBeLessThan(40);
      expect(process.memoryUsage().heapUsed - before).toBeLessThan(64 * 1024 * 1024);
    });

    it('a quote never closed at the end of the file', async () => {
      const layout = sniffLayout('email,note\n');
      await expect(collect([Buffer.from('email,note\na@x.com,ok\n\nb@x.com,"open\nstill open\n')], layout, 'utf-8')).rejects.toThrow(
        new CsvError('Row 2 (line 4) has a quote that is never closed'),
      );
    });

    it('a header longer than 1 MB', async () => {
      const layout: CsvLayout = { delimiter: ',', newline: '\n', headers: ['email'] };
      await expect(collect([Buffer.from(`"${'h'.repeat(MAX_LINE_BYTES + 1)}"\na@x.com\n`)], layout, 'utf-8')).rejects.toThrow(
        new CsvError('The header row (line 1) is longer than 1 MB (or has a quote that is never closed)'),
      );
    });

    it('refuses a batch size below 1', async () => {
      await expect(collect([Buffer.from('email\n')], { delimiter: ',', newline: '\n', headers: ['email'] }, 'utf-8', 0)).rejects.toThrow(RangeError);
    });
  });
});
