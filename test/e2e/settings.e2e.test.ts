import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Roster, startRoster } from '../src/harness';
import { firstId, launchBrowser, screenshot, signedInPage } from './browser';

// The pages around the contacts: segments, topics, contact properties and API keys. Each is
// created, changed where the API allows, and deleted after a confirmation.

let roster: Roster;
let browser: Browser;
let key: string;
let teamId: string;


const idOf = (text: string, params: unknown[] = []) => firstId(roster, text, params);

beforeAll(async () => {
  [roster, browser] = await Promise.all([startRoster({ workers: 0 }), launchBrowser()]);
  key = await roster.newKey('settings-team');
  teamId = await idOf('select id from team where name = $1', ['settings-team']);
});
afterAll(async () => {
  await browser?.close();
  await roster?.close();
});

/** Confirms the open dialog named `title` with its `button`. */
async function confirm(page: Page, title: string, button: string): Promise<void> {
  const dialog = page.getByRole('dialog', { name: title });
  await dialog.getByRole('button', { name: button }).click();
  await dialog.waitFor({ state: 'hidden' });
}

describe('segments', () => {
  it('creates, renames and deletes a segment', async () => {
    const page = await signedInPage(browser, roster, key, '/segments');
    await page.getByText('No segments yet').waitFor();
    await page.getByRole('button', { name: 'Create segment' }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toBe('Name is empty');

    await page.getByLabel('New segment').fill('Early adopters');
    await page.getByRole('button', { name: 'Create segment' }).click();
    await page.getByRole('row', { name: /Early adopters/ }).waitFor();
    expect(await page.getByLabel('New segment').inputValue()).toBe('');
    const id = await idOf('select id from segment where team_id = $1', [teamId]);
    await roster.query(`insert into contact (team_id, email) values ($1, 'a@example.com'), ($1, 'b@example.com')`, [teamId]);
    await roster.query('insert into contact_segment (segment_id, contact_id, team_id) select $1, id, team_id from contact where team_id = $2', [id, teamId]);
    await page.reload();
    await expect.poll(() => page.getByRole('row', { name: /Early adopters/ }).getByRole('cell').nth(1).textContent()).toBe('2');

    await page.getByRole('button', { name: 'Rename Early adopters' }).click();
    const rename = page.getByRole('dialog', { name: 'Rename Early adopters' });
    await rename.getByLabel('Name').fill('Early birds');
    await rename.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('row', { name: /Early birds/ }).waitFor();
    expect(await roster.query('select name from segment where id = $1', [id])).toEqual([{ name: 'Early birds' }]);

    await page.getByRole('button', { name: 'Delete Early birds' }).click();
    expect(await page.getByRole('dialog', { name: 'Delete the segment Early birds?' }).textContent()).toContain('Its 2 contacts stay; only the segment goes.');
    await confirm(page, 'Delete the segment Early birds?', 'Delete segment');
    await page.getByText('No segments yet').waitFor();
    expect(await roster.query('select 1 from segment where id = $1', [id])).toEqual([]);
    expect(await roster.query('select 1 from contact where team_id = $1', [teamId])).toHaveLength(2);
    await screenshot(page, 'segments');
    await page.context().close();
  });
});

describe('topics', () => {
  it('creates, edits and deletes a topic', async () => {
    const page = await signedInPage(browser, roster, key, '/topics');
    await page.getByText('No topics yet').waitFor();
    await page.getByRole('button', { name: 'New topic' }).first().click();
    const form = page.getByRole('dialog', { name: 'New topic' });
    await form.getByLabel('Name').fill('Product updates');
    await form.getByLabel('Description (optional)').fill('What shipped this month');
    await form.getByLabel('Opted out').check();
    await form.getByLabel('Visibility').selectOption('PUBLIC');
    await form.getByRole('button', { name: 'Create topic' }).click();
    const row = page.getByRole('row', { name: /Product updates/ });
    await row.waitFor();
    await form.waitFor({ state: 'hidden' });
    expect(await row.textContent()).toContain('What shipped this month');
    expect(await row.textContent()).toContain('Public');
    const [topic] = await roster.query<{ id: string; default_subscription: string; visibility: string }>(
      'select id, default_subscription, visibility from topic where team_id = $1',
      [teamId],
    );
    expect(topic).toMatchObject({ default_subscription: 'opt_out', visibility: 'public' });
    expect(await row.getByRole('link', { name: 'Opted out' }).getAttribute('href')).toBe(`/admin/contacts?topic=${topic!.id}&subscription=out`);

    await page.getByRole('button', { name: 'Edit Product updates' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit Product updates' });
    expect(await edit.textContent()).toContain('stay opted out');
    await edit.getByLabel('Description').fill('Once a month, no more');
    await edit.getByLabel('Visibility').selectOption('PRIVATE');
    await edit.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => row.textContent()).toContain('Once a month, no more');
    expect(await row.textContent()).toContain('Private');

    await page.getByRole('button', { name: 'Delete Product updates' }).click();
    await confirm(page, 'Delete the topic Product updates?', 'Delete topic');
    await page.getByText('No topics yet').waitFor();
    expect(await roster.query('select 1 from topic where team_id = $1', [teamId])).toEqual([]);
    await screenshot(page, 'topics');
    await page.context().close();
  });
});

describe('contact properties', () => {
  it('creates a typed property, refuses a bad key next to its field, edits the fallback and deletes it', async () => {
    const page = await signedInPage(browser, roster, key, '/properties');
    await page.getByText('No custom properties yet').waitFor();
    await page.getByRole('button', { name: 'New property' }).first().click();
    const form = page.getByRole('dialog', { name: 'New property' });
    await form.getByLabel('Key').fill('company name');
    await form.getByRole('button', { name: 'Create property' }).click();
    await expect.poll(() => form.getByRole('alert').first().textContent()).toBe('Key may contain only letters, digits and underscores');
    expect(await form.getByLabel('Key').getAttribute('aria-invalid')).toBe('true');

    await form.getByLabel('Key').fill('seats');
    await form.getByLabel('Type').selectOption('NUMBER');
    await form.getByLabel('Fallback value (optional)').fill('lots');
    await form.getByRole('button', { name: 'Create property' }).click();
    await expect.poll(() => form.getByRole('alert').first().textContent()).toBe('Enter a number, such as 42 or 3.5');
    await form.getByLabel('Fallback value (optional)').fill('1');
    await form.getByRole('button', { name: 'Create property' }).click();
    const row = page.getByRole('row', { name: /seats/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('Number');
    expect(await roster.query('select key, type, fallback_value from contact_property where team_id = $1', [teamId])).toEqual([
      { key: 'seats', type: 'number', fallback_value: 1 },
    ]);

    await page.getByRole('button', { name: 'Edit seats' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit seats' });
    await edit.getByLabel('Fallback value (optional)').fill('5');
    await edit.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => row.getByRole('cell').nth(2).textContent()).toBe('5');

    await page.getByRole('button', { name: 'Delete seats' }).click();
    await confirm(page, 'Delete the property seats?', 'Delete property');
    await page.getByText('No custom properties yet').waitFor();
    expect(await roster.query('select 1 from contact_property where team_id = $1', [teamId])).toEqual([]);
    await screenshot(page, 'properties');
    await page.context().close();
  });
});

describe('API keys', () => {
  it('shows a new key once, with a copy button, and revokes it', async () => {
    const page = await signedInPage(browser, roster, key, '/keys');
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: roster.url });
    // The key this session uses is marked.
    await expect.poll(() => page.getByRole('row', { name: /in use here/ }).count()).toBe(1);

    await page.getByLabel('Name').fill('CI pipeline');
    await page.getByRole('button', { name: 'Create key' }).click();
    const created = page.getByRole('region', { name: 'Your new key “CI pipeline”' });
    await created.waitFor();
    expect(await created.getByRole('alert').textContent()).toContain('it will not be shown again');
    const token = await created.getByLabel('New API key').inputValue();
    expect(token).toMatch(/^re_/);
    await created.getByRole('button', { name: 'Copy', exact: true }).click();
    await created.getByRole('button', { name: 'Copied', exact: true }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);
    await screenshot(page, 'keys-created');

    // The secret works, until it is revoked.
    const teamQuery = () =>
      fetch(`${roster.url}/graphql`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ team { name } }' }),
      });
    expect((await teamQuery()).status).toBe(200);

    await created.getByRole('button', { name: 'I have copied it' }).click();
    await created.waitFor({ state: 'hidden' });
    expect(await page.getByText(token).count()).toBe(0);
    const row = page.getByRole('row', { name: /CI pipeline/ });
    expect(await row.textContent()).toContain('Active');

    await page.getByRole('button', { name: 'Revoke CI pipeline' }).click();
    await confirm(page, 'Revoke CI pipeline?', 'Revoke key');
    await expect.poll(() => row.textContent()).toContain('Revoked');
    expect(await page.getByRole('button', { name: 'Revoke CI pipeline' }).count()).toBe(0);
    const [stored] = await roster.query<{ revoked_at: Date | null }>(`select revoked_at from api_key where name = 'CI pipeline'`);
    expect(stored?.revoked_at).not.toBeNull();
    expect((await teamQuery()).status).toBe(403);
    await screenshot(page, 'keys');
    await page.context().close();
  });
});
