// A Users CSV over 32 MB is read in parts, one per parse worker, and joined by a parse worker
// (engine::split, src/worker/parts.rs). Written here: 10 000 people × 60 weeks (600 000 rows,
// about 37 MB), one bad row in the middle and the first 1 000 rows again at the end. Every count
// must be what one read of the whole file gives (tests/split_parts.rs proves that natively for
// every cut): rows accepted, duplicates across the parts, the bad row skipped with its line in
// the whole file, the headline's active people. The workers' own clock shows the parts.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import os from 'node:os';
import { mkdtemp, rm } from 'node:fs/promises';
import { createWriteStream } from 'node:fs';
import {
  startServer, launch, watchNetwork, collectErrors, openPage, screenshot, uploadFiles,
  waitForSources, sources, overviewFigures,
} from './harness.mjs';

const PEOPLE = 10_000;
const WEEKS = 60;
const BAD_AFTER = 300_000;
const REPEATED = 1_000;

let serverPromise;
const server = () => (serverPromise ??= startServer());
let dir;
after(async () => {
  if (serverPromise) await (await serverPromise.catch(() => null))?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const day = (ms) => new Date(ms).toISOString().slice(0, 10);

async function writeUsers(file) {
  const out = createWriteStream(file);
  const write = (text) => new Promise((resolve) => (out.write(text) ? resolve() : out.once('drain', resolve)));
  await write('cadence,period_start,period_end,email,user_status,is_active,messages\n');
  // Weeks from Sunday 2025-09-28 to the week of 2026-11-15 (before today, 2026-12-07 or later).
  const first = Date.UTC(2025, 8, 28);
  const rows = [];
  let chunk = '';
  let written = 0;
  for (let w = 0; w < WEEKS; w++) {
    const start = first + w * 7 * 86_400_000;
    const period = `${day(start)},${day(start + 6 * 86_400_000)}`;
    for (let p = 0; p < PEOPLE; p++) {
      const row = `Weekly,${period},person${p}@split.example,enabled,1,${1 + ((p + w) % 20)}\n`;
      if (rows.length < REPEATED) rows.push(row);
      chunk += row;
      written += 1;
      if (written === BAD_AFTER) chunk += `Weekly,${period},bad@split.example,enabled,1,n/a\n`;
      if (chunk.length > 1 << 20) {
        await write(chunk);
        chunk = '';
      }
    }
  }
  await write(chunk + rows.join(''));
  await new Promise((resolve) => out.end(resolve));
}

test('a 37 MB Users CSV read in parts counts as one read', { timeout: 300_000 }, async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'uptake-split-'));
  const big = path.join(dir, 'users-in-parts.csv');
  await writeUsers(big);

  const srv = await server();
  const b = await launch();
  try {
    const { page, context } = b;
    const errors = collectErrors(page);
    const net = await watchNetwork(page, context, srv.origin);
    await openPage(page, srv.url, net);
    await uploadFiles(page, [big]);
    await waitForSources(page, 1, { timeout: 240_000 });
    // 10 000 × 60 = 600 000 rows read once; the 1 000 repeated at the end are duplicates of
    // rows in the first part; the bad row is skipped.
    assert.deepEqual(await sources(page), [
      { format: 'chatgpt.users_csv', state: 'done', rows: '600000', skipped: '1' },
    ]);
    const row = page.locator('[data-testid="source"]').first();
    assert.equal(await row.getAttribute('data-duplicates'), '1000');
    // Line 1 is the header; the bad row follows data row 300 000: line 300 002 of the file.
    assert.match(await row.textContent(), /line 300,?002\b/);
    // Every person sent messages in the headline week (the last, w = 59): 1 + (p + 59) mod 20
    // messages, and p runs over 10 000 = 500 × 20 values, so the mean is (1 + … + 20) / 20 = 10.5.
    const figures = await overviewFigures(page);
    assert.deepEqual(
      [figures.seats, figures.weekly_active_users, figures.messages_per_active_user_week],
      ['10000', '10000', '10.5'],
    );

    const steps = await page.evaluate(() => JSON.parse(document.documentElement.dataset.timings ?? '[]'));
    const names = steps.map((s) => s.what);
    assert.ok(names.some((n) => /users-in-parts\.csv, part 2 \(parse worker\)/.test(n)), names.join('\n'));
    assert.ok(names.some((n) => /join the parts of users-in-parts\.csv/.test(n)), names.join('\n'));
    console.log(`steps: ${JSON.stringify(steps)}`);
    await screenshot(page, 'split-users');
    assert.deepEqual(net.requestsAfterLoad(), [], 'requests after load');
    assert.deepEqual(errors, [], 'console errors');
  } finally {
    await b.browser.close();
  }
});
