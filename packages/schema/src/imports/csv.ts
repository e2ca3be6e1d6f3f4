import { isAscii, isUtf8 } from 'node:buffer';
import Papa from 'papaparse';

// The streaming CSV layer of the import: what the upload's bytes are (FileInspector), how the text
// is laid out (sniffLayout) and its rows, batch by batch (parseRows). Pure: no database, no files.

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** A physical line (FileInspector) or a record (parseRows) longer than this is refused. */
export const MAX_LINE_BYTES = 1024 * 1024;
/** More columns than this is refused: a row of them would not fit a batch. */
export const MAX_COLUMNS = 1000;
/** How much of the upload's start FileInspector keeps, decoded, for sniffLayout. */
export const HEAD_BYTES = 256 * 1024;

/** A file that cannot be read as CSV; the message is meant for the user. */
export class CsvError extends Error {
  override name = 'CsvError';
}

export interface FileFacts {
  bytes: number;
  encoding: TextEncoding;
  /** Decoded text of the first ~256 KB (BOM removed), cut after its last complete line when the file is longer. */
  head: string;
  /** Why the file cannot be imported, for the user; absent when it can. */
  problem?: string;
}

export interface CsvLayout {
  delimiter: ',' | ';' | '\t' | '|';
  newline: '\r\n' | '\n' | '\r';
  headers: string[];
}

const ONE_MB = 'longer than 1 MB';
const TOO_LONG_RECORD = `${ONE_MB} (or has a quote that is never closed)`;

/**
 * Counts physical lines (CRLF, LF or CR) and notices the first one longer than `maxUnits`, over a
 * stream of Buffers (units are bytes) or strings (units are UTF-16 code units). Uses indexOf only.
 */
class LineTracker {
  private offset = 0;
  private lastBreak = -1;
  private lastWasCR = false;
  lines = 0;
  firstBreak = -1;
  longLine = 0;

  constructor(private readonly maxUnits: number) {}

  feed(text: Buffer | string): void {
    const isText = typeof text === 'string';
    const LF = isText ? '\n' : 10;
    const CR = isText ? '\r' : 13;
    const at = (i: number) => (isText ? text.charCodeAt(i) : text[i]!);
    let lf = text.indexOf(LF as never);
    let cr = text.indexOf(CR as never);
    while (lf !== -1 || cr !== -1) {
      if (cr !== -1 && (lf === -1 || cr < lf)) {
        this.lineBreak(cr, true);
        cr = text.indexOf(CR as never, cr + 1);
      } else {
        const afterCR = lf > 0 ? at(lf - 1) === 13 : this.lastWasCR;
        this.lineBreak(lf, !afterCR);
        lf = text.indexOf(LF as never, lf + 1);
      }
      if (this.longLine) return;
    }
    if (text.length > 0) this.lastWasCR = at(text.length - 1) === 13;
    this.offset += text.length;
    if (this.offset - this.lastBreak - 1 > this.maxUnits) this.longLine = this.lines + 1;
  }

  private lineBreak(index: number, endsLine: boolean): void {
    const position = this.offset + index;
    if (position - this.lastBreak - 1 > this.maxUnits) this.longLine = this.lines + 1;
    if (endsLine) this.lines++;
    if (this.firstBreak < 0) this.firstBreak = position;
    this.lastBreak = position;
  }
}

/**
 * Scans UTF-8 from `from`: the index of the first invalid (or, with `final`, truncated) sequence or
 * -1, the start of a trailing incomplete sequence (`bytes.length` when none), and how many
 * multi-byte characters came before the first problem. Only runs on the rare chunks that fail isUtf8.
 */
function scanUtf8(bytes: Uint8Array, final: boolean): { invalidAt: number; incompleteFrom: number; multiByte: number } {
  let multiByte = 0;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min = 0x80;
    let max = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) min = 0xa0;
      if (b === 0xed) max = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) min = 0x90;
      if (b === 0xf4) max = 0x8f;
    } else return { invalidAt: i, incompleteFrom: bytes.length, multiByte };
    for (let k = 1; k <= need; k++) {
      if (i + k >= bytes.length) {
        return final ? { invalidAt: i, incompleteFrom: bytes.length, multiByte } : { invalidAt: -1, incompleteFrom: i, multiByte };
      }
      const c = bytes[i + k]!;
      if (c < (k === 1 ? min : 0x80) || c > (k === 1 ? max : 0xbf)) return { invalidAt: i, incompleteFrom: bytes.length, multiByte };
    }
    multiByte++;
    i += need + 1;
  }
  return { invalidAt: -1, incompleteFrom: bytes.length, multiByte };
}

