import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Browser, type Page, chromium } from 'playwright-core';
import type { Roster } from '../src/harness';

/** Debian's chromium (installed by .ci/run with apt-get); never a downloaded browser. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu', '--no-first-run', '--no-default-browser-check', '--disable-extensions', '--disable-background-networking', '--mute-audio'],
  });
}

/** A new 1280x800 page with the admin open and signed in with `key`. */
export async function signedInPage(browser: Browser, roster: Pick<Roster, 'url'>, key: string, path = '/'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, baseURL: roster.url, acceptDownloads: true });
  const page = await context.newPage();
  await page.goto('/admin/');
  await page.getByLabel('API key').fill(key);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
  if (path !== '/') await page.goto(`/admin${path}`);
  return page;
}

/** Saves the test's last screen as test/e2e/screenshots/<name>.png (ignored by git). */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}${name}.png`, fullPage: true });
}

/** The `id` of the one row a statement returns (fixtures made with SQL). */
export async function firstId(roster: Pick<Roster, 'query'>, text: string, params: unknown[] = []): Promise<string> {
  const [row] = await roster.query<{ id: string }>(text, params);
  if (!row) throw new Error(`No row from: ${text}`);
  return row.id;
}
