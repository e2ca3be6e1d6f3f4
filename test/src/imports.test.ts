import { randomUUID } from 'node:crypto';
import type { ResultOf, VariablesOf } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './gql';
import { type Roster, as, gql, ok, startRoster, subscribe, uploadCsv } from './harness';

// The import's semantics end to end: upload over HTTP, run by the in-process worker, checked through
// GraphQL (counts, contacts, failures) and SQL (what is stored).

let roster: Roster;
let key: string;
let otherKey: string;
beforeAll(async () => {
  roster = await startRoster();
  key = await roster.newKey('imp-a');
  otherKey = await roster.newKey('imp-b');
});
afterAll(() => roster.close());

graphql(`
  fragment ImpImportFields on ContactImport {
    id
    status
    counts { total created updated skipped failed }
    stagedRows
    fileName
    fileSize
    onConflict
    segmentIds
    error
    createdAt
    startedAt
    completedAt
    columnMap { email firstName lastName unsubscribed properties { key column type } }
  }
`);

graphql(`
  fragment ImpContactFields on Contact {
    id
    email
    firstName
    lastName
    unsubscribed
    source
    updatedAt
    properties { key type value }
    segments { edges { node { id } } }
    topics { edges { node { id subscription explicit } } }
  }
`);

const Progress = graphql(`
  subscription ImpProgress($id: ID!) {
    importProgress(id: $id) { id status stagedRows counts { total created updated skipped failed } }
  }
`);

const GetImport = graphql(`
  query ImpGetImport($id: ID!, $first: Int, $after: String) {
    contactImport(id: $id) {
      ...ImpImportFields
      failures(first: $first, after: $after) {
        edges { cursor node { rowNumber email skipped reason } }
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      }
    }
  }
`);

const ListImports = graphql(`
  query ImpListImports($first: Int, $after: String, $status: ContactImportStatus) {
    contactImports(first: $first, after: $after, status: $status) {
      edges { cursor node { id status } }
      pageInfo { hasNextPage hasPreviousPage endCursor }
    }
  }
`);

const Cancel = graphql(`
  mutation ImpCancel($id: ID!) {
    cancelContactImport(id: $id) {
      __typename
      ... on ContactImport { ...ImpImportFields }
      ... on ValidationError { message issues { path message } }
      ... on NotFoundError { message }
    }
  }
`);

const GetContact = graphql(`
  query ImpGetContact($email: String!) {
    contact(email: $email) { ...ImpContactFields }
  }
`);

const CreateContact = graphql(`
  mutation ImpCreateContact($input: CreateContactInput!) {
    createContact(input: $input) {
      __typename
      ... on Contact { ...ImpContactFields }
      ... on ValidationError { message }
    }
  }
`);

const CreateSegment = graphql(`
  mutation ImpCreateSegment($name: String!) {
    createSegment(input: { name: $name }) { __typename ... on Segment { id } }
  }
`);

const CreateTopic = graphql(`
  mutation ImpCreateTopic($input: CreateTopicInput!) {
    createTopic(input: $input) { __typename ... on Topic { id } }
  }
`);

const CreateProperty = graphql(`
  mutation ImpCreateProperty($input: CreateContactPropertyInput!) {
    createContactProperty(input: $input) { __typename ... on ContactProperty { id key type } ... on ValidationError { message } }
  }
`);

const Suggest = graphql(`
  query ImpSuggest($headers: [String!]!, $sampleRows: [[String!]!]) {
    suggestColumnMapping(headers: $headers, sampleRows: $sampleRows) {
      header target propertyKey propertyType propertyExists suggestedType confidence samples
    }
  }
`);

type ImportView = NonNullable<ResultOf<typeof GetImport>['contactImport']>;
type ProgressEvent = { data?: ResultOf<typeof Progress> | null; errors?: { message: string }[] };
type UploadResult = Awaited<ReturnType<typeof uploadCsv>>;

function expectConsistent(counts: { total: number; created: number; updated: number; skipped: number; failed: number }): void {
  expect(counts.total, JSON.stringify(counts)).toBe(counts.created + counts.updated + counts.skipped + counts.failed);
}

async function getImport(id: string, k = key): Promise<ImportView> {
  const found = (await ok(roster, k, GetImport, { id, first: 100 })).contactImport;
  if (!found) throw new Error(`import ${id} not found`);
  return found;
}

/** Follows importProgress to its end (checking the counts of every event), then reads the import. */
async function finished(id: string, k = key): Promise<{ imp: ImportView; events: ProgressEvent[] }> {
  const { status, events } = await subscribe<ProgressEvent>(roster, k, print(Progress), { id });
  expect(status).toBe(200);
  expect(events.length).toBeGreaterThan(0);
  for (const event of events) expectConsistent(event.data!.importProgress.counts);
  expect(['COMPLETED', 'FAILED', 'CANCELLED']).toContain(events.at(-1)!.data!.importProgress.status);
  const imp = await getImport(id, k);
  expectConsistent(imp.counts);
  return { imp, events };
}

function importId(upload: UploadResult): string {
  expect(upload.status, JSON.stringify(upload.body)).toBe(200);
  const result = upload.body.data?.importContacts;
  if (result?.__typename !== 'ContactImport') throw new Error(`Expected ContactImport, got ${JSON.stringify(upload.body)}`);
  return result.id as string;
}

async function runImport(csv: string | Uint8Array, variables: Record<string, unknown> = {}, k = key): Promise<ImportView> {
  const { imp } = await finished(importId(await uploadCsv(roster, k, csv, variables)), k);
  expect(imp.status, imp.error ?? '').toBe('COMPLETED');
  return imp;
}

function validationError(upload: UploadResult): { message: string; issues: { path: string[]; message: string }[] } {
  expect(upload.status, JSON.stringify(upload.body)).toBe(200);
  return as(upload.body.data?.importContacts, 'ValidationError') as never;
}

const failuresOf = (imp: ImportView) => imp.failures.edges.map((e) => e.node);

async function contact(email: string, k = key) {
  return (await ok(roster, k, GetContact, { email })).contact;
}

async function createContact(input: VariablesOf<typeof CreateContact>['input'], k = key) {
  return as((await ok(roster, k, CreateContact, { input })).createContact, 'Contact');
}

async function createSegment(name: string, k = key): Promise<string> {
  return as((await ok(roster, k, CreateSegment, { name })).createSegment, 'Segment').id;
}

async function createTopic(name: string, k = key): Promise<string> {
  return as((await ok(roster, k, CreateTopic, { input: { name, defaultSubscription: 'OPT_IN' } })).createTopic, 'Topic').id;
}

