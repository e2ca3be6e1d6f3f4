import { useState } from 'react';
import { parseValue, TYPE_LABELS, valueText } from '../contacts/propertyValues';
import type { PropertyType } from '../gql/types';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { errorMessage, fieldErrors } from '../ui/errors';
import { Field } from '../ui/Field';
import { FormDialog } from '../ui/FormDialog';
import { formatDate } from '../ui/format';
import { Pager } from '../ui/Pager';
import { EmptyState, ErrorNotice, Loading, SuccessNotice } from '../ui/states';
import { useCursorPage } from '../ui/useCursorPage';
import { usePropertiesListQuery, usePropertyCreateMutation, usePropertyDeleteMutation, usePropertyUpdateMutation } from './PropertiesPage.generated';

type Property = { id: string; key: string; type: PropertyType; fallbackValue?: unknown };

const CONTEXT = { additionalTypenames: ['ContactProperty'] };
const TYPES: PropertyType[] = ['STRING', 'NUMBER', 'BOOLEAN'];

/** The fallback's input, shaped by the property's type. */
function FallbackField({ type, value, error, onChange }: { type: PropertyType; value: string; error?: string; onChange(value: string): void }) {
  return (
    <Field label="Fallback value (optional)" hint="Used when a contact has no value of its own." error={error}>
      {(props) =>
        type === 'BOOLEAN' ? (
          <select {...props} value={value} onChange={(e) => onChange(e.target.value)}>
            <option value="">None</option>
            <option value="true">true</option>
            <option value="false">false</option>
          </select>
        ) : (
          <input {...props} type="text" inputMode={type === 'NUMBER' ? 'decimal' : undefined} value={value} onChange={(e) => onChange(e.target.value)} />
        )
      }
    </Field>
  );
}

