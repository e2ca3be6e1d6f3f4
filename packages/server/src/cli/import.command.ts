import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { type Command, Option, type OptionValues } from 'commander';
import { type RosterClient, RosterError, type UploadSource, usageError, validationError } from './client';
import { clientFor } from './connection';
import { readCsvHead } from './csv-head';
import { download } from './download';
import { collect, text, topicSubscription, wholeNumber } from './args';
import {
  type ImportDetails,
  type ImportStatus,
  type ImportView,
  TERMINAL,
  cancelImport,
  getImport,
  importProgress,
  listImports,
  startImport,
  suggestMapping,
} from './imports.api';
import { type MapEntry, checkColumns, columnMapFromFlags, columnMapFromSuggestions, describeTarget, mapFlags, parseMapEntry } from './mapping';
import type { ContactImportColumnMapInput, ContactImportStatus } from './operations.generated';
import { bytes, count, duration, note, plural, print, printFields, printJson, printTable, when } from './output';
import { ImportProgressView, UploadProgress } from './progress';
import { listProperties } from './properties.api';

// `roster import FILE`: map the columns (given, or suggested and confirmed), upload with a byte
// progress bar, follow the import live, and sum it up. Exit code 0 only when it completed.

/** The exit code of a command stopped by Ctrl-C, as shells report it. */
const INTERRUPTED = 130;

interface ImportOptions {
  map?: MapEntry[];
  onConflict: 'upsert' | 'skip';
  segment?: string[];
  topic?: { id: string; subscription: 'OPT_IN' | 'OPT_OUT' }[];
  yes?: boolean;
  wait: boolean;
  json?: boolean;
}

async function fileSource(file: string): Promise<UploadSource & { path: string }> {
  const path = resolve(file);
  const stats = await stat(path).catch(() => null);
  if (!stats) throw usageError(`No file at ${file}.`);
  if (!stats.isFile()) throw usageError(`${file} is not a file.`);
  return { path, name: basename(path), size: stats.size, chunks: () => createReadStream(path, { highWaterMark: 256 * 1024 }) };
}

/** The column map: from --map (checked against the header), or the server's suggestion, confirmed. */
async function chooseMapping(client: RosterClient, file: { path: string; size: number }, options: ImportOptions): Promise<ContactImportColumnMapInput> {
  const head = await readCsvHead(file.path, file.size);
  if (options.map?.length) {
    // Also checks the key and the server before the upload.
    const existing = new Map((await listProperties(client)).map((p) => [p.key, p.type]));
    const { map, issues } = columnMapFromFlags(options.map, existing);
    issues.push(...checkColumns(map, head.headers));
    if (issues.length > 0) throw validationError(issues, 'The column map does not fit the file:');
    return map;
  }
  const suggestions = await suggestMapping(client, head.headers, head.sampleRows);
  const map = columnMapFromSuggestions(suggestions);
  note(`Suggested mapping for ${basename(file.path)} (${plural(head.headers.length, 'column')}):\n`);
  const table: string[][] = suggestions.map((s) => [s.header, describeTarget(s), s.samples.slice(0, 3).join(', ')]);
  const widths = [0, 1].map((i) => Math.max(...table.map((row) => row[i]!.length), i === 0 ? 6 : 11));
  note(`  ${'COLUMN'.padEnd(widths[0]!)}  ${'IMPORTED AS'.padEnd(widths[1]!)}  SAMPLES`);
  for (const [column, target, samples] of table) note(`  ${column!.padEnd(widths[0]!)}  ${target!.padEnd(widths[1]!)}  ${samples!.slice(0, 60)}`);
  if (!map) {
    throw usageError(`No column looks like the email column. Name it with --map email=COLUMN; the columns are: ${head.headers.map((h) => `"${h}"`).join(', ')}.`);
  }
  note(`\nTo change it, pass --map flags instead, e.g.:\n  ${mapFlags(map)}\n`);
  if (options.yes) return map;
  if (!process.stdin.isTTY) {
    throw usageError('Not importing without a confirmed mapping: pass --yes to accept the suggestion above, or --map to give your own (stdin is not a terminal, so I cannot ask).');
  }
  const { confirm, isCancel } = await import('@clack/prompts');
  const answer = await confirm({ message: 'Import with this mapping?', output: process.stderr });
  if (isCancel(answer) || !answer) throw new RosterError('Nothing was imported. Pass --map flags (see above) to choose the mapping yourself.', 'usage');
  return map;
}