async function teamId(team: string): Promise<string> {
  const [row] = await roster.query<{ id: string }>('select id from team where name = $1', [team]);
  return row!.id;
}

/** What an upload may have left behind for a team: import rows, stored file chunks, contacts. */
async function stored(team: string): Promise<{ imports: number; chunks: number; contacts: number }> {
  const id = await teamId(team);
  const [row] = await roster.query<{ imports: number; chunks: number; contacts: number }>(
    `select (select count(*)::int from contact_import where team_id = $1) as imports,
            (select count(*)::int from contact_import_chunk k join contact_import i on i.id = k.import_id where i.team_id = $1) as chunks,
            (select count(*)::int from contact where team_id = $1) as contacts`,
    [id],
  );
  return row!;
}

const propertiesOf = (c: { properties: { key: string; value: unknown }[] } | null | undefined) =>
  Object.fromEntries((c?.properties ?? []).map((p) => [p.key, p.value]));
const segmentIdsOf = (c: { segments: { edges: { node: { id: string } }[] } } | null | undefined) => (c?.segments.edges ?? []).map((e) => e.node.id).sort();
const topicsOf = (c: { topics: { edges: { node: { id: string; subscription: string; explicit: boolean } }[] } } | null | undefined) =>
  Object.fromEntries((c?.topics.edges ?? []).filter((e) => e.node.explicit).map((e) => [e.node.id, e.node.subscription]));

describe('counts', () => {
  it('counts data rows only: blank and whitespace-only lines are not rows, and total = created + updated + skipped + failed', async () => {
    const csv = 'email,first_name\n\nrow1@count.test,One\n   \n,\nrow2@count.test,Two\n\n\nnot-an-email,Three\n\n';
    const imp = await runImport(csv);
    expect(imp.counts).toEqual({ total: 3, created: 2, updated: 0, skipped: 0, failed: 1 });
    expect(imp.stagedRows).toBe(3);
    // Row numbers count data rows, not physical lines.
    expect(failuresOf(imp)).toEqual([{ rowNumber: 3, email: 'not-an-email', skipped: false, reason: expect.stringMatching(/email/i) }]);
    expect(imp.startedAt).not.toBeNull();
    expect(imp.completedAt).not.toBeNull();
  });

  it('a file with only a header completes with zero rows', async () => {
    const imp = await runImport('email,first_name\r\n\r\n');
    expect(imp.counts).toEqual({ total: 0, created: 0, updated: 0, skipped: 0, failed: 0 });
  });
});

describe('UPSERT (the default)', () => {
  it('gives existing contacts only the non-empty mapped cells: an empty cell never clears, properties are merged', async () => {
    const plan = as((await ok(roster, key, CreateProperty, { input: { key: 'plan', type: 'STRING' } })).createContactProperty, 'ContactProperty');
    expect(plan.type).toBe('STRING');
    await ok(roster, key, CreateProperty, { input: { key: 'seats', type: 'NUMBER' } });
    await createContact({ email: 'Ann@Upsert.test', firstName: 'Ann', lastName: 'Old', unsubscribed: true, properties: { plan: 'pro', seats: 3 } });
    await createContact({ email: 'bob@upsert.test', firstName: 'Bob', lastName: 'Keep', properties: { plan: 'free' } });
    const csv = ['email,first_name,last_name,unsubscribed,plan,seats,city', 'ann@upsert.test,Annie,,,,,Paris', 'BOB@UPSERT.TEST,,,,team,,', 'cy@upsert.test,Cy,New,,,7,Rome', ''].join('\n');
    const imp = await runImport(csv, {
      columnMap: {
        properties: [
          { key: 'plan', column: 'plan', type: 'STRING' },
          { key: 'seats', column: 'seats', type: 'NUMBER' },
          { key: 'city', column: 'city', type: 'STRING' },
        ],
      },
    });
    expect(imp.counts).toEqual({ total: 3, created: 1, updated: 2, skipped: 0, failed: 0 });
    expect(imp.onConflict).toBe('UPSERT');
    // Without a map for them, the fields were matched by name.
    expect(imp.columnMap).toMatchObject({ email: 'email', firstName: 'first_name', lastName: 'last_name', unsubscribed: 'unsubscribed' });

    const ann = await contact('ann@upsert.test');
    expect(ann).toMatchObject({ email: 'Ann@Upsert.test', firstName: 'Annie', lastName: 'Old', unsubscribed: true });
    expect(propertiesOf(ann)).toEqual({ plan: 'pro', seats: 3, city: 'Paris' });
    const bob = await contact('bob@upsert.test');
    expect(bob).toMatchObject({ firstName: 'Bob', lastName: 'Keep', unsubscribed: false });
    expect(propertiesOf(bob)).toEqual({ plan: 'team' });
    const cy = await contact('cy@upsert.test');
    expect(cy).toMatchObject({ firstName: 'Cy', lastName: 'New', unsubscribed: false, source: 'IMPORT' });
    expect(propertiesOf(cy)).toEqual({ seats: 7, city: 'Rome' });
    // The new property was created with its type; the stored JSON holds typed values.
    const [city] = await roster.query<{ type: string }>('select type from contact_property where key = $1 and team_id = $2', ['city', await teamId('imp-a')]);
    expect(city?.type).toBe('string');
    const [raw] = await roster.query<{ properties: unknown }>('select properties from contact where email = $1', ['cy@upsert.test']);
    expect(raw?.properties).toEqual({ seats: 7, city: 'Rome' });
    // History: one event per created or updated contact, attributed to the import.
    const events = await roster.query<{ type: string; email: string }>(
      `select e.type, c.email from contact_event e join contact c on c.id = e.contact_id where e.source = 'import' and e.data->>'importId' = $1 order by c.email`,
      [imp.id],
    );
    expect(events).toEqual([
      { type: 'updated', email: 'Ann@Upsert.test' },
      { type: 'updated', email: 'bob@upsert.test' },
      { type: 'created', email: 'cy@upsert.test' },
    ]);
  });
});

