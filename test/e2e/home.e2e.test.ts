import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Roster, startRoster } from '../src/harness';
import { firstId, launchBrowser, screenshot, signedInPage } from './browser';

// The home page: the team's totals, the growth chart over a chosen period, the way to add more.

let roster: Roster;
let browser: Browser;
let key: string;
let emptyKey: string;


const idOf = (text: string, params: unknown[] = []) => firstId(roster, text, params);

beforeAll(async () => {
  [roster, browser] = await Promise.all([startRoster({ workers: 0 }), launchBrowser()]);
  key = await roster.newKey('home-team');
  emptyKey = await roster.newKey('empty-team');
  const teamId = await idOf('select id from team where name = $1', ['home-team']);
  // 120 contacts: 40 from long ago, then 4 a day over the last 20 days; every 6th unsubscribed.
  await roster.query(
    `insert into contact (team_id, email, unsubscribed, created_at)
     select $1, format('c%s@example.com', i), i % 6 = 0,
            case when i <= 40 then now() - interval '200 days' else now() - make_interval(days => (i - 41) / 4) end
     from generate_series(1, 120) as i`,
    [teamId],
  );
});
afterAll(async () => {
  await browser?.close();
  await roster?.close();
});

describe('the home page', () => {
  it('shows the totals and the growth over the chosen period', async () => {
    const page = await signedInPage(browser, roster, key);
    const stat = (label: string) => page.getByRole('main').getByRole('link', { name: new RegExp(`^${label}`) });
    await expect.poll(() => stat('Contacts').textContent()).toBe('Contacts120in total');
    expect(await stat('Subscribed').textContent()).toBe('Subscribed10083% of all');
    expect(await stat('Unsubscribed').textContent()).toBe('Unsubscribed2017% of all');

    const chart = page.getByRole('figure');
    await expect.poll(() => chart.locator('figcaption').textContent()).toBe('Contacts over the last 30 days: from 40 to 120, 80 added.');
    await chart.locator('.recharts-surface').waitFor();
    await page.getByRole('button', { name: '7 days' }).click();
    await expect.poll(() => chart.locator('figcaption').textContent()).toBe('Contacts over the last 7 days: from 92 to 120, 28 added.');
    expect(await page.getByRole('button', { name: '7 days' }).getAttribute('aria-pressed')).toBe('true');

    // The numbers lead to the list, filtered.
    await stat('Unsubscribed').click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Contacts 20');
    expect(await page.getByLabel('Status').inputValue()).toBe('unsubscribed');
    await page.goBack();
    await page.getByRole('button', { name: '7 days' }).waitFor();
    await screenshot(page, 'home');
    await page.context().close();
  });

  it('invites a team without contacts to add or import some', async () => {
    const page = await signedInPage(browser, roster, emptyKey);
    const chartCard = page.getByRole('region', { name: 'Contacts over time' });
    await chartCard.getByText('No contacts yet').waitFor();
    expect(await chartCard.getByRole('link', { name: 'Add contacts' }).getAttribute('href')).toBe('/admin/contacts/add');
    expect(await chartCard.getByRole('link', { name: 'Import CSV' }).getAttribute('href')).toBe('/admin/imports/new');
    await chartCard.getByRole('link', { name: 'Add contacts' }).click();
    await page.getByRole('heading', { name: 'Add contacts' }).waitFor();
    await page.context().close();
  });
});
