import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useClient } from 'urql';
import { useAuth } from '../auth';
import { formatBytes } from '../ui/format';
import { ErrorNotice } from '../ui/states';
import { type KnownProperty, type MappedColumn, initialColumns, issueColumn, knownProperties, mappingIssues, toColumnMap } from './column-mapping';
import { MAX_IMPORT_BYTES, fileProblem, readHead } from './file-sniff';
import { FileStep, type PickedFile } from './FileStep';
import { ImportSuggestMappingDocument, type ImportSuggestMappingQuery, type ImportSuggestMappingQueryVariables, useImportWizardChoicesQuery } from './ImportWizardPage.generated';
import { MappingStep } from './MappingStep';
import { type ImportOptions, OptionsStep } from './OptionsStep';
import { ReviewStep } from './ReviewStep';
import { type Step, stepOf, type UploadHandle, type UploadOutcome, uploadImport } from './upload';
import './imports.css';

const STEPS: { id: Step; label: string; title: string }[] = [
  { id: 'file', label: 'File', title: 'Your CSV file' },
  { id: 'mapping', label: 'Columns', title: 'Map the columns' },
  { id: 'options', label: 'Options', title: 'Choose what happens to the contacts' },
  { id: 'review', label: 'Review', title: 'Review and start' },
];
const SAMPLE_ROWS = 50;

type Suggestions = ImportSuggestMappingQuery['suggestColumnMapping'];
interface ServerIssue {
  step: Step;
  column: number | null;
  message: string;
}

/**
 * /imports/new: a four-step wizard (file, columns, options, review). The file is only sliced in
 * the browser for its header and first rows; it is uploaded once, at the end, with progress.
 */
