import type { Command } from 'commander';
import { clientFor } from './connection';
import { download } from './download';
import { topicSubscription } from './args';

export function registerExport(program: Command): void {
  program
    .command('export')
    .description('Export contacts as CSV to stdout (streamed): roster export > contacts.csv')
    .option('--search <text>', 'email, first or last name starting with this')
    .option('--segment <id>', 'only contacts in this segment')
    .option('--topic <id[:opt_in|opt_out]>', 'only contacts with this subscription to the topic', topicSubscription)
    .option('--unsubscribed', 'only contacts unsubscribed from all broadcasts')
    .option('--no-unsubscribed', 'only contacts not unsubscribed')
    .option('-o, --output <file>', 'write to this file instead of stdout')
    .action(
      async (
        options: { search?: string; segment?: string; topic?: { id: string; subscription: string }; unsubscribed?: boolean; output?: string },
        command: Command,
      ) => {
        await download(
          clientFor(command),
          '/contacts/export.csv',
          {
            search: options.search,
            segment_id: options.segment,
            topic_id: options.topic?.id,
            topic_subscription: options.topic?.subscription.toLowerCase(),
            unsubscribed: options.unsubscribed === undefined ? undefined : String(options.unsubscribed),
          },
          options.output,
        );
      },
    );
}
