import type { Command } from 'commander';
import { RosterError, usageError } from './client';
import { clientFor } from './connection';
import {
  type ContactView,
  addContactToSegment,
  createContact,
  deleteContact,
  getContact,
  listContacts,
  removeContactFromSegment,
  updateContact,
} from './contacts.api';
import { collect, confirmOrStop, keyValue, text, topicSubscription, wholeNumber } from './args';
import { count, print, printFields, printJson, printTable, when } from './output';
import { listProperties, parsePropertyValue } from './properties.api';
import type { RosterClient } from './client';
import type { UpdateContactInput } from './operations.generated';

interface ListOptions {
  search?: string;
  segment?: string;
  topic?: { id: string; subscription: 'OPT_IN' | 'OPT_OUT' };
  unsubscribed?: boolean;
  limit: number;
  after?: string;
  json?: boolean;
}

interface FieldOptions {
  firstName?: string;
  lastName?: string;
  unsubscribed?: boolean;
  property?: [string, string][];
  topic?: { id: string; subscription: 'OPT_IN' | 'OPT_OUT' }[];
  json?: boolean;
}

/** `--property key=value` typed by each property's type (one request for the team's properties). */
async function typedProperties(client: RosterClient, pairs: [string, string][] | undefined): Promise<Record<string, unknown> | undefined> {
  if (!pairs?.length) return undefined;
  const types = new Map((await listProperties(client)).map((p) => [p.key, p.type]));
  return Object.fromEntries(pairs.map(([key, value]) => [key, parsePropertyValue(key, value, types.get(key))]));
}

/** An empty name clears it. */
function name(value: string | undefined): string | null | undefined {
  return value === undefined ? undefined : value.trim() === '' ? null : value;
}

function fullName(contact: ContactView): string {
  return [contact.firstName, contact.lastName].filter(Boolean).join(' ');
}

function printContact(contact: ContactView): void {
  printFields([
    ['ID', contact.id],
    ['Email', contact.email],
    ['First name', contact.firstName],
    ['Last name', contact.lastName],
    ['Unsubscribed', contact.unsubscribed ? 'yes' : 'no'],
    ['Source', contact.source],
    ['Created', when(contact.createdAt)],
    ['Updated', when(contact.updatedAt)],
  ]);
  const properties = Object.entries(contact.properties);
  if (properties.length > 0) {
    print('\nProperties:');
    for (const [key, value] of properties) print(`  ${key}: ${JSON.stringify(value)}`);
  }
  if (contact.segments?.length) {
    print('\nSegments:');
    for (const segment of contact.segments) print(`  ${segment.name} (${segment.id})`);
  }
  if (contact.topics?.length) {
    print('\nTopics:');
    for (const topic of contact.topics) print(`  ${topic.name}: ${topic.subscription}${topic.explicit ? '' : ' (default)'} (${topic.id})`);
  }
}

async function requireContact(client: RosterClient, idOrEmail: string): Promise<ContactView> {
  const contact = await getContact(client, idOrEmail);
  if (!contact) throw new RosterError(`No contact has the ${idOrEmail.includes('@') ? 'email' : 'id'} ${idOrEmail}.`, 'not_found');
  return contact;
}

