import { useEffect, useId, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { errorMessage } from '../ui/errors';
import { formatBytes, formatDateTime, formatDuration, formatNumber } from '../ui/format';
import { EmptyState, ErrorNotice, Loading } from '../ui/states';
import { useDownload } from '../ui/useDownload';
import { ImportFailuresTable } from './ImportFailuresTable';
import { type ImportDetailFieldsFragment, useImportCancelMutation, useImportDetailQuery, useImportProgressSubscription } from './ImportDetailPage.generated';
import { ImportStatusBadge, isRunning } from './ImportStatus';
import { type ImportPhase, type ProgressSample, addSample, averageRate, fractionDone, laterState, phaseOf, rowsPerSecond, secondsLeft } from './progress-rate';
import './imports.css';

type Import = ImportDetailFieldsFragment;

/** /imports/:id — live progress while the import runs, then its summary and the rows it did not take. */
export function ImportDetailPage() {
  const { id = '' } = useParams();
  // A new id is a new page: no state (samples, cancel result) carries over.
  return <ImportDetail key={id} id={id} />;
}

function ImportDetail({ id }: { id: string }) {
  const [{ data: queried, fetching, error }] = useImportDetailQuery({ variables: { id } });
  const initial = queried?.contactImport;
  const [{ data: live, error: liveError }] = useImportProgressSubscription({ variables: { id }, pause: !initial || !isRunning(initial.status) });
  const [cancelled, setCancelled] = useState<Import | null>(null);
  const record = laterState(laterState(initial, live?.importProgress), cancelled);

  if (!record) {
    if (fetching || (!queried && !error)) return <Loading label="Loading the import…" />;
    if (error) return <ErrorNotice message={errorMessage(error)} />;
    return (
      <EmptyState title="No such import">
        <p>
          It may belong to another team. <Link to="/imports">See all imports</Link>
        </p>
      </EmptyState>
    );
  }
  return <ImportView record={record} liveError={isRunning(record.status) ? errorMessage(liveError) : null} onCancelled={setCancelled} />;
}

function ImportView({ record, liveError, onCancelled }: { record: Import; liveError: string | null; onCancelled(record: Import): void }) {
  const running = isRunning(record.status);
  const title = record.fileName ?? 'CSV import';
  const notImported = record.counts.failed + record.counts.skipped;
  return (
    <div className="stack imp-detail">
      <div>
        <Link to="/imports" className="imp-back">
          ← All imports
        </Link>
        <div className="imp-title-row">
          <h1 className="imp-title">{title}</h1>
          <ImportStatusBadge status={record.status} />
        </div>
        <p className="muted imp-facts">
          {formatBytes(record.fileSize)} · uploaded {formatDateTime(record.createdAt)} · {record.onConflict === 'UPSERT' ? 'updates existing contacts' : 'leaves existing contacts alone'}
        </p>
      </div>
      <ErrorNotice message={liveError ? `Live progress stopped: ${liveError}. Reload the page to follow the import again.` : null} />
      {running ? <LiveProgress record={record} onCancelled={onCancelled} /> : <Summary record={record} />}
      {(running || record.counts.total > 0) && <Counts record={record} />}
      {!running && notImported > 0 && (
        <section className="stack" aria-labelledby="imp-failures-title">
          <div className="spread">
            <h2 id="imp-failures-title" className="imp-section-title">
              Rows not imported
            </h2>
            <DownloadFailures record={record} />
          </div>
          <p className="muted imp-lead">
            Failed rows had a problem with their values; skipped rows repeated an email{record.onConflict === 'SKIP' ? ' or belonged to a contact that already existed' : ''}. Fix the
            downloaded file and import it again.
          </p>
          <ImportFailuresTable importId={record.id} total={notImported} />
        </section>
      )}
      <MappingUsed record={record} />
      {!running && (
        <div className="row">
          <Link to="/imports/new" className="button primary">
            Import another file
          </Link>
          <Link to="/contacts" className="button">
            View contacts
          </Link>
        </div>
      )}
    </div>
  );
}

function LiveProgress({ record, onCancelled }: { record: Import; onCancelled(record: Import): void }) {
  const phase = phaseOf(record.status, record.counts.total);
  const measured = phase === 'reading' ? record.stagedRows : record.counts.total;
  const [samples, setSamples] = useState<ProgressSample[]>([]);
  const samplePhase = useRef<ImportPhase>(phase);
  useEffect(() => {
    const fresh = samplePhase.current !== phase;
    samplePhase.current = phase;
    setSamples((prev) => addSample(fresh ? [] : prev, { at: Date.now(), processed: measured }));
  }, [phase, measured]);
  const rate = rowsPerSecond(samples);
  const left = phase === 'importing' ? secondsLeft(rate, record.counts.total, record.stagedRows) : null;
  const fraction = fractionDone(phase, record.counts.total, record.stagedRows);
  const percent = fraction === null ? null : Math.floor(fraction * 100);
  const labelId = useId();

  let headline: string;
  if (phase === 'queued') headline = 'Waiting for a worker to start this import…';
  else if (phase === 'reading') headline = `Reading the file: ${formatNumber(record.stagedRows)} rows so far`;
  else headline = `Importing: ${formatNumber(record.counts.total)} of ${formatNumber(record.stagedRows)} rows`;

  return (
    <section className="card stack imp-live" aria-label="Progress">
      <div className="spread">
        <span id={labelId} className="imp-headline" aria-live="polite">
          {headline}
        </span>
        {percent !== null && phase !== 'queued' && <span className="imp-percent">{percent}%</span>}
      </div>
      <div
        className={percent === null ? 'progress imp-indeterminate' : 'progress'}
        role="progressbar"
        aria-labelledby={labelId}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent ?? undefined}
      >
        <span style={percent === null ? undefined : { width: `${percent}%` }} />
      </div>
      <div className="spread">
        <span className="muted imp-rate">
          {rate !== null ? `${formatNumber(Math.round(rate))} rows/s` : phase === 'queued' ? 'Not started yet' : 'Measuring speed…'}
          {left !== null && ` · about ${formatDuration(left)} left`}
        </span>
        <CancelImport id={record.id} queued={phase === 'queued'} onCancelled={onCancelled} />
      </div>
    </section>
  );
}

