// Hostile input in real Chromium (issue 7): labels carrying HTML and script stay text in the
// DOM, tooltips, exports and the printed report; exported CSVs neutralise formula cells; no raw
// identifier reaches the DOM, an export, a snapshot or any browser storage; every kind of
// request a page can make (fetch, XHR, WebSocket, beacon, image, font, prefetch, worker fetch)
// is refused by the policy and none reaches the network.
//
// The organisation is generated here: 18 people in three departments of 6 (above the
// group-size floor of 5, so every department is shown), two weeks of ChatGPT Users rows, and an
// HRIS roster whose department, team and title cells and whose file name are attacks.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, launch, watchNetwork, collectErrors, openPage, screenshot, waitForSources, downloadOf, openChartData,
} from './harness.mjs';

const DEPARTMENTS = [
  '<img src=x onerror="window.__xss=1">Engineering',
  '"><script>window.__xss=2</script>Sales',
  '=HYPERLINK("http://evil.example/","Finance")',
];
const TEAM = '<b onmouseover="window.__xss=3">Platform</b>';
const MODEL = '<svg onload="window.__xss=4">';
const HRIS_NAME = '<img src=y onerror="window.__xss=5">roster.csv';

const people = Array.from({ length: 18 }, (_, i) => ({
  id: `EMP-X${100 + i}`,
  name: `Person Number${i}`,
  email: `person.number${i}@hostile.example`,
  publicId: `user-Hostile${String(i).padStart(3, '0')}`,
  department: DEPARTMENTS[i % 3],
}));

const csvCell = (v) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const csvLine = (cells) => cells.map((c) => csvCell(String(c))).join(',');

function usersCsv() {
  const header = 'cadence,period_start,period_end,account_id,public_id,name,email,role,user_role,department,groups,user_status,created_or_invited_date,is_active,first_day_active_in_period,last_day_active_in_period,messages,messages_rank,model_to_messages,gpt_messages,gpts_messaged,gpt_to_messages,tool_messages,tools_messaged,tool_to_messages,project_messages,projects_messaged,project_to_messages,projects_created,last_day_active';
  const weeks = [['2026-10-04', '2026-10-10'], ['2026-10-11', '2026-10-17']];
  const lines = [header];
  for (const [start, end] of weeks) {
    people.forEach((p, i) => {
      const messages = 10 + i;
      lines.push(csvLine(['Weekly', start, end, 'acct-1', p.publicId, p.name, p.email, '', 'standard-user',
        JSON.stringify([p.department]), '', 'enabled', '2026-09-01', 1, start, end, messages, 1,
        JSON.stringify({ [MODEL]: messages }), 0, 0, '', 0, 0, '', 0, 0, '', 0, end]));
    });
  }
  return lines.join('\n') + '\n';
}

function hrisCsv() {
  const lines = ['Employee_ID,Worker,Email_-_Primary_Work,Supervisory_Organization,Team_Name,Business_Title,Worker_Status'];
  for (const p of people) {
    lines.push(csvLine([p.id, p.name, p.email, p.department, TEAM, '<iframe srcdoc="x">Engineer', 'Active']));
  }
  return lines.join('\n') + '\n';
}

const FILES = [
  { name: 'users.csv', mimeType: 'text/csv', buffer: Buffer.from(usersCsv()) },
  { name: HRIS_NAME, mimeType: 'text/csv', buffer: Buffer.from(hrisCsv()) },
];
const RAW = people.flatMap((p) => [p.email, p.name, p.publicId, p.id, p.name.split(' ')[1]]);

let serverPromise;
const server = () => (serverPromise ??= startServer());
after(async () => {
  if (serverPromise) await (await serverPromise.catch(() => null))?.close();
});

async function download(page, click) {
  const { name, bytes } = await downloadOf(page, click);
  return { name, text: bytes.toString('utf8') };
}

