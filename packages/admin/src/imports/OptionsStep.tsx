import { useId } from 'react';
import { Link } from 'react-router';
import type { ContactImportConflict, SubscriptionStatus } from '../gql/types';
import { formatNumber } from '../ui/format';
import type { ImportWizardChoicesQuery } from './ImportWizardPage.generated';
import './imports.css';

type Segment = ImportWizardChoicesQuery['segments']['edges'][number]['node'];
type Topic = ImportWizardChoicesQuery['topics']['edges'][number]['node'];

export interface ImportOptions {
  segmentIds: string[];
  /** Topic id → what every imported contact gets; a topic left out is left unchanged. */
  topics: Record<string, SubscriptionStatus>;
  onConflict: ContactImportConflict;
}

export const CONFLICT_CHOICES: { value: ContactImportConflict; label: string; explain: string }[] = [
  {
    value: 'UPSERT',
    label: 'Update them',
    explain: 'A contact whose email is already in Roster gets the values of this file and the segments and topics chosen here; empty cells never erase what is stored.',
  },
  {
    value: 'SKIP',
    label: 'Leave them as they are',
    explain: 'A contact whose email is already in Roster is not changed at all (no values, segments or topics) and is counted as skipped.',
  },
];

const SUBSCRIPTION_LABELS: Record<SubscriptionStatus, string> = { OPT_IN: 'opted in', OPT_OUT: 'opted out' };

/** Step 3: segments to add to, topics to set, and what happens to contacts that exist already. */
export function OptionsStep({
  segments,
  topics,
  options,
  issues,
  onChange,
}: {
  segments: Segment[];
  topics: Topic[];
  options: ImportOptions;
  issues: string[];
  onChange(options: ImportOptions): void;
}) {
  const id = useId();
  const toggleSegment = (segmentId: string, on: boolean) =>
    onChange({ ...options, segmentIds: on ? [...options.segmentIds, segmentId] : options.segmentIds.filter((s) => s !== segmentId) });
  const setTopic = (topicId: string, value: string) => {
    const next = { ...options.topics };
    if (value === 'OPT_IN' || value === 'OPT_OUT') next[topicId] = value;
    else delete next[topicId];
    onChange({ ...options, topics: next });
  };
  return (
    <div className="stack">
      {issues.map((message) => (
        <p key={message} className="error-notice" role="alert">
          {message}
        </p>
      ))}
      <fieldset className="card imp-fieldset">
        <legend>Add the contacts to segments</legend>
        <p className="hint">Every imported contact joins the segments you tick. Leave them all unticked to add them to none.</p>
        {segments.length === 0 ? (
          <p className="muted">
            No segments yet. <Link to="/segments">Create one</Link> first if you want these contacts grouped (you will have to start the import again).
          </p>
        ) : (
          <ul className="imp-choices">
            {segments.map((s) => (
              <li key={s.id}>
                <label className="imp-check">
                  <input type="checkbox" checked={options.segmentIds.includes(s.id)} onChange={(e) => toggleSegment(s.id, e.target.checked)} />
                  <span>{s.name}</span>
                  <span className="muted">{formatNumber(s.contactCount)} contacts</span>
                </label>
              </li>
            ))}
          </ul>
        )}
      </fieldset>

      <fieldset className="card imp-fieldset">
        <legend>Topics</legend>
        <p className="hint">
          <strong>Opt in</strong> subscribes every imported contact to the topic. <strong>Opt out</strong> unsubscribes every imported contact from it.{' '}
          <strong>Leave as is</strong> keeps each contact's own choice; new contacts then follow the topic's default.
        </p>
        {topics.length === 0 ? (
          <p className="muted">No topics yet.</p>
        ) : (
          <ul className="imp-choices">
            {topics.map((t) => (
              <li key={t.id} className="imp-topic">
                <label htmlFor={`${id}-${t.id}`}>
                  <span>{t.name}</span> <span className="muted">default: {SUBSCRIPTION_LABELS[t.defaultSubscription]}</span>
                </label>
                <select id={`${id}-${t.id}`} value={options.topics[t.id] ?? ''} onChange={(e) => setTopic(t.id, e.target.value)}>
                  <option value="">Leave as is</option>
                  <option value="OPT_IN">Opt in</option>
                  <option value="OPT_OUT">Opt out</option>
                </select>
              </li>
            ))}
          </ul>
        )}
      </fieldset>

      <fieldset className="card imp-fieldset">
        <legend>Contacts that already exist</legend>
        <div className="imp-radios">
          {CONFLICT_CHOICES.map((choice) => (
            <label key={choice.value} className="imp-radio">
              <input type="radio" name={`${id}-conflict`} value={choice.value} checked={options.onConflict === choice.value} onChange={() => onChange({ ...options, onConflict: choice.value })} />
              <span>
                <strong>{choice.label}</strong>
                <span className="hint imp-block">{choice.explain}</span>
              </span>
            </label>
          ))}
        </div>
        <p className="hint">When an email is on several rows of the file, its last row is imported and the earlier ones are skipped.</p>
      </fieldset>
    </div>
  );
}
