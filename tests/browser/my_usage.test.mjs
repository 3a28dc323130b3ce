// My usage: the ChatGPT personal export zip dropped through the file input, the hand-worked
// figures of tests/source_chatgpt_personal_export.rs read off the page, no title, text or
// identifier of the fixture in the DOM or browser storage, the person's own table downloaded,
// the organisation's views left empty, and a screenshot of the view.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  REPO_ROOT, startServer, launch, watchNetwork, collectErrors, openPage, screenshot,
  uploadFiles, waitForSources, metricValue, sources, downloadOf,
} from './harness.mjs';

const ZIP = path.join(REPO_ROOT, 'tests', 'fixtures', 'personal', 'chatgpt-export.zip');

// Titles, prompt words, ids and the user.json email and id of the fixture.
const SECRETS = [
  'zebra', 'falcon', 'orchid', 'nightjar', 'quartz', 'café', 'résumé', 'board memo',
  'cover letter', 'conv-a-1111', 'g-orchidgpt123', 'nightjarproject9', 'zara.personal@example.com',
  'user-secret42', 'custom instructions',
];

let serverPromise;
const server = () => (serverPromise ??= startServer());
after(async () => {
  if (serverPromise) await (await serverPromise.catch(() => null))?.close();
});

test('the personal export zip fills My usage with the hand-worked figures and nothing else', { timeout: 180_000 }, async () => {
  const srv = await server();
  const b = await launch();
  try {
    const { page, context } = b;
    const errors = collectErrors(page);
    const net = await watchNetwork(page, context, srv.origin);
    await openPage(page, srv.url, net);
    // No personal export yet: no My usage link.
    assert.equal(await page.locator('[data-testid="nav-link"][data-view="my_usage"]').isVisible(), false);

    await uploadFiles(page, [ZIP]);
    await waitForSources(page, 1);
    const listed = await sources(page);
    assert.deepEqual(listed.map((s) => [s.format, s.state, s.rows]), [['chatgpt.personal_export_json', 'done', '6']]);
    const fileList = await page.locator('[data-testid="source"]').first().textContent();
    assert.match(fileList, /Personal export: shown only in My usage/);

    await page.click('[data-testid="nav-link"][data-view="my_usage"]');
    await page.locator('section.dashboard[data-testid="my-usage"]').waitFor();
    assert.match(page.url(), /#my_usage$/);
    // tests/source_chatgpt_personal_export.rs: 6 messages in 4 conversations; 4 sessions
    // (6 / 4 = 1.5 per session); 3 active days; 417 characters / 6 = 69.5, median (33 + 47) / 2.
    const expected = {
      my_messages: '6', my_conversations: '4', my_sessions: '4', my_messages_per_session: '1.5',
      my_active_days: '3', my_avg_prompt_chars: '69.5', my_median_prompt_chars: '40',
      my_custom_gpts: '1', my_projects: '1',
    };
    for (const [id, value] of Object.entries(expected)) {
      assert.equal(await metricValue(page, id), value, id);
    }
    const observations = await page.$$eval('[data-testid="my-observations"] li', (li) => li.map((l) => l.textContent));
    assert.equal(observations[1], 'Your busiest hour is Mondays 09:00–09:59 UTC (3 messages).');
    const assistants = await page.$$eval('[data-testid="my-assistants"] tbody tr', (rows) =>
      rows.map((r) => [...r.children].map((c) => c.textContent)));
    // Custom GPT 1: 1 of 6 messages (17%), one conversation; Project 1: 2 of 6 (33%), one.
    assert.deepEqual(assistants, [['Custom GPT 1', '1', '1 (17%)'], ['Project 1', '1', '2 (33%)']]);
    // The person can download their own table: the counts, no id or title.
    const tools = page.locator('[data-testid="table-tools"]:has(+ [data-testid="my-assistants"])');
    const csv = await downloadOf(page, () => tools.locator('[data-testid="export-csv"]').click());
    assert.match(csv.name, /^uptake-my-usage-custom-gpts-and-projects.*\.csv$/);
    const text = csv.bytes.toString('utf8');
    assert.equal(text.replace(/^\ufeff/, '').trim().split(/\r?\n/).join('|'),
      'Custom GPT or project,Conversations,Messages|Custom GPT 1,1,1|Project 1,1,2');
    const json = await downloadOf(page, () => tools.locator('[data-testid="export-json"]').click());
    for (const s of SECRETS) assert.ok(!json.bytes.toString('utf8').toLowerCase().includes(s), `${s} in the JSON`);
    await page.locator('[data-testid="my-heatmap"]').waitFor();
    await screenshot(page, 'view-my-usage');

    // The organisation's figures are untouched: no weekly active users from a personal export.
    await page.click('[data-testid="nav-link"][data-view="overview"]');
    await page.locator('[data-metric="weekly_active_users"]').first().waitFor();
    assert.equal(await metricValue(page, 'weekly_active_users'), '');

    const html = (await page.content()).toLowerCase();
    for (const s of SECRETS) assert.ok(!html.includes(s), `${s} in the page`);
    const stores = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
    for (const s of SECRETS) assert.ok(!stores.toLowerCase().includes(s), `${s} in web storage`);
    assert.deepEqual(net.requestsAfterLoad(), [], 'requests after load');
    assert.deepEqual(errors, [], 'console errors');
  } finally {
    await b.browser.close();
  }
});

test('My usage at phone width', { timeout: 120_000 }, async () => {
  const srv = await server();
  const b = await launch({ viewport: { width: 390, height: 844 } });
  try {
    const { page, context } = b;
    const errors = collectErrors(page);
    const net = await watchNetwork(page, context, srv.origin);
    await openPage(page, srv.url, net);
    await uploadFiles(page, [ZIP]);
    await waitForSources(page, 1);
    await page.click('[data-testid="nav-link"][data-view="my_usage"]');
    await page.locator('[data-testid="my-heatmap"]').waitFor();
    assert.equal(await metricValue(page, 'my_messages'), '6');
    await screenshot(page, 'view-my-usage-390');
    await page.locator('[data-testid="my-observations"]').screenshot({ path: path.join(REPO_ROOT, 'target', 'screenshots', 'view-my-usage-390-observations.png') });
    await page.locator('[data-testid="my-assistants"]').screenshot({ path: path.join(REPO_ROOT, 'target', 'screenshots', 'view-my-usage-390-table.png') });
    assert.deepEqual(errors, [], 'console errors');
  } finally {
    await b.browser.close();
  }
});
