import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './gql';
import type { ContactBulkTarget, SubscriptionStatus } from './gql/graphql';
import { type Roster, as, gql, ok, startRoster } from './harness';

let roster: Roster;
beforeAll(async () => {
  roster = await startRoster();
});
afterAll(() => roster.close());

const AddContacts = graphql(`
  mutation BulkAddContacts($emails: String!, $segmentId: ID) {
    addContacts(emails: $emails, segmentId: $segmentId) {
      __typename
      ... on AddContactsResult { createdCount created { id email } existing { id email } }
      ... on ValidationError { issues { path message } }
    }
  }
`);

const CreateSegment = graphql(`
  mutation BulkCreateSegment($name: String!) {
    createSegment(input: { name: $name }) { __typename ... on Segment { id } }
  }
`);

const CreateTopic = graphql(`
  mutation BulkCreateTopic($name: String!, $default: SubscriptionStatus!) {
    createTopic(input: { name: $name, defaultSubscription: $default }) { __typename ... on Topic { id } }
  }
`);

const UpdateContact = graphql(`
  mutation BulkUpdateContact($email: String!, $input: UpdateContactInput!) {
    updateContact(email: $email, input: $input) { __typename ... on Contact { id } }
  }
`);

const BulkAdd = graphql(`
  mutation BulkAddToSegments($target: ContactBulkTarget!, $segmentIds: [ID!]!) {
    bulkAddContactsToSegments(target: $target, segmentIds: $segmentIds) {
      __typename
      ... on BulkContactsResult { matched affected }
      ... on ValidationError { issues { path message } }
    }
  }
`);

const BulkRemove = graphql(`
  mutation BulkRemoveFromSegments($target: ContactBulkTarget!, $segmentIds: [ID!]!) {
    bulkRemoveContactsFromSegments(target: $target, segmentIds: $segmentIds) {
      __typename
      ... on BulkContactsResult { matched affected }
      ... on ValidationError { issues { path message } }
    }
  }
`);

const BulkTopic = graphql(`
  mutation BulkSetTopic($target: ContactBulkTarget!, $topicIds: [ID!]!, $subscription: SubscriptionStatus!) {
    bulkSetTopicSubscription(target: $target, topicIds: $topicIds, subscription: $subscription) {
      __typename
      ... on BulkContactsResult { matched affected }
      ... on ValidationError { issues { path message } }
    }
  }
`);

const BulkDelete = graphql(`
  mutation BulkDelete($target: ContactBulkTarget!) {
    bulkDeleteContacts(target: $target) {
      __typename
      ... on BulkContactsResult { matched affected }
      ... on ValidationError { issues { path message } }
    }
  }
`);

const Members = graphql(`
  query BulkMembers($segmentId: ID!) {
    segment(id: $segmentId) { contactCount }
    contacts(filter: { segmentId: $segmentId }, first: 100) { totalCount edges { node { email } } }
  }
`);

const ContactTopics = graphql(`
  query BulkContactTopics($email: String!) {
    contact(email: $email) { topics { edges { node { id subscription explicit } } } }
  }
`);

const Count = graphql(`
  query BulkCount($filter: ContactFilter) {
    contacts(filter: $filter, first: 1) { totalCount }
  }
`);

const UNKNOWN = '0190a4b2-0000-7000-8000-000000000000';

/** A team of its own with the given contacts; returns its key and the contacts' ids by email. */
async function team(name: string, emails: string[]) {
  const key = await roster.newKey(name);
  const result = as((await ok(roster, key, AddContacts, { emails: emails.join('\n') })).addContacts, 'AddContactsResult');
  expect(result.createdCount).toBe(emails.length);
  const ids = new Map(result.created.map((c) => [c.email, c.id]));
  const id = (email: string) => {
    const found = ids.get(email);
    if (!found) throw new Error(`no contact ${email}`);
    return found;
  };
  return { key, id };
}

async function segment(key: string, name: string) {
  return as((await ok(roster, key, CreateSegment, { name })).createSegment, 'Segment').id;
}

async function topic(key: string, name: string, def: SubscriptionStatus) {
  return as((await ok(roster, key, CreateTopic, { name, default: def })).createTopic, 'Topic').id;
}

