import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { CombinedError } from 'urql';
import type { ContactBulkTarget, SubscriptionStatus } from '../gql/types';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { errorMessage } from '../ui/errors';
import { Field } from '../ui/Field';
import { FormDialog } from '../ui/FormDialog';
import { formatList, formatNumber } from '../ui/format';
import { useBulkAddToSegmentsMutation, useBulkDeleteContactsMutation, useBulkRemoveFromSegmentsMutation, useBulkSetTopicSubscriptionMutation } from './BulkBar.generated';

type Named = { id: string; name: string };
type Action = 'add' | 'remove' | 'topic' | 'delete' | null;
type BulkCounts = { matched: number; affected: number };
type BulkPayload = ({ __typename: 'BulkContactsResult' } & BulkCounts) | { __typename: 'ValidationError'; message: string };

export const contacts = (n: number) => `${formatNumber(n)} ${n === 1 ? 'contact' : 'contacts'}`;

// Bulk results change contacts and segment counts that other cached queries hold.
const CHANGES = { additionalTypenames: ['Contact', 'Segment', 'ContactSegment', 'ContactTopic'] };

function names(ids: string[], all: Named[]): string {
  return formatList(ids.map((id) => all.find((x) => x.id === id)?.name ?? 'a segment'));
}

/**
 * The bar that appears once contacts are selected: how many, "Select all N matching" when the page
 * is fully ticked, and the actions (segments, topic subscription, delete), each confirmed in a
 * dialog that names the count. `onDone` reports what happened in words.
 */
