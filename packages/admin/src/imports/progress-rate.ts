import type { ContactImportStatus } from '../gql/types';

// Speed and time left of a running import, from the states the progress subscription delivers.
// The rate is measured over a sliding window so that it follows the import's current pace rather
// than its average since the start (which includes the time spent reading the file).

export interface ProgressSample {
  /** Milliseconds (Date.now() or performance.now()). */
  at: number;
  /** Rows processed so far. */
  processed: number;
}

export const RATE_WINDOW_MS = 15_000;

/** Adds a sample, keeping those within `windowMs` of it (and at least the one before it). */
export function addSample(samples: readonly ProgressSample[], sample: ProgressSample, windowMs = RATE_WINDOW_MS): ProgressSample[] {
  // A count that went backwards means another import or a restart: start over.
  const last = samples.at(-1);
  if (last && (sample.processed < last.processed || sample.at < last.at)) return [sample];
  if (last && sample.processed === last.processed) return [...samples];
  const kept = samples.filter((s) => sample.at - s.at <= windowMs);
  const before = samples.filter((s) => sample.at - s.at > windowMs).at(-1);
  return [...(before ? [before] : []), ...kept, sample];
}

/** Rows per second over the samples, or null until two samples at least 200 ms apart exist. */
export function rowsPerSecond(samples: readonly ProgressSample[]): number | null {
  const first = samples[0];
  const last = samples.at(-1);
  if (!first || !last || last.at - first.at < 200 || last.processed <= first.processed) return null;
  return ((last.processed - first.processed) * 1000) / (last.at - first.at);
}

/** Seconds until `total` rows are processed at `rate`, or null when unknown. */
export function secondsLeft(rate: number | null, processed: number, total: number): number | null {
  if (rate === null || rate <= 0 || total <= 0) return null;
  return Math.max(0, (total - processed) / rate);
}

/** Average rows per second of a finished import, from its start and end times. */
export function averageRate(total: number, startedAt: string | null | undefined, completedAt: string | null | undefined): number | null {
  if (!startedAt || !completedAt) return null;
  const seconds = (Date.parse(completedAt) - Date.parse(startedAt)) / 1000;
  return seconds > 0 ? total / seconds : null;
}

export type ImportPhase = 'queued' | 'reading' | 'importing' | 'ended';

/**
 * Where a running import is: the worker first reads the whole file (stagedRows grows, nothing is
 * processed yet), then merges it batch by batch (counts.total grows up to stagedRows).
 */
export function phaseOf(status: ContactImportStatus, processed: number): ImportPhase {
  if (status === 'QUEUED') return 'queued';
  if (status !== 'IN_PROGRESS') return 'ended';
  return processed > 0 ? 'importing' : 'reading';
}

/** Share of rows processed, 0 to 1; null while the total is unknown (reading). */
export function fractionDone(phase: ImportPhase, processed: number, stagedRows: number): number | null {
  if (phase === 'ended') return stagedRows > 0 ? Math.min(1, processed / stagedRows) : 1;
  if (phase === 'queued') return 0;
  if (phase === 'reading' || stagedRows <= 0) return null;
  return Math.min(1, processed / stagedRows);
}

const RANK: Record<ContactImportStatus, number> = { QUEUED: 0, IN_PROGRESS: 1, COMPLETED: 2, FAILED: 2, CANCELLED: 2 };

interface ImportState {
  status: ContactImportStatus;
  stagedRows: number;
  counts: { total: number };
}

/**
 * The later of two states of one import (from the query, the subscription or a cancel): an
 * import only moves forward (status, rows read, rows processed); on a tie, `b`, the newer answer.
 */
export function laterState<T extends ImportState>(a: T | null | undefined, b: T | null | undefined): T | null {
  if (!a) return b ?? null;
  if (!b) return a;
  const key = (s: T) => [RANK[s.status], s.counts.total, s.stagedRows];
  const [ka, kb] = [key(a), key(b)];
  for (let i = 0; i < ka.length; i++) {
    if (ka[i]! > kb[i]!) return a;
    if (ka[i]! < kb[i]!) return b;
  }
  return b;
}