async function members(key: string, segmentId: string) {
  const data = await ok(roster, key, Members, { segmentId });
  expect(data.segment?.contactCount).toBe(data.contacts.totalCount);
  return data.contacts.edges.map((e) => e.node.email).sort();
}

async function bulkAdd(key: string, target: ContactBulkTarget, segmentIds: string[]) {
  return (await ok(roster, key, BulkAdd, { target, segmentIds })).bulkAddContactsToSegments;
}
async function bulkRemove(key: string, target: ContactBulkTarget, segmentIds: string[]) {
  return (await ok(roster, key, BulkRemove, { target, segmentIds })).bulkRemoveContactsFromSegments;
}
async function bulkTopic(key: string, target: ContactBulkTarget, topicIds: string[], subscription: SubscriptionStatus) {
  return (await ok(roster, key, BulkTopic, { target, topicIds, subscription })).bulkSetTopicSubscription;
}
async function bulkDelete(key: string, target: ContactBulkTarget) {
  return (await ok(roster, key, BulkDelete, { target })).bulkDeleteContacts;
}

async function eventCount(type: string, contactIds: string[]) {
  const [row] = await roster.query<{ n: number }>('select count(*)::int as n from contact_event where type = $1 and contact_id = any($2::uuid[])', [
    type,
    contactIds,
  ]);
  return row?.n ?? 0;
}

describe('bulkAddContactsToSegments / bulkRemoveContactsFromSegments', () => {
  it('adds and removes by ids, counting matched and affected', async () => {
    const { key, id } = await team('bulk-seg-ids', ['a@x.test', 'b@x.test', 'c@x.test']);
    const s1 = await segment(key, 'One');
    const s2 = await segment(key, 'Two');
    const ab = [id('a@x.test'), id('b@x.test')];

    expect(await bulkAdd(key, { ids: ab }, [s1, s2])).toEqual({ __typename: 'BulkContactsResult', matched: 2, affected: 2 });
    expect(await members(key, s1)).toEqual(['a@x.test', 'b@x.test']);
    expect(await members(key, s2)).toEqual(['a@x.test', 'b@x.test']);
    const rows = await roster.query('select 1 from contact_segment where segment_id = any($1::uuid[])', [[s1, s2]]);
    expect(rows).toHaveLength(4);
    expect(await eventCount('segment_added', ab)).toBe(4);

    // Again: nothing changes; one new contact is the only one affected.
    expect(await bulkAdd(key, { ids: ab }, [s1])).toMatchObject({ matched: 2, affected: 0 });
    expect(await bulkAdd(key, { ids: [...ab, id('c@x.test')] }, [s1])).toMatchObject({ matched: 3, affected: 1 });
    expect(await eventCount('segment_added', ab)).toBe(4);

    // Unknown and foreign contact ids match nothing.
    expect(await bulkAdd(key, { ids: [UNKNOWN] }, [s1])).toMatchObject({ matched: 0, affected: 0 });

    expect(await bulkRemove(key, { ids: ab }, [s1, s2])).toMatchObject({ matched: 2, affected: 2 });
    expect(await members(key, s1)).toEqual(['c@x.test']);
    expect(await members(key, s2)).toEqual([]);
    expect(await eventCount('segment_removed', ab)).toBe(4);
    expect(await bulkRemove(key, { ids: ab }, [s1, s2])).toMatchObject({ matched: 2, affected: 0 });
    expect(await eventCount('segment_removed', ab)).toBe(4);
  });

  it('adds and removes by filter: search, segmentId, unsubscribed', async () => {
    const { key, id } = await team('bulk-seg-filter', ['ann@f.test', 'anna@f.test', 'bob@f.test', 'carl@f.test']);
    await ok(roster, key, UpdateContact, { email: 'carl@f.test', input: { unsubscribed: true } });
    await ok(roster, key, UpdateContact, { email: 'bob@f.test', input: { firstName: 'Annie' } });
    const s1 = await segment(key, 'Search');
    const s2 = await segment(key, 'Copy');
    const s3 = await segment(key, 'Unsubscribed');

    // "ann" is a prefix of two emails and of Bob's first name.
    expect(await bulkAdd(key, { filter: { search: 'ANN' } }, [s1])).toMatchObject({ matched: 3, affected: 3 });
    expect(await members(key, s1)).toEqual(['ann@f.test', 'anna@f.test', 'bob@f.test']);

    expect(await bulkAdd(key, { filter: { segmentId: s1 } }, [s2])).toMatchObject({ matched: 3, affected: 3 });
    expect(await members(key, s2)).toEqual(['ann@f.test', 'anna@f.test', 'bob@f.test']);

    expect(await bulkAdd(key, { filter: { unsubscribed: true } }, [s3])).toMatchObject({ matched: 1, affected: 1 });
    expect(await members(key, s3)).toEqual(['carl@f.test']);

    // An empty filter targets every contact of the team.
    expect(await bulkAdd(key, { filter: {} }, [s3])).toMatchObject({ matched: 4, affected: 3 });

    expect(await bulkRemove(key, { filter: { search: 'anna' } }, [s1, s2])).toMatchObject({ matched: 1, affected: 1 });
    expect(await members(key, s1)).toEqual(['ann@f.test', 'bob@f.test']);
    expect(await bulkRemove(key, { filter: { segmentId: s1, unsubscribed: false } }, [s1])).toMatchObject({ matched: 2, affected: 2 });
    expect(await members(key, s1)).toEqual([]);
    expect(await members(key, s2)).toEqual(['ann@f.test', 'bob@f.test']);
    expect(await eventCount('segment_removed', [id('ann@f.test')])).toBe(1);
  });

  it('never touches another team', async () => {
    const mine = await team('bulk-seg-mine', ['me@mine.test']);
    const theirs = await team('bulk-seg-theirs', ['them@theirs.test']);
    const s = await segment(mine.key, 'Mine');
    expect(await bulkAdd(mine.key, { ids: [theirs.id('them@theirs.test')] }, [s])).toMatchObject({ matched: 0, affected: 0 });
    expect(await bulkAdd(mine.key, { filter: {} }, [s])).toMatchObject({ matched: 1, affected: 1 });
    const foreign = await segment(theirs.key, 'Theirs');
    const refused = as(await bulkAdd(mine.key, { filter: {} }, [foreign]), 'ValidationError');
    expect(refused.issues.map((i) => i.path)).toEqual([['segmentIds', '0']]);
    expect(await roster.query('select 1 from contact_segment where segment_id = $1', [foreign])).toHaveLength(0);
  });
});

