// Shared helpers for Uptake's browser tests (node:test + playwright-core + Debian Chromium).
//
// The tests drive the built page (`dist/`, or the folder named by $UPTAKE_DIST) through the
// stable attributes of DESIGN.md's "page's contract with its tests", never through layout.
// Nothing here downloads a browser: Chromium is /usr/bin/chromium (or $UPTAKE_CHROMIUM).

import { createServer } from 'node:http';
import { mkdir, readFile, stat } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The folder the tests serve: $UPTAKE_DIST, or `<repo>/dist`. */
export function distDir() {
  return path.resolve(process.env.UPTAKE_DIST || path.join(REPO_ROOT, 'dist'));
}

const REPORT_PATH = '/__uptake_csp_report';

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.ndjson': 'application/x-ndjson',
  '.jsonl': 'application/x-ndjson',
  '.map': 'application/json',
  '.woff2': 'font/woff2',
  '.webmanifest': 'application/manifest+json',
};

/**
 * The Content-Security-Policy of a built index.html's `<meta http-equiv>` tag.
 * Throws if there is none, or if the post_build hook did not replace its placeholder.
 */
export function cspFromIndexHtml(html) {
  const meta = html.match(/<meta\b[^>]*http-equiv\s*=\s*["']?content-security-policy["']?[^>]*>/is);
  if (!meta) throw new Error('index.html has no <meta http-equiv="Content-Security-Policy"> tag');
  const content = meta[0].match(/\bcontent\s*=\s*(?:"([^"]*)"|'([^']*)')/is);
  if (!content) throw new Error('the Content-Security-Policy meta tag has no content attribute');
  const policy = (content[1] ?? content[2]).replace(/\s+/g, ' ').trim();
  if (policy.includes('CSP_SCRIPT_HASHES')) {
    throw new Error('CSP still contains CSP_SCRIPT_HASHES: the post_build hook (scripts/csp_hash.py) did not run');
  }
  return policy;
}

/**
 * Serves the built page on 127.0.0.1 at a free port, sending the page's own CSP as an HTTP
 * header on every response (so a worker loaded from its own URL gets the policy too).
 * Fails if the build is missing: tests must fail, not skip, without a build.
 *
 * With `reportViolations` (default), the header policy also carries `report-uri` pointing back
 * at this server: a blocked attempt anywhere, including inside a worker (where no playwright
 * event reveals it), is POSTed here and listed in `cspReports`. The meta tag is untouched.
 *
 * Returns `{url, origin, dir, csp, requests, cspReports, close}`; `requests` logs every other
 * request the server received (`{method, url, time}`), an independent check that nothing was
 * fetched after load.
 */
export async function startServer({ dir = distDir(), reportViolations = true } = {}) {
  const indexPath = path.join(dir, 'index.html');
  if (!existsSync(indexPath)) {
    throw new Error(
      `${indexPath} does not exist: build the page first (trunk build --release --offline, ` +
        'or scripts/test.sh), or point UPTAKE_DIST at a built folder',
    );
  }
  const csp = cspFromIndexHtml(readFileSync(indexPath, 'utf8'));
  const root = path.resolve(dir);
  const requests = [];
  const cspReports = [];
  const headerCsp = reportViolations ? `${csp}; report-uri ${REPORT_PATH}` : csp;

  const server = createServer(async (req, res) => {
    if (req.method === 'POST' && req.url === REPORT_PATH) {
      const chunks = [];
      for await (const c of req) chunks.push(c);
      let report = Buffer.concat(chunks).toString('utf8');
      try {
        report = JSON.parse(report)['csp-report'] ?? JSON.parse(report);
      } catch {}
      cspReports.push(report);
      res.writeHead(204).end();
      return;
    }
    requests.push({ method: req.method, url: req.url, time: Date.now() });
    const headers = {
      'Content-Security-Policy': headerCsp,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
      'Referrer-Policy': 'no-referrer',
    };
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { ...headers, Allow: 'GET, HEAD' }).end();
        return;
      }
      let rel = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
      let file = path.resolve(root, '.' + rel);
      if (file !== root && !file.startsWith(root + path.sep)) {
        res.writeHead(403, headers).end();
        return;
      }
      let info = await stat(file).catch(() => null);
      if (info?.isDirectory()) {
        file = path.join(file, 'index.html');
        info = await stat(file).catch(() => null);
      }
      if (!info?.isFile()) {
        res.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }).end('not found\n');
        return;
      }
      const body = await readFile(file);
      const type = MIME[path.extname(file).toLowerCase()] || 'application/octet-stream';
      res.writeHead(200, { ...headers, 'Content-Type': type, 'Content-Length': body.length });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (err) {
      res.writeHead(500, headers).end(String(err));
    }
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/`,
    origin,
    dir: root,
    csp,
    requests,
    cspReports,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Launches headless Debian Chromium with a fresh profile and context (viewport 1440×900),
 * with `args` after the usual flags. Returns `{browser, context, page}`; close with
 * `browser.close()`.
 */
export async function launch({ viewport = { width: 1440, height: 900 }, args = [] } = {}) {
  const browser = await chromium.launch({
    executablePath: process.env.UPTAKE_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: [...CHROMIUM_ARGS, ...args],
  });
  const context = await browser.newContext({ viewport, bypassCSP: false, acceptDownloads: true });
  const page = await context.newPage();
  return { browser, context, page };
}

const ignoredScheme = (url) => /^(blob|data|about|chrome-error|devtools):/i.test(url);

/**
 * Records every network request of the page and its workers: playwright's context-level
 * `request` events (which include dedicated-worker and service-worker traffic), a CDP session
 * on the page (`Network.requestWillBeSent`, which also reports requests the CSP blocked),
 * WebSockets, and failed requests. `blob:` and `data:` URLs are not requests and are ignored.
 *
 * `await watchNetwork(...)`, then call `markLoaded()` once the page has finished loading;
 * `requestsAfterLoad()` lists everything attempted after that (same origin included).
 *
 * A fetch that a worker's own CSP blocks raises no playwright or page-CDP event; with
 * `startServer()`'s default `reportViolations` it still shows up, as a POST of a CSP report
 * (`cspReport: true`) to the test server, listed in `server.cspReports`.
 */
export async function watchNetwork(page, context, origin) {
  const all = [];
  const failed = [];
  const workers = [];
  const inFlight = new Set();
  let lastActivity = Date.now();
  let loaded = false;

  const record = (via, url, extra = {}) => {
    if (ignoredScheme(url)) return;
    let sameOrigin = false;
    let cspReport = false;
    try {
      const u = new URL(url);
      sameOrigin = u.origin === origin;
      cspReport = sameOrigin && u.pathname === REPORT_PATH;
    } catch {}
    all.push({ via, url, sameOrigin, afterLoad: loaded, time: Date.now(), ...extra, ...(cspReport && { cspReport }) });
  };

  context.on('request', (r) => {
    lastActivity = Date.now();
    if (!ignoredScheme(r.url())) inFlight.add(r);
    record('request', r.url(), { method: r.method(), resourceType: r.resourceType() });
  });
  context.on('requestfinished', (r) => {
    lastActivity = Date.now();
    inFlight.delete(r);
  });
  context.on('requestfailed', (r) => {
    lastActivity = Date.now();
    inFlight.delete(r);
    if (ignoredScheme(r.url())) return;
    failed.push({ url: r.url(), error: r.failure()?.errorText, afterLoad: loaded });
  });
  page.on('websocket', (ws) => record('websocket', ws.url()));
  page.on('worker', (w) => workers.push(w.url()));
  context.on('serviceworker', (sw) => record('serviceworker', sw.url()));
  page.on('popup', (p) => record('popup', p.url()));

  const cdp = await context.newCDPSession(page);
  cdp.on('Network.requestWillBeSent', (e) =>
    record('cdp', e.request.url, { method: e.request.method, resourceType: e.type }),
  );
  cdp.on('Network.webSocketCreated', (e) => record('cdp-websocket', e.url));
  cdp.on('Network.loadingFailed', (e) => {
    if (e.blockedReason || e.corsErrorStatus) {
      failed.push({ via: 'cdp', requestId: e.requestId, error: e.errorText, blockedReason: e.blockedReason, afterLoad: loaded });
    }
  });
  await cdp.send('Network.enable');

  return {
    /**
     * Resolves once no request (page or worker) is in flight and none started or ended for
     * `quietMs`. Unlike playwright's `networkidle`, this counts the workers' requests too.
     */
    async settle({ quietMs = 500, timeout = 60_000 } = {}) {
      const deadline = Date.now() + timeout;
      while (inFlight.size > 0 || Date.now() - lastActivity < quietMs) {
        if (Date.now() > deadline) {
          throw new Error(`network did not settle; in flight: ${[...inFlight].map((r) => r.url()).join(', ')}`);
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    /** Mark the end of loading: later requests count as "after load". */
    markLoaded() {
      loaded = true;
    },
    /** Every request seen (each event source listed separately, see `via`). */
    all: () => [...all],
    /** Requests attempted after `markLoaded()`: any URL, same origin included. */
    requestsAfterLoad: () => all.filter((r) => r.afterLoad),
    /** Requests to any origin other than the page's. */
    otherOrigins: () => all.filter((r) => !r.sameOrigin),
    /** Failed requests (network errors, CSP or other blocks). */
    failedRequests: () => [...failed],
    /** URLs of the dedicated workers the page started. */
    workers: () => [...workers],
  };
}

/** Collects console errors and uncaught page errors as strings (live array). */
export function collectErrors(page) {
  const errors = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console.error: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.stack || e.message || e}`));
  page.on('crash', () => errors.push('page crashed'));
  return errors;
}

