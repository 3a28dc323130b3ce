// Tokens by team, Model mix and Departments: the hand-worked fixtures of tests/usage_metrics.rs
// dropped on the page, then the sample organisation at desktop and phone sizes, with
// screenshots of each view.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  REPO_ROOT, startServer, launch, watchNetwork, collectErrors, openPage, screenshot,
  uploadFiles, waitForSources,
} from './harness.mjs';

const fixture = (name) => path.join(REPO_ROOT, 'tests', 'fixtures', 'usage', name);
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

/** `data-value` of a figure inside one view (the same id may also be on the Overview). */
const value = (page, view, id) =>
  page.locator(`section.dashboard[data-testid="${view}"] [data-metric="${id}"]`).first().getAttribute('data-value');

const action = (page, view) =>
  page.locator(`section.dashboard[data-testid="${view}"] [data-testid="recommended-action"] p`).textContent();

/** Long decimals are rounded to 9 places: the page's ratio of sums may differ from a JS
 *  division in the last bit. */
const round = (v) => (/^-?\d+\.\d{10,}$/.test(v ?? '') ? Number(v).toFixed(9) : v);
const rows = async (page, selector, attrs) =>
  (await page.$$eval(`${selector} tbody tr`, (trs, attrs) => trs.map((tr) => attrs.map((a) => tr.getAttribute(a))), attrs))
    .map((r) => r.map(round));

/** Opens the page, drops `files`, runs `body(page)`; no console error, no request after load. */
async function withFiles(files, body) {
  const srv = await server();
  const b = await launch();
  try {
    const { page, context } = b;
    const errors = collectErrors(page);
    const net = await watchNetwork(page, context, srv.origin);
    await openPage(page, srv.url, net);
    await uploadFiles(page, files);
    await waitForSources(page, files.length);
    await body(page);
    assert.deepEqual(net.requestsAfterLoad(), [], 'requests after load');
    assert.deepEqual(errors, [], 'console errors');
  } finally {
    await b.browser.close();
  }
}

