import type { ResultOf } from '@graphql-typed-document-node/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './gql';
import { type Roster, as, gql, ok, startRoster } from './harness';

// contactStats (the admin's home page) and the `order` of `contacts`, against real PostgreSQL.
// Two teams share the database: each key must count only its own team's contacts.

let roster: Roster;
let keyA: string;
let keyB: string;

const Stats = graphql(`
  query StatsHome($days: Int) {
    contactStats {
      total
      subscribed
      unsubscribed
      growth(days: $days) { date total added }
    }
  }
`);

const StatsCountsOnly = graphql(`query StatsCounts { contactStats { total subscribed unsubscribed } }`);

const Create = graphql(`
  mutation StatsCreateContact($input: CreateContactInput!) {
    createContact(input: $input) { __typename ... on Contact { id email } ... on ValidationError { message } }
  }
`);

const List = graphql(`
  query StatsOrderedContacts($first: Int, $after: String, $last: Int, $before: String, $filter: ContactFilter, $order: ContactOrder) {
    contacts(first: $first, after: $after, last: $last, before: $before, filter: $filter, order: $order) {
      totalCount
      edges { node { id email } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }
`);

async function create(key: string, email: string, unsubscribed = false): Promise<string> {
  return as((await ok(roster, key, Create, { input: { email, unsubscribed } })).createContact, 'Contact').id;
}

/** YYYY-MM-DD of the UTC day `daysAgo` days before today. */
function utcDay(daysAgo: number): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() - daysAgo);
  return d.toISOString().slice(0, 10);
}

/** Moves a contact's creation back by whole days (at noon UTC, so no day boundary is near). */
async function backdate(id: string, daysAgo: number): Promise<void> {
  await roster.query(`update contact set created_at = ($1::date + time '12:00') at time zone 'UTC' where id = $2`, [utcDay(daysAgo), id]);
}

beforeAll(async () => {
  roster = await startRoster({ workers: 0 });
  keyA = await roster.newKey('stats-a');
  keyB = await roster.newKey('stats-b');
});
afterAll(() => roster.close());

describe('contactStats', () => {
  it('answers zeros and a flat curve for a team without contacts', async () => {
    const { contactStats } = await ok(roster, keyA, Stats, { days: 3 });
    expect(contactStats).toMatchObject({ total: 0, subscribed: 0, unsubscribed: 0 });
    expect(contactStats.growth).toEqual([
      { date: utcDay(2), total: 0, added: 0 },
      { date: utcDay(1), total: 0, added: 0 },
      { date: utcDay(0), total: 0, added: 0 },
    ]);
  });

  it('counts each team’s contacts only, subscribed and unsubscribed', async () => {
    const old = await create(keyA, 'old@a.example');
    const twoDays = await create(keyA, 'two-days@a.example', true);
    await create(keyA, 'today-1@a.example');
    await create(keyA, 'today-2@a.example', true);
    await backdate(old, 40);
    await backdate(twoDays, 2);
    const other = await create(keyB, 'only@b.example');
    await backdate(other, 2);

    const a = (await ok(roster, keyA, StatsCountsOnly)).contactStats;
    expect(a).toEqual({ total: 4, subscribed: 2, unsubscribed: 2 });
    const b = (await ok(roster, keyB, StatsCountsOnly)).contactStats;
    expect(b).toEqual({ total: 1, subscribed: 1, unsubscribed: 0 });
  });

  it('draws one point per UTC day: contacts created that day and the running total', async () => {
    const { growth } = (await ok(roster, keyA, Stats, { days: 7 })).contactStats;
    expect(growth.map((p) => p.date)).toEqual([6, 5, 4, 3, 2, 1, 0].map(utcDay));
    // The contact from 40 days ago is already in the first point; the rest arrive on their day.
    expect(growth.map((p) => p.added)).toEqual([0, 0, 0, 0, 1, 0, 2]);
    expect(growth.map((p) => p.total)).toEqual([1, 1, 1, 1, 2, 2, 4]);

    const b = (await ok(roster, keyB, Stats, { days: 7 })).contactStats.growth;
    expect(b.map((p) => p.added)).toEqual([0, 0, 0, 0, 1, 0, 0]);
    expect(b.at(-1)?.total).toBe(1);
  });

  it('covers 30 days unless asked otherwise, and reaches back as far as asked', async () => {
    const { growth } = (await ok(roster, keyA, Stats, {})).contactStats;
    expect(growth).toHaveLength(30);
    expect(growth[0]).toMatchObject({ date: utcDay(29), total: 1 });
    const longer = (await ok(roster, keyA, Stats, { days: 60 })).contactStats.growth;
    expect(longer).toHaveLength(60);
    expect(longer[0]).toMatchObject({ date: utcDay(59), total: 0 });
    expect(longer.find((p) => p.date === utcDay(40))).toMatchObject({ added: 1, total: 1 });
  });

  it('refuses a period outside 1 to 366 days with a validation error', async () => {
    for (const days of [0, -3, 367]) {
      const result = await gql(roster, keyA, Stats, { days });
      expect(result.errors?.[0]?.extensions?.code).toBe('VALIDATION');
      expect(result.errors?.[0]?.message).toMatch(/between 1 and 366/);
    }
  });

  it('needs a key', async () => {
    const result = await gql(roster, null, StatsCountsOnly);
    expect(result.status).toBe(401);
  });
});

