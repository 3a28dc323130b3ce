// What people take away, end to end in Chromium: a table as CSV and JSON (numbers as numbers,
// formulas neutralised), a chart as PNG at twice its CSS size, snapshots (plain and sealed with
// a passphrase) that load back to the same figures, refusal under another org key, and the
// print-ready report printed to PDF (pages turned into PNG with pdftoppm and checked).
// Figures: the hand-worked fixtures of tests/cost_metrics.rs (5 ChatGPT seats × $30, 7 Copilot
// seats × $19, of which 2 unused).

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readFileSync, mkdirSync, writeFileSync, readdirSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { webcrypto } from 'node:crypto';
import {
  REPO_ROOT, startServer, launch, watchNetwork, collectErrors, openPage, screenshot,
  uploadFiles, waitForSources, metricValue, downloadOf, overviewFigures,
} from './harness.mjs';

const fixture = (name) => path.join(REPO_ROOT, 'tests', 'fixtures', name);
const FILES = [
  fixture('chatgpt_users_weekly.csv'),
  fixture('cost/hris_logins.csv'),
  fixture('cost/copilot_seats.json'),
  fixture('cost/github_billing.csv'),
];
const OUT = path.join(REPO_ROOT, 'target', 'screenshots');

let serverPromise;
const server = () => (serverPromise ??= startServer());
after(async () => {
  if (serverPromise) await (await serverPromise.catch(() => null))?.close();
});

const download = downloadOf;

/** Removes every loaded file (as a user would) and waits for the empty list. */
async function clearSources(page) {
  const all = page.getByRole('button', { name: 'Remove all files' });
  if (await all.count()) await all.click();
  else await page.locator('[data-testid="source"] button.icon').first().click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="source"]').length === 0);
}

/** RFC 4180 CSV into rows of strings. */
function parseCsv(text) {
  const rows = [];
  let row = [''], quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { row[row.length - 1] += '"'; i++; }
      else if (c === '"') quoted = false;
      else row[row.length - 1] += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push('');
    else if (c === '\r' && text[i + 1] === '\n') { rows.push(row); row = ['']; i++; }
    else row[row.length - 1] += c;
  }
  return rows;
}

test('tables download as CSV and JSON, charts as PNG at 2×', { timeout: 240_000 }, async () => {
  const srv = await server();
  const b = await launch();
  try {
    const { page, context } = b;
    const errors = collectErrors(page);
    const net = await watchNetwork(page, context, srv.origin);
    await openPage(page, srv.url, net);
    // A file whose name a spreadsheet would run as a formula (its content is not an export).
    await page.setInputFiles('input[type=file][data-testid="file-input"]', [
      ...FILES.map((f) => ({ name: path.basename(f), mimeType: 'text/plain', buffer: readFileSync(f) })),
      { name: '=HYPERLINK("x").csv', mimeType: 'text/csv', buffer: Buffer.from('a,b\n1,2\n') },
    ]);
    await waitForSources(page, 5);

    await page.click('[data-testid="nav-link"][data-view="licences"]');
    await page.locator('[data-testid="licence-tools"]').waitFor();
    const tools = page.locator('[data-testid="table-tools"]:has(+ [data-testid="licence-tools"])');
    const csv = await download(page, () => tools.locator('[data-testid="export-csv"]').click());
    assert.match(csv.name, /^uptake-licences-cost.*\.csv$/);
    const text = csv.bytes.toString('utf8');
    assert.ok(text.startsWith('\ufeff'), 'a byte-order mark for spreadsheets');
    const rows = parseCsv(text.slice(1));
    assert.deepEqual(rows[0], ['Tool', 'Seats', 'Weekly active', 'Active share (%)', 'Unused',
      'Price / seat (USD)', 'Monthly cost (USD)', 'Unused cost (USD)']);
    const copilot = rows.find((r) => r[0] === 'GitHub Copilot');
    // 7 seats at $19 = $133 a month; 2 unused (gus, hal) = $38.
    assert.deepEqual([copilot[1], copilot[4], copilot[5], copilot[6], copilot[7]], ['7', '2', '19', '133', '38']);
    const chatgpt = rows.find((r) => r[0] === 'ChatGPT');
    assert.deepEqual([chatgpt[1], chatgpt[5], chatgpt[6]], ['5', '30', '150']);

    const json = await download(page, () => tools.locator('[data-testid="export-json"]').click());
    const table = JSON.parse(json.bytes.toString('utf8'));
    const row = table.rows.find((r) => r.Tool === 'GitHub Copilot');
    assert.equal(row.Seats, 7);
    assert.equal(row['Monthly cost (USD)'], 133);

    // The Data view lists the oddly named file: exported neutralised, as text.
    await page.click('[data-testid="nav-link"][data-view="data"]');
    await page.locator('[data-testid="data-view"] table').waitFor();
    const data = await download(page, () => page.locator('[data-testid="data-view"] [data-testid="export-csv"]').click());
    const dataRows = parseCsv(data.bytes.toString('utf8').slice(1));
    const odd = dataRows.find((r) => r[0].includes('HYPERLINK'));
    assert.ok(odd[0].startsWith("'="), `neutralised: ${odd[0]}`);

    // A chart as PNG: twice the canvas's CSS width, title and legend above the plot.
    await page.click('[data-testid="nav-link"][data-view="credits"]');
    const figure = page.locator('figure.chart').first();
    await figure.waitFor();
    const cssWidth = await figure.locator('canvas').evaluate((c) => c.clientWidth);
    const png = await download(page, () => figure.locator('[data-testid="export-png"]').click());
    assert.match(png.name, /^uptake-.*\.png$/);
    assert.deepEqual([...png.bytes.subarray(1, 4)].map((c) => String.fromCharCode(c)).join(''), 'PNG');
    assert.equal(png.bytes.readUInt32BE(16), cssWidth * 2);
    mkdirSync(OUT, { recursive: true });
    writeFileSync(path.join(OUT, 'takeaway-chart.png'), png.bytes);

    assert.deepEqual(net.requestsAfterLoad(), []);
    assert.deepEqual(errors, []);
  } finally {
    await b.browser.close();
  }
});

