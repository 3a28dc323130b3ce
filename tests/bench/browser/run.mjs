// The browser benchmark (issue 6): Uptake and DuckDB-WASM on the same generated files, in the
// same headless Chromium, end to end; the bare File-reading ceiling beside them; native DuckDB
// for the JSON files (DuckDB-WASM cannot read JSON offline). Writes target/bench/browser.md and
// browser.json. Figures, not assertions: run it by hand (scripts/bench.sh), never in CI.
//
//   node tests/bench/browser/run.mjs --data target/bench/data [--runs 3]
//
// The folder must hold the generator's files (scripts/bench.sh makes them): a ChatGPT Users
// CSV (*users*.csv), its HRIS roster (*hris*.csv), a Copilot usage NDJSON (*.ndjson) and a
// compliance log (*.jsonl). Timing, in the page, runs from the file input's `change` event to
// the moment every file's row has its Report (Uptake), or from the call to the query result
// (DuckDB, files registered inside the timing). "Warm" is the median of the runs after the
// first, with the page and its wasm already loaded; "cold" is the first.

import path from 'node:path';
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync, openSync, readSync, closeSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import os from 'node:os';
import { REPO_ROOT, distDir, startServer, launch } from '../../browser/harness.mjs';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, a, i, all) => (a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1]]] : pairs), []),
);
const DATA = path.resolve(args.data ?? path.join(REPO_ROOT, 'target', 'bench', 'data'));
const RUNS = Number(args.runs ?? 3);
const OUT = path.join(REPO_ROOT, 'target', 'bench');
const HERE = path.dirname(new URL(import.meta.url).pathname);

const find = (re) => {
  const name = readdirSync(DATA).find((f) => re.test(f));
  return name ? path.join(DATA, name) : null;
};
const files = {
  users: find(/users.*\.csv$/i),
  hris: find(/hris.*\.csv$/i),
  ndjson: find(/\.ndjson$/i),
  jsonl: find(/\.jsonl$/i),
};
if (!files.users || !files.hris) {
  console.error(`run.mjs: ${DATA} needs a *users*.csv and a *hris*.csv (scripts/bench.sh generates them)`);
  process.exit(2);
}
const size = (f) => statSync(f).size;
const mb = (bytes) => bytes / 1e6;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const firstLine = (file) => {
  const fd = openSync(file, 'r');
  const buf = Buffer.alloc(64 * 1024);
  const n = readSync(fd, buf, 0, buf.length, 0);
  closeSync(fd);
  return buf.subarray(0, n).toString('utf8').replace(/^\ufeff/, '').split(/\r?\n/)[0];
};

