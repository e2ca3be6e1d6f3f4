import { useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../ui/errors';
import { formatDateTime } from '../ui/format';
import { ErrorNotice, Loading } from '../ui/states';
import { useContactHistoryQuery } from './ContactHistory.generated';
import { type Names, SOURCE_LABELS, describeEvent } from './historyText';

const CONTEXT = { additionalTypenames: ['ContactEvent'] };

/**
 * One page of the timeline (20 events, newest first) as list items; "Show older" appends the next
 * page after it, so earlier pages stay as they are.
 */
function HistoryPage({ contactId, after, names }: { contactId: string; after: string | null; names: Names }) {
  const [{ data, fetching, error }] = useContactHistoryQuery({ variables: { id: contactId, after }, context: CONTEXT });
  const [more, setMore] = useState(false);
  const history = data?.contact?.history;
  if (!history) {
    return (
      <li className="timeline-status">
        {fetching ? <Loading label="Loading history…" /> : <ErrorNotice message={errorMessage(error) ?? 'The history could not be loaded.'} />}
      </li>
    );
  }
  if (after === null && history.edges.length === 0) {
    return <li className="muted">Nothing has happened yet.</li>;
  }
  return (
    <>
      {history.edges.map(({ node }) => {
        const text = describeEvent(node.type, node.data, names);
        return (
          <li key={node.id} className="timeline-item">
            <span className="timeline-title">{text.title}</span>
            {text.details.length > 0 && (
              <ul className="timeline-details">
                {text.details.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            )}
            <span className="muted timeline-meta">
              <time dateTime={node.createdAt}>{formatDateTime(node.createdAt)}</time> · {SOURCE_LABELS[node.source]}
              {text.importId && (
                <>
                  {' · '}
                  <Link to={`/imports/${text.importId}`}>view import</Link>
                </>
              )}
            </span>
          </li>
        );
      })}
      {history.pageInfo.hasNextPage &&
        (more ? (
          <HistoryPage contactId={contactId} after={history.pageInfo.endCursor ?? null} names={names} />
        ) : (
          <li className="timeline-more">
            <button type="button" className="button small" onClick={() => setMore(true)}>
              Show older events
            </button>
          </li>
        ))}
    </>
  );
}

/** The contact's history: what changed, when, and through what (API, by hand, an import). */
export function ContactHistory({ contactId, names }: { contactId: string; names: Names }) {
  return (
    <section className="card" aria-labelledby="history-title">
      <h2 id="history-title" className="card-title">
        History
      </h2>
      <ol className="timeline">
        <HistoryPage contactId={contactId} after={null} names={names} />
      </ol>
    </section>
  );
}
