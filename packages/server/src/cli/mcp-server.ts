import { stat } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, resolve } from 'node:path';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { type RosterClient, RosterError, type UploadSource, usageError } from './client';
import {
  type ContactView,
  addContactToSegment,
  createContact,
  deleteContact,
  getContact,
  listContacts,
  removeContactFromSegment,
  setContactTopics,
  updateContact,
} from './contacts.api';
import { csvTextHead, readCsvHead } from './csv-head';
import { TERMINAL, cancelImport, getImport, importProgress, listImports, startImport, suggestMapping } from './imports.api';
import { columnMapFromSuggestions } from './mapping';
import type { ContactImportStatus } from './operations.generated';
import { createProperty, deleteProperty, listProperties, propertyType } from './properties.api';
import { createSegment, deleteSegment, getSegment, listSegments } from './segments.api';
import { deleteTopic, getTopic, listTopics } from './topics.api';

// `roster mcp`: the contacts API as tools for AI assistants, over stdio. It is an HTTP client of a
// Roster server like the CLI (same URL and key), so it works against a remote one. Stdout carries
// protocol messages only.

const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

function ok(value: unknown): CallToolResult {
  return { content: [{ type: 'text', text: JSON.stringify(value) }] };
}

function failure(error: unknown): CallToolResult {
  const text = error instanceof RosterError ? error.message : `Unexpected error: ${error instanceof Error ? error.message : String(error)}`;
  return { isError: true, content: [{ type: 'text', text }] };
}

/** Runs a tool's work: its result as compact JSON, or any failure as a tool error the assistant can read. */
async function run(work: () => Promise<unknown>): Promise<CallToolResult> {
  try {
    return ok(await work());
  } catch (error) {
    return failure(error);
  }
}

/** A contact without what an assistant rarely needs; nulls and empty maps left out. */
function compact(contact: ContactView): Record<string, unknown> {
  const { source: _source, updatedAt: _updatedAt, ...rest } = contact;
  return Object.fromEntries(
    Object.entries(rest).filter(([, value]) => value !== null && !(typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0)),
  );
}

const contactRef = z.string().min(1).describe('The contact: its id (UUID) or its email address.');
const uuid = (what: string) => z.string().describe(`The ${what} id (UUID).`);
const subscription = z.enum(['opt_in', 'opt_out']);
const propertyValues = z
  .record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]))
  .describe('Contact property values by key, e.g. {"plan": "pro", "seats": 5}. Each key must be an existing property (see list_properties) and each value of its type; null clears a value.');
const columnMap = z
  .object({
    email: z.string().describe('The header of the email column (required).'),
    firstName: z.string().nullish().describe('The header of the first name column; null to import none.'),
    lastName: z.string().nullish().describe('The header of the last name column; null to import none.'),
    unsubscribed: z.string().nullish().describe('The header of a column of true/false (yes/no, 1/0) unsubscribed flags.'),
    properties: z
      .array(
        z.object({
          key: z.string().describe('The contact property key; created with `type` when it does not exist.'),
          column: z.string().describe('The CSV header.'),
          type: z.enum(['string', 'number', 'boolean']).default('string'),
        }),
      )
      .optional()
      .describe('Columns imported into contact properties.'),
  })
  .describe('Which CSV header feeds each field. Headers match exactly or ignoring case.');
const csvInput = {
  filePath: z.string().optional().describe('Path of a CSV file on the machine running this MCP server (absolute, or relative to its working directory).'),
  csv: z.string().optional().describe('The CSV itself as text, header row first (for small files).'),
};

/** The CSV a tool was given, as something to read the head of and to upload. */
async function csvSource(args: { filePath?: string; csv?: string }): Promise<UploadSource & { path?: string; text?: Buffer }> {
  if ((args.filePath === undefined) === (args.csv === undefined)) throw usageError('Pass either filePath or csv (exactly one).');
  if (args.csv !== undefined) {
    const data = Buffer.from(args.csv, 'utf8');
    if (data.length === 0) throw usageError('The csv text is empty.');
    return {
      name: 'contacts.csv',
      text: data,
      size: data.length,
      async *chunks() {
        yield data;
      },
    };
  }
  const path = resolve(args.filePath!);
  const stats = await stat(path).catch(() => null);
  if (!stats?.isFile()) throw usageError(`No file at ${path} (on the machine running the Roster MCP server).`);
  return { path, name: basename(path), size: stats.size, chunks: () => createReadStream(path, { highWaterMark: 256 * 1024 }) };
}

