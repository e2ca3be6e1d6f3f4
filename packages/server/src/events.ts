import { EventEmitter } from 'node:events';
import { IMPORT_CHANNEL } from '@roster/schema/imports/import.service';
import pg from 'pg';

/**
 * One dedicated LISTEN connection per process relaying import wake-ups to local waiters. It
 * reconnects on its own (a terminated backend or a database restart) and, on reconnect, wakes every
 * waiter so they re-read state they may have missed. Payloads are ids only; state is read from the
 * database.
 */
export class ImportEvents {
  private readonly emitter = new EventEmitter().setMaxListeners(0);
  private client: pg.Client | null = null;
  private stopped = false;
  private retryMs = 250;

  constructor(
    private readonly url: string,
    private readonly log: (message: string) => void = () => {},
  ) {}

  async start(): Promise<void> {
    await this.connect().catch((error) => {
      this.log(`import events: ${error instanceof Error ? error.message : error}; retrying`);
      this.scheduleReconnect();
    });
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url, keepAlive: true });
    client.on('error', () => this.dropped(client));
    client.on('end', () => this.dropped(client));
    client.on('notification', (message) => {
      if (message.payload) this.emitter.emit(message.payload);
      this.emitter.emit('*', message.payload);
    });
    await client.connect();
    await client.query(`listen ${IMPORT_CHANNEL}`);
    this.client = client;
    this.retryMs = 250;
    this.emitter.emit('resync');
  }

  private dropped(client: pg.Client): void {
    if (this.client !== client) return;
    this.client = null;
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

  /** Subscribes to every import id announced (the workers' wake-up). */
  onAny(listener: (importId: string | undefined) => void): () => void {
    this.emitter.on('*', listener);
    return () => this.emitter.off('*', listener);
  }

  listenerCount(importId: string): number {
    return this.emitter.listenerCount(importId);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => {});
  }
}
