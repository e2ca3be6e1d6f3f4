import { createApp } from './app';
import { bootstrapKeys } from './bootstrap';
import { EnvError, readEnv } from './env';
import { ImportEvents } from './events';
import { openRuntime } from './runtime';
import { startImportWorker } from './worker';

async function main(): Promise<void> {
  const env = readEnv();
  const runtime = await openRuntime(env);
  const firstKey = await bootstrapKeys(runtime.orm.em.fork(), env.ROSTER_API_KEY);
  const log = (message: string) => console.error(message);
  const importEvents = new ImportEvents(runtime.db.url, log);
  await importEvents.start();
  const worker =
    env.ROSTER_IMPORT_CONCURRENCY > 0
      ? startImportWorker({ url: runtime.db.url, concurrency: env.ROSTER_IMPORT_CONCURRENCY, events: importEvents, log })
      : null;
  const app = createApp(runtime.orm, env, { importEvents });
  await new Promise<void>((resolve, reject) => {
    app.server.once('error', reject);
    app.server.listen(env.PORT, env.HOST, resolve);
  });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : env.PORT;
  console.log(`Roster is listening on http://${env.HOST}:${port} (GraphQL at /graphql)`);
  if (worker) console.log(`Import workers: ${env.ROSTER_IMPORT_CONCURRENCY} in this process`);
  if (firstKey) {
    console.log('No API key existed, so one was created for the team "default". It is shown only this once:');
    console.log(firstKey);
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: finishing in-flight requests, then stopping`);
    try {
      // Running imports stop between batches and resume wherever a worker runs next.
      await Promise.all([app.close(), worker?.stop()]);
      await importEvents.stop();
      await runtime.close();
      process.exit(0);
    } catch (error) {
      console.error('Stopping failed:', error);
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
