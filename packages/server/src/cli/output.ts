// What the CLI prints: results on stdout (a table for people, JSON with --json for scripts);
// progress, prompts and errors on stderr, so `roster ... --json > file` stays clean.

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function print(line = ''): void {
  process.stdout.write(`${line}\n`);
}

/** A note for the person at the terminal (stderr: not part of the result). */
export function note(line: string): void {
  process.stderr.write(`${line}\n`);
}

const MAX_CELL = 48;

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  const line = text.replace(/\s+/g, ' ');
  return line.length > MAX_CELL ? `${line.slice(0, MAX_CELL - 1)}…` : line;
}

/** Rows as aligned columns under upper-case headers; `empty` when there are no rows. */
export function printTable<Row>(rows: Row[], columns: [header: string, value: (row: Row) => unknown][], empty: string): void {
  if (rows.length === 0) {
    print(empty);
    return;
  }
  const cells = rows.map((row) => columns.map(([, value]) => cell(value(row))));
  const headers = columns.map(([header]) => header.toUpperCase());
  const widths = headers.map((header, i) => Math.max(header.length, ...cells.map((line) => line[i]!.length)));
  const format = (line: string[]) =>
    line
      .map((text, i) => text.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  print(format(headers));
  for (const line of cells) print(format(line));
}

/** Label and value lines, aligned: the readable form of one record. */
export function printFields(fields: [label: string, value: unknown][]): void {
  const width = Math.max(...fields.map(([label]) => label.length));
  for (const [label, value] of fields) {
    if (value === undefined) continue;
    print(`${`${label}:`.padEnd(width + 2)}${value === null || value === '' ? '-' : typeof value === 'object' ? JSON.stringify(value) : String(value)}`);
  }
}

export function count(n: number): string {
  return n.toLocaleString('en-US');
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${count(n)} ${n === 1 ? one : many}`;
}

export function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = n / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

export function duration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${String(seconds % 60).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, '0')}m`;
}

/** A timestamp as people read it: 2026-05-15 18:32 UTC. */
export function when(iso: string | null): string {
  return iso ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : '';
}