describe('SKIP', () => {
  it('leaves existing contacts completely untouched (fields, properties, segments, topics) and lists them as skipped', async () => {
    const oldSegment = await createSegment('skip-old');
    const newSegment = await createSegment('skip-new');
    const topic = await createTopic('skip-topic');
    const before = await createContact({
      email: 'dee@skip.test',
      firstName: 'Dee',
      unsubscribed: false,
      properties: { plan: 'pro' },
      segmentIds: [oldSegment],
      topics: [{ id: topic, subscription: 'OPT_IN' }],
    });
    const [rawBefore] = await roster.query('select * from contact where id = $1', [before.id]);
    const csv = 'email,first_name,last_name,unsubscribed,plan\nDEE@skip.test,Changed,Changed,yes,free\neve@skip.test,Eve,,no,team\n';
    const imp = await runImport(csv, {
      onConflict: 'SKIP',
      segments: [newSegment],
      topics: [{ id: topic, subscription: 'OPT_OUT' }],
      columnMap: { email: 'email', firstName: 'first_name', lastName: 'last_name', unsubscribed: 'unsubscribed', properties: [{ key: 'plan', column: 'plan', type: 'STRING' }] },
    });
    expect(imp.onConflict).toBe('SKIP');
    expect(imp.counts).toEqual({ total: 2, created: 1, updated: 0, skipped: 1, failed: 0 });
    expect(failuresOf(imp)).toEqual([{ rowNumber: 1, email: 'DEE@skip.test', skipped: true, reason: expect.stringMatching(/already exists/i) }]);

    const dee = await contact('dee@skip.test');
    expect(dee).toMatchObject({ firstName: 'Dee', lastName: null, unsubscribed: false, updatedAt: before.updatedAt });
    expect(propertiesOf(dee)).toEqual({ plan: 'pro' });
    expect(segmentIdsOf(dee)).toEqual([oldSegment]);
    expect(topicsOf(dee)).toEqual({ [topic]: 'OPT_IN' });
    const [rawAfter] = await roster.query('select * from contact where id = $1', [before.id]);
    expect(rawAfter).toEqual(rawBefore);
    const [{ n }] = (await roster.query<{ n: number }>(`select count(*)::int as n from contact_event where contact_id = $1 and source = 'import'`, [before.id])) as [
      { n: number },
    ];
    expect(n).toBe(0);

    const eve = await contact('eve@skip.test');
    expect(eve).toMatchObject({ firstName: 'Eve', unsubscribed: false });
    expect(propertiesOf(eve)).toEqual({ plan: 'team' });
    expect(segmentIdsOf(eve)).toEqual([newSegment]);
    expect(topicsOf(eve)).toEqual({ [topic]: 'OPT_OUT' });
  });
});

describe('unsubscribed', () => {
  const cases: [string, boolean, boolean][] = [
    // cell, stored before, expected after
    ['true', false, true],
    ['TRUE', false, true],
    ['yes', false, true],
    ['Yes', false, true],
    ['1', false, true],
    ['y', false, true],
    ['Y', false, true],
    [' true ', false, true],
    ['false', true, false],
    ['FALSE', true, false],
    ['no', true, false],
    ['NO', true, false],
    ['0', true, false],
    ['n', true, false],
    ['N', true, false],
    ['', true, true],
    ['', false, false],
    ['  ', true, true],
  ];

  it('changes only on an explicit true/false/yes/no/1/0/y/n in any case; an empty cell never changes it', async () => {
    const lines = ['email,unsubscribed'];
    for (const [i, [cell, stored]] of cases.entries()) {
      await createContact({ email: `u${i}@unsub.test`, unsubscribed: stored });
      lines.push(`u${i}@unsub.test,${cell}`);
    }
    lines.push('new-empty@unsub.test,', 'new-yes@unsub.test,YES');
    const imp = await runImport(lines.join('\n'));
    expect(imp.counts).toEqual({ total: cases.length + 2, created: 2, updated: cases.length, skipped: 0, failed: 0 });
    const rows = await roster.query<{ email: string; unsubscribed: boolean }>(`select email, unsubscribed from contact where email like '%@unsub.test'`);
    const byEmail = new Map(rows.map((r) => [r.email, r.unsubscribed]));
    for (const [i, [cell, stored, expected]] of cases.entries()) {
      expect(byEmail.get(`u${i}@unsub.test`), `cell ${JSON.stringify(cell)} over ${stored}`).toBe(expected);
    }
    expect(byEmail.get('new-empty@unsub.test')).toBe(false);
    expect(byEmail.get('new-yes@unsub.test')).toBe(true);
  });

  it('an unmapped column never changes it, even with explicit values', async () => {
    await createContact({ email: 'kept@unmapped.test', unsubscribed: true });
    await createContact({ email: 'kept2@unmapped.test', unsubscribed: false });
    // Mapped to nothing on purpose (null), though its header would match by name.
    const imp = await runImport('email,first_name,unsubscribed\nkept@unmapped.test,Kay,no\nkept2@unmapped.test,Kim,yes\nfresh@unmapped.test,Flo,yes\n', {
      columnMap: { email: 'email', unsubscribed: null },
    });
    expect(imp.columnMap).toMatchObject({ firstName: 'first_name', unsubscribed: null });
    expect(imp.counts).toMatchObject({ total: 3, created: 1, updated: 2 });
    expect(await contact('kept@unmapped.test')).toMatchObject({ firstName: 'Kay', unsubscribed: true });
    expect(await contact('kept2@unmapped.test')).toMatchObject({ firstName: 'Kim', unsubscribed: false });
    expect(await contact('fresh@unmapped.test')).toMatchObject({ firstName: 'Flo', unsubscribed: false });
    // Without a map, a header that is not a name for it ("Status") is not mapped either.
    const auto = await runImport('email,Status\nkept@unmapped.test,no\nkept2@unmapped.test,yes\n');
    expect(auto.columnMap.unsubscribed).toBeNull();
    expect(await contact('kept@unmapped.test')).toMatchObject({ unsubscribed: true });
    expect(await contact('kept2@unmapped.test')).toMatchObject({ unsubscribed: false });
  });

  it('an invalid value fails that row with a reason and leaves the contact as it was', async () => {
    await createContact({ email: 'maybe@invalid-unsub.test', firstName: 'May', unsubscribed: true });
    const imp = await runImport('email,first_name,unsubscribed\nmaybe@invalid-unsub.test,Changed,maybe\nok@invalid-unsub.test,Ok,n\nnew@invalid-unsub.test,New,2\n');
    expect(imp.counts).toEqual({ total: 3, created: 1, updated: 0, skipped: 0, failed: 2 });
    expect(failuresOf(imp)).toEqual([
      { rowNumber: 1, email: 'maybe@invalid-unsub.test', skipped: false, reason: 'Column "unsubscribed" must be true/false, yes/no, 1/0 or y/n, not "maybe"' },
      { rowNumber: 3, email: 'new@invalid-unsub.test', skipped: false, reason: 'Column "unsubscribed" must be true/false, yes/no, 1/0 or y/n, not "2"' },
    ]);
    expect(await contact('maybe@invalid-unsub.test')).toMatchObject({ firstName: 'May', unsubscribed: true });
    expect(await contact('new@invalid-unsub.test')).toBeNull();
  });
});

