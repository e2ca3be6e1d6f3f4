import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './gql';
import { type Roster, gql, startRoster } from './harness';

// `roster keys …` run as a real child process against this file's database; the keys it makes are
// then tried on the in-process server over HTTP.

const SERVER_DIR = resolve(import.meta.dirname, '../../packages/server');

let roster: Roster;
beforeAll(async () => {
  roster = await startRoster();
});
afterAll(() => roster.close());

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runCli(args: string[], env: Record<string, string> = {}): Promise<Result> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(DATABASE_URL|ROSTER_.*)$/.test(name)));
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    cwd: SERVER_DIR,
    env: { ...clean, DATABASE_URL: roster.dbUrl, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((done) => child.once('close', (code) => done({ code, stdout, stderr })));
}

const CliTeam = graphql(`query CliTeam { team { name } }`);

async function statusOf(token: string): Promise<{ status: number; team?: string }> {
  const result = await gql(roster, token, CliTeam);
  return { status: result.status, team: result.data?.team.name };
}

describe('roster keys', () => {
  let token = '';
  let id = '';

  it('create prints a working key on its last line, with the permission asked for', async () => {
    const [full, sending] = await Promise.all([
      runCli(['keys', 'create', '--team', 'acme', '--name', 'x']),
      runCli(['keys', 'create', '--team', 'acme', '--name', 'mailer', '--permission', 'sending_access']),
    ]);
    expect(full.stderr).toBe('');
    expect(full.code).toBe(0);
    token = full.stdout.trim().split('\n').at(-1) ?? '';
    expect(token).toMatch(/^re_[A-Za-z0-9_-]{22,}$/);
    id = /Created key ([0-9a-f-]{36})/.exec(full.stdout)?.[1] ?? '';
    expect(id).not.toBe('');
    expect(await statusOf(token)).toEqual({ status: 200, team: 'acme' });

    expect(sending.code).toBe(0);
    expect((await statusOf(sending.stdout.trim().split('\n').at(-1) ?? '')).status).toBe(401);
    // Both made (or found) the same team.
    expect(await roster.query('select 1 from team where name = $1', ['acme'])).toHaveLength(1);
  });

  it('list shows the key with its hint, never the secret', async () => {
    await roster.newKey('other-team');
    const result = await runCli(['keys', 'list']);
    expect(result.code).toBe(0);
    const line = result.stdout.split('\n').find((l) => l.includes(id));
    expect(line).toBeDefined();
    expect(line).toContain('acme');
    expect(line).toContain(`${token.slice(0, 6)}…${token.slice(-4)}`);
    expect(line).toContain('full_access');
    expect(result.stdout).toContain('other-team');
    expect(result.stdout).not.toContain(token);
    expect(result.stdout).not.toContain(token.slice(6, -4));
  });

  it('revoke makes the key fail with 403 on its next request; list --team shows it revoked', async () => {
    const result = await runCli(['keys', 'revoke', id]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Revoked key ${id}`);
    expect((await statusOf(token)).status).toBe(403);
    const list = await runCli(['keys', 'list', '--team', 'acme']);
    expect(list.code).toBe(0);
    expect(list.stdout).not.toContain('other-team');
    // Created and revoked timestamps.
    expect(list.stdout.split('\n').find((l) => l.includes(id))).toMatch(/\d{4}-\d\d-\d\dT.*\d{4}-\d\d-\d\dT/);
  });

  it.concurrent('revoke of an unknown id exits 1 with a clear message', async ({ expect }) => {
    const unknown = '00000000-0000-0000-0000-000000000000';
    const result = await runCli(['keys', 'revoke', unknown]);
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(`roster: No API key has the id ${unknown}`);
  });

  it.concurrent('a bad --permission exits 1 naming the allowed values, and creates nothing', async ({ expect }) => {
    const result = await runCli(['keys', 'create', '--team', 'bad-permission', '--permission', 'admin']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/--permission/);
    expect(result.stderr).toMatch(/full_access/);
    expect(result.stderr).toMatch(/sending_access/);
    expect(await roster.query('select 1 from team where name = $1', ['bad-permission'])).toEqual([]);
  });

  it.concurrent('an empty --team exits 1 and creates nothing', async ({ expect }) => {
    const result = await runCli(['keys', 'create', '--team', ' ', '--name', 'x']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/--team.*Must be 1 to 100 characters/);
    expect(await roster.query("select 1 from team where trim(name) = ''")).toEqual([]);
  });

  it.concurrent('list of an unknown team exits 1 with a clear message', async ({ expect }) => {
    const result = await runCli(['keys', 'list', '--team', 'nobody']);
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe('roster: No team is named "nobody"');
  });

  it.concurrent('a bad DATABASE_URL exits 1 naming the variable', async ({ expect }) => {
    const result = await runCli(['keys', 'list'], { DATABASE_URL: 'mysql://x' });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/DATABASE_URL: must be a postgres/);
  });
});
