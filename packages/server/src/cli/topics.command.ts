import { type Command, Option } from 'commander';
import { RosterError, usageError } from './client';
import { clientFor } from './connection';
import { confirmOrStop, text } from './args';
import { print, printFields, printJson, printTable, when } from './output';
import type { SubscriptionStatus, TopicVisibility } from './operations.generated';
import { type TopicView, createTopic, deleteTopic, getTopic, listTopics, updateTopic } from './topics.api';

function printTopic(topic: TopicView): void {
  printFields([
    ['ID', topic.id],
    ['Name', topic.name],
    ['Description', topic.description],
    ['Default', topic.defaultSubscription],
    ['Visibility', topic.visibility],
    ['Created', when(topic.createdAt)],
  ]);
}

const upper = <T extends string>(value: string | undefined) => value?.toUpperCase() as T | undefined;

export function registerTopics(program: Command): void {
  const topics = program.command('topics').description('Topics: list, get, create, update, delete');

  topics
    .command('list')
    .description('List every topic')
    .option('--json', 'print JSON (an array)')
    .action(async (options: { json?: boolean }, command: Command) => {
      const all = await listTopics(clientFor(command));
      if (options.json) return printJson(all);
      printTable(
        all,
        [
          ['Name', (t) => t.name],
          ['Default', (t) => t.defaultSubscription],
          ['Visibility', (t) => t.visibility],
          ['Description', (t) => t.description],
          ['ID', (t) => t.id],
        ],
        'No topics yet. Create one with: roster topics create NAME --default opt_in',
      );
    });

  topics
    .command('get')
    .description('Show one topic')
    .argument('<id>', 'the topic id')
    .option('--json', 'print JSON')
    .action(async (id: string, options: { json?: boolean }, command: Command) => {
      const topic = await getTopic(clientFor(command), id);
      if (!topic) throw new RosterError(`No topic has the id ${id}. See \`roster topics list\`.`, 'not_found');
      if (options.json) printJson(topic);
      else printTopic(topic);
    });

  topics
    .command('create')
    .description('Create a topic')
    .argument('<name>', 'its name (at most 50 characters)')
    .addOption(new Option('--default <subscription>', 'subscription of contacts who did not choose (fixed once created)').choices(['opt_in', 'opt_out']).makeOptionMandatory())
    .option('--description <text>', 'what the topic is about (at most 200 characters)', text)
    .addOption(new Option('--visibility <visibility>', 'whether contacts see it on the preference page').choices(['public', 'private']))
    .option('--json', 'print JSON')
    .action(async (name: string, options: { default: string; description?: string; visibility?: string; json?: boolean }, command: Command) => {
      const topic = await createTopic(clientFor(command), {
        name,
        defaultSubscription: upper<SubscriptionStatus>(options.default)!,
        description: options.description,
        visibility: upper<TopicVisibility>(options.visibility),
      });
      if (options.json) return printJson(topic);
      print(`Created topic "${topic.name}" (${topic.id}).`);
    });

  topics
    .command('update')
    .description('Change a topic’s name, description or visibility (its default is fixed)')
    .argument('<id>', 'the topic id')
    .option('--name <name>', 'the new name', text)
    .option('--description <text>', 'the new description', text)
    .addOption(new Option('--visibility <visibility>', 'public or private').choices(['public', 'private']))
    .option('--json', 'print JSON')
    .action(async (id: string, options: { name?: string; description?: string; visibility?: string; json?: boolean }, command: Command) => {
      if (options.name === undefined && options.description === undefined && options.visibility === undefined) {
        throw usageError('Nothing to change: pass --name, --description or --visibility.');
      }
      const topic = await updateTopic(clientFor(command), id, {
        name: options.name,
        description: options.description,
        visibility: upper<TopicVisibility>(options.visibility),
      });
      if (options.json) return printJson(topic);
      print(`Updated topic "${topic.name}" (${topic.id}).`);
    });

  topics
    .command('delete')
    .description('Delete a topic and every subscription to it')
    .argument('<id>', 'the topic id')
    .option('-y, --yes', 'do not ask for confirmation')
    .option('--json', 'print JSON')
    .action(async (id: string, options: { yes?: boolean; json?: boolean }, command: Command) => {
      await confirmOrStop(`Delete the topic ${id} and its subscriptions?`, options.yes);
      const topic = await deleteTopic(clientFor(command), id);
      if (options.json) return printJson(topic);
      print(`Deleted topic "${topic.name}" (${topic.id}).`);
    });
}
