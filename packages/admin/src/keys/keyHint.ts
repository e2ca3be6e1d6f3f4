/** The hint the server keeps for a key (first six and last four characters), to spot the one in use. */
export function keyHint(token: string): string {
  return `${token.slice(0, 6)}…${token.slice(-4)}`;
}
