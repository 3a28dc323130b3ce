// Tests that need only the page shell and the built-in sample organisation.
// Run: node --test tests/browser/*.test.mjs   (after trunk build --release --offline)

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer,
  launch,
  watchNetwork,
  collectErrors,
  openPage,
  screenshot,
  waitForSources,
  metricValue,
  sources,
} from './harness.mjs';

// One server for the file, started by the first test that needs it. If dist/ is missing every
// test fails with the reason (no skipping).
let serverPromise;
const server = () => (serverPromise ??= startServer());
after(async () => {
  if (serverPromise) await (await serverPromise.catch(() => null))?.close();
});

const show = (items) => JSON.stringify(items, null, 2);

async function withBrowser(fn) {
  const b = await launch();
  try {
    return await fn(b);
  } finally {
    await b.browser.close();
  }
}

test('the page loads with no console error and no failed request', { timeout: 120_000 }, async () => {
  const srv = await server();
  const reports = srv.cspReports.length;
  await withBrowser(async ({ page, context }) => {
    const errors = collectErrors(page);
    const net = await watchNetwork(page, context, srv.origin);
    const bad = [];
    page.on('response', (r) => {
      if (r.status() >= 400) bad.push(`${r.status()} ${r.url()}`);
    });

    await openPage(page, srv.url, net);

    assert.equal(await page.locator('input[type=file][data-testid="file-input"]').count(), 1, 'file input');
    await page.waitForTimeout(300); // CSP reports are sent asynchronously
    assert.deepEqual(srv.cspReports.slice(reports), [], 'CSP violations (page and worker)');
    assert.deepEqual(errors, [], 'console errors');
    assert.deepEqual(net.failedRequests(), [], 'failed requests');
    assert.deepEqual(bad, [], 'HTTP error responses');
    assert.deepEqual(net.otherOrigins(), [], 'requests to other origins');
    assert.ok(net.all().length > 0, 'the watcher saw the page load');
  });
});

test('the Content-Security-Policy forbids other origins', { timeout: 120_000 }, async () => {
  const srv = await server();

  // The policy itself: nothing but the page's own origin anywhere.
  const policy = srv.csp;
  const directives = Object.fromEntries(
    policy
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name.toLowerCase(), values]),
  );
  assert.deepEqual(directives['default-src'], ["'none'"], `default-src in: ${policy}`);
  assert.deepEqual(directives['connect-src'], ["'self'"], `connect-src in: ${policy}`);
  for (const [name, values] of Object.entries(directives)) {
    for (const v of values) {
      assert.ok(
        /^'(self|none|wasm-unsafe-eval|sha(256|384|512)-[A-Za-z0-9+/=]+)'$/.test(v) || v === 'data:' || v === 'blob:',
        `${name} allows ${v}`,
      );
    }
  }

  await withBrowser(async ({ page, context }) => {
    const net = await watchNetwork(page, context, srv.origin);
    const responses = [];
    context.on('response', (r) => {
      if (new URL(r.url()).origin !== srv.origin) responses.push(`${r.status()} ${r.url()}`);
    });
    await openPage(page, srv.url, net);

    const result = await page.evaluate(async () => {
      const violations = [];
      document.addEventListener('securitypolicyviolation', (e) =>
        violations.push({ blockedURI: e.blockedURI, directive: e.effectiveDirective }),
      );

      let fetchOutcome;
      try {
        await fetch('https://example.com/');
        fetchOutcome = 'resolved';
      } catch (e) {
        fetchOutcome = `rejected: ${e.name}`;
      }

      const imageOutcome = await new Promise((resolve) => {
        const img = new Image();
        img.onload = () => resolve('loaded');
        img.onerror = () => resolve('error');
        setTimeout(() => resolve('timeout'), 5000);
        img.src = 'http://example.org/x.png';
      });

      const socketOutcome = await new Promise((resolve) => {
        try {
          const ws = new WebSocket('ws://example.org/');
          ws.onopen = () => resolve('open');
          ws.onerror = () => resolve('error');
          setTimeout(() => resolve('timeout'), 5000);
        } catch (e) {
          resolve(`threw: ${e.name}`);
        }
      });

      // Violation events are dispatched asynchronously.
      await new Promise((r) => setTimeout(r, 200));
      return { fetchOutcome, imageOutcome, socketOutcome, violations };
    });

    assert.match(result.fetchOutcome, /^rejected/, 'cross-origin fetch');
    assert.equal(result.imageOutcome, 'error', 'cross-origin image');
    assert.notEqual(result.socketOutcome, 'open', 'cross-origin WebSocket');
    const blocked = (host, directive) =>
      result.violations.some((v) => v.blockedURI.includes(host) && v.directive === directive);
    assert.ok(blocked('example.com', 'connect-src'), `fetch not blocked by CSP: ${show(result.violations)}`);
    assert.ok(blocked('example.org', 'img-src'), `image not blocked by CSP: ${show(result.violations)}`);
    assert.ok(blocked('example.org', 'connect-src'), `WebSocket not blocked by CSP: ${show(result.violations)}`);

    // The browser refused them before any connection: nothing from another origin answered.
    assert.deepEqual(responses, [], 'responses from other origins');
    for (const r of net.otherOrigins()) assert.match(r.url, /example\.(com|org)/, `unexpected request ${r.url}`);
  });
});

