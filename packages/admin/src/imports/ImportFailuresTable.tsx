import { useState } from 'react';
import { errorMessage } from '../ui/errors';
import { formatNumber } from '../ui/format';
import { ErrorNotice, Loading } from '../ui/states';
import { useImportFailuresQuery } from './ImportFailuresTable.generated';
import './imports.css';

const PAGE_SIZE = 25;

/**
 * The rows an import did not take, page by page (forward keyset pages; earlier pages are kept as
 * the cursors that led to them, so Previous is instant).
 */
export function ImportFailuresTable({ importId, total }: { importId: string; total: number }) {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const after = cursors.at(-1) ?? null;
  const [{ data, fetching, error }] = useImportFailuresQuery({ variables: { id: importId, first: PAGE_SIZE, after } });
  const page = data?.contactImport?.failures;
  const first = (cursors.length - 1) * PAGE_SIZE + 1;
  const rows = page?.edges ?? [];
  return (
    <div className="stack">
      <ErrorNotice message={errorMessage(error)} />
      {fetching && !page && <Loading label="Loading the rows…" />}
      {page && (
        <>
          <div className="table-wrap">
            <table className="imp-failures">
              <caption className="imp-caption">Rows not imported</caption>
              <thead>
                <tr>
                  <th scope="col">Row</th>
                  <th scope="col">Email</th>
                  <th scope="col">Outcome</th>
                  <th scope="col">Reason</th>
                </tr>
              </thead>
              <tbody>
                {rows.map(({ node }) => (
                  <tr key={node.rowNumber}>
                    <td className="imp-num">{formatNumber(node.rowNumber)}</td>
                    <td className="imp-email">{node.email ?? <span className="muted">none</span>}</td>
                    <td>{node.skipped ? <span className="badge">Skipped</span> : <span className="badge danger">Failed</span>}</td>
                    <td className="imp-reason">{node.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="spread">
            <span className="muted" aria-live="polite">
              {rows.length > 0 ? `Rows ${formatNumber(first)}–${formatNumber(first + rows.length - 1)} of ${formatNumber(total)}` : 'No rows'}
            </span>
            <div className="row">
              <button type="button" className="button small" disabled={cursors.length === 1 || fetching} onClick={() => setCursors(cursors.slice(0, -1))}>
                Previous
              </button>
              <button
                type="button"
                className="button small"
                disabled={!page.pageInfo.hasNextPage || fetching}
                onClick={() => page.pageInfo.endCursor && setCursors([...cursors, page.pageInfo.endCursor])}
              >
                Next
              </button>
            </div>
          </div>
        </>
      )}
    </div>
  );
}
