import Papa from 'papaparse';
import { formatBytes, formatNumber } from '../ui/format';

// What the browser can tell about a CSV before uploading it: whether to refuse it outright (size,
// type, encoding) and its header and first rows, read from a slice of its start, never the whole
// file. The server's own checks (packages/schema/src/imports/csv.ts) are mirrored where cheap.

/** The server's default upload limit (ROSTER_MAX_IMPORT_BYTES). */
export const MAX_IMPORT_BYTES = 200 * 1024 * 1024;
/** How much of the file's start is read for the preview. */
export const HEAD_BYTES = 64 * 1024;
export const MAX_COLUMNS = 1000;

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';
export type Delimiter = ',' | ';' | '\t' | '|';

export interface FileLike {
  name: string;
  size: number;
  type: string;
}

const SPREADSHEETS = /\.(xlsx|xlsm|xls|ods|numbers)$/i;
const TEXT_EXTENSIONS = /\.(csv|tsv|txt)$/i;
const TEXT_TYPES = new Set(['', 'text/csv', 'text/plain', 'text/tab-separated-values', 'application/csv', 'text/x-csv', 'application/vnd.ms-excel']);

/**
 * Why the file is refused before reading a byte of it, or null: empty, over `maxBytes`, a
 * spreadsheet workbook, or a type that is not text. (`application/vnd.ms-excel` is what Windows
 * calls .csv files, so it passes when the name ends in .csv.)
 */
export function fileProblem(file: FileLike, maxBytes = MAX_IMPORT_BYTES): string | null {
  if (SPREADSHEETS.test(file.name)) {
    return `"${file.name}" is a spreadsheet workbook, not a CSV file. Open it and save it as "CSV UTF-8 (comma-delimited)", then choose that file.`;
  }
  const textType = TEXT_TYPES.has(file.type.toLowerCase()) || file.type.startsWith('text/');
  if (!TEXT_EXTENSIONS.test(file.name) && !textType) {
    return `"${file.name}" does not look like a CSV file (${file.type || 'unknown type'}). Choose a .csv file.`;
  }
  if (file.size === 0) return `"${file.name}" is empty.`;
  if (file.size > maxBytes) {
    // Just over the limit, rounded sizes read the same: then say it in bytes.
    const exact = formatBytes(file.size) === formatBytes(maxBytes);
    const size = exact ? `${formatNumber(file.size)} bytes` : formatBytes(file.size);
    const limit = exact ? `${formatNumber(maxBytes)} bytes (${formatBytes(maxBytes)})` : formatBytes(maxBytes);
    return `"${file.name}" is ${size}; the largest file Roster imports is ${limit}. Split it into smaller files and import them one after the other.`;
  }
  return null;
}

/** Why the first bytes show a file that is not text (a zip-based workbook, a PDF…), or null. */
export function magicProblem(bytes: Uint8Array): string | null {
  const starts = (...magic: number[]) => magic.every((b, i) => bytes[i] === b);
  if (starts(0x50, 0x4b, 0x03, 0x04)) return 'This file is a zip archive or an Excel workbook, not CSV text. Save it as "CSV UTF-8" and choose that file.';
  if (starts(0xd0, 0xcf, 0x11, 0xe0)) return 'This file is an old Excel workbook (.xls), not CSV text. Save it as "CSV UTF-8" and choose that file.';
  if (starts(0x25, 0x50, 0x44, 0x46)) return 'This file is a PDF, not CSV text.';
  if (starts(0x1f, 0x8b)) return 'This file is gzip-compressed; unzip it first.';
  return null;
}

export interface Sniffed {
  encoding: TextEncoding;
  /** The file starts with a byte order mark (removed from the text). */
  bom: boolean;
  delimiter: Delimiter;
  headers: string[];
  /** Data rows of the slice (blank lines dropped), each as many cells as it has. */
  rows: string[][];
  /** True when the slice was the whole file: `rows` are all of them. */
  complete: boolean;
  /** Data rows in the whole file: exact when complete, else estimated from the average row size. */
  rowEstimate: number;
  /** Things worth saying that do not stop the import. */
  notes: string[];
  /** Why the file cannot be imported; the rest of the fields are then best effort. */
  problem?: string;
}

