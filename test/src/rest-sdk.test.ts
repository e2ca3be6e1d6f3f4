import { Resend } from 'resend';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Roster, startRoster, uploadCsv } from './harness';

// The official SDK, pointed at Roster by its base URL only, drives every call of
// resend-sdk-calls.md §3 (imports aside): the success shapes and the errors.
let roster: Roster;
let resend: Resend;
let key: string;

const UUID = expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
// PostgreSQL's text form: space separator, +00, fraction without trailing zeros.
const PG_TIME = expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d*[1-9])?\+00$/);
const error = (statusCode: number, name: string, message: string | RegExp) => ({
  statusCode,
  name,
  message: typeof message === 'string' ? message : expect.stringMatching(message),
});

beforeAll(async () => {
  roster = await startRoster({ workers: 0 });
  key = await roster.newKey('sdk');
  resend = new Resend(key, { baseUrl: roster.url });
});
afterAll(() => roster?.close());

async function created<T extends { data: { id: string } | null; error: unknown }>(promise: Promise<T>): Promise<string> {
  const { data, error } = await promise;
  expect(error).toBeNull();
  return data!.id;
}

describe('contacts', () => {
  it('creates a contact with properties, segments and topics and reads it back by id and by email', async () => {
    const plan = await created(resend.contactProperties.create({ key: 'plan', type: 'string', fallbackValue: 'free' }));
    const seats = await created(resend.contactProperties.create({ key: 'seats', type: 'number' }));
    expect(plan).toEqual(UUID);
    expect(seats).toEqual(UUID);
    const segment = await created(resend.segments.create({ name: 'Customers' }));
    const topic = await created(resend.topics.create({ name: 'News', defaultSubscription: 'opt_out' }));

    const create = await resend.contacts.create({
      email: 'ann+news@example.com',
      firstName: 'Ann',
      lastName: 'Lee',
      properties: { plan: 'pro', seats: 3 },
      segments: [{ id: segment }],
      topics: [{ id: topic, subscription: 'opt_in' }],
    });
    expect(create).toMatchObject({ data: { object: 'contact', id: UUID }, error: null });
    const id = create.data!.id;

    const byId = await resend.contacts.get(id);
    expect(byId.error).toBeNull();
    expect(byId.data).toEqual({
      object: 'contact',
      id,
      email: 'ann+news@example.com',
      first_name: 'Ann',
      last_name: 'Lee',
      created_at: PG_TIME,
      unsubscribed: false,
      properties: { plan: { value: 'pro', type: 'string' }, seats: { value: 3, type: 'number' } },
    });
    // The SDK puts the email raw into the path; `+` must stay a plus.
    expect((await resend.contacts.get({ email: 'ann+news@example.com' })).data).toEqual(byId.data);

    const segments = await resend.contacts.segments.list({ contactId: id });
    expect(segments).toMatchObject({ error: null, data: { object: 'list', has_more: false, data: [{ id: segment, name: 'Customers', created_at: PG_TIME }] } });
    const topics = await resend.contacts.topics.list({ email: 'ann+news@example.com' });
    expect(topics.data).toEqual({ object: 'list', has_more: false, data: [{ id: topic, name: 'News', description: null, subscription: 'opt_in' }] });
  });

  it('returns the existing id when the email exists already', async () => {
    const first = await created(resend.contacts.create({ email: 'dup@example.com' }));
    expect(await created(resend.contacts.create({ email: 'DUP@example.com', firstName: 'Other' }))).toBe(first);
  });

  it('lists every contact without a limit, and pages with limit, after and before', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await created(resend.contacts.create({ email: `page${i}@list.example` })));
    const all = await resend.contacts.list();
    expect(all.error).toBeNull();
    expect(all.data?.has_more).toBe(false);
    const listed = all.data!.data.map((c) => c.id);
    // Newest first.
    expect(listed.slice(0, 5)).toEqual([...ids].reverse());
    expect(all.data!.data[0]).toEqual({
      id: ids[4],
      email: 'page4@list.example',
      first_name: null,
      last_name: null,
      created_at: PG_TIME,
      unsubscribed: false,
    });

    const first = await resend.contacts.list({ limit: 2 });
    expect(first.data).toMatchObject({ object: 'list', has_more: true });
    expect(first.data!.data.map((c) => c.id)).toEqual([ids[4], ids[3]]);
    const second = await resend.contacts.list({ limit: 2, after: ids[3] });
    expect(second.data!.data.map((c) => c.id)).toEqual([ids[2], ids[1]]);
    const back = await resend.contacts.list({ limit: 2, before: ids[2] });
    expect(back.data!.data.map((c) => c.id)).toEqual([ids[4], ids[3]]);
    expect(back.data!.has_more).toBe(false);
  });

  it('lists the contacts of a segment', async () => {
    const segment = await created(resend.segments.create({ name: 'Listed' }));
    const inside = await created(resend.contacts.create({ email: 'inside@seg.example', segments: [{ id: segment }] }));
    await created(resend.contacts.create({ email: 'outside@seg.example' }));
    const list = await resend.contacts.list({ segmentId: segment });
    expect(list.error).toBeNull();
    expect(list.data!.data.map((c) => c.id)).toEqual([inside]);
  });

  it('updates a contact by id and by email; null clears a name', async () => {
    const id = await created(resend.contacts.create({ email: 'upd@example.com', firstName: 'Up', lastName: 'Date' }));
    expect(await resend.contacts.update({ id, firstName: 'Upd', unsubscribed: true })).toMatchObject({ data: { object: 'contact', id }, error: null });
    expect(await resend.contacts.update({ email: 'upd@example.com', lastName: null })).toMatchObject({ data: { object: 'contact', id }, error: null });
    expect((await resend.contacts.get(id)).data).toMatchObject({ first_name: 'Upd', last_name: null, unsubscribed: true });
  });

  it('removes a contact by email, answering with its id', async () => {
    const id = await created(resend.contacts.create({ email: 'gone@example.com' }));
    expect(await resend.contacts.remove({ email: 'gone@example.com' })).toMatchObject({
      data: { object: 'contact', contact: id, deleted: true, id },
      error: null,
    });
    expect((await resend.contacts.get(id)).error).toEqual(error(404, 'not_found', 'Contact not found'));
  });

  it('answers Resend errors: unknown id, bad email, missing field, bad pagination', async () => {
    expect((await resend.contacts.get('0190a6c2-0000-7000-8000-000000000000')).error).toEqual(error(404, 'not_found', 'Contact not found'));
    expect((await resend.contacts.get({ email: 'nobody@example.com' })).error).toEqual(error(404, 'not_found', 'Contact not found'));
    expect((await resend.contacts.update({ id: '0190a6c2-0000-7000-8000-000000000000', firstName: 'x' })).error).toEqual(
      error(404, 'not_found', 'Contact not found'),
    );
    expect((await resend.contacts.remove('0190a6c2-0000-7000-8000-000000000000')).error).toEqual(error(404, 'not_found', 'Contact not found'));
    expect((await resend.contacts.create({ email: 'not-an-email' })).error).toEqual(error(422, 'validation_error', /`email`/));
    expect((await resend.contacts.create({ firstName: 'No email' } as never)).error).toEqual(error(422, 'missing_required_field', 'Missing `email` field.'));
    const limit = 'The pagination limit must be a number between 1 and 100. See https://resend.com/docs/pagination for more information.';
    expect((await resend.contacts.list({ limit: 0 })).error).toEqual(error(422, 'validation_error', limit));
    expect((await resend.contacts.list({ limit: 101 })).error).toEqual(error(422, 'validation_error', limit));
    const both = { limit: 5, after: '0190a6c2-0000-7000-8000-000000000000', before: '0190a6c2-0000-7000-8000-000000000001' };
    expect((await resend.contacts.list(both as never)).error).toEqual(error(422, 'validation_error', /after.*before/));
    expect((await resend.contacts.create({ email: 'a@example.com', properties: { nope: 'x' } })).error).toEqual(error(422, 'validation_error', /`properties.nope`/));
  });

  it('refuses a wrong key, a missing key and a sending-only key', async () => {
    expect((await new Resend('re_wrong_key_000000000000', { baseUrl: roster.url }).contacts.list()).error).toEqual(error(403, 'invalid_api_key', /invalid/));
    const sending = await roster.newKey('sdk', 'sending_access');
    expect((await new Resend(sending, { baseUrl: roster.url }).contacts.list()).error).toEqual(
      error(401, 'restricted_api_key', 'This API key is restricted to only send emails'),
    );
  });

  it('keeps the legacy audience routes working', async () => {
    const audience = await created(resend.segments.create({ name: 'Legacy' }));
    const create = await resend.contacts.create({ audienceId: audience, email: 'legacy@example.com', firstName: 'Leg' });
    expect(create).toMatchObject({ data: { object: 'contact', id: UUID }, error: null });
    const id = create.data!.id;
    expect((await resend.contacts.list({ segmentId: audience })).data!.data.map((c) => c.id)).toEqual([id]);
    expect((await resend.contacts.get({ audienceId: audience, email: 'legacy@example.com' })).data).toMatchObject({ object: 'contact', id, first_name: 'Leg' });
    expect(await resend.contacts.update({ audienceId: audience, id, lastName: 'Acy' })).toMatchObject({ data: { object: 'contact', id }, error: null });
    expect((await resend.contacts.get(id)).data).toMatchObject({ last_name: 'Acy' });
    expect(await resend.contacts.remove({ audienceId: audience, email: 'legacy@example.com' })).toMatchObject({
      data: { object: 'contact', contact: 'legacy@example.com', deleted: true },
      error: null,
    });
    // The legacy path answers deleted:true for a contact that does not exist.
    expect(await resend.contacts.remove({ audienceId: audience, email: 'legacy@example.com' })).toMatchObject({ data: { deleted: true }, error: null });
  });
});