/** Nothing injected ran or was created; the page's DOM has no element an attack would add. */
async function assertInert(page, where) {
  const state = await page.evaluate(() => ({
    xss: window.__xss,
    injected: [...document.querySelectorAll('img[src="x"], img[src="y"], svg[onload], script:not([type]), b[onmouseover], iframe')]
      .filter((e) => !e.closest('head')).map((e) => e.outerHTML.slice(0, 80)),
  }));
  assert.equal(state.xss, undefined, `${where}: an injected script ran`);
  assert.deepEqual(state.injected, [], `${where}: injected elements`);
}

function assertNoRaw(text, where) {
  const lower = text.toLowerCase();
  for (const raw of RAW) assert.ok(!lower.includes(raw.toLowerCase()), `${where} holds ${raw}`);
}

test('labels carrying HTML and script stay text everywhere; formula cells are neutralised; no identifier anywhere', { timeout: 300_000 }, async () => {
  const srv = await server();
  const b = await launch();
  try {
    const { page, context } = b;
    const errors = collectErrors(page);
    const net = await watchNetwork(page, context, srv.origin);
    page.on('dialog', (d) => { errors.push(`dialog: ${d.message()}`); d.dismiss(); });
    await openPage(page, srv.url, net);
    await page.setInputFiles('input[type=file][data-testid="file-input"]', FILES);
    await waitForSources(page, 2);
    const states = await page.$$eval('[data-testid="source"]', (els) => els.map((e) => `${e.dataset.format}:${e.dataset.state}`));
    assert.deepEqual(states.sort(), ['chatgpt.users_csv:done', 'hris:done']);
    // The file name is shown as text.
    assert.equal(await page.locator('[data-testid="source"] .source-name', { hasText: 'roster.csv' }).textContent(), HRIS_NAME);

    const seen = [];
    for (const view of ['overview', 'departments', 'models', 'people', 'data', 'settings', 'report']) {
      await page.click(`[data-testid="nav-link"][data-view="${view}"]`);
      await page.waitForTimeout(400);
      await openChartData(page);
      await assertInert(page, view);
      seen.push(await page.evaluate(() => document.body.innerText));
      assertNoRaw(await page.content(), `the DOM of ${view}`);
    }
    // Every attack is shown, literally, somewhere.
    const all = seen.join('\n');
    for (const label of [...DEPARTMENTS, TEAM, MODEL]) assert.ok(all.includes(label), `shown as text: ${label}`);
    // Tooltips (title attributes) carry the text too, never markup.
    const titles = await page.$$eval('[title]', (els) => els.map((e) => e.getAttribute('title')));
    assert.ok(titles.includes(HRIS_NAME), 'the file name as a tooltip');

    // The departments table as CSV: every label as text, the formula one neutralised.
    await page.click('[data-testid="nav-link"][data-view="departments"]');
    await page.locator('[data-testid="departments-table"]').waitFor();
    await screenshot(page, 'hostile-departments');
    const tools = page.locator('[data-testid="table-tools"]:has(+ [data-testid="departments-table"]) [data-testid="export-csv"]');
    const csv = await download(page, () => tools.click());
    assert.ok(csv.text.includes(`"'=HYPERLINK(""http://evil.example/"",""Finance"")"`), csv.text);
    assert.ok(csv.text.includes('<img src=x onerror=""window.__xss=1"">Engineering'), csv.text);
    for (const line of csv.text.replace(/^\ufeff/, '').split('\r\n').slice(1)) {
      assert.doesNotMatch(line, /^[=+\-@\t\r]/, `formula cell: ${line}`);
    }
    assertNoRaw(csv.text, 'the departments CSV');

    // The Report, a snapshot, and every browser store.
    await page.click('[data-testid="nav-link"][data-view="overview"]');
    const report = await download(page, () => page.getByRole('button', { name: 'Export report (JSON)' }).click());
    assert.ok(JSON.parse(report.text).department_usage, 'the Report parses');
    assertNoRaw(report.text, 'the Report');
    await page.click('[data-testid="takeaway"] summary');
    const snapshot = await download(page, () => page.click('[data-testid="save-snapshot"]'));
    assertNoRaw(snapshot.text, 'the snapshot');
    const stores = await page.evaluate(async () => {
      const dump = (s) => Object.fromEntries(Object.keys(s).map((k) => [k, s.getItem(k)]));
      const dbs = indexedDB.databases ? await indexedDB.databases() : [];
      const caches = self.caches ? await self.caches.keys() : [];
      return { local: dump(localStorage), session: dump(sessionStorage), dbs, caches, cookie: document.cookie };
    });
    assertNoRaw(JSON.stringify(stores), 'browser storage');
    assert.deepEqual(stores.dbs, [], 'no IndexedDB database');
    assert.deepEqual(stores.caches, [], 'no Cache Storage');
    assert.equal(stores.cookie, '');

    // The printed report.
    await page.click('[data-testid="nav-link"][data-view="report"]');
    await page.emulateMedia({ media: 'print' });
    await assertInert(page, 'print');
    assertNoRaw(await page.content(), 'the printed report');
    await page.emulateMedia({ media: 'screen' });

    assert.deepEqual(net.requestsAfterLoad(), []);
    assert.deepEqual(errors, []);
  } finally {
    await b.browser.close();
  }
});

