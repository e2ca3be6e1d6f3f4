import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import type { PropertyType } from '../gql/types';
import { errorMessage, issueMessages } from '../ui/errors';
import { Field } from '../ui/Field';
import { ErrorNotice, SuccessNotice } from '../ui/states';
import { useContactUpdateMutation } from './ContactDetailsForm.generated';
import { type PropertyValue, TYPE_LABELS, parseValue, valueText } from './propertyValues';

export interface PropertyDefinition {
  key: string;
  type: PropertyType;
  fallbackValue?: unknown;
}

interface Values {
  firstName: string;
  lastName: string;
  unsubscribed: boolean;
  properties: Record<string, string>;
}

interface Props {
  contact: {
    id: string;
    email: string;
    firstName?: string | null;
    lastName?: string | null;
    unsubscribed: boolean;
    properties: ReadonlyArray<{ key: string; value: unknown }>;
  };
  definitions: readonly PropertyDefinition[];
}

function valuesOf(contact: Props['contact'], definitions: readonly PropertyDefinition[]): Values {
  const held = new Map(contact.properties.map((p) => [p.key, p.value]));
  return {
    firstName: contact.firstName ?? '',
    lastName: contact.lastName ?? '',
    unsubscribed: contact.unsubscribed,
    properties: Object.fromEntries(definitions.map((d) => [d.key, valueText(held.get(d.key))])),
  };
}

function PropertyInput({ definition, value, onChange, props }: {
  definition: PropertyDefinition;
  value: string;
  onChange(value: string): void;
  props: { id: string; 'aria-invalid'?: boolean; 'aria-describedby'?: string };
}) {
  const placeholder = definition.fallbackValue == null ? undefined : `${valueText(definition.fallbackValue)} (fallback)`;
  if (definition.type === 'BOOLEAN') {
    return (
      <select {...props} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{placeholder ? `Not set: ${placeholder}` : 'Not set'}</option>
        <option value="true">true</option>
        <option value="false">false</option>
      </select>
    );
  }
  return (
    <input
      {...props}
      type="text"
      inputMode={definition.type === 'NUMBER' ? 'decimal' : undefined}
      value={value}
      placeholder={placeholder}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}

/**
 * Everything about a contact but its email: names, the global unsubscribe, and a field for each of
 * the team's properties (typed: text, number, true/false). Only what changed is sent, so the
 * history records exactly that; the server's complaints appear under the field they name.
 */
export function ContactDetailsForm({ contact, definitions }: Props) {
  const [saved, setSaved] = useState(() => valuesOf(contact, definitions));
  const [values, setValues] = useState(saved);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [updating, update] = useContactUpdateMutation();

  const changedProperties = definitions.filter((d) => (values.properties[d.key] ?? '') !== (saved.properties[d.key] ?? ''));
  const dirty =
    values.firstName !== saved.firstName || values.lastName !== saved.lastName || values.unsubscribed !== saved.unsubscribed || changedProperties.length > 0;

  function set(change: Partial<Values>) {
    setValues({ ...values, ...change });
    setNotice(null);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setProblem(null);
    const nextErrors: Record<string, string> = {};
    const properties: Record<string, PropertyValue | null> = {};
    for (const d of changedProperties) {
      const parsed = parseValue(d.type, values.properties[d.key] ?? '');
      if (parsed.ok) properties[d.key] = parsed.value;
      else nextErrors[`properties.${d.key}`] = parsed.error;
    }
    setErrors(nextErrors);
    if (Object.keys(nextErrors).length > 0) return;
    const input = {
      ...(values.firstName !== saved.firstName ? { firstName: values.firstName.trim() || null } : {}),
      ...(values.lastName !== saved.lastName ? { lastName: values.lastName.trim() || null } : {}),
      ...(values.unsubscribed !== saved.unsubscribed ? { unsubscribed: values.unsubscribed } : {}),
      ...(changedProperties.length > 0 ? { properties } : {}),
    };
    const response = await update({ id: contact.id, input });
    const result = response.data?.updateContact;
    if (!result) return setProblem(errorMessage(response.error) ?? 'Something went wrong.');
    if (result.__typename === 'ValidationError') {
      const byField = issueMessages(result);
      setErrors(byField);
      const known = Object.keys(byField).some((k) => k === 'firstName' || k === 'lastName' || k.startsWith('properties.'));
      if (!known) setProblem(result.message);
      return;
    }
    if (result.__typename === 'NotFoundError') return setProblem('This contact no longer exists.');
    const next = valuesOf({ ...contact, ...result }, definitions);
    setSaved(next);
    setValues(next);
    setNotice('Saved.');
  }

  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby="details-title">
      <h2 id="details-title" className="card-title">
        Details
      </h2>
      <div className="field">
        <span className="label">Email</span>
        <span className="readonly-value">{contact.email}</span>
        <p className="hint">The email identifies the contact and cannot be changed.</p>
      </div>
      <div className="two-columns">
        <Field label="First name" error={errors.firstName}>
          {(props) => <input {...props} type="text" autoComplete="off" value={values.firstName} onChange={(e) => set({ firstName: e.target.value })} />}
        </Field>
        <Field label="Last name" error={errors.lastName}>
          {(props) => <input {...props} type="text" autoComplete="off" value={values.lastName} onChange={(e) => set({ lastName: e.target.value })} />}
        </Field>
      </div>
      <label className="check field">
        <input type="checkbox" checked={values.unsubscribed} onChange={(e) => set({ unsubscribed: e.target.checked })} />
        Unsubscribed from all broadcasts
      </label>

      <h3>Properties</h3>
      {definitions.length === 0 ? (
        <p className="muted">
          The team has no contact properties. <Link to="/properties">Create one</Link> to store more about each contact.
        </p>
      ) : (
        <div className="two-columns">
          {definitions.map((d) => (
            <Field
              key={d.key}
              label={d.key}
              hint={<span className="badge">{TYPE_LABELS[d.type]}</span>}
              error={errors[`properties.${d.key}`]}
            >
              {(props) => (
                <PropertyInput
                  definition={d}
                  props={props}
                  value={values.properties[d.key] ?? ''}
                  onChange={(value) => set({ properties: { ...values.properties, [d.key]: value } })}
                />
              )}
            </Field>
          ))}
        </div>
      )}
      <ErrorNotice message={problem} />
      {notice && <SuccessNotice>{notice}</SuccessNotice>}
      <div className="row">
        <button type="submit" className="button primary" disabled={!dirty || updating.fetching}>
          {updating.fetching ? 'Saving…' : 'Save changes'}
        </button>
        {dirty && (
          <button
            type="button"
            className="button ghost"
            onClick={() => {
              setValues(saved);
              setErrors({});
            }}
          >
            Discard changes
          </button>
        )}
      </div>
    </form>
  );
}