describe('bulkSetTopicSubscription', () => {
  it('opts in and out by ids and by filter; repeating changes nothing', async () => {
    const { key, id } = await team('bulk-topics', ['a@t.test', 'b@t.test', 'c@t.test']);
    const news = await topic(key, 'News', 'OPT_IN');
    const promo = await topic(key, 'Promo', 'OPT_OUT');
    const ab = [id('a@t.test'), id('b@t.test')];

    expect(await bulkTopic(key, { ids: ab }, [news, promo], 'OPT_OUT')).toMatchObject({ matched: 2, affected: 2 });
    const rows = await roster.query<{ email: string; topic_id: string; subscription: string }>(
      `select c.email, ct.topic_id, ct.subscription from contact_topic ct join contact c on c.id = ct.contact_id
       where ct.topic_id = any($1::uuid[]) order by c.email, ct.topic_id`,
      [[news, promo]],
    );
    expect(rows).toEqual([
      { email: 'a@t.test', topic_id: news, subscription: 'opt_out' },
      { email: 'a@t.test', topic_id: promo, subscription: 'opt_out' },
      { email: 'b@t.test', topic_id: news, subscription: 'opt_out' },
      { email: 'b@t.test', topic_id: promo, subscription: 'opt_out' },
    ]);
    const a = await ok(roster, key, ContactTopics, { email: 'a@t.test' });
    expect(a.contact?.topics.edges.map((e) => e.node)).toEqual([
      { id: promo, subscription: 'OPT_OUT', explicit: true },
      { id: news, subscription: 'OPT_OUT', explicit: true },
    ]);
    expect(await eventCount('topic_subscription_changed', ab)).toBe(4);

    expect(await bulkTopic(key, { ids: ab }, [news, promo], 'OPT_OUT')).toMatchObject({ matched: 2, affected: 0 });
    expect(await eventCount('topic_subscription_changed', ab)).toBe(4);

    // By filter: everyone opts in to News; only a and b change from an explicit opt-out, c gets an explicit choice.
    expect(await bulkTopic(key, { filter: { search: '' } }, [news], 'OPT_IN')).toMatchObject({ matched: 3, affected: 3 });
    expect(await bulkTopic(key, { filter: {} }, [news], 'OPT_IN')).toMatchObject({ matched: 3, affected: 0 });
    const optedIn = await ok(roster, key, Count, { filter: { topicId: news, topicSubscription: 'OPT_IN' } });
    expect(optedIn.contacts.totalCount).toBe(3);

    // The topic filter combined with a bulk action: opt everyone out of Promo who is still opted out... by default.
    const stillOut = await ok(roster, key, Count, { filter: { topicId: promo, topicSubscription: 'OPT_OUT' } });
    expect(stillOut.contacts.totalCount).toBe(3);
    expect(await bulkTopic(key, { filter: { topicId: promo, topicSubscription: 'OPT_OUT' } }, [promo], 'OPT_IN')).toMatchObject({ matched: 3, affected: 3 });
    const c = await ok(roster, key, ContactTopics, { email: 'c@t.test' });
    expect(c.contact?.topics.edges.map((e) => e.node)).toEqual([
      { id: promo, subscription: 'OPT_IN', explicit: true },
      { id: news, subscription: 'OPT_IN', explicit: true },
    ]);
  });

  it('filters by unsubscribed and by segment', async () => {
    const { key } = await team('bulk-topics-filter', ['in@u.test', 'out@u.test']);
    await ok(roster, key, UpdateContact, { email: 'out@u.test', input: { unsubscribed: true } });
    const t = await topic(key, 'Digest', 'OPT_IN');
    const s = await segment(key, 'S');
    expect(await bulkTopic(key, { filter: { unsubscribed: true } }, [t], 'OPT_OUT')).toMatchObject({ matched: 1, affected: 1 });
    const out = await ok(roster, key, Count, { filter: { topicId: t, topicSubscription: 'OPT_OUT' } });
    expect(out.contacts.totalCount).toBe(1);
    expect(await bulkTopic(key, { filter: { segmentId: s } }, [t], 'OPT_OUT')).toMatchObject({ matched: 0, affected: 0 });
  });

  it('treats a topic id given twice as once', async () => {
    const { key, id } = await team('bulk-topics-dup', ['d@dup.test']);
    const t = await topic(key, 'Dup', 'OPT_IN');
    expect(await bulkTopic(key, { ids: [id('d@dup.test')] }, [t, t], 'OPT_OUT')).toMatchObject({ matched: 1, affected: 1 });
    expect(await bulkAdd(key, { ids: [id('d@dup.test'), id('d@dup.test')] }, [await segment(key, 'Dup')])).toMatchObject({ matched: 1, affected: 1 });
  });
});

