import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Roster, startRoster } from '../src/harness';
import { firstId, launchBrowser, screenshot, signedInPage } from './browser';

// "Add contacts" → "Add manually": a pasted list, a segment, and a result that says what was
// created, what already existed and what was refused (with why).

let roster: Roster;
let browser: Browser;
let key: string;
let teamId: string;


const idOf = (text: string, params: unknown[] = []) => firstId(roster, text, params);

beforeAll(async () => {
  [roster, browser] = await Promise.all([startRoster({ workers: 0 }), launchBrowser()]);
  key = await roster.newKey('add-team');
  teamId = await idOf('select id from team where name = $1', ['add-team']);
  await roster.query(`insert into contact (team_id, email, source) values ($1, 'existing@example.com', 'api')`, [teamId]);
  await roster.query(`insert into segment (team_id, name) values ($1, 'Newsletter readers'), ($1, 'Customers')`, [teamId]);
});
afterAll(async () => {
  await browser?.close();
  await roster?.close();
});

describe('adding contacts by hand', () => {
  it('creates the new ones, reports existing and invalid ones, and puts them in the chosen segments', async () => {
    const page = await signedInPage(browser, roster, key, '/contacts');
    await page.getByRole('link', { name: 'Add contacts' }).first().click();
    await page.getByRole('heading', { name: 'Add contacts' }).waitFor();
    expect(await page.getByRole('link', { name: /Import CSV/ }).last().getAttribute('href')).toBe('/admin/imports/new');

    await page.getByLabel('Email addresses').fill('new-one@example.com, existing@example.com\nnot-an-email\nNew Two <new-two@example.com>\nNEW-ONE@example.com');
    await page.getByText('4 addresses (1 repeated, counted once).').waitFor();
    await page.getByLabel('Newsletter readers').check();
    await page.getByLabel('Customers').check();
    await page.getByRole('button', { name: 'Add 4 contacts' }).click();

    const result = page.getByRole('region', { name: 'Result' });
    await result.waitFor();
    const created = result.getByRole('heading', { name: 'Created' }).locator('..');
    const existing = result.getByRole('heading', { name: 'Already existed' }).locator('..');
    const invalid = result.getByRole('heading', { name: 'Invalid' }).locator('..');
    await expect.poll(() => created.getByRole('link').allTextContents()).toEqual(['new-one@example.com', 'new-two@example.com']);
    expect(await existing.getByRole('link').allTextContents()).toEqual(['existing@example.com']);
    expect(await invalid.textContent()).toContain('not-an-email');
    expect(await invalid.locator('li').textContent()).toMatch(/not-an-email — .+/);
    expect(await result.getByRole('status').textContent()).toMatch(/2\s*created\s*1\s*already existed\s*1\s*invalid/);
    expect(await result.textContent()).toContain('The created and existing contacts are in Newsletter readers and Customers.');

    const stored = await roster.query<{ email: string; source: string; segments: string[] }>(
      `select c.email, c.source, array(select s.name from contact_segment cs join segment s on s.id = cs.segment_id where cs.contact_id = c.id order by s.name) as segments
       from contact c where c.team_id = $1 order by c.email`,
      [teamId],
    );
    expect(stored).toEqual([
      { email: 'existing@example.com', source: 'api', segments: ['Customers', 'Newsletter readers'] },
      { email: 'new-one@example.com', source: 'manual', segments: ['Customers', 'Newsletter readers'] },
      { email: 'new-two@example.com', source: 'manual', segments: ['Customers', 'Newsletter readers'] },
    ]);
    await screenshot(page, 'add-contacts');

    // The invalid address goes back into the box to be corrected.
    await invalid.getByRole('button', { name: 'Correct the invalid addresses' }).click();
    expect(await page.getByLabel('Email addresses').inputValue()).toBe('not-an-email');
    await page.context().close();
  });

  it('says so next to the box when there is nothing to add', async () => {
    const page = await signedInPage(browser, roster, key, '/contacts/add');
    await page.getByLabel('Email addresses').fill(' , \n ');
    await page.getByRole('button', { name: 'Add contacts' }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toBe('Enter at least one email address.');
    expect(await page.getByLabel('Email addresses').getAttribute('aria-invalid')).toBe('true');
    await page.context().close();
  });
});
