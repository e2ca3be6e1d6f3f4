import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Roster, startRoster, subscribe, uploadCsv } from './harness';

let roster: Roster;
let key: string;
beforeAll(async () => {
  roster = await startRoster();
  key = await roster.newKey('imports-smoke');
});
afterAll(() => roster.close());

it('imports a CSV and streams its progress to the end', async () => {
  const upload = await uploadCsv(roster, key, 'email,first_name\nann@example.com,Ann\nbob@example.com,Bob\n');
  expect(upload.status).toBe(200);
  const imported = upload.body.data?.importContacts;
  expect(imported?.__typename).toBe('ContactImport');
  const { events } = await subscribe<{ data: { importProgress: { status: string; counts: { total: number; created: number } } } }>(
    roster,
    key,
    'subscription ($id: ID!) { importProgress(id: $id) { status counts { total created } } }',
    { id: imported?.id },
  );
  expect(events.at(-1)?.data.importProgress).toEqual({ status: 'COMPLETED', counts: { total: 2, created: 2 } });
});

it('ends an open progress stream once its key is revoked', async () => {
  const queued = await startRoster({ workers: 0 });
  try {
    const own = await queued.newKey('revoked-stream');
    const upload = await uploadCsv(queued, own, 'email\nann@example.com\n');
    const id = upload.body.data?.importContacts?.id;
    const stream = subscribe<{ data?: unknown; errors?: { message: string }[] }>(queued, own, 'subscription ($id: ID!) { importProgress(id: $id) { status } }', { id }, 20_000);
    await new Promise((resolve) => setTimeout(resolve, 1000)); // let the stream open first
    await queued.query('update api_key set revoked_at = now() where token_hash = encode(sha256($1::bytea), $2)', [own, 'hex']);
    const { events } = await stream;
    expect(events[0]).toEqual({ data: { importProgress: { status: 'QUEUED' } } });
    expect(events.at(-1)?.errors?.[0]?.message).toBe('The API key was revoked');
  } finally {
    await queued.close();
  }
});
