// The sample organisation with all seven tools: every one of its 13 files parses with no
// skipped row, the Overview, Cross-tool and Licences views show the new tools, and the page
// makes no request after load and shows no email. Screenshots: target/screenshots/sample-*.png.
//
// Figures come from tests/sample_organisation.rs
// (`headline_week_people_per_tool_counted_from_the_raw_files`), which counts them from the
// generated files' raw rows: in the week of 8–14 Nov 2026, 282 people are active on any tool
// and 149 on two or more; Microsoft 365 Copilot has 49 licences (its 2026-11-14 refresh), 37 of
// them active that week.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, launch, watchNetwork, collectErrors, openPage, screenshot, waitForSources,
  metricValue, sources,
} from './harness.mjs';

let serverPromise;
const server = () => (serverPromise ??= startServer());
after(async () => {
  if (serverPromise) await (await serverPromise.catch(() => null))?.close();
});

async function open(page, view) {
  await page.click(`[data-testid="nav-link"][data-view="${view}"]`);
  await page.locator(`[data-testid="${view}"]`).waitFor();
}

test('sample organisation: seven tools on the Overview, Cross-tool and Licences views', { timeout: 300_000 }, async () => {
  const srv = await server();
  const b = await launch({ viewport: { width: 1440, height: 900 } });
  try {
    const { page, context } = b;
    const errors = collectErrors(page);
    const net = await watchNetwork(page, context, srv.origin);
    await openPage(page, srv.url, net);
    const started = Date.now();
    await page.click('[data-testid="load-sample"]');
    await waitForSources(page, 13, { timeout: 120_000 });
    await page.locator('[data-metric="weekly_active_users"]').first().waitFor();
    console.log(`sample generated and loaded in the browser in ${Date.now() - started} ms`);
    const list = await sources(page);
    assert.equal(list.length, 13);
    assert.deepEqual(list.slice(8).map((s) => s.format), [
      'claude.code_usage_json', 'cursor.daily_usage_json', 'cursor.usage_events_csv',
      'm365.copilot_usage_csv', 'gemini.audit_json',
    ]);
    assert.ok(list.every((s) => s.state === 'done' && s.skipped === '0'), JSON.stringify(list));
    await screenshot(page, 'sample-overview');

    await open(page, 'cross-tool');
    await page.locator('[data-testid="cross-tool"] [data-metric="ai_active_users_any_tool"]').waitFor();
    assert.equal(await metricValue(page, 'ai_active_users_any_tool'), '282');
    assert.equal(await metricValue(page, 'multi_tool_users'), '149');
    const text = await page.locator('[data-testid="cross-tool"]').innerText();
    for (const tool of ['Claude', 'Cursor', 'Microsoft 365 Copilot', 'Gemini']) {
      assert.ok(text.includes(tool), `${tool} on the Cross-tool view`);
    }
    await screenshot(page, 'sample-cross-tool');

    await open(page, 'licences');
    await page.locator('[data-testid="licences"] [data-metric="monthly_seat_cost"]').waitFor();
    // ChatGPT 324 × $30 + Copilot 131 × $19 + Microsoft 365 Copilot 49 × $30 + Cursor 66 × $40
    // = 9,720 + 2,489 + 1,470 + 2,640 (tests/cost_metrics.rs).
    assert.equal(await metricValue(page, 'monthly_seat_cost'), '16319');
    // Cursor: the 66 distinct members of cursor-daily-usage.json, 8 of them unused.
    const cursor = page.locator('[data-testid="licence-tools"] tr[data-tool="cursor"]');
    assert.equal(await cursor.getAttribute('data-seats'), '66');
    assert.equal(await cursor.getAttribute('data-unused'), '8');
    assert.equal(await cursor.getAttribute('data-cost'), '2640');
    assert.ok((await page.locator('[data-testid="licences"]').innerText()).includes('Microsoft 365 Copilot'));
    await screenshot(page, 'sample-licences');

    const all = await page.locator('body').innerText();
    assert.doesNotMatch(all, /@northwind\.example/, 'no email on the page');
    assert.deepEqual(net.requestsAfterLoad(), [], 'requests after load');
    assert.deepEqual(errors, [], 'console errors');
  } finally {
    await b.browser.close();
  }
});
