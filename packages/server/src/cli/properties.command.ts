import { type Command, Option } from 'commander';
import { RosterError, usageError } from './client';
import { clientFor } from './connection';
import { confirmOrStop } from './args';
import { print, printFields, printJson, printTable, when } from './output';
import {
  type PropertyKind,
  type PropertyView,
  createProperty,
  deleteProperty,
  getProperty,
  listProperties,
  parsePropertyValue,
  updateProperty,
} from './properties.api';

function printProperty(property: PropertyView): void {
  printFields([
    ['ID', property.id],
    ['Key', property.key],
    ['Type', property.type],
    ['Fallback', property.fallbackValue === null ? null : JSON.stringify(property.fallbackValue)],
    ['Created', when(property.createdAt)],
  ]);
}

export function registerProperties(program: Command): void {
  const properties = program.command('properties').description('Contact properties: list, get, create, update, delete');

  properties
    .command('list')
    .description('List every contact property')
    .option('--json', 'print JSON (an array)')
    .action(async (options: { json?: boolean }, command: Command) => {
      const all = await listProperties(clientFor(command));
      if (options.json) return printJson(all);
      printTable(
        all,
        [
          ['Key', (p) => p.key],
          ['Type', (p) => p.type],
          ['Fallback', (p) => (p.fallbackValue === null ? '' : JSON.stringify(p.fallbackValue))],
          ['Created', (p) => when(p.createdAt)],
          ['ID', (p) => p.id],
        ],
        'No contact properties yet. Create one with: roster properties create KEY --type string',
      );
    });

  properties
    .command('get')
    .description('Show one property')
    .argument('<id-or-key>', 'the property id or key')
    .option('--json', 'print JSON')
    .action(async (idOrKey: string, options: { json?: boolean }, command: Command) => {
      const property = await getProperty(clientFor(command), idOrKey);
      if (!property) throw new RosterError(`No contact property is named "${idOrKey}". See \`roster properties list\`.`, 'not_found');
      if (options.json) printJson(property);
      else printProperty(property);
    });

  properties
    .command('create')
    .description('Create a contact property')
    .argument('<key>', 'letters, digits and underscores, at most 50')
    .addOption(new Option('--type <type>', 'the type of its values').choices(['string', 'number', 'boolean']).makeOptionMandatory())
    .option('--fallback <value>', 'the value contacts without one get')
    .option('--json', 'print JSON')
    .action(async (key: string, options: { type: PropertyKind; fallback?: string; json?: boolean }, command: Command) => {
      const fallbackValue = options.fallback === undefined ? undefined : parsePropertyValue(key, options.fallback, options.type);
      const property = await createProperty(clientFor(command), { key, type: options.type, fallbackValue });
      if (options.json) return printJson(property);
      print(`Created property ${property.key} (${property.type}, ${property.id}).`);
    });

  properties
    .command('update')
    .description('Set or clear a property’s fallback value (its key and type are fixed)')
    .argument('<id-or-key>', 'the property id or key')
    .option('--fallback <value>', 'the new fallback value')
    .option('--no-fallback', 'clear the fallback value')
    .option('--json', 'print JSON')
    .action(async (idOrKey: string, options: { fallback?: string | false; json?: boolean }, command: Command) => {
      if (options.fallback === undefined) throw usageError('Nothing to change: pass --fallback VALUE or --no-fallback.');
      const client = clientFor(command);
      let value: unknown = null;
      if (options.fallback !== false) {
        const current = await getProperty(client, idOrKey);
        if (!current) throw new RosterError(`No contact property is named "${idOrKey}". See \`roster properties list\`.`, 'not_found');
        value = parsePropertyValue(current.key, options.fallback, current.type);
      }
      const property = await updateProperty(client, idOrKey, value);
      if (options.json) return printJson(property);
      print(`Updated property ${property.key}: fallback ${property.fallbackValue === null ? 'cleared' : JSON.stringify(property.fallbackValue)}.`);
    });

  properties
    .command('delete')
    .description('Delete a property and its value on every contact')
    .argument('<id-or-key>', 'the property id or key')
    .option('-y, --yes', 'do not ask for confirmation')
    .option('--json', 'print JSON')
    .action(async (idOrKey: string, options: { yes?: boolean; json?: boolean }, command: Command) => {
      await confirmOrStop(`Delete the property ${idOrKey} and its value on every contact?`, options.yes);
      const property = await deleteProperty(clientFor(command), idOrKey);
      if (options.json) return printJson(property);
      print(`Deleted property ${property.key} (${property.id}).`);
    });
}
