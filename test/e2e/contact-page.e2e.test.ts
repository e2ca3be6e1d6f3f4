import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Roster, startRoster } from '../src/harness';
import { firstId, launchBrowser, screenshot, signedInPage } from './browser';

// One contact among ~150: found by search, edited (names, typed properties, segments, topics),
// its history shown, and deleted from its page.

let roster: Roster;
let browser: Browser;
let key: string;
let teamId: string;
let betaId: string;
let topicId: string;


const idOf = (text: string, params: unknown[] = []) => firstId(roster, text, params);

beforeAll(async () => {
  [roster, browser] = await Promise.all([startRoster({ workers: 0 }), launchBrowser()]);
  key = await roster.newKey('page-team');
  teamId = await idOf('select id from team where name = $1', ['page-team']);
  await roster.query(
    `insert into contact (team_id, email, first_name) select $1, format('member-%s@example.com', i), 'Member' from generate_series(1, 148) as i`,
    [teamId],
  );
  await roster.query(
    `insert into contact (team_id, email, properties) values ($1, 'zed.target@example.com', '{"plan": "free"}'), ($1, 'leaving@example.com', '{}')`,
    [teamId],
  );
  await roster.query(
    `insert into contact_event (team_id, contact_id, type, source, data)
     select team_id, id, 'created', 'api', jsonb_build_object('email', email) from contact where team_id = $1`,
    [teamId],
  );
  await roster.query(
    `insert into contact_property (team_id, key, type, fallback_value) values ($1, 'plan', 'string', '"free"'), ($1, 'seats', 'number', null), ($1, 'beta', 'boolean', null)`,
    [teamId],
  );
  betaId = await idOf(`insert into segment (team_id, name) values ($1, 'Beta testers') returning id`, [teamId]);
  topicId = await idOf(
    `insert into topic (team_id, name, description, default_subscription) values ($1, 'Newsletter', 'Once a month', 'opt_in') returning id`,
    [teamId],
  );
});
afterAll(async () => {
  await browser?.close();
  await roster?.close();
});

describe('a contact’s page', () => {
  it('finds a contact by search, edits its names and properties, segments and topics', async () => {
    const page = await signedInPage(browser, roster, key, '/contacts');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Contacts 150');
    await page.getByLabel('Search').fill('zed');
    await expect.poll(() => page.locator('table tbody tr').count()).toBe(1);
    await page.getByRole('link', { name: 'zed.target@example.com' }).click();
    await page.getByRole('heading', { level: 1, name: 'zed.target@example.com' }).waitFor();

    // Every property with its type; the stored value filled in.
    const details = page.getByRole('form', { name: 'Details' });
    expect(await details.getByLabel('plan').inputValue()).toBe('free');
    const typeOf = (key: string) => details.locator('.field', { has: page.getByLabel(key, { exact: true }) }).locator('.hint').textContent();
    expect([await typeOf('plan'), await typeOf('seats'), await typeOf('beta')]).toEqual(['Text', 'Number', 'True/false']);
    // Alphabetical, as in the CSV export.
    expect(await details.locator('.field label').allTextContents()).toEqual(['First name', 'Last name', 'beta', 'plan', 'seats']);

    await details.getByLabel('First name').fill('Zed');
    await details.getByLabel('Last name').fill('Target');
    await details.getByLabel('plan').fill('pro');
    await details.getByLabel('seats').fill('twelve');
    await details.getByRole('button', { name: 'Save changes' }).click();
    // A wrong number is caught next to its field, before anything is sent.
    await expect.poll(() => details.getByRole('alert').first().textContent()).toBe('Enter a number, such as 42 or 3.5');
    expect(await details.getByLabel('seats').getAttribute('aria-invalid')).toBe('true');

    await details.getByLabel('seats').fill('12');
    await details.getByLabel('beta').selectOption('true');
    await details.getByRole('button', { name: 'Save changes' }).click();
    await details.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();

    const [stored] = await roster.query<{ first_name: string; last_name: string; properties: unknown }>(
      `select first_name, last_name, properties from contact where email = 'zed.target@example.com'`,
    );
    expect(stored).toEqual({ first_name: 'Zed', last_name: 'Target', properties: { plan: 'pro', seats: 12, beta: true } });

    // Segments: add, see the chip; topics: opt out.
    const segments = page.getByRole('region', { name: 'Segments' });
    await segments.getByLabel('Add to segment').selectOption(betaId);
    await segments.getByRole('button', { name: 'Add' }).click();
    await segments.getByRole('link', { name: 'Beta testers' }).waitFor();
    const topics = page.getByRole('region', { name: 'Topics' });
    expect(await topics.textContent()).toContain('Opted in (default)');
    await topics.getByRole('button', { name: 'Opt out of Newsletter' }).click();
    await topics.getByRole('button', { name: 'Opt in to Newsletter' }).waitFor();
    expect(await topics.textContent()).toContain('Opted out');

    const memberships = await roster.query(
      `select cs.segment_id from contact_segment cs join contact c on c.id = cs.contact_id where c.email = 'zed.target@example.com'`,
    );
    expect(memberships).toEqual([{ segment_id: betaId }]);
    const subscriptions = await roster.query(
      `select ct.topic_id, ct.subscription from contact_topic ct join contact c on c.id = ct.contact_id where c.email = 'zed.target@example.com'`,
    );
    expect(subscriptions).toEqual([{ topic_id: topicId, subscription: 'opt_out' }]);

    // The history tells it all, newest first.
    const history = page.getByRole('region', { name: 'History' });
    await expect.poll(() => history.locator('.timeline-title').allTextContents()).toEqual([
      'Opted out of Newsletter',
      'Added to Beta testers',
      'Updated',
      'Created',
    ]);
    const update = await history.locator('.timeline-item', { hasText: 'Updated' }).textContent();
    expect(update).toContain('First name: empty → “Zed”');
    expect(update).toContain('plan: “free” → “pro”');
    expect(update).toContain('seats: empty → 12');

    // Removing the segment again.
    await segments.getByRole('button', { name: 'Remove from Beta testers' }).click();
    await segments.getByText('Not in any segment.').waitFor();
    await screenshot(page, 'contact-page');
    await page.context().close();
  });

  it('deletes a contact after a confirmation and goes back to the list', async () => {
    const id = await idOf(`select id from contact where email = 'leaving@example.com'`);
    const page = await signedInPage(browser, roster, key, `/contacts/${id}`);
    await page.getByRole('heading', { level: 1, name: 'leaving@example.com' }).waitFor();
    await page.getByRole('button', { name: 'Delete contact' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete leaving@example.com?' });
    // Cancel first: nothing happens.
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await roster.query(`select 1 from contact where id = $1`, [id])).toHaveLength(1);

    await page.getByRole('button', { name: 'Delete contact' }).click();
    await dialog.getByRole('button', { name: 'Delete contact' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/admin/contacts');
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Deleted leaving@example.com.');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Contacts 149');
    expect(await roster.query(`select 1 from contact where id = $1`, [id])).toEqual([]);

    // Its page now says so.
    await page.goto(`/admin/contacts/${id}`);
    await page.getByText('Contact not found').waitFor();
    await screenshot(page, 'contact-deleted');
    await page.context().close();
  });
});
