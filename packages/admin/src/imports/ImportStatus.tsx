import type { ContactImportStatus } from '../gql/types';
import { formatNumber } from '../ui/format';
import './imports.css';

const STATUS: Record<ContactImportStatus, { label: string; tone: string }> = {
  QUEUED: { label: 'Queued', tone: 'info' },
  IN_PROGRESS: { label: 'Running', tone: 'info' },
  COMPLETED: { label: 'Completed', tone: 'ok' },
  FAILED: { label: 'Failed', tone: 'danger' },
  CANCELLED: { label: 'Cancelled', tone: 'warn' },
};

export const isRunning = (status: ContactImportStatus) => status === 'QUEUED' || status === 'IN_PROGRESS';

export function ImportStatusBadge({ status }: { status: ContactImportStatus }) {
  const { label, tone } = STATUS[status];
  return <span className={`badge ${tone}`}>{label}</span>;
}

interface Counts {
  created: number;
  updated: number;
  skipped: number;
  failed: number;
}

/** "480 created · 10 updated · 5 failed": the non-zero counts, or nothing yet. */
export function countsLine(counts: Counts): string {
  const parts = (['created', 'updated', 'skipped', 'failed'] as const).filter((k) => counts[k] > 0).map((k) => `${formatNumber(counts[k])} ${k}`);
  return parts.join(' · ');
}
