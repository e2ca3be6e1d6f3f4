import type { IncomingMessage, ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import type pg from 'pg';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Orm } from './orm';
import { sendJson } from './respond';

/**
 * Prometheus metrics for one process (prom-client: the exposition format, histograms and the
 * process/GC defaults done right). Request metrics are labelled by operation: the GraphQL
 * operation name, the REST route pattern (`GET /contacts/{c}`), or the fixed path.
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly requests: Counter<'operation' | 'status'>;
  private readonly latency: Histogram<'operation'>;
  private readonly subscriptions: Gauge;
  private lastRows: { at: number; rows: number } | null = null;
  private readonly counterChildren = new Map<string, Counter.Internal>();
  private readonly latencyChildren = new Map<string, Histogram.Internal<'operation'>>();

  constructor(sources: { orm: Orm; pools?: Record<string, pg.Pool> }) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'roster_' });
    this.requests = new Counter({ name: 'roster_http_requests_total', help: 'HTTP requests answered, by operation and status', labelNames: ['operation', 'status'], registers });
    this.latency = new Histogram({
      name: 'roster_http_request_duration_seconds',
      help: 'Time to answer a request, by operation',
      labelNames: ['operation'],
      buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
      registers,
    });
    this.subscriptions = new Gauge({ name: 'roster_open_subscriptions', help: 'importProgress streams open on this process', registers });

    const connection = () => sources.orm.em.getConnection();
    const metrics = this;
    new Gauge({
      name: 'roster_imports',
      help: 'Imports by status, across all processes (queue depth: queued; running: in_progress)',
      labelNames: ['status'],
      registers,
      async collect() {
        const rows = await connection().execute<{ status: string; n: string }[]>(
          "select status, count(*) as n from contact_import where status in ('queued', 'in_progress') group by status",
        );
        this.reset();
        this.set({ status: 'queued' }, 0);
        this.set({ status: 'in_progress' }, 0);
        for (const row of rows) this.set({ status: row.status }, Number(row.n));
      },
    });
    new Gauge({
      name: 'roster_import_rows_per_second',
      help: 'Rows processed per second by running imports, across all workers, since the last scrape',
      registers,
      async collect() {
        const [row] = await connection().execute<{ rows: string }[]>(
          "select coalesce(sum(created + updated + skipped + failed), 0) as rows from contact_import where status = 'in_progress' or completed_at > now() - interval '5 minutes'",
        );
        const now = Date.now();
        const rows = Number(row?.rows ?? 0);
        const last = metrics.lastRows;
        metrics.lastRows = { at: now, rows };
        this.set(last && rows >= last.rows && now > last.at ? ((rows - last.rows) * 1000) / (now - last.at) : 0);
      },
    });
    new Gauge({
      name: 'roster_db_pool_connections',
      help: 'Database pool connections by pool and state',
      labelNames: ['pool', 'state'],
      registers,
      collect() {
        this.reset();
        const knexPool = (connection().getKnex().client as { pool?: { numUsed(): number; numFree(): number; numPendingAcquires(): number } }).pool;
        if (knexPool) {
          this.set({ pool: 'orm', state: 'used' }, knexPool.numUsed());
          this.set({ pool: 'orm', state: 'idle' }, knexPool.numFree());
          this.set({ pool: 'orm', state: 'waiting' }, knexPool.numPendingAcquires());
        }
        for (const [name, pool] of Object.entries(sources.pools ?? {})) {
          this.set({ pool: name, state: 'used' }, pool.totalCount - pool.idleCount);
          this.set({ pool: name, state: 'idle' }, pool.idleCount);
          this.set({ pool: name, state: 'waiting' }, pool.waitingCount);
        }
      },
    });
  }

  /** Records the request once its answer is sent; `operation()` is read then, when it is known. */
  observe(res: ServerResponse, operation: () => string): void {
    const start = process.hrtime.bigint();
    res.once('finish', () => {
      const op = operation();
      // Label sets are bounded (operations and statuses), so their children are kept: hashing
      // labels on every request costs more than the counting itself.
      const key = `${op}\u0000${res.statusCode}`;
      let counter = this.counterChildren.get(key);
      if (!counter) {
        counter = this.requests.labels(op, String(res.statusCode));
        this.counterChildren.set(key, counter);
      }
      let histogram = this.latencyChildren.get(op);
      if (!histogram) {
        histogram = this.latency.labels(op);
        this.latencyChildren.set(op, histogram);
      }
      counter.inc();
      histogram.observe(Number(process.hrtime.bigint() - start) / 1e9);
    });
  }

  subscriptionOpened(): () => void {
    this.subscriptions.inc();
    let closed = false;
    return () => {
      if (closed) return;
      closed = true;
      this.subscriptions.dec();
    };
  }
}

/** `GET /metrics`: Prometheus text, only for `Authorization: Bearer <ROSTER_METRICS_TOKEN>`. */
export async function serveMetrics(metrics: Metrics, token: string | undefined, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (!token) {
    sendJson(res, 404, { statusCode: 404, name: 'not_found', message: 'Metrics are off. Set ROSTER_METRICS_TOKEN to serve them at /metrics.' });
    return;
  }
  const given = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? '';
  const expected = Buffer.from(token);
  const actual = Buffer.from(given);
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) {
    sendJson(res, 401, { statusCode: 401, name: 'invalid_metrics_token', message: 'GET /metrics needs "Authorization: Bearer <ROSTER_METRICS_TOKEN>".' }, { 'www-authenticate': 'Bearer' });
    return;
  }
  const body = await metrics.registry.metrics();
  res.writeHead(200, { 'content-type': metrics.registry.contentType, 'cache-control': 'no-store' });
  res.end(body);
}