/** Start of the incomplete UTF-8 sequence the bytes end with, or their length when they end on a character. */
function incompleteTail(bytes: Uint8Array): number {
  for (let i = bytes.length - 1; i >= 0 && i >= bytes.length - 3; i--) {
    const b = bytes[i]!;
    if (b < 0x80) return bytes.length;
    if (b >= 0xc0) {
      const length = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      return bytes.length - i < length ? i : bytes.length;
    }
  }
  return bytes.length;
}

// Multi-byte UTF-8 characters seen before the first invalid byte: from this many on, the file is
// UTF-8 with stray bytes (decoding it as Windows-1252 would turn those characters into mojibake).
// Fewer is what a real Windows-1252 file can show by chance ("ß" then "“" is valid UTF-8).
const MIXED_ENCODING_THRESHOLD = 3;

/** Fed the raw upload chunk by chunk (any chunk sizes), in O(1) memory except a kept head. */
export class FileInspector {
  private bytes = 0;
  private start: Buffer[] = [];
  private startLength = 0;
  private bomLength = -1;
  private encoding: TextEncoding = 'utf-8';
  private problem: string | undefined;
  private head: Buffer[] = [];
  private headLength = 0;
  private lines!: LineTracker;
  // UTF-8 validation (no BOM or a UTF-8 BOM): bytes of an incomplete trailing character.
  private validating = true;
  private carry: Buffer = Buffer.alloc(0);
  private multiByte = 0;
  // UTF-16: a fatal streaming decoder (an unpaired surrogate or odd byte count is a problem).
  private utf16: TextDecoder | undefined;
  private utf16Units = 0;
  private nulAt = -1;

  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.bytes += chunk.length;
    if (this.bomLength < 0) {
      // A BOM is at most 3 bytes; wait for them whatever the chunk sizes.
      this.start.push(chunk);
      this.startLength += chunk.length;
      if (this.startLength < 3) return;
      this.readBom(Buffer.concat(this.start));
      this.start = [];
      return;
    }
    this.body(chunk, this.bytes - chunk.length);
  }

  /** What the upload learned; `problem` is a clear user-facing message when the file cannot be imported. */
  finish(): FileFacts {
    if (this.bomLength < 0) this.readBom(Buffer.concat(this.start));
    if (!this.problem) this.end();
    if (!this.problem && this.bytes - this.bomLength === 0) this.problem = 'The file is empty';
    if (this.nulAt >= 0) this.problem = this.notText(this.nulAt);
    const facts: FileFacts = { bytes: this.bytes, encoding: this.encoding, head: this.decodeHead() };
    if (this.problem) facts.problem = this.problem;
    return facts;
  }

  private readBom(start: Buffer): void {
    if (start[0] === 0xef && start[1] === 0xbb && start[2] === 0xbf) this.bomLength = 3;
    else if (start[0] === 0xff && start[1] === 0xfe) [this.bomLength, this.encoding] = [2, 'utf-16le'];
    else if (start[0] === 0xfe && start[1] === 0xff) [this.bomLength, this.encoding] = [2, 'utf-16be'];
    else this.bomLength = 0;
    if (this.encoding === 'utf-8') this.lines = new LineTracker(MAX_LINE_BYTES);
    else {
      this.lines = new LineTracker(MAX_LINE_BYTES / 2);
      this.utf16 = new TextDecoder(this.encoding, { fatal: true, ignoreBOM: true });
    }
    if (start.length > this.bomLength) this.body(start.subarray(this.bomLength), this.bomLength);
  }

  private body(chunk: Buffer, offset: number): void {
    if (!this.problem) {
      if (this.utf16) this.utf16Body(chunk, offset);
      else this.byteBody(chunk, offset);
    }
    this.keepHead(chunk);
  }

  private keepHead(chunk: Buffer): void {
    // Past HEAD_BYTES, keep going only until the first line is complete (sniffLayout needs the header).
    const unit = this.utf16 ? 2 : 1;
    const firstLine = this.lines.firstBreak >= 0 ? (this.lines.firstBreak + 1) * unit : this.problem ? 0 : MAX_LINE_BYTES + 4;
    const limit = Math.max(HEAD_BYTES, firstLine);
    if (this.headLength >= limit) return;
    const part = chunk.subarray(0, limit - this.headLength);
    this.head.push(Buffer.from(part));
    this.headLength += part.length;
  }

  private byteBody(chunk: Buffer, offset: number): void {
    const nul = chunk.indexOf(0);
    if (nul >= 0) {
      // The message is chosen at the end, when the head tells whether this is UTF-16 without a BOM.
      this.nulAt = offset + nul;
      this.problem = 'not text';
      return;
    }
    this.lines.feed(chunk);
    if (this.lines.longLine) {
      this.problem = `Line ${this.lines.longLine} is ${ONE_MB}`;
      return;
    }
    if (this.validating) this.validate(chunk, offset, false);
  }

  private validate(chunk: Buffer, offset: number, final: boolean): void {
    const bytes = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
    const start = offset - this.carry.length;
    const end = final ? bytes.length : incompleteTail(bytes);
    const whole = bytes.subarray(0, end);
    if (isUtf8(whole)) {
      this.carry = Buffer.from(bytes.subarray(end));
      // Counting multi-byte characters only matters until the threshold; ASCII chunks skip it.
      if (this.multiByte < MIXED_ENCODING_THRESHOLD && !isAscii(whole)) this.multiByte += scanUtf8(whole, true).multiByte;
      return;
    }
    const scan = scanUtf8(bytes, true);
    const at = start + scan.invalidAt + 1;
    this.validating = false;
    this.carry = Buffer.alloc(0);
    if (this.bomLength === 3) {
      this.problem = `The file starts with a UTF-8 byte order mark, but byte ${at} is not UTF-8; save it as UTF-8 and upload it again`;
    } else if (this.multiByte + scan.multiByte >= MIXED_ENCODING_THRESHOLD) {
      this.problem = `The file mixes encodings: it contains UTF-8 characters, but byte ${at} is not UTF-8; save it as UTF-8 and upload it again`;
    } else {
      this.encoding = 'windows-1252';
    }
  }

  private utf16Body(chunk: Buffer, offset: number): void {
    let text: string;
    try {
      text = this.utf16!.decode(chunk, { stream: true });
    } catch {
      this.problem = `The file starts with a UTF-16 byte order mark but is not valid UTF-16 (near byte ${offset + 1})`;
      return;
    }
    const nul = text.indexOf('\u0000');
    if (nul >= 0) {
      this.problem = `The file is not text (it contains NUL characters at byte ${this.bomLength + 2 * (this.utf16Units + nul) + 1})`;
      return;
    }
    this.utf16Units += text.length;
    this.lines.feed(text);
    if (this.lines.longLine) this.problem = `Line ${this.lines.longLine} is ${ONE_MB}`;
  }

  private end(): void {
    if (this.utf16) {
      try {
        this.utf16.decode();
      } catch {
        this.problem = 'The file starts with a UTF-16 byte order mark but is not valid UTF-16 (it ends in the middle of a character)';
      }
    } else if (this.validating && this.carry.length > 0) {
      this.validate(Buffer.alloc(0), this.bytes, true);
    }
  }

  private notText(offset: number): string {
    // UTF-16 without a BOM: every other byte of its ASCII text is NUL.
    const start = Buffer.concat(this.head).subarray(0, 512);
    let even = 0;
    let odd = 0;
    for (let i = 0; i < start.length; i++) if (start[i] === 0) i % 2 === 0 ? even++ : odd++;
    const half = start.length / 2;
    if (start.length >= 4 && Math.max(even, odd) > half * 0.4 && Math.min(even, odd) < half * 0.05) {
      return 'The file looks like UTF-16 text without a byte order mark; save it as UTF-8 and upload it again';
    }
    return `The file is not text (it contains NUL bytes at byte ${offset + 1})`;
  }

  private decodeHead(): string {
    // The BOM is already cut off; do not let the decoder take a U+FEFF of the content for one.
    const text = new TextDecoder(this.encoding, { ignoreBOM: true }).decode(Buffer.concat(this.head), { stream: true });
    if (this.headLength >= this.bytes - Math.max(this.bomLength, 0)) return text;
    // A longer file: drop the line the cut went through.
    const lastBreak = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r'));
    return lastBreak >= 0 ? text.slice(0, lastBreak + 1) : text;
  }
}