/** The header and first rows, from the file's start or the text. */
async function headOf(source: UploadSource & { path?: string; text?: Buffer }) {
  if (source.text) return csvTextHead(source.text, 'The CSV text');
  return readCsvHead(source.path!, source.size);
}

async function importReport(client: RosterClient, id: string, failures: number) {
  const details = await getImport(client, id, failures);
  if (!details) throw new RosterError(`No import has the id ${id}.`, 'not_found');
  const { columnMap: _map, fileSize: _size, onConflict: _conflict, ...report } = details;
  return { ...report, done: TERMINAL.includes(details.status) };
}

export interface McpOptions {
  allowDestructive: boolean;
}

export function createRosterMcpServer(client: RosterClient, options: McpOptions): McpServer {
  const server = new McpServer(
    { name: 'roster', version },
    {
      instructions: [
        `Roster is a self-hosted contacts service (at ${client.url}). Contacts are unique by email within the team; they carry a first and last name, an unsubscribed flag and typed custom properties, belong to segments and have opt-in/opt-out subscriptions to topics.`,
        'Find ids with search_contacts, list_segments, list_topics and list_properties. To import a CSV: suggest_column_mapping, then start_import with its columnMap, then get_import until done.',
        options.allowDestructive ? 'Destructive tools (deletions) are enabled: confirm with the user before using them.' : 'Deletions are disabled in this server (start it with --allow-destructive to enable them).',
      ].join(' '),
    },
  );
  const readOnly = { readOnlyHint: true, openWorldHint: false } as const;
  const additive = { readOnlyHint: false, destructiveHint: false, openWorldHint: false } as const;
  const destructive = { readOnlyHint: false, destructiveHint: true, openWorldHint: false } as const;

  server.registerTool(
    'search_contacts',
    {
      title: 'Search contacts',
      description:
        'Lists contacts, newest first, optionally filtered: `query` matches the start of the email, first name or last name (case-insensitive); `segmentId` keeps members of a segment; `topicId` keeps contacts whose subscription to the topic is `topicSubscription` (opt_in unless given); `unsubscribed` keeps (un)subscribed contacts. Returns {contacts, totalCount, nextCursor}; pass nextCursor as `cursor` for the next page.',
      inputSchema: {
        query: z.string().optional().describe('Prefix of the email, first name or last name.'),
        segmentId: uuid('segment').optional(),
        topicId: uuid('topic').optional(),
        topicSubscription: subscription.optional(),
        unsubscribed: z.boolean().optional(),
        limit: z.number().int().min(1).max(100).default(20).describe('At most this many contacts (1 to 100).'),
        cursor: z.string().optional().describe('nextCursor of the previous page.'),
      },
      annotations: readOnly,
    },
    (args) =>
      run(async () => {
        const page = await listContacts(
          client,
          {
            search: args.query,
            segmentId: args.segmentId,
            topicId: args.topicId,
            topicSubscription: args.topicSubscription ? (args.topicSubscription.toUpperCase() as 'OPT_IN' | 'OPT_OUT') : undefined,
            unsubscribed: args.unsubscribed,
          },
          args.limit,
          args.cursor,
        );
        return { contacts: page.contacts.map(compact), totalCount: page.totalCount, nextCursor: page.nextCursor };
      }),
  );

  server.registerTool(
    'get_contact',
    {
      title: 'Get a contact',
      description: 'One contact by id or email, with its property values, its segments and its subscription to every topic (opt_in/opt_out; explicit=false when the topic default applies).',
      inputSchema: { contact: contactRef },
      annotations: readOnly,
    },
    (args) =>
      run(async () => {
        const contact = await getContact(client, args.contact);
        if (!contact) throw new RosterError(`No contact has the ${args.contact.includes('@') ? 'email' : 'id'} ${args.contact}.`, 'not_found');
        return compact(contact);
      }),
  );

  server.registerTool(
    'create_contact',
    {
      title: 'Create a contact',
      description:
        'Creates a contact. When a contact with this email exists already, it is returned unchanged (use update_contact to change it). Properties must exist (see list_properties); segments and topic subscriptions can be set at once.',
      inputSchema: {
        email: z.string().describe('The email address.'),
        firstName: z.string().optional(),
        lastName: z.string().optional(),
        unsubscribed: z.boolean().optional().describe('True to unsubscribe the contact from every broadcast.'),
        properties: propertyValues.optional(),
        segmentIds: z.array(z.string()).max(100).optional().describe('Segments to add the contact to.'),
        topics: z.array(z.object({ topicId: z.string(), subscription })).max(100).optional().describe('Subscriptions to set.'),
      },
      annotations: additive,
    },
    (args) =>
      run(async () =>
        compact(
          await createContact(client, {
            email: args.email,
            firstName: args.firstName,
            lastName: args.lastName,
            unsubscribed: args.unsubscribed,
            properties: args.properties,
            segmentIds: args.segmentIds,
            topics: args.topics?.map((t) => ({ id: t.topicId, subscription: t.subscription.toUpperCase() as 'OPT_IN' | 'OPT_OUT' })),
          }),
        ),
      ),
  );

  server.registerTool(
    'update_contact',
    {
      title: 'Update a contact',
      description:
        'Changes a contact found by id or email. Fields left out stay as they are; null clears a name; a property set to null is cleared. The email cannot change. Use add_to_segment and subscribe_to_topic for memberships and subscriptions.',
      inputSchema: {
        contact: contactRef,
        firstName: z.string().nullable().optional(),
        lastName: z.string().nullable().optional(),
        unsubscribed: z.boolean().optional().describe('True unsubscribes from every broadcast; false subscribes again.'),
        properties: propertyValues.optional(),
      },
      annotations: { ...additive, idempotentHint: true },
    },
    (args) =>
      run(async () => {
        const { contact, ...input } = args;
        if (Object.values(input).every((value) => value === undefined)) throw usageError('Nothing to change: pass firstName, lastName, unsubscribed or properties.');
        return compact(await updateContact(client, contact, input));
      }),
  );

  server.registerTool(
    'add_to_segment',
    {
      title: 'Add contacts to a segment',
      description: 'Adds up to 100 contacts (ids or emails) to a segment; contacts already in it stay. Returns the contacts added and, per contact, any error (such as an unknown email).',
      inputSchema: {
        segmentId: uuid('segment'),
        contacts: z.array(z.string().min(1)).min(1).max(100).describe('Contact ids or emails.'),
      },
      annotations: { ...additive, idempotentHint: true },
    },
    (args) =>
      run(async () => {
        // A segment that does not exist would fail every contact: say it once.
        if (!(await getSegment(client, args.segmentId))) throw new RosterError(`No segment has the id ${args.segmentId} (see list_segments).`, 'not_found');
        const added: { id: string; email: string }[] = [];
        const errors: { contact: string; error: string }[] = [];
        for (const contact of args.contacts) {
          try {
            added.push(await addContactToSegment(client, contact, args.segmentId));
          } catch (error) {
            if (error instanceof RosterError && error.kind !== 'validation' && error.kind !== 'not_found') throw error;
            errors.push({ contact, error: error instanceof Error ? error.message : String(error) });
          }
        }
        return { segmentId: args.segmentId, added, errors };
      }),
  );

  server.registerTool(
    'subscribe_to_topic',
    {
      title: 'Set topic subscriptions',
      description:
        'Sets the subscription of up to 100 contacts (ids or emails) to a topic: opt_in subscribes them (the default), opt_out unsubscribes them from that topic only. Returns the contacts changed and, per contact, any error.',
      inputSchema: {
        topicId: uuid('topic'),
        subscription: subscription.default('opt_in'),
        contacts: z.array(z.string().min(1)).min(1).max(100).describe('Contact ids or emails.'),
      },
      annotations: { ...additive, idempotentHint: true },
    },
    (args) =>
      run(async () => {
        if (!(await getTopic(client, args.topicId))) throw new RosterError(`No topic has the id ${args.topicId} (see list_topics).`, 'not_found');
        const updated: { id: string; email: string }[] = [];
        const errors: { contact: string; error: string }[] = [];
        const topics = [{ id: args.topicId, subscription: args.subscription.toUpperCase() as 'OPT_IN' | 'OPT_OUT' }];
        for (const contact of args.contacts) {
          try {
            updated.push(await setContactTopics(client, contact, topics));
          } catch (error) {
            if (error instanceof RosterError && error.kind !== 'validation' && error.kind !== 'not_found') throw error;
            errors.push({ contact, error: error instanceof Error ? error.message : String(error) });
          }
        }
        return { topicId: args.topicId, subscription: args.subscription, updated, errors };
      }),
  );

  server.registerTool(
    'list_segments',
    { title: 'List segments', description: 'Every segment of the team: id, name and how many contacts it has.', annotations: readOnly },
    () => run(async () => (await listSegments(client)).map(({ id, name, contactCount }) => ({ id, name, contactCount }))),
  );

  server.registerTool(
    'create_segment',
    { title: 'Create a segment', description: 'Creates an empty segment; add contacts with add_to_segment or start_import.', inputSchema: { name: z.string().min(1) }, annotations: additive },
    (args) => run(async () => await createSegment(client, args.name)),
  );

  server.registerTool(
    'list_topics',
    {
      title: 'List topics',
      description: 'Every topic of the team: id, name, description, defaultSubscription (what contacts who never chose get) and visibility.',
      annotations: readOnly,
    },
    () => run(async () => (await listTopics(client)).map(({ createdAt: _createdAt, ...topic }) => topic)),
  );

  server.registerTool(
    'list_properties',
    {
      title: 'List contact properties',
      description: 'Every custom contact property: key, type (string, number or boolean) and fallbackValue (used when a contact has no value).',
      annotations: readOnly,
    },
    () => run(async () => (await listProperties(client)).map(({ id, key, type, fallbackValue }) => ({ id, key, type, fallbackValue }))),
  );

  server.registerTool(
    'create_property',
    {
      title: 'Create a contact property',
      description: 'Creates a custom contact property. Its key (letters, digits and underscores, at most 50) and type cannot change later.',
      inputSchema: {
        key: z.string().describe('Letters, digits and underscores, at most 50.'),
        type: z.enum(['string', 'number', 'boolean']),
        fallbackValue: z.union([z.string(), z.number(), z.boolean()]).optional().describe('A value of the type, used when a contact has none.'),
      },
      annotations: additive,
    },
    (args) => run(async () => await createProperty(client, args)),
  );

  server.registerTool(
    'suggest_column_mapping',
    {
      title: 'Suggest a CSV column mapping',
      description:
        'Reads the header and first rows of a CSV (a file path on the machine running this server, or the CSV text) and returns, per column, what the server suggests importing it as (email, firstName, lastName, unsubscribed, a property, or nothing), learned from the team’s past imports, plus `columnMap`: the suggestion ready to pass to start_import (edit it first if needed). Reads only the start of the file.',
      inputSchema: csvInput,
      annotations: readOnly,
    },
    (args) =>
      run(async () => {
        const head = await headOf(await csvSource(args));
        const suggestions = await suggestMapping(client, head.headers, head.sampleRows);
        const map = columnMapFromSuggestions(suggestions);
        return {
          columns: suggestions.map((s) => ({
            column: s.header,
            target: s.target.toLowerCase(),
            ...(s.target === 'PROPERTY' ? { propertyKey: s.propertyKey, propertyType: (s.propertyType ?? s.suggestedType).toLowerCase(), newProperty: !s.propertyExists } : {}),
            confidence: Math.round(s.confidence * 100) / 100,
            samples: s.samples.slice(0, 3),
          })),
          columnMap: map && {
            email: map.email,
            firstName: map.firstName,
            lastName: map.lastName,
            unsubscribed: map.unsubscribed,
            properties: map.properties?.map((p) => ({ key: p.key, column: p.column, type: (p.type ?? 'STRING').toLowerCase() })),
          },
          ...(map ? {} : { problem: 'No column looks like email addresses; name the email column in columnMap.email.' }),
        };
      }),
  );

  server.registerTool(
    'start_import',
    {
      title: 'Import contacts from a CSV',
      description:
        'Uploads a CSV (a file path on the machine running this server, or the CSV text) and starts importing it in the background. Without columnMap, only columns whose headers name email, first name, last name and unsubscribed are imported; to import other columns into properties (created when missing), pass a columnMap (see suggest_column_mapping). onConflict: upsert updates existing contacts with the non-empty cells, skip leaves them untouched. Waits up to waitSeconds for the import to finish, then returns its status, counts {total, created, updated, skipped, failed} and first failures; call get_import to follow a longer one.',
      inputSchema: {
        ...csvInput,
        columnMap: columnMap.optional(),
        onConflict: z.enum(['upsert', 'skip']).default('upsert'),
        segmentIds: z.array(z.string()).max(100).optional().describe('Segments every imported contact is added to.'),
        topics: z.array(z.object({ topicId: z.string(), subscription })).max(100).optional().describe('Topic subscriptions set on every imported contact.'),
        waitSeconds: z.number().int().min(0).max(120).default(15).describe('How long to wait for the import to finish (0: return once queued).'),
      },
      annotations: additive,
    },
    (args) =>
      run(async () => {
        const source = await csvSource(args);
        const started = await startImport(client, source, {
          columnMap: args.columnMap && {
            ...args.columnMap,
            properties: args.columnMap.properties?.map((p) => ({ key: p.key, column: p.column, type: propertyType(p.type) })),
          },
          onConflict: args.onConflict === 'skip' ? 'SKIP' : 'UPSERT',
          segments: args.segmentIds,
          topics: args.topics?.map((t) => ({ id: t.topicId, subscription: t.subscription.toUpperCase() as 'OPT_IN' | 'OPT_OUT' })),
        });
        if (args.waitSeconds > 0) {
          const signal = AbortSignal.timeout(args.waitSeconds * 1000);
          try {
            for await (const state of importProgress(client, started.id, signal)) if (TERMINAL.includes(state.status)) break;
          } catch (error) {
            if (!signal.aborted) throw error;
          }
        }
        return importReport(client, started.id, 10);
      }),
  );

  server.registerTool(
    'get_import',
    {
      title: 'Get an import',
      description:
        'The status of an import (queued, in_progress, completed, failed, cancelled; done=true once it ended), its counts {total, created, updated, skipped, failed}, stagedRows (rows read from the file so far), the error when it failed, and its first rows that failed or were skipped, each with its row number and reason. failuresUrl downloads all of them as CSV with the API key.',
      inputSchema: {
        importId: uuid('import'),
        failures: z.number().int().min(0).max(100).default(10).describe('How many failed or skipped rows to include.'),
      },
      annotations: readOnly,
    },
    (args) => run(() => importReport(client, args.importId, args.failures)),
  );

  server.registerTool(
    'list_imports',
    {
      title: 'List imports',
      description: 'The team’s imports, newest first, with status and counts.',
      inputSchema: {
        status: z.enum(['queued', 'in_progress', 'completed', 'failed', 'cancelled']).optional(),
        limit: z.number().int().min(1).max(100).default(10),
      },
      annotations: readOnly,
    },
    (args) =>
      run(async () =>
        (await listImports(client, args.limit, args.status?.toUpperCase() as ContactImportStatus | undefined)).map(({ id, status, fileName, counts, createdAt, completedAt }) => ({
          id,
          status,
          fileName,
          counts,
          createdAt,
          completedAt,
        })),
      ),
  );

  server.registerTool(
    'cancel_import',
    {
      title: 'Cancel an import',
      description: 'Stops a queued or running import at its next batch. Contacts imported so far stay; it cannot be resumed.',
      inputSchema: { importId: uuid('import') },
      annotations: { ...additive, idempotentHint: true },
    },
    (args) => run(async () => await cancelImport(client, args.importId)),
  );

  if (!options.allowDestructive) return server;

  server.registerTool(
    'delete_contact',
    {
      title: 'Delete a contact',
      description: 'Deletes a contact (by id or email) with its segment memberships, topic subscriptions and history. Cannot be undone.',
      inputSchema: { contact: contactRef },
      annotations: destructive,
    },
    (args) => run(async () => ({ deleted: await deleteContact(client, args.contact) })),
  );

  server.registerTool(
    'remove_from_segment',
    {
      title: 'Remove a contact from a segment',
      description: 'Removes a contact (by id or email) from a segment; the contact itself stays.',
      inputSchema: { segmentId: uuid('segment'), contact: contactRef },
      annotations: destructive,
    },
    (args) => run(async () => ({ removed: await removeContactFromSegment(client, args.contact, args.segmentId), segmentId: args.segmentId })),
  );

  server.registerTool(
    'delete_segment',
    {
      title: 'Delete a segment',
      description: 'Deletes a segment; its contacts stay. Cannot be undone.',
      inputSchema: { segmentId: uuid('segment') },
      annotations: destructive,
    },
    (args) => run(async () => ({ deleted: await deleteSegment(client, args.segmentId) })),
  );

  server.registerTool(
    'delete_topic',
    {
      title: 'Delete a topic',
      description: 'Deletes a topic and every contact’s subscription to it. Cannot be undone.',
      inputSchema: { topicId: uuid('topic') },
      annotations: destructive,
    },
    (args) => run(async () => ({ deleted: await deleteTopic(client, args.topicId) })),
  );

  server.registerTool(
    'delete_property',
    {
      title: 'Delete a contact property',
      description: 'Deletes a contact property (by id or key) and its value on every contact. Cannot be undone.',
      inputSchema: { property: z.string().describe('The property id or key.') },
      annotations: destructive,
    },
    (args) => run(async () => ({ deleted: await deleteProperty(client, args.property) })),
  );

  return server;
}

/** Serves the tools over stdio until the client goes away. */
export async function serveMcp(client: RosterClient, options: McpOptions): Promise<void> {
  const server = createRosterMcpServer(client, options);
  const exit = () => process.exit(0);
  await server.connect(new StdioServerTransport());
  // The client closed the pipe: nothing else (a kept-alive socket) may keep the process alive.
  server.server.onclose = exit;
  process.stdin.once('end', exit);
  process.stderr.write(`Roster MCP server ready (${client.url}${options.allowDestructive ? ', destructive tools enabled' : ''}).\n`);
}
