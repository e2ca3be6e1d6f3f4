import { closeSync, ftruncateSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Roster, startRoster, uploadCsv } from '../src/harness';
import { launchBrowser, screenshot, signedInPage } from './browser';

// The admin's CSV import end to end: a real server with import workers, the built admin in
// Debian's chromium, and assertions on what the user sees and on what is stored.

async function graphql<T = Record<string, unknown>>(roster: Roster, key: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch(`${roster.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (body.errors?.length || !body.data) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
  return body.data;
}

async function createSegment(roster: Roster, key: string, name: string): Promise<string> {
  const data = await graphql<{ createSegment: { id: string } }>(roster, key, 'mutation($name: String!) { createSegment(input: { name: $name }) { ... on Segment { id } } }', { name });
  return data.createSegment.id;
}

/** The number shown in one of the import page's count boxes ("Created", "Failed"…). */
async function shownCount(page: Page, label: string): Promise<number> {
  const text = (await page.getByRole('group', { name: label, exact: true }).locator('.value').textContent()) ?? '';
  return Number(text.replaceAll(',', ''));
}

async function shownCounts(page: Page): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const label of ['Processed', 'Created', 'Updated', 'Skipped', 'Failed']) out[label] = await shownCount(page, label);
  return out;
}

/**
 * 300 data rows: 3 invalid emails, 2 non-numeric "Employees", 2 emails repeated from earlier rows,
 * 1 email that exists already. "Name" is suggested as a new property; the test maps it to First name.
 */
function contactsCsv(): string {
  const lines = ['E-mail Address,Name,Surname,Plan,Employees,Notes'];
  for (let i = 1; i <= 300; i++) {
    let email = `person${i}@example.com`;
    let employees = String(10 + (i % 40));
    if (i === 7) email = 'not-an-email';
    if (i === 150) email = 'broken@';
    if (i === 299) email = 'two words@example.com';
    if (i === 120 || i === 240) employees = 'lots';
    if (i === 200) email = 'PERSON5@example.com';
    if (i === 201) email = 'person6@example.com';
    if (i === 250) email = 'existing@example.com';
    lines.push(`${email},First${i},Last${i},${i % 3 === 0 ? 'pro' : 'free'},${employees},"note, ${i}"`);
  }
  return `${lines.join('\r\n')}\r\n`;
}

describe('importing a CSV with the wizard (workers running)', () => {
  let roster: Roster;
  let browser: Browser;
  let key: string;
  let segmentId: string;
  let topicId: string;

  beforeAll(async () => {
    [roster, browser] = await Promise.all([startRoster({ workers: 1 }), launchBrowser()]);
    key = await roster.newKey('acme');
    segmentId = await createSegment(roster, key, 'Customers');
    const topic = await graphql<{ createTopic: { id: string } }>(roster, key, 'mutation { createTopic(input: { name: "Newsletter", defaultSubscription: OPT_OUT }) { ... on Topic { id } } }');
    topicId = topic.createTopic.id;
    await graphql(roster, key, 'mutation { createContactProperty(input: { key: "plan", type: STRING }) { __typename } }');
    await graphql(roster, key, 'mutation { createContact(input: { email: "existing@example.com", firstName: "Old" }) { __typename } }');
  });
  afterAll(async () => {
    await browser?.close();
    await roster?.close();
  });

  it('goes through file, columns, options and review, then follows the import to its summary', async () => {
    const page = await signedInPage(browser, roster, key, '/imports/new');
    await page.getByRole('heading', { name: 'Your CSV file' }).waitFor();
    await page.getByLabel('Choose a CSV file', { exact: true }).setInputFiles({ name: 'customers.csv', mimeType: 'text/csv', buffer: Buffer.from(contactsCsv()) });
    const chosen = page.getByRole('region', { name: 'Chosen file' });
    await expect.poll(() => chosen.textContent()).toContain('300 rows');
    expect(await chosen.textContent()).toContain('6 columns');
    expect(await chosen.textContent()).toContain('comma-separated');
    await screenshot(page, 'import-file');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'import-file-phone');
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByRole('button', { name: 'Continue' }).click();

    // Columns: the suggestions, then three changes.
    await page.getByRole('heading', { name: 'Map the columns' }).waitFor();
    const target = (header: string) => page.getByLabel(`Import column "${header}" as`);
    expect(await target('E-mail Address').inputValue()).toBe('email');
    expect(await target('Surname').inputValue()).toBe('lastName');
    expect(await target('Plan').inputValue()).toBe('property:plan');
    expect(await target('Name').inputValue()).toBe('new');
    expect(await page.getByRole('checkbox', { name: 'Import column "E-mail Address"' }).isDisabled()).toBe(true);
    // The warnings count the values that will fail.
    const emailColumn = page.getByRole('listitem').filter({ has: page.getByRole('checkbox', { name: 'Import column "E-mail Address"' }) });
    expect(await emailColumn.textContent()).toContain('3 of 300 would fail');

    await target('Name').selectOption({ label: 'First name' });
    await page.getByLabel('New property key for column "Employees"').fill('team_size');
    await page.getByLabel('Type of the new property for column "Employees"').selectOption({ label: 'number' });
    const employeesColumn = page.getByRole('listitem').filter({ has: page.getByRole('checkbox', { name: 'Import column "Employees"' }) });
    await expect.poll(() => employeesColumn.textContent()).toContain('2 of 300 would fail');
    await page.getByRole('checkbox', { name: 'Import column "Notes"' }).uncheck();
    await expect.poll(() => page.getByText('5 of the first 300 rows would fail').count()).toBe(1);
    await screenshot(page, 'import-mapping');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'import-mapping-phone');
    await page.setViewportSize({ width: 1280, height: 800 });

    // Mapping Surname to First name too is refused with a message on both columns.
    await target('Surname').selectOption({ label: 'First name' });
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => page.getByText(/First name is also imported from/).count()).toBe(2);
    await target('Surname').selectOption({ label: 'Last name' });
    await page.getByRole('button', { name: 'Continue' }).click();

    // Options.
    await page.getByRole('heading', { name: 'Choose what happens to the contacts' }).waitFor();
    await page.getByRole('checkbox', { name: /Customers/ }).check();
    await page.getByLabel(/Newsletter/).selectOption({ label: 'Opt in' });
    expect(await page.getByRole('radio', { name: /Update them/ }).isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Continue' }).click();

    // Review.
    await page.getByRole('heading', { name: 'Review and start' }).waitFor();
    const review = await page.locator('.imp-review').textContent();
    expect(review).toContain('Name → First name');
    expect(review).toContain('Employees → New property team_size (number)');
    expect(review).toContain('Notes');
    expect(review).toContain('Customers');
    expect(review).toContain('Newsletter: opt in');
    await screenshot(page, 'import-review');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'import-review-phone');
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByRole('button', { name: 'Start import' }).click();

    // The import's page, live until the end.
    await page.waitForURL(/\/admin\/imports\/[0-9a-f-]{36}$/);
    const importId = page.url().split('/').at(-1)!;
    await expect.poll(() => page.getByRole('region', { name: 'Summary' }).textContent(), { timeout: 30_000 }).toContain('Imported 300 rows');
    expect(await shownCounts(page)).toEqual({ Processed: 300, Created: 292, Updated: 1, Skipped: 2, Failed: 5 });
    expect(await page.getByRole('region', { name: 'Summary' }).textContent()).toContain('5 rows failed and 2 were skipped');

    // The rows not imported, with their reasons.
    const table = page.getByRole('table', { name: 'Rows not imported' });
    await expect.poll(() => table.getByRole('row').count()).toBe(8);
    const tableText = (await table.textContent()) ?? '';
    expect(tableText).toContain('Column "E-mail Address": Email has no @');
    expect(tableText).toContain('Column "Employees" must be a number for the property "team_size", not "lots"');
    // The last row with an email wins; the earlier ones are skipped.
    expect(tableText).toContain('Duplicate of row 200');
    expect(await page.getByText('Rows 1–7 of 7').count()).toBe(1);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download failed rows (CSV)' }).click()]);
    expect(download.suggestedFilename()).toBe('customers-not-imported.csv');
    const csv = readFileSync((await download.path())!, 'utf8').trim().split(/\r?\n/);
    expect(csv[0]).toBe('row_number,email,outcome,reason');
    expect(csv).toHaveLength(8);
    expect(csv.slice(1).map((line) => line.split(',').slice(0, 3).join(','))).toEqual([
      '5,person5@example.com,skipped',
      '6,person6@example.com,skipped',
      '7,not-an-email,failed',
      '120,person120@example.com,failed',
      '150,broken@,failed',
      '240,person240@example.com,failed',
      '299,two words@example.com,failed',
    ]);
    // Opened afresh on a finished import, the page shows the same.
    await page.reload();
    await expect.poll(() => page.getByRole('region', { name: 'Summary' }).textContent()).toContain('Imported 300 rows');
    expect(await shownCounts(page)).toEqual({ Processed: 300, Created: 292, Updated: 1, Skipped: 2, Failed: 5 });
    await expect.poll(() => page.getByRole('table', { name: 'Rows not imported' }).getByRole('row').count()).toBe(8);
    await screenshot(page, 'import-completed');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'import-completed-phone');

    // What was stored.
    const [imported] = await roster.query<{ team_id: string }>('select team_id from contact_import where id = $1', [importId]);
    const teamId = imported!.team_id;
    const [stored] = await roster.query<{ n: string }>('select count(*) as n from contact where team_id = $1', [teamId]);
    expect(Number(stored!.n)).toBe(293);
    const [ann] = await roster.query<{ first_name: string; last_name: string; properties: Record<string, unknown> }>(
      'select first_name, last_name, properties from contact where email = $1',
      ['person3@example.com'],
    );
    expect(ann).toEqual({ first_name: 'First3', last_name: 'Last3', properties: { plan: 'pro', team_size: 13 } });
    const [existing] = await roster.query<{ first_name: string }>('select first_name from contact where email = $1', ['existing@example.com']);
    expect(existing!.first_name).toBe('First250');
    const [property] = await roster.query<{ type: string }>("select type from contact_property where team_id = $1 and key = 'team_size'", [teamId]);
    expect(property!.type).toBe('number');
    const [members] = await roster.query<{ n: string }>('select count(*) as n from contact_segment where segment_id = $1', [segmentId]);
    expect(Number(members!.n)).toBe(293);
    const [subscribed] = await roster.query<{ n: string }>("select count(*) as n from contact_topic where topic_id = $1 and subscription = 'opt_in'", [topicId]);
    expect(Number(subscribed!.n)).toBe(293);
    await page.context().close();
  }, 120_000);

  it('shows a large import moving: rows/s, time left and counts, then the summary', async () => {
    const rows = 100_000;
    const lines = ['email,first_name,score'];
    for (let i = 0; i < rows; i++) lines.push(`bulk${i}@example.org,Bulk ${i},${i % 100}`);
    const page = await signedInPage(browser, roster, key, '/imports/new');
    await page.getByLabel('Choose a CSV file', { exact: true }).setInputFiles({ name: 'bulk.csv', mimeType: 'text/csv', buffer: Buffer.from(`${lines.join('\n')}\n`) });
    const chosen = page.getByRole('region', { name: 'Chosen file' });
    await expect.poll(() => chosen.textContent()).toMatch(/about [\d,]+ rows/);
    const estimate = Number(/about ([\d,]+) rows/.exec((await chosen.textContent()) ?? '')![1]!.replaceAll(',', ''));
    expect(Math.abs(estimate - rows)).toBeLessThan(rows * 0.05);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'Map the columns' }).waitFor();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();
    // A slow uplink (1.5 MB/s) so that the byte progress of the upload can be seen.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 1.5 * 1024 * 1024 });
    await page.getByRole('button', { name: 'Start import' }).click();
    const uploadBar = page.getByRole('progressbar', { name: /Uploading/ });
    await expect.poll(async () => Number((await uploadBar.getAttribute('aria-valuenow').catch(() => null)) ?? 0), { timeout: 20_000, interval: 50 }).toBeGreaterThan(0);
    expect(await uploadBar.getAttribute('aria-valuenow').then(Number)).toBeLessThan(100);
    await screenshot(page, 'import-uploading');
    await page.waitForURL(/\/admin\/imports\/[0-9a-f-]{36}$/, { timeout: 30_000 });
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });

    // Catch it while importing if the machine is slow enough, else its end.
    const progress = page.getByRole('region', { name: 'Progress' });
    const summary = page.getByRole('region', { name: 'Summary' });
    let sawRunning = false;
    await expect
      .poll(
        async () => {
          if (await summary.count()) return 'ended';
          const text = (await progress.textContent().catch(() => '')) ?? '';
          if (/Importing: [\d,]+ of 100,000 rows/.test(text) && /rows\/s/.test(text) && !sawRunning) {
            sawRunning = true;
            expect(await shownCount(page, 'Processed')).toBeGreaterThan(0);
            await screenshot(page, 'import-progress');
          }
          return 'running';
        },
        { timeout: 120_000, interval: 100 },
      )
      .toBe('ended');
    expect(await summary.textContent()).toContain('Imported 100,000 rows');
    expect(await shownCounts(page)).toEqual({ Processed: 100_000, Created: 100_000, Updated: 0, Skipped: 0, Failed: 0 });
    if (!sawRunning) await screenshot(page, 'import-progress');
    await screenshot(page, 'import-large-completed');
    await page.context().close();
  }, 180_000);

  it('refuses a file over 200 MB before uploading anything', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'roster-e2e-'));
    const path = join(dir, 'huge.csv');
    // A sparse file: 200 MB + 1 byte on paper, nothing written to disk.
    const fd = openSync(path, 'w');
    ftruncateSync(fd, 200 * 1024 * 1024 + 1);
    closeSync(fd);
    try {
      const page = await signedInPage(browser, roster, key, '/imports/new');
      const uploads: string[] = [];
      page.on('request', (request) => {
        if (request.method() === 'POST' && (request.headers()['content-type'] ?? '').startsWith('multipart/')) uploads.push(request.url());
      });
      await page.getByLabel('Choose a CSV file', { exact: true }).setInputFiles({ name: 'book.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from('PK\x03\x04') });
      await expect.poll(() => page.getByRole('alert').textContent()).toContain('is a spreadsheet workbook, not a CSV file');
      await page.getByLabel('Choose a CSV file', { exact: true }).setInputFiles(path);
      await expect.poll(() => page.getByRole('alert').textContent()).toContain('"huge.csv" is 209,715,201 bytes; the largest file Roster imports is 209,715,200 bytes (200 MB)');
      // Continue keeps the refusal on screen and stays on the first step.
      await page.getByRole('button', { name: 'Continue' }).click();
      expect(await page.getByRole('alert').textContent()).toContain('"huge.csv" is 209,715,201 bytes');
      expect(await page.getByRole('heading', { name: 'Your CSV file' }).count()).toBe(1);
      expect(uploads).toEqual([]);
      await screenshot(page, 'import-too-large');
      await page.context().close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('imports that stay queued (no workers)', () => {
  let roster: Roster;
  let browser: Browser;
  let key: string;

  beforeAll(async () => {
    [roster, browser] = await Promise.all([startRoster({ workers: 0 }), launchBrowser()]);
    key = await roster.newKey('queued-team');
  });
  afterAll(async () => {
    await browser?.close();
    await roster?.close();
  });

  it('cancels a queued import after confirmation', async () => {
    const upload = await uploadCsv(roster, key, 'email\nqueued@example.com\n', {}, 'waiting.csv');
    const id = String(upload.body.data?.importContacts?.id);
    const page = await signedInPage(browser, roster, key, `/imports/${id}`);
    const progress = page.getByRole('region', { name: 'Progress' });
    await expect.poll(() => progress.textContent()).toContain('Waiting for a worker to start this import');
    expect(await page.getByText('Queued', { exact: true }).count()).toBe(1);

    await page.getByRole('button', { name: 'Cancel import' }).click();
    const dialog = page.getByRole('dialog', { name: 'Cancel this import?' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('Nothing has been imported yet');
    await dialog.getByRole('button', { name: 'Yes, cancel the import' }).click();
    await expect.poll(() => page.getByRole('region', { name: 'Summary' }).textContent()).toContain('Cancelled before any row was imported');
    expect(await page.getByText('Cancelled', { exact: true }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Cancel import' }).count()).toBe(0);
    const [row] = await roster.query<{ status: string }>('select status from contact_import where id = $1', [id]);
    expect(row!.status).toBe('cancelled');
    await screenshot(page, 'import-cancelled');
    await page.context().close();
  });

  it('lists imports newest first, a page at a time, and links to each', async () => {
    for (let i = 1; i <= 22; i++) {
      const name = `list-${String(i).padStart(2, '0')}.csv`;
      const upload = await uploadCsv(roster, key, `email\nlist${i}@example.com\n`, {}, name);
      expect(upload.body.data?.importContacts?.__typename).toBe('ContactImport');
    }
    const page = await signedInPage(browser, roster, key, '/imports');
    const fileLinks = page.getByRole('table').getByRole('link');
    await expect.poll(() => fileLinks.count()).toBe(20);
    expect(await fileLinks.first().textContent()).toBe('list-22.csv');
    await page.getByRole('button', { name: 'Load more' }).click();
    // 22 listed here plus the cancelled one of the test before.
    await expect.poll(() => fileLinks.count()).toBe(23);
    expect(await fileLinks.last().textContent()).toBe('waiting.csv');
    expect(await page.getByRole('button', { name: 'Load more' }).count()).toBe(0);

    await page.getByLabel('Status').selectOption({ label: 'Cancelled' });
    await expect.poll(() => fileLinks.count()).toBe(1);
    await screenshot(page, 'import-list');
    await fileLinks.first().click();
    await page.getByRole('heading', { name: 'waiting.csv' }).waitFor();

    await page.goto('/admin/');
    const latest = page.getByRole('region', { name: 'Latest imports' });
    await expect.poll(() => latest.getByRole('listitem').count()).toBe(5);
    expect(await latest.getByRole('listitem').first().textContent()).toContain('list-22.csv');
    await screenshot(page, 'import-home-latest');
    await page.goto('/admin/imports');
    await page.setViewportSize({ width: 390, height: 844 });
    await expect.poll(() => fileLinks.count()).toBe(20);
    await screenshot(page, 'import-list-phone');
    await page.context().close();
  });

  it('sends the user back to the step a server refusal concerns', async () => {
    const segmentId = await createSegment(roster, key, 'Soon gone');
    const page = await signedInPage(browser, roster, key, '/imports/new');
    await page.getByLabel('Choose a CSV file', { exact: true }).setInputFiles({ name: 'small.csv', mimeType: 'text/csv', buffer: Buffer.from('email,name\nsmall@example.com,Small\n') });
    await expect.poll(() => page.getByRole('region', { name: 'Chosen file' }).textContent()).toContain('1 row');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'Map the columns' }).waitFor();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('checkbox', { name: /Soon gone/ }).check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'Review and start' }).waitFor();
    // The segment disappears while the user reviews.
    await graphql(roster, key, 'mutation($id: ID!) { deleteSegment(id: $id) { __typename } }', { id: segmentId });
    await page.getByRole('button', { name: 'Start import' }).click();
    await page.getByRole('heading', { name: 'Choose what happens to the contacts' }).waitFor();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain(`No segment has the id ${segmentId}`);
    await screenshot(page, 'import-server-refusal');
    await page.context().close();
  });
});