describe('contacts order', () => {
  let key: string;
  let ids: string[];

  beforeAll(async () => {
    key = await roster.newKey('order-team');
    ids = [];
    for (let i = 0; i < 7; i++) ids.push(await create(key, `order-${i}@example.com`));
    await create(key, 'someone-else@example.com');
    // The ids are time-ordered (uuidv7); byte order is the order of creation.
    ids.sort();
  });

  it('lists newest first by default and oldest first on request', async () => {
    const filter = { search: 'order-' };
    const newest = (await ok(roster, key, List, { filter })).contacts;
    expect(newest.edges.map((e) => e.node.id)).toEqual([...ids].reverse());
    const explicit = (await ok(roster, key, List, { filter, order: 'NEWEST_FIRST' })).contacts;
    expect(explicit.edges.map((e) => e.node.id)).toEqual([...ids].reverse());
    const oldest = (await ok(roster, key, List, { filter, order: 'OLDEST_FIRST' })).contacts;
    expect(oldest.edges.map((e) => e.node.id)).toEqual(ids);
    expect(oldest.totalCount).toBe(7);
  });

  it('pages oldest first with first/after without gaps or duplicates', async () => {
    const seen: string[] = [];
    const flags: [boolean, boolean][] = [];
    let after: string | null = null;
    for (let page = 0; page < 5; page++) {
      const result: ResultOf<typeof List> = await ok(roster, key, List, { first: 3, after, filter: { search: 'order-' }, order: 'OLDEST_FIRST' });
      const contacts = result.contacts;
      seen.push(...contacts.edges.map((e) => e.node.id));
      flags.push([contacts.pageInfo.hasPreviousPage, contacts.pageInfo.hasNextPage]);
      if (!contacts.pageInfo.hasNextPage) break;
      after = contacts.pageInfo.endCursor ?? null;
    }
    expect(seen).toEqual(ids);
    expect(flags).toEqual([
      [false, true],
      [true, true],
      [true, false],
    ]);
  });

  it('pages oldest first backwards with last/before', async () => {
    const filter = { search: 'order-' };
    const page = (await ok(roster, key, List, { last: 2, before: ids[4], filter, order: 'OLDEST_FIRST' })).contacts;
    expect(page.edges.map((e) => e.node.id)).toEqual(ids.slice(2, 4));
    expect(page.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: true });
    const top = (await ok(roster, key, List, { last: 5, before: page.pageInfo.startCursor, filter, order: 'OLDEST_FIRST' })).contacts;
    expect(top.edges.map((e) => e.node.id)).toEqual(ids.slice(0, 2));
    expect(top.pageInfo.hasPreviousPage).toBe(false);
    // `last` alone is the end of the list: the newest contacts, still oldest first.
    const tail = (await ok(roster, key, List, { last: 2, filter, order: 'OLDEST_FIRST' })).contacts;
    expect(tail.edges.map((e) => e.node.id)).toEqual(ids.slice(5));
  });

  it('walks back from the last page to the first one', async () => {
    const filter = { search: 'order-' };
    const seen: string[] = [];
    let before: string | null = null;
    for (let page = 0; page < 5; page++) {
      const result: ResultOf<typeof List> = await ok(roster, key, List, { last: 3, before, filter, order: 'OLDEST_FIRST' });
      seen.unshift(...result.contacts.edges.map((e) => e.node.id));
      if (!result.contacts.pageInfo.hasPreviousPage) break;
      before = result.contacts.pageInfo.startCursor ?? null;
    }
    expect(seen).toEqual(ids);
  });

  it('refuses an unknown order', async () => {
    const result = await gql(roster, key, List, { order: 'SIDEWAYS' as never });
    expect(result.errors?.[0]?.message).toMatch(/ContactOrder/);
  });
});
