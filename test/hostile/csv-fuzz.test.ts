import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Roster, startRoster } from '../src/harness';
import { type Prng, multipart, prng, rawRequest, stored, teamId, uploadParts, waitImport } from './support';

// Checklist §8 X6: a fuzz run of generated CSVs through the real upload and the real worker
// (in-process). Replay a run with FUZZ_SEED=<seed printed below>.
//
// Invariants, per file: the upload is accepted, or refused with a message about the file and
// nothing stored; an accepted import ends (completed, or failed with a message naming the row and
// line, never stuck, never "Unexpected"); total = created + updated + skipped + failed; the stored
// failure rows and the failures.csv download match the counts; the team holds `created` contacts;
// the server still answers /health. For files generated from known records ("oracle" files), the
// import completes and its total is exactly the number of non-blank records. Over the whole run,
// the RSS of this process (which hosts the server and the worker) grows by less than 150 MB.

const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
// FUZZ_FILES runs a longer hunt locally; CI runs the default.
const FILES = Number(process.env.FUZZ_FILES ?? 30);
const KiB64 = 64 * 1024;
const MiB = 1024 * 1024;

let roster: Roster;
beforeAll(async () => {
  console.log(`csv-fuzz seed ${SEED} (replay: FUZZ_SEED=${SEED} pnpm test:hostile)`);
  roster = await startRoster({ workers: 1 });
});
afterAll(() => roster.close());

interface Generated {
  kind: string;
  bytes: Buffer;
  /** Data records the import must count, when the file was built from known records. */
  records?: number;
}

// -------------------------------------------------------------------------------- generators

const HEADERS = ['first_name', 'last_name', 'note', 'city', 'Company', 'phone'];
const ASCII = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .-_@+';
const HAZARDS = ['"', ',', '\n', '\r\n', '\r', ';', '\t', '|', ' ', '  ', 'ç', 'é', '李', '😀', '\u00a0', '\u200b', '\\', "'", '=', '#'];
const CP1252 = `${ASCII}éüñ`;

function cell(r: Prng, alphabet: string, hazards: readonly string[]): string {
  const length = r.chance(0.1) ? 0 : r.int(1, r.chance(0.05) ? 400 : 24);
  let text = '';
  for (let i = 0; i < length; i++) text += hazards.length > 0 && r.chance(0.08) ? r.pick(hazards) : alphabet[r.int(0, alphabet.length - 1)];
  return text;
}

