// Session depth, Prompt quality and Timing: hand-worked numbers from the depth fixtures
// dropped on the page (worked out in tests/depth_metrics.rs), then the sample organisation at
// desktop and phone sizes, with screenshots of every view.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  REPO_ROOT, startServer, launch, watchNetwork, collectErrors, openPage, screenshot,
  uploadFiles, waitForSources, metricValue, sources,
} from './harness.mjs';

const fixture = (name) => path.join(REPO_ROOT, 'tests', 'fixtures', 'depth', name);
const LOG = fixture('compliance.jsonl');
const HRIS = fixture('hris.csv');

let serverPromise;
const server = () => (serverPromise ??= startServer());
after(async () => {
  if (serverPromise) await (await serverPromise.catch(() => null))?.close();
});

async function openView(page, id) {
  await page.click(`[data-testid="nav-link"][data-view="${id}"]`);
  await page.locator(`section.dashboard[data-testid="${id}"]`).waitFor();
  assert.match(page.url(), new RegExp(`#${id}$`));
}

const action = (page) => page.locator('[data-testid="recommended-action"] p').textContent();

test('the depth fixtures give the hand-worked sessions, prompts and timing', { timeout: 180_000 }, async () => {
  const srv = await server();
  const b = await launch();
  try {
    const { page, context } = b;
    const errors = collectErrors(page);
    const net = await watchNetwork(page, context, srv.origin);
    await openPage(page, srv.url, net);
    await uploadFiles(page, [HRIS, LOG]);
    await waitForSources(page, 2);
    const formats = (await sources(page)).map((s) => [s.format, s.state]);
    assert.deepEqual(formats.sort(), [['chatgpt.compliance_logs_jsonl', 'done'], ['hris', 'done']]);

    await openView(page, 'sessions');
    // Headline week 2026-05-11 … 05-17: 10 sessions, 6 people, 16 session messages, 15
    // messages sent that week, 6 one-message sessions.
    assert.equal(await metricValue(page, 'sessions_per_active_user_week'), String(10 / 6));
    assert.equal(await metricValue(page, 'messages_per_session'), '1.6');
    assert.equal(await metricValue(page, 'messages_per_active_user_week'), '2.5');
    assert.equal(await metricValue(page, 'single_message_session_share'), '0.6');
    assert.match(await page.locator('[data-testid="depth-verdict"]').textContent(), /Sessions rise but depth does not/);
    assert.match(await action(page), /60 % of ChatGPT sessions are a single message/);
    const tools = await page.$$eval('[data-testid="depth-tools"] tbody tr', (rows) =>
      rows.map((r) => [r.dataset.tool, r.dataset.sessions]));
    assert.deepEqual(tools, [['chatgpt', '10'], ['codex', '1']]);
    await screenshot(page, 'sessions-fixtures');

    await openView(page, 'prompts');
    // 15 prompts, 1,944 characters; 6 under 50, 3 over 200.
    assert.equal(await metricValue(page, 'avg_prompt_chars'), '129.6');
    assert.equal(await metricValue(page, 'short_prompt_share'), '0.4');
    assert.equal(await metricValue(page, 'long_prompt_share'), '0.2');
    assert.match(await action(page), /40 % of prompts are under 50 characters/);
    // Every department (3, 2 and 1 senders) is under the default floor of 5: all hidden.
    const departments = await page.$$eval('[data-testid="prompt-departments"] tbody tr', (rows) =>
      rows.map((r) => [r.dataset.department, r.dataset.suppressed, r.dataset.avgChars]));
    assert.deepEqual(departments, [['Engineering', 'true', ''], ['Sales', 'true', ''], ['Legal', 'true', '']]);
    await screenshot(page, 'prompts-fixtures');

    await openView(page, 'timing');
    // 20 user messages (Codex prompt included) 04-20 … 05-17: Monday 8, 09:00 UTC 5, weekend 2.
    assert.equal(await metricValue(page, 'peak_weekday'), '1');
    assert.equal(await metricValue(page, 'peak_hour_utc'), '9');
    assert.equal(await metricValue(page, 'weekend_share'), '0.1');
    assert.match(await action(page), /Monday at 09:00 UTC/);
    await page.locator('[data-testid="timing-chart"]').waitFor();
    await screenshot(page, 'timing-fixtures');

    const html = (await page.content()).toLowerCase();
    for (const id of ['ann@example.com', 'user-ann', 'quarterly plan']) assert.ok(!html.includes(id), `${id} in the page`);
    assert.deepEqual(net.requestsAfterLoad(), [], 'requests after load');
    assert.deepEqual(errors, [], 'console errors');
  } finally {
    await b.browser.close();
  }
});

for (const [width, height] of [[1440, 900], [390, 844]]) {
  test(`the sample organisation's depth views at ${width}×${height}`, { timeout: 240_000 }, async () => {
    const srv = await server();
    const b = await launch({ viewport: { width, height } });
    try {
      const { page, context } = b;
      const errors = collectErrors(page);
      const net = await watchNetwork(page, context, srv.origin);
      await openPage(page, srv.url, net);
      await page.click('[data-testid="load-sample"]');
      await waitForSources(page, 13, { timeout: 120_000 });

      await openView(page, 'sessions');
      // tests/depth_metrics.rs: 37 people, 176 sessions, 803 messages in the week of 8 Nov.
      assert.equal(await metricValue(page, 'sessions_per_active_user_week'), String(176 / 37));
      assert.equal(await metricValue(page, 'messages_per_session'), String(803 / 176));
      assert.ok((await action(page)).length > 20);
      await page.locator('[data-testid="sessions-chart"]').waitFor();
      await screenshot(page, `sessions-sample-${width}`);

      await openView(page, 'prompts');
      assert.match(await metricValue(page, 'avg_prompt_chars'), /^93\.134/);
      const hidden = await page.$$eval('[data-testid="prompt-departments"] tbody tr[data-suppressed="true"]', (rows) =>
        rows.map((r) => r.dataset.department));
      // Finance and People: enough seats, fewer than 5 senders (see tests/depth_metrics.rs).
      assert.deepEqual(hidden, ['People', 'Finance', 'Legal', 'Operations']);
      assert.ok((await action(page)).length > 20);
      await screenshot(page, `prompts-sample-${width}`);

      await openView(page, 'timing');
      assert.equal(await metricValue(page, 'peak_weekday'), '5');
      assert.equal(await metricValue(page, 'peak_hour_utc'), '15');
      assert.match(await action(page), /Friday at 15:00 UTC/);
      await screenshot(page, `timing-sample-${width}`);

      assert.deepEqual(net.requestsAfterLoad(), [], 'requests after load');
      assert.deepEqual(errors, [], 'console errors');
    } finally {
      await b.browser.close();
    }
  });
}