/** Opens a sealed snapshot as any tool with PBKDF2 and AES-GCM would (here Node's Web Crypto). */
async function openSealed(bytes, passphrase) {
  const end = bytes.indexOf(0x0a);
  const header = JSON.parse(bytes.subarray(0, end).toString('utf8'));
  const hex = (h) => Uint8Array.from(h.match(/../g).map((x) => parseInt(x, 16)));
  const base = await webcrypto.subtle.importKey('raw', Buffer.from(passphrase), 'PBKDF2', false, ['deriveKey']);
  const key = await webcrypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt: hex(header.salt), iterations: header.iterations },
    base, { name: 'AES-GCM', length: 256 }, false, ['decrypt']);
  const plain = await webcrypto.subtle.decrypt(
    { name: 'AES-GCM', iv: hex(header.iv), additionalData: bytes.subarray(0, end + 1) },
    key, bytes.subarray(end + 1));
  return { header, plain: Buffer.from(plain) };
}

test('snapshots: saved, sealed, loaded back to the same figures, refused under another key', { timeout: 300_000 }, async () => {
  const srv = await server();
  const b = await launch();
  try {
    const { page, context } = b;
    const errors = collectErrors(page);
    const net = await watchNetwork(page, context, srv.origin);
    await openPage(page, srv.url, net);
    await uploadFiles(page, FILES);
    await waitForSources(page, 4);
    const before = await overviewFigures(page);
    assert.equal(before.seats_all_tools ?? before.seats, before.seats);

    await page.click('[data-testid="takeaway"] summary');
    const plain = await download(page, () => page.click('[data-testid="save-snapshot"]'));
    assert.match(plain.name, /^uptake-\d{4}-\d{2}-\d{2}\.snapshot$/);
    const snapshot = plain.bytes.toString('utf8');
    assert.ok(snapshot.startsWith('{"format":"uptake.snapshot","version":1,'));
    assert.ok(!snapshot.includes('@'), 'no email address in a snapshot');

    await page.fill('[data-testid="snapshot-passphrase"]', 'correct horse battery');
    const sealed = await download(page, () => page.click('[data-testid="save-snapshot"]'));
    const opened = await openSealed(sealed.bytes, 'correct horse battery');
    assert.equal(opened.header.cipher, 'AES-256-GCM');
    assert.equal(opened.header.iterations, 600000);
    assert.ok(opened.plain.toString('utf8').startsWith('{"format":"uptake.snapshot"'));

    const dir = path.join(REPO_ROOT, 'target', 'tmp', 'snapshots');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const plainPath = path.join(dir, 'plain.snapshot');
    const sealedPath = path.join(dir, 'sealed.snapshot');
    writeFileSync(plainPath, plain.bytes);
    writeFileSync(sealedPath, sealed.bytes);

    // Same browser (same org key): remove everything, load the snapshot alone.
    await clearSources(page);
    await uploadFiles(page, [plainPath]);
    await waitForSources(page, 1);
    assert.equal(await page.getAttribute('[data-testid="source"]', 'data-format'), 'uptake.snapshot');
    assert.equal(await page.getAttribute('[data-testid="source"]', 'data-state'), 'done');
    assert.deepEqual(await overviewFigures(page), before);

    // The sealed one, with a wrong passphrase then the right one.
    await clearSources(page);
    await uploadFiles(page, [sealedPath]);
    await waitForSources(page, 1);
    await page.locator('[data-testid="unlock-passphrase"]').waitFor();
    await page.fill('[data-testid="unlock-passphrase"]', 'wrong');
    await page.click('[data-testid="unlock-submit"]');
    await page.locator('[data-testid="source"] .error', { hasText: 'does not open' }).waitFor({ timeout: 60_000 });
    await page.fill('[data-testid="unlock-passphrase"]', 'correct horse battery');
    await page.click('[data-testid="unlock-submit"]');
    await page.locator('[data-testid="source"][data-state="done"]').waitFor({ timeout: 60_000 });
    assert.deepEqual(await overviewFigures(page), before);
    assert.deepEqual(net.requestsAfterLoad(), []);
    assert.deepEqual(errors, []);

    // Another browser profile has another org key: the snapshot is refused, clearly.
    const other = await launch();
    try {
      await openPage(other.page, srv.url);
      await uploadFiles(other.page, [plainPath]);
      await waitForSources(other.page, 1);
      assert.equal(await other.page.getAttribute('[data-testid="source"]', 'data-state'), 'error');
      const message = await other.page.locator('[data-testid="source"] .error').textContent();
      assert.match(message, /another org key/);
      assert.match(message, /org key file/);
    } finally {
      await other.browser.close();
    }
  } finally {
    await b.browser.close();
  }
});

