import { createApp } from './app';
import { bootstrapKeys } from './bootstrap';
import { EnvError, readEnv } from './env';
import { ImportEvents } from './events';
import { createLogger, lineLogger } from './log';
import { openRuntime } from './runtime';
import { startImportWorker } from './worker';

async function main(): Promise<void> {
  const env = readEnv();
  const logger = createLogger({ level: env.ROSTER_LOG_LEVEL ?? 'info', format: env.ROSTER_LOG_FORMAT ?? (process.stdout.isTTY ? 'pretty' : 'json') });
  const runtime = await openRuntime(env);
  const firstKey = await bootstrapKeys(runtime.orm.em.fork(), env.ROSTER_API_KEY);
  const importEvents = new ImportEvents(runtime.db.url, lineLogger(logger, 'events'));
  await importEvents.start();
  const worker =
    env.ROSTER_IMPORT_CONCURRENCY > 0
      ? startImportWorker({ url: runtime.db.url, concurrency: env.ROSTER_IMPORT_CONCURRENCY, events: importEvents, log: lineLogger(logger, 'worker') })
      : null;
  const app = createApp(runtime.orm, env, { importEvents, logger });
  await new Promise<void>((resolve, reject) => {
    app.server.once('error', reject);
    app.server.listen(env.PORT, env.HOST, resolve);
  });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : env.PORT;
  const url = `http://${env.HOST}:${port}`;
  logger.info({ url, admin: `${url}/admin/`, graphql: `${url}/graphql`, importWorkers: worker ? env.ROSTER_IMPORT_CONCURRENCY : 0 }, `Roster is listening on ${url} (admin at ${url}/admin/, GraphQL at /graphql)`);
  if (firstKey) {
    // A secret, so not a log line (logs are shipped and kept): printed once for the person at the terminal.
    // One write, so no log line from stdout can land between the two lines.
    process.stderr.write(`No API key existed, so one was created for the team "default". It is shown only this once:\n${firstKey}\n`);
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, `${signal}: finishing in-flight requests, then stopping`);
    try {
      // Running imports stop between batches and resume wherever a worker runs next.
      await Promise.all([app.close(), worker?.stop()]);
      await importEvents.stop();
      await runtime.close();
      process.exit(0);
    } catch (error) {
      logger.fatal(error, 'Stopping failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(error instanceof EnvError ? error.message : error);
  process.exit(1);
});