/** RFC 4180 quoting where needed (and sometimes where not). */
function field(r: Prng, value: string): string {
  return /[",\r\n;\t|]/.test(value) || r.chance(0.1) ? `"${value.replaceAll('"', '""')}"` : value;
}

const blank = (cells: string[]) => cells.every((c) => c.trim() === '');

/**
 * A CSV built from known records: a header with an email column, rows with hazards in their cells,
 * invalid and duplicate emails, column-count drift, blank and whitespace-only lines. Returns the
 * text and how many data records it holds (blank records are not records).
 */
function oracleCsv(r: Prng, options: { rows: number; alphabet?: string; hazards?: boolean; huge?: number }): { text: string; records: number } {
  const alphabet = options.alphabet ?? ASCII;
  const extra = [...HEADERS].sort(() => r.next() - 0.5).slice(0, r.int(0, 4));
  const header = ['email', ...extra];
  const newline = r.pick(['\n', '\r\n', 'mixed', '\r'] as const);
  const hazards = options.hazards === false ? [] : HAZARDS;
  const lineEnd = () => (newline === 'mixed' ? r.pick(['\n', '\r\n']) : newline);
  const lines: string[] = [];
  for (let i = r.int(0, 2); i > 0; i--) lines.push(r.pick(['', ' ', '\t']) + lineEnd());
  lines.push(header.map((h) => field(r, h)).join(',') + lineEnd());
  let records = 0;
  const emails: string[] = [];
  for (let i = 0; i < options.rows; i++) {
    if (r.chance(0.03)) {
      // A blank line, or a record of empty or whitespace-only cells: not a record.
      lines.push((r.chance(0.5) ? '' : header.map(() => r.pick(['', ' ', '  '])).join(',')) + lineEnd());
      continue;
    }
    const email = r.chance(0.05) && emails.length > 0 ? r.pick(emails).toUpperCase() : r.chance(0.05) ? cell(r, alphabet, hazards) : `u${i}.${r.int(0, 1e6)}@fuzz${r.int(1, 3)}.test`;
    emails.push(email);
    let cells = [email, ...extra.map(() => cell(r, alphabet, hazards))];
    if (options.huge && i === Math.floor(options.rows / 2)) cells[cells.length - 1] = 'h'.repeat(options.huge);
    if (r.chance(0.04)) cells = r.chance(0.5) ? cells.slice(0, r.int(1, cells.length)) : [...cells, cell(r, alphabet, hazards)];
    if (!blank(cells)) records++;
    lines.push(cells.map((c) => field(r, c)).join(',') + lineEnd());
  }
  let text = lines.join('');
  if (r.chance(0.3)) text = text.replace(/(\r\n|\n|\r)$/, '');
  return { text, records };
}

/**
 * Rows placed so that a quote, a CR or an LF falls exactly on 64 Ki-character boundaries of the
 * decoded text (where the parser's pieces meet), each padded by an unimported note cell.
 */
function boundaryCsv(r: Prng): { text: string; records: number } {
  const newline = r.pick(['\n', '\r\n']);
  let text = `email,note,first_name${newline}`;
  let records = 0;
  const boundaries = r.int(2, 5);
  for (let b = 1; b <= boundaries; b++) {
    const target = b * KiB64;
    while (text.length + 600 < target) {
      text += `f${records}@fill.test,${'x'.repeat(r.int(100, 500))},F${newline}`;
      records++;
    }
    // `email,<pad>,"<name>"<newline>`: choose which character of the ending sits on the boundary.
    const name = `${r.pick(['a', 'ç', '李', '😀'])}"" q`;
    const tail = `,"${name}"${newline}`;
    const hit = r.int(0, tail.length - 1);
    const start = `b${b}@bound.test,`;
    const pad = target - hit - text.length - start.length;
    text += `${start}${'p'.repeat(Math.max(0, pad))}${tail}`;
    records++;
  }
  return { text, records };
}

function encode(r: Prng, text: string, kind: 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252'): Buffer {
  switch (kind) {
    case 'utf-8':
      return Buffer.from(text);
    case 'utf-8-bom':
      return Buffer.from(`\uFEFF${text}`);
    case 'utf-16le':
      return Buffer.from(`\uFEFF${text}`, 'utf16le');
    case 'utf-16be':
      return Buffer.from(`\uFEFF${text}`, 'utf16le').swap16();
    case 'windows-1252':
      return Buffer.from(text, 'latin1');
    default:
      return r.bytes(0);
  }
}

/** One file of the run: `i` picks the kind, so every run covers every kind. */
function generate(r: Prng, i: number): Generated {
  switch (i % 10) {
    case 0: {
      const { text, records } = oracleCsv(r, { rows: r.int(20, 400) });
      return { kind: 'oracle utf-8', bytes: encode(r, text, r.pick(['utf-8', 'utf-8-bom'] as const)), records };
    }
    case 1: {
      const { text, records } = oracleCsv(r, { rows: r.int(20, 300) });
      const encoding = r.pick(['utf-16le', 'utf-16be'] as const);
      return { kind: `oracle ${encoding}`, bytes: encode(r, text, encoding), records };
    }
    case 2: {
      const { text, records } = oracleCsv(r, { rows: r.int(20, 300), alphabet: CP1252, hazards: false });
      return { kind: 'oracle windows-1252', bytes: encode(r, text, 'windows-1252'), records };
    }
    case 3: {
      const { text, records } = boundaryCsv(r);
      return { kind: 'oracle 64 KiB boundaries', bytes: encode(r, text, r.pick(['utf-8', 'utf-8-bom', 'utf-16le'] as const)), records };
    }
    case 4: {
      // A field just under the 1 MB record limit, kept; the whole file over 1 MiB (two stored pieces).
      const { text, records } = oracleCsv(r, { rows: r.int(10, 100), hazards: false, huge: MiB - 2048 });
      return { kind: 'oracle huge field', bytes: Buffer.from(text), records };
    }
    case 5: {
      // Random bytes, bare or after a plausible header.
      const body = r.bytes(r.int(1, 64 * 1024));
      return { kind: 'random bytes', bytes: r.chance(0.5) ? Buffer.concat([Buffer.from('email,first_name\n'), body]) : body };
    }
    case 6: {
      // A valid file with bytes flipped, inserted or removed at random.
      const bytes = Buffer.from(oracleCsv(r, { rows: r.int(20, 200) }).text);
      const mutated: number[] = [...bytes];
      for (let k = r.int(1, 20); k > 0; k--) {
        const at = r.int(0, Math.max(0, mutated.length - 1));
        const op = r.int(0, 2);
        if (op === 0) mutated[at] = r.int(0, 255);
        else if (op === 1) mutated.splice(at, 0, r.pick([0x22, 0x0d, 0x0a, 0x2c, 0xef, 0xbb, 0xbf, 0xc3, 0xfe, 0xff, r.int(0, 255)]));
        else mutated.splice(at, 1);
      }
      return { kind: 'mutated', bytes: Buffer.from(mutated) };
    }
    case 7: {
      // Cut anywhere: in a quoted field, in a multi-byte character, in a CRLF.
      const bytes = Buffer.from(oracleCsv(r, { rows: r.int(20, 300) }).text);
      return { kind: 'truncated', bytes: bytes.subarray(0, r.int(1, bytes.length)) };
    }
    case 8: {
      // Over the limits: a record over 1 MB (an unclosed quote, or a huge field), or too many columns.
      const choice = r.int(0, 2);
      if (choice === 0) return { kind: 'unclosed quote', bytes: Buffer.from(`email,first_name\na@fuzz.test,"open\n${'b@fuzz.test,x\n'.repeat(r.int(80_000, 100_000))}`) };
      if (choice === 1) return { kind: 'field over 1 MB', bytes: Buffer.from(`email,note\na@fuzz.test,"${'n\n'.repeat(MiB / 2 + r.int(1, 1000))}"\n`) };
      return { kind: 'too many columns', bytes: Buffer.from(`email,${Array.from({ length: r.int(1001, 3000) }, (_, k) => `c${k}`).join(',')}\na@fuzz.test\n`) };
    }
    default: {
      // A larger oracle file: several stored pieces, many batches of rows.
      const { text, records } = oracleCsv(r, { rows: r.int(8_000, 16_000), hazards: r.chance(0.5) });
      return { kind: 'oracle large', bytes: Buffer.from(text), records };
    }
  }
}

/** Records in a CSV answer (RFC 4180: CRLF outside quotes ends one). */
function csvRecords(text: string): number {
  let count = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (c === '\n' && !quoted) count++;
  }
  return count;
}