function readBom(bytes: Uint8Array): { encoding: TextEncoding; length: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

/** Start of the incomplete UTF-8 sequence the bytes end with, or their length. */
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

/** UTF-16 text without a BOM shows NUL in every other byte of its ASCII characters. */
function looksLikeBomlessUtf16(bytes: Uint8Array): boolean {
  const start = bytes.subarray(0, 512);
  let even = 0;
  let odd = 0;
  for (let i = 0; i < start.length; i++) if (start[i] === 0) i % 2 === 0 ? even++ : odd++;
  const half = start.length / 2;
  return start.length >= 4 && Math.max(even, odd) > half * 0.4 && Math.min(even, odd) < half * 0.05;
}

/** Multi-byte UTF-8 characters before the first invalid byte: 3 or more means mixed encodings. */
function validMultiByte(bytes: Uint8Array): number {
  let count = 0;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b < 0x80) continue;
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc2 ? 2 : 0;
    if (need === 0) return count;
    try {
      decoder.decode(bytes.subarray(i, i + need));
    } catch {
      return count;
    }
    count++;
    i += need - 1;
  }
  return count;
}

interface Decoded {
  text: string;
  encoding: TextEncoding;
  bom: boolean;
  problem?: string;
}

function decode(bytes: Uint8Array, complete: boolean): Decoded {
  const bom = readBom(bytes);
  const body = bytes.subarray(bom?.length ?? 0);
  if (bom && bom.encoding !== 'utf-8') {
    const usable = complete ? body : body.subarray(0, body.length - (body.length % 2));
    return { text: new TextDecoder(bom.encoding, { ignoreBOM: true }).decode(usable), encoding: bom.encoding, bom: true };
  }
  const nul = body.indexOf(0);
  if (nul >= 0) {
    const problem = looksLikeBomlessUtf16(body)
      ? 'The file looks like UTF-16 text without a byte order mark, which Roster cannot read. Save it as "CSV UTF-8" and choose it again.'
      : `The file is not text (it contains NUL bytes at byte ${nul + 1 + (bom?.length ?? 0)}).`;
    return { text: '', encoding: 'utf-8', bom: bom !== null, problem };
  }
  const usable = complete ? body : body.subarray(0, incompleteTail(body));
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(usable), encoding: 'utf-8', bom: bom !== null };
  } catch {
    if (bom) {
      return { text: '', encoding: 'utf-8', bom: true, problem: 'The file starts with a UTF-8 byte order mark but is not UTF-8. Save it as "CSV UTF-8" and choose it again.' };
    }
    if (validMultiByte(usable) >= 3) {
      return { text: '', encoding: 'utf-8', bom: false, problem: 'The file mixes encodings: it has UTF-8 characters and bytes that are not UTF-8. Save it as "CSV UTF-8" and choose it again.' };
    }
    return { text: new TextDecoder('windows-1252').decode(usable), encoding: 'windows-1252', bom: false };
  }
}

const DELIMITERS: Delimiter[] = [',', ';', '\t', '|'];
type Newline = '\r\n' | '\n' | '\r';

function sniffNewline(text: string): Newline {
  const unquoted = text.replace(/"[^"]*"/g, '');
  const crlf = unquoted.split('\r\n').length - 1;
  const cr = unquoted.split('\r').length - 1 - crlf;
  const lf = unquoted.split('\n').length - 1 - crlf;
  if (crlf > 0 && cr === 0 && lf === 0) return '\r\n';
  if (cr > 0 && crlf === 0 && lf === 0) return '\r';
  return '\n';
}

const isBlank = (cells: string[]) => cells.every((cell) => cell.trim() === '');