describe('contact segments', () => {
  it('adds, lists and removes memberships', async () => {
    const segment = await created(resend.segments.create({ name: 'Members' }));
    const id = await created(resend.contacts.create({ email: 'member@example.com' }));
    expect(await resend.contacts.segments.add({ email: 'member@example.com', segmentId: segment })).toMatchObject({
      data: { id: segment, object: 'contact_segment', contact_id: id, segment_id: segment },
      error: null,
    });
    expect((await resend.contacts.segments.list({ contactId: id, limit: 10 })).data).toMatchObject({ object: 'list', has_more: false, data: [{ id: segment }] });
    expect(await resend.contacts.segments.remove({ contactId: id, segmentId: segment })).toMatchObject({
      data: { object: 'contact_segment', id, deleted: true, contact_id: id, segment_id: segment },
      error: null,
    });
    expect((await resend.contacts.segments.list({ contactId: id })).data?.data).toEqual([]);
  });

  it('answers not_found for an unknown contact or segment', async () => {
    const id = await created(resend.contacts.create({ email: 'member2@example.com' }));
    expect((await resend.contacts.segments.add({ contactId: id, segmentId: '0190a6c2-0000-7000-8000-000000000000' })).error).toEqual(
      error(404, 'not_found', 'Audience not found'),
    );
    expect((await resend.contacts.segments.list({ email: 'nobody@example.com' })).error).toEqual(error(404, 'not_found', 'Contact not found'));
    expect((await resend.contacts.segments.list({ contactId: id, limit: 0 })).error).toEqual(error(422, 'validation_error', /pagination limit/));
  });
});

