import { createApp } from '@roster/server/app';
import { readEnv } from '@roster/server/env';
import { initOrm } from '@roster/server/orm';
import { serveChild } from '../api/child';

// The real Roster app with production settings, in a process of its own, with a rate limit the
// load cannot reach (every request still takes its token: the bucket statement is measured).
const orm = await initOrm(process.env.BENCH_DATABASE_URL ?? '', { poolMax: 10 });
const app = createApp(orm, readEnv({ NODE_ENV: 'production', ROSTER_RATE_LIMIT: process.env.BENCH_RATE_LIMIT ?? '100000' }));

await serveChild(app.server, async () => {
  await app.close();
  await orm.close(true);
});
