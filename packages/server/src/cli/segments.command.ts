import type { Command } from 'commander';
import { RosterError } from './client';
import { clientFor } from './connection';
import { confirmOrStop } from './args';
import { count, print, printFields, printJson, printTable, when } from './output';
import { type SegmentView, createSegment, deleteSegment, getSegment, listSegments, renameSegment } from './segments.api';

function printSegment(segment: SegmentView): void {
  printFields([
    ['ID', segment.id],
    ['Name', segment.name],
    ['Contacts', count(segment.contactCount)],
    ['Created', when(segment.createdAt)],
  ]);
}

export function registerSegments(program: Command): void {
  const segments = program.command('segments').description('Segments: list, get, create, rename, delete');

  segments
    .command('list')
    .description('List every segment with its contact count')
    .option('--json', 'print JSON (an array)')
    .action(async (options: { json?: boolean }, command: Command) => {
      const all = await listSegments(clientFor(command));
      if (options.json) return printJson(all);
      printTable(
        all,
        [
          ['Name', (s) => s.name],
          ['Contacts', (s) => count(s.contactCount)],
          ['Created', (s) => when(s.createdAt)],
          ['ID', (s) => s.id],
        ],
        'No segments yet. Create one with: roster segments create NAME',
      );
    });

  segments
    .command('get')
    .description('Show one segment')
    .argument('<id>', 'the segment id')
    .option('--json', 'print JSON')
    .action(async (id: string, options: { json?: boolean }, command: Command) => {
      const segment = await getSegment(clientFor(command), id);
      if (!segment) throw new RosterError(`No segment has the id ${id}. See \`roster segments list\`.`, 'not_found');
      if (options.json) printJson(segment);
      else printSegment(segment);
    });

  segments
    .command('create')
    .description('Create a segment')
    .argument('<name>', 'its name')
    .option('--json', 'print JSON')
    .action(async (name: string, options: { json?: boolean }, command: Command) => {
      const segment = await createSegment(clientFor(command), name);
      if (options.json) return printJson(segment);
      print(`Created segment "${segment.name}" (${segment.id}).`);
    });

  segments
    .command('rename')
    .alias('update')
    .description('Rename a segment')
    .argument('<id>', 'the segment id')
    .argument('<name>', 'the new name')
    .option('--json', 'print JSON')
    .action(async (id: string, name: string, options: { json?: boolean }, command: Command) => {
      const segment = await renameSegment(clientFor(command), id, name);
      if (options.json) return printJson(segment);
      print(`Renamed segment ${segment.id} to "${segment.name}".`);
    });

  segments
    .command('delete')
    .description('Delete a segment (its contacts stay)')
    .argument('<id>', 'the segment id')
    .option('-y, --yes', 'do not ask for confirmation')
    .option('--json', 'print JSON')
    .action(async (id: string, options: { yes?: boolean; json?: boolean }, command: Command) => {
      await confirmOrStop(`Delete the segment ${id}? Its contacts stay.`, options.yes);
      const segment = await deleteSegment(clientFor(command), id);
      if (options.json) return printJson(segment);
      print(`Deleted segment "${segment.name}" (${segment.id}).`);
    });
}