export function ImportWizardPage() {
  const client = useClient();
  const navigate = useNavigate();
  const { apiKey } = useAuth();
  const [{ data: choices, error: choicesError }] = useImportWizardChoicesQuery();
  // The server's own limit (ROSTER_MAX_IMPORT_BYTES), the default until it has answered.
  const maxBytes = choices?.importMaxFileBytes ?? MAX_IMPORT_BYTES;

  const [step, setStep] = useState<Step>('file');
  const [picked, setPicked] = useState<PickedFile | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [reading, setReading] = useState(false);
  const [suggestions, setSuggestions] = useState<Suggestions>([]);
  const [suggestNote, setSuggestNote] = useState<string | null>(null);
  const [columns, setColumns] = useState<MappedColumn[]>([]);
  const [options, setOptions] = useState<ImportOptions>({ segmentIds: [], topics: {}, onConflict: 'UPSERT' });
  const [showIssues, setShowIssues] = useState(false);
  const [serverIssues, setServerIssues] = useState<ServerIssue[]>([]);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [progress, setProgress] = useState<{ sent: number; total: number } | null>(null);
  const upload = useRef<UploadHandle | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const pickToken = useRef(0);

  const known: KnownProperty[] = useMemo(
    () => knownProperties(choices?.contactProperties.edges.map((e) => ({ key: e.node.key, type: e.node.type })) ?? [], suggestions),
    [choices, suggestions],
  );
  const clientIssues = useMemo(() => mappingIssues(columns, known), [columns, known]);
  const segments = choices?.segments.edges.map((e) => e.node) ?? [];
  const topics = choices?.topics.edges.map((e) => e.node) ?? [];
  const uploading = progress !== null;

  // Leaving the page mid-upload loses it: let the browser ask first.
  useEffect(() => {
    if (!uploading) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [uploading]);
  useEffect(() => () => upload.current?.abort(), []);

  const goTo = (next: Step) => {
    setStep(next);
    setShowIssues(false);
    // The step's heading takes the focus, so a screen reader announces where the user is.
    requestAnimationFrame(() => heading.current?.focus());
  };

  async function pickFile(file: File) {
    const token = ++pickToken.current;
    setServerIssues([]);
    setUploadError(null);
    const refused = fileProblem(file, maxBytes);
    if (refused) {
      setFileError(refused);
      return;
    }
    setReading(true);
    setFileError(null);
    try {
      const sniffed = await readHead(file);
      if (token !== pickToken.current) return;
      if (sniffed.problem) {
        setFileError(sniffed.problem);
        setPicked(null);
        return;
      }
      if (sniffed.complete && sniffed.rows.length === 0) {
        setFileError(`"${file.name}" has a header row but no contacts under it.`);
        setPicked(null);
        return;
      }
      setPicked({ file, sniffed });
      const answer = await client
        .query<ImportSuggestMappingQuery, ImportSuggestMappingQueryVariables>(
          ImportSuggestMappingDocument,
          { headers: sniffed.headers, sampleRows: sniffed.rows.slice(0, SAMPLE_ROWS).map((row) => sniffed.headers.map((_, i) => row[i] ?? '')) },
          { requestPolicy: 'network-only' },
        )
        .toPromise();
      if (token !== pickToken.current) return;
      const suggested = answer.data?.suggestColumnMapping ?? [];
      setSuggestions(suggested);
      setSuggestNote(answer.error ? 'Roster could not suggest a mapping for this file; choose each column by hand.' : null);
      setColumns(initialColumns(sniffed.headers, suggested));
    } catch {
      if (token === pickToken.current) setFileError(`"${file.name}" could not be read. Check that the file is still there and try again.`);
    } finally {
      if (token === pickToken.current) setReading(false);
    }
  }

  function next() {
    if (step === 'file') {
      if (!picked || reading) {
        // A refusal already on screen says more than "choose a file".
        setFileError((shown) => (reading ? 'The file is still being read.' : (shown ?? 'Choose a CSV file first.')));
        return;
      }
      goTo('mapping');
    } else if (step === 'mapping') {
      setServerIssues((issues) => issues.filter((i) => i.step !== 'mapping'));
      if (clientIssues.length > 0) {
        setShowIssues(true);
        return;
      }
      goTo('options');
    } else if (step === 'options') {
      setServerIssues((issues) => issues.filter((i) => i.step !== 'options'));
      goTo('review');
    }
  }

  async function start() {
    if (!picked || !apiKey || uploading) return;
    setUploadError(null);
    setServerIssues([]);
    setProgress({ sent: 0, total: picked.file.size });
    const variables = {
      columnMap: toColumnMap(columns, known),
      onConflict: options.onConflict,
      segments: options.segmentIds,
      topics: Object.entries(options.topics).map(([id, subscription]) => ({ id, subscription })),
    };
    upload.current = uploadImport(apiKey, variables, picked.file, (sent, total) => setProgress({ sent, total }));
    const outcome: UploadOutcome = await upload.current.done;
    upload.current = null;
    setProgress(null);
    switch (outcome.kind) {
      case 'created':
        navigate(`/imports/${outcome.id}`, { state: { justStarted: true } });
        return;
      case 'tooLarge':
        setFileError(`${outcome.message.replace(/\.$/, '')}. Split the file and import the parts one after the other.`);
        goTo('file');
        return;
      case 'invalid': {
        const issues = outcome.issues.map((i) => ({ step: stepOf(i.path), column: issueColumn(columns, i.path), message: i.message }));
        setServerIssues(issues);
        const first = STEPS.find((s) => issues.some((i) => i.step === s.id))?.id ?? 'review';
        if (first === 'file') setFileError(issues.filter((i) => i.step === 'file').map((i) => i.message).join(' '));
        if (first === 'review') setUploadError(outcome.message);
        goTo(first);
        return;
      }
      case 'failed':
        setUploadError(outcome.message);
    }
  }

  const stepIndex = STEPS.findIndex((s) => s.id === step);
  const current = STEPS[stepIndex]!;
  // Issues per column for the mapping step: the client's once Continue was pressed, the server's always.
  const columnIssues = new Map<number | null, string[]>();
  for (const issue of [...(showIssues ? clientIssues : []), ...serverIssues.filter((i) => i.step === 'mapping')]) {
    columnIssues.set(issue.column, [...(columnIssues.get(issue.column) ?? []), issue.message]);
  }

  return (
    <div className="imp-wizard">
      <div className="spread">
        <h1>Import contacts from CSV</h1>
        <Link to="/imports" className="button ghost">
          Cancel
        </Link>
      </div>
      <ol className="imp-steps" aria-label="Steps">
        {STEPS.map((s, i) => {
          const reachable = i < stepIndex && !uploading;
          return (
            <li key={s.id} className={i === stepIndex ? 'current' : i < stepIndex ? 'done' : ''} aria-current={i === stepIndex ? 'step' : undefined}>
              {reachable ? (
                <button type="button" className="imp-step-link" onClick={() => goTo(s.id)}>
                  <span className="imp-step-number">{i + 1}</span> <span className="imp-step-label">{s.label}</span>
                </button>
              ) : (
                <span>
                  <span className="imp-step-number">{i + 1}</span> <span className="imp-step-label">{s.label}</span>
                </span>
              )}
            </li>
          );
        })}
      </ol>
      <section className="stack" aria-labelledby="imp-step-title">
        <h2 id="imp-step-title" ref={heading} tabIndex={-1} className="imp-step-title">
          {current.title}
        </h2>
        <ErrorNotice message={choicesError ? `Segments, topics and properties could not be loaded: ${choicesError.message}` : null} />
        {step === 'file' && <FileStep picked={picked} error={fileError} reading={reading} onFile={pickFile} maxBytes={maxBytes} />}
        {step === 'mapping' && picked && (
          <>
            {suggestNote && <p className="imp-note">{suggestNote}</p>}
            {showIssues && clientIssues.length > 0 && (
              <p className="error-notice" role="alert">
                {clientIssues.length === 1 ? 'One thing to fix' : `${clientIssues.length} things to fix`} before going on; see the columns marked below.
              </p>
            )}
            <MappingStep columns={columns} rows={picked.sniffed.rows} headerCount={picked.sniffed.headers.length} known={known} issues={columnIssues} onChange={setColumns} />
          </>
        )}
        {step === 'options' && (
          <OptionsStep segments={segments} topics={topics} options={options} issues={serverIssues.filter((i) => i.step === 'options').map((i) => i.message)} onChange={setOptions} />
        )}
        {step === 'review' && picked && (
          <>
            {progress && <UploadProgress sent={progress.sent} total={progress.total} onCancel={() => upload.current?.abort()} />}
            <ErrorNotice message={uploadError} />
            <ReviewStep picked={picked} columns={columns} known={known} options={options} choices={choices} />
          </>
        )}
      </section>
      <div className="imp-nav">
        {stepIndex > 0 ? (
          <button type="button" className="button" disabled={uploading} onClick={() => goTo(STEPS[stepIndex - 1]!.id)}>
            Back
          </button>
        ) : (
          <span />
        )}
        {step === 'review' ? (
          <button type="button" className="button primary" disabled={uploading} onClick={start}>
            {uploading ? 'Uploading…' : 'Start import'}
          </button>
        ) : (
          <button type="button" className="button primary" disabled={reading} onClick={next}>
            Continue
          </button>
        )}
      </div>
    </div>
  );
}

function UploadProgress({ sent, total, onCancel }: { sent: number; total: number; onCancel(): void }) {
  const percent = total > 0 ? Math.min(100, Math.round((sent / total) * 100)) : 0;
  const done = sent >= total && total > 0;
  return (
    <div className="card stack imp-upload">
      <div className="spread">
        <span id="imp-upload-label">{done ? 'Uploaded; checking the file…' : `Uploading ${formatBytes(sent)} of ${formatBytes(total)}`}</span>
        <span className="imp-percent">{percent}%</span>
      </div>
      <div className="progress" role="progressbar" aria-labelledby="imp-upload-label" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
        <span style={{ width: `${percent}%` }} />
      </div>
      {!done && (
        <div>
          <button type="button" className="button small ghost" onClick={onCancel}>
            Cancel upload
          </button>
        </div>
      )}
    </div>
  );
}
