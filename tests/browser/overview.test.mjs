// The Overview from real fixture files dropped through the file input: exact figures, no
// identifier in the page, no request after load. Figures are worked out by hand in
// tests/overview_metrics.rs (the same fixtures, natively).

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import {
  REPO_ROOT, startServer, launch, watchNetwork, collectErrors, openPage, screenshot,
  uploadFiles, waitForSources, metricValue, sources,
} from './harness.mjs';

const fixture = (name) => path.join(REPO_ROOT, 'tests', 'fixtures', name);
const USERS = fixture('chatgpt_users_weekly.csv');
const HRIS = fixture('hris_workday.csv');

let serverPromise;
const server = () => (serverPromise ??= startServer());
after(async () => {
  if (serverPromise) await (await serverPromise.catch(() => null))?.close();
});

/** Every email and ChatGPT public id written in a fixture file. */
function identifiers(file) {
  const text = readFileSync(file, 'utf8');
  const found = new Set();
  for (const m of text.matchAll(/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]+/g)) found.add(m[0].toLowerCase());
  for (const m of text.matchAll(/user-[A-Za-z0-9]+/g)) found.add(m[0].toLowerCase());
  return [...found];
}

test('Users CSV + HRIS dropped on the page give the hand-worked Overview', { timeout: 180_000 }, async () => {
  const srv = await server();
  const b = await launch();
  try {
    const { page, context } = b;
    const errors = collectErrors(page);
    const net = await watchNetwork(page, context, srv.origin);
    await openPage(page, srv.url, net);

    await uploadFiles(page, [USERS, HRIS]);
    await waitForSources(page, 2);
    assert.deepEqual(await sources(page), [
      { format: 'chatgpt.users_csv', state: 'done', rows: '22', skipped: '0' },
      { format: 'hris', state: 'done', rows: '7', skipped: '0' },
    ]);
    await page.locator('[data-metric="seats"]').waitFor();

    // Headline week 2025-04-20 … 04-26: seats ada, bo, cy, dee, fay = 5; activated 4 of 5
    // (dee never active) = 0.8; weekly active ada, cy, fay = 3.
    assert.equal(await metricValue(page, 'seats'), '5');
    assert.equal(await metricValue(page, 'activation_rate'), '0.8');
    assert.equal(await metricValue(page, 'weekly_active_users'), '3');
    // Monthly active over the 28 days = W1–W4: ada, bo, cy, fay = 4; stickiness 3 / 4.
    assert.equal(await metricValue(page, 'monthly_active_users'), '4');
    assert.equal(await metricValue(page, 'stickiness'), '0.75');
    // Dee is on leave in the HRIS, so no seat is "unused".
    assert.equal(await metricValue(page, 'unused_seats'), '0');
    // Both departments (Engineering 3 seats, Sales 2) are under the floor of 5: both hidden.
    const suppressed = await page.$$eval('[data-testid="department-table"] tbody tr', (rows) =>
      rows.map((r) => [r.dataset.department, r.dataset.suppressed]));
    assert.deepEqual(suppressed, [['Engineering', 'true'], ['Sales', 'true']]);

    const html = (await page.content()).toLowerCase();
    for (const id of [...identifiers(USERS), ...identifiers(HRIS)]) {
      assert.ok(!html.includes(id), `${id} appears in the page`);
    }
    for (const name of ['ada lovelace', 'bo diddley', 'gus grissom']) assert.ok(!html.includes(name), `${name} in the page`);
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
    for (const id of identifiers(USERS)) assert.ok(!stored.toLowerCase().includes(id), `${id} in web storage`);

    await screenshot(page, 'overview-fixtures');
    await page.click('[data-testid="nav-link"][data-view="data"]');
    await page.locator('[data-testid="data-view"]').waitFor();
    assert.match(page.url(), /#data$/);
    await screenshot(page, 'data-fixtures');

    assert.deepEqual(net.requestsAfterLoad(), [], 'requests after load');
    assert.deepEqual(errors, [], 'console errors');
  } finally {
    await b.browser.close();
  }
});

test('an unrecognised roster gets a column mapper and then reads', { timeout: 180_000 }, async () => {
  const srv = await server();
  const b = await launch();
  try {
    const { page, context } = b;
    const net = await watchNetwork(page, context, srv.origin);
    await openPage(page, srv.url, net);
    await uploadFiles(page, [fixture('hris_unmapped.csv')]);
    await waitForSources(page, 1);
    assert.deepEqual(await sources(page), [{ format: 'hris', state: 'error', rows: '0', skipped: '0' }]);
    const mapper = page.locator('[data-testid="column-mapper"]');
    await mapper.waitFor();
    await mapper.locator('select[data-field="Email"]').selectOption({ label: 'Courriel professionnel' });
    await mapper.locator('select[data-field="Department"]').selectOption({ label: 'Service' });
    await mapper.locator('button').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="source"]')?.dataset.state === 'done');
    assert.deepEqual(await sources(page), [{ format: 'hris', state: 'done', rows: '3', skipped: '0' }]);
    assert.deepEqual(net.requestsAfterLoad(), [], 'requests after load');
  } finally {
    await b.browser.close();
  }
});

test('the sample organisation on a phone-sized screen', { timeout: 180_000 }, async () => {
  const srv = await server();
  const b = await launch({ viewport: { width: 390, height: 844 } });
  try {
    const { page, context } = b;
    const net = await watchNetwork(page, context, srv.origin);
    await openPage(page, srv.url, net);
    await page.click('[data-testid="load-sample"]');
    await waitForSources(page, 2);
    await page.locator('[data-testid="trend-chart"]').waitFor();
    assert.notEqual(await metricValue(page, 'weekly_active_users'), '');
    await screenshot(page, 'overview-sample-390');
    assert.deepEqual(net.requestsAfterLoad(), [], 'requests after load');
  } finally {
    await b.browser.close();
  }
});

test('the sample files can be downloaded to try drag-and-drop', { timeout: 180_000 }, async () => {
  const srv = await server();
  const b = await launch();
  try {
    const { page, context } = b;
    const net = await watchNetwork(page, context, srv.origin);
    await openPage(page, srv.url, net);
    await page.locator('[data-testid="empty-state"]').waitFor();
    const names = await page.$$eval('[data-testid="sample-download"]', (els) => els.map((e) => e.textContent));
    assert.equal(names.length, 13);
    assert.deepEqual(names.slice(0, 2), ['hris.csv', 'chatgpt-users-weekly.csv']);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-testid="sample-download"]').nth(1).click(),
    ]);
    assert.equal(download.suggestedFilename(), 'chatgpt-users-weekly.csv');
    const text = readFileSync(await download.path(), 'utf8');
    assert.ok(text.startsWith('cadence,period_start,period_end,account_id,public_id,name,email'), text.slice(0, 80));
    // 20 weekly periods of the sample, one row per member and week: 5,464 rows + the header.
    assert.equal(text.trimEnd().split('\n').length, 5465);
    assert.deepEqual(net.requestsAfterLoad(), [], 'requests after load');
  } finally {
    await b.browser.close();
  }
});
