import { Command } from 'commander';
import { registerAdmin } from './cli/admin.command';
import { addConnectionOptions } from './cli/connection';
import { registerContacts } from './cli/contacts.command';
import { registerExport } from './cli/export.command';
import { registerImport } from './cli/import.command';
import { registerMcp } from './cli/mcp.command';
import { registerProperties } from './cli/properties.command';
import { registerSegments } from './cli/segments.command';
import { registerTopics } from './cli/topics.command';

// `roster`: the HTTP commands talk to a Roster server (--url, --key); keys, migrate and worker
// open the database directly. Each command module loads what it needs only when it runs.

const program = addConnectionOptions(
  new Command('roster')
    .description('Roster from a terminal: contacts, segments, topics, properties, CSV imports and exports, an MCP server, and administration')
    .showHelpAfterError('(add --help for usage)'),
);

registerContacts(program);
registerSegments(program);
registerTopics(program);
registerProperties(program);
registerImport(program);
registerExport(program);
registerMcp(program);
registerAdmin(program);

program.parseAsync().catch((error: unknown) => {
  // Expected failures carry a message that says what to do; nothing prints a stack.
  console.error(`roster: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