describe('contact topics', () => {
  it('sets subscriptions with the bare array the SDK sends and lists every topic with its effective value', async () => {
    const weekly = await created(resend.topics.create({ name: 'Weekly', defaultSubscription: 'opt_in', description: 'Once a week' }));
    const promos = await created(resend.topics.create({ name: 'Promos', defaultSubscription: 'opt_in' }));
    const id = await created(resend.contacts.create({ email: 'topics@example.com' }));
    expect(await resend.contacts.topics.update({ id, topics: [{ id: promos, subscription: 'opt_out' }] })).toMatchObject({
      data: { object: 'contact_topics', id },
      error: null,
    });
    const list = await resend.contacts.topics.list({ id });
    expect(list.error).toBeNull();
    expect(list.data?.data).toEqual(
      expect.arrayContaining([
        { id: weekly, name: 'Weekly', description: 'Once a week', subscription: 'opt_in' },
        { id: promos, name: 'Promos', description: null, subscription: 'opt_out' },
      ]),
    );
    expect((await resend.contacts.topics.update({ id, topics: [{ id: '0190a6c2-0000-7000-8000-000000000000', subscription: 'opt_in' }] })).error).toEqual(
      error(422, 'validation_error', /topics\[0\]\.id/),
    );
    expect((await resend.contacts.topics.update({ email: 'nobody@example.com', topics: [{ id: promos, subscription: 'opt_in' }] })).error).toEqual(
      error(404, 'not_found', 'Contact not found'),
    );
  });
});