describe('the same email twice', () => {
  it('case-insensitively: the last row wins, earlier ones are skipped as "Duplicate of row N"', async () => {
    await createContact({ email: 'twice@dup.test', firstName: 'Stored' });
    const csv = [
      'email,first_name,last_name',
      'Ann@Dup.test,First,A',
      'twice@dup.test,One,',
      'ANN@DUP.TEST,Second,',
      'bob@dup.test,Bob,B',
      'ann@dup.test,Third,',
      'TWICE@dup.test,Two,T',
    ].join('\r\n');
    const imp = await runImport(csv);
    expect(imp.counts).toEqual({ total: 6, created: 2, updated: 1, skipped: 3, failed: 0 });
    expect(failuresOf(imp)).toEqual([
      { rowNumber: 1, email: 'Ann@Dup.test', skipped: true, reason: 'Duplicate of row 5' },
      { rowNumber: 2, email: 'twice@dup.test', skipped: true, reason: 'Duplicate of row 6' },
      { rowNumber: 3, email: 'ANN@DUP.TEST', skipped: true, reason: 'Duplicate of row 5' },
    ]);
    // The last row's values only: earlier rows' cells are not merged in.
    expect(await contact('ann@dup.test')).toMatchObject({ email: 'ann@dup.test', firstName: 'Third', lastName: null });
    expect(await contact('twice@dup.test')).toMatchObject({ email: 'twice@dup.test', firstName: 'Two', lastName: 'T' });
    const [{ n }] = (await roster.query<{ n: number }>(`select count(*)::int as n from contact where lower(email) like '%@dup.test'`)) as [{ n: number }];
    expect(n).toBe(3);
  });

  it('an invalid later row does not replace a valid earlier one', async () => {
    const imp = await runImport('email,seats\nlate@dup-invalid.test,4\nLATE@dup-invalid.test,many\n', {
      columnMap: { email: 'email', properties: [{ key: 'seats', column: 'seats', type: 'NUMBER' }] },
    });
    expect(imp.counts).toEqual({ total: 2, created: 1, updated: 0, skipped: 0, failed: 1 });
    expect(failuresOf(imp)).toEqual([{ rowNumber: 2, email: 'LATE@dup-invalid.test', skipped: false, reason: expect.stringContaining('must be a number') }]);
    expect(propertiesOf(await contact('late@dup-invalid.test'))).toEqual({ seats: 4 });
  });

  it('across batch boundaries (12,000 rows, batches of 5,000): counted once, never a failed batch', async () => {
    const rows: string[] = [];
    for (let i = 1; i <= 12_000; i++) rows.push(`bulk${i}@big.test,N${i},L${i}`);
    // Row 3 comes back at row 11,000 (other case); row 5,000 at row 5,001 (the boundary); row 10 at 10,001.
    rows[11_000 - 1] = 'BULK3@BIG.TEST,Last3,';
    rows[5_001 - 1] = 'bulk5000@big.test,Last5000,L';
    rows[10_001 - 1] = 'Bulk10@Big.Test,Last10,L10';
    const { imp, events } = await finished(importId(await uploadCsv(roster, key, `email,first_name,last_name\n${rows.join('\n')}\n`)));
    expect(imp.status).toBe('COMPLETED');
    expect(imp.counts).toEqual({ total: 12_000, created: 11_997, updated: 0, skipped: 3, failed: 0 });
    expect(failuresOf(imp)).toEqual([
      { rowNumber: 3, email: 'bulk3@big.test', skipped: true, reason: 'Duplicate of row 11000' },
      { rowNumber: 10, email: 'bulk10@big.test', skipped: true, reason: 'Duplicate of row 10001' },
      { rowNumber: 5000, email: 'bulk5000@big.test', skipped: true, reason: 'Duplicate of row 5001' },
    ]);
    // Progress moved batch by batch, consistent at every step, and never went backwards.
    const totals = events.map((e) => e.data!.importProgress.counts.total);
    expect(totals).toEqual([...totals].sort((a, b) => a - b));
    expect(new Set(totals).size).toBeGreaterThan(2);
    const stored = await roster.query<{ email: string; first_name: string; last_name: string | null }>(
      `select email, first_name, last_name from contact where lower(email) in ('bulk3@big.test', 'bulk10@big.test', 'bulk5000@big.test') order by email`,
    );
    expect(stored).toEqual([
      { email: 'BULK3@BIG.TEST', first_name: 'Last3', last_name: null },
      { email: 'Bulk10@Big.Test', first_name: 'Last10', last_name: 'L10' },
      { email: 'bulk5000@big.test', first_name: 'Last5000', last_name: 'L' },
    ]);
    const [{ n }] = (await roster.query<{ n: number }>(`select count(*)::int as n from contact where lower(email) like '%@big.test'`)) as [{ n: number }];
    expect(n).toBe(11_997);
    // Re-importing the same file updates every contact and skips the same duplicates.
    const again = await runImport(`email,first_name,last_name\n${rows.join('\n')}\n`);
    expect(again.counts).toEqual({ total: 12_000, created: 0, updated: 11_997, skipped: 3, failed: 0 });
  });
});

describe('invalid rows', () => {
  it('fail one by one with their row number and reason; the rest of the file imports', async () => {
    const csv = [
      'email,first_name,score,vip',
      'good1@invalid.test,G1,1.5,yes',
      'not-an-email,Bad,1,no',
      'good2@invalid.test,G2,ten,no',
      'good3@invalid.test,G3,3',
      ',NoEmail,1,no',
      'good4@invalid.test,G4,-2e3,perhaps',
      'good5@invalid.test,G5,1,no,extra',
      'good6@invalid.test,G6,,',
      'two@@invalid.test,X,1,no',
    ].join('\n');
    const imp = await runImport(csv, {
      columnMap: {
        email: 'email',
        firstName: 'first_name',
        properties: [
          { key: 'score', column: 'score', type: 'NUMBER' },
          { key: 'vip', column: 'vip', type: 'BOOLEAN' },
        ],
      },
    });
    expect(imp.counts).toEqual({ total: 9, created: 2, updated: 0, skipped: 0, failed: 7 });
    const failures = failuresOf(imp);
    expect(failures.map((f) => [f.rowNumber, f.email, f.skipped])).toEqual([
      [2, 'not-an-email', false],
      [3, 'good2@invalid.test', false],
      [4, 'good3@invalid.test', false],
      [5, null, false],
      [6, 'good4@invalid.test', false],
      [7, 'good5@invalid.test', false],
      [9, 'two@@invalid.test', false],
    ]);
    const reasons = failures.map((f) => f.reason);
    expect(reasons[0]).toMatch(/^Column "email": /);
    expect(reasons[1]).toBe('Column "score" must be a number for the property "score", not "ten"');
    expect(reasons[2]).toBe('Row has 3 columns, the header has 4');
    expect(reasons[3]).toBe('Column "email" is empty; every contact needs an email');
    expect(reasons[4]).toBe('Column "vip" must be true/false, yes/no, 1/0 or y/n for the property "vip", not "perhaps"');
    expect(reasons[5]).toBe('Row has 5 columns, the header has 4');
    expect(reasons[6]).toMatch(/^Column "email": /);
    expect(propertiesOf(await contact('good1@invalid.test'))).toEqual({ score: 1.5, vip: true });
    const g6 = await contact('good6@invalid.test');
    expect(g6?.firstName).toBe('G6');
    expect(propertiesOf(g6)).toEqual({});
    for (const email of ['good2@invalid.test', 'good3@invalid.test', 'good4@invalid.test', 'good5@invalid.test']) expect(await contact(email)).toBeNull();
  });
});