/**
 * Opens the page and waits until it has finished loading: the `load` event, the app mounted
 * (`[data-testid="load-sample"]` visible) and no network activity for 500 ms, workers included
 * (so the worker's script and wasm are in). Then calls `net.markLoaded()` if a watcher is given.
 * A worker the page starts only later (on a click, on a file) loads after this point, and so
 * counts as a request after load.
 */
export async function openPage(page, url, net, { timeout = 60_000 } = {}) {
  const errors = collectErrors(page); // only to explain a failure to load
  try {
    await page.goto(url, { waitUntil: 'load', timeout });
    await page.locator('[data-testid="load-sample"]').waitFor({ state: 'visible', timeout });
    await page.waitForLoadState('networkidle', { timeout });
    await net?.settle({ timeout });
  } catch (err) {
    err.message += `\nwhile opening ${url}; errors in the page so far:\n  ${errors.join('\n  ') || '(none)'}`;
    throw err;
  }
  net?.markLoaded();
}

/** Full-page screenshot to `target/screenshots/<name>.png`; returns the path. */
export async function screenshot(page, name) {
  const dir = path.join(REPO_ROOT, 'target', 'screenshots');
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Puts files into the page's file input (the way a user picking them would). */
export async function uploadFiles(page, paths) {
  await page.setInputFiles('input[type=file][data-testid="file-input"]', paths);
}

/** Waits until at least `n` sources are listed and none of them is still reading. */
export async function waitForSources(page, n, { timeout = 60_000 } = {}) {
  try {
    await page.waitForFunction(
      (n) => {
        const els = document.querySelectorAll('[data-testid="source"]');
        return els.length >= n && [...els].every((e) => e.getAttribute('data-state') !== 'reading');
      },
      n,
      { timeout },
    );
  } catch (err) {
    const now = await sources(page).catch(() => 'unavailable');
    err.message += `\nwaiting for ${n} finished sources; sources now: ${JSON.stringify(now)}`;
    throw err;
  }
}

/** The raw `data-value` of `[data-metric="<id>"]` (null if the element does not exist). */
export async function metricValue(page, id) {
  const el = page.locator(`[data-metric="${id}"]`).first();
  if ((await el.count()) === 0) return null;
  return el.getAttribute('data-value');
}

/** `data-*` attributes of every `[data-testid="source"]`, in page order. */
export async function sources(page) {
  return page.$$eval('[data-testid="source"]', (els) =>
    els.map((e) => ({
      format: e.getAttribute('data-format'),
      state: e.getAttribute('data-state'),
      rows: e.getAttribute('data-rows'),
      skipped: e.getAttribute('data-skipped'),
    })),
  );
}

/** Clicks and waits for the download it starts: `{name, bytes}` (bytes a Buffer). */
export async function downloadOf(page, click) {
  const { readFileSync } = await import('node:fs');
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: file.suggestedFilename(), bytes: readFileSync(await file.path()) };
}

/** Every headline figure on the Overview, as `{id: raw data-value}`. */
export async function overviewFigures(page) {
  await page.click('[data-testid="nav-link"][data-view="overview"]');
  await page.locator('[data-testid="overview"] [data-metric="seats"]').waitFor();
  return page.$$eval('[data-testid="overview"] [data-metric]', (els) =>
    Object.fromEntries(els.map((e) => [e.dataset.metric, e.dataset.value])));
}

/**
 * Opens every closed "Chart data" table (`details.chart-data`; the page builds one the first
 * time it is opened) and waits until all are built, so a scan of the page covers them.
 */
export async function openChartData(page) {
  await page.$$eval('details.chart-data:not([open])', (ds) => ds.forEach((d) => { d.open = true; }));
  await page.waitForFunction(
    () => [...document.querySelectorAll('details.chart-data')].every((d) => d.dataset.built === 'true'),
    null,
    { timeout: 10_000 },
  );
}
