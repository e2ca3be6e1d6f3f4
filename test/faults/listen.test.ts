import { type Socket, connect, createServer } from 'node:net';
import { IMPORT_CHANNEL } from '@roster/schema/imports/import.service';
import { ImportEvents } from '@roster/server/events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Roster, freshDatabase, startRoster } from '../src/harness';
import { type Db, expectFollowedToTheEnd, expectImported, follow, generate, openDb, teamKeys, upload } from './import-check';
import { cleanUpProcesses, startWorker, terminate } from './processes';

// The LISTEN relay that carries import wake-ups between processes (checklist S9): its connection
// terminated by the database, or gone silent (half-open TCP), and it listens again. The API runs in
// this process, so what its relay receives can be watched; the import runs in a `roster worker`.

// Generous: these tests wait on conditions, and a loaded two-core machine is slow at them.
const LONG = 300_000;
cleanUpProcesses('each');

let api: Roster;
let db: Db;
let dbUrl: string;

beforeAll(async () => {
  dbUrl = await freshDatabase();
  api = await startRoster({ workers: 0, dbUrl });
  db = openDb(dbUrl);
});
afterAll(async () => {
  await db?.close();
  await api?.close();
});

describe('the LISTEN relay', () => {
  it('reconnects after its connection is terminated, and the subscriber sees the import to its end', async () => {
    const { key, teamId } = (await teamKeys(dbUrl, ['listen'])).get('listen')!;
    const expected = generate(60_000, 'listen');
    const id = await upload(api, key, expected);
    const worker = await startWorker('listen-worker', dbUrl);

    let terminatedAt = 0;
    let terminating: Promise<number> | null = null;
    let afterTermination = 0;
    const relayed: number[] = [];
    const off = api.importEvents.onAny((payload) => {
      if (payload === id && terminatedAt) relayed.push(Date.now());
    });
    const listeners = () => db.query<{ pid: number }>(`select pid from pg_stat_activity where datname = current_database() and query ilike 'listen %'`);
    const followed = await follow(api, key, id, (event) => {
      if (terminatedAt) afterTermination++;
      else if (!terminating && event.status === 'IN_PROGRESS' && event.counts.total > 0) {
        terminating = db
          .query(`select pg_terminate_backend(pid) as ok from pg_stat_activity where datname = current_database() and query ilike 'listen %'`)
          .then((rows) => {
            terminatedAt = Date.now();
            return rows.length;
          });
      }
    });
    off();
    expect(await terminating).toBeGreaterThanOrEqual(2); // this process's relay and the worker's
    expectFollowedToTheEnd(followed, expected);
    expect(afterTermination).toBeGreaterThan(1);
    // This process's relay is back: notifications from the worker arrived after the termination.
    expect(relayed.length).toBeGreaterThan(0);
    expect(api.importEvents.connected).toBe(true);
    expect((await listeners()).length).toBeGreaterThanOrEqual(2);
    await expectImported(db, id, teamId, expected);
    expect(worker.alive()).toBe(true);
    expect(await terminate(worker)).toBe(0);
  }, LONG);

  it('drops a LISTEN connection that went silent (half-open) and listens again on a new one', async () => {
    // A TCP proxy to PostgreSQL whose open connections can be made to swallow every byte.
    const target = new URL(dbUrl);
    const sockets: Socket[] = [];
    let silent = false;
    const proxy = createServer((inbound) => {
      const outbound = connect(Number(target.port), target.hostname);
      sockets.push(inbound, outbound);
      inbound.on('data', (data) => silent || outbound.write(data));
      outbound.on('data', (data) => silent || inbound.write(data));
      inbound.on('error', () => outbound.destroy());
      outbound.on('error', () => inbound.destroy());
      inbound.on('close', () => outbound.destroy());
      outbound.on('close', () => inbound.destroy());
    });
    await new Promise<void>((done) => proxy.listen(0, '127.0.0.1', done));
    const proxied = new URL(dbUrl);
    proxied.hostname = '127.0.0.1';
    proxied.port = String((proxy.address() as { port: number }).port);
    const logs: string[] = [];
    const events = new ImportEvents(proxied.toString(), (line) => logs.push(line), { heartbeatMs: 200, timeoutMs: 500 });
    try {
      await events.start();
      expect(events.connected).toBe(true);
      const announced = (payload: string) =>
        new Promise<void>((done) => {
          const off = events.onAny((id) => {
            if (id === payload) {
              off();
              done();
            }
          });
        });
      const first = announced('before');
      await db.query('select pg_notify($1, $2)', [IMPORT_CHANNEL, 'before']);
      await first;

      // The connection goes silent: no error, no close, nothing arrives.
      const stale = sockets.length;
      silent = true;
      const deadline = Date.now() + 30_000;
      while (events.connected && Date.now() < deadline) await new Promise((next) => setTimeout(next, 20));
      expect(events.connected).toBe(false);
      // New connections through the proxy work again; the relay makes one and listens on it.
      silent = false;
      for (const socket of sockets.slice(0, stale)) socket.destroy();
      while (!events.connected && Date.now() < deadline) await new Promise((next) => setTimeout(next, 20));
      expect(events.connected).toBe(true);
      const after = announced('after');
      await db.query('select pg_notify($1, $2)', [IMPORT_CHANNEL, 'after']);
      await after;
      expect(logs.join('\n')).toMatch(/failed its check/);
    } finally {
      await events.stop();
      for (const socket of sockets) socket.destroy();
      await new Promise((done) => proxy.close(done));
    }
  }, LONG);
});