describe('segments and topics', () => {
  it('apply to every created or updated contact', async () => {
    const s1 = await createSegment('imp-s1');
    const s2 = await createSegment('imp-s2');
    const t1 = await createTopic('imp-t1');
    const t2 = await createTopic('imp-t2');
    const old = await createSegment('imp-old');
    await createContact({ email: 'old@targets.test', segmentIds: [old], topics: [{ id: t2, subscription: 'OPT_IN' }] });
    const imp = await runImport('email\nold@targets.test\nnew@targets.test\nbad@\n', {
      segments: [s1, s2, s1],
      topics: [
        { id: t1, subscription: 'OPT_IN' },
        { id: t2, subscription: 'OPT_OUT' },
      ],
    });
    expect(imp.counts).toEqual({ total: 3, created: 1, updated: 1, skipped: 0, failed: 1 });
    expect([...imp.segmentIds].sort()).toEqual([s1, s2].sort());
    const updated = await contact('old@targets.test');
    expect(segmentIdsOf(updated)).toEqual([old, s1, s2].sort());
    expect(topicsOf(updated)).toEqual({ [t1]: 'OPT_IN', [t2]: 'OPT_OUT' });
    const created = await contact('new@targets.test');
    expect(segmentIdsOf(created)).toEqual([s1, s2].sort());
    expect(topicsOf(created)).toEqual({ [t1]: 'OPT_IN', [t2]: 'OPT_OUT' });
  });

  it('an unknown segment or topic (or another team’s) is a ValidationError and nothing is stored', async () => {
    const key2 = await roster.newKey('imp-targets');
    const foreignSegment = await createSegment('foreign', otherKey);
    const mine = await createSegment('mine', key2);
    const cases: [Record<string, unknown>, string][] = [
      [{ segments: [mine, randomUUID()] }, 'segments.1'],
      [{ segments: [foreignSegment] }, 'segments.0'],
      [{ topics: [{ id: randomUUID(), subscription: 'OPT_IN' }] }, 'topics.0'],
      [{ segments: ['not-a-uuid'] }, 'segments'],
    ];
    for (const [variables, path] of cases) {
      const error = validationError(await uploadCsv(roster, key2, 'email\na@targets-bad.test\n', variables));
      expect(error.issues.map((i) => i.path.join('.')).join(' '), JSON.stringify(error)).toContain(path);
    }
    expect(await stored('imp-targets')).toEqual({ imports: 0, chunks: 0, contacts: 0 });
  });
});

