// The date range and the department / team / tool filters: they live in the URL fragment (a
// view can be bookmarked), every figure follows them, and a filter that would isolate fewer
// people than the minimum group size is refused with a reason. Also: the sample's files are
// read by several parse workers at once, with no request after load.
//
// Sample organisation numbers (worked out natively in tests/filters.rs for the same rules and
// shown by the Overview's department table): 324 ChatGPT seats in all, 134 in Engineering;
// Legal holds 4 seat holders, under the floor of 5.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, launch, watchNetwork, collectErrors, openPage, screenshot, waitForSources, metricValue,
} from './harness.mjs';

let serverPromise;
const server = () => (serverPromise ??= startServer());
after(async () => {
  if (serverPromise) await (await serverPromise.catch(() => null))?.close();
});

const seatsIs = (page, value) =>
  page.waitForFunction(
    (v) => document.querySelector('[data-metric="seats"]')?.getAttribute('data-value') === v,
    value,
    { timeout: 60_000 },
  );

test('filters follow the URL fragment, recount the figures and refuse tiny groups', { timeout: 240_000 }, async () => {
  const srv = await server();
  const b = await launch();
  try {
    const { page, context } = b;
    const errors = collectErrors(page);
    const net = await watchNetwork(page, context, srv.origin);
    await openPage(page, srv.url, net);
    await page.locator('[data-testid="load-sample"]').click();
    await waitForSources(page, 13, { timeout: 120_000 });
    await seatsIs(page, '324');

    // Thirteen files (SAMPLE_FILE_NAMES), read by more than one parse worker.
    const readers = await page.$$eval('[data-testid="source"]', (els) => els.map((e) => e.dataset.reader));
    assert.equal(readers.length, 13);
    assert.ok(readers.every((r) => /^\d+$/.test(r)), `every file names its parse worker: ${readers}`);
    assert.ok(new Set(readers).size >= 2, `several parse workers: ${readers}`);

    // A department: the fragment says so, and seats are Engineering's 134.
    await page.selectOption('[data-testid="filter-department"]', 'Engineering');
    await seatsIs(page, '134');
    assert.match(page.url(), /#overview\?dept=Engineering$/);
    await screenshot(page, 'filters-engineering');

    // The filter follows to another view, through the nav links.
    await page.click('[data-testid="nav-link"][data-view="codex"]');
    assert.match(page.url(), /#codex\?dept=Engineering$/);
    await page.click('[data-testid="nav-link"][data-view="overview"]');
    await seatsIs(page, '134');

    // Legal (4 people) is under the floor: refused, with the reason, and everyone shown.
    await page.selectOption('[data-testid="filter-department"]', 'Legal');
    await page.locator('[data-testid="filter-refused"]').waitFor({ timeout: 60_000 });
    assert.match(await page.locator('[data-testid="filter-refused"]').innerText(), /minimum group size of 5/);
    await seatsIs(page, '324');
    await screenshot(page, 'filters-refused');

    // A range preset, then reset.
    await page.selectOption('[data-testid="filter-department"]', '');
    await page.selectOption('[data-testid="filter-range"]', '4');
    await page.waitForFunction(() => location.hash === '#overview?range=4w');
    await seatsIs(page, '324');
    await page.click('[data-testid="filter-reset"]');
    await page.waitForFunction(() => location.hash === '#overview');

    assert.deepEqual(net.requestsAfterLoad(), [], 'no request after load');
    assert.deepEqual(errors, [], 'console errors');
  } finally {
    await b.browser.close();
  }
});

test('a bookmarked fragment opens the view with its filters', { timeout: 240_000 }, async () => {
  const srv = await server();
  const b = await launch();
  try {
    const { page, context } = b;
    const errors = collectErrors(page);
    const net = await watchNetwork(page, context, srv.origin);
    await openPage(page, `${srv.url}#overview?dept=Engineering&tool=chatgpt`, net);
    await page.locator('[data-testid="load-sample"]').click();
    await waitForSources(page, 13, { timeout: 120_000 });
    await seatsIs(page, '134');
    assert.equal(await page.locator('[data-testid="filter-department"]').inputValue(), 'Engineering');
    assert.equal(await page.locator('[data-testid="filter-tool"]').inputValue(), 'chatgpt');
    // With only ChatGPT, the Codex figures are not computable.
    assert.equal(await metricValue(page, 'codex_weekly_active_users'), null);
    assert.deepEqual(net.requestsAfterLoad(), [], 'no request after load');
    assert.deepEqual(errors, [], 'console errors');
  } finally {
    await b.browser.close();
  }
});
