import { writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { Session } from 'node:inspector/promises';
import type { AddressInfo } from 'node:net';

/** What a server child tells the benchmark over IPC. */
export type ChildMessage = { type: 'ready'; port: number } | { type: 'cpu'; micros: number } | { type: 'profiling' } | { type: 'profiled'; file: string };
/** What the benchmark asks a server child. */
export type ParentMessage = { type: 'cpu' } | { type: 'profile-start' } | { type: 'profile-stop'; file: string } | { type: 'stop' };

/**
 * Listens on an ephemeral port, reports it, answers CPU-usage probes (so the benchmark can charge
 * server CPU per request), records a V8 CPU profile between two messages (so start-up and warm-up
 * stay out of it) and stops cleanly on request.
 */
export async function serveChild(server: Server, close: () => Promise<void>): Promise<void> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const send = (message: ChildMessage) => process.send?.(message);
  send({ type: 'ready', port: (server.address() as AddressInfo).port });
  const session = new Session();
  process.on('message', async (message: ParentMessage) => {
    if (message.type === 'cpu') {
      const { user, system } = process.cpuUsage();
      send({ type: 'cpu', micros: user + system });
    } else if (message.type === 'profile-start') {
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.setSamplingInterval', { interval: 100 });
      await session.post('Profiler.start');
      send({ type: 'profiling' });
    } else if (message.type === 'profile-stop') {
      const { profile } = await session.post('Profiler.stop');
      session.disconnect();
      writeFileSync(message.file, JSON.stringify(profile));
      send({ type: 'profiled', file: message.file });
    } else if (message.type === 'stop') {
      void close().then(() => process.exit(0));
    }
  });
  // An orphaned child (the benchmark crashed) must not keep running.
  process.on('disconnect', () => process.exit(0));
}
