import { type FormEvent, useState } from 'react';
import { useAuth } from '../auth';
import type { ApiKeyPermission } from '../gql/types';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { CopyButton } from '../ui/CopyButton';
import { errorMessage, fieldErrors } from '../ui/errors';
import { Field } from '../ui/Field';
import { formatDate } from '../ui/format';
import { EmptyState, ErrorNotice, Loading, SuccessNotice } from '../ui/states';
import { keyHint } from './keyHint';
import { useApiKeyCreateMutation, useApiKeyRevokeMutation, useApiKeysListQuery } from './KeysPage.generated';

type Key = { id: string; name: string; hint: string; revokedAt?: string | null };

const CONTEXT = { additionalTypenames: ['ApiKey'] };
const PERMISSIONS: Record<ApiKeyPermission, string> = { FULL_ACCESS: 'Full access', SENDING_ACCESS: 'Sending access' };

/** The secret of a key just created: shown once, with a copy button and a warning. */
function NewKey({ name, token, onDone }: { name: string; token: string; onDone(): void }) {
  return (
    <section className="card new-key" aria-labelledby="new-key-title">
      <h2 id="new-key-title" className="card-title">
        Your new key “{name}”
      </h2>
      <p className="warning-text" role="alert">
        Copy it now and keep it somewhere safe: it will not be shown again.
      </p>
      <Field label="New API key">
        {(props) => (
          <div className="row nowrap">
            <input {...props} type="text" readOnly value={token} className="mono grow" onFocus={(e) => e.target.select()} />
            <CopyButton text={token} />
          </div>
        )}
      </Field>
      <button type="button" className="button" onClick={onDone}>
        I have copied it
      </button>
    </section>
  );
}

function CreateKey({ onCreated }: { onCreated(name: string, token: string): void }) {
  const [name, setName] = useState('');
  const [permission, setPermission] = useState<ApiKeyPermission>('FULL_ACCESS');
  const [error, setError] = useState<string>();
  const [problem, setProblem] = useState<string | null>(null);
  const [creating, create] = useApiKeyCreateMutation();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setProblem(null);
    const response = await create({ input: { name, permission } }, CONTEXT);
    const result = response.data?.createApiKey;
    if (!result) return setProblem(errorMessage(response.error) ?? 'Something went wrong.');
    if (result.__typename === 'ValidationError') return setError(fieldErrors(result).name ?? result.message);
    setError(undefined);
    setName('');
    onCreated(result.apiKey.name, result.token);
  }

  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby="create-key-title">
      <h2 id="create-key-title" className="card-title">
        New API key
      </h2>
      <div className="two-columns">
        <Field label="Name" hint="Say where it is used, such as “Website signup form”." error={error}>
          {(props) => <input {...props} type="text" value={name} onChange={(e) => setName(e.target.value)} maxLength={100} autoComplete="off" />}
        </Field>
        <Field label="Permission" hint="Sending-access keys can only send email, which Roster does not do: its API refuses them. They exist for Resend compatibility.">
          {(props) => (
            <select {...props} value={permission} onChange={(e) => setPermission(e.target.value === 'SENDING_ACCESS' ? 'SENDING_ACCESS' : 'FULL_ACCESS')}>
              <option value="FULL_ACCESS">Full access</option>
              <option value="SENDING_ACCESS">Sending access</option>
            </select>
          )}
        </Field>
      </div>
      <ErrorNotice message={problem} />
      <button type="submit" className="button primary" disabled={creating.fetching}>
        Create key
      </button>
    </form>
  );
}

/** API keys: create one (its secret shown once), see which exist, revoke. */
export function KeysPage() {
  const { apiKey, signOut } = useAuth();
  const [{ data, fetching, error }] = useApiKeysListQuery({ context: CONTEXT });
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<Key | null>(null);
  const [revokeProblem, setRevokeProblem] = useState<string | null>(null);
  const [revocation, revoke] = useApiKeyRevokeMutation();
  const current = apiKey ? keyHint(apiKey) : null;
  const keys = data?.apiKeys;
  const revokingCurrent = revoking?.hint === current;

  async function confirmRevoke() {
    if (!revoking) return;
    setRevokeProblem(null);
    const response = await revoke({ id: revoking.id }, CONTEXT);
    const result = response.data?.revokeApiKey;
    if (!result) return setRevokeProblem(errorMessage(response.error) ?? 'Something went wrong.');
    if (result.__typename === 'NotFoundError') return setRevokeProblem(result.message);
    setRevoking(null);
    if (revokingCurrent) return signOut();
    setNotice(`Revoked ${result.name}. It stops working on its next request.`);
  }

  return (
    <>
      <h1>API keys</h1>
      <p className="muted lead">Keys let programs use Roster’s API. Each is shown once, when it is created.</p>
      {created ? (
        <NewKey name={created.name} token={created.token} onDone={() => setCreated(null)} />
      ) : (
        <CreateKey
          onCreated={(name, token) => {
            setNotice(null);
            setCreated({ name, token });
          }}
        />
      )}
      {notice && <SuccessNotice onDismiss={() => setNotice(null)}>{notice}</SuccessNotice>}
      <ErrorNotice message={errorMessage(error)} />
      {!keys && fetching && <Loading label="Loading keys…" />}
      {keys && keys.length === 0 && (
        <div className="card">
          <EmptyState title="No keys" />
        </div>
      )}
      {keys && keys.length > 0 && (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Key</th>
                <th scope="col" className="secondary">
                  Permission
                </th>
                <th scope="col" className="secondary">
                  Created
                </th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {keys.map((k) => (
                <tr key={k.id}>
                  <td>
                    {k.name}
                    {k.hint === current && !k.revokedAt && <span className="badge info in-use">in use here</span>}
                  </td>
                  <td>
                    <code>{k.hint}</code>
                  </td>
                  <td className="secondary">{PERMISSIONS[k.permission]}</td>
                  <td className="secondary muted">{formatDate(k.createdAt)}</td>
                  <td>{k.revokedAt ? <span className="badge danger">Revoked {formatDate(k.revokedAt)}</span> : <span className="badge ok">Active</span>}</td>
                  <td className="actions-cell">
                    {!k.revokedAt && (
                      <button
                        type="button"
                        className="button small ghost danger-text"
                        aria-label={`Revoke ${k.name}`}
                        onClick={() => {
                          setRevokeProblem(null);
                          setRevoking(k);
                        }}
                      >
                        Revoke
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ConfirmDialog
        open={revoking !== null}
        title={`Revoke ${revoking?.name ?? ''}?`}
        confirmLabel="Revoke key"
        danger
        busy={revocation.fetching}
        error={revokeProblem}
        onConfirm={confirmRevoke}
        onCancel={() => setRevoking(null)}
      >
        <p>Programs using it stop working on their next request. This cannot be undone.</p>
        {revokingCurrent && <p className="warning-text">This is the key you are signed in with: you will be signed out.</p>}
      </ConfirmDialog>
    </>
  );
}