test('token fixtures: per-person sums over distinct people, small departments hidden', { timeout: 180_000 }, async () => {
  await withFiles([HRIS, fixture('codex_usage.json'), fixture('compliance_codex.jsonl')], async (page) => {
    await openView(page, 'tokens');
    // 13,700 input and 3,250 output tokens over 10 people in the week of 8 Jun 2026.
    assert.equal(await value(page, 'tokens', 'input_tokens_per_active_user_week'), '1370');
    assert.equal(await value(page, 'tokens', 'output_tokens_per_active_user_week'), '325');
    assert.equal(await value(page, 'tokens', 'output_input_ratio'), String(3250 / 13700));
    assert.match(await action(page, 'tokens'), /^Only 15 % of this week's 13,700 input tokens/);
    // Engineering 8,200 / 5 and 2,000 / 5; Ops (3) and Sales (2) hidden together.
    assert.deepEqual(
      await rows(page, '[data-testid="tokens-departments"]', ['data-department', 'data-suppressed', 'data-input-per-person', 'data-output-per-person']),
      [['Engineering', 'false', '1640', '400'], ['Ops', 'true', '', ''], ['Sales', 'true', '', '']],
    );
    await screenshot(page, 'usage-tokens-fixtures');
  });
});

test('model fixtures: message share, session share and the tier table', { timeout: 180_000 }, async () => {
  await withFiles([HRIS, fixture('users_models.csv'), fixture('compliance_models.jsonl')], async (page) => {
    await openView(page, 'models');
    // 25 advanced of 80 messages; 2 of 5 sessions used an advanced model.
    assert.equal(await value(page, 'models', 'advanced_model_share'), '0.3125');
    assert.equal(await value(page, 'models', 'advanced_model_session_share'), '0.4');
    assert.match(await action(page, 'models'), /^69 % of messages still go to standard models \(gpt-4o alone takes 62 %\)/);
    assert.deepEqual(
      await rows(page, '[data-testid="model-tiers"]', ['data-model', 'data-tier', 'data-share']),
      [
        ['gpt-4o', 'standard', '0.625'], ['o3', 'advanced', '0.25'], ['gpt-4.1', 'standard', '0.0625'],
        ['gpt-5-thinking', 'advanced', '0.0625'], ['gpt-4o-mini', 'standard', '0'], ['gpt-5', 'standard', '0'],
        ['o4-mini', 'advanced', '0'],
      ],
    );
    assert.equal(await page.getAttribute('[data-testid="edit-tiers"]', 'href'), '#settings');
    await screenshot(page, 'usage-models-fixtures');
  });
});

test('session fixtures: departments placed by sessions per person and messages per session', { timeout: 180_000 }, async () => {
  await withFiles([HRIS, fixture('compliance_sessions.jsonl')], async (page) => {
    await openView(page, 'departments');
    const section = page.locator('section.dashboard[data-testid="departments"]');
    assert.equal(await section.getAttribute('data-basis'), 'sessions');
    assert.equal(await section.getAttribute('data-hidden'), '2');
    // Engineering: 8 sessions of 5 people, 11 messages; the organisation 13 sessions, 24 messages.
    assert.deepEqual(
      await rows(page, '[data-testid="departments-table"]', ['data-department', 'data-suppressed', 'data-sessions-per-person', 'data-messages-per-session']),
      [
        ['Engineering', 'false', '1.6', '1.375'], ['Ops', 'true', '', ''], ['Sales', 'true', '', ''],
        ['Organisation', 'false', '1.3', (24 / 13).toFixed(9)],
      ],
    );
    assert.match(await page.locator('[data-testid="departments-hidden"]').textContent(), /^2 departments hidden/);
    await screenshot(page, 'usage-departments-fixtures');
  });
});

for (const [label, viewport] of [['desktop', { width: 1440, height: 900 }], ['phone', { width: 390, height: 844 }]]) {
  test(`the sample organisation fills the three views (${label})`, { timeout: 300_000 }, async () => {
    const srv = await server();
    const b = await launch({ viewport });
    try {
      const { page, context } = b;
      const errors = collectErrors(page);
      const net = await watchNetwork(page, context, srv.origin);
      await openPage(page, srv.url, net);
      await page.click('[data-testid="load-sample"]');
      await waitForSources(page, 13, { timeout: 120_000 });

      await openView(page, 'tokens');
      // tests/usage_metrics.rs: Codex + Copilot 598,813,745 input and 15,493,152 output tokens
      // over 97 people, plus Claude Code 169,253,755 / 10,338,379 (19 more people): 768,067,500
      // input and 25,831,531 output over 116.
      assert.equal(await value(page, 'tokens', 'input_tokens_per_active_user_week'), String(768067500 / 116));
      assert.equal(await value(page, 'tokens', 'output_tokens_per_active_user_week'), String(25831531 / 116));
      assert.equal(await value(page, 'tokens', 'output_input_ratio'), String(25831531 / 768067500));
      assert.match(await action(page, 'tokens'), /^GitHub Copilot sends 9,525,375 input tokens per active person/);
      assert.deepEqual(
        await rows(page, '[data-testid="tokens-tools"]', ['data-tool']),
        [['codex'], ['copilot'], ['claude']],
      );
      await screenshot(page, `usage-tokens-sample-${label}`);

      await openView(page, 'models');
      // gpt-5-thinking 2,622 + o3 289 of 7,107 messages.
      assert.equal(await value(page, 'models', 'advanced_model_share'), String(2911 / 7107));
      assert.equal(await value(page, 'models', 'advanced_model_session_share'), '0.75');
      assert.match(await action(page, 'models'), /^59 % of messages still go to standard models \(gpt-5 alone takes 42 %\)/);
      await screenshot(page, `usage-models-sample-${label}`);

      await openView(page, 'departments');
      const section = page.locator('section.dashboard[data-testid="departments"]');
      assert.equal(await section.getAttribute('data-basis'), 'sessions');
      // Only Engineering and Customer Support have 5 or more people with a session this week.
      assert.equal(await section.getAttribute('data-hidden'), '6');
      const table = await rows(page, '[data-testid="departments-table"]', ['data-department', 'data-suppressed', 'data-sessions-per-person', 'data-messages-per-session']);
      assert.deepEqual(table[0], ['Engineering', 'false', (111 / 17).toFixed(9), (465 / 111).toFixed(9)]);
      assert.deepEqual(table.filter((r) => r[1] === 'true').map((r) => r[0]), ['Marketing', 'People', 'Sales', 'Finance', 'Legal', 'Operations']);
      assert.deepEqual(table.at(-1), ['Organisation', 'false', round(String(176 / 37)), round(String(803 / 176))]);
      assert.match(await action(page, 'departments'), /^Customer Support has the longest sessions \(6\.8 messages/);
      await screenshot(page, `usage-departments-sample-${label}`);

      assert.deepEqual(net.requestsAfterLoad(), [], 'requests after load');
      assert.deepEqual(errors, [], 'console errors');
    } finally {
      await b.browser.close();
    }
  });
}
