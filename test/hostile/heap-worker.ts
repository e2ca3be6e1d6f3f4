import { ImportEvents } from '@roster/server/events';
import { startImportWorker } from '@roster/server/worker';

// A bare import worker for csv-parsing.test.ts (C15), run as its own process with a capped heap
// (`node --max-old-space-size=N --import tsx heap-worker.ts <database url>`). It reports its memory
// on stdout as JSON lines, and stops between batches on SIGTERM.

const url = process.argv[2];
if (!url) throw new Error('usage: heap-worker.ts <database url>');

const events = new ImportEvents(url);
await events.start();
const worker = startImportWorker({ url, concurrency: 1, events, pollMs: 100 });
const report = () => {
  const { rss, heapUsed, heapTotal } = process.memoryUsage();
  process.stdout.write(`${JSON.stringify({ rss, heapUsed, heapTotal })}\n`);
};
const timer = setInterval(report, 100);
report();
process.once('SIGTERM', () => {
  clearInterval(timer);
  report();
  void worker
    .stop()
    .then(() => events.stop())
    .then(() => process.exit(0));
});
