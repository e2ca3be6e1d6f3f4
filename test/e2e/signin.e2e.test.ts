import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Roster, startRoster } from '../src/harness';
import { launchBrowser, screenshot, signedInPage } from './browser';

let roster: Roster;
let browser: Browser;
let key: string;

beforeAll(async () => {
  [roster, browser] = await Promise.all([startRoster({ workers: 0 }), launchBrowser()]);
  key = await roster.newKey('acme');
});
afterAll(async () => {
  await browser?.close();
  await roster?.close();
});

describe('signing in to the admin', () => {
  it('refuses a wrong key with a message, accepts the right one, and signs out', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, baseURL: roster.url });
    const page = await context.newPage();
    await page.goto('/admin/');
    await page.getByLabel('API key').fill('re_not_a_real_key');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/key/i);

    await page.getByLabel('API key').fill(key);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.waitFor();
    await expect.poll(() => nav.textContent()).toContain('acme');
    expect(await page.evaluate(() => sessionStorage.getItem('roster.apiKey'))).toBe(key);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('API key').waitFor();
    expect(await page.evaluate(() => sessionStorage.getItem('roster.apiKey'))).toBeNull();
    await screenshot(page, 'signin');
    await context.close();
  });

  it('keeps the session across a reload and serves deep links', async () => {
    const page = await signedInPage(browser, roster, key, '/segments');
    await page.reload();
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/admin/segments');
    await page.context().close();
  });
});
