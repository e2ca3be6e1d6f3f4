import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Roster, startRoster } from '../src/harness';
import { firstId, launchBrowser, screenshot, signedInPage } from './browser';

// The contacts list over 150 contacts: keyset pages, search in the URL, selection and bulk actions
// by ids and by filter, and the CSV export of what the filters show.

let roster: Roster;
let browser: Browser;
let key: string;
let teamId: string;
let vipId: string;
let topicId: string;

const FIRST_NAMES = ['Ada', 'Ben', 'Cleo', 'Dev', 'Eve', 'Finn', 'Gus', 'Hana', 'Ivo', 'Juno'];


const idOf = (text: string, params: unknown[] = []) => firstId(roster, text, params);

beforeAll(async () => {
  [roster, browser] = await Promise.all([startRoster({ workers: 0 }), launchBrowser()]);
  key = await roster.newKey('list-team');
  teamId = await idOf('select id from team where name = $1', ['list-team']);
  // person-001 … person-150, a second apart. The ids are written out (time-ordered like uuidv7,
  // which orders the list) because uuidv7() is not monotonic within one millisecond.
  await roster.query(
    `with seeded as (
       select i, (extract(epoch from now()) * 1000)::bigint - (151 - i) * 1000 as ms from generate_series(1, 150) as i)
     insert into contact (id, team_id, email, first_name, last_name, unsubscribed, created_at)
     select (lpad(to_hex(ms), 12, '0') || '70008000' || lpad(to_hex(i), 12, '0'))::uuid, $1,
            format('person-%s@example.com', lpad(i::text, 3, '0')), ($2::text[])[1 + i % 10], 'Tester', i % 7 = 0,
            to_timestamp(ms / 1000.0)
     from seeded`,
    [teamId, FIRST_NAMES],
  );
  vipId = await idOf(`insert into segment (team_id, name) values ($1, 'VIP') returning id`, [teamId]);
  topicId = await idOf(
    `insert into topic (team_id, name, default_subscription) values ($1, 'Product news', 'opt_in') returning id`,
    [teamId],
  );
});
afterAll(async () => {
  await browser?.close();
  await roster?.close();
});

const rows = (page: Page) => page.locator('table.contacts-table tbody tr');
const emails = (page: Page) => page.locator('table.contacts-table tbody td.email-cell').allTextContents();

