import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './gql';
import type { ContactFilter } from './gql/graphql';
import { type Roster, as, ok, startRoster } from './harness';

let roster: Roster;

const Create = graphql(`
  mutation ExportCreate($input: CreateContactInput!) {
    createContact(input: $input) {
      __typename
      ... on Contact { id email createdAt updatedAt }
      ... on ValidationError { message }
    }
  }
`);

const CreateProperty = graphql(`
  mutation ExportCreateProperty($input: CreateContactPropertyInput!) {
    createContactProperty(input: $input) { __typename ... on ContactProperty { id } ... on ValidationError { message } }
  }
`);

const CreateSegment = graphql(`
  mutation ExportCreateSegment($name: String!) {
    createSegment(input: { name: $name }) { __typename ... on Segment { id } }
  }
`);

const CreateTopic = graphql(`
  mutation ExportCreateTopic($input: CreateTopicInput!) {
    createTopic(input: $input) { __typename ... on Topic { id } }
  }
`);

const Add = graphql(`
  mutation ExportAdd($emails: String!) {
    addContacts(emails: $emails) { __typename ... on AddContactsResult { createdCount } ... on ValidationError { message } }
  }
`);

const List = graphql(`
  query ExportList($filter: ContactFilter) {
    contacts(first: 100, filter: $filter) { totalCount edges { node { id } } }
  }
`);

type ContactInput = { email: string } & Record<string, unknown>;

async function create(key: string, input: ContactInput) {
  return as((await ok(roster, key, Create, { input })).createContact, 'Contact');
}

async function property(key: string, input: { key: string; type: 'STRING' | 'NUMBER' | 'BOOLEAN'; fallbackValue?: unknown }) {
  as((await ok(roster, key, CreateProperty, { input })).createContactProperty, 'ContactProperty');
}

async function segment(key: string, name: string): Promise<string> {
  return as((await ok(roster, key, CreateSegment, { name })).createSegment, 'Segment').id;
}

async function topic(key: string, name: string, defaultSubscription: 'OPT_IN' | 'OPT_OUT'): Promise<string> {
  return as((await ok(roster, key, CreateTopic, { input: { name, defaultSubscription } })).createTopic, 'Topic').id;
}

async function download(key: string | null, query = ''): Promise<Response> {
  return fetch(`${roster.url}/contacts/export.csv${query ? `?${query}` : ''}`, { headers: key ? { authorization: `Bearer ${key}` } : {} });
}

/** RFC 4180: fields split on commas, records on CRLF, quoted fields may hold commas, quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"' && field === '') {
      // A quoted field runs to the first quote that is not doubled.
      let j = i + 1;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0) throw new Error(`Unterminated quote at ${i}`);
        if (text[q + 1] === '"') {
          field += `${text.slice(j, q)}"`;
          j = q + 2;
          continue;
        }
        field += text.slice(j, q);
        i = q + 1;
        break;
      }
      if (i < text.length && text[i] !== ',' && text[i] !== '\r') throw new Error(`Text after a closing quote at ${i}`);
    } else if (c === ',') {
      record.push(field);
      field = '';
      i += 1;
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i += 2;
    } else {
      if (c === '\r' || c === '\n') throw new Error(`Bare line break at ${i}`);
      field += c;
      i += 1;
    }
  }
  if (field !== '' || record.length > 0) throw new Error('The last record has no CRLF');
  return records;
}

interface Exported {
  response: Response;
  header: string[];
  rows: Record<string, string>[];
}

/** Downloads the export and parses it; checks the BOM and that every record has the header's width. */
async function exported(key: string, query = ''): Promise<Exported> {
  const response = await download(key, query);
  expect(response.status).toBe(200);
  const bytes = new Uint8Array(await response.arrayBuffer());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const [header, ...records] = parseCsv(new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes.subarray(3)));
  if (!header) throw new Error('No header row');
  for (const record of records) expect(record).toHaveLength(header.length);
  return { response, header, rows: records.map((r) => Object.fromEntries(header.map((name, i) => [name, r[i]!]))) };
}

function byEmail(rows: Record<string, string>[]): Map<string, Record<string, string>> {
  return new Map(rows.map((row) => [row.email!, row]));
}

beforeAll(async () => {
  roster = await startRoster();
});
afterAll(() => roster.close());