/** A static server for this folder (the comparison page and the DuckDB package). */
async function benchServer() {
  const MIME = { '.html': 'text/html', '.mjs': 'text/javascript', '.js': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json' };
  const server = createServer(async (req, res) => {
    const rel = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const file = path.resolve(HERE, '.' + rel);
    if (!file.startsWith(HERE) || !(await stat(file).catch(() => null))?.isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': MIME[path.extname(file)] ?? 'application/octet-stream' });
    res.end(await readFile(file));
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${server.address().port}/page.html`, close: () => server.close() };
}

/** In the Uptake page: times `change` → every row done, and collects long tasks meanwhile. */
async function armUptake(page, count) {
  await page.evaluate((count) => {
    const b = (window.__bench = { t0: null, t1: null, long: [] });
    document.addEventListener('change', (e) => {
      if (e.target.matches?.('[data-testid="file-input"]')) b.t0 = performance.now();
    }, { capture: true, once: true });
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) b.long.push({ start: e.startTime, ms: e.duration });
    }).observe({ type: 'longtask' });
    const check = () => {
      const rows = [...document.querySelectorAll('[data-testid="source"]')];
      if (b.t1 === null && rows.length >= count && rows.every((r) => r.dataset.state !== 'reading')) {
        b.t1 = performance.now();
      }
    };
    new MutationObserver(check).observe(document.body, { subtree: true, childList: true, attributes: true });
  }, count);
}

async function uptakeRun(page, list) {
  await armUptake(page, list.length);
  await page.setInputFiles('input[type=file][data-testid="file-input"]', list);
  await page.waitForFunction(() => window.__bench.t1 !== null, null, { timeout: 600_000, polling: 100 });
  const r = await page.evaluate(() => {
    const b = window.__bench;
    const during = b.long.filter((l) => l.start >= b.t0 - 1 && l.start <= b.t1);
    const root = document.documentElement.dataset;
    return {
      ms: b.t1 - b.t0,
      longTasks: during.length,
      longestTask: Math.max(0, ...during.map((l) => l.ms)),
      memory: { app: Number(root.wasmMemoryApp ?? 0), worker: Number(root.wasmMemoryWorker ?? 0), parse: Number(root.wasmMemoryParse ?? 0) },
      timings: [...JSON.parse(root.timings ?? '[]'), ...JSON.parse(root.pageTimings ?? '[]')],
      states: [...document.querySelectorAll('[data-testid="source"]')].map((e) => `${e.dataset.format}:${e.dataset.state}:${e.dataset.rows}`),
    };
  });
  return r;
}

async function removeAll(page) {
  const all = page.getByRole('button', { name: 'Remove all files' });
  if (await all.count()) await all.click();
  else if (await page.locator('[data-testid="source"] button.icon').count()) await page.locator('[data-testid="source"] button.icon').first().click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="source"]').length === 0);
}

/** Time from choosing a department to the last change of the page, settled for 500 ms. */
async function filterRepaint(page) {
  const options = await page.$$eval('[data-testid="filter-department"] option', (os) => os.filter((o) => o.value && !o.disabled).map((o) => o.value));
  if (!options.length) return null;
  await page.evaluate(() => {
    const b = (window.__filter = { t0: null, last: null });
    new MutationObserver(() => { if (b.t0 !== null) b.last = performance.now(); })
      .observe(document.querySelector('.content') ?? document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    document.addEventListener('change', (e) => {
      if (e.target.matches?.('[data-testid="filter-department"]')) b.t0 = performance.now();
    }, { capture: true });
  });
  await page.selectOption('[data-testid="filter-department"]', options[0]);
  await page.waitForFunction(() => window.__filter.last !== null && performance.now() - window.__filter.last > 500, null, { timeout: 60_000, polling: 50 });
  return page.evaluate(() => window.__filter.last - window.__filter.t0);
}

function downloadSize() {
  const dist = distDir();
  let raw = 0;
  let gz = 0;
  const rows = [];
  for (const f of readdirSync(dist)) {
    if (!/\.(wasm|js|css)$/.test(f)) continue;
    const bytes = readFileSync(path.join(dist, f));
    const g = gzipSync(bytes, { level: 9 }).length;
    raw += bytes.length;
    gz += g;
    rows.push({ file: f, raw: bytes.length, gzip: g });
  }
  return { raw, gzip: gz, rows };
}

async function nativeDuckdb(file, kind) {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  const head = JSON.parse(firstLine(file));
  const user = ['user_login', 'user_id', 'user_email', 'email', 'actor_email'].find((k) => k in head) ?? Object.keys(head)[0];
  const day = ['day', 'date', 'created_at', 'timestamp', 'event_time'].find((k) => k in head);
  const sql = `SELECT ${day ? `CAST(${day} AS VARCHAR)[1:10]` : `'all'`} AS d, count(*) AS n, count(DISTINCT ${user}) AS people
    FROM read_json_auto('${file}', format='newline_delimited', maximum_object_size=104857600) GROUP BY 1`;
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await conn.run(sql);
    runs.push(performance.now() - t0);
  }
  conn.closeSync?.();
  return { kind, cold: runs[0], warm: median(runs.slice(1).length ? runs.slice(1) : runs), sql: sql.replace(/\s+/g, ' ') };
}

function duckdbSql() {
  const hris = firstLine(files.hris).split(',').map((c) => c.replace(/^"|"$/g, ''));
  const email = hris.find((c) => /mail/i.test(c));
  const dept = hris.find((c) => /department|supervisory_organization|organization|org_unit/i.test(c));
  return `WITH u AS (SELECT lower(trim(email)) AS person, period_start, CAST(is_active AS VARCHAR) AS active, messages
      FROM read_csv('users.csv', header = true)),
    h AS (SELECT lower(trim("${email}")) AS person, "${dept}" AS department FROM read_csv('hris.csv', header = true))
    SELECT coalesce(h.department, '(no HRIS row)') AS department, u.period_start AS week,
      count(DISTINCT u.person) FILTER (WHERE lower(u.active) IN ('1', 'true')) AS weekly_active,
      sum(u.messages) AS messages
    FROM u LEFT JOIN h USING (person) GROUP BY 1, 2`;
}

async function main() {
  mkdirSync(OUT, { recursive: true });
  const results = { machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB`, date: new Date().toISOString(), inputs: {}, rows: [] };
  for (const [k, f] of Object.entries(files)) if (f) results.inputs[k] = { file: path.basename(f), bytes: size(f) };
  const csvBytes = size(files.users) + size(files.hris);

  const uptake = await startServer({ reportViolations: false });
  const bench = await benchServer();
  const b = await launch();
  try {
    const { page: benchPage } = b;
    await benchPage.goto(bench.url);
    await benchPage.waitForFunction(() => window.bench, null, { timeout: 60_000 });
    const bundle = await benchPage.evaluate(() => window.bench.ready);

    const ceiling = async (list) => {
      await benchPage.setInputFiles('#files', list);
      const runs = [];
      for (let i = 0; i < RUNS; i++) runs.push((await benchPage.evaluate(() => window.bench.readFiles())).ms);
      return median(runs);
    };
    const row = (name, bytes, ms, extra = {}) => {
      const r = { name, mb: mb(bytes), ms, mbps: mb(bytes) / (ms / 1000), ...extra };
      results.rows.push(r);
      console.log(`${name.padEnd(58)} ${r.mbps.toFixed(0).padStart(6)} MB/s  ${(ms / 1000).toFixed(2)} s`);
      return r;
    };

    // 1. Users CSV + HRIS.
    const readMs = await ceiling([files.users, files.hris]);
    row('File read alone (FileReaderSync, 8 MiB slices): Users + HRIS', csvBytes, readMs);
    await benchPage.setInputFiles('#files', [files.users, files.hris]);
    const sql = duckdbSql();
    const duck = [];
    for (let i = 0; i <= RUNS; i++) duck.push((await benchPage.evaluate(([s]) => window.bench.duckdb(s, ['users.csv', 'hris.csv']), [sql])).ms);
    row(`DuckDB-WASM 1.32 (${bundle}), cold first query`, csvBytes, duck[0]);
    const duckWarm = row('DuckDB-WASM 1.32, warm (median)', csvBytes, median(duck.slice(1)));

    const page = await b.context.newPage();
    await page.goto(uptake.url);
    await page.waitForFunction(() => document.documentElement.dataset.ready === 'true', null, { timeout: 60_000 });
    const runs = [];
    for (let i = 0; i < RUNS; i++) {
      if (i > 0) await removeAll(page);
      runs.push(await uptakeRun(page, [files.users, files.hris]));
    }
    console.log('  rows:', runs.at(-1).states.join(', '));
    row('Uptake, cold (first load in the page)', csvBytes, runs[0].ms, { longTasks: runs[0].longTasks });
    const warm = median(runs.slice(1).map((r) => r.ms));
    const up = row('Uptake, warm (median)', csvBytes, warm, {
      longTasks: Math.max(...runs.map((r) => r.longTasks)),
      longestTask: Math.max(...runs.map((r) => r.longestTask)),
    });
    results.ratio_vs_duckdb = duckWarm.ms / up.ms;
    results.steps_csv = runs.at(-1).timings;
    results.memory_csv = runs.at(-1).memory;
    results.filter_repaint_ms = await filterRepaint(page);

    // 2. The JSON files, each alone.
    for (const kind of ['ndjson', 'jsonl']) {
      const f = files[kind];
      if (!f) continue;
      const label = kind === 'ndjson' ? 'Copilot usage NDJSON' : 'compliance JSONL';
      row(`File read alone: ${label}`, size(f), await ceiling([f]));
      const jr = [];
      for (let i = 0; i < RUNS; i++) {
        await removeAll(page);
        jr.push(await uptakeRun(page, [f]));
      }
      row(`Uptake, ${label}, warm (median)`, size(f), median(jr.slice(1).length ? jr.slice(1).map((r) => r.ms) : jr.map((r) => r.ms)), {
        longTasks: Math.max(...jr.map((r) => r.longTasks)),
      });
      results[`memory_${kind}`] = jr.at(-1).memory;
      results[`steps_${kind}`] = jr.at(-1).timings;
      try {
        const n = await nativeDuckdb(f, kind);
        row(`native DuckDB (node-api, not the browser): ${label}, warm`, size(f), n.warm);
      } catch (err) {
        console.log(`  native DuckDB on ${kind} failed: ${err.message}`);
      }
    }
  } finally {
    await b.browser.close();
    await uptake.close();
    bench.close();
  }
  results.download = downloadSize();

  const fmt = (n, d = 0) => n.toLocaleString('en-GB', { maximumFractionDigits: d, minimumFractionDigits: d });
  const md = [
    `# Browser benchmark (${results.date})`,
    '',
    `Machine: ${results.machine}. Inputs: ${Object.values(results.inputs).map((i) => `${i.file} ${fmt(mb(i.bytes), 1)} MB`).join(', ')}.`,
    '',
    '| what | MB | seconds | MB/s | long tasks > 50 ms |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...results.rows.map((r) => `| ${r.name} | ${fmt(r.mb, 1)} | ${fmt(r.ms / 1000, 2)} | ${fmt(r.mbps)} | ${r.longTasks ?? ''} |`),
    '',
    results.ratio_vs_duckdb >= 1
      ? `On the CSV, warm: Uptake is ${fmt(results.ratio_vs_duckdb, 2)}× faster than DuckDB-WASM.`
      : `On the CSV, warm: Uptake is ${fmt(1 / results.ratio_vs_duckdb, 2)}× slower than DuckDB-WASM (goal: 4× faster).`,
    `Filter change (one department) → repainted: ${results.filter_repaint_ms == null ? 'n/a' : fmt(results.filter_repaint_ms) + ' ms'}.`,
    `Wasm memory after the CSV run (a wasm memory only grows: its size is its peak): app ${fmt(mb(results.memory_csv.app))} MB, dataset worker ${fmt(mb(results.memory_csv.worker))} MB, largest parse worker ${fmt(mb(results.memory_csv.parse))} MB.`,
    `App download (every .wasm, .js and .css of dist/, gzip -9): ${fmt(results.download.gzip / 1024)} KB (${fmt(results.download.raw / 1024)} KB raw).`,
    '',
    'Where the time goes (the last run of each, as the workers clocked it; parse workers run side by side, so steps of different files overlap):',
    '',
    '| run | step | ms |',
    '| --- | --- | ---: |',
    ...['csv', 'ndjson', 'jsonl'].flatMap((k) => (results[`steps_${k}`] ?? []).map((t) => `| ${k} | ${t.what} | ${fmt(t.ms)} |`)),
    '',
  ].join('\n');
  writeFileSync(path.join(OUT, 'browser.md'), md);
  writeFileSync(path.join(OUT, 'browser.json'), JSON.stringify(results, null, 2));
  console.log(`\n${md}\nwritten to ${path.join(OUT, 'browser.md')}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
