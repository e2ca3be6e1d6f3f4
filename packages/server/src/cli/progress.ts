import { basename } from 'node:path';
import cliProgress from 'cli-progress';
import type { ImportView } from './imports.api';
import { bytes, count, duration, note } from './output';

// Progress on stderr: a live bar on a terminal (cli-progress), occasional plain lines otherwise
// (logs, CI), so stdout carries only the result.

const BAR = { stream: process.stderr, barsize: 24, hideCursor: true, clearOnComplete: false, fps: 8 } as const;
const PLAIN_EVERY_MS = 10_000;

/** Rate and time left from the first observation, smoothed over the whole run. */
class Rate {
  private start: { at: number; value: number } | null = null;

  perSecond(value: number): number {
    const now = Date.now();
    if (!this.start || value < this.start.value) this.start = { at: now, value };
    const seconds = (now - this.start.at) / 1000;
    return seconds > 0.5 ? (value - this.start.value) / seconds : 0;
  }

  eta(value: number, total: number): string {
    const rate = this.perSecond(value);
    return rate > 0 && total > value ? duration(((total - value) / rate) * 1000) : value >= total && total > 0 ? '0s' : '…';
  }
}

export class UploadProgress {
  private readonly bar = process.stderr.isTTY ? new cliProgress.SingleBar({ ...BAR, format: 'Uploading {bar} {percentage}% | {done} of {size} | {speed}/s | ETA {eta_text}' }, cliProgress.Presets.shades_classic) : null;
  private readonly rate = new Rate();
  private readonly started = Date.now();

  constructor(
    private readonly file: string,
    private readonly size: number,
  ) {
    if (this.bar) this.bar.start(Math.max(size, 1), 0, this.payload(0));
    else note(`Uploading ${basename(file)} (${bytes(size)})…`);
  }

  private payload(sent: number) {
    return { done: bytes(sent), size: bytes(this.size), speed: bytes(Math.round(this.rate.perSecond(sent))), eta_text: this.rate.eta(sent, this.size) };
  }

  update(sent: number): void {
    this.bar?.update(sent, this.payload(sent));
  }

  stop(): void {
    this.bar?.stop();
    note(`Uploaded ${basename(this.file)} (${bytes(this.size)}) in ${duration(Date.now() - this.started)}; the server is checking it…`);
  }

  fail(): void {
    this.bar?.stop();
  }
}

const STATUS_TEXT: Record<ImportView['status'], string> = {
  queued: 'Queued, waiting for a worker',
  in_progress: 'Importing',
  completed: 'Completed',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

function countsText({ counts }: ImportView): string {
  return `created ${count(counts.created)} · updated ${count(counts.updated)} · skipped ${count(counts.skipped)} · failed ${count(counts.failed)}`;
}

/** The import's live state: processed rows of the rows read so far, rows/s, time left and the counts. */
export class ImportProgressView {
  private readonly tty = process.stderr.isTTY === true;
  private bar: cliProgress.SingleBar | null = null;
  private rate = new Rate();
  private last: ImportView | null = null;
  private lastStatus: string | null = null;
  private lastPlain = 0;

  private total(state: ImportView): number {
    return Math.max(state.stagedRows, state.counts.total, 1);
  }

  private payload(state: ImportView) {
    const total = this.total(state);
    return {
      status: STATUS_TEXT[state.status],
      rows: count(state.counts.total),
      total_rows: state.stagedRows > 0 ? count(total) : '?',
      rate: count(Math.round(this.rate.perSecond(state.counts.total))),
      eta_text: this.rate.eta(state.counts.total, total),
      counts: countsText(state),
    };
  }

  update(state: ImportView): void {
    // Rows per second count from the start of the work, not from the wait in the queue.
    if (state.status === 'in_progress' && this.last?.status !== 'in_progress') this.rate = new Rate();
    this.last = state;
    if (this.tty) {
      if (!this.bar) {
        this.bar = new cliProgress.SingleBar(
          { ...BAR, format: '{status} {bar} {percentage}% | {rows}/{total_rows} rows | {rate} rows/s | ETA {eta_text} | {counts}' },
          cliProgress.Presets.shades_classic,
        );
        this.bar.start(this.total(state), state.counts.total, this.payload(state));
      } else {
        this.bar.setTotal(this.total(state));
        this.bar.update(state.counts.total, this.payload(state));
      }
      return;
    }
    const now = Date.now();
    if (state.status !== this.lastStatus || now - this.lastPlain >= PLAIN_EVERY_MS) {
      this.lastStatus = state.status;
      this.lastPlain = now;
      const p = this.payload(state);
      note(`${p.status}: ${p.rows}/${p.total_rows} rows (${p.rate} rows/s) | ${p.counts}`);
    }
  }

  /** Stops drawing (for a prompt, or at the end). */
  pause(): void {
    if (this.bar) {
      this.bar.stop();
      this.bar = null;
    }
  }

  resume(): void {
    if (this.last) this.update(this.last);
  }
}
