// Claude Code, Cursor, Microsoft 365 Copilot and Gemini views, end to end: the hand-worked
// fixtures of tests/tool_views.rs dropped through the file input, each view opened by its nav
// link, its figures equal to the native ones, no raw identifier on the page, and a screenshot
// of each (target/screenshots/view-<tool>.png); then Timing by tool and the Gemini seats in
// Licences. The page runs with the default group size (5),
// so every department row is hidden.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  REPO_ROOT, startServer, launch, watchNetwork, collectErrors, openPage, screenshot,
  uploadFiles, waitForSources, metricValue, openChartData,
} from './harness.mjs';

const fixture = (name) => path.join(REPO_ROOT, 'tests', 'fixtures', 'tool_views', name);
const ALL = ['hris.csv', 'claude_code.json', 'cursor_daily.json', 'cursor_events.csv', 'm365.csv',
  'gemini_audit.json', 'gemini_usage.csv'].map(fixture);

let serverPromise;
const server = () => (serverPromise ??= startServer());
after(async () => {
  if (serverPromise) await (await serverPromise.catch(() => null))?.close();
});

const near = (a, b, what) => assert.ok(Math.abs(a - b) < 1e-9, `${what}: expected ${b}, found ${a}`);

async function open(page, view) {
  await page.click(`[data-testid="nav-link"][data-view="${view}"]`);
  await page.locator(`[data-testid="${view}"]`).waitFor();
  assert.match(page.url(), new RegExp(`#${view}$`));
}

// The figures of tests/tool_views.rs (arithmetic there).
const VIEWS = {
  'claude-code': {
    claude_code_weekly_active_users: 4, claude_code_sessions: 8, claude_code_lines_added: 190,
    claude_code_lines_removed: 35, claude_code_commits: 3, claude_code_pull_requests: 2,
    claude_code_edit_accept_rate: 15 / 23, claude_code_cost_usd: 8, claude_code_tokens: 5900,
  },
  cursor: {
    cursor_weekly_active_users: 5, cursor_tabs_shown: 20, cursor_tabs_accepted: 5,
    cursor_tab_acceptance_rate: 0.25, cursor_accepted_lines: 35, cursor_requests: 13,
    cursor_spend_usd: 0.65,
  },
  'm365-copilot': {
    m365_copilot_licensed_users: 5, m365_copilot_active_users: 3, m365_copilot_active_rate: 0.6,
    m365_copilot_never_used: 1, m365_copilot_apps_per_active_user: 2,
  },
  gemini: {
    gemini_active_users: 5, gemini_active_days: 6, gemini_active_days_per_user: 1.5,
    gemini_events: 7, gemini_report_active_users: 2, gemini_report_active_days_per_user: 3,
  },
};

const TABLES = {
  'claude-code': ['claude-code-by-model', 'claude-code-by-terminal', 'claude-code-by-department'],
  cursor: ['cursor-by-kind', 'cursor-by-model', 'cursor-by-department'],
  'm365-copilot': ['m365-copilot-by-app', 'm365-copilot-by-department', 'm365-copilot-snapshots'],
  gemini: ['gemini-by-app', 'gemini-by-department', 'gemini-report-by-app', 'gemini-report-active-days'],
};