describe('X6 CSV fuzz', () => {
  it(`X6 imports ${FILES} generated files without a crash, a stuck import or a wrong count (seed ${SEED})`, { timeout: 600_000 }, async () => {
    const r = prng(SEED);
    const rss = { start: process.memoryUsage().rss, peak: 0 };
    const sampler = setInterval(() => {
      rss.peak = Math.max(rss.peak, process.memoryUsage().rss);
    }, 25);
    const outcomes: string[] = [];
    try {
      for (let i = 0; i < FILES; i++) {
        const file = generate(r, i);
        const where = `seed ${SEED}, file ${i} (${file.kind}, ${file.bytes.length} bytes)`;
        const name = `fuzz-${i}`;
        const key = await roster.newKey(name);
        const team = await teamId(roster, name);
        const form = multipart(uploadParts(file.bytes));
        const answer = await rawRequest(roster.url, {
          path: '/graphql',
          headers: { authorization: `Bearer ${key}`, 'x-graphql-yoga-csrf': '1', 'content-type': form.contentType },
          chunks: [form.body],
          timeoutMs: 120_000,
        });
        expect(answer.status, `${where}: ${answer.text}`).toBe(200);
        const result = (answer.json as { data: { importContacts: { __typename: string; id?: string; issues?: { path: string[]; message: string }[] } } }).data.importContacts;
        if (result.__typename === 'ValidationError') {
          expect(file.records, `${where}: an oracle file was refused: ${JSON.stringify(result.issues)}`).toBeUndefined();
          expect(result.issues?.[0]?.path, where).toEqual(['file']);
          expect(result.issues?.[0]?.message, where).toMatch(/^[A-Z]/);
          expect(result.issues?.[0]?.message, where).not.toMatch(/unexpected error/i);
          expect(await stored(roster, team), where).toEqual({ imports: 0, chunks: 0, contacts: 0 });
          outcomes.push(`${i} ${file.kind}: refused (${result.issues?.[0]?.message})`);
          continue;
        }
        expect(result.__typename, where).toBe('ContactImport');
        const done = await waitImport(roster, result.id!, 240_000);
        const { total, created, updated, skipped, failed } = done;
        expect(total, `${where}: ${JSON.stringify(done)}`).toBe(created + updated + skipped + failed);
        if (done.status === 'failed') {
          expect(file.records, `${where}: an oracle file failed: ${done.error}`).toBeUndefined();
          // Only a problem of the file ends an import this way, named by its row and line.
          expect(done.error, where).toMatch(/^(Row \d+ \(line \d+\)|The header row \(line \d+\))/);
          expect(total, where).toBe(0);
        } else {
          expect(done.status, `${where}: ${done.error}`).toBe('completed');
          if (file.records !== undefined) expect(total, where).toBe(file.records);
        }
        const [rows] = await roster.query<{ failed: number; skipped: number; contacts: number; chunks: number }>(
          `select (select count(*)::int from contact_import_failure where import_id = $1 and outcome = 'failed') as failed,
                  (select count(*)::int from contact_import_failure where import_id = $1 and outcome = 'skipped') as skipped,
                  (select count(*)::int from contact where team_id = $2) as contacts,
                  (select count(*)::int from contact_import_chunk where import_id = $1) as chunks`,
          [done.id, team],
        );
        expect(rows, where).toEqual({ failed, skipped, contacts: created, chunks: 0 });
        const download = await fetch(`${roster.url}/contacts/imports/${done.id}/failures.csv`, { headers: { authorization: `Bearer ${key}` } });
        expect(download.status, where).toBe(200);
        expect(csvRecords(await download.text()) - 1, where).toBe(failed + skipped);
        expect((await fetch(`${roster.url}/health`)).status, where).toBe(200);
        outcomes.push(`${i} ${file.kind}: ${done.status} ${JSON.stringify({ total, created, updated, skipped, failed })}${done.error ? ` (${done.error})` : ''}`);
      }
    } finally {
      clearInterval(sampler);
      console.log(`csv-fuzz seed ${SEED}:\n  ${outcomes.join('\n  ')}`);
    }
    // The largest files are ~4 MB and imports stream: the process settles back, well under this.
    const grown = Math.max(rss.peak, process.memoryUsage().rss) - rss.start;
    expect(grown, `RSS grew by ${Math.round(grown / MiB)} MB (seed ${SEED})`).toBeLessThan(150 * MiB);
  });
});
