import { useEffect, useId, useState } from 'react';
import { Link } from 'react-router';
import type { ContactImportStatus } from '../gql/types';
import { errorMessage } from '../ui/errors';
import { formatBytes, formatDateTime, formatNumber } from '../ui/format';
import { EmptyState, ErrorNotice, Loading } from '../ui/states';
import { type ImportListItemFragment, useImportListQuery } from './ImportsPage.generated';
import { ImportStatusBadge, isRunning } from './ImportStatus';
import './imports.css';

const PAGE_SIZE = 20;
const FILTERS: { value: ContactImportStatus | ''; label: string }[] = [
  { value: '', label: 'All' },
  { value: 'IN_PROGRESS', label: 'Running' },
  { value: 'QUEUED', label: 'Queued' },
  { value: 'COMPLETED', label: 'Completed' },
  { value: 'FAILED', label: 'Failed' },
  { value: 'CANCELLED', label: 'Cancelled' },
];

/** /imports — past imports, newest first, a page at a time ("Load more" appends the next page). */
export function ImportsPage() {
  const filterId = useId();
  const [status, setStatus] = useState<ContactImportStatus | ''>('');
  // One entry per loaded page: the cursor it starts after.
  const [pages, setPages] = useState<(string | null)[]>([null]);
  return (
    <div className="stack">
      <div className="spread">
        <h1 className="imp-h1">Imports</h1>
        <Link to="/imports/new" className="button primary">
          Import CSV
        </Link>
      </div>
      <div className="row">
        <label htmlFor={filterId}>Status</label>
        <select
          id={filterId}
          value={status}
          onChange={(e) => {
            setStatus(e.target.value as ContactImportStatus | '');
            setPages([null]);
          }}
        >
          {FILTERS.map((f) => (
            <option key={f.value} value={f.value}>
              {f.label}
            </option>
          ))}
        </select>
      </div>
      <div className="table-wrap">
        <table className="imp-list">
          <thead>
            <tr>
              <th scope="col">File</th>
              <th scope="col">Status</th>
              <th scope="col" className="imp-num">
                Rows
              </th>
              <th scope="col" className="imp-num">
                Created
              </th>
              <th scope="col" className="imp-num">
                Updated
              </th>
              <th scope="col" className="imp-num">
                Skipped
              </th>
              <th scope="col" className="imp-num">
                Failed
              </th>
              <th scope="col" className="imp-num">
                Size
              </th>
              <th scope="col">Uploaded</th>
            </tr>
          </thead>
          {pages.map((after, i) => (
            <ImportListPage key={after ?? 'first'} after={after} status={status || null} last={i === pages.length - 1} onMore={(cursor) => setPages([...pages, cursor])} />
          ))}
        </table>
      </div>
    </div>
  );
}

function ImportListPage({ after, status, last, onMore }: { after: string | null; status: ContactImportStatus | null; last: boolean; onMore(cursor: string): void }) {
  const [{ data, fetching, error }, refetch] = useImportListQuery({ variables: { first: PAGE_SIZE, after, status } });
  const connection = data?.contactImports;
  const items = connection?.edges.map((e) => e.node) ?? [];
  const anyRunning = items.some((i) => isRunning(i.status));
  // Running imports move: refresh their page every few seconds while one is listed.
  useEffect(() => {
    if (!anyRunning) return;
    const timer = setInterval(() => refetch({ requestPolicy: 'network-only' }), 3000);
    return () => clearInterval(timer);
  }, [anyRunning, refetch]);

  if (!connection) {
    return (
      <tbody>
        <tr>
          <td colSpan={9}>{error ? <ErrorNotice message={errorMessage(error)} /> : <Loading label="Loading imports…" />}</td>
        </tr>
      </tbody>
    );
  }
  return (
    <tbody>
      {items.length === 0 && after === null && (
        <tr>
          <td colSpan={9}>
            <EmptyState title={status ? 'No imports with this status' : 'No imports yet'}>
              <p>
                <Link to="/imports/new">Import a CSV file</Link> to add many contacts at once.
              </p>
            </EmptyState>
          </td>
        </tr>
      )}
      {items.map((item) => (
        <ImportRow key={item.id} item={item} />
      ))}
      {last && connection.pageInfo.hasNextPage && (
        <tr className="imp-more-row">
          <td colSpan={9}>
            <button type="button" className="button" disabled={fetching} onClick={() => connection.pageInfo.endCursor && onMore(connection.pageInfo.endCursor)}>
              Load more
            </button>
          </td>
        </tr>
      )}
    </tbody>
  );
}

function ImportRow({ item }: { item: ImportListItemFragment }) {
  const { counts } = item;
  const rows = isRunning(item.status) && item.stagedRows > 0 ? `${formatNumber(counts.total)} / ${formatNumber(item.stagedRows)}` : formatNumber(counts.total);
  return (
    <tr>
      <td className="imp-file-cell">
        <Link to={`/imports/${item.id}`}>{item.fileName ?? 'Untitled import'}</Link>
      </td>
      <td>
        <ImportStatusBadge status={item.status} />
      </td>
      <td className="imp-num" data-label="Rows">
        {rows}
      </td>
      <td className="imp-num" data-label="Created">
        {formatNumber(counts.created)}
      </td>
      <td className="imp-num" data-label="Updated">
        {formatNumber(counts.updated)}
      </td>
      <td className="imp-num" data-label="Skipped">
        {formatNumber(counts.skipped)}
      </td>
      <td className={counts.failed > 0 ? 'imp-num imp-bad' : 'imp-num'} data-label="Failed">
        {formatNumber(counts.failed)}
      </td>
      <td className="imp-num imp-size">{formatBytes(item.fileSize)}</td>
      <td className="imp-date">{formatDateTime(item.createdAt)}</td>
    </tr>
  );
}