async function upload(client: RosterClient, source: UploadSource & { path: string }, map: ContactImportColumnMapInput, options: ImportOptions): Promise<ImportView> {
  const controller = new AbortController();
  const interrupt = () => controller.abort();
  process.once('SIGINT', interrupt);
  const progress = new UploadProgress(source.path, source.size);
  try {
    const started = await startImport(
      client,
      source,
      {
        columnMap: map,
        onConflict: options.onConflict === 'skip' ? 'SKIP' : 'UPSERT',
        segments: options.segment,
        topics: options.topic,
      },
      { onProgress: (sent) => progress.update(sent), signal: controller.signal },
    );
    progress.stop();
    return started;
  } catch (error) {
    progress.fail();
    if (controller.signal.aborted) {
      note('Upload stopped; nothing was imported.');
      process.exit(INTERRUPTED);
    }
    throw error;
  } finally {
    process.off('SIGINT', interrupt);
  }
}

type Ending = { state: ImportView; detached: false } | { state: ImportView | null; detached: true };

/**
 * Follows importProgress until the import ends. Ctrl-C asks whether to cancel the import or leave
 * it running in the background (without a terminal to ask, it is left running).
 */
async function follow(client: RosterClient, id: string): Promise<Ending> {
  const view = new ImportProgressView();
  const controller = new AbortController();
  let asking = false;
  let detached = false;
  let last: ImportView | null = null;

  const onInterrupt = async () => {
    if (asking) return;
    asking = true;
    view.pause();
    let choice: 'cancel' | 'leave' | 'watch' = 'leave';
    if (process.stdin.isTTY) {
      const { select, isCancel } = await import('@clack/prompts');
      const answer = await select<'cancel' | 'leave' | 'watch'>({
        message: `Import ${id} is still running. What now?`,
        options: [
          { value: 'leave', label: 'Leave it running in the background', hint: `roster import status ${id}` },
          { value: 'cancel', label: 'Cancel the import', hint: 'rows imported so far stay' },
          { value: 'watch', label: 'Keep watching' },
        ],
        output: process.stderr,
      });
      choice = isCancel(answer) ? 'leave' : answer;
    }
    if (choice === 'leave') {
      detached = true;
      controller.abort();
      return;
    }
    if (choice === 'cancel') {
      try {
        await cancelImport(client, id);
        note('Cancelling: the import stops at its next batch…');
      } catch (error) {
        // It may have ended meanwhile; the stream says how.
        note(error instanceof Error ? error.message : String(error));
      }
    }
    asking = false;
    view.resume();
  };
  const listener = () => void onInterrupt();
  process.on('SIGINT', listener);
  try {
    for await (const state of importProgress(client, id, controller.signal)) {
      last = state;
      if (!asking) view.update(state);
    }
  } finally {
    process.off('SIGINT', listener);
    view.pause();
  }
  if (detached || !last) return { state: last, detached: true };
  return { state: last, detached: false };
}

function printFailures(details: ImportDetails, failuresCommand: string): void {
  const { failed, skipped } = details.counts;
  if (failed + skipped === 0) return;
  const parts = [failed > 0 ? `${plural(failed, 'row')} failed` : '', skipped > 0 ? `${plural(skipped, 'row')} ${skipped === 1 ? 'was' : 'were'} skipped` : ''];
  print(`\n${parts.filter(Boolean).join(' and ')}.${details.firstFailures.length > 0 ? ' The first ones:' : ''}`);
  for (const f of details.firstFailures) print(`  row ${f.row}  ${f.email ?? '(no email)'}  ${f.outcome}: ${f.reason}`);
  print('Download them all, with the reason for each:');
  print(`  ${failuresCommand} ${details.id} > failed.csv`);
  print(`  (or GET ${details.failuresUrl} with your API key)`);
}

