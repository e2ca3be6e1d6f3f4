import { Suspense, lazy, useState } from 'react';
import { Link } from 'react-router';
import { LatestImports } from '../imports/LatestImports';
import { errorMessage } from '../ui/errors';
import { formatNumber } from '../ui/format';
import { EmptyState, ErrorNotice, Loading } from '../ui/states';
import { useHomeStatsQuery } from './HomePage.generated';

// recharts is most of the bundle's weight: only the home page loads it, after the numbers.
const GrowthChart = lazy(() => import('./GrowthChart').then((m) => ({ default: m.GrowthChart })));

const PERIODS = [7, 30, 90] as const;
const CONTEXT = { additionalTypenames: ['Contact'] };

function percent(part: number, whole: number): string {
  return whole === 0 ? '' : `${Math.round((part / whole) * 100)}% of all`;
}

/** Home: how many contacts, how many can be reached, how that grew, and the latest imports. */
export function HomePage() {
  const [days, setDays] = useState<(typeof PERIODS)[number]>(30);
  const [{ data, fetching, error }] = useHomeStatsQuery({ variables: { days }, context: CONTEXT });
  const stats = data?.contactStats;

  return (
    <>
      <div className="spread page-header">
        <h1>Home</h1>
        <div className="row">
          <Link className="button primary" to="/contacts/add">
            Add contacts
          </Link>
          <Link className="button" to="/imports/new">
            Import CSV
          </Link>
        </div>
      </div>
      <ErrorNotice message={errorMessage(error)} />
      {!stats && fetching && <Loading label="Loading numbers…" />}
      {stats && (
        <div className="stack">
          <div className="grid-stats">
            <Link className="card stat stat-link" to="/contacts">
              <span className="stat-label">Contacts</span>
              <span className="value">{formatNumber(stats.total)}</span>
              <span className="muted">in total</span>
            </Link>
            <Link className="card stat stat-link" to="/contacts?status=subscribed">
              <span className="stat-label">Subscribed</span>
              <span className="value">{formatNumber(stats.subscribed)}</span>
              <span className="muted">{percent(stats.subscribed, stats.total) || 'can receive broadcasts'}</span>
            </Link>
            <Link className="card stat stat-link" to="/contacts?status=unsubscribed">
              <span className="stat-label">Unsubscribed</span>
              <span className="value">{formatNumber(stats.unsubscribed)}</span>
              <span className="muted">{percent(stats.unsubscribed, stats.total) || 'from all broadcasts'}</span>
            </Link>
          </div>

          <section className="card" aria-labelledby="growth-title">
            <div className="spread">
              <h2 id="growth-title" className="card-title">
                Contacts over time
              </h2>
              <fieldset className="segmented">
                <legend className="visually-hidden">Period</legend>
                {PERIODS.map((p) => (
                  <button key={p} type="button" aria-pressed={days === p} className={days === p ? 'active' : undefined} onClick={() => setDays(p)}>
                    {p} days
                  </button>
                ))}
              </fieldset>
            </div>
            {stats.total === 0 ? (
              <EmptyState title="No contacts yet">
                <p>Add a few by hand or import a CSV; the chart fills in as they arrive.</p>
                <div className="row center">
                  <Link className="button primary" to="/contacts/add">
                    Add contacts
                  </Link>
                  <Link className="button" to="/imports/new">
                    Import CSV
                  </Link>
                </div>
              </EmptyState>
            ) : (
              <Suspense fallback={<div className="chart-area" />}>
                <GrowthChart points={stats.growth} />
              </Suspense>
            )}
          </section>
        </div>
      )}
      <div className="home-imports">
        <LatestImports />
      </div>
    </>
  );
}
