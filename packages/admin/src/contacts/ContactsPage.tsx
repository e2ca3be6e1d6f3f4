import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { errorMessage } from '../ui/errors';
import { formatDate, formatNumber } from '../ui/format';
import { Pager } from '../ui/Pager';
import { EmptyState, ErrorNotice, Loading, SuccessNotice } from '../ui/states';
import { pageVariables } from '../ui/useCursorPage';
import { BulkBar, contacts } from './BulkBar';
import { ContactFilters } from './ContactFilters';
import { type ContactsPageQuery, useContactsFilterOptionsQuery, useContactsPageQuery } from './ContactsPage.generated';
import { type ContactsView, changeView, exportParams, hasFilters, readView, viewFilter, writeView } from './contactsView';
import { ExportButton } from './ExportButton';
import { NO_SELECTION, bulkTarget, isSelected, pageState, selectedCount, selectionReducer } from './selection';

const PAGE_SIZE = 50;
const LIST_CONTEXT = { additionalTypenames: ['Contact'] };

function fullName(contact: { firstName?: string | null; lastName?: string | null }): string {
  return [contact.firstName, contact.lastName].filter(Boolean).join(' ');
}

/** The header checkbox: ticked, unticked, or "some" (indeterminate, which only a DOM property sets). */
function PageCheckbox({ state, onToggle, disabled }: { state: 'none' | 'some' | 'all'; onToggle(): void; disabled: boolean }) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = state === 'some';
  }, [state]);
  return <input ref={ref} type="checkbox" aria-label="Select all on this page" checked={state === 'all'} disabled={disabled} onChange={onToggle} />;
}

/**
 * The contacts list: keyset pages of 50 (never an offset, so page 20,000 costs what page 1 does),
 * search as you type and filters kept in the URL, a total, row selection with "select all N
 * matching", and bulk actions by ids or by filter.
 */