export function registerContacts(program: Command): void {
  const contacts = program.command('contacts').description('Contacts: list, get, create, update, delete');

  contacts
    .command('list')
    .description('List contacts, newest first')
    .option('--search <text>', 'email, first or last name starting with this (case-insensitive)')
    .option('--segment <id>', 'only contacts in this segment')
    .option('--topic <id[:opt_in|opt_out]>', 'only contacts with this subscription to the topic', topicSubscription)
    .option('--unsubscribed', 'only contacts unsubscribed from all broadcasts')
    .option('--no-unsubscribed', 'only contacts not unsubscribed')
    .option('--limit <n>', 'how many to show (the API is paged 100 at a time)', wholeNumber(1, 100_000), 20)
    .option('--after <cursor>', 'continue after this cursor (printed at the end of a page)')
    .option('--json', 'print JSON: {contacts, totalCount, nextCursor}')
    .action(async (options: ListOptions, command: Command) => {
      const client = clientFor(command);
      const filter = {
        search: options.search,
        segmentId: options.segment,
        topicId: options.topic?.id,
        topicSubscription: options.topic?.subscription,
        unsubscribed: options.unsubscribed,
      };
      const page = await listContacts(client, filter, options.limit, options.after);
      if (options.json) return printJson(page);
      printTable(
        page.contacts,
        [
          ['Email', (c) => c.email],
          ['Name', fullName],
          ['Unsubscribed', (c) => (c.unsubscribed ? 'yes' : '')],
          ['Created', (c) => when(c.createdAt)],
          ['ID', (c) => c.id],
        ],
        'No contacts match.',
      );
      if (page.contacts.length > 0) print(`\n${count(page.contacts.length)} of ${count(page.totalCount)} contacts.`);
      if (page.nextCursor) print(`More: add --after ${page.nextCursor}`);
    });

  contacts
    .command('get')
    .description('Show one contact with its properties, segments and topics')
    .argument('<id-or-email>', 'the contact id or email address')
    .option('--json', 'print JSON')
    .action(async (idOrEmail: string, options: { json?: boolean }, command: Command) => {
      const contact = await requireContact(clientFor(command), idOrEmail);
      if (options.json) printJson(contact);
      else printContact(contact);
    });

  contacts
    .command('create')
    .description('Create a contact (an existing email is returned unchanged)')
    .argument('<email>', 'the email address')
    .option('--first-name <name>', 'first name', text)
    .option('--last-name <name>', 'last name', text)
    .option('--unsubscribed', 'unsubscribed from all broadcasts')
    .option('--property <key=value>', 'a contact property value (repeatable; the property must exist)', collect(keyValue))
    .option('--segment <id>', 'add to this segment (repeatable)', collect(text))
    .option('--topic <id[:opt_in|opt_out]>', 'subscription to a topic (repeatable)', collect(topicSubscription))
    .option('--json', 'print JSON')
    .action(async (email: string, options: FieldOptions & { segment?: string[] }, command: Command) => {
      const client = clientFor(command);
      const contact = await createContact(client, {
        email,
        firstName: name(options.firstName),
        lastName: name(options.lastName),
        unsubscribed: options.unsubscribed,
        properties: await typedProperties(client, options.property),
        segmentIds: options.segment,
        topics: options.topic,
      });
      if (options.json) return printJson(contact);
      print(`Contact ${contact.email} (${contact.id}).`);
    });

  contacts
    .command('update')
    .description('Change a contact; fields left out stay as they are')
    .argument('<id-or-email>', 'the contact id or email address')
    .option('--first-name <name>', 'first name ("" clears it)', text)
    .option('--last-name <name>', 'last name ("" clears it)', text)
    .option('--unsubscribed', 'unsubscribe from all broadcasts')
    .option('--no-unsubscribed', 'subscribe to broadcasts again')
    .option('--property <key=value>', 'set a property (repeatable; key= clears it)', collect(keyValue))
    .option('--add-segment <id>', 'add to this segment (repeatable)', collect(text))
    .option('--remove-segment <id>', 'remove from this segment (repeatable)', collect(text))
    .option('--topic <id[:opt_in|opt_out]>', 'set the subscription to a topic (repeatable)', collect(topicSubscription))
    .option('--json', 'print the contact as JSON')
    .action(async (idOrEmail: string, options: FieldOptions & { addSegment?: string[]; removeSegment?: string[] }, command: Command) => {
      const client = clientFor(command);
      const input: UpdateContactInput = {
        firstName: name(options.firstName),
        lastName: name(options.lastName),
        unsubscribed: options.unsubscribed,
        properties: await typedProperties(client, options.property),
        topics: options.topic,
      };
      const changes = Object.values(input).some((value) => value !== undefined);
      if (!changes && !options.addSegment && !options.removeSegment) {
        throw usageError('Nothing to change: pass --first-name, --last-name, --unsubscribed, --property, --topic, --add-segment or --remove-segment.');
      }
      if (changes) await updateContact(client, idOrEmail, input);
      for (const segmentId of options.addSegment ?? []) await addContactToSegment(client, idOrEmail, segmentId);
      for (const segmentId of options.removeSegment ?? []) await removeContactFromSegment(client, idOrEmail, segmentId);
      const contact = await requireContact(client, idOrEmail);
      if (options.json) return printJson(contact);
      print(`Updated ${contact.email}.\n`);
      printContact(contact);
    });

  contacts
    .command('delete')
    .description('Delete a contact with its memberships, subscriptions and history')
    .argument('<id-or-email>', 'the contact id or email address')
    .option('-y, --yes', 'do not ask for confirmation')
    .option('--json', 'print JSON')
    .action(async (idOrEmail: string, options: { yes?: boolean; json?: boolean }, command: Command) => {
      const client = clientFor(command);
      await confirmOrStop(`Delete the contact ${idOrEmail} and its history?`, options.yes);
      const deleted = await deleteContact(client, idOrEmail);
      if (options.json) return printJson({ deleted: true, ...deleted });
      print(`Deleted ${deleted.email} (${deleted.id}).`);
    });
}
