import { type FormEvent, useState } from 'react';
import { useAuth } from '../auth';
import { apiHeaders } from '../client';
import { Field } from '../ui/Field';

/** Checks the key against the server before keeping it, so a wrong key says so here. */
async function checkKey(apiKey: string): Promise<string | null> {
  try {
    const response = await fetch('/graphql', {
      method: 'POST',
      headers: { ...apiHeaders(apiKey), 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ team { name } }' }),
    });
    if (response.status === 401 || response.status === 403) {
      const body = (await response.json().catch(() => null)) as { errors?: { message: string }[] } | null;
      return body?.errors?.[0]?.message ?? 'This API key was not accepted.';
    }
    if (!response.ok) return `The server answered ${response.status}. Try again in a moment.`;
    return null;
  } catch {
    return 'Roster could not be reached. Is the server running?';
  }
}

export function SignInPage() {
  const { signIn } = useAuth();
  const [key, setKey] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const trimmed = key.trim();
    if (!trimmed) return setError('Paste an API key (it starts with re_).');
    setBusy(true);
    const problem = await checkKey(trimmed);
    setBusy(false);
    if (problem) setError(problem);
    else signIn(trimmed);
  }

  return (
    <main className="signin">
      <form className="card" onSubmit={submit} noValidate>
        <h1>Sign in to Roster</h1>
        <p className="muted">Use a full-access API key. It is kept in this tab only and cleared when you sign out.</p>
        <Field label="API key" error={error}>
          {(props) => <input {...props} type="password" autoComplete="off" value={key} onChange={(e) => setKey(e.target.value)} placeholder="re_…" />}
        </Field>
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? 'Checking…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
