import { createApp } from './app';
import { bootstrapKeys } from './bootstrap';
import { EnvError, readEnv } from './env';
import { openRuntime } from './runtime';

async function main(): Promise<void> {
  const env = readEnv();
  const runtime = await openRuntime(env);
  const firstKey = await bootstrapKeys(runtime.orm.em.fork(), env.ROSTER_API_KEY);
  const app = createApp(runtime.orm, env);
  await new Promise<void>((resolve, reject) => {
    app.server.once('error', reject);
    app.server.listen(env.PORT, env.HOST, resolve);
  });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : env.PORT;
  console.log(`Roster is listening on http://${env.HOST}:${port} (GraphQL at /graphql)`);
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
      await app.close();
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