function CancelImport({ id, queued, onCancelled }: { id: string; queued: boolean; onCancelled(record: Import): void }) {
  const [open, setOpen] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [{ fetching }, cancel] = useImportCancelMutation();
  const confirm = async () => {
    const result = await cancel({ id });
    const answer = result.data?.cancelContactImport;
    if (answer?.__typename === 'ContactImport') {
      onCancelled(answer);
      setOpen(false);
    } else {
      setProblem(answer?.message ?? errorMessage(result.error) ?? 'The import could not be cancelled.');
    }
  };
  return (
    <>
      <button
        type="button"
        className="button small danger"
        onClick={() => {
          setProblem(null);
          setOpen(true);
        }}
      >
        Cancel import
      </button>
      <ConfirmDialog
        open={open}
        title="Cancel this import?"
        confirmLabel="Yes, cancel the import"
        danger
        busy={fetching}
        error={problem}
        onConfirm={confirm}
        onCancel={() => setOpen(false)}
      >
        <p>
          {queued
            ? 'Nothing has been imported yet; the uploaded file is deleted.'
            : 'The import stops after the batch it is working on. Contacts imported so far stay; the rest of the file is not imported.'}
        </p>
      </ConfirmDialog>
    </>
  );
}

function Summary({ record }: { record: Import }) {
  const { counts } = record;
  const seconds = record.startedAt && record.completedAt ? (Date.parse(record.completedAt) - Date.parse(record.startedAt)) / 1000 : null;
  const rate = averageRate(counts.total, record.startedAt, record.completedAt);
  if (record.status === 'FAILED') {
    return (
      <section className="card stack imp-summary failed" aria-label="Summary">
        <p className="imp-headline">The import failed{counts.total > 0 ? ` after ${formatNumber(counts.total)} rows` : ''}.</p>
        <p>{record.error ?? 'No reason was recorded.'}</p>
        {counts.total > 0 && <p className="muted">Contacts imported before the failure stay.</p>}
      </section>
    );
  }
  if (record.status === 'CANCELLED') {
    return (
      <section className="card stack imp-summary cancelled" aria-label="Summary">
        <p className="imp-headline">
          {counts.total > 0
            ? `Cancelled after ${formatNumber(counts.total)} of ${formatNumber(record.stagedRows)} rows; those stay imported.`
            : 'Cancelled before any row was imported.'}
        </p>
      </section>
    );
  }
  return (
    <section className="card stack imp-summary done" aria-label="Summary">
      <p className="imp-headline">
        Imported {formatNumber(counts.total)} row{counts.total === 1 ? '' : 's'}
        {seconds !== null && (seconds < 1 ? ' in under a second' : ` in ${formatDuration(seconds)}`)}
        {rate !== null && seconds !== null && seconds >= 1 && ` (${formatNumber(Math.round(rate))} rows/s)`}.
      </p>
      <p className="muted">
        {counts.failed + counts.skipped === 0
          ? 'Every row was imported.'
          : `${formatNumber(counts.failed)} row${counts.failed === 1 ? '' : 's'} failed and ${formatNumber(counts.skipped)} ${counts.skipped === 1 ? 'was' : 'were'} skipped; they are listed below.`}
      </p>
    </section>
  );
}

