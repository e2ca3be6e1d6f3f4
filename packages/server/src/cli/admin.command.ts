import { type Command, InvalidArgumentError, Option } from 'commander';
import { PERMISSIONS, type Permission } from '@roster/schema/auth/permissions';
import type { Runtime } from '../runtime';

// The administrative commands: they open the database directly (embedded unless DATABASE_URL), so
// they run on the server's machine. Their heavy modules (MikroORM, pg) load inside the actions,
// so the HTTP commands start without them.

async function withRuntime<T>(work: (runtime: Runtime) => Promise<T>): Promise<T> {
  const [{ readEnv }, { openRuntime }] = await Promise.all([import('../env'), import('../runtime')]);
  const runtime = await openRuntime(readEnv());
  try {
    return await work(runtime);
  } finally {
    await runtime.close();
  }
}

/** A trimmed label of 1 to 100 characters, like the GraphQL `createApiKey` name. */
function label(value: string): string {
  const trimmed = value.trim();
  if (trimmed.length === 0 || trimmed.length > 100) throw new InvalidArgumentError('Must be 1 to 100 characters.');
  return trimmed;
}

export function registerAdmin(program: Command): void {
  const keys = program.command('keys').description('API keys: create, list, revoke (on the server’s database)');

  keys
    .command('create')
    .description('Create an API key (and its team if needed); prints the key as the last line')
    .requiredOption('--team <name>', 'team the key belongs to', label)
    .option('--name <label>', 'what the key is for', label, 'cli')
    .addOption(new Option('--permission <permission>', 'what the key may do').choices(PERMISSIONS).default('full_access'))
    .action(async (options: { team: string; name: string; permission: Permission }) => {
      const { createApiKey, ensureTeam } = await import('@roster/schema/auth/api-key.service');
      await withRuntime(async ({ orm }) => {
        const em = orm.em.fork();
        const team = await ensureTeam(em, options.team);
        const { key, token } = await createApiKey(em, team.id, { name: options.name, permission: options.permission });
        console.log(`Created key ${key.id} (${key.permission}) for team "${team.name}". It is shown only this once:`);
        console.log(token);
      });
    });

  keys
    .command('list')
    .description('List keys (hints only; secrets are never stored)')
    .option('--team <name>', 'only this team')
    .action(async (options: { team?: string }) => {
      const [{ listApiKeys }, { TeamSchema }] = await Promise.all([import('@roster/schema/auth/api-key.service'), import('@roster/schema/teams/team.entity')]);
      await withRuntime(async ({ orm }) => {
        const em = orm.em.fork();
        const team = options.team ? await em.findOne(TeamSchema, { name: options.team }) : null;
        if (options.team && !team) throw new InvalidArgumentError(`No team is named "${options.team}"`);
        const teams = new Map((await em.find(TeamSchema, {})).map((t) => [t.id, t.name]));
        const rows = (await listApiKeys(em, team?.id)).map((k) => ({
          id: k.id,
          team: teams.get(k.teamId) ?? k.teamId,
          name: k.name,
          hint: k.tokenHint,
          permission: k.permission,
          created: k.createdAt.toISOString(),
          revoked: k.revokedAt ? k.revokedAt.toISOString() : '',
        }));
        if (rows.length === 0) console.log('No API keys.');
        else console.table(rows);
      });
    });

  keys
    .command('revoke')
    .description('Revoke a key by id; it stops working on its next request')
    .argument('<id>', 'the key id (see keys list)')
    .action(async (id: string) => {
      const { revokeApiKey } = await import('@roster/schema/auth/api-key.service');
      await withRuntime(async ({ orm }) => {
        const key = /^[0-9a-f-]{36}$/i.test(id) ? await revokeApiKey(orm.em.fork(), id) : null;
        if (!key) throw new InvalidArgumentError(`No API key has the id ${id}`);
        console.log(`Revoked key ${key.id} (${key.name}).`);
      });
    });

  program
    .command('migrate')
    .description('Apply pending database migrations')
    .action(async () => {
      await withRuntime(async () => {
        console.log('Migrations are up to date.');
      });
    });

  program
    .command('worker')
    .description('Run import workers in this process until SIGTERM or SIGINT (any number can share one database)')
    .option('--concurrency <n>', 'imports run at once', (v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1 || n > 32) throw new InvalidArgumentError('must be a whole number from 1 to 32');
      return n;
    })
    .action(async (options: { concurrency?: number }) => {
      // Listen before starting up, so a signal during start-up (migrations) still stops cleanly.
      let signalled: (signal: string) => void = () => {};
      const stopSignal = new Promise<string>((resolve) => {
        signalled = resolve;
      });
      let signals = 0;
      const onSignal = (signal: string) => {
        if (++signals === 1) return signalled(signal);
        // A second signal: stop now. The batches in flight roll back and resume elsewhere.
        console.error(`${signal} again: exiting without waiting`);
        process.exit(1);
      };
      process.on('SIGTERM', () => onSignal('SIGTERM'));
      process.on('SIGINT', () => onSignal('SIGINT'));

      const [{ readEnv }, { openRuntime }, { ImportEvents }, { startImportWorker }, { createLogger, lineLogger }] = await Promise.all([
        import('../env'),
        import('../runtime'),
        import('../events'),
        import('../worker'),
        import('../log'),
      ]);
      const env = readEnv();
      // The same structured logs as the API processes (JSON lines unless at a terminal).
      const base = createLogger({ level: env.ROSTER_LOG_LEVEL ?? 'info', format: env.ROSTER_LOG_FORMAT ?? (process.stdout.isTTY ? 'pretty' : 'json') });
      const logger = base.child({ component: 'worker' });
      const runtime = await openRuntime(env);
      const events = new ImportEvents(runtime.db.url, lineLogger(base, 'events'));
      await events.start();
      const concurrency = options.concurrency ?? Math.max(1, env.ROSTER_IMPORT_CONCURRENCY);
      const worker = startImportWorker({ url: runtime.db.url, concurrency, events, log: lineLogger(base, 'worker'), stopTimeoutMs: env.ROSTER_SHUTDOWN_TIMEOUT_MS });
      logger.info({ concurrency }, `Import worker running (${concurrency} at once); SIGTERM stops it between batches.`);
      const signal = await stopSignal;
      logger.info({ signal }, `${signal}: stopping imports between batches (they resume in the next worker)`);
      await worker.stop();
      await events.stop();
      await runtime.close();
      logger.info('Import worker stopped.');
      // Nothing may keep a stopped worker alive (a socket, a timer): it has handed everything back.
      process.exit(0);
    });
}
