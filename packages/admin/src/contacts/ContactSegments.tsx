import { useState } from 'react';
import { Link } from 'react-router';
import type { CombinedError } from 'urql';
import { errorMessage } from '../ui/errors';
import { Field } from '../ui/Field';
import { formatDate } from '../ui/format';
import { ErrorNotice } from '../ui/states';
import { useContactAddToSegmentMutation, useContactRemoveFromSegmentMutation } from './ContactSegments.generated';

type Named = { id: string; name: string };

// Memberships change the contact (its segments) and the segments' counts.
const CHANGES = { additionalTypenames: ['Contact', 'Segment', 'ContactSegment'] };

/** The contact's segments, each removable, and a picker to add it to another one. */
export function ContactSegments({ contactId, memberships, segments }: {
  contactId: string;
  memberships: ReadonlyArray<Named & { addedAt: string }>;
  segments: readonly Named[];
}) {
  const [chosen, setChosen] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [adding, add] = useContactAddToSegmentMutation();
  const [removing, remove] = useContactRemoveFromSegmentMutation();
  const member = new Set(memberships.map((m) => m.id));
  const available = segments.filter((s) => !member.has(s.id));
  const busy = adding.fetching || removing.fetching;

  /** Shows why a change failed; true when it went through. */
  function report(result: { __typename: string; message?: string } | undefined, error: CombinedError | undefined): boolean {
    if (!result) setProblem(errorMessage(error) ?? 'Something went wrong.');
    else if (result.__typename !== 'Contact') setProblem(result.message ?? 'The change was refused.');
    else return true;
    return false;
  }

  async function addTo(segmentId: string) {
    setProblem(null);
    const response = await add({ id: contactId, segmentId }, CHANGES);
    if (report(response.data?.addContactToSegment, response.error)) setChosen('');
  }

  async function removeFrom(segmentId: string) {
    setProblem(null);
    const response = await remove({ id: contactId, segmentId }, CHANGES);
    report(response.data?.removeContactFromSegment, response.error);
  }

  return (
    <section className="card" aria-labelledby="segments-title">
      <h2 id="segments-title" className="card-title">
        Segments
      </h2>
      {memberships.length === 0 ? (
        <p className="muted">Not in any segment.</p>
      ) : (
        <ul className="chips">
          {memberships.map((m) => (
            <li key={m.id} className="chip">
              <Link to={`/contacts?segment=${m.id}`} title={`Added ${formatDate(m.addedAt)}`}>
                {m.name}
              </Link>
              <button
                type="button"
                className="chip-remove"
                aria-label={`Remove from ${m.name}`}
                disabled={busy}
                onClick={() => removeFrom(m.id)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      {segments.length === 0 ? (
        <p className="hint">
          No segments yet. <Link to="/segments">Create one</Link>.
        </p>
      ) : available.length > 0 ? (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (chosen) void addTo(chosen);
          }}
        >
          <Field label="Add to segment">
            {(props) => (
              <select {...props} value={chosen} onChange={(e) => setChosen(e.target.value)}>
                <option value="">Choose a segment…</option>
                {available.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <button type="submit" className="button" disabled={!chosen || busy}>
            Add
          </button>
        </form>
      ) : (
        <p className="hint">In every segment.</p>
      )}
      <ErrorNotice message={problem} />
    </section>
  );
}
