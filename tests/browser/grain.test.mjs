// Granularity: the page's trends cut by hour, day, week or month from the filter bar. The grain
// lives in the URL fragment; each trend says when its source is coarser than the grain (the
// weekly Users export is never split into days); every chart has its definition one click away.
//
// The bucket counts are worked out natively in tests/granularity.rs; here the page must show
// what the engine computed, in the shape the grain asks for.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, launch, watchNetwork, collectErrors, openPage, screenshot, waitForSources, openChartData,
} from './harness.mjs';

let serverPromise;
const server = () => (serverPromise ??= startServer());
after(async () => {
  if (serverPromise) await (await serverPromise.catch(() => null))?.close();
});

const activityTitle = (page) => page.locator('[data-testid="activity-panel"] h3').textContent();

/** The first-column names of a chart's data table (opened first: it is built on opening). */
async function chartRows(page, panel) {
  await openChartData(page);
  return page.$$eval(`${panel} .chart-data tbody th`, (ths) => ths.map((t) => t.textContent));
}

async function chooseGrain(page, grain, title) {
  await page.selectOption('[data-testid="filter-grain"]', grain);
  await page.waitForFunction(
    (t) => document.querySelector('[data-testid="activity-panel"] h3')?.textContent === t,
    title,
    { timeout: 60_000 },
  );
}

test('trends follow the grain, keep native grain where they must, and define every chart', { timeout: 300_000 }, async () => {
  const srv = await server();
  const b = await launch();
  try {
    const { page, context } = b;
    const errors = collectErrors(page);
    const net = await watchNetwork(page, context, srv.origin);
    await openPage(page, srv.url, net);
    await page.locator('[data-testid="load-sample"]').click();
    await waitForSources(page, 13, { timeout: 120_000 });
    await page.waitForSelector('[data-testid="activity-panel"]', { timeout: 60_000 });

    // Week is the default and is not written in the fragment.
    assert.equal(await activityTitle(page), 'AI-active people, by week');
    assert.doesNotMatch(page.url(), /grain=/);
    const weeks = await chartRows(page, '[data-testid="activity-panel"]');
    assert.ok(weeks.length >= 2 && weeks.length <= 14, `up to 14 weeks: ${weeks.length}`);
    assert.ok(weeks.every((w) => /^\d{1,2}(–| [A-Z][a-z]{2} – )\d{1,2} [A-Z][a-z]{2} \d{4}$/.test(w)), `week names: ${weeks}`);

    // Month: calendar months, in the fragment.
    await chooseGrain(page, 'month', 'AI-active people, by month');
    assert.match(page.url(), /#overview\?grain=month$/);
    const months = await chartRows(page, '[data-testid="activity-panel"]');
    assert.ok(months.length >= 1, 'at least one whole month');
    assert.ok(months.every((m) => /^[A-Z][a-z]{2} \d{4}$/.test(m)), `month names: ${months}`);
    await screenshot(page, 'grain-overview-month');

    // Day: one point per day; the ChatGPT seats chart stays weekly (its export is weekly).
    await chooseGrain(page, 'day', 'AI-active people, by day');
    const days = await chartRows(page, '[data-testid="activity-panel"]');
    assert.ok(days.length > 14, `days: ${days.length}`);
    assert.ok(days.every((d) => /^\d{1,2} [A-Z][a-z]{2} \d{4}$/.test(d)), `day names: ${days.slice(0, 3)}`);
    assert.equal(
      await page.locator('[data-testid="trend-chart"]').count(), 1,
      'the weekly ChatGPT seats chart is still there',
    );
    await screenshot(page, 'grain-overview-day');

    // The grain follows to Session depth (compliance logs: cut by day) …
    await page.click('[data-testid="nav-link"][data-view="sessions"]');
    assert.match(page.url(), /#sessions\?grain=day$/);
    await page.waitForSelector('[data-testid="sessions-chart"]', { timeout: 60_000 });
    const sessionsTitle = await page.locator('[data-testid="sessions"] .panel h3').first().textContent();
    assert.equal(sessionsTitle, 'Sessions and depth, day by day');
    // … while the model mix from the weekly Users export stays weekly, and says why.
    await page.click('[data-testid="nav-link"][data-view="models"]');
    await page.waitForSelector('[data-testid="models-chart"]', { timeout: 60_000 });
    const note = await page.locator('[data-testid="grain-note"]').first().textContent();
    assert.match(note, /^Shown by week: the ChatGPT Users export has one row per person and week/);
    await screenshot(page, 'grain-models-day');

    // Hour: the Overview's activity chart has the last seven days' 168 hours (the sample's
    // compliance logs are timestamped).
    await page.click('[data-testid="nav-link"][data-view="overview"]');
    await chooseGrain(page, 'hour', 'AI-active people, by hour');
    const hours = await chartRows(page, '[data-testid="activity-panel"]');
    assert.equal(hours.length, 168);
    assert.match(hours[0], /^\d{1,2} [A-Z][a-z]{2} \d{4} 00:00–01:00 UTC$/);
    await screenshot(page, 'grain-overview-hour');

    // Every chart on the Overview and Session depth has a definition one click away.
    const definitions = await page.$$eval('.chart-definition', (ds) => ds.map((d) => d.querySelector('p')?.textContent ?? ''));
    assert.ok(definitions.length >= 2 && definitions.every((d) => d.length > 40), `definitions: ${definitions.length}`);
    await page.locator('[data-testid="activity-panel"] .chart-definition summary').click();
    assert.ok(await page.locator('[data-testid="activity-panel"] .chart-definition p').isVisible());

    // Reset filters keeps the grain (it is how trends are cut, not a filter).
    await page.selectOption('[data-testid="filter-tool"]', 'codex');
    await page.waitForFunction(() => /tool=codex/.test(location.hash));
    await page.click('[data-testid="filter-reset"]');
    await page.waitForFunction(() => location.hash === '#overview?grain=hour');

    assert.deepEqual(net.requestsAfterLoad(), [], 'no request after load');
    assert.deepEqual(errors, []);
  } finally {
    await b.browser.close();
  }
});
