// Several exports of several tools dropped at once: each file's detected format, rows and
// skipped rows, and the cross-tool figures (worked out by hand in tests/cross_tool.rs).

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  REPO_ROOT, startServer, launch, watchNetwork, collectErrors, openPage, screenshot,
  uploadFiles, waitForSources, metricValue, sources,
} from './harness.mjs';

const fixture = (name) => path.join(REPO_ROOT, 'tests', 'fixtures', name);

let serverPromise;
const server = () => (serverPromise ??= startServer());
after(async () => {
  if (serverPromise) await (await serverPromise.catch(() => null))?.close();
});

test('eight files of four tools at once: formats, rows, skips, and people across tools', { timeout: 180_000 }, async () => {
  const srv = await server();
  const b = await launch();
  try {
    const { page, context } = b;
    const errors = collectErrors(page);
    const net = await watchNetwork(page, context, srv.origin);
    await openPage(page, srv.url, net);
    await uploadFiles(page, [
      fixture('multi/users.csv'),
      fixture('multi/compliance.jsonl'),
      fixture('multi/codex.json'),
      fixture('multi/copilot.ndjson'),
      fixture('multi/seats.json'),
      fixture('multi/hris.csv'),
      fixture('chatgpt_users_bad_rows.csv'),
      fixture('copilot_download_links.json'),
    ]);
    await waitForSources(page, 8);
    assert.deepEqual(await sources(page), [
      { format: 'chatgpt.users_csv', state: 'done', rows: '5', skipped: '0' },
      { format: 'chatgpt.compliance_logs_jsonl', state: 'done', rows: '3', skipped: '0' },
      { format: 'codex.usage_json', state: 'done', rows: '1', skipped: '0' },
      { format: 'copilot.usage_ndjson', state: 'done', rows: '3', skipped: '0' },
      { format: 'copilot.seats_json', state: 'done', rows: '3', skipped: '0' },
      { format: 'hris', state: 'done', rows: '6', skipped: '0' },
      // ada and fay are read (2 rows), 4 rows are skipped with their line and reason.
      { format: 'chatgpt.users_csv', state: 'done', rows: '2', skipped: '4' },
      { format: 'unknown', state: 'error', rows: '0', skipped: '0' },
    ]);
    // ada's and fay's week in the bad-rows file was already loaded from users.csv: counted once.
    const duplicates = await page.$$eval('[data-testid="source"]', (els) => els.map((e) => e.dataset.duplicates));
    assert.equal(duplicates[6], '2');
    const linkError = await page.locator('[data-testid="source"]').nth(7).innerText();
    assert.match(linkError, /link file: it holds download links, not the data/);

    // Any tool: ada, bo, cy, dee, eve, fay and a contractor = 7; ada alone on two tools.
    assert.equal(await metricValue(page, 'ai_active_users_any_tool'), '7');
    assert.equal(await metricValue(page, 'multi_tool_users'), '1');
    assert.equal(await metricValue(page, 'codex_weekly_active_users'), '2');
    assert.equal(await metricValue(page, 'copilot_weekly_active_users'), '3');
    // (4 + 3 + 1) / (10 + 6 + 4) = 0.4
    assert.equal(await metricValue(page, 'copilot_acceptance_rate'), '0.4');
    const split = await page.$$eval('[data-testid="tool-split"] [data-tool]', (els) => els.map((e) => [e.dataset.tool, e.dataset.value]));
    assert.deepEqual(split, [['chatgpt', '3'], ['codex', '2'], ['copilot', '3']]);

    const html = (await page.content()).toLowerCase();
    for (const id of ['ada@example.com', 'ada-gh', 'contractor-gh', 'user-bo', 'summarise the quarterly plan']) {
      assert.ok(!html.includes(id), `${id} appears in the page`);
    }
    await screenshot(page, 'overview-multi-tool');
    assert.deepEqual(net.requestsAfterLoad(), [], 'requests after load');
    assert.deepEqual(errors, [], 'console errors');
  } finally {
    await b.browser.close();
  }
});
