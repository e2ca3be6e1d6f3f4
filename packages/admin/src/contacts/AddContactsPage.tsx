import { type FormEvent, type ReactNode, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { errorMessage, fieldErrors } from '../ui/errors';
import { Field } from '../ui/Field';
import { formatList, formatNumber } from '../ui/format';
import { ErrorNotice } from '../ui/states';
import {
  type AddContactsManuallyMutation,
  useAddContactsManuallyMutation,
  useAddContactsSegmentsQuery,
} from './AddContactsPage.generated';
import { useBulkAddToSegmentsMutation } from './BulkBar.generated';
import { contacts } from './BulkBar';
import { parseEmails } from './parseEmails';

type Added = Extract<AddContactsManuallyMutation['addContacts'], { __typename: 'AddContactsResult' }>;
interface Outcome {
  added: Added;
  segments: string[];
  /** Set when the contacts were created but adding them to the other segments failed. */
  segmentProblem: string | null;
}

const CHANGES = { additionalTypenames: ['Contact', 'Segment'] };
const SHOWN = 100;

/** A list that shows its first hundred entries and says how many more there are. */
function ShortList<T>({ items, render }: { items: readonly T[]; render(item: T): ReactNode }) {
  return (
    <>
      <ul className="plain-list">{items.slice(0, SHOWN).map(render)}</ul>
      {items.length > SHOWN && <p className="muted">and {formatNumber(items.length - SHOWN)} more</p>}
    </>
  );
}

function Result({ outcome, onAgain, onFix }: { outcome: Outcome; onAgain(): void; onFix(emails: string): void }) {
  const { created, existing, invalid } = outcome.added;
  return (
    <section className="stack" aria-labelledby="add-result">
      <h2 id="add-result">Result</h2>
      <div className="grid-stats" role="status">
        <div className="card stat">
          <div className="value">{formatNumber(created.length)}</div>
          <div className="muted">created</div>
        </div>
        <div className="card stat">
          <div className="value">{formatNumber(existing.length)}</div>
          <div className="muted">already existed</div>
        </div>
        <div className="card stat">
          <div className={invalid.length > 0 ? 'value danger-text' : 'value'}>{formatNumber(invalid.length)}</div>
          <div className="muted">invalid</div>
        </div>
      </div>
      {outcome.segments.length > 0 && created.length + existing.length > 0 && !outcome.segmentProblem && (
        <p>
          The created and existing contacts are in <strong>{formatList(outcome.segments)}</strong>.
        </p>
      )}
      <ErrorNotice message={outcome.segmentProblem} />
      {created.length > 0 && (
        <div className="card">
          <h3>Created</h3>
          <ShortList
            items={created}
            render={(c) => (
              <li key={c.id}>
                <Link to={`/contacts/${c.id}`}>{c.email}</Link>
              </li>
            )}
          />
        </div>
      )}
      {existing.length > 0 && (
        <div className="card">
          <h3>Already existed</h3>
          <p className="hint">These were left as they are.</p>
          <ShortList
            items={existing}
            render={(c) => (
              <li key={c.id}>
                <Link to={`/contacts/${c.id}`}>{c.email}</Link>
              </li>
            )}
          />
        </div>
      )}
      {invalid.length > 0 && (
        <div className="card">
          <h3>Invalid</h3>
          <ShortList
            items={invalid}
            render={(c) => (
              <li key={c.email}>
                <code>{c.email}</code> — <span className="danger-text">{c.reason}</span>
              </li>
            )}
          />
          <button type="button" className="button small spaced" onClick={() => onFix(invalid.map((c) => c.email).join('\n'))}>
            Correct the invalid addresses
          </button>
        </div>
      )}
      <div className="row">
        <button type="button" className="button primary" onClick={onAgain}>
          Add more contacts
        </button>
        <Link className="button" to="/contacts">
          View contacts
        </Link>
      </div>
    </section>
  );
}

/**
 * "Add contacts": add addresses by hand (pasted as a list; optionally into segments), or go to the
 * CSV import. The result lists what was created, what already existed and what was refused, with why.
 */
export function AddContactsPage() {
  const [text, setText] = useState('');
  const [segmentIds, setSegmentIds] = useState<string[]>([]);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const parsed = useMemo(() => parseEmails(text), [text]);
  const [{ data: segmentsData, error: segmentsError }] = useAddContactsSegmentsQuery();
  const [adding, add] = useAddContactsManuallyMutation();
  const [addingMore, addMore] = useBulkAddToSegmentsMutation();
  const segments = segmentsData?.segments.edges.map((e) => e.node) ?? [];
  const busy = adding.fetching || addingMore.fetching;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setProblem(null);
    if (parsed.emails.length === 0) return setErrors({ emails: 'Enter at least one email address.' });
    setErrors({});
    const [firstSegment, ...otherSegments] = segmentIds;
    const response = await add({ emails: parsed.emails.join('\n'), segmentId: firstSegment ?? null }, CHANGES);
    const payload = response.data?.addContacts;
    if (!payload) return setProblem(errorMessage(response.error) ?? 'Something went wrong.');
    if (payload.__typename === 'ValidationError') {
      const byField = fieldErrors(payload);
      setErrors({ emails: byField.emails ?? '', segments: byField.segmentId ?? '' });
      if (!byField.emails && !byField.segmentId) setProblem(payload.message);
      return;
    }
    // addContacts takes one segment; the others follow by id.
    let segmentProblem: string | null = null;
    const ids = [...payload.created, ...payload.existing].map((c) => c.id);
    if (otherSegments.length > 0 && ids.length > 0) {
      const more = await addMore({ target: { ids }, segmentIds: otherSegments }, CHANGES);
      const result = more.data?.bulkAddContactsToSegments;
      if (result?.__typename !== 'BulkContactsResult') {
        segmentProblem = `The contacts were added, but not to every segment: ${result?.__typename === 'ValidationError' ? result.message : (errorMessage(more.error) ?? 'unknown error')}`;
      }
    }
    const names = segmentIds.map((id) => segments.find((s) => s.id === id)?.name ?? id);
    setOutcome({ added: payload, segments: names, segmentProblem });
  }

  return (
    <>
      <p className="breadcrumb">
        <Link to="/contacts">← Contacts</Link>
      </p>
      <h1>Add contacts</h1>
      <nav className="choices" aria-label="Ways to add contacts">
        <div className="choice selected" aria-current="page">
          <span className="choice-title">Add manually</span>
          <span className="muted">Type or paste email addresses.</span>
        </div>
        <Link className="choice" to="/imports/new">
          <span className="choice-title">Import CSV</span>
          <span className="muted">Upload a file and map its columns to names, properties and segments.</span>
        </Link>
      </nav>

      {outcome ? (
        <Result
          outcome={outcome}
          onAgain={() => {
            setOutcome(null);
            setText('');
          }}
          onFix={(emails) => {
            setOutcome(null);
            setText(emails);
          }}
        />
      ) : (
        <form className="card add-form" onSubmit={submit} noValidate>
          <Field
            label="Email addresses"
            hint="Separate them with commas or new lines; “Name <address>” works too. Up to 10,000 at once; import a CSV for more."
            error={errors.emails || undefined}
          >
            {(props) => (
              <textarea
                {...props}
                value={text}
                onChange={(e) => setText(e.target.value)}
                rows={8}
                placeholder={'ann@example.com\nbo@example.com, cy@example.com'}
                spellCheck={false}
              />
            )}
          </Field>
          <p className="muted" aria-live="polite">
            {parsed.emails.length === 0
              ? 'No addresses yet.'
              : `${formatNumber(parsed.emails.length)} ${parsed.emails.length === 1 ? 'address' : 'addresses'}${parsed.duplicates > 0 ? ` (${formatNumber(parsed.duplicates)} repeated, counted once)` : ''}.`}
          </p>
          <fieldset className="checklist">
            <legend>Add to segments (optional)</legend>
            {segments.length === 0 && !segmentsError && (
              <p className="hint">
                No segments yet. <Link to="/segments">Create one</Link> to group contacts.
              </p>
            )}
            <ErrorNotice message={errorMessage(segmentsError)} />
            {segments.map((s) => (
              <label key={s.id} className="check">
                <input
                  type="checkbox"
                  checked={segmentIds.includes(s.id)}
                  onChange={(e) => setSegmentIds(e.target.checked ? [...segmentIds, s.id] : segmentIds.filter((id) => id !== s.id))}
                />
                {s.name}
              </label>
            ))}
            {errors.segments && <p className="field-error">{errors.segments}</p>}
          </fieldset>
          <ErrorNotice message={problem} />
          <div className="row">
            <button type="submit" className="button primary" disabled={busy}>
              {busy ? 'Adding…' : parsed.emails.length > 0 ? `Add ${contacts(parsed.emails.length)}` : 'Add contacts'}
            </button>
            <Link className="button ghost" to="/contacts">
              Cancel
            </Link>
          </div>
        </form>
      )}
    </>
  );
}