test('fixtures: each tool view shows the hand-worked numbers', { timeout: 240_000 }, async () => {
  const srv = await server();
  const b = await launch();
  try {
    const { page, context } = b;
    const errors = collectErrors(page);
    const net = await watchNetwork(page, context, srv.origin);
    await openPage(page, srv.url, net);
    await uploadFiles(page, ALL);
    await waitForSources(page, ALL.length);

    for (const [view, figures] of Object.entries(VIEWS)) {
      await open(page, view);
      const root = page.locator(`[data-testid="${view}"]`);
      await root.locator(`[data-metric="${Object.keys(figures)[0]}"]`).waitFor();
      assert.equal(await root.locator('[data-testid="needs"]').count(), 0, `${view} needs nothing`);
      for (const [id, expected] of Object.entries(figures)) {
        const raw = await metricValue(page, id);
        assert.ok(raw !== null && raw !== '', `${id} has no value`);
        near(Number(raw), expected, id);
      }
      for (const table of TABLES[view]) {
        assert.equal(await root.locator(`table[data-testid="${table}"]`).count(), 1, `${table} shown`);
      }
      // The default floor (5) hides both departments (3 and 2 people).
      const depts = await root.locator('table[data-testid$="-by-department"] tbody tr')
        .evaluateAll((rows) => rows.map((r) => r.dataset.suppressed));
      assert.deepEqual(depts, ['true', 'true'], `${view} departments hidden`);
      assert.equal(await root.locator('[data-testid="recommended-action"]').count(), 1, `${view} action`);
      await openChartData(page);
      const text = await root.innerText();
      const html = await root.innerHTML();
      for (const s of [text, html]) {
        assert.ok(!/@example\.com|Aalto|Ann |user_|E1\b/i.test(s), `${view}: no raw identifier`);
      }
      await screenshot(page, `view-${view}`);
    }
    // The by-kind and by-app rows, as the native test has them.
    await open(page, 'cursor');
    const kinds = await page.$$eval('[data-testid="cursor-by-kind"] tbody tr', (rows) => rows.map((r) => r.dataset.label));
    assert.deepEqual(kinds, ['Agent', 'Chat', 'Cmd+K', 'Composer']);
    await open(page, 'm365-copilot');
    const apps = await page.$$eval('[data-testid="m365-copilot-by-app"] tbody tr', (rows) =>
      rows.map((r) => [r.dataset.label, r.querySelector('td').dataset.value]));
    assert.deepEqual(apps, [['Teams', '2'], ['Copilot Chat', '1'], ['Excel', '1'], ['Outlook', '1'], ['Word', '1']]);
    // The usage report's people by active days: eve 0, cat 1, ann 5.
    await open(page, 'gemini');
    const days = await page.$$eval('[data-testid="gemini-report-active-days"] tbody tr', (rows) =>
      rows.map((r) => [r.dataset.label, r.querySelector('td').dataset.value]));
    assert.deepEqual(days, [['No active day', '1'], ['1 day', '1'], ['2–5 days', '1'], ['6–10 days', '0'], ['11 days or more', '0']]);

    // Timing, by tool (tests/tool_views.rs): Cursor's 4 requests peak on Tuesday at 09:00 with
    // a quarter at the weekend; Gemini's 7 actions on Monday at 09:00, 3 of 7 on Sunday.
    await open(page, 'timing');
    const byTool = await page.$$eval('[data-testid="timing-by-tool"] tbody tr', (rows) =>
      rows.map((r) => [r.dataset.tool, r.dataset.total, r.dataset.peakDay, r.dataset.peakHour, Number(r.dataset.weekendShare).toFixed(4)]));
    assert.deepEqual(byTool, [
      ['cursor', '4', 'Tuesday', '09:00–10:00 UTC', '0.2500'],
      ['gemini', '7', 'Monday', '09:00–10:00 UTC', (3 / 7).toFixed(4)],
    ]);
    await screenshot(page, 'view-timing-by-tool');

    // Licences: the Gemini usage report's 3 people are Gemini seats, 3 × $20.
    await open(page, 'licences');
    const gemini = await page.$eval('[data-testid="licence-tools"] tr[data-tool="gemini"]', (r) =>
      [r.dataset.seats, r.dataset.unused, r.dataset.cost]);
    assert.deepEqual(gemini, ['3', '0', '60']);
    await screenshot(page, 'view-licences-gemini');
    assert.deepEqual(errors, [], 'console errors');
  } finally {
    await b.browser.close();
  }
});

test('a view whose tool is not loaded says which export fills it', { timeout: 120_000 }, async () => {
  const srv = await server();
  const b = await launch();
  try {
    const { page, context } = b;
    const net = await watchNetwork(page, context, srv.origin);
    await openPage(page, srv.url, net);
    await uploadFiles(page, [fixture('hris.csv'), fixture('claude_code.json')]);
    await waitForSources(page, 2);
    // The nav dims the views nothing loaded fills, and only those.
    const dimmed = await page.$$eval('[data-testid="nav-link"].nav-empty', (links) => links.map((a) => a.dataset.view));
    assert.deepEqual(dimmed, ['cursor', 'm365-copilot', 'gemini']);
    for (const [view, format] of [['cursor', 'cursor.daily_usage_json'], ['m365-copilot', 'm365.copilot_usage_csv'], ['gemini', 'gemini.audit_json']]) {
      await open(page, view);
      const root = page.locator(`[data-testid="${view}"]`);
      const needs = await root.locator('[data-testid="needs"]').innerText();
      assert.ok(needs.includes(format), `${view}: ${needs}`);
      assert.equal(await root.locator('[data-metric]').count(), 0, `${view} shows no zeros`);
    }
    await screenshot(page, 'view-gemini-empty');
  } finally {
    await b.browser.close();
  }
});