test('the sample organisation loads, with no request after load', { timeout: 180_000 }, async () => {
  const srv = await server();
  const reports = srv.cspReports.length;
  await withBrowser(async ({ page, context }) => {
    const errors = collectErrors(page);
    const net = await watchNetwork(page, context, srv.origin);
    await openPage(page, srv.url, net);
    const servedBeforeClick = srv.requests.length;
    await screenshot(page, 'shell-empty');

    await page.locator('[data-testid="load-sample"]').click();
    await waitForSources(page, 2, { timeout: 120_000 });
    await page.waitForFunction(
      () => document.querySelector('[data-metric="seats"]')?.getAttribute('data-value'),
      null,
      { timeout: 60_000 },
    );

    const list = await sources(page);
    const done = list.filter((s) => s.state === 'done');
    assert.ok(done.length >= 2, `at least 2 sources done: ${show(list)}`);

    const seats = await metricValue(page, 'seats');
    assert.match(seats ?? '', /^\d+(\.\d+)?$/, `seats data-value is a raw number: ${seats}`);
    assert.ok(Number(seats) > 0, `seats > 0: ${seats}`);

    // Let anything late (a lazily started worker, a deferred fetch) show up before judging.
    await page.waitForTimeout(1000);
    await screenshot(page, 'overview-sample');

    // A blocked attempt (in the page or a worker) shows up as a CSP report: list those first.
    assert.deepEqual(srv.cspReports.slice(reports), [], 'CSP violations (page and worker)');
    assert.deepEqual(net.requestsAfterLoad(), [], 'requests after load (page and workers)');
    assert.deepEqual(srv.requests.slice(servedBeforeClick), [], 'requests the server received after load');
    assert.deepEqual(net.otherOrigins(), [], 'requests to other origins');
    assert.deepEqual(errors, [], 'console errors');
  });
});

test('the org key is saved to a file and loaded in a fresh browser: same pseudonyms next month', { timeout: 180_000 }, async () => {
  const srv = await server();
  const fingerprintOf = (page) => page.locator('[data-testid="key-fingerprint"]').innerText();
  let keyFile;
  let original;
  await withBrowser(async ({ page, context }) => {
    const net = await watchNetwork(page, context, srv.origin);
    await openPage(page, srv.url, net);
    await page.click('[data-testid="nav-link"][data-view="settings"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="key-fingerprint"]')?.textContent.length === 12);
    original = await fingerprintOf(page);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="save-key"]')]);
    // The artifact goes when this browser closes: keep a copy for the second one.
    keyFile = (await import('node:path')).join((await import('node:os')).tmpdir(), `uptake-key-${process.pid}.txt`);
    await download.saveAs(keyFile);
    const text = (await import('node:fs')).readFileSync(keyFile, 'utf8');
    assert.match(text, new RegExp(`fingerprint ${original}`));
    assert.match(text, /^[0-9a-f]{64}$/m);
    assert.deepEqual(net.requestsAfterLoad(), [], 'requests after load');
  });
  // A fresh browser profile makes its own key…
  await withBrowser(async ({ page, context }) => {
    const net = await watchNetwork(page, context, srv.origin);
    await openPage(page, srv.url, net);
    await page.click('[data-testid="nav-link"][data-view="settings"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="key-fingerprint"]')?.textContent.length === 12);
    assert.notEqual(await fingerprintOf(page), original);
    // …until the saved one is loaded.
    await page.setInputFiles('[data-testid="key-file-input"]', keyFile);
    await page.waitForFunction((want) => document.querySelector('[data-testid="key-fingerprint"]')?.textContent === want, original);
    assert.equal(await fingerprintOf(page), original);
    // The loaded key is the one remembered in this browser from now on.
    const hex = (await import('node:fs')).readFileSync(keyFile, 'utf8').match(/^[0-9a-f]{64}$/m)[0];
    assert.equal(JSON.parse(await page.evaluate(() => localStorage.getItem('uptake.org_key'))), hex);
    assert.deepEqual(net.requestsAfterLoad(), [], 'requests after load');
  });
});
