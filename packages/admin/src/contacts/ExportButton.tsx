import { useState } from 'react';
import { useDownload } from '../ui/useDownload';

/** Downloads `GET /contacts/export.csv` with the list's filters, streamed to disk by the browser. */
export function ExportButton({ query }: { query: URLSearchParams }) {
  const download = useDownload();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function start() {
    setBusy(true);
    const search = query.toString();
    setProblem(await download(`/contacts/export.csv${search ? `?${search}` : ''}`, 'contacts.csv'));
    setBusy(false);
  }

  return (
    <>
      <button type="button" className="button" onClick={start} disabled={busy}>
        {busy ? 'Exporting…' : 'Export CSV'}
      </button>
      {problem && (
        <span className="field-error" role="alert">
          {problem}
        </span>
      )}
    </>
  );
}
