// The one-file Uptake (dist/uptake.html, written by scripts/one_file.py) opened from disk:
// copied alone into an empty folder and opened as file://, it reads exports, computes the same
// figures as the hosted page, makes no request at all, and its policy refuses every
// connection. Its "Export standalone report" writes the same file with a snapshot inside,
// which a fresh browser (another org key, nothing installed) opens from disk on the figures.
// Figures: tests/overview_metrics.rs (5 seats, activation 4/5 = 0.8, WAU 3, MAU 4, 3/4 = 0.75).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import {
  REPO_ROOT, distDir, launch, collectErrors, screenshot, uploadFiles, waitForSources, metricValue,
  overviewFigures,
} from './harness.mjs';

const fixture = (name) => path.join(REPO_ROOT, 'tests', 'fixtures', name);
const FILES = [fixture('chatgpt_users_weekly.csv'), fixture('hris_workday.csv')];
const DIR = path.join(REPO_ROOT, 'target', 'tmp', 'one-file');

/** uptake.html alone in an empty folder: nothing beside it to load. */
function standaloneCopy() {
  rmSync(DIR, { recursive: true, force: true });
  mkdirSync(DIR, { recursive: true });
  const target = path.join(DIR, 'uptake.html');
  copyFileSync(path.join(distDir(), 'uptake.html'), target);
  return target;
}

/** Every request the page or its workers start, whatever the scheme (blob: and data: aside). */
function recordRequests(context) {
  const seen = [];
  context.on('request', (r) => {
    if (!/^(blob|data):/i.test(r.url())) seen.push(r.url());
  });
  return seen;
}

async function open(page, file) {
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  await page.locator('[data-testid="load-sample"]').waitFor({ timeout: 60_000 });
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true', null, { timeout: 60_000 });
}

test('uptake.html opened from disk: same figures, no request, no connection allowed', { timeout: 240_000 }, async () => {
  const file = standaloneCopy();
  const html = readFileSync(file, 'utf8');
  assert.match(html, /connect-src 'none'/);
  assert.doesNotMatch(html, /<(script|link|img)\b[^>]*\b(src|href)="(?!data:)/i, 'no external script, style or image');

  const b = await launch();
  try {
    const { page, context } = b;
    const errors = collectErrors(page);
    const requests = recordRequests(context);
    await open(page, file);
    const atLoad = requests.length;
    assert.deepEqual(requests, [pathToFileURL(file).href], 'only the file itself is read');

    await uploadFiles(page, FILES);
    await waitForSources(page, 2);
    assert.equal(await metricValue(page, 'seats'), '5');
    assert.equal(await metricValue(page, 'activation_rate'), '0.8');
    assert.equal(await metricValue(page, 'weekly_active_users'), '3');
    assert.equal(await metricValue(page, 'monthly_active_users'), '4');
    assert.equal(await metricValue(page, 'stickiness'), '0.75');
    await screenshot(page, 'one-file-fixtures');

    // A deliberate connection from the page is refused by its policy: to a web origin and to
    // the file's own folder alike.
    const attempts = await page.evaluate(async (sibling) => {
      const outcome = async (url) => {
        try { await fetch(url); return 'allowed'; } catch { return 'blocked'; }
      };
      return [await outcome('http://127.0.0.1:9/x'), await outcome(sibling)];
    }, pathToFileURL(path.join(DIR, 'nothing.json')).href);
    assert.deepEqual(attempts, ['blocked', 'blocked']);

    // The sample organisation runs in the worker, from the inlined wasm.
    await page.click('[data-testid="load-sample"]');
    await waitForSources(page, 10, { timeout: 120_000 });
    const states = await page.$$eval('[data-testid="source"]', (els) => els.map((e) => e.dataset.state));
    assert.ok(states.every((s) => s === 'done'), states.join());
    assert.deepEqual(requests.slice(atLoad).filter((u) => !u.startsWith('http://127.0.0.1:9')), [],
      'no request after load');
    assert.deepEqual(errors.filter((e) => !/127\.0\.0\.1:9|nothing\.json|Content Security Policy|Failed to fetch/.test(e)), []);
  } finally {
    await b.browser.close();
  }
});

test('a standalone report opens its snapshot from disk in a fresh browser', { timeout: 300_000 }, async () => {
  const file = standaloneCopy();
  const out = path.join(DIR, 'reports');
  mkdirSync(out, { recursive: true });
  let before;
  let plainReport;
  let sealedReport;
  const b = await launch();
  try {
    const { page } = b;
    const errors = collectErrors(page);
    await open(page, file);
    await uploadFiles(page, FILES);
    await waitForSources(page, 2);
    before = await overviewFigures(page);
    assert.equal(before.seats, '5');

    await page.click('[data-testid="takeaway"] summary');
    const save = async (passphrase) => {
      await page.fill('[data-testid="snapshot-passphrase"]', passphrase);
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.click('[data-testid="export-standalone"]'),
      ]);
      assert.match(download.suggestedFilename(), /^uptake-report-\d{4}-\d{2}-\d{2}\.html$/);
      const target = path.join(out, `${passphrase ? 'sealed' : 'plain'}.html`);
      await download.saveAs(target);
      return target;
    };
    plainReport = await save('');
    sealedReport = await save('open sesame');
    const text = readFileSync(plainReport, 'utf8');
    assert.match(text, /id="uptake-embedded"/);
    assert.equal(text.match(/id="uptake-embedded"/g).length, 1, 'one snapshot inside');
    for (const raw of ['ada@example.com', 'bo@example.com', 'Ada Lovelace', 'user-Ada001']) {
      assert.ok(!text.toLowerCase().includes(raw.toLowerCase()), `no raw ${raw} in the report`);
    }
    assert.deepEqual(errors, []);
  } finally {
    await b.browser.close();
  }

  // A fresh browser profile: another org key, nothing loaded, nothing installed.
  const fresh = await launch();
  try {
    const { page, context } = fresh;
    const errors = collectErrors(page);
    const requests = recordRequests(context);
    await open(page, plainReport);
    await waitForSources(page, 1);
    const row = page.locator('[data-testid="source"]');
    assert.equal(await row.getAttribute('data-format'), 'uptake.snapshot');
    assert.equal(await row.getAttribute('data-state'), 'done');
    assert.deepEqual(await overviewFigures(page), before);
    await screenshot(page, 'one-file-standalone-report');

    // Re-exported from the report itself: still one snapshot inside, the same figures.
    await page.click('[data-testid="takeaway"] summary');
    const [again] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-testid="export-standalone"]'),
    ]);
    const againPath = path.join(out, 'again.html');
    await again.saveAs(againPath);
    assert.equal(readFileSync(againPath, 'utf8').match(/id="uptake-embedded"/g).length, 1);
    assert.deepEqual(requests.filter((u) => !u.startsWith('file:')), []);
    assert.deepEqual(errors, []);

    // The sealed one asks for its passphrase first.
    await open(page, sealedReport);
    await page.locator('[data-testid="unlock-passphrase"]').waitFor({ timeout: 60_000 });
    await page.fill('[data-testid="unlock-passphrase"]', 'open sesame');
    await page.click('[data-testid="unlock-submit"]');
    await page.locator('[data-testid="source"][data-state="done"]').waitFor({ timeout: 60_000 });
    assert.deepEqual(await overviewFigures(page), before);
    writeFileSync(path.join(out, 'requests.json'), JSON.stringify(requests, null, 2));
    assert.deepEqual(requests.filter((u) => !u.startsWith('file:')), [], 'only file: reads');
  } finally {
    await fresh.browser.close();
  }
});
