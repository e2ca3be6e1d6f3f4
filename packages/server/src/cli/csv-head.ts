import { open } from 'node:fs/promises';
import { CsvError, FileInspector, HEAD_BYTES, parseRows, sniffLayout } from '@roster/schema/imports/csv';
import { usageError } from './client';

// The header and first rows of a CSV, read from its start only (the file can be 200 MB), with the
// server's own CSV layer: the same encoding detection, delimiter sniffing and quoting rules.

export interface CsvHead {
  headers: string[];
  sampleRows: string[][];
}

const SAMPLE_ROWS = 20;

/** The start of a longer file, cut after its last complete line (never inside a character). */
function cutAtLine(start: Buffer): Buffer {
  const lastLf = start.lastIndexOf(0x0a);
  if (lastLf < 0) return start;
  // In UTF-16 LE a line feed is 0A 00: keep its second byte.
  const utf16le = start[0] === 0xff && start[1] === 0xfe;
  return start.subarray(0, lastLf + (utf16le ? 2 : 1));
}

/** The head of a CSV file, reading at most its first HEAD_BYTES. */
export async function readCsvHead(path: string, size: number): Promise<CsvHead> {
  const file = await open(path, 'r');
  let start: Buffer;
  try {
    const buffer = Buffer.alloc(Math.min(size, HEAD_BYTES));
    const { bytesRead } = await file.read(buffer, 0, buffer.length, 0);
    start = buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
  return headOf(start.length >= size ? start : cutAtLine(start), start.length >= size, path);
}

/** The head of a CSV held in memory (the MCP server's CSV text). */
export function csvTextHead(data: Buffer, name: string): Promise<CsvHead> {
  const whole = data.length <= HEAD_BYTES;
  return headOf(whole ? data : cutAtLine(data.subarray(0, HEAD_BYTES)), whole, name);
}

async function headOf(start: Buffer, whole: boolean, name: string): Promise<CsvHead> {
  const inspector = new FileInspector();
  inspector.push(start);
  const facts = inspector.finish();
  const refuse = (problem: string) => usageError(`${name} cannot be imported: ${problem.replace(/\.$/, '')}.`);
  if (facts.problem) throw refuse(facts.problem);
  let layout: ReturnType<typeof sniffLayout>;
  try {
    layout = sniffLayout(facts.head);
  } catch (error) {
    throw error instanceof CsvError ? refuse(error.message) : error;
  }
  const sampleRows: string[][] = [];
  const text = (async function* () {
    yield Buffer.from(facts.head);
  })();
  try {
    for await (const batch of parseRows(text, layout, 'utf-8', SAMPLE_ROWS)) {
      sampleRows.push(...batch.map((row) => row.cells));
      break;
    }
  } catch (error) {
    // Past the start we read, a quoted cell may go on: only a whole file's error is the file's.
    if (!(error instanceof CsvError)) throw error;
    if (whole) throw refuse(error.message);
  }
  return { headers: layout.headers, sampleRows };
}
