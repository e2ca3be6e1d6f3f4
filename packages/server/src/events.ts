import { EventEmitter } from 'node:events';
import { IMPORT_CHANNEL } from '@roster/schema/imports/import.service';
import pg from 'pg';
import { KEEPALIVE } from './worker';

export interface ImportEventsOptions {
  /** How often the LISTEN connection is checked with a query (a silent half-open one never errors). */
  heartbeatMs?: number;
  /** How long that check, or connecting, may take before the connection is dropped and remade. */
  timeoutMs?: number;
}

/**
 * One dedicated LISTEN connection per process relaying import wake-ups to local waiters. It
 * reconnects on its own (a terminated backend, a database restart, or a connection that went
 * silent) and, on reconnect, wakes every waiter so they re-read state they may have missed.
 * Payloads are ids only; state is read from the database.
 */
export class ImportEvents {
  private readonly emitter = new EventEmitter().setMaxListeners(0);
  private client: pg.Client | null = null;
  private stopped = false;
  private retryMs = 250;
  private heartbeat: NodeJS.Timeout | null = null;
  private readonly heartbeatMs: number;
  private readonly timeoutMs: number;

  constructor(
    private readonly url: string,
    private readonly log: (message: string) => void = () => {},
    options: ImportEventsOptions = {},
  ) {
    this.heartbeatMs = options.heartbeatMs ?? 10_000;
    this.timeoutMs = options.timeoutMs ?? 5_000;
  }

  async start(): Promise<void> {
    await this.connect().catch((error) => {
      this.log(`import events: ${error instanceof Error ? error.message : error}; retrying`);
      this.scheduleReconnect();
    });
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.url,
      connectionTimeoutMillis: this.timeoutMs,
      application_name: 'roster import events',
      ...KEEPALIVE,
    });
    client.on('error', () => this.dropped(client));
    client.on('end', () => this.dropped(client));
    client.on('notification', (message) => {
      if (message.payload) this.emitter.emit(message.payload);
      this.emitter.emit('*', message.payload);
    });
    try {
      await client.connect();
      await client.query(`listen ${IMPORT_CHANNEL}`);
    } catch (error) {
      // Never assigned, so its own events are ignored: close it here or it leaks.
      client.end().catch(() => {});
      throw error;
    }
    if (this.stopped) {
      await client.end().catch(() => {});
      return;
    }
    this.client = client;
    this.retryMs = 250;
    this.startHeartbeat(client);
    // Whatever was announced while no connection listened is re-read by every waiter.
    this.emitter.emit('resync');
    this.emitter.emit('*', undefined);
  }

  private startHeartbeat(client: pg.Client): void {
    this.stopHeartbeat();
    let checking = false;
    this.heartbeat = setInterval(() => {
      if (this.client !== client || checking) return;
      checking = true;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer in ${this.timeoutMs} ms`)), this.timeoutMs);
      });
      // LISTEN again (a no-op) rather than `select 1`, so the session still shows as a listener in
      // pg_stat_activity (query 'listen ...') to whoever looks for one there.
      Promise.race([client.query(`listen ${IMPORT_CHANNEL}`), timeout])
        .catch((error: unknown) => {
          this.log(`import events: the LISTEN connection failed its check (${error instanceof Error ? error.message : error}); reconnecting`);
          this.dropped(client);
        })
        .finally(() => {
          clearTimeout(timer);
          checking = false;
        });
    }, this.heartbeatMs);
    this.heartbeat.unref();
  }

  private stopHeartbeat(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
  }

  private dropped(client: pg.Client): void {
    if (this.client !== client) return;
    this.client = null;
    this.stopHeartbeat();
    // With a query still running (a silent connection), end() destroys the socket at once.
    client.end().catch(() => {});
    if (!this.stopped) this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    const delay = this.retryMs;
    this.retryMs = Math.min(this.retryMs * 2, 5000);
    setTimeout(() => {
      if (!this.stopped) void this.start();
    }, delay).unref();
  }

  /** Resolves at the next change of `importId` (or any wake-up), or after `timeoutMs`. */
  next(importId: string, timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.emitter.off(importId, done);
        this.emitter.off('resync', done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.emitter.on(importId, done);
      this.emitter.on('resync', done);
    });
  }

  /** Subscribes to every import id announced (the workers' wake-up); `undefined` after a reconnect. */
  onAny(listener: (importId: string | undefined) => void): () => void {
    this.emitter.on('*', listener);
    return () => this.emitter.off('*', listener);
  }

  listenerCount(importId: string): number {
    return this.emitter.listenerCount(importId);
  }

  /** Whether the LISTEN connection is up (for health checks and tests). */
  get connected(): boolean {
    return this.client !== null;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.stopHeartbeat();
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => {});
  }
}