describe('columnMap', () => {
  it('maps the named headers (matched exactly or ignoring case) and creates missing properties with their type', async () => {
    const imp = await runImport('Mail,Given,Family,Opt Out,Seats Count,Is VIP,Note\nmap@cm.test,Mia,Map,y,12,0,hello\n', {
      columnMap: {
        email: 'mail',
        firstName: 'Given',
        lastName: 'Family',
        unsubscribed: 'Opt Out',
        properties: [
          { key: 'seat_count', column: 'Seats Count', type: 'NUMBER' },
          { key: 'is_vip', column: 'Is VIP', type: 'BOOLEAN' },
        ],
      },
    });
    expect(imp.counts).toEqual({ total: 1, created: 1, updated: 0, skipped: 0, failed: 0 });
    expect(imp.columnMap).toEqual({
      email: 'mail',
      firstName: 'Given',
      lastName: 'Family',
      unsubscribed: 'Opt Out',
      properties: [
        { key: 'seat_count', column: 'Seats Count', type: 'NUMBER' },
        { key: 'is_vip', column: 'Is VIP', type: 'BOOLEAN' },
      ],
    });
    const c = await contact('map@cm.test');
    expect(c).toMatchObject({ firstName: 'Mia', lastName: 'Map', unsubscribed: true });
    expect(propertiesOf(c)).toEqual({ seat_count: 12, is_vip: false });
    const types = await roster.query<{ key: string; type: string }>(`select key, type from contact_property where team_id = $1 and key in ('seat_count', 'is_vip') order by key`, [
      await teamId('imp-a'),
    ]);
    expect(types).toEqual([
      { key: 'is_vip', type: 'boolean' },
      { key: 'seat_count', type: 'number' },
    ]);
  });

  it('matches the fields a partial map leaves out by name, but never a column the map uses for something else', async () => {
    const imp = await runImport('email,first_name,last_name,unsubscribed\npartial@cm.test,Pat,Part,yes\n', {
      columnMap: { properties: [{ key: 'given_name', column: 'first_name', type: 'STRING' }] },
    });
    expect(imp.columnMap).toEqual({
      email: 'email',
      firstName: null,
      lastName: 'last_name',
      unsubscribed: 'unsubscribed',
      properties: [{ key: 'given_name', column: 'first_name', type: 'STRING' }],
    });
    const c = await contact('partial@cm.test');
    expect(c).toMatchObject({ firstName: null, lastName: 'Part', unsubscribed: true });
    expect(propertiesOf(c)).toEqual({ given_name: 'Pat' });
  });

  it('refuses a map naming a column the file does not have, naming it, and stores nothing', async () => {
    const key2 = await roster.newKey('imp-map-bad');
    const error = validationError(
      await uploadCsv(roster, key2, 'email,first_name\na@cm-bad.test,A\n', {
        columnMap: { email: 'email', lastName: 'Surname', properties: [{ key: 'new_prop', column: 'Company', type: 'STRING' }] },
      }),
    );
    expect(error.issues).toEqual([
      { path: ['columnMap', 'lastName'], message: expect.stringContaining('The file has no column "Surname"') },
      { path: ['columnMap', 'properties', '0', 'column'], message: expect.stringContaining('The file has no column "Company"') },
    ]);
    expect(error.issues[0]!.message).toContain('"email", "first_name"');
    expect(await stored('imp-map-bad')).toEqual({ imports: 0, chunks: 0, contacts: 0 });
    const props = await roster.query(`select 1 from contact_property where team_id = $1`, [await teamId('imp-map-bad')]);
    expect(props).toEqual([]);
  });

  it('refuses a property that exists with another type, creating none of the map’s properties', async () => {
    const key2 = await roster.newKey('imp-map-type');
    as((await ok(roster, key2, CreateProperty, { input: { key: 'age', type: 'NUMBER' } })).createContactProperty, 'ContactProperty');
    const error = validationError(
      await uploadCsv(roster, key2, 'email,age,nick\na@cm-type.test,old,Al\n', {
        columnMap: {
          email: 'email',
          properties: [
            { key: 'nick', column: 'nick', type: 'STRING' },
            { key: 'age', column: 'age', type: 'STRING' },
          ],
        },
      }),
    );
    expect(error.issues).toEqual([{ path: ['columnMap', 'properties', '1', 'type'], message: 'The property "age" exists with the type number, not string' }]);
    expect(await stored('imp-map-type')).toEqual({ imports: 0, chunks: 0, contacts: 0 });
    const props = await roster.query<{ key: string }>(`select key from contact_property where team_id = $1`, [await teamId('imp-map-type')]);
    expect(props).toEqual([{ key: 'age' }]);
  });

  it('refuses a column mapped twice and a property key that is not valid', async () => {
    const twice = validationError(await uploadCsv(roster, key, 'email,name\na@cm-twice.test,A\n', { columnMap: { email: 'email', firstName: 'name', lastName: 'name' } }));
    expect(twice.issues).toEqual([{ path: ['columnMap', 'lastName'], message: 'The column "name" is already mapped to firstName' }]);
    const badKey = validationError(
      await uploadCsv(roster, key, 'email,name\na@cm-twice.test,A\n', { columnMap: { properties: [{ key: 'bad key!', column: 'name', type: 'STRING' }] } }),
    );
    expect(badKey.issues).toEqual([{ path: ['columnMap', 'properties', '0', 'key'], message: expect.stringContaining('letters, digits and underscores') }]);
    expect(await contact('a@cm-twice.test')).toBeNull();
  });

  it('without a map, matches headers by name and the usual synonyms', async () => {
    const files: [string, string][] = [
      ['Email Address,First Name,Surname,Unsubscribe', 'syn1@syn.test,Ann,Smith,yes'],
      ['E-mail,fname,Last_Name,opted-out', 'syn2@syn.test,Bob,Jones,1'],
      ['  EMAIL ,given name,family-name,Opt Out', 'syn3@syn.test,Cat,Brown,y'],
      ['Company,email_address,Forename,LNAME', 'Acme,syn4@syn.test,Dan,Gray'],
    ];
    for (const [header, row] of files) {
      const imp = await runImport(`${header}\n${row}\n`);
      expect(imp.counts.created, header).toBe(1);
    }
    expect(await contact('syn1@syn.test')).toMatchObject({ firstName: 'Ann', lastName: 'Smith', unsubscribed: true });
    expect(await contact('syn2@syn.test')).toMatchObject({ firstName: 'Bob', lastName: 'Jones', unsubscribed: true });
    expect(await contact('syn3@syn.test')).toMatchObject({ firstName: 'Cat', lastName: 'Brown', unsubscribed: true });
    const dan = await contact('syn4@syn.test');
    expect(dan).toMatchObject({ firstName: 'Dan', lastName: 'Gray', unsubscribed: false });
    // An unmapped column is not imported.
    expect(propertiesOf(dan)).toEqual({});
  });

  it('without a map and without an email-like header, says which columns the file has', async () => {
    const error = validationError(await uploadCsv(roster, key, 'name,phone\nAnn,123\n'));
    expect(error.issues[0]?.path).toEqual(['file']);
    expect(error.message).toContain('No column looks like the email column');
    expect(error.message).toContain('"name", "phone"');
  });
});

describe('reading imports', () => {
  it('contactImport(id) is team-scoped; contactImports pages newest first and filters by status', async () => {
    const key2 = await roster.newKey('imp-list');
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await runImport(`email\nlist${i}@list.test\n`, {}, key2)).id);
    const failedUpload = importId(await uploadCsv(roster, key2, 'email\n"unclosed@list.test\n'));
    const { imp: failed } = await finished(failedUpload, key2);
    expect(failed.status).toBe('FAILED');
    expect(failed.error).toMatch(/quote/);
    expect(failed.counts).toEqual({ total: 0, created: 0, updated: 0, skipped: 0, failed: 0 });

    expect((await ok(roster, otherKey, GetImport, { id: ids[0]! })).contactImport).toBeNull();
    expect((await ok(roster, key2, GetImport, { id: randomUUID() })).contactImport).toBeNull();
    expect((await ok(roster, key2, GetImport, { id: 'nope' })).contactImport).toBeNull();

    const first = (await ok(roster, key2, ListImports, { first: 2 })).contactImports;
    expect(first.edges.map((e) => e.node.id)).toEqual([failedUpload, ids[2]]);
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const second = (await ok(roster, key2, ListImports, { first: 2, after: first.pageInfo.endCursor })).contactImports;
    expect(second.edges.map((e) => e.node.id)).toEqual([ids[1], ids[0]]);
    expect(second.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });

    const completed = (await ok(roster, key2, ListImports, { status: 'COMPLETED' })).contactImports;
    expect(completed.edges.map((e) => e.node.id)).toEqual([...ids].reverse());
    const failedList = (await ok(roster, key2, ListImports, { status: 'FAILED' })).contactImports;
    expect(failedList.edges.map((e) => e.node)).toEqual([{ id: failedUpload, status: 'FAILED' }]);
    expect((await ok(roster, key2, ListImports, { status: 'QUEUED' })).contactImports.edges).toEqual([]);
    // Another team sees none of them.
    const theirs = (await ok(roster, otherKey, ListImports, { first: 100 })).contactImports.edges.map((e) => e.node.id);
    for (const id of [...ids, failedUpload]) expect(theirs).not.toContain(id);
  });
});