const DELIMITERS = [',', ';', '\t', '|'] as const;
const SNIFF_RECORDS = 20;

/** Newlines outside quotes: only CRLF → CRLF, only CR → CR, else LF (parseRows then drops a CR before it). */
function sniffNewline(head: string): CsvLayout['newline'] {
  // Quoted fields may hold any line end; one the head cuts open runs to the end of the head.
  const unquoted = head.slice(0, MAX_LINE_BYTES).replace(/"[^"]*(?:"|$)/g, '');
  const crlf = unquoted.split('\r\n').length - 1;
  const cr = unquoted.split('\r').length - 1 - crlf;
  const lf = unquoted.split('\n').length - 1 - crlf;
  if (crlf > 0 && cr === 0 && lf === 0) return '\r\n';
  if (cr > 0 && crlf === 0 && lf === 0) return '\r';
  return '\n';
}

function isBlank(cells: string[]): boolean {
  for (const cell of cells) if (cell.trim() !== '') return false;
  return true;
}

function sample(head: string, delimiter: string, newline: CsvLayout['newline']): { rows: string[][]; unclosedHeader: boolean } {
  const result = Papa.parse<string[]>(head, { delimiter, newline, header: false, preview: SNIFF_RECORDS, skipEmptyLines: 'greedy' });
  const rows = result.data.filter((row) => !isBlank(row));
  if (newline === '\n') for (const row of rows) dropTrailingCR(row);
  // An unclosed quote in the header swallows everything after it into one record.
  return { rows, unclosedHeader: rows.length === 1 && result.errors.some((e) => e.code === 'MissingQuotes') };
}

function quoteList(names: string[]): string {
  return names.map((name) => `"${name}"`).join(', ');
}

/**
 * Detects delimiter (among , ; tab | — field counts over the first records, consistent counts win;
 * single column → ','), newline and the header row (the first non-blank record, cells trimmed).
 * Throws CsvError for no header, blank, duplicate (case-insensitive) or too many headers.
 */
export function sniffLayout(head: string): CsvLayout {
  const text = head.charCodeAt(0) === 0xfeff ? head.slice(1) : head;
  if (text.trim() === '') throw new CsvError('The file has no header row: it contains only blank lines');
  const newline = sniffNewline(text);
  let best: { delimiter: CsvLayout['delimiter']; rows: string[][]; score: number; columns: number; unclosedHeader: boolean } | null = null;
  for (const delimiter of DELIMITERS) {
    const { rows, unclosedHeader } = sample(text, delimiter, newline);
    const columns = rows[0]?.length ?? 0;
    const score = rows.filter((row) => row.length === columns).length;
    const candidate = { delimiter, rows, score, columns, unclosedHeader };
    if (!best) best = candidate;
    else if (columns > 1 && (best.columns <= 1 || score > best.score || (score === best.score && columns > best.columns))) best = candidate;
  }
  const chosen = best!;
  if (chosen.unclosedHeader) throw new CsvError('The header row has a quote that is never closed');
  const headers = (chosen.rows[0] ?? []).map((cell) => cell.trim());
  if (headers.length === 0) throw new CsvError('The file has no header row');
  if (headers.length > MAX_COLUMNS) throw new CsvError(`The file has ${headers.length} columns; at most ${MAX_COLUMNS} are supported`);
  const blank = headers.flatMap((name, i) => (name === '' ? [i + 1] : []));
  if (blank.length > 0) {
    throw new CsvError(`The header row has no name for column${blank.length > 1 ? 's' : ''} ${blank.join(', ')}; every column needs a name`);
  }
  const seen = new Map<string, string[]>();
  for (const name of headers) {
    const key = name.toLowerCase();
    seen.set(key, [...(seen.get(key) ?? []), name]);
  }
  const duplicates = [...seen.values()].filter((names) => names.length > 1);
  if (duplicates.length > 0) {
    throw new CsvError(`The header row names a column more than once: ${duplicates.map(quoteList).join('; ')}; rename them so each is unique`);
  }
  return { delimiter: chosen.delimiter, newline, headers };
}

function dropTrailingCR(row: string[]): void {
  const last = row.length - 1;
  const cell = row[last]!;
  if (cell.charCodeAt(cell.length - 1) === 13) row[last] = cell.slice(0, -1);
}

/** How much decoded text is parsed at once: bounds the rows waiting for the consumer. */
const PIECE_CHARS = 64 * 1024;
/** A batch is handed over early when its rows hold this much text (rows of thousands of columns). */
const MAX_BATCH_CHARS = 8 * 1024 * 1024;

export interface CsvRow {
  rowNumber: number;
  cells: string[];
}

interface StepResult {
  data: string[][];
  errors: { code: string }[];
  meta: { cursor: number };
}

/** Feeds papaparse's parser text piece by piece, carrying the unfinished record, and collects batches. */
class RowCollector {
  private readonly parser: Papa.Parser;
  private readonly stripCR: boolean;
  private readonly breakChar: string;
  private carry = '';
  private fresh: string[] = [];
  private freshLength = 0;
  private input = '';
  private recordStart = 0;
  private linesBefore = 0;
  private headerSeen = false;
  private rowNumber = 0;
  private pending: CsvRow[] = [];
  private pendingChars = 0;
  readonly ready: CsvRow[][] = [];

  constructor(
    layout: CsvLayout,
    private readonly batchSize: number,
  ) {
    this.stripCR = layout.newline === '\n';
    this.breakChar = layout.newline === '\r' ? '\r' : '\n';
    this.parser = new Papa.Parser({
      delimiter: layout.delimiter,
      newline: layout.newline,
      quoteChar: '"',
      header: false,
      step: (result: unknown) => this.record(result as StepResult),
    });
  }

  push(text: string): void {
    if (text.length === 0) return;
    this.fresh.push(text);
    this.freshLength += text.length;
    // A long unfinished record is re-parsed only once as much new text has come (linear overall).
    if (this.freshLength >= Math.max(PIECE_CHARS, this.carry.length)) this.parse(false);
  }

  end(): void {
    this.parse(true);
    if (this.pending.length > 0) this.ready.push(this.pending);
    this.pending = [];
  }

  private parse(final: boolean): void {
    const input = this.carry + this.fresh.join('');
    this.fresh = [];
    this.freshLength = 0;
    this.input = input;
    this.recordStart = 0;
    const result = this.parser.parse(input, 0, !final) as StepResult;
    const consumed = final ? input.length : result.meta.cursor;
    this.linesBefore += this.countBreaks(consumed);
    this.carry = input.slice(consumed);
    this.input = '';
    if (this.carry.length > MAX_LINE_BYTES) {
      this.recordStart = 0;
      this.input = this.carry;
      throw new CsvError(`${this.where()} is ${TOO_LONG_RECORD}`);
    }
  }

  private record(result: StepResult): void {
    const cells = result.data[0]!;
    const end = result.meta.cursor;
    if (end - this.recordStart > MAX_LINE_BYTES) throw new CsvError(`${this.where()} is ${TOO_LONG_RECORD}`);
    if (result.errors.length > 0 && result.errors.some((e) => e.code === 'MissingQuotes')) {
      throw new CsvError(`${this.where()} has a quote that is never closed`);
    }
    const length = end - this.recordStart;
    this.recordStart = end;
    if (this.stripCR) dropTrailingCR(cells);
    if (isBlank(cells)) return;
    if (!this.headerSeen) {
      this.headerSeen = true;
      return;
    }
    this.pending.push({ rowNumber: ++this.rowNumber, cells });
    this.pendingChars += length;
    if (this.pending.length >= this.batchSize || this.pendingChars >= MAX_BATCH_CHARS) {
      this.ready.push(this.pending);
      this.pending = [];
      this.pendingChars = 0;
    }
  }

  /** Names the record starting at recordStart: "Row N (line L)", or the header row. */
  private where(): string {
    const line = this.linesBefore + this.countBreaks(this.recordStart) + 1;
    return this.headerSeen ? `Row ${this.rowNumber + 1} (line ${line})` : `The header row (line ${line})`;
  }

  private countBreaks(end: number): number {
    let count = 0;
    for (let i = this.input.indexOf(this.breakChar); i !== -1 && i < end; i = this.input.indexOf(this.breakChar, i + 1)) count++;
    return count;
  }
}

/**
 * Decodes `chunks` with one streaming TextDecoder (characters split across chunks stay intact; BOM
 * stripped), parses them with papaparse's parser in step mode and yields batches of data rows (the
 * header row and blank or whitespace-only records skipped). rowNumber is 1-based over data rows.
 * Back-pressure: `chunks` is pulled only as batches are asked for; at most one chunk's rows wait.
 * A batch holds at most `batchSize` rows (fewer when its rows are very long, and at the end).
 * Throws CsvError for a record longer than MAX_LINE_BYTES or a quote never closed at the end.
 */
export async function* parseRows(
  chunks: AsyncIterable<Buffer>,
  layout: CsvLayout,
  encoding: TextEncoding,
  batchSize: number,
): AsyncGenerator<CsvRow[]> {
  if (!(batchSize >= 1)) throw new RangeError('batchSize must be at least 1');
  const decoder = new TextDecoder(encoding);
  const rows = new RowCollector(layout, batchSize);
  for await (const chunk of chunks) {
    const text = decoder.decode(chunk, { stream: true });
    for (let i = 0; i < text.length; i += PIECE_CHARS) {
      rows.push(text.length <= PIECE_CHARS ? text : text.slice(i, i + PIECE_CHARS));
      while (rows.ready.length > 0) yield rows.ready.shift()!;
    }
  }
  rows.push(decoder.decode());
  rows.end();
  while (rows.ready.length > 0) yield rows.ready.shift()!;
}
