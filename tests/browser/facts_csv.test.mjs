// The Uptake facts CSV and files without dates:
// - the README's DuckDB SQL (scripts/compliance_logs_to_facts.sql) run on the compliance-log
//   fixtures writes exactly tests/fixtures/facts/from_compliance_logs.csv, and that file gives
//   the page the same Overview figures as the logs themselves (except the three that need each
//   message);
// - a Claude spend report, which has no date, asks for its period with the dates in its file
//   name offered, and is read once they are confirmed (figures in tests/source_claude_enterprise.rs).

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import os from 'node:os';
import { mkdtemp, mkdir, copyFile, readFile, rm } from 'node:fs/promises';
import { DuckDBInstance } from '@duckdb/node-api';
import {
  REPO_ROOT, startServer, launch, watchNetwork, collectErrors, openPage, screenshot,
  uploadFiles, waitForSources, sources, overviewFigures,
} from './harness.mjs';

const fixture = (name) => path.join(REPO_ROOT, 'tests', 'fixtures', name);
const LOGS = ['usage/compliance_sessions.jsonl', 'usage/compliance_codex.jsonl'];
const MESSAGE_LEVEL = ['sessions_per_active_user_week', 'messages_per_session', 'avg_prompt_chars'];

let serverPromise;
const server = () => (serverPromise ??= startServer());
after(async () => {
  if (serverPromise) await (await serverPromise.catch(() => null))?.close();
});

/** Runs the README's SQL in DuckDB where it expects to run: beside a compliance-logs/ folder. */
async function factsFromSql() {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'uptake-facts-'));
  try {
    await mkdir(path.join(dir, 'compliance-logs'));
    for (const name of LOGS) {
      await copyFile(fixture(name), path.join(dir, 'compliance-logs', path.basename(name)));
    }
    const sql = await readFile(path.join(REPO_ROOT, 'scripts', 'compliance_logs_to_facts.sql'), 'utf8');
    const db = await DuckDBInstance.create(':memory:');
    const connection = await db.connect();
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      await connection.run(sql);
    } finally {
      process.chdir(cwd);
    }
    connection.closeSync?.();
    return await readFile(path.join(dir, 'uptake-facts.csv'), 'utf8');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function figuresOf(files) {
  const srv = await server();
  const b = await launch();
  try {
    const { page, context } = b;
    const errors = collectErrors(page);
    const net = await watchNetwork(page, context, srv.origin);
    await openPage(page, srv.url, net);
    await uploadFiles(page, files);
    await waitForSources(page, files.length);
    const listed = await sources(page);
    const figures = await overviewFigures(page);
    assert.deepEqual(net.requestsAfterLoad(), [], 'requests after load');
    assert.deepEqual(errors, [], 'console errors');
    return { listed, figures };
  } finally {
    await b.browser.close();
  }
}

test('the README SQL writes the committed facts file, which gives the logs\' figures', { timeout: 240_000 }, async () => {
  const written = await factsFromSql();
  const committed = await readFile(fixture('facts/from_compliance_logs.csv'), 'utf8');
  assert.equal(written, committed);

  const users = fixture('usage/users_models.csv');
  const logs = await figuresOf([users, ...LOGS.map(fixture)]);
  const facts = await figuresOf([users, fixture('facts/from_compliance_logs.csv')]);
  assert.deepEqual(facts.listed.map((s) => [s.format, s.state, s.skipped]), [
    ['chatgpt.users_csv', 'done', '0'],
    ['uptake.facts_csv', 'done', '0'],
  ]);
  // 14 rows in the facts file (wc -l minus the header).
  assert.equal(facts.listed[1].rows, String(committed.trim().split('\n').length - 1));
  for (const id of Object.keys(logs.figures)) {
    if (MESSAGE_LEVEL.includes(id)) {
      assert.notEqual(logs.figures[id], '', `${id} from the logs`);
      assert.equal(facts.figures[id], '', `${id} needs each message`);
    } else {
      assert.equal(Number(facts.figures[id] || NaN).toFixed(9), Number(logs.figures[id] || NaN).toFixed(9), id);
    }
  }
  // ChatGPT eng1-5, ops1-3, sales1-2 and the Users CSV's others: 12; eng1 and ops2 on Codex too.
  assert.equal(facts.figures.ai_active_users_any_tool, '12');
  assert.equal(facts.figures.multi_tool_users, '2');
});

test('a spend report asks for its period, offers the dates in its name, and is read', { timeout: 180_000 }, async () => {
  const srv = await server();
  const b = await launch();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'uptake-spend-'));
  try {
    const named = path.join(dir, 'claude-spend-report-2026-10-01-2026-10-31.csv');
    await copyFile(fixture('claude/spend_report.csv'), named);
    const { page, context } = b;
    const errors = collectErrors(page);
    const net = await watchNetwork(page, context, srv.origin);
    await openPage(page, srv.url, net);
    await uploadFiles(page, [named]);
    await waitForSources(page, 1);
    assert.deepEqual(await sources(page), [
      { format: 'claude.spend_csv', state: 'error', rows: '0', skipped: '0' },
    ]);
    const asker = page.locator('[data-testid="period-asker"]');
    await asker.waitFor();
    assert.equal(await page.inputValue('[data-testid="period-first"]'), '2026-10-01');
    assert.equal(await page.inputValue('[data-testid="period-last"]'), '2026-10-31');
    assert.match(await asker.innerText(), /Reads it as 2026-10-01 to 2026-10-31 \(31 days\)/);
    // A range longer than the console exports cannot be applied.
    await page.fill('[data-testid="period-first"]', '2026-01-01');
    assert.ok(await page.isDisabled('[data-testid="period-apply"]'));
    await page.fill('[data-testid="period-first"]', '2026-10-01');
    await screenshot(page, 'period-asker');
    await page.click('[data-testid="period-apply"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="source"]')?.dataset.state === 'done');
    // Ana's two rows and Ben's are read; no email, and "many" requests, are skipped.
    assert.deepEqual(await sources(page), [
      { format: 'claude.spend_csv', state: 'done', rows: '3', skipped: '2' },
    ]);
    const text = await page.locator('[data-testid="source"]').innerText();
    assert.match(text, /2026-10-01 → 2026-10-31/);
    const html = (await page.content()).toLowerCase();
    for (const raw of ['ana@example.com', 'ben@example.com', '0b6c1d2e-0000-4000-8000-000000000001']) {
      assert.ok(!html.includes(raw), `${raw} appears in the page`);
    }
    assert.deepEqual(net.requestsAfterLoad(), [], 'requests after load');
    assert.deepEqual(errors, [], 'console errors');
  } finally {
    await b.browser.close();
    await rm(dir, { recursive: true, force: true });
  }
});
