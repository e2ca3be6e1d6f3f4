import { type DragEvent, useId, useState } from 'react';
import { ErrorNotice } from '../ui/states';
import { formatBytes, formatNumber } from '../ui/format';
import { DELIMITER_NAMES, type Sniffed } from './file-sniff';
import './imports.css';

const ACCEPT = '.csv,.tsv,.txt,text/csv,text/plain,text/tab-separated-values';
const TEMPLATE = 'email,first_name,last_name,unsubscribed\nann@example.com,Ann,Lee,false\n';

export interface PickedFile {
  file: File;
  sniffed: Sniffed;
}

/** Step 1: drop or choose a file; shows what was read from its start. */
export function FileStep({ picked, error, reading, onFile, maxBytes }: { picked: PickedFile | null; error: string | null; reading: boolean; onFile(file: File): void; maxBytes: number }) {
  const inputId = useId();
  const [over, setOver] = useState(false);
  const drop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    const file = event.dataTransfer.files[0];
    if (file) onFile(file);
  };
  return (
    <div className="stack">
      {/* biome-ignore lint/a11y/noStaticElementInteractions: dropping is the mouse shortcut; the file input inside is the keyboard path */}
      <div
        className={over ? 'imp-drop over' : 'imp-drop'}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={drop}
      >
        <input
          id={inputId}
          className="imp-file-input"
          type="file"
          accept={ACCEPT}
          aria-describedby={`${inputId}-hint`}
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) onFile(file);
            e.target.value = '';
          }}
        />
        <p className="imp-drop-title">{picked ? 'Drop another CSV file here to replace it' : 'Drag and drop a CSV file here'}</p>
        <label htmlFor={inputId} className="button">
          {picked ? 'Choose another file' : 'Choose a CSV file'}
        </label>
        <p id={`${inputId}-hint`} className="hint">
          Up to {formatBytes(maxBytes)}. The first line names the columns; one of them must hold email addresses. UTF-8 is best; UTF-16 and Windows-1252 work too.
        </p>
      </div>
      {reading && (
        <p className="loading" role="status">
          Reading the file…
        </p>
      )}
      <ErrorNotice message={error} />
      {picked && !error && <FileSummary picked={picked} />}
      <p className="hint">
        Not sure about the format?{' '}
        <a href={`data:text/csv;charset=utf-8,${encodeURIComponent(TEMPLATE)}`} download="roster-contacts-template.csv">
          Download a template CSV
        </a>
        .
      </p>
    </div>
  );
}

function FileSummary({ picked }: { picked: PickedFile }) {
  const { file, sniffed } = picked;
  const rows = sniffed.complete ? `${formatNumber(sniffed.rowEstimate)} row${sniffed.rowEstimate === 1 ? '' : 's'}` : `about ${formatNumber(sniffed.rowEstimate)} rows`;
  const preview = sniffed.rows.slice(0, 5);
  return (
    <section className="card stack" aria-label="Chosen file">
      <div>
        <p className="imp-file-name">{file.name}</p>
        <p className="muted imp-facts">
          {formatBytes(file.size)} · {rows} · {formatNumber(sniffed.headers.length)} columns · {DELIMITER_NAMES[sniffed.delimiter]}-separated · {sniffed.encoding.toUpperCase()}
        </p>
      </div>
      {sniffed.notes.map((note) => (
        <p key={note} className="imp-note">
          {note}
        </p>
      ))}
      {preview.length > 0 ? (
        <div className="table-wrap imp-preview">
          <table>
            <caption className="imp-caption">First {preview.length} rows of the file</caption>
            <thead>
              <tr>
                {sniffed.headers.map((h) => (
                  <th key={h} scope="col">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {preview.map((row, i) => (
                <tr key={i}>
                  {sniffed.headers.map((h, j) => (
                    <td key={h}>{row[j] ?? ''}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="imp-note">The file has a header row but no data rows yet.</p>
      )}
    </section>
  );
}