export function BulkBar({ count, total, canSelectMatching, matching, target, segments, topics, onSelectMatching, onClear, onDone }: {
  count: number;
  total: number;
  canSelectMatching: boolean;
  matching: boolean;
  target: ContactBulkTarget;
  segments: Named[];
  topics: Named[];
  onSelectMatching(): void;
  onClear(): void;
  onDone(message: string): void;
}) {
  const [action, setAction] = useState<Action>(null);
  const [chosenSegments, setChosenSegments] = useState<string[]>([]);
  const [topicId, setTopicId] = useState('');
  const [subscription, setSubscription] = useState<SubscriptionStatus>('OPT_IN');
  const [problem, setProblem] = useState<string | null>(null);
  const [add, runAdd] = useBulkAddToSegmentsMutation();
  const [remove, runRemove] = useBulkRemoveFromSegmentsMutation();
  const [topic, runTopic] = useBulkSetTopicSubscriptionMutation();
  const [deletion, runDelete] = useBulkDeleteContactsMutation();
  const busy = add.fetching || remove.fetching || topic.fetching || deletion.fetching;
  const selectedTopic = useMemo(() => topics.find((t) => t.id === topicId), [topics, topicId]);

  function open(next: Action) {
    setProblem(null);
    setChosenSegments([]);
    setTopicId(topics[0]?.id ?? '');
    setSubscription('OPT_IN');
    setAction(next);
  }

  /** Settles a bulk mutation: closes the dialog and reports on success, keeps it open with the reason otherwise. */
  async function settle<D>(pending: Promise<{ data?: D; error?: CombinedError }>, pick: (data: D) => BulkPayload, describe: (result: BulkCounts) => string) {
    setProblem(null);
    const response = await pending;
    const result = response.data ? pick(response.data) : undefined;
    if (!result) return setProblem(errorMessage(response.error) ?? 'Something went wrong.');
    if (result.__typename !== 'BulkContactsResult') return setProblem(result.message);
    setAction(null);
    onDone(describe(result));
  }

  const who = matching ? `all ${contacts(count)} matching` : contacts(count);

  return (
    <section className="bulk-bar" aria-label="Bulk actions">
      <p className="bulk-count">
        <strong>{matching ? `All ${contacts(count)} matching` : `${formatNumber(count)} selected`}</strong>
        {canSelectMatching && !matching && (
          <button type="button" className="link-button" onClick={onSelectMatching}>
            Select all {formatNumber(total)} matching
          </button>
        )}
      </p>
      <div className="row bulk-actions">
        <button type="button" className="button small" onClick={() => open('add')}>
          Add to segments
        </button>
        <button type="button" className="button small" onClick={() => open('remove')}>
          Remove from segments
        </button>
        <button type="button" className="button small" onClick={() => open('topic')}>
          Topic subscription
        </button>
        <button type="button" className="button small danger" onClick={() => open('delete')}>
          Delete
        </button>
        <button type="button" className="button small ghost" onClick={onClear}>
          Clear selection
        </button>
      </div>

      <FormDialog
        open={action === 'add' || action === 'remove'}
        title={action === 'remove' ? `Remove ${who} from segments` : `Add ${who} to segments`}
        submitLabel={action === 'remove' ? 'Remove' : 'Add'}
        busy={busy}
        submitDisabled={chosenSegments.length === 0}
        error={problem}
        onCancel={() => setAction(null)}
        onSubmit={() => {
          const segmentIds = chosenSegments;
          const label = names(segmentIds, segments);
          if (action === 'remove') {
            void settle(runRemove({ target, segmentIds }, CHANGES), (d) => d.bulkRemoveContactsFromSegments, (r) =>
              `Removed ${contacts(r.affected)} from ${label}.${r.matched > r.affected ? ` ${contacts(r.matched - r.affected)} were not in it.` : ''}`,
            );
          } else {
            void settle(runAdd({ target, segmentIds }, CHANGES), (d) => d.bulkAddContactsToSegments, (r) =>
              `Added ${contacts(r.matched)} to ${label}.${r.matched > r.affected ? ` ${formatNumber(r.matched - r.affected)} were in it already.` : ''}`,
            );
          }
        }}
      >
        {segments.length === 0 ? (
          <p className="muted">
            There are no segments yet. <Link to="/segments">Create one</Link> first.
          </p>
        ) : (
          <fieldset className="checklist">
            <legend>Segments</legend>
            {segments.map((s) => (
              <label key={s.id} className="check">
                <input
                  type="checkbox"
                  checked={chosenSegments.includes(s.id)}
                  onChange={(e) => setChosenSegments(e.target.checked ? [...chosenSegments, s.id] : chosenSegments.filter((id) => id !== s.id))}
                />
                {s.name}
              </label>
            ))}
          </fieldset>
        )}
      </FormDialog>

      <FormDialog
        open={action === 'topic'}
        title={`Topic subscription of ${who}`}
        submitLabel={subscription === 'OPT_IN' ? 'Subscribe' : 'Unsubscribe'}
        busy={busy}
        submitDisabled={!selectedTopic}
        error={problem}
        onCancel={() => setAction(null)}
        onSubmit={() => {
          const name = selectedTopic?.name ?? 'the topic';
          void settle(runTopic({ target, topicIds: [topicId], subscription }, CHANGES), (d) => d.bulkSetTopicSubscription, (r) =>
            `${subscription === 'OPT_IN' ? 'Subscribed' : 'Unsubscribed'} ${contacts(r.matched)} ${subscription === 'OPT_IN' ? 'to' : 'from'} ${name} (${formatNumber(r.affected)} changed).`,
          );
        }}
      >
        {topics.length === 0 ? (
          <p className="muted">
            There are no topics yet. <Link to="/topics">Create one</Link> first.
          </p>
        ) : (
          <>
            <Field label="Topic">
              {(props) => (
                <select {...props} value={topicId} onChange={(e) => setTopicId(e.target.value)}>
                  {topics.map((t) => (
                    <option key={t.id} value={t.id}>
                      {t.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <fieldset className="checklist">
              <legend>Subscription</legend>
              <label className="check">
                <input type="radio" name="bulk-subscription" checked={subscription === 'OPT_IN'} onChange={() => setSubscription('OPT_IN')} />
                Subscribe (opt in)
              </label>
              <label className="check">
                <input type="radio" name="bulk-subscription" checked={subscription === 'OPT_OUT'} onChange={() => setSubscription('OPT_OUT')} />
                Unsubscribe (opt out)
              </label>
            </fieldset>
          </>
        )}
      </FormDialog>

      <ConfirmDialog
        open={action === 'delete'}
        title={`Delete ${contacts(count)}?`}
        confirmLabel={`Delete ${contacts(count)}`}
        danger
        busy={busy}
        error={problem}
        onCancel={() => setAction(null)}
        onConfirm={() => void settle(runDelete({ target }, CHANGES), (d) => d.bulkDeleteContacts, (r) => `Deleted ${contacts(r.affected)}.`)}
      >
        <p>Their segment memberships, topic subscriptions and history go with them. This cannot be undone.</p>
      </ConfirmDialog>
    </section>
  );
}
