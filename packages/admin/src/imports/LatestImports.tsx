import { useEffect } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../ui/errors';
import { formatDateTime, formatNumber } from '../ui/format';
import { EmptyState, ErrorNotice, Loading } from '../ui/states';
import { countsLine, ImportStatusBadge, isRunning } from './ImportStatus';
import { useImportLatestQuery } from './LatestImports.generated';
import './imports.css';

/** The home page's card: the team's five latest imports, each linking to its page. */
export function LatestImports() {
  const [{ data, error }, refetch] = useImportLatestQuery();
  const items = data?.contactImports.edges.map((e) => e.node);
  const anyRunning = items?.some((i) => isRunning(i.status)) ?? false;
  // Running imports move: refresh the card every few seconds while one is listed.
  useEffect(() => {
    if (!anyRunning) return;
    const timer = setInterval(() => refetch({ requestPolicy: 'network-only' }), 3000);
    return () => clearInterval(timer);
  }, [anyRunning, refetch]);
  return (
    <section className="card stack imp-latest" aria-labelledby="imp-latest-title">
      <div className="spread">
        <h2 id="imp-latest-title" className="imp-section-title">
          Latest imports
        </h2>
        {items && items.length > 0 && <Link to="/imports">All imports</Link>}
      </div>
      <ErrorNotice message={errorMessage(error)} />
      {!items && !error && <Loading label="Loading imports…" />}
      {items && items.length === 0 && (
        <EmptyState title="No imports yet">
          <p>
            <Link to="/imports/new">Import a CSV file</Link> to add many contacts at once.
          </p>
        </EmptyState>
      )}
      {items && items.length > 0 && (
        <ul className="imp-latest-list">
          {items.map((item) => {
            const line = countsLine(item.counts);
            const progress = isRunning(item.status) && item.stagedRows > 0 ? `${formatNumber(item.counts.total)} of ${formatNumber(item.stagedRows)} rows` : null;
            return (
              <li key={item.id}>
                <div className="imp-latest-main">
                  <Link to={`/imports/${item.id}`} className="imp-latest-name">
                    {item.fileName ?? 'Untitled import'}
                  </Link>
                  <ImportStatusBadge status={item.status} />
                </div>
                <div className="muted imp-latest-meta">
                  {[progress ?? (line || (item.status === 'QUEUED' ? 'Waiting to start' : `${formatNumber(item.counts.total)} rows`)), formatDateTime(item.createdAt)].join(' · ')}
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
