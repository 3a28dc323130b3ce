// Licences & cost, Credits & budget and Power users, end to end: hand-worked fixtures dropped
// through the file input, and the sample organisation. The numbers are worked out in
// tests/cost_metrics.rs (the same fixtures, natively).

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  REPO_ROOT, startServer, launch, watchNetwork, collectErrors, openPage, screenshot,
  uploadFiles, waitForSources, metricValue,
} from './harness.mjs';

const fixture = (name) => path.join(REPO_ROOT, 'tests', 'fixtures', name);
const USERS = fixture('chatgpt_users_weekly.csv');
const HRIS = fixture('cost/hris_logins.csv');
const SEATS = fixture('cost/copilot_seats.json');
const BILLING = fixture('cost/github_billing.csv');
const POWER = fixture('cost/users_power.csv');

let serverPromise;
const server = () => (serverPromise ??= startServer());
after(async () => {
  if (serverPromise) await (await serverPromise.catch(() => null))?.close();
});

const num = async (page, id) => {
  const raw = await metricValue(page, id);
  assert.ok(raw !== null && raw !== '', `${id} has no value`);
  return Number(raw);
};
const near = (a, b, what) => assert.ok(Math.abs(a - b) < 1e-9, `${what}: expected ${b}, found ${a}`);

async function open(page, view, testid) {
  await page.click(`[data-testid="nav-link"][data-view="${view}"]`);
  await page.locator(`[data-testid="${testid}"]`).waitFor();
  assert.match(page.url(), new RegExp(`#${view}$`));
}