describe('bulkDeleteContacts', () => {
  it('deletes by ids and by filter, with their memberships, subscriptions and history', async () => {
    const { key, id } = await team('bulk-delete', ['a@d.test', 'b@d.test', 'c@d.test', 'd@d.test', 'e@d.test']);
    const s = await segment(key, 'Keep');
    const t = await topic(key, 'T', 'OPT_IN');
    await bulkAdd(key, { ids: [id('a@d.test'), id('c@d.test'), id('d@d.test')] }, [s]);
    await bulkTopic(key, { ids: [id('a@d.test')] }, [t], 'OPT_OUT');
    await ok(roster, key, UpdateContact, { email: 'e@d.test', input: { unsubscribed: true } });

    expect(await bulkDelete(key, { ids: [id('a@d.test'), UNKNOWN] })).toEqual({ __typename: 'BulkContactsResult', matched: 1, affected: 1 });
    expect(await roster.query('select 1 from contact_segment where contact_id = $1', [id('a@d.test')])).toHaveLength(0);
    expect(await roster.query('select 1 from contact_topic where contact_id = $1', [id('a@d.test')])).toHaveLength(0);
    expect(await roster.query('select 1 from contact_event where contact_id = $1', [id('a@d.test')])).toHaveLength(0);
    expect(await bulkDelete(key, { ids: [id('a@d.test')] })).toMatchObject({ matched: 0, affected: 0 });

    expect(await bulkDelete(key, { filter: { segmentId: s, search: 'c@' } })).toMatchObject({ matched: 1, affected: 1 });
    expect(await bulkDelete(key, { filter: { unsubscribed: true } })).toMatchObject({ matched: 1, affected: 1 });
    expect(await members(key, s)).toEqual(['d@d.test']);
    const left = await roster.query<{ email: string }>('select email from contact where team_id = (select team_id from contact where id = $1) order by email', [
      id('b@d.test'),
    ]);
    expect(left.map((r) => r.email)).toEqual(['b@d.test', 'd@d.test']);
    // The segment and topic stay.
    expect(await roster.query('select 1 from segment where id = $1', [s])).toHaveLength(1);
    expect(await roster.query('select 1 from topic where id = $1', [t])).toHaveLength(1);
  });

  it('with an empty filter deletes every contact of the team, and only of the team', async () => {
    const mine = await team('bulk-delete-all', ['x@all.test', 'y@all.test']);
    const theirs = await team('bulk-delete-other', ['z@other.test']);
    expect(await bulkDelete(mine.key, { ids: [theirs.id('z@other.test')] })).toMatchObject({ matched: 0, affected: 0 });
    expect(await bulkDelete(mine.key, { filter: {} })).toMatchObject({ matched: 2, affected: 2 });
    expect((await ok(roster, mine.key, Count, { filter: {} })).contacts.totalCount).toBe(0);
    expect((await ok(roster, theirs.key, Count, { filter: {} })).contacts.totalCount).toBe(1);
  });
});

