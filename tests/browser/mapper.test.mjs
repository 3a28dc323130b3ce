// The column mapper for a format other than the roster: a Claude Code analytics table whose
// email column is not named as one (tests/fixtures/claude/code_analytics_members.csv:
// `Member,Lines accepted,Sessions`, addresses under Member). The page offers "Read as:" the
// Claude Code table or an HRIS roster, the analyst picks the columns, then gives its month
// through the period asker, and the Claude figures read off the page are the hand-worked ones
// of tests/source_claude_code_csv.rs. A new org key reads the file again with the same columns
// and month. (The roster mapper is tested in overview.test.mjs.)

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  REPO_ROOT, startServer, launch, watchNetwork, collectErrors, openPage, screenshot,
  uploadFiles, waitForSources, metricValue, sources,
} from './harness.mjs';

const TABLE = path.join(REPO_ROOT, 'tests', 'fixtures', 'claude', 'code_analytics_members.csv');
const EMAILS = ['ana@example.com', 'ben@example.com', 'cleo@example.com', 'dev@example.com'];

let serverPromise;
const server = () => (serverPromise ??= startServer());
after(async () => {
  if (serverPromise) await (await serverPromise.catch(() => null))?.close();
});

const firstSource = (page) => page.locator('[data-testid="source"]').first();

test('an unrecognised Claude Code table is mapped, given its month and read', { timeout: 240_000 }, async () => {
  const srv = await server();
  const b = await launch();
  try {
    const { page, context } = b;
    const errors = collectErrors(page);
    const net = await watchNetwork(page, context, srv.origin);
    await openPage(page, srv.url, net);
    await uploadFiles(page, [TABLE]);
    await waitForSources(page, 1);
    assert.deepEqual(await sources(page), [
      { format: 'claude.code_csv', state: 'error', rows: '0', skipped: '0' },
    ]);
    assert.match(await firstSource(page).innerText(),
      /member email and lines-of-code columns were not both recognised among: Member, Lines accepted, Sessions\./);

    // "Read as:" the table (detected) or a roster; the roster asks for its own fields.
    const mapper = page.locator('[data-testid="column-mapper"]');
    await mapper.waitFor();
    const readAs = mapper.locator('[data-testid="mapper-format"]');
    assert.deepEqual(await readAs.locator('option').allTextContents(),
      ['Claude Code analytics table', 'HRIS roster']);
    await readAs.selectOption({ label: 'HRIS roster' });
    await mapper.locator('select[data-field="Department"]').waitFor();
    // The roster's guess: Member holds the addresses, so it is the work email.
    assert.equal(await mapper.locator('select[data-field="Email"]').inputValue(), '0');
    await readAs.selectOption({ label: 'Claude Code analytics table' });
    await mapper.locator('select[data-field="Lines"]').waitFor();
    assert.equal(await mapper.locator('select[data-field="Department"]').count(), 0);
    // Guessed: Member (addresses) and Lines accepted (named for lines). The analyst checks
    // both, trying another column on the way.
    assert.equal(await mapper.locator('select[data-field="Email"]').inputValue(), '0');
    assert.equal(await mapper.locator('select[data-field="Lines"]').inputValue(), '1');
    await mapper.locator('select[data-field="Lines"]').selectOption({ label: '—' });
    assert.ok(await mapper.locator('[data-testid="mapper-apply"]').isDisabled(), 'both columns are needed');
    await mapper.locator('select[data-field="Lines"]').selectOption({ label: 'Lines accepted' });
    await mapper.locator('select[data-field="Email"]').selectOption({ label: 'Member' });
    await screenshot(page, 'mapper-claude-code');
    await mapper.locator('[data-testid="mapper-apply"]').click();

    // Mapped: the table now asks for its month.
    const asker = page.locator('[data-testid="period-asker"]');
    await asker.waitFor();
    assert.deepEqual(await sources(page), [
      { format: 'claude.code_csv', state: 'error', rows: '0', skipped: '0' },
    ]);
    await page.fill('[data-testid="period-first"]', '2026-11-01');
    await page.fill('[data-testid="period-last"]', '2026-11-30');
    await page.click('[data-testid="period-apply"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="source"]')?.dataset.state === 'done');
    // Ana, Ben, Cleo and Dev read; 1240 + 0 + 310 + 87 = 1637 lines.
    assert.deepEqual(await sources(page), [
      { format: 'claude.code_csv', state: 'done', rows: '4', skipped: '0' },
    ]);
    await firstSource(page).locator('summary').click();
    assert.match(await firstSource(page).innerText(),
      /Read "Member" as the member and "Lines accepted" as lines of code: 1637 lines over 2026-11-01 to 2026-11-30/);

    // November is a whole month of Claude data: its AI-active people are the 3 members with
    // lines (Ben has none).
    await page.click('[data-testid="nav-link"][data-view="history"]');
    await page.locator('[data-testid="history"] [data-metric="cohort_active_people"]').waitFor();
    assert.equal(await metricValue(page, 'cohort_active_people'), '3');
    await screenshot(page, 'mapper-claude-code-history');

    // A new org key: the file is read again with the same columns and month.
    await page.click('[data-testid="nav-link"][data-view="settings"]');
    const fingerprint = () => page.locator('[data-testid="key-fingerprint"]').textContent();
    await page.waitForFunction(() => document.querySelector('[data-testid="key-fingerprint"]')?.textContent.length === 12);
    const before = await fingerprint();
    await page.click('[data-testid="new-key"]');
    await page.waitForFunction((old) => {
      const now = document.querySelector('[data-testid="key-fingerprint"]')?.textContent;
      return now && now !== old && document.documentElement.dataset.reportKey === now;
    }, before, { timeout: 60_000 });
    await page.waitForFunction(() => document.querySelector('[data-testid="source"]')?.dataset.state === 'done');
    assert.deepEqual(await sources(page), [
      { format: 'claude.code_csv', state: 'done', rows: '4', skipped: '0' },
    ]);
    await page.click('[data-testid="nav-link"][data-view="history"]');
    await page.locator('[data-testid="history"] [data-metric="cohort_active_people"]').waitFor();
    assert.equal(await metricValue(page, 'cohort_active_people'), '3');

    const html = (await page.content()).toLowerCase();
    for (const email of EMAILS) assert.ok(!html.includes(email), `${email} appears in the page`);
    assert.deepEqual(net.requestsAfterLoad(), [], 'requests after load');
    assert.deepEqual(errors, [], 'console errors');
  } finally {
    await b.browser.close();
  }
});
