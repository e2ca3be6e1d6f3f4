import { createApp } from '@roster/server/app';
import { readEnv } from '@roster/server/env';
import { initOrm } from '@roster/server/orm';
import { serveChild } from './child';

// The real Roster app with production settings, in a process of its own so the load generator
// does not share its event loop.
const orm = await initOrm(process.env.BENCH_DATABASE_URL ?? '', { poolMax: 10 });
const app = createApp(orm, readEnv({ NODE_ENV: 'production' }));

await serveChild(app.server, async () => {
  await app.close();
  await orm.close(true);
});