const COUNTS: { key: 'total' | 'created' | 'updated' | 'skipped' | 'failed'; label: string; tone?: string }[] = [
  { key: 'total', label: 'Processed' },
  { key: 'created', label: 'Created', tone: 'ok' },
  { key: 'updated', label: 'Updated', tone: 'info' },
  { key: 'skipped', label: 'Skipped', tone: 'warn' },
  { key: 'failed', label: 'Failed', tone: 'danger' },
];

function Counts({ record }: { record: Import }) {
  const id = useId();
  return (
    <div className="imp-counts">
      {COUNTS.map(({ key, label, tone }) => (
        // biome-ignore lint/a11y/useSemanticElements: a label and its number, not form controls (a fieldset would announce a form group)
        <div key={key} className={`card stat imp-count ${tone ?? ''}`} role="group" aria-labelledby={`${id}-${key}`}>
          <span id={`${id}-${key}`} className="imp-count-label">
            {label}
          </span>
          <span className="value">{formatNumber(record.counts[key])}</span>
          {key === 'total' && record.stagedRows > 0 && <span className="muted imp-of">of {formatNumber(record.stagedRows)}</span>}
        </div>
      ))}
    </div>
  );
}

function DownloadFailures({ record }: { record: Import }) {
  const download = useDownload();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const start = async () => {
    setBusy(true);
    setProblem(await download(`/contacts/imports/${encodeURIComponent(record.id)}/failures.csv`, `${(record.fileName ?? 'import').replace(/\.[^.]+$/, '')}-not-imported.csv`));
    setBusy(false);
  };
  return (
    <div className="stack imp-download">
      <button type="button" className="button" disabled={busy} onClick={start}>
        {busy ? 'Preparing…' : 'Download failed rows (CSV)'}
      </button>
      <ErrorNotice message={problem} />
    </div>
  );
}

function MappingUsed({ record }: { record: Import }) {
  const map = record.columnMap;
  const lines: [string, string][] = [[map.email, 'Email']];
  if (map.firstName) lines.push([map.firstName, 'First name']);
  if (map.lastName) lines.push([map.lastName, 'Last name']);
  if (map.unsubscribed) lines.push([map.unsubscribed, 'Unsubscribed']);
  for (const p of map.properties) lines.push([p.column, `Property ${p.key} (${p.type.toLowerCase()})`]);
  return (
    <details className="card imp-mapping-used">
      <summary>How the columns were imported</summary>
      <ul className="imp-plain">
        {lines.map(([column, target]) => (
          <li key={column}>
            <span className="imp-mono">{column}</span> → {target}
          </li>
        ))}
      </ul>
      {record.segmentIds.length > 0 && <p className="muted">Added to {record.segmentIds.length === 1 ? 'one segment' : `${record.segmentIds.length} segments`}.</p>}
    </details>
  );
}