export function ContactsPage() {
  const [params, setParams] = useSearchParams();
  const location = useLocation();
  const view = useMemo(() => readView(params), [params]);
  const filter = useMemo(() => viewFilter(view), [view]);
  const [selection, dispatch] = useReducer(selectionReducer, NO_SELECTION);
  const navigate = useNavigate();
  const [notice, setNotice] = useState<string | null>((location.state as { notice?: string } | null)?.notice ?? null);
  // A notice handed over by the previous page (a deleted contact) is shown once, not after a reload.
  useEffect(() => {
    if (location.state) navigate({ search: location.search }, { replace: true, state: null });
  }, [location.state, location.search, navigate]);

  const filterKey = JSON.stringify(filter);
  // A new filter is a new set of matching contacts: what was selected no longer applies.
  useEffect(() => dispatch({ type: 'clear' }), [filterKey]);

  const [{ data, fetching, error }, refetch] = useContactsPageQuery({
    variables: { filter, order: view.order, ...pageVariables({ after: view.after ?? undefined, before: view.before ?? undefined }, PAGE_SIZE) },
    context: LIST_CONTEXT,
  });
  const [{ data: options }] = useContactsFilterOptionsQuery();

  // While the next page loads, the current one stays on screen (dimmed) instead of blinking away.
  const last = useRef<ContactsPageQuery | undefined>(undefined);
  if (data) last.current = data;
  const shown = data ?? (fetching ? last.current : undefined);

  const update = useCallback(
    (change: Partial<ContactsView>, replace = false) => setParams(writeView(changeView(readView(new URLSearchParams(window.location.search)), change)), { replace }),
    [setParams],
  );
  const onSearch = useCallback((search: string) => update({ search }, true), [update]);

  const rows = shown?.contacts.edges.map((e) => e.node) ?? [];
  const pageIds = rows.map((r) => r.id);
  const total = shown?.contacts.totalCount ?? 0;
  const count = selectedCount(selection, total);
  const headerState = pageState(selection, pageIds);
  const pageInfo = shown?.contacts.pageInfo;
  const segments = options?.segments.edges.map((e) => e.node) ?? [];
  const topics = options?.topics.edges.map((e) => e.node) ?? [];

  return (
    <>
      <div className="spread page-header">
        <h1>
          Contacts {shown && <span className="count-badge">{formatNumber(total)}</span>}
        </h1>
        <div className="row">
          <Link className="button primary" to="/contacts/add">
            Add contacts
          </Link>
          <Link className="button" to="/imports/new">
            Import CSV
          </Link>
          <ExportButton query={exportParams(view)} />
        </div>
      </div>

      <ContactFilters view={view} options={options} onSearch={onSearch} onChange={(change) => update(change)} />

      {notice && <SuccessNotice onDismiss={() => setNotice(null)}>{notice}</SuccessNotice>}
      <ErrorNotice message={errorMessage(error)} />

      {count > 0 && (
        <BulkBar
          count={count}
          total={total}
          matching={selection.kind === 'matching'}
          canSelectMatching={headerState === 'all' && total > count}
          target={bulkTarget(selection, filter)}
          segments={segments}
          topics={topics}
          onSelectMatching={() => dispatch({ type: 'selectMatching' })}
          onClear={() => dispatch({ type: 'clear' })}
          onDone={(message) => {
            dispatch({ type: 'clear' });
            setNotice(message);
            refetch({ requestPolicy: 'network-only' });
          }}
        />
      )}

      {!shown && fetching && <Loading label="Loading contacts…" />}
      {shown && rows.length === 0 && (
        <div className="card">
          {hasFilters(view) ? (
            <EmptyState title="No contacts match">
              <p>Try another search or clear the filters.</p>
            </EmptyState>
          ) : view.after || view.before ? (
            <EmptyState title="No contacts on this page">
              <button type="button" className="button" onClick={() => update({ after: null, before: null })}>
                Back to the first page
              </button>
            </EmptyState>
          ) : (
            <EmptyState title="No contacts yet">
              <p>Add a few by hand or import a CSV.</p>
              <div className="row center">
                <Link className="button primary" to="/contacts/add">
                  Add contacts
                </Link>
                <Link className="button" to="/imports/new">
                  Import CSV
                </Link>
              </div>
            </EmptyState>
          )}
        </div>
      )}
      {rows.length > 0 && (
        <div className={fetching ? 'table-wrap stale' : 'table-wrap'} aria-busy={fetching}>
          <table className="contacts-table">
            <caption className="visually-hidden">Contacts, {view.order === 'OLDEST_FIRST' ? 'oldest' : 'newest'} first</caption>
            <thead>
              <tr>
                <th scope="col" className="check-cell">
                  <PageCheckbox state={headerState} disabled={rows.length === 0} onToggle={() => dispatch({ type: 'togglePage', pageIds })} />
                </th>
                <th scope="col">Email</th>
                <th scope="col" className="secondary">
                  Name
                </th>
                <th scope="col">Status</th>
                <th scope="col" className="secondary">
                  Created
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((contact) => {
                const selected = isSelected(selection, contact.id);
                return (
                  <tr key={contact.id} className={selected ? 'selected' : undefined}>
                    <td className="check-cell">
                      <input
                        type="checkbox"
                        aria-label={`Select ${contact.email}`}
                        checked={selected}
                        onChange={() => dispatch({ type: 'toggle', id: contact.id, pageIds })}
                      />
                    </td>
                    <td className="email-cell">
                      <Link to={`/contacts/${contact.id}`}>{contact.email}</Link>
                    </td>
                    <td className="secondary">{fullName(contact) || <span className="muted">—</span>}</td>
                    <td>
                      {contact.unsubscribed ? <span className="badge danger">Unsubscribed</span> : <span className="badge ok">Subscribed</span>}
                    </td>
                    <td className="secondary muted">{formatDate(contact.createdAt)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {rows.length > 0 && (
        <div className="spread list-footer">
          <p className="muted" aria-live="polite">
            {rows.length === total ? contacts(total) : `Showing ${formatNumber(rows.length)} of ${contacts(total)}`}
          </p>
          <Pager
            label="Contact pages"
            hasPrevious={!!pageInfo?.hasPreviousPage}
            hasNext={!!pageInfo?.hasNextPage}
            onPrevious={() => update({ before: pageInfo?.startCursor ?? null, after: null })}
            onNext={() => update({ after: pageInfo?.endCursor ?? null, before: null })}
          />
        </div>
      )}
    </>
  );
}