/** Mounted only while creating, so every opening starts blank. */
function CreateDialog({ onClose, onCreated }: { onClose(): void; onCreated(key: string): void }) {
  const [key, setKey] = useState('');
  const [type, setType] = useState<PropertyType>('STRING');
  const [fallback, setFallback] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [creating, create] = usePropertyCreateMutation();

  async function submit() {
    setProblem(null);
    const parsed = parseValue(type, fallback);
    if (!parsed.ok) return setErrors({ fallbackValue: parsed.error });
    const response = await create({ input: { key: key.trim(), type, fallbackValue: parsed.value } }, CONTEXT);
    const result = response.data?.createContactProperty;
    if (!result) return setProblem(errorMessage(response.error) ?? 'Something went wrong.');
    if (result.__typename === 'ValidationError') {
      const byField = fieldErrors(result);
      setErrors(byField);
      if (!byField.key && !byField.fallbackValue && !byField.type) setProblem(result.message);
      return;
    }
    onCreated(result.key);
  }

  return (
    <FormDialog open title="New property" submitLabel="Create property" busy={creating.fetching} error={problem} onSubmit={submit} onCancel={onClose}>
      <Field label="Key" hint="Letters, digits and underscores, at most 50." error={errors.key}>
        {(props) => <input {...props} type="text" value={key} onChange={(e) => setKey(e.target.value)} placeholder="company_name" autoComplete="off" />}
      </Field>
      <Field label="Type" error={errors.type}>
        {(props) => (
          <select
            {...props}
            value={type}
            onChange={(e) => {
              setType(e.target.value as PropertyType);
              setFallback('');
            }}
          >
            {TYPES.map((t) => (
              <option key={t} value={t}>
                {TYPE_LABELS[t]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <FallbackField type={type} value={fallback} error={errors.fallbackValue} onChange={setFallback} />
    </FormDialog>
  );
}

/** Mounted only while editing one property. Only the fallback can change: the key and type are fixed. */
function EditDialog({ property, onClose, onSaved }: { property: Property; onClose(): void; onSaved(key: string): void }) {
  const [fallback, setFallback] = useState(valueText(property.fallbackValue));
  const [error, setError] = useState<string>();
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, save] = usePropertyUpdateMutation();

  async function submit() {
    setProblem(null);
    const parsed = parseValue(property.type, fallback);
    if (!parsed.ok) return setError(parsed.error);
    const response = await save({ id: property.id, input: { fallbackValue: parsed.value } }, CONTEXT);
    const result = response.data?.updateContactProperty;
    if (!result) return setProblem(errorMessage(response.error) ?? 'Something went wrong.');
    if (result.__typename === 'ValidationError') return setError(fieldErrors(result).fallbackValue ?? result.message);
    if (result.__typename === 'NotFoundError') return setProblem('This property no longer exists.');
    onSaved(result.key);
  }

  return (
    <FormDialog open title={`Edit ${property.key}`} submitLabel="Save" busy={saving.fetching} error={problem} onSubmit={submit} onCancel={onClose}>
      <p className="muted">
        {TYPE_LABELS[property.type]} property. The key and type are fixed; remove the property and create another to change them.
      </p>
      <FallbackField type={property.type} value={fallback} error={error} onChange={setFallback} />
    </FormDialog>
  );
}

/** Contact properties: typed custom fields every contact of the team can hold. */
export function PropertiesPage() {
  const page = useCursorPage(50);
  const [{ data, fetching, error }] = usePropertiesListQuery({ variables: page.variables, context: CONTEXT });
  const [notice, setNotice] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<Property | null>(null);
  const [deleting, setDeleting] = useState<Property | null>(null);
  const [deleteProblem, setDeleteProblem] = useState<string | null>(null);
  const [removal, remove] = usePropertyDeleteMutation();
  const properties = data?.contactProperties.edges.map((e) => e.node);

  async function confirmDelete() {
    if (!deleting) return;
    setDeleteProblem(null);
    const response = await remove({ id: deleting.id }, { additionalTypenames: ['ContactProperty', 'Contact'] });
    const result = response.data?.deleteContactProperty;
    if (!result) return setDeleteProblem(errorMessage(response.error) ?? 'Something went wrong.');
    if (result.__typename === 'NotFoundError') return setDeleteProblem(result.message);
    setDeleting(null);
    setNotice(`Deleted the property ${result.key}.`);
  }

  return (
    <>
      <div className="spread page-header">
        <h1>Contact properties</h1>
        <button type="button" className="button primary" onClick={() => setAdding(true)}>
          New property
        </button>
      </div>
      <p className="muted lead">
        Custom fields for what you know about each contact, beyond email, first name, last name and unsubscribed.
      </p>
      {notice && <SuccessNotice onDismiss={() => setNotice(null)}>{notice}</SuccessNotice>}
      <ErrorNotice message={errorMessage(error)} />
      {!properties && fetching && <Loading label="Loading properties…" />}
      {properties && properties.length === 0 && (
        <div className="card">
          <EmptyState title="No custom properties yet">
            <p>A property appears on every contact’s page and can be filled by the CSV import.</p>
            <button type="button" className="button primary" onClick={() => setAdding(true)}>
              New property
            </button>
          </EmptyState>
        </div>
      )}
      {properties && properties.length > 0 && (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Key</th>
                <th scope="col">Type</th>
                <th scope="col">Fallback</th>
                <th scope="col" className="secondary">
                  Created
                </th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {properties.map((p) => (
                <tr key={p.id}>
                  <td>
                    <code>{p.key}</code>
                  </td>
                  <td>
                    <span className="badge">{TYPE_LABELS[p.type]}</span>
                  </td>
                  <td>{p.fallbackValue == null ? <span className="muted">—</span> : valueText(p.fallbackValue)}</td>
                  <td className="secondary muted">{formatDate(p.createdAt)}</td>
                  <td className="actions-cell">
                    <button type="button" className="button small ghost" aria-label={`Edit ${p.key}`} onClick={() => setEditing(p)}>
                      Edit
                    </button>
                    <button
                      type="button"
                      className="button small ghost danger-text"
                      aria-label={`Delete ${p.key}`}
                      onClick={() => {
                        setDeleteProblem(null);
                        setDeleting(p);
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
        label="Property pages"
        hasPrevious={!!data?.contactProperties.pageInfo.hasPreviousPage}
        hasNext={!!data?.contactProperties.pageInfo.hasNextPage}
        onPrevious={() => page.previous(data?.contactProperties.pageInfo.startCursor)}
        onNext={() => page.next(data?.contactProperties.pageInfo.endCursor)}
      />
      {adding && (
        <CreateDialog
          onClose={() => setAdding(false)}
          onCreated={(key) => {
            setAdding(false);
            page.reset();
            setNotice(`Created the property ${key}.`);
          }}
        />
      )}
      {editing && (
        <EditDialog
          key={editing.id}
          property={editing}
          onClose={() => setEditing(null)}
          onSaved={(key) => {
            setEditing(null);
            setNotice(`Saved ${key}.`);
          }}
        />
      )}
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete the property ${deleting?.key ?? ''}?`}
        confirmLabel="Delete property"
        danger
        busy={removal.fetching}
        error={deleteProblem}
        onConfirm={confirmDelete}
        onCancel={() => setDeleting(null)}
      >
        <p>Its value on every contact is deleted too. This cannot be undone.</p>
      </ConfirmDialog>
    </>
  );
}
