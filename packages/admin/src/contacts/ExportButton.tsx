import { useState } from 'react';
import { useAuth } from '../auth';
import { apiHeaders } from '../client';

/**
 * Downloads `GET /contacts/export.csv` with the list's filters. The endpoint wants the bearer key,
 * which a plain link cannot send, so the file is fetched and handed to the browser as a blob.
 */
export function ExportButton({ query }: { query: URLSearchParams }) {
  const { apiKey } = useAuth();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function download() {
    if (!apiKey) return;
    setBusy(true);
    setProblem(null);
    try {
      const search = query.toString();
      const response = await fetch(`/contacts/export.csv${search ? `?${search}` : ''}`, { headers: apiHeaders(apiKey) });
      if (!response.ok) {
        const body = (await response.json().catch(() => null)) as { message?: string } | null;
        setProblem(body?.message ?? `The export failed (${response.status}).`);
        return;
      }
      const blob = await response.blob();
      const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'contacts.csv';
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = name;
      document.body.append(link);
      link.click();
      link.remove();
      // Revoked a little later: some browsers start reading the blob after click() returns.
      setTimeout(() => URL.revokeObjectURL(url), 30_000);
    } catch {
      setProblem('Roster could not be reached. Try again in a moment.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <button type="button" className="button" onClick={download} disabled={busy}>
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
