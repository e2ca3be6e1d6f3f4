import type { Command } from 'commander';
import { clientFor } from './connection';

export function registerMcp(program: Command): void {
  program
    .command('mcp')
    .description('Serve the contacts API to AI assistants as an MCP server over stdio (uses --url and --key)')
    .option('--allow-destructive', 'also offer the tools that delete (contacts, segments, topics, properties)')
    .action(async (options: { allowDestructive?: boolean }, command: Command) => {
      // Stdout is the protocol channel: anything a library logs goes to stderr instead.
      console.log = console.error;
      console.info = console.error;
      console.debug = console.error;
      const client = clientFor(command);
      const { serveMcp } = await import('./mcp-server');
      await serveMcp(client, { allowDestructive: options.allowDestructive === true });
    });
}