describe('the contacts list', () => {
  it('pages through 150 contacts 50 at a time and shows the total', async () => {
    const page = await signedInPage(browser, roster, key, '/contacts');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Contacts 150');
    await expect.poll(() => rows(page).count()).toBe(50);
    const first = await emails(page);
    const pages = page.getByRole('navigation', { name: 'Contact pages' });
    expect(await pages.getByRole('button', { name: '← Previous' }).isDisabled()).toBe(true);

    await pages.getByRole('button', { name: 'Next →' }).click();
    await expect.poll(() => page.url()).toContain('after=');
    await expect.poll(async () => (await emails(page))[0]).not.toBe(first[0]);
    const second = await emails(page);
    expect(second).toHaveLength(50);
    expect(second.filter((e) => first.includes(e))).toEqual([]);

    await pages.getByRole('button', { name: 'Next →' }).click();
    await expect.poll(() => pages.getByRole('button', { name: 'Next →' }).isDisabled()).toBe(true);
    const third = await emails(page);
    expect(new Set([...first, ...second, ...third]).size).toBe(150);

    await pages.getByRole('button', { name: '← Previous' }).click();
    await expect.poll(() => emails(page)).toEqual(second);

    // Oldest first, from the sort menu.
    await page.getByLabel('Sort').selectOption('OLDEST_FIRST');
    await expect.poll(async () => (await emails(page))[0]).toBe('person-001@example.com');
    expect(page.url()).not.toContain('before=');
    await page.context().close();
  });

  it('searches as you type, keeps the search in the URL and after a reload', async () => {
    const page = await signedInPage(browser, roster, key, '/contacts');
    await rows(page).first().waitFor();
    await page.getByLabel('Search').fill('person-14');
    await expect.poll(() => page.url()).toContain('q=person-14');
    await expect.poll(() => rows(page).count()).toBe(10);
    expect((await emails(page)).every((e) => e.startsWith('person-14'))).toBe(true);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Contacts 10');

    await page.reload();
    await expect.poll(() => rows(page).count()).toBe(10);
    expect(await page.getByLabel('Search').inputValue()).toBe('person-14');

    await page.getByLabel('Search').fill('nobody-here');
    await page.getByText('No contacts match').waitFor();
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => rows(page).count()).toBe(50);
    expect(await page.getByLabel('Search').inputValue()).toBe('');
    await page.context().close();
  });

  it('adds selected rows to a segment, which then counts them', async () => {
    const page = await signedInPage(browser, roster, key, '/contacts?q=person-14&order=oldest');
    await expect.poll(() => rows(page).count()).toBe(10);
    for (const n of [141, 142, 143]) await page.getByLabel(`Select person-${n}@example.com`).check();
    const bar = page.getByRole('region', { name: 'Bulk actions' });
    await expect.poll(() => bar.textContent()).toContain('3 selected');
    // The README's picture of the list: a search, a few rows ticked, the bulk bar.
    await screenshot(page, 'contacts');

    await bar.getByRole('button', { name: 'Add to segments' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add 3 contacts to segments' });
    await dialog.getByLabel('VIP').check();
    await dialog.getByRole('button', { name: 'Add' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Added 3 contacts to VIP.');
    expect(await bar.isVisible()).toBe(false);

    const stored = await roster.query<{ email: string }>(
      'select c.email from contact_segment cs join contact c on c.id = cs.contact_id where cs.segment_id = $1 order by c.email',
      [vipId],
    );
    expect(stored.map((r) => r.email)).toEqual(['person-141@example.com', 'person-142@example.com', 'person-143@example.com']);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Segments' }).click();
    const vip = page.getByRole('row', { name: /VIP/ });
    await expect.poll(() => vip.getByRole('cell').nth(1).textContent()).toBe('3');
    // The segment's name leads back to its contacts.
    await vip.getByRole('link', { name: 'VIP' }).click();
    await expect.poll(() => emails(page)).toEqual(['person-143@example.com', 'person-142@example.com', 'person-141@example.com']);
    expect(await page.getByLabel('Segment').inputValue()).toBe(vipId);
    await screenshot(page, 'contacts-segment');
    await page.context().close();
  });

  it('selects every contact matching a search and unsubscribes them from a topic', async () => {
    const page = await signedInPage(browser, roster, key, '/contacts?q=person-1');
    // person-100 … person-150: 51 contacts, more than one page.
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Contacts 51');
    await page.getByLabel('Select all on this page').check();
    const bar = page.getByRole('region', { name: 'Bulk actions' });
    await expect.poll(() => bar.textContent()).toContain('50 selected');
    await bar.getByRole('button', { name: 'Select all 51 matching' }).click();
    await expect.poll(() => bar.textContent()).toContain('All 51 contacts matching');

    await bar.getByRole('button', { name: 'Topic subscription' }).click();
    const dialog = page.getByRole('dialog', { name: 'Topic subscription of all 51 contacts matching' });
    expect(await dialog.getByLabel('Topic').inputValue()).toBe(topicId);
    await dialog.getByLabel('Unsubscribe (opt out)').check();
    await dialog.getByRole('button', { name: 'Unsubscribe' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Unsubscribed 51 contacts from Product news (51 changed).');

    const [stored] = await roster.query<{ n: number; outside: number }>(
      `select count(*)::int as n, count(*) filter (where c.email not like 'person-1%')::int as outside
       from contact_topic ct join contact c on c.id = ct.contact_id where ct.topic_id = $1 and ct.subscription = 'opt_out'`,
      [topicId],
    );
    expect(stored).toEqual({ n: 51, outside: 0 });

    // The topic filter finds them on its opted-out side.
    await page.getByLabel('Search').fill('');
    await page.getByLabel('Topic', { exact: true }).selectOption(topicId);
    await page.getByLabel('Topic subscription').selectOption('OPT_OUT');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Contacts 51');
    expect(page.url()).toContain('subscription=out');
    await screenshot(page, 'contacts-topic');
    await page.context().close();
  });

  it('exports what the filters show as CSV', async () => {
    const page = await signedInPage(browser, roster, key, '/contacts?q=person-14&status=subscribed');
    // person-140 … 149 but the unsubscribed person-140 and person-147.
    await expect.poll(() => rows(page).count()).toBe(8);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^contacts-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = readFileSync((await file.path())!, 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toMatch(/^id,email,first_name,last_name,unsubscribed/);
    expect(lines).toHaveLength(9);
    expect(lines.slice(1).map((l) => l.split(',')[1]).sort()).toEqual([141, 142, 143, 144, 145, 146, 148, 149].map((n) => `person-${n}@example.com`));
    await page.context().close();
  });

  it('works on a phone: the menu opens as a drawer and the table keeps its key columns', async () => {
    const page = await signedInPage(browser, roster, key, '/');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Contacts' }).click();
    await expect.poll(() => rows(page).count()).toBe(50);
    expect(await page.getByRole('navigation', { name: 'Main' }).isVisible()).toBe(false);
    // Email and status stay; name and created date make room.
    expect(await page.getByRole('columnheader', { name: 'Email' }).isVisible()).toBe(true);
    expect(await page.getByRole('columnheader', { name: 'Created' }).isVisible()).toBe(false);
    const fits = await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
    expect(fits).toBe(true);
    await page.getByLabel('Select person-150@example.com').check();
    await page.getByRole('region', { name: 'Bulk actions' }).getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('dialog', { name: 'Delete 1 contact?' }).waitFor();
    await screenshot(page, 'contacts-phone');
    await page.getByRole('dialog', { name: 'Delete 1 contact?' }).getByRole('button', { name: 'Cancel' }).click();
    await page.context().close();
  });
});