describe('failures', () => {
  let imp: ImportView;
  beforeAll(async () => {
    const lines = ['email,first_name'];
    for (let i = 1; i <= 30; i++) lines.push(i % 3 === 0 ? `bad-${i},=cmd()` : `ok${i}@fail.test,N${i}`);
    lines.push('ok1@fail.test,Again');
    imp = await runImport(lines.join('\n'));
  });

  it('pages the failed and skipped rows by row number (first/after)', async () => {
    expect(imp.counts).toEqual({ total: 31, created: 20, updated: 0, skipped: 1, failed: 10 });
    const all = failuresOf(imp);
    expect(all.map((f) => f.rowNumber)).toEqual([1, 3, 6, 9, 12, 15, 18, 21, 24, 27, 30]);
    expect(all[0]).toEqual({ rowNumber: 1, email: 'ok1@fail.test', skipped: true, reason: 'Duplicate of row 31' });
    const seen: number[] = [];
    let after: string | null | undefined = null;
    let pages = 0;
    for (;;) {
      const page: ImportView['failures'] = (await ok(roster, key, GetImport, { id: imp.id, first: 4, after }))!.contactImport!.failures;
      pages++;
      seen.push(...page.edges.map((e) => e.node.rowNumber));
      expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(all.map((f) => f.rowNumber));
    const bad = await gql(roster, key, GetImport, { id: imp.id, first: 4, after: 'abc' });
    expect(bad.errors?.[0]?.message).toMatch(/cursor/i);
  });

  it('GET /contacts/imports/{id}/failures.csv streams the same rows, authorised and team-scoped', async () => {
    const url = `${roster.url}/contacts/imports/${imp.id}/failures.csv`;
    const response = await fetch(url, { headers: { authorization: `Bearer ${key}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="[^"]+-not-imported\.csv"; filename\*=UTF-8''/);
    const text = await response.text();
    const rows = parseCsv(text);
    expect(rows[0]).toEqual(['row_number', 'email', 'outcome', 'reason']);
    expect(rows.slice(1)).toEqual(failuresOf(imp).map((f) => [String(f.rowNumber), f.email ?? '', f.skipped ? 'skipped' : 'failed', f.reason]));

    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(url, { headers: { authorization: 'Bearer re_not_a_real_key_at_all_123456' } })).status).toBe(403);
    const other = await fetch(url, { headers: { authorization: `Bearer ${otherKey}` } });
    expect(other.status).toBe(404);
    expect(await other.text()).not.toContain('ok1@fail.test');
    for (const id of [randomUUID(), 'not-a-uuid']) {
      expect((await fetch(`${roster.url}/contacts/imports/${id}/failures.csv`, { headers: { authorization: `Bearer ${key}` } })).status).toBe(404);
    }
  });
});

describe('importProgress', () => {
  it('streams the current state first, then every change until the end, then completes', async () => {
    const upload = await uploadCsv(roster, key, `email\n${Array.from({ length: 20_000 }, (_, i) => `p${i}@progress.test`).join('\n')}\n`);
    const { events } = await finished(importId(upload));
    const states = events.map((e) => e.data!.importProgress);
    expect(['QUEUED', 'IN_PROGRESS']).toContain(states[0]!.status);
    expect(states.at(-1)).toMatchObject({ status: 'COMPLETED', counts: { total: 20_000, created: 20_000 }, stagedRows: 20_000 });
    // Subscribing to an import that has ended: its state once, and the stream completes.
    const again = await subscribe<ProgressEvent>(roster, key, print(Progress), { id: states[0]!.id });
    expect(again.events).toEqual([{ data: { importProgress: states.at(-1) } }]);
  });

  it('another team’s key gets an error and nothing else; no key is refused with 401', async () => {
    const id = (await runImport('email\nsecret@progress.test\n')).id;
    const { status, events } = await subscribe<ProgressEvent>(roster, otherKey, print(Progress), { id });
    expect(status).toBe(200);
    expect(events).toHaveLength(1);
    expect(events[0]!.data ?? null).toBeNull();
    expect(events[0]!.errors?.[0]?.message).toMatch(/not found/i);
    expect(JSON.stringify(events)).not.toContain('secret@progress.test');

    const response = await fetch(`${roster.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ query: print(Progress), variables: { id } }),
    });
    expect(response.status).toBe(401);
    await response.body?.cancel();
  });
});

describe('cancelContactImport', () => {
  it('stops a running import at its next batch: CANCELLED, what was imported kept, counts consistent', async () => {
    const rows = 120_000;
    const body = Array.from({ length: rows }, (_, i) => `c${i}@cancel.test,First${i},Last${i}`).join('\n');
    const id = importId(await uploadCsv(roster, key, `email,first_name,last_name\n${body}\n`));
    // Cancel once the first batch is in (poll: the batch boundary is what matters, not the time).
    let state = await getImport(id);
    while (state.counts.total === 0 && state.status !== 'COMPLETED') {
      await new Promise((resolve) => setImmediate(resolve));
      state = await getImport(id);
    }
    expect(state.status).toBe('IN_PROGRESS');
    const cancelled = as((await ok(roster, key, Cancel, { id })).cancelContactImport, 'ContactImport');
    expect(['IN_PROGRESS', 'CANCELLED']).toContain(cancelled.status);
    const { imp } = await finished(id);
    expect(imp.status).toBe('CANCELLED');
    expect(imp.completedAt).not.toBeNull();
    expect(imp.counts.total).toBeGreaterThan(0);
    expect(imp.counts.total).toBeLessThan(rows);
    expect(imp.counts.created).toBe(imp.counts.total);
    const [{ n }] = (await roster.query<{ n: number }>(`select count(*)::int as n from contact where email like '%@cancel.test'`)) as [{ n: number }];
    expect(n).toBe(imp.counts.created);
    // The stored file and the staging table are gone.
    expect(await roster.query('select 1 from contact_import_chunk where import_id = $1', [id])).toEqual([]);
    expect(await roster.query(`select 1 from pg_class where relname = $1`, [`import_stage_${id.replaceAll('-', '')}`])).toEqual([]);
    // Cancelling an import that has ended is refused.
    const again = as((await ok(roster, key, Cancel, { id })).cancelContactImport, 'ValidationError');
    expect(again.message).toContain('already ended (cancelled)');
  });

  it('refuses to cancel a completed import, and does not find another team’s', async () => {
    const id = (await runImport('email\ndone@cancel2.test\n')).id;
    const error = as((await ok(roster, key, Cancel, { id })).cancelContactImport, 'ValidationError');
    expect(error.issues).toEqual([{ path: ['id'], message: 'The import has already ended (completed)' }]);
    expect((await getImport(id)).status).toBe('COMPLETED');
    expect(as((await ok(roster, otherKey, Cancel, { id })).cancelContactImport, 'NotFoundError').message).toContain(id);
    expect(as((await ok(roster, key, Cancel, { id: randomUUID() })).cancelContactImport, 'NotFoundError')).toBeTruthy();
  });

  describe('with no worker running', () => {
    let idle: Roster;
    let idleKey: string;
    beforeAll(async () => {
      idle = await startRoster({ workers: 0 });
      idleKey = await idle.newKey('imp-idle');
    });
    afterAll(() => idle.close());

    it('cancels a queued import at once, drops its stored file, and ends its progress stream', async () => {
      const upload = await uploadCsv(idle, idleKey, 'email\nq1@queued.test\nq2@queued.test\n');
      const id = importId(upload);
      const queued = (await ok(idle, idleKey, GetImport, { id })).contactImport!;
      expect(queued).toMatchObject({ status: 'QUEUED', startedAt: null, completedAt: null, counts: { total: 0 } });
      expect((await ok(idle, idleKey, ListImports, { status: 'QUEUED' })).contactImports.edges.map((e) => e.node.id)).toEqual([id]);
      expect((await idle.query('select 1 from contact_import_chunk where import_id = $1', [id])).length).toBe(1);

      // The progress stream shows QUEUED first and completes when the cancel lands.
      const stream = subscribe<ProgressEvent>(idle, idleKey, print(Progress), { id });
      while ((idle.importEvents.listenerCount(id) ?? 0) === 0) await new Promise((resolve) => setImmediate(resolve));
      const cancelled = as((await ok(idle, idleKey, Cancel, { id })).cancelContactImport, 'ContactImport');
      expect(cancelled.status).toBe('CANCELLED');
      expect(cancelled.completedAt).not.toBeNull();
      const { events } = await stream;
      expect(events.map((e) => e.data!.importProgress.status)).toEqual(['QUEUED', 'CANCELLED']);

      expect((await ok(idle, idleKey, ListImports, { status: 'CANCELLED' })).contactImports.edges.map((e) => e.node.id)).toEqual([id]);
      expect((await ok(idle, idleKey, ListImports, { status: 'QUEUED' })).contactImports.edges).toEqual([]);
      expect(await idle.query('select 1 from contact_import_chunk where import_id = $1', [id])).toEqual([]);
      expect(await idle.query('select 1 from contact')).toEqual([]);
      const again = as((await ok(idle, idleKey, Cancel, { id })).cancelContactImport, 'ValidationError');
      expect(again.message).toContain('already ended');
    });
  });
});

describe('suggestColumnMapping', () => {
  it('suggests fields by synonym, known properties, sniffed types and an email column by its values', async () => {
    const key2 = await roster.newKey('imp-suggest');
    await ok(roster, key2, CreateProperty, { input: { key: 'plan', type: 'STRING' } });
    const result = (
      await ok(roster, key2, Suggest, {
        headers: ['Contact', 'fname', 'Surname', 'Opt Out', 'Plan', 'Seats', 'Active', 'Notes', '!!!'],
        sampleRows: [
          ['a@x.test', 'Ann', 'Smith', 'no', 'pro', '3', 'yes', 'hello', ''],
          ['b@x.test', 'Bob', 'Jones', 'yes', 'free', '4.5', 'n', 'world', ''],
        ],
      })
    ).suggestColumnMapping;
    const by = Object.fromEntries(result.map((s) => [s.header, s]));
    expect(result.map((s) => s.header)).toEqual(['Contact', 'fname', 'Surname', 'Opt Out', 'Plan', 'Seats', 'Active', 'Notes', '!!!']);
    expect(by.Contact).toMatchObject({ target: 'EMAIL', confidence: 0.8, samples: ['a@x.test', 'b@x.test'] });
    expect(by.fname).toMatchObject({ target: 'FIRST_NAME', confidence: 0.9 });
    expect(by.Surname).toMatchObject({ target: 'LAST_NAME', confidence: 0.9 });
    expect(by['Opt Out']).toMatchObject({ target: 'UNSUBSCRIBED', suggestedType: 'BOOLEAN' });
    expect(by.Plan).toMatchObject({ target: 'PROPERTY', propertyKey: 'plan', propertyType: 'STRING', propertyExists: true, confidence: 0.9 });
    expect(by.Seats).toMatchObject({ target: 'PROPERTY', propertyKey: 'seats', propertyType: 'NUMBER', propertyExists: false, suggestedType: 'NUMBER' });
    expect(by.Active).toMatchObject({ target: 'PROPERTY', propertyKey: 'active', propertyType: 'BOOLEAN', suggestedType: 'BOOLEAN' });
    expect(by.Notes).toMatchObject({ target: 'PROPERTY', propertyKey: 'notes', propertyType: 'STRING' });
    expect(by['!!!']).toMatchObject({ target: 'IGNORE', propertyKey: null });

    // Two email-like headers: one is the email column, the other is not imported.
    const email = (await ok(roster, key2, Suggest, { headers: ['Email Address', 'E-mail'] })).suggestColumnMapping;
    expect(email.map((s) => s.target).sort()).toEqual(['EMAIL', 'IGNORE']);

    const refused = await gql(roster, key2, Suggest, { headers: [] });
    expect(refused.errors?.[0]?.message).toMatch(/between 1 and 1,000 headers/);
  });

  it('remembers a mapping made by hand: the same header (any case) is suggested the same way, confidence 1', async () => {
    const key2 = await roster.newKey('imp-memory');
    const before = (await ok(roster, key2, Suggest, { headers: ['company name', 'Mail'] })).suggestColumnMapping;
    expect(before[0]).toMatchObject({ target: 'PROPERTY', propertyKey: 'company_name', confidence: 0.5 });
    await runImport('Mail,Company Name\nmem@memory.test,Acme\n', { columnMap: { email: 'Mail', properties: [{ key: 'company', column: 'Company Name', type: 'STRING' }] } }, key2);
    const after = (await ok(roster, key2, Suggest, { headers: ['company name', 'MAIL'], sampleRows: [['Initech', 'x@y.test']] })).suggestColumnMapping;
    expect(after).toEqual([
      {
        header: 'company name',
        target: 'PROPERTY',
        propertyKey: 'company',
        propertyType: 'STRING',
        propertyExists: true,
        suggestedType: 'STRING',
        confidence: 1,
        samples: ['Initech'],
      },
      { header: 'MAIL', target: 'EMAIL', propertyKey: null, propertyType: null, propertyExists: false, suggestedType: 'STRING', confidence: 1, samples: ['x@y.test'] },
    ]);
    // Memory is per team.
    const other = (await ok(roster, otherKey, Suggest, { headers: ['company name'] })).suggestColumnMapping;
    expect(other[0]?.propertyKey).toBe('company_name');
  });
});

/** A small RFC 4180 reader for the downloads. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}
