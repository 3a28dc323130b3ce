// A parse worker that runs out of memory mid-file, for real: Chromium is started with every
// wasm memory capped (V8's --wasm-max-mem-pages; 64 KiB pages), and a Users CSV with a new
// person on every row, written here, needs more than that to read. No test-only code path:
// the helper traps in the allocator as it would on a tab's real limit.
//
// Asserted: the big file's row names it, says it ran out of memory and what to do; the good
// file beside it shows exactly its figures (tests/fixtures/chatgpt_users_weekly.csv alone);
// files added afterwards are read (one by a helper started in place of the one that
// crashed); the page never crashed; no request left for another origin, and the only ones
// after load are the new helper's own script and wasm from the page's origin. Also: rows dated after today are skipped and said (the worker passes
// the browser's date), and the big file's screenshot is kept.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import os from 'node:os';
import { mkdtemp, rm } from 'node:fs/promises';
import { createWriteStream } from 'node:fs';
import {
  REPO_ROOT, startServer, launch, watchNetwork, collectErrors, openPage, screenshot,
  uploadFiles, waitForSources, sources, overviewFigures,
} from './harness.mjs';

const fixture = (name) => path.join(REPO_ROOT, 'tests', 'fixtures', name);

// 2048 pages = 128 MiB per wasm memory: the page's app, the dataset worker and a helper reading
// a small file fit; a helper reading 1.5 million people does not.
const MAX_PAGES = 2048;
const PEOPLE = 1_500_000;

let serverPromise;
const server = () => (serverPromise ??= startServer());
let dir;
after(async () => {
  if (serverPromise) await (await serverPromise.catch(() => null))?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** A weekly Users CSV with `people` people (about 75 bytes a row), written to `file`. */
async function writeBigUsers(file, people) {
  const out = createWriteStream(file);
  const write = (text) => new Promise((resolve) => (out.write(text) ? resolve() : out.once('drain', resolve)));
  await write('cadence,period_start,period_end,email,user_status,is_active,messages\n');
  let chunk = '';
  for (let i = 0; i < people; i++) {
    chunk += `Weekly,2026-11-08,2026-11-14,person${i}@big.example,enabled,1,${i % 50}\n`;
    if (chunk.length > 1 << 20) {
      await write(chunk);
      chunk = '';
    }
  }
  await write(chunk);
  await new Promise((resolve) => out.end(resolve));
}

test('a parse worker out of memory fails its file only; the next file is read', { timeout: 300_000 }, async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'uptake-crash-'));
  const big = path.join(dir, 'users-everyone.csv');
  await writeBigUsers(big, PEOPLE);

  const srv = await server();
  // The good file's figures with nothing else loaded, in a browser without the cap.
  let alone;
  {
    const b = await launch();
    try {
      await openPage(b.page, srv.url);
      await uploadFiles(b.page, [fixture('chatgpt_users_weekly.csv')]);
      await waitForSources(b.page, 1);
      alone = await overviewFigures(b.page);
    } finally {
      await b.browser.close();
    }
  }

  const b = await launch({ args: [`--js-flags=--wasm-max-mem-pages=${MAX_PAGES}`] });
  try {
    const { page, context } = b;
    const errors = collectErrors(page);
    const net = await watchNetwork(page, context, srv.origin);
    await openPage(page, srv.url, net);
    await uploadFiles(page, [fixture('chatgpt_users_weekly.csv'), big]);
    await waitForSources(page, 2, { timeout: 180_000 });
    const [good, failed] = await sources(page);
    assert.equal(good.state, 'done');
    assert.equal(failed.state, 'error');
    // The row names what the file is, detected anew from its first bytes (the parse worker
    // that knew it is gone).
    assert.equal(failed.format, 'chatgpt.users_csv');
    const row = page.locator('[data-testid="source"]').nth(1);
    assert.equal(
      (await row.locator('.error').innerText()).replace(/\s+/g, ' ').trim(),
      'users-everyone.csv could not be read: its reader ran out of memory while reading it, so the file is too large for this browser tab. ' +
        'Load it in shorter periods (export fewer days or weeks per file), or pre-aggregate it to the Uptake facts CSV (README, "Uptake facts CSV") and load that. The other files are not affected.',
    );
    await screenshot(page, 'worker-out-of-memory');
    assert.deepEqual(await overviewFigures(page), alone, 'the good file reads as it does alone');

    // Two more files at once: one goes to the helper that is left, the other to a helper
    // started in place of the one that crashed. Both are read.
    await uploadFiles(page, [fixture('codex_user.csv'), fixture('copilot_seats_org.json')]);
    await waitForSources(page, 4);
    const [, , third, fourth] = await sources(page);
    assert.deepEqual([third.format, third.state], ['codex.user_csv', 'done']);
    assert.deepEqual([fourth.format, fourth.state], ['copilot.seats_json', 'done']);
    assert.ok(Number(third.rows) > 0 && Number(fourth.rows) > 0, 'the files after the crash were read');

    // Starting that helper fetches the worker's own script and wasm again from the page's
    // origin (nothing else, and nothing sent): no request leaves for anywhere else.
    assert.deepEqual(net.otherOrigins(), [], 'requests to other origins');
    const after = net.requestsAfterLoad().filter((r) => r.via === 'request');
    for (const r of after) {
      assert.equal(r.method, 'GET', `${r.method} ${r.url}`);
      assert.match(new URL(r.url).pathname, /^\/(worker[^/]*\.(js|wasm)|[^/]*worker[^/]*)$/, r.url);
    }
    assert.deepEqual(
      errors.filter((e) => !/out of memory|unreachable|WebAssembly|RuntimeError/i.test(e)),
      [],
      'no other error in the page',
    );
    assert.ok(!errors.includes('page crashed'), 'the page never crashed');
  } finally {
    await b.browser.close();
  }
});

test('rows dated after today are skipped with the browser date', { timeout: 120_000 }, async () => {
  const srv = await server();
  const b = await launch();
  try {
    const { page, context } = b;
    const net = await watchNetwork(page, context, srv.origin);
    await openPage(page, srv.url, net);
    await uploadFiles(page, [fixture('bad/users_dates_out_of_range.csv')]);
    await waitForSources(page, 1);
    // ada 2026 and bo 2014 are read; cy's week of 2099 is skipped.
    const [only] = await sources(page);
    assert.deepEqual([only.state, only.rows, only.skipped], ['done', '2', '1']);
    const now = new Date();
    const pad = (n) => String(n).padStart(2, '0');
    const today = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
    const text = (await page.locator('[data-testid="source"]').first().textContent()).replace(/\s+/g, ' ');
    assert.ok(
      text.includes(`1 row is dated after today, ${today} (line 4: 2099-03-07), and was skipped`),
      text,
    );
    assert.deepEqual(net.requestsAfterLoad(), [], 'requests after load');
  } finally {
    await b.browser.close();
  }
});