/** The end of an import, for people: what happened, the counts, and where the failed rows are. */
function printSummary(details: ImportDetails): void {
  const { counts } = details;
  const took = details.startedAt && details.completedAt ? ` in ${duration(Date.parse(details.completedAt) - Date.parse(details.startedAt))}` : '';
  const file = details.fileName ? ` from ${details.fileName}` : '';
  if (details.status === 'completed') print(`Import ${details.id} completed${took}: ${plural(counts.total, 'row')}${file}.`);
  else if (details.status === 'failed') print(`Import ${details.id} failed${details.error ? `: ${details.error}` : ''}.`);
  else if (details.status === 'cancelled') print(`Import ${details.id} was cancelled after ${plural(counts.total, 'row')}; what was imported stays.`);
  else print(`Import ${details.id} is ${details.status.replace('_', ' ')}: ${plural(counts.total, 'row')} of ${details.stagedRows > 0 ? count(details.stagedRows) : '?'} so far.`);
  print(`  Created ${count(counts.created)} · Updated ${count(counts.updated)} · Skipped ${count(counts.skipped)} · Failed ${count(counts.failed)}`);
  printFailures(details, 'roster import failures');
}

async function details(client: RosterClient, id: string, failures = 5): Promise<ImportDetails> {
  const found = await getImport(client, id, failures);
  if (!found) throw new RosterError(`No import has the id ${id}. See \`roster import list\`.`, 'not_found');
  return found;
}

/** Follows an import to its end, prints the outcome, and sets the exit code: 0 only when it completed. */
async function followToEnd(client: RosterClient, id: string, json: boolean | undefined): Promise<void> {
  const ending = await follow(client, id);
  if (ending.detached) {
    if (json) printJson(await details(client, id));
    note(`Import ${id} keeps running in the background. Follow it with: roster import status ${id} --watch`);
    process.exitCode = INTERRUPTED;
    return;
  }
  const final = await details(client, id);
  if (json) printJson(final);
  else printSummary(final);
  process.exitCode = final.status === 'completed' ? 0 : 1;
}

async function runImport(file: string, options: ImportOptions, command: Command): Promise<void> {
  const client = clientFor(command);
  const source = await fileSource(file);
  const map = await chooseMapping(client, source, options);
  const started = await upload(client, source, map, options);
  if (!options.wait) {
    if (options.json) printJson(started);
    else print(`Import ${started.id} is ${started.status.replace('_', ' ')}. Follow it with: roster import status ${started.id} --watch`);
    return;
  }
  note(`Import ${started.id} is queued. Ctrl-C lets you cancel it or leave it running.`);
  await followToEnd(client, started.id, options.json);
}

/**
 * A subcommand's options with `--json` wherever it was written: `import` itself takes --json, so
 * commander gives it `roster import status ID --json` too.
 */
function jsonOf<T extends OptionValues>(command: Command): T & { json?: boolean } {
  return { ...command.opts<T>(), json: command.optsWithGlobals<{ json?: boolean }>().json };
}

const STATUSES: ImportStatus[] = ['queued', 'in_progress', 'completed', 'failed', 'cancelled'];

