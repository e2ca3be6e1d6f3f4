import { useState } from 'react';
import { Link } from 'react-router';
import type { SubscriptionStatus, TopicVisibility } from '../gql/types';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { errorMessage, fieldErrors } from '../ui/errors';
import { Field } from '../ui/Field';
import { FormDialog } from '../ui/FormDialog';
import { Pager } from '../ui/Pager';
import { EmptyState, ErrorNotice, Loading, SuccessNotice } from '../ui/states';
import { useCursorPage } from '../ui/useCursorPage';
import { useTopicCreateMutation, useTopicDeleteMutation, useTopicUpdateMutation, useTopicsListQuery } from './TopicsPage.generated';

type Topic = { id: string; name: string; description?: string | null; defaultSubscription: SubscriptionStatus; visibility: TopicVisibility };

const CONTEXT = { additionalTypenames: ['Topic'] };
const VISIBILITY_HINT = 'Public topics appear on a contact’s preferences page; private ones do not.';

function VisibilitySelect({ value, onChange }: { value: TopicVisibility; onChange(value: TopicVisibility): void }) {
  return (
    <Field label="Visibility" hint={VISIBILITY_HINT}>
      {(props) => (
        <select {...props} value={value} onChange={(e) => onChange(e.target.value === 'PUBLIC' ? 'PUBLIC' : 'PRIVATE')}>
          <option value="PRIVATE">Private</option>
          <option value="PUBLIC">Public</option>
        </select>
      )}
    </Field>
  );
}

/** Mounted only while creating, so every opening starts blank. */
function CreateDialog({ onClose, onCreated }: { onClose(): void; onCreated(name: string): void }) {
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [defaultSubscription, setDefault] = useState<SubscriptionStatus>('OPT_IN');
  const [visibility, setVisibility] = useState<TopicVisibility>('PRIVATE');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [creating, create] = useTopicCreateMutation();

  async function submit() {
    setProblem(null);
    const response = await create({ input: { name, description: description.trim() || null, defaultSubscription, visibility } }, CONTEXT);
    const result = response.data?.createTopic;
    if (!result) return setProblem(errorMessage(response.error) ?? 'Something went wrong.');
    if (result.__typename === 'ValidationError') {
      const byField = fieldErrors(result);
      setErrors(byField);
      if (!byField.name && !byField.description) setProblem(result.message);
      return;
    }
    onCreated(result.name);
  }

  return (
    <FormDialog open title="New topic" submitLabel="Create topic" busy={creating.fetching} error={problem} onSubmit={submit} onCancel={onClose}>
      <Field label="Name" error={errors.name} hint="At most 50 characters.">
        {(props) => <input {...props} type="text" value={name} onChange={(e) => setName(e.target.value)} placeholder="Product updates" />}
      </Field>
      <Field label="Description (optional)" error={errors.description} hint="At most 200 characters.">
        {(props) => <input {...props} type="text" value={description} onChange={(e) => setDescription(e.target.value)} placeholder="What we shipped this month" />}
      </Field>
      <fieldset className="checklist">
        <legend>Contacts who have not chosen are</legend>
        <label className="check">
          <input type="radio" name="topic-default" checked={defaultSubscription === 'OPT_IN'} onChange={() => setDefault('OPT_IN')} />
          Opted in
        </label>
        <label className="check">
          <input type="radio" name="topic-default" checked={defaultSubscription === 'OPT_OUT'} onChange={() => setDefault('OPT_OUT')} />
          Opted out
        </label>
        <p className="hint">Fixed once the topic exists.</p>
      </fieldset>
      <VisibilitySelect value={visibility} onChange={setVisibility} />
    </FormDialog>
  );
}

/** Mounted only while editing one topic, so it starts from that topic's values. */
function EditDialog({ topic, onClose, onSaved }: { topic: Topic; onClose(): void; onSaved(name: string): void }) {
  const [name, setName] = useState(topic.name);
  const [description, setDescription] = useState(topic.description ?? '');
  const [visibility, setVisibility] = useState<TopicVisibility>(topic.visibility);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, save] = useTopicUpdateMutation();

  async function submit() {
    setProblem(null);
    const response = await save({ id: topic.id, input: { name, description: description.trim(), visibility } }, CONTEXT);
    const result = response.data?.updateTopic;
    if (!result) return setProblem(errorMessage(response.error) ?? 'Something went wrong.');
    if (result.__typename === 'ValidationError') {
      const byField = fieldErrors(result);
      setErrors(byField);
      if (!byField.name && !byField.description) setProblem(result.message);
      return;
    }
    if (result.__typename === 'NotFoundError') return setProblem('This topic no longer exists.');
    onSaved(result.name);
  }

  return (
    <FormDialog open title={`Edit ${topic.name}`} submitLabel="Save" busy={saving.fetching} error={problem} onSubmit={submit} onCancel={onClose}>
      <Field label="Name" error={errors.name}>
        {(props) => <input {...props} type="text" value={name} onChange={(e) => setName(e.target.value)} />}
      </Field>
      <Field label="Description" error={errors.description}>
        {(props) => <input {...props} type="text" value={description} onChange={(e) => setDescription(e.target.value)} />}
      </Field>
      <VisibilitySelect value={visibility} onChange={setVisibility} />
      <p className="hint">
        Contacts who have not chosen stay {topic.defaultSubscription === 'OPT_IN' ? 'opted in' : 'opted out'}: the default is fixed once the topic exists.
      </p>
    </FormDialog>
  );
}