test('the print-ready report: cover, one view per page, definitions, data protection', { timeout: 300_000 }, async () => {
  const srv = await server();
  const b = await launch();
  try {
    const { page, context } = b;
    const errors = collectErrors(page);
    const net = await watchNetwork(page, context, srv.origin);
    await openPage(page, srv.url, net);
    await page.click('[data-testid="load-sample"]');
    await waitForSources(page, 13, { timeout: 120_000 });
    await page.click('[data-testid="print-report"]');
    await page.locator('[data-testid="print-report-view"]').waitFor();
    assert.match(page.url(), /#report/);
    await page.fill('[data-testid="organisation-name"]', 'Northwind Trading');
    await page.press('[data-testid="organisation-name"]', 'Tab');
    await page.locator('[data-testid="report-cover"] h1', { hasText: 'Northwind Trading' }).waitFor();
    const pages = await page.$$eval('[data-testid="report-page"]', (els) => els.map((e) => e.dataset.view));
    assert.equal(pages[0], 'overview');
    assert.ok(pages.includes('codex') && pages.includes('copilot') && pages.includes('licences'), pages.join());
    const protection = await page.locator('[data-testid="report-protection"]').textContent();
    assert.match(protection, /HMAC-SHA256/);
    assert.match(protection, /fewer than 5 people/);
    assert.match(protection, /GitHub Copilot seat assignments/);
    await screenshot(page, 'report-screen');

    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4', landscape: true, printBackground: true, preferCSSPageSize: true });
    const dir = path.join(OUT, 'report-pdf');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const pdfPath = path.join(dir, 'report.pdf');
    writeFileSync(pdfPath, pdf);
    execFileSync('pdftoppm', ['-r', '40', '-png', pdfPath, path.join(dir, 'page')]);
    const pngs = readdirSync(dir).filter((f) => f.endsWith('.png'));
    // Cover + every printed view + definitions + data protection, at least one page each.
    assert.ok(pngs.length >= pages.length + 3, `${pngs.length} pages for ${pages.length} views`);
    // No empty page: every page has text.
    for (let i = 1; i <= pngs.length; i++) {
      const words = execFileSync('pdftotext', ['-f', String(i), '-l', String(i), pdfPath, '-']).toString().trim();
      assert.ok(words.length > 20, `page ${i} of ${pngs.length} is (nearly) empty: ${JSON.stringify(words)}`);
    }
    const first = execFileSync('pdftotext', ['-f', '1', '-l', '1', pdfPath, '-']).toString();
    assert.match(first, /Northwind Trading/);
    assert.deepEqual(net.requestsAfterLoad(), []);
    assert.deepEqual(errors, []);
  } finally {
    await b.browser.close();
  }
});