function parse(text: string, delimiter: Delimiter, newline: Newline, preview = 0): { rows: string[][]; unclosed: boolean } {
  const result = Papa.parse<string[]>(text, { delimiter, newline, header: false, preview, skipEmptyLines: 'greedy' });
  const rows = result.data.filter((row) => !isBlank(row));
  if (newline === '\n') {
    for (const row of rows) {
      const last = row.length - 1;
      if (row[last]?.endsWith('\r')) row[last] = row[last]!.slice(0, -1);
    }
  }
  return { rows, unclosed: result.errors.some((e) => e.code === 'MissingQuotes') };
}

/** The server's delimiter choice: consistent field counts over the first 20 records win. */
function sniffDelimiter(text: string, newline: Newline): Delimiter {
  let best: { delimiter: Delimiter; score: number; columns: number } | null = null;
  for (const delimiter of DELIMITERS) {
    const { rows } = parse(text, delimiter, newline, 20);
    const columns = rows[0]?.length ?? 0;
    const score = rows.filter((row) => row.length === columns).length;
    if (!best) best = { delimiter, score, columns };
    else if (columns > 1 && (best.columns <= 1 || score > best.score || (score === best.score && columns > best.columns))) best = { delimiter, score, columns };
  }
  return best!.delimiter;
}

function headerProblem(headers: string[]): string | null {
  if (headers.length === 0) return 'The file has no header row.';
  if (headers.length > MAX_COLUMNS) return `The file has ${formatNumber(headers.length)} columns; at most ${formatNumber(MAX_COLUMNS)} are supported.`;
  const blank = headers.flatMap((name, i) => (name === '' ? [i + 1] : []));
  if (blank.length > 0) return `The header row has no name for column${blank.length > 1 ? 's' : ''} ${blank.join(', ')}; every column needs a name.`;
  const seen = new Map<string, string[]>();
  for (const name of headers) seen.set(name.toLowerCase(), [...(seen.get(name.toLowerCase()) ?? []), name]);
  const duplicates = [...seen.values()].filter((names) => names.length > 1);
  if (duplicates.length > 0) {
    return `The header row names a column more than once: ${duplicates.map((names) => names.map((n) => `"${n}"`).join(', ')).join('; ')}. Rename them so each is unique.`;
  }
  return null;
}

const ENCODING_NOTES: Record<TextEncoding, string | null> = {
  'utf-8': null,
  'utf-16le': 'The file is UTF-16 (little-endian); Roster reads it as such.',
  'utf-16be': 'The file is UTF-16 (big-endian); Roster reads it as such.',
  'windows-1252': 'The file is not UTF-8; Roster reads it as Windows-1252 (Western European). If accented letters look wrong below, save it as "CSV UTF-8" and choose it again.',
};

const BYTES_PER_UNIT: Record<TextEncoding, (text: string) => number> = {
  'utf-8': (text) => new TextEncoder().encode(text).length,
  'utf-16le': (text) => text.length * 2,
  'utf-16be': (text) => text.length * 2,
  'windows-1252': (text) => text.length,
};

/**
 * Lines in a slice from the end of the file (its first, partial line dropped) and their bytes.
 * Physical lines, not records: a value spanning lines counts more than once, fine for an estimate.
 */
function tailLines(bytes: Uint8Array, encoding: TextEncoding, newline: Newline): { lines: number; bytes: number } {
  const unit = encoding === 'utf-16le' || encoding === 'utf-16be' ? 2 : 1;
  const code = newline === '\r' ? 0x0d : 0x0a;
  const at = (i: number) => (encoding === 'utf-16be' ? bytes[i + 1] === code && bytes[i] === 0 : bytes[i] === code && (unit === 1 || bytes[i + 1] === 0));
  let first = -1;
  let lines = 0;
  let last = -1;
  for (let i = 0; i + unit <= bytes.length; i += unit) {
    if (!at(i)) continue;
    if (first < 0) first = i;
    else lines++;
    last = i;
  }
  return first < 0 ? { lines: 0, bytes: 0 } : { lines, bytes: last - first };
}

/**
 * Reads the start of a file: `bytes` is its first bytes (all of them when `fileSize` is their
 * length). Detects the encoding (BOM, UTF-8, else Windows-1252, as the server does), newline,
 * delimiter and header, parses the rows of the slice and estimates the file's row count from the
 * average row size of the slice and, when given, of a `tail` slice from the file's end (rows
 * often grow longer down a file, ids gaining digits).
 */