describe('segments', () => {
  it('creates, reads, lists, renames and removes', async () => {
    const create = await resend.segments.create({ name: 'Segment A' });
    expect(create).toMatchObject({ data: { object: 'segment', id: UUID, name: 'Segment A' }, error: null });
    const id = create.data!.id;
    expect((await resend.segments.get(id)).data).toEqual({ object: 'segment', id, name: 'Segment A', created_at: PG_TIME });
    const list = await resend.segments.list({ limit: 1 });
    expect(list.data).toMatchObject({ object: 'list', data: [{ id, name: 'Segment A', created_at: PG_TIME }] });
    expect((await resend.segments.list()).data?.has_more).toBe(false);
    expect(await resend.segments.update(id, { name: 'Segment B' })).toMatchObject({ data: { object: 'segment', id }, error: null });
    expect((await resend.segments.get(id)).data?.name).toBe('Segment B');
    expect(await resend.segments.remove(id)).toMatchObject({ data: { object: 'segment', id, deleted: true }, error: null });
  });

  it('answers Audience not found for an unknown segment, yet deletes it with deleted:true', async () => {
    const unknown = '0190a6c2-0000-7000-8000-000000000000';
    expect((await resend.segments.get(unknown)).error).toEqual(error(404, 'not_found', 'Audience not found'));
    expect((await resend.segments.update(unknown, { name: 'x' })).error).toEqual(error(404, 'not_found', 'Audience not found'));
    expect(await resend.segments.remove(unknown)).toMatchObject({ data: { object: 'segment', id: unknown, deleted: true }, error: null });
    expect((await resend.contacts.list({ segmentId: unknown })).error).toEqual(error(404, 'not_found', 'Audience not found'));
    expect((await resend.segments.create({} as never)).error).toEqual(error(422, 'missing_required_field', 'Missing `name` field.'));
    expect((await resend.segments.list({ limit: 101 })).error).toEqual(error(422, 'validation_error', /pagination limit/));
  });
});

describe('topics', () => {
  it('creates, reads, lists, updates and removes', async () => {
    const create = await resend.topics.create({ name: 'Product', defaultSubscription: 'opt_in', description: 'Releases', visibility: 'public' } as never);
    expect(create).toMatchObject({ data: { object: 'topic', id: UUID }, error: null });
    const id = create.data!.id;
    const topic = { id, name: 'Product', description: 'Releases', default_subscription: 'opt_in', visibility: 'public', created_at: PG_TIME };
    expect((await resend.topics.get(id)).data).toEqual({ object: 'topic', ...topic });
    const list = await resend.topics.list();
    expect(list.data).toMatchObject({ object: 'list', has_more: false });
    expect(list.data?.data).toContainEqual(topic);
    // The SDK sends the whole payload, `id` included.
    expect(await resend.topics.update({ id, name: 'Products', description: 'All releases' })).toMatchObject({ data: { object: 'topic', id }, error: null });
    expect((await resend.topics.get(id)).data).toMatchObject({ name: 'Products', description: 'All releases', default_subscription: 'opt_in' });
    expect(await resend.topics.remove(id)).toMatchObject({ data: { object: 'topic', id, deleted: true }, error: null });
  });

  it('answers Topic not found, and missing fields', async () => {
    const unknown = '0190a6c2-0000-7000-8000-000000000000';
    expect((await resend.topics.get(unknown)).error).toEqual(error(404, 'not_found', 'Topic not found'));
    expect((await resend.topics.update({ id: unknown, name: 'x' })).error).toEqual(error(404, 'not_found', 'Topic not found'));
    expect((await resend.topics.remove(unknown)).error).toEqual(error(404, 'not_found', 'Topic not found'));
    expect((await resend.topics.create({ name: 'No default' } as never)).error).toEqual(error(422, 'missing_required_field', 'Missing `default_subscription` field.'));
    expect((await resend.topics.create({ name: 'x'.repeat(51), defaultSubscription: 'opt_in' })).error).toEqual(error(422, 'validation_error', /`name`/));
  });
});