test('fixtures: licences over ChatGPT and Copilot, credits and budget alerts', { timeout: 240_000 }, async () => {
  const srv = await server();
  const b = await launch();
  try {
    const { page, context } = b;
    const errors = collectErrors(page);
    const net = await watchNetwork(page, context, srv.origin);
    await openPage(page, srv.url, net);
    await uploadFiles(page, [USERS, HRIS, SEATS, BILLING]);
    await waitForSources(page, 4);

    await open(page, 'licences', 'licences');
    await page.locator('[data-testid="licences"] [data-metric="monthly_seat_cost"]').waitFor();
    // 5 ChatGPT seats × $30 + 7 Copilot seats × $19 = $283; unused: Copilot gus and hal.
    assert.equal(await num(page, 'seats_all_tools'), 12);
    assert.equal(await num(page, 'monthly_seat_cost'), 283);
    assert.equal(await num(page, 'unused_seats'), 2);
    near(await num(page, 'usage_cost_month'), 1.2, 'usage cost');
    // (283 + 1.20) / 5 distinct monthly active people.
    near(await num(page, 'cost_per_active_user'), 284.2 / 5, 'cost per active user');
    const tools = await page.$$eval('[data-testid="licence-tools"] tbody tr', (rows) =>
      rows.map((r) => [r.dataset.tool, r.dataset.seats, r.dataset.unused]));
    assert.deepEqual(tools, [['chatgpt', '5', '0'], ['copilot', '7', '2']]);
    const action = await page.locator('[data-testid="licences"] [data-testid="recommended-action"]').innerText();
    assert.match(action, /Reclaim 2 unused GitHub Copilot seats \(\$38\/month/);
    assert.equal(await page.locator('[data-testid="licences"] a[href="#settings"]').count() > 0, true);
    // Every department group is under the floor of 5: all hidden.
    const hidden = await page.$$eval('[data-testid="licence-departments"] tbody tr', (rows) =>
      rows.map((r) => r.dataset.suppressed));
    assert.ok(hidden.length > 0 && hidden.every((h) => h === 'true'));
    await screenshot(page, 'cost-licences-fixtures');

    await open(page, 'credits', 'credits');
    await page.locator('[data-testid="credits"] [data-metric="usage_cost_month_to_date"]').waitFor();
    near(await num(page, 'usage_cost_month_to_date'), 1.2, 'usage this month');
    near(await num(page, 'credits_month_to_date'), 35, 'credits');
    near(await num(page, 'projected_month_end_cost'), 1.5, 'projection');
    assert.equal(await metricValue(page, 'budget_used_share'), '');
    await page.locator('[data-testid="no-budget"] a[href="#settings"]').waitFor();
    assert.match(
      await page.locator('[data-testid="credits"] [data-testid="recommended-action"]').innerText(),
      /GitHub Copilot usage is \$1\.20 by day 24 of 30/,
    );

    // A $1.60 Copilot budget: 1.20 / 1.60 = 75 % used, so the 75 % alert only.
    await page.click('[data-testid="nav-link"][data-view="settings"]');
    const budget = page.locator('fieldset[data-tool="copilot"] [data-testid="budget"]');
    await budget.waitFor();
    await budget.fill('1.6');
    await budget.dispatchEvent('change');
    await open(page, 'credits', 'credits');
    await page.locator('[data-testid="budget-table"] [data-alert="75"]').waitFor();
    assert.equal(await page.locator('[data-alert="90"]').count(), 0);
    near(await num(page, 'budget_used_share'), 0.75, 'budget used');
    // Premium requests by model carry the model's multiplier (Settings default: Opus ×3).
    assert.equal(
      await page.getAttribute('[data-testid="credits-by-model"] tr[data-label="Claude Opus 4.6"] [data-multiplier]', 'data-multiplier'),
      '3',
    );
    // A department budget: Engineering's usage ($1.20, Ada and Bo) is two people, under the
    // floor of 5: the row keeps its budget and hides the usage.
    await open(page, 'settings', 'settings-view');
    const deptBudget = page.locator('[data-testid="settings-department-budgets"] label[data-department="Engineering"] input');
    await deptBudget.fill('1');
    await deptBudget.dispatchEvent('change');
    await open(page, 'credits', 'credits');
    const eng = page.locator('[data-testid="department-budget-table"] tr[data-department="Engineering"]');
    await eng.waitFor();
    assert.equal(await eng.getAttribute('data-suppressed'), 'true');
    assert.match(await eng.innerText(), /Hidden: under the minimum group size[\s\S]*\$1\.00/);
    await screenshot(page, 'cost-credits-fixtures');

    // Changing a setting rebuilds the report in a fresh worker (same origin); nothing may
    // leave for another origin.
    assert.deepEqual(net.otherOrigins(), [], 'requests to other origins');
    assert.deepEqual(net.requestsAfterLoad().filter((r) => !r.sameOrigin), [], 'requests after load');
    assert.deepEqual(errors, [], 'console errors');
  } finally {
    await b.browser.close();
  }
});

test('fixtures: power users, top-10 % share and Gini', { timeout: 180_000 }, async () => {
  const srv = await server();
  const b = await launch();
  try {
    const { page } = b;
    const errors = collectErrors(page);
    await openPage(page, srv.url);
    await uploadFiles(page, [POWER]);
    await waitForSources(page, 1);
    await open(page, 'power-users', 'power-users');
    await page.locator('[data-testid="power-users"] [data-metric="power_users"]').waitFor();
    // Messages 0,1,2,3,5,8,13,80,90,200: the top 20 % of 9 senders is 90 and 200, both ≥ 75
    // with 3 GPTs/tools/projects → 2 of 10 weekly active.
    assert.equal(await num(page, 'power_users'), 2);
    near(await num(page, 'power_user_share'), 0.2, 'share');
    near(await num(page, 'top10_message_share'), 200 / 402, 'top 10 %');
    near(await num(page, 'messages_gini'), 2846 / 4020, 'Gini');
    await page.locator('[data-testid="lorenz-chart"]').waitFor();
    await page.locator('[data-testid="power-users"] [data-testid="recommended-action"]').waitFor();
    assert.deepEqual(errors, [], 'console errors');
  } finally {
    await b.browser.close();
  }
});

for (const [label, viewport] of [['desktop', { width: 1440, height: 900 }], ['mobile', { width: 390, height: 844 }]]) {
  test(`sample organisation: the three cost views (${label})`, { timeout: 240_000 }, async () => {
    const srv = await server();
    const b = await launch({ viewport });
    try {
      const { page } = b;
      const errors = collectErrors(page);
      await openPage(page, srv.url);
      await page.click('[data-testid="load-sample"]');
      await waitForSources(page, 13);

      await open(page, 'licences', 'licences');
      await page.locator('[data-testid="licences"] [data-metric="monthly_seat_cost"]').waitFor();
      // tests/cost_metrics.rs: ChatGPT 324 × $30 + Copilot 131 × $19 + Microsoft 365 Copilot
      // 49 × $30 + Cursor 66 × $40 (the members its daily file lists) = $16,319; unused
      // 42 + 13 + 8 (M365: 9 idle licences, 1 holder on leave) + 8 (Cursor: 6 only ever idle,
      // 2 last active before 16 Oct).
      assert.equal(await num(page, 'monthly_seat_cost'), 16319);
      assert.equal(await num(page, 'unused_seats'), 71);
      assert.match(
        await page.locator('[data-testid="licences"] [data-testid="recommended-action"]').innerText(),
        /Reclaim 42 unused ChatGPT seats \(\$1,260\/month/,
      );
      const legal = await page.$$eval('[data-testid="licence-departments"] tr[data-department="Legal"]', (rows) =>
        rows.map((r) => r.dataset.suppressed));
      assert.ok(legal.length > 0 && legal.every((s) => s === 'true'));
      await screenshot(page, `cost-licences-sample-${label}`);

      await open(page, 'credits', 'credits');
      await page.locator('[data-testid="credits"] [data-metric="usage_cost_month_to_date"]').waitFor();
      assert.ok((await num(page, 'usage_cost_month_to_date')) > 0);
      await page.locator('[data-testid="credits"] [data-testid="recommended-action"]').waitFor();
      await screenshot(page, `cost-credits-sample-${label}`);

      await open(page, 'power-users', 'power-users');
      await page.locator('[data-testid="power-users"] [data-metric="power_users"]').waitFor();
      assert.equal(await num(page, 'power_users'), 25);
      near(await num(page, 'power_user_share'), 25 / 208, 'power-user share');
      await page.locator('[data-testid="power-users"] [data-testid="recommended-action"]').waitFor();
      await screenshot(page, `cost-power-users-sample-${label}`);
      assert.deepEqual(errors, [], 'console errors');
    } finally {
      await b.browser.close();
    }
  });
}
