import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { printSchema } from 'graphql';
import { expect, it } from 'vitest';
import { schema } from '../src/index';

// The turbo pipeline regenerates schema.graphql before tests run, so the working file always
// matches; what must match is the version git holds (the index, i.e. staged or committed).
function committedSchema(): string {
  const file = fileURLToPath(new URL('../schema.graphql', import.meta.url));
  try {
    return execFileSync('git', ['show', ':./schema.graphql'], { cwd: fileURLToPath(new URL('..', import.meta.url)), encoding: 'utf8' });
  } catch {
    return readFileSync(file, 'utf8');
  }
}

it('the committed schema.graphql matches the code (run `pnpm generate` and commit it)', () => {
  expect(committedSchema()).toBe(`${printSchema(schema)}\n`);
});
