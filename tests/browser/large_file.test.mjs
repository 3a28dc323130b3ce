// A 2 GB file (issue 7), run only with UPTAKE_LONG=1 (minutes, and 2 GB of disk; not in CI):
// a weekly ChatGPT Users CSV of 200 000 people × 52 weeks written by `src/bin/generate.rs`
// (UPTAKE_GENERATE names a built `generate`, else `cargo run --release --bin generate`), dropped
// beside a small good file. The tab must survive with either the file's figures or the memory
// budget's message (engine::memory_budget), and the small file must read as it does alone.
// Prints the time it took and the wasm memory the page reports (data-wasm-memory-*).

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import os from 'node:os';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import {
  REPO_ROOT, startServer, launch, watchNetwork, collectErrors, openPage, screenshot,
  uploadFiles, waitForSources, sources,
} from './harness.mjs';

const LONG = process.env.UPTAKE_LONG === '1';
const fixture = (name) => path.join(REPO_ROOT, 'tests', 'fixtures', name);

let serverPromise;
const server = () => (serverPromise ??= startServer());
let dir;
after(async () => {
  if (serverPromise) await (await serverPromise.catch(() => null))?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

test('a 2 GB Users CSV: figures or the budget message, never a crashed tab', { skip: !LONG && 'set UPTAKE_LONG=1', timeout: 1_800_000 }, async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'uptake-2gb-'));
  const args = ['--people', '200000', '--weeks', '52', '--events', '1', '--copilot-days', '1', '--out', dir];
  const generate = process.env.UPTAKE_GENERATE;
  if (generate) execFileSync(generate, args, { stdio: 'inherit' });
  else execFileSync('cargo', ['run', '--release', '--bin', 'generate', '--', ...args], { cwd: REPO_ROOT, stdio: 'inherit' });
  const big = path.join(dir, 'chatgpt-users-weekly.csv');
  const size = (await stat(big)).size;
  assert.ok(size > 1.9e9, `generated ${size} bytes`);

  const srv = await server();
  const b = await launch();
  try {
    const { page, context } = b;
    const errors = collectErrors(page);
    const net = await watchNetwork(page, context, srv.origin);
    await openPage(page, srv.url, net);
    await uploadFiles(page, [fixture('chatgpt_users_weekly.csv')]);
    await waitForSources(page, 1);
    const started = Date.now();
    await uploadFiles(page, [big]);
    await waitForSources(page, 2, { timeout: 1_500_000 });
    const seconds = (Date.now() - started) / 1000;
    const [good, large] = await sources(page);
    assert.equal(good.state, 'done');
    const row = page.locator('[data-testid="source"]').nth(1);
    const memory = await page.evaluate(() => {
      const root = document.documentElement;
      const mb = (name) => Math.round(Number(root.getAttribute(`data-wasm-memory-${name}`)) / 1e6);
      return { app: mb('app'), worker: mb('worker'), parse: mb('parse') };
    });
    if (large.state === 'error') {
      const text = (await row.locator('.error').innerText()).replace(/\s+/g, ' ');
      assert.match(text, /^Reading stopped after \d+ MB: the rows read so far needed more than the 400 MB of memory one file may take in this browser tab/);
      console.log(`2 GB file: ${size} bytes, refused in ${seconds.toFixed(1)} s: ${text}`);
    } else {
      assert.equal(large.state, 'done');
      console.log(`2 GB file: ${size} bytes, read in ${seconds.toFixed(1)} s: ${large.rows} rows`);
    }
    console.log(`wasm memory, MB: ${JSON.stringify(memory)}`);
    await screenshot(page, 'large-file');
    assert.ok(!errors.includes('page crashed'), 'the page never crashed');
    assert.equal(await page.evaluate(() => 1 + 1), 2, 'the page still answers');
    assert.deepEqual(net.otherOrigins(), [], 'no request to another origin');
  } finally {
    await b.browser.close();
  }
});
