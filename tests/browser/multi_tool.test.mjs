// Five tools and an HRIS (tests/fixtures/multi_tool/): the people active on any tool and on two
// or more, overall and per department, as worked out by hand in tests/multi_tool_departments.rs.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  REPO_ROOT, startServer, launch, watchNetwork, collectErrors, openPage, screenshot,
  uploadFiles, waitForSources, metricValue, sources,
} from './harness.mjs';

const fixture = (name) => path.join(REPO_ROOT, 'tests', 'fixtures', 'multi_tool', name);
const FILES = ['chatgpt_users.csv', 'copilot_users.ndjson', 'claude_code.json', 'cursor_daily.json', 'm365_usage.csv', 'hris.csv'];

let serverPromise;
const server = () => (serverPromise ??= startServer());
after(async () => {
  if (serverPromise) await (await serverPromise.catch(() => null))?.close();
});

test('any-tool and multi-tool people per department across five tools', { timeout: 180_000 }, async () => {
  const srv = await server();
  const b = await launch();
  try {
    const { page, context } = b;
    const errors = collectErrors(page);
    const net = await watchNetwork(page, context, srv.origin);
    await openPage(page, srv.url, net);
    await uploadFiles(page, FILES.map(fixture));
    await waitForSources(page, FILES.length);
    assert.deepEqual((await sources(page)).map((s) => [s.format, s.state, s.skipped]), [
      ['chatgpt.users_csv', 'done', '0'],
      ['copilot.usage_ndjson', 'done', '0'],
      ['claude.code_usage_json', 'done', '0'],
      ['cursor.daily_usage_json', 'done', '0'],
      ['m365.copilot_usage_csv', 'done', '0'],
      ['hris', 'done', '0'],
    ]);
    // Engineering 7 + Sales 5 = 12 on any tool; 4 + 2 = 6 on two or more.
    assert.equal(await metricValue(page, 'ai_active_users_any_tool'), '12');
    assert.equal(await metricValue(page, 'multi_tool_users'), '6');

    await page.click('[data-testid="nav-link"][data-view="cross-tool"]');
    const rows = page.locator('[data-testid="tool-split-table"] tbody tr');
    await rows.first().waitFor();
    const split = await rows.evaluateAll((trs) => trs.map((tr) => [tr.dataset.department, tr.dataset.anyTool, tr.dataset.multiTool]));
    assert.deepEqual(split, [['Engineering', '7', '4'], ['Sales', '5', '2']]);
    const html = (await page.content()).toLowerCase();
    for (const raw of ['e1@example.com', 's6@example.com', 'e1-gh', 'eve one']) {
      assert.ok(!html.includes(raw), `${raw} appears in the page`);
    }
    await screenshot(page, 'cross-tool-five-tools');
    assert.deepEqual(net.requestsAfterLoad(), [], 'requests after load');
    assert.deepEqual(errors, [], 'console errors');
  } finally {
    await b.browser.close();
  }
});