describe('GET /contacts/export.csv', () => {
  it('exports every contact with a header, the fields, one column per property and the segments', async () => {
    const key = await roster.newKey('export-all');
    await property(key, { key: 'vip', type: 'BOOLEAN' });
    await property(key, { key: 'age', type: 'NUMBER', fallbackValue: 30 });
    await property(key, { key: 'city', type: 'STRING' });
    await property(key, { key: 'email', type: 'STRING' });
    const vips = await segment(key, 'VIPs');
    const beta = await segment(key, 'Beta');
    const ann = await create(key, {
      email: 'ann@example.com',
      firstName: 'Ann',
      lastName: 'Lee',
      properties: { age: 41, city: 'Paris', vip: true, email: 'work@example.com' },
      segmentIds: [vips, beta],
    });
    const bob = await create(key, { email: 'bob@example.com', unsubscribed: true, properties: { age: -3.5, vip: false } });

    const { response, header, rows } = await exported(key);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="contacts-${new Date().toISOString().slice(0, 10)}.csv"`);
    expect(response.headers.get('cache-control')).toBe('no-store');
    // A property keyed like a fixed column gets a prefix no key can have.
    expect(header).toEqual(['id', 'email', 'first_name', 'last_name', 'unsubscribed', 'created_at', 'updated_at', 'age', 'city', 'property:email', 'vip', 'segments']);
    // Newest first, like the `contacts` query.
    expect(rows.map((r) => r.email)).toEqual(['bob@example.com', 'ann@example.com']);
    expect(rows[1]).toEqual({
      id: ann.id,
      email: 'ann@example.com',
      first_name: 'Ann',
      last_name: 'Lee',
      unsubscribed: 'false',
      created_at: ann.createdAt,
      updated_at: ann.updatedAt,
      age: '41',
      city: 'Paris',
      'property:email': 'work@example.com',
      vip: 'true',
      segments: 'Beta; VIPs',
    });
    // Unset values are empty (the fallback is not applied); a negative number is a number, not a formula.
    expect(rows[0]).toEqual({
      id: bob.id,
      email: 'bob@example.com',
      first_name: '',
      last_name: '',
      unsubscribed: 'true',
      created_at: bob.createdAt,
      updated_at: bob.updatedAt,
      age: '-3.5',
      city: '',
      'property:email': '',
      vip: 'false',
      segments: '',
    });
  });

  it('exports only the header for a team without contacts', async () => {
    const key = await roster.newKey('export-empty');
    const { header, rows } = await exported(key);
    expect(header).toEqual(['id', 'email', 'first_name', 'last_name', 'unsubscribed', 'created_at', 'updated_at', 'segments']);
    expect(rows).toEqual([]);
  });

  describe('filters, the same as the contacts query', () => {
    let key: string;
    let seg: string;
    let optInTopic: string;
    let optOutTopic: string;

    beforeAll(async () => {
      key = await roster.newKey('export-filters');
      seg = await segment(key, 'Customers');
      optInTopic = await topic(key, 'News', 'OPT_IN');
      optOutTopic = await topic(key, 'Offers', 'OPT_OUT');
      await create(key, { email: 'anna@example.com', firstName: 'Anna', segmentIds: [seg], topics: [{ id: optInTopic, subscription: 'OPT_OUT' }] });
      await create(key, { email: 'bert@example.com', lastName: 'Andersen', unsubscribed: true });
      await create(key, { email: 'cleo@example.com', segmentIds: [seg], topics: [{ id: optOutTopic, subscription: 'OPT_IN' }] });
      await create(key, { email: 'dan_x@example.com', unsubscribed: true, segmentIds: [seg] });
    });

    const cases: [string, string, ContactFilter, string[]][] = [
      ['search (email, first or last name prefix, any case)', 'search=AN', { search: 'AN' }, ['anna@example.com', 'bert@example.com']],
      ['search with LIKE wildcards taken literally', 'search=dan_', { search: 'dan_' }, ['dan_x@example.com']],
      ['segment_id', 'segment_id=SEG', { segmentId: 'SEG' }, ['anna@example.com', 'cleo@example.com', 'dan_x@example.com']],
      ['segmentId', 'segmentId=SEG', { segmentId: 'SEG' }, ['anna@example.com', 'cleo@example.com', 'dan_x@example.com']],
      ['topic_id (opt_in by default)', 'topic_id=IN', { topicId: 'IN' }, ['bert@example.com', 'cleo@example.com', 'dan_x@example.com']],
      ['topic_id with topic_subscription=opt_out', 'topic_id=IN&topic_subscription=opt_out', { topicId: 'IN', topicSubscription: 'OPT_OUT' }, ['anna@example.com']],
      ['topicId of an opt-out topic', 'topicId=OUT&topicSubscription=opt_in', { topicId: 'OUT', topicSubscription: 'OPT_IN' }, ['cleo@example.com']],
      ['unsubscribed=true', 'unsubscribed=true', { unsubscribed: true }, ['bert@example.com', 'dan_x@example.com']],
      ['unsubscribed=false', 'unsubscribed=FALSE', { unsubscribed: false }, ['anna@example.com', 'cleo@example.com']],
      ['several filters at once', 'segment_id=SEG&unsubscribed=false&search=c', { segmentId: 'SEG', unsubscribed: false, search: 'c' }, ['cleo@example.com']],
      ['empty values as unset', 'search=&segment_id=&unsubscribed=', {}, ['anna@example.com', 'bert@example.com', 'cleo@example.com', 'dan_x@example.com']],
      ['a segment that does not exist', `segment_id=${randomUUID()}`, { segmentId: randomUUID() }, []],
    ];

    it.each(cases)('%s', async (_name, query, filter, emails) => {
      const ids = (text: string) => text.replaceAll('SEG', seg).replaceAll('IN', optInTopic).replaceAll('OUT', optOutTopic);
      const resolved = Object.fromEntries(Object.entries(filter).map(([k, v]) => [k, typeof v === 'string' && k !== 'search' && k !== 'topicSubscription' ? ids(v) : v]));
      const { rows } = await exported(key, query.replace(/=(SEG|IN|OUT)\b/g, (m) => ids(m)));
      expect(rows.map((r) => r.email).sort()).toEqual(emails);
      const listed = (await ok(roster, key, List, { filter: resolved })).contacts;
      expect(rows.map((r) => r.id)).toEqual(listed.edges.map((e) => e.node.id));
      expect(rows).toHaveLength(listed.totalCount);
    });

    it.each([
      ['segment_id=nope', 'segment_id: Not a valid segment id'],
      ['segmentId=nope', 'segmentId: Not a valid segment id'],
      ['topic_id=42', 'topic_id: Not a valid topic id'],
      [`topic_id=${randomUUID()}&topic_subscription=sometimes`, 'topic_subscription: Must be opt_in or opt_out'],
      ['topic_subscription=opt_in', 'topic_subscription: Needs topic_id'],
      ['unsubscribed=maybe', 'unsubscribed: Must be true or false'],
      [`search=${'a'.repeat(255)}`, 'search: Search is longer than 254 characters'],
      ['search=a%00b', 'search: Search contains a NUL character'],
      ['segmentid=x', 'segmentid: Unknown parameter'],
      ['constructor=x&__proto__=y', 'constructor: Unknown parameter; use search, segment_id'],
      ['unsubscribed=true&unsubscribed=false', 'unsubscribed: Given more than once'],
      [`segment_id=${randomUUID()}&segmentId=${randomUUID()}`, 'segmentId: Given more than once'],
    ])('refuses %s with 422 naming the parameter', async (query, message) => {
      const response = await download(key, query);
      expect(response.status).toBe(422);
      expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
      const body = (await response.json()) as { statusCode: number; name: string; message: string };
      expect(body).toMatchObject({ statusCode: 422, name: 'validation_error' });
      expect(body.message).toContain(message);
    });
  });

  describe('formula injection (checklist C1, C2)', () => {
    const payloads = ['=1+1', '+1', '-1', '@SUM(A1:A2)', '\t=x', '\r=x', '=1+1\nnote', '=HYPERLINK("http://evil.example","click")', "'=already quoted"];

    it.each(payloads)('prefixes %j with a quote and keeps it RFC 4180-quoted', async (payload) => {
      const key = await roster.newKey(`export-formula-${randomUUID()}`);
      await property(key, { key: 'note', type: 'STRING' });
      await property(key, { key: 'score', type: 'NUMBER' });
      // Segment names are trimmed when stored: '\t=x' is kept as '=x', still a formula.
      const seg = await segment(key, payload);
      await create(key, { email: 'f@example.com', properties: { note: payload, score: -1 }, segmentIds: [seg] });
      const { rows } = await exported(key);
      const row = rows[0]!;
      const defused = (text: string) => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);
      expect(row.note).toBe(defused(payload));
      expect(row.segments).toBe(defused(payload.trim()));
      // A NUMBER value is a number, not text a spreadsheet could evaluate: it stays as it is.
      expect(row.score).toBe('-1');
    });

    it('prefixes a first or last name and neither the email nor the timestamps', async () => {
      const key = await roster.newKey('export-formula-names');
      await create(key, { email: '-dash@example.com', firstName: '=cmd|"/c calc"!A1', lastName: '@risk' });
      const { rows } = await exported(key);
      expect(rows[0]).toMatchObject({ email: "'-dash@example.com", first_name: `'=cmd|"/c calc"!A1`, last_name: "'@risk" });
      expect(rows[0]!.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    });
  });

  it('round-trips commas, quotes, line breaks, spaces and any Unicode', async () => {
    const key = await roster.newKey('export-quoting');
    await property(key, { key: 'note', type: 'STRING' });
    const values = ['a,b', 'say "hi"', 'line1\nline2\r\nline3\rline4', '  padded  ', 'Zoë 日本語 😀', '""', ',', 'plain'];
    for (const [i, note] of values.entries()) await create(key, { email: `q${i}@example.com`, lastName: 'O"Brien, Jr.', properties: { note } });
    const rows = byEmail((await exported(key)).rows);
    for (const [i, note] of values.entries()) {
      expect(rows.get(`q${i}@example.com`)).toMatchObject({ note, last_name: 'O"Brien, Jr.' });
    }
  });

  it('needs a key: none is 401, an unknown one 403, a sending-only one 401, all as JSON', async () => {
    const none = await download(null);
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ statusCode: 401, name: 'missing_api_key' });
    const wrong = await download(`re_${randomUUID().replaceAll('-', '')}`);
    expect(wrong.status).toBe(403);
    expect(await wrong.json()).toMatchObject({ statusCode: 403, name: 'invalid_api_key' });
    const sending = await download(await roster.newKey('export-auth', 'sending_access'));
    expect(sending.status).toBe(401);
    expect(await sending.json()).toMatchObject({ statusCode: 401, name: 'restricted_api_key' });
  });

  it("never shows another team's contacts, properties or segments", async () => {
    const a = await roster.newKey('export-team-a');
    const b = await roster.newKey('export-team-b');
    await property(a, { key: 'secret', type: 'STRING' });
    const segA = await segment(a, 'A only');
    const topicA = await topic(a, 'A news', 'OPT_IN');
    await create(a, { email: 'shared@example.com', properties: { secret: 'a' }, segmentIds: [segA] });
    await create(a, { email: 'only-a@example.com' });
    const mine = await create(b, { email: 'shared@example.com' });

    const all = await exported(b);
    expect(all.header).not.toContain('secret');
    expect(all.rows.map((r) => [r.id, r.email, r.segments])).toEqual([[mine.id, 'shared@example.com', '']]);
    // Team A's segment and topic ids select nothing for team B.
    expect((await exported(b, `segment_id=${segA}`)).rows).toEqual([]);
    expect((await exported(b, `topic_id=${topicA}`)).rows).toEqual([]);
    expect((await exported(a)).rows.map((r) => r.email).sort()).toEqual(['only-a@example.com', 'shared@example.com']);
  });

  describe('12,000 contacts', () => {
    let key: string;

    beforeAll(async () => {
      key = await roster.newKey('export-big');
      for (let batch = 0; batch < 3; batch += 1) {
        const emails = Array.from({ length: 4000 }, (_, i) => `big-${batch}-${i}@example.com`).join('\n');
        expect(as((await ok(roster, key, Add, { emails })).addContacts, 'AddContactsResult').createdCount).toBe(4000);
      }
    }, 120_000);

    it('exports every one exactly once, newest first, across keyset pages', async () => {
      const { rows } = await exported(key);
      expect(rows).toHaveLength(12_000);
      const ids = rows.map((r) => r.id!);
      expect(new Set(ids).size).toBe(12_000);
      expect(ids).toEqual([...ids].sort().reverse());
      expect(new Set(rows.map((r) => r.email)).size).toBe(12_000);
      expect((await exported(key, 'search=big-1-')).rows).toHaveLength(4000);
    });

    it('stops when the client goes away, and the server keeps answering', async () => {
      const controller = new AbortController();
      const response = await fetch(`${roster.url}/contacts/export.csv`, { headers: { authorization: `Bearer ${key}` }, signal: controller.signal });
      const reader = response.body!.getReader();
      expect((await reader.read()).done).toBe(false);
      controller.abort();
      await reader.closed.catch(() => {});
      expect((await exported(key, 'search=big-2-')).rows).toHaveLength(4000);
    });
  });
});
