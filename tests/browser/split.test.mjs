// A Users CSV or a compliance JSONL over 32 MB is read in parts, one per parse worker, and
// joined by a parse worker (engine::split, src/worker/parts.rs). Written here: 10 000 people ×
// 60 weeks of Users CSV (600 000 rows, about 37 MB), and 100 000 compliance events (about 37 MB),
// each with one bad row in the middle and its first rows again at the end. Every count must be
// what one read of the whole file gives (tests/split_parts.rs and tests/split_ndjson.rs prove
// that natively for every cut): rows accepted, duplicates across the parts, the bad row skipped
// with its line in the whole file, the headline's active people, the event types not used
// counted over every part. The workers' own clock shows the parts.

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

/**
 * Writes a file with `write`, drops it on a fresh page, waits for it to be read and runs
 * `check(page, row)`; then checks that the workers' clock shows it read in parts and joined,
 * takes a screenshot, and that nothing left the page.
 */
async function readInParts(name, write, shot, check) {
  dir ??= await mkdtemp(path.join(os.tmpdir(), 'uptake-split-'));
  const big = path.join(dir, name);
  await write(big);

  const srv = await server();
  const b = await launch();
  try {
    const { page, context } = b;
    const errors = collectErrors(page);
    const net = await watchNetwork(page, context, srv.origin);
    await openPage(page, srv.url, net);
    await uploadFiles(page, [big]);
    // Until the first file is read, the content says so (and builds no empty dashboard).
    await page.locator('[data-testid="first-read"]', { hasText: 'Reading 1 file' }).waitFor({ timeout: 10_000 });
    assert.equal(await page.locator('[data-testid="overview"]').count(), 0, 'no overview while the first file is read');
    await waitForSources(page, 1, { timeout: 240_000 });
    assert.equal(await page.locator('[data-testid="first-read"]').count(), 0, 'the reading note goes once the file is read');
    await check(page, page.locator('[data-testid="source"]').first());

    const steps = await page.evaluate(() => JSON.parse(document.documentElement.dataset.timings ?? '[]'));
    const names = steps.map((s) => s.what);
    assert.ok(names.some((n) => n.includes(`${name}, part 2 (parse worker)`)), names.join('\n'));
    assert.ok(names.some((n) => n.includes(`join the parts of ${name}`)), names.join('\n'));
    console.log(`steps: ${JSON.stringify(steps)}`);
    await screenshot(page, shot);
    assert.deepEqual(net.requestsAfterLoad(), [], 'requests after load');
    assert.deepEqual(errors, [], 'console errors');
  } finally {
    await b.browser.close();
  }
}

test('a 37 MB Users CSV read in parts counts as one read', { timeout: 300_000 }, async () => {
  await readInParts('users-in-parts.csv', writeUsers, 'split-users', async (page, row) => {
    // 10 000 × 60 = 600 000 rows read once; the 1 000 repeated at the end are duplicates of
    // rows in the first part; the bad row is skipped.
    assert.deepEqual(await sources(page), [
      { format: 'chatgpt.users_csv', state: 'done', rows: '600000', skipped: '1' },
    ]);
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
  });
});

const EVENTS = 100_000;
const EVENT_PEOPLE = 2_000;
const EVENTS_REPEATED = 500;

async function writeCompliance(file) {
  const out = createWriteStream(file);
  const write = (text) => new Promise((resolve) => (out.write(text) ? resolve() : out.once('drain', resolve)));
  const first = Date.UTC(2026, 5, 1);
  const repeated = [];
  let chunk = '';
  for (let i = 0; i < EVENTS; i++) {
    const p = i % EVENT_PEOPLE;
    const at = new Date(first + (i % 150) * 86_400_000 + (i % 86_400) * 1000).toISOString();
    const line = `{"event_id":"evt_${i}","type":"CONVERSATION_MESSAGE","principal":{"id":"ws_1","type":"CHATGPT_WORKSPACE"},`
      + `"actor":{"type":"ACCOUNT_USER","user_id":"user-${p}","user_email":"person${p}@split.example"},"timestamp":"${at}",`
      + `"message":{"id":"msg_${i}","author":{"type":"user","role":"user"},"content":{"type":"text","value":"please summarise the quarterly memo"}},"conversation":{"id":"conv_${p}"}}\n`;
    if (repeated.length < EVENTS_REPEATED) repeated.push(line);
    chunk += line;
    // Three sign-ins, near the start, the middle and the end: not usage, said once as 3.
    if (i === 10 || i === EVENTS / 2 || i === EVENTS - 10) {
      chunk += `{"event_id":"auth_${i}","type":"AUTH_LOG","principal":{"id":"ws_1"},"actor":{"user_id":"user-${p}"},"timestamp":"${at}"}\n`;
    }
    // After event 60 000 (line 60 003, after two sign-ins): an event that names nobody.
    if (i === 59_999) {
      chunk += `{"event_id":"evt_nobody","type":"CONVERSATION_MESSAGE","principal":{"id":"ws_1"},"timestamp":"${at}"}\n`;
    }
    if (chunk.length > 1 << 20) {
      await write(chunk);
      chunk = '';
    }
  }
  await write(chunk + repeated.join(''));
  await new Promise((resolve) => out.end(resolve));
}

test('a 37 MB compliance JSONL read in parts counts as one read', { timeout: 300_000 }, async () => {
  await readInParts('compliance-in-parts.jsonl', writeCompliance, 'split-compliance', async (page, row) => {
    // 100 000 events read once; the 500 repeated at the end are duplicates of events in the
    // first part (same event id); the event that names nobody is skipped.
    assert.deepEqual(await sources(page), [
      { format: 'chatgpt.compliance_logs_jsonl', state: 'done', rows: '100000', skipped: '1' },
    ]);
    assert.equal(await row.getAttribute('data-duplicates'), '500');
    // Lines: events 0–10 are lines 1–11, the first sign-in line 12, events 11–50 000 lines
    // 13–50 002, the second sign-in 50 003, events 50 001–59 999 lines 50 004–60 002: the
    // event that names nobody is line 60 003.
    const text = await row.textContent();
    assert.match(text, /line 60,?003\b/);
    assert.match(text, /3 AUTH_LOG events were not used/);
    // Without a Users export, seats and weekly actives are unknown, not 0.
    const figures = await overviewFigures(page);
    assert.deepEqual([figures.seats, figures.weekly_active_users], ['', '']);
  });
});