export function sniffHead(bytes: Uint8Array, fileSize: number, tail?: { bytes: Uint8Array }): Sniffed {
  const complete = bytes.length >= fileSize;
  const empty: Sniffed = { encoding: 'utf-8', bom: false, delimiter: ',', headers: [], rows: [], complete, rowEstimate: 0, notes: [] };
  const magic = magicProblem(bytes);
  if (magic) return { ...empty, problem: magic };
  const decoded = decode(bytes, complete);
  const bom = decoded.bom;
  if (decoded.problem) return { ...empty, encoding: decoded.encoding, bom: decoded.bom, problem: decoded.problem };
  let text = decoded.text;
  if (!complete) {
    // Drop the line the slice cut through.
    const lastBreak = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r'));
    if (lastBreak < 0) {
      return { ...empty, encoding: decoded.encoding, bom: decoded.bom, problem: `The first line is longer than ${formatBytes(HEAD_BYTES)}; is this really a CSV file?` };
    }
    text = text.slice(0, lastBreak + 1);
  }
  const notes: string[] = [];
  const encodingNote = ENCODING_NOTES[decoded.encoding];
  if (encodingNote) notes.push(encodingNote);
  const base = { ...empty, encoding: decoded.encoding, bom: decoded.bom, notes };
  if (text.trim() === '') return { ...base, problem: 'The file has no header row: it contains only blank lines.' };

  const newline = sniffNewline(text);
  const delimiter = sniffDelimiter(text, newline);
  const { rows: parsed, unclosed } = parse(text, delimiter, newline);
  if (unclosed && parsed.length <= 1) return { ...base, delimiter, problem: 'The header row has a quote that is never closed.' };
  const headers = (parsed[0] ?? []).map((cell) => cell.trim());
  const problem = headerProblem(headers);
  if (problem) return { ...base, delimiter, headers, problem };
  // A quoted value running past the slice leaves a partial last record: not a real row.
  const rows = unclosed && !complete ? parsed.slice(1, -1) : parsed.slice(1);
  if (unclosed && complete) notes.push('A quote is never closed near the end of the file; the rows after it will fail.');
  if (headers.length === 1) notes.push('Only one column was found. If the file uses another separator, check its first line below.');

  let rowEstimate = rows.length;
  if (!complete && rows.length > 0) {
    const measure = BYTES_PER_UNIT[decoded.encoding];
    const headerEnd = text.search(/\r\n|\n|\r/);
    const headerBytes = (bom ? (readBom(bytes)?.length ?? 0) : 0) + measure(text.slice(0, headerEnd + 1));
    let rowBytes = (measure(text) - measure(text.slice(0, headerEnd + 1))) / rows.length;
    const end = tail ? tailLines(tail.bytes, decoded.encoding, newline) : null;
    // Weighted towards the end: in files numbered down the rows, most rows look like the last ones.
    if (end && end.lines > 0) rowBytes = (rowBytes + 3 * (end.bytes / end.lines)) / 4;
    rowEstimate = Math.max(rows.length, Math.round((fileSize - headerBytes) / rowBytes));
  }
  return { ...base, delimiter, headers, rows, rowEstimate };
}

/** Sniffs a File from its first and last HEAD_BYTES, read with file.slice (never the whole file). */
export async function readHead(file: Blob, bytes = HEAD_BYTES): Promise<Sniffed> {
  const head = new Uint8Array(await file.slice(0, bytes).arrayBuffer());
  if (file.size <= bytes) return sniffHead(head, file.size);
  // An even start keeps UTF-16 code units aligned (its BOM is 2 bytes).
  const start = Math.max(bytes, file.size - bytes) & ~1;
  const tail = new Uint8Array(await file.slice(start, file.size).arrayBuffer());
  return sniffHead(head, file.size, { bytes: tail });
}

export const DELIMITER_NAMES: Record<Delimiter, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' };