describe('validation', () => {
  it('refuses both ids and a filter, or neither', async () => {
    const { key, id } = await team('bulk-validation', ['v@v.test']);
    const s = await segment(key, 'V');
    const t = await topic(key, 'V', 'OPT_IN');
    const both = { ids: [id('v@v.test')], filter: { search: 'v' } };
    for (const target of [both, {}, { ids: null, filter: null }]) {
      for (const result of [
        await bulkAdd(key, target, [s]),
        await bulkRemove(key, target, [s]),
        await bulkTopic(key, target, [t], 'OPT_IN'),
        await bulkDelete(key, target),
      ]) {
        const error = as(result, 'ValidationError');
        expect(error.issues[0]?.path[0]).toBe('target');
      }
    }
    expect((await ok(roster, key, Count, { filter: {} })).contacts.totalCount).toBe(1);
    expect(await roster.query('select 1 from contact_segment where segment_id = $1', [s])).toHaveLength(0);
  });

  it('names the index of an unknown, foreign or malformed segment or topic id', async () => {
    const { key, id } = await team('bulk-validation-ids', ['w@v.test']);
    const s = await segment(key, 'W');
    const t = await topic(key, 'W', 'OPT_IN');
    const target = { ids: [id('w@v.test')] };
    for (const bad of [UNKNOWN, 'not-a-uuid']) {
      const add = as(await bulkAdd(key, target, [s, bad]), 'ValidationError');
      expect(add.issues.map((i) => i.path)).toEqual([['segmentIds', '1']]);
      const remove = as(await bulkRemove(key, target, [bad]), 'ValidationError');
      expect(remove.issues.map((i) => i.path)).toEqual([['segmentIds', '0']]);
      const sub = as(await bulkTopic(key, target, [t, bad], 'OPT_OUT'), 'ValidationError');
      expect(sub.issues.map((i) => i.path)).toEqual([['topicIds', '1']]);
    }
    // A segment id is not a topic id.
    expect(as(await bulkTopic(key, target, [s], 'OPT_OUT'), 'ValidationError').issues[0]?.path).toEqual(['topicIds', '0']);
    expect(as(await bulkAdd(key, target, []), 'ValidationError').issues[0]?.path).toEqual(['segmentIds']);
    expect(as(await bulkTopic(key, target, [], 'OPT_IN'), 'ValidationError').issues[0]?.path).toEqual(['topicIds']);
    // Nothing was written by the refused calls.
    expect(await roster.query('select 1 from contact_segment where contact_id = $1', [id('w@v.test')])).toHaveLength(0);
    expect(await roster.query('select 1 from contact_topic where contact_id = $1', [id('w@v.test')])).toHaveLength(0);
  });

  it('names a malformed contact id or filter value', async () => {
    const { key } = await team('bulk-validation-target', ['m@v.test']);
    const s = await segment(key, 'M');
    const badId = as(await bulkAdd(key, { ids: ['nope'] }, [s]), 'ValidationError');
    expect(badId.issues.map((i) => i.path)).toEqual([['target', 'ids', '0']]);
    const badFilter = as(await bulkDelete(key, { filter: { segmentId: 'nope' } }), 'ValidationError');
    expect(badFilter.issues.map((i) => i.path)).toEqual([['target', 'filter', 'segmentId']]);
    const response = await gql(roster, key, BulkDelete, { target: { filter: { topicId: 'nope' } } });
    expect(as(response.data?.bulkDeleteContacts, 'ValidationError').issues[0]?.path).toEqual(['target', 'filter', 'topicId']);
    expect((await ok(roster, key, Count, { filter: {} })).contacts.totalCount).toBe(1);
  });
});