/** Topics: subjects contacts opt in to or out of. Create, edit, delete, see who is opted in. */
export function TopicsPage() {
  const page = useCursorPage(50);
  const [{ data, fetching, error }] = useTopicsListQuery({ variables: page.variables, context: CONTEXT });
  const [notice, setNotice] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<Topic | null>(null);
  const [deleting, setDeleting] = useState<Topic | null>(null);
  const [deleteProblem, setDeleteProblem] = useState<string | null>(null);
  const [removal, remove] = useTopicDeleteMutation();
  const topics = data?.topics.edges.map((e) => e.node);

  async function confirmDelete() {
    if (!deleting) return;
    setDeleteProblem(null);
    const response = await remove({ id: deleting.id }, { additionalTypenames: ['Topic', 'Contact'] });
    const result = response.data?.deleteTopic;
    if (!result) return setDeleteProblem(errorMessage(response.error) ?? 'Something went wrong.');
    if (result.__typename === 'NotFoundError') return setDeleteProblem(result.message);
    setDeleting(null);
    setNotice(`Deleted the topic ${result.name}.`);
  }

  return (
    <>
      <div className="spread page-header">
        <h1>Topics</h1>
        <button type="button" className="button primary" onClick={() => setAdding(true)}>
          New topic
        </button>
      </div>
      <p className="muted lead">Subjects contacts can opt in to or out of, each with its own subscription.</p>
      {notice && <SuccessNotice onDismiss={() => setNotice(null)}>{notice}</SuccessNotice>}
      <ErrorNotice message={errorMessage(error)} />
      {!topics && fetching && <Loading label="Loading topics…" />}
      {topics && topics.length === 0 && (
        <div className="card">
          <EmptyState title="No topics yet">
            <p>Contacts then opt in or out of it, one by one or in bulk.</p>
            <button type="button" className="button primary" onClick={() => setAdding(true)}>
              New topic
            </button>
          </EmptyState>
        </div>
      )}
      {topics && topics.length > 0 && (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col" className="secondary">
                  Description
                </th>
                <th scope="col">Default</th>
                <th scope="col" className="secondary">
                  Visibility
                </th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {topics.map((t) => (
                <tr key={t.id}>
                  <td>
                    <span className="cell-title">{t.name}</span>
                    <span className="cell-links">
                      <Link to={`/contacts?topic=${t.id}`}>Opted in</Link>
                      {' · '}
                      <Link to={`/contacts?topic=${t.id}&subscription=out`}>Opted out</Link>
                    </span>
                  </td>
                  <td className="secondary muted wrap">{t.description || '—'}</td>
                  <td>{t.defaultSubscription === 'OPT_IN' ? <span className="badge ok">Opted in</span> : <span className="badge">Opted out</span>}</td>
                  <td className="secondary">{t.visibility === 'PUBLIC' ? 'Public' : 'Private'}</td>
                  <td className="actions-cell">
                    <button type="button" className="button small ghost" aria-label={`Edit ${t.name}`} onClick={() => setEditing(t)}>
                      Edit
                    </button>
                    <button
                      type="button"
                      className="button small ghost danger-text"
                      aria-label={`Delete ${t.name}`}
                      onClick={() => {
                        setDeleteProblem(null);
                        setDeleting(t);
                      }}
                    >
                      Delete
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager
        label="Topic pages"
        hasPrevious={!!data?.topics.pageInfo.hasPreviousPage}
        hasNext={!!data?.topics.pageInfo.hasNextPage}
        onPrevious={() => page.previous(data?.topics.pageInfo.startCursor)}
        onNext={() => page.next(data?.topics.pageInfo.endCursor)}
      />
      {adding && (
        <CreateDialog
          onClose={() => setAdding(false)}
          onCreated={(name) => {
            setAdding(false);
            page.reset();
            setNotice(`Created the topic ${name}.`);
          }}
        />
      )}
      {editing && (
        <EditDialog
          key={editing.id}
          topic={editing}
          onClose={() => setEditing(null)}
          onSaved={(name) => {
            setEditing(null);
            setNotice(`Saved ${name}.`);
          }}
        />
      )}
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete the topic ${deleting?.name ?? ''}?`}
        confirmLabel="Delete topic"
        danger
        busy={removal.fetching}
        error={deleteProblem}
        onConfirm={confirmDelete}
        onCancel={() => setDeleting(null)}
      >
        <p>Every contact’s subscription to it goes too. This cannot be undone.</p>
      </ConfirmDialog>
    </>
  );
}