test('every kind of request a page can make is refused before it leaves', { timeout: 120_000 }, async () => {
  const srv = await server();
  const b = await launch();
  try {
    const { page, context } = b;
    const net = await watchNetwork(page, context, srv.origin);
    await openPage(page, srv.url, net);
    const result = await page.evaluate(async () => {
      const violations = [];
      document.addEventListener('securitypolicyviolation', (e) =>
        violations.push(`${e.effectiveDirective} ${e.blockedURI}`));
      const wait = (ms) => new Promise((r) => setTimeout(r, ms));
      const outcome = {};
      try {
        const xhr = new XMLHttpRequest();
        xhr.open('GET', 'https://xhr.example/');
        outcome.xhr = await new Promise((resolve) => {
          xhr.onload = () => resolve('loaded');
          xhr.onerror = () => resolve('error');
          xhr.send();
        });
      } catch (e) { outcome.xhr = `threw ${e.name}`; }
      try { outcome.beacon = String(navigator.sendBeacon('https://beacon.example/', 'x')); }
      catch (e) { outcome.beacon = `threw ${e.name}`; }
      try {
        const font = new FontFace('Evil', 'url(https://font.example/f.woff2)');
        await font.load();
        outcome.font = 'loaded';
      } catch (e) { outcome.font = `failed ${e.name}`; }
      const link = document.createElement('link');
      link.rel = 'prefetch';
      link.href = 'https://prefetch.example/next';
      document.head.append(link);
      // A worker the page starts is governed by the same policy (it comes from a blob: URL).
      outcome.worker = await new Promise((resolve) => {
        try {
          const src = "fetch('https://worker.example/').then(() => postMessage('fetched'), () => postMessage('blocked'))";
          const w = new Worker(URL.createObjectURL(new Blob([src], { type: 'text/javascript' })));
          w.onmessage = (e) => resolve(e.data);
          w.onerror = () => resolve('worker refused');
          setTimeout(() => resolve('timeout'), 5000);
        } catch (e) { resolve(`threw ${e.name}`); }
      });
      await wait(500);
      return { outcome, violations };
    });
    assert.equal(result.outcome.xhr, 'error', 'XHR');
    assert.match(result.outcome.font, /^failed/, 'font');
    assert.notEqual(result.outcome.worker, 'fetched', 'worker fetch');
    const blocked = (host) => result.violations.some((v) => v.includes(host));
    for (const host of ['xhr.example', 'beacon.example', 'font.example', 'prefetch.example']) {
      assert.ok(blocked(host), `${host} blocked by the policy: ${result.violations.join(' | ')}`);
    }
    // Nothing reached another origin at the protocol level (CDP and playwright both watched).
    const escaped = net.all().filter((r) => !r.sameOrigin && r.afterLoad && !/\.example\//.test(r.url));
    assert.deepEqual(escaped, []);
    for (const f of net.failedRequests().filter((f) => f.afterLoad && f.url)) {
      assert.match(f.url, /\.example\//, `only the attempts above failed: ${f.url}`);
    }
  } finally {
    await b.browser.close();
  }
});
