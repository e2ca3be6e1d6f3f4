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
