import { type Command, InvalidArgumentError, Option } from 'commander';
import { DEFAULT_URL, RosterClient } from './client';

// The server the HTTP commands and the MCP server talk to, and the key they use: flags on the
// program (usable after any command), else ROSTER_URL and ROSTER_API_KEY (read by commander).

function serverUrl(value: string): string {
  let url: URL | null = null;
  try {
    url = new URL(value);
  } catch {}
  if (!url || !['http:', 'https:'].includes(url.protocol)) throw new InvalidArgumentError(`"${value}" is not an http(s) URL such as ${DEFAULT_URL}.`);
  return value.replace(/\/+$/, '');
}

export function addConnectionOptions(program: Command): Command {
  return program
    .addOption(new Option('--url <url>', 'the Roster server').env('ROSTER_URL').default(DEFAULT_URL).argParser(serverUrl))
    .addOption(new Option('--key <key>', 'an API key of the team (full access)').env('ROSTER_API_KEY'));
}

export function clientFor(command: Command): RosterClient {
  const { url, key } = command.optsWithGlobals<{ url: string; key?: string }>();
  return new RosterClient({ url, key });
}
