import { InvalidArgumentError } from 'commander';
import { RosterError, usageError } from './client';

// Value parsers for commander options (commander does the parsing; these check and convert values).

/** For repeatable options: each use adds its value. */
export function collect<T>(parse: (value: string) => T) {
  return (value: string, previous: T[] | undefined): T[] => [...(previous ?? []), parse(value)];
}

export const text = (value: string): string => value;

export function wholeNumber(min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || n < min || n > max) throw new InvalidArgumentError(`Must be a whole number from ${min} to ${max}.`);
    return n;
  };
}

/** `key=value`; the value may be empty (to clear) and may contain `=`. */
export function keyValue(value: string): [string, string] {
  const at = value.indexOf('=');
  if (at <= 0) throw new InvalidArgumentError(`Write it as key=value (got "${value}").`);
  return [value.slice(0, at).trim(), value.slice(at + 1)];
}

export type Subscription = 'OPT_IN' | 'OPT_OUT';

/** `TOPIC_ID:opt_in` or `TOPIC_ID:opt_out` (opt_in when the suffix is left out). */
export function topicSubscription(value: string): { id: string; subscription: Subscription } {
  const match = /^([^:\s]+)(?::(opt_in|opt_out|opt-in|opt-out))?$/i.exec(value.trim());
  if (!match) throw new InvalidArgumentError(`Write it as TOPIC_ID:opt_in or TOPIC_ID:opt_out (got "${value}").`);
  return { id: match[1]!, subscription: (match[2] ?? 'opt_in').toUpperCase().replace('-', '_') as Subscription };
}

/** Asks before something that cannot be undone; --yes answers for scripts. */
export async function confirmOrStop(question: string, yes: boolean | undefined, flag = '--yes'): Promise<void> {
  if (yes) return;
  if (!process.stdin.isTTY) throw usageError(`${question} Pass ${flag} to confirm (stdin is not a terminal, so I cannot ask).`);
  const { confirm, isCancel } = await import('@clack/prompts');
  const answer = await confirm({ message: question, output: process.stderr });
  if (isCancel(answer) || !answer) throw new RosterError('Stopped; nothing was changed.', 'usage');
}