export function registerImport(program: Command): void {
  const imports = program
    .command('import')
    .description('Import contacts from a CSV file (and: import status|list|failures|cancel)')
    .argument('[file]', 'the CSV file (UTF-8, UTF-16 or Windows-1252; up to the server’s limit, 200 MB by default)')
    .option('--map <target=column>', 'map a column: email=Email, first_name="First Name", last_name=, unsubscribed=Unsub, property:plan=Plan:string (repeatable)', collect(parseMapEntry))
    .addOption(new Option('--on-conflict <mode>', 'existing contacts: upsert updates them, skip leaves them').choices(['upsert', 'skip']).default('upsert'))
    .option('--segment <id>', 'add every imported contact to this segment (repeatable)', collect(text))
    .option('--topic <id[:opt_in|opt_out]>', 'subscribe every imported contact to this topic (repeatable)', collect(topicSubscription))
    .option('-y, --yes', 'accept the suggested mapping without asking')
    .option('--no-wait', 'return once the file is uploaded and queued')
    .option('--json', 'print the finished import as JSON (progress stays on stderr)')
    .action(async (file: string | undefined, options: ImportOptions, command: Command) => {
      if (!file) {
        command.help({ error: true });
        return;
      }
      await runImport(file, options, command);
    });

  imports
    .command('status')
    .description('Show an import: status, counts and first failures')
    .argument('<id>', 'the import id')
    .option('--watch', 'follow it live until it ends (exit code 0 only when it completed)')
    .option('--json', 'print JSON')
    .action(async (id: string, _options: unknown, command: Command) => {
      const options = jsonOf<{ watch?: boolean }>(command);
      const client = clientFor(command);
      const current = await details(client, id, 10);
      if (options.watch && !TERMINAL.includes(current.status)) return followToEnd(client, id, options.json);
      if (options.json) return printJson(current);
      printFields([
        ['ID', current.id],
        ['Status', current.status],
        ['File', current.fileName ? `${current.fileName} (${bytes(current.fileSize)})` : bytes(current.fileSize)],
        ['On conflict', current.onConflict],
        ['Created', when(current.createdAt)],
        ['Started', when(current.startedAt)],
        ['Completed', when(current.completedAt)],
        ['Error', current.error ?? undefined],
      ]);
      print('');
      printSummary(current);
      if (options.watch) process.exitCode = current.status === 'completed' ? 0 : 1;
    });

  imports
    .command('list')
    .description('List imports, newest first')
    .addOption(new Option('--status <status>', 'only imports with this status').choices(STATUSES))
    .option('--limit <n>', 'how many to show', wholeNumber(1, 1000), 20)
    .option('--json', 'print JSON (an array)')
    .action(async (_options: unknown, command: Command) => {
      const options = jsonOf<{ status?: ImportStatus; limit: number }>(command);
      const all = await listImports(clientFor(command), options.limit, options.status?.toUpperCase() as ContactImportStatus | undefined);
      if (options.json) return printJson(all);
      printTable(
        all,
        [
          ['ID', (i) => i.id],
          ['Status', (i) => i.status],
          ['File', (i) => i.fileName],
          ['Rows', (i) => count(i.counts.total)],
          ['Created', (i) => count(i.counts.created)],
          ['Updated', (i) => count(i.counts.updated)],
          ['Skipped', (i) => count(i.counts.skipped)],
          ['Failed', (i) => count(i.counts.failed)],
          ['Started', (i) => when(i.createdAt)],
        ],
        'No imports yet. Start one with: roster import contacts.csv',
      );
    });

  imports
    .command('failures')
    .description('Download the rows that failed or were skipped, as CSV: roster import failures ID > failed.csv')
    .argument('<id>', 'the import id')
    .option('-o, --output <file>', 'write to this file instead of stdout')
    .action(async (id: string, options: { output?: string }, command: Command) => {
      await download(clientFor(command), `/contacts/imports/${encodeURIComponent(id)}/failures.csv`, {}, options.output);
    });

  imports
    .command('cancel')
    .description('Cancel an import at its next batch (rows imported so far stay)')
    .argument('<id>', 'the import id')
    .option('--json', 'print JSON')
    .action(async (id: string, _options: unknown, command: Command) => {
      const options = jsonOf(command);
      const state = await cancelImport(clientFor(command), id);
      if (options.json) return printJson(state);
      print(state.status === 'cancelled' ? `Import ${id} is cancelled.` : `Import ${id} stops at its next batch. See: roster import status ${id}`);
    });
}