describe('at scale', () => {
  it('acts on 2,000 contacts at once, correctly', async () => {
    const key = await roster.newKey('bulk-scale');
    const emails = Array.from({ length: 2000 }, (_, i) => `user${String(i).padStart(4, '0')}@scale.test`);
    const added = as((await ok(roster, key, AddContacts, { emails: emails.join(',') })).addContacts, 'AddContactsResult');
    expect(added.createdCount).toBe(2000);
    const [teamRow] = await roster.query<{ team_id: string }>('select team_id from contact where id = $1', [added.created[0]?.id]);
    const teamId = teamRow?.team_id;
    const s = await segment(key, 'All');
    const half = await segment(key, 'Half');
    const t = await topic(key, 'Scale', 'OPT_IN');

    expect(await bulkAdd(key, { filter: {} }, [s])).toMatchObject({ matched: 2000, affected: 2000 });
    expect(await bulkAdd(key, { filter: { search: 'user0' } }, [half])).toMatchObject({ matched: 1000, affected: 1000 });
    const [counts] = await roster.query<{ all: number; half: number; events: number }>(
      `select (select count(*)::int from contact_segment where segment_id = $1) as all,
              (select count(*)::int from contact_segment cs join contact c on c.id = cs.contact_id
                where cs.segment_id = $2 and c.email like 'user0%') as half,
              (select count(*)::int from contact_event where team_id = $3 and type = 'segment_added') as events`,
      [s, half, teamId],
    );
    expect(counts).toEqual({ all: 2000, half: 1000, events: 3000 });

    expect(await bulkTopic(key, { filter: { segmentId: half } }, [t], 'OPT_OUT')).toMatchObject({ matched: 1000, affected: 1000 });
    const optedOut = await ok(roster, key, Count, { filter: { topicId: t, topicSubscription: 'OPT_OUT' } });
    expect(optedOut.contacts.totalCount).toBe(1000);

    const ids = [...added.created].sort((a, b) => a.email.localeCompare(b.email)).slice(0, 1500).map((c) => c.id);
    expect(await bulkRemove(key, { ids }, [s, half])).toMatchObject({ matched: 1500, affected: 1500 });
    expect((await ok(roster, key, Members, { segmentId: s })).segment?.contactCount).toBe(500);
    expect((await ok(roster, key, Members, { segmentId: half })).segment?.contactCount).toBe(0);

    expect(await bulkDelete(key, { filter: { segmentId: s } })).toMatchObject({ matched: 500, affected: 500 });
    const [left] = await roster.query<{ contacts: number; events: number; memberships: number }>(
      `select (select count(*)::int from contact where team_id = $1) as contacts,
              (select count(*)::int from contact_event where team_id = $1) as events,
              (select count(*)::int from contact_segment where team_id = $1) as memberships`,
      [teamId],
    );
    expect(left?.contacts).toBe(1500);
    expect(left?.memberships).toBe(0);
    // created + segment_added (2 or 1) + topic changes + segment_removed, for the 1,500 that remain.
    expect(left?.events).toBe(1500 + 1500 + 1000 + 1000 + 1500 + 1000);
  });
});