describe('contact properties', () => {
  it('creates, reads, lists, updates and removes', async () => {
    const create = await resend.contactProperties.create({ key: 'company', type: 'string', fallbackValue: 'n/a' });
    expect(create).toMatchObject({ data: { object: 'contact_property', id: UUID }, error: null });
    const id = create.data!.id;
    // The SDK rewrites get and list to camelCase.
    expect((await resend.contactProperties.get(id)).data).toEqual({ object: 'contact_property', id, key: 'company', type: 'string', fallbackValue: 'n/a', createdAt: PG_TIME });
    const list = await resend.contactProperties.list({ limit: 100 });
    expect(list.error).toBeNull();
    expect(list.data?.data).toContainEqual({ id, key: 'company', type: 'string', fallbackValue: 'n/a', createdAt: PG_TIME });
    expect(await resend.contactProperties.update({ id, fallbackValue: 'none' })).toMatchObject({ data: { object: 'contact_property', id }, error: null });
    expect(await resend.contactProperties.update({ id })).toMatchObject({ data: { object: 'contact_property', id }, error: null });
    expect((await resend.contactProperties.get(id)).data?.fallbackValue).toBe('none');
    expect(await resend.contactProperties.remove(id)).toMatchObject({ data: { object: 'contact_property', id, deleted: true }, error: null });
  });

  it('answers Contact property not found, missing fields and type mismatches', async () => {
    const unknown = '0190a6c2-0000-7000-8000-000000000000';
    expect((await resend.contactProperties.get(unknown)).error).toEqual(error(404, 'not_found', 'Contact property not found'));
    expect((await resend.contactProperties.update({ id: unknown, fallbackValue: 'x' })).error).toEqual(error(404, 'not_found', 'Contact property not found'));
    expect((await resend.contactProperties.remove(unknown)).error).toEqual(error(404, 'not_found', 'Contact property not found'));
    expect((await resend.contactProperties.create({ key: 'no_type' } as never)).error).toEqual(error(422, 'missing_required_field', 'Missing `type` field.'));
    expect((await resend.contactProperties.create({ key: 'age', type: 'number', fallbackValue: 'old' } as never)).error).toEqual(
      error(422, 'validation_error', /`fallback_value`/),
    );
    expect((await resend.contactProperties.list({ limit: 0 })).error).toEqual(error(422, 'validation_error', /pagination limit/));
  });
});

describe('contact imports (read)', () => {
  it('lists and reads imports as contact_import objects with lowercase statuses', async () => {
    const upload = await uploadCsv(roster, key, 'email\nimported@example.com\n');
    const id = upload.body.data?.importContacts?.id as string;
    const expected = {
      object: 'contact_import',
      id,
      status: 'queued',
      created_at: PG_TIME,
      completed_at: null,
      counts: { total: 0, created: 0, updated: 0, skipped: 0, failed: 0 },
    };
    expect(await resend.contacts.imports.get(id)).toMatchObject({ data: expected, error: null });
    const list = await resend.contacts.imports.list({ status: 'queued' } as never);
    expect(list).toMatchObject({ data: { object: 'list', has_more: false, data: [expected] }, error: null });
    expect((await resend.contacts.imports.list({ status: 'completed' } as never)).data?.data).toEqual([]);
    expect((await resend.contacts.imports.get(UNKNOWN_ID)).error).toEqual(error(404, 'not_found', 'Contact import not found'));
    expect((await resend.contacts.imports.list({ limit: 0 })).error).toEqual(error(422, 'validation_error', /pagination limit/));
  });
});

const UNKNOWN_ID = '0190a6c2-0000-7000-8000-000000000000';
