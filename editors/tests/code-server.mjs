// The diplint extension in a real VS Code: code-server (VS Code in the browser) with the .vsix
// installed, driven in Debian's Chromium by playwright-core. Checks that a report with known
// mistakes gets its squiggles, Problems panel entries, a hover and a working quick fix, that a
// plain-text file is checked too, and that the server process ends once VS Code is gone.
//
// usage: node code-server.mjs --code-server BIN --diplint BIN --vsix FILE --workspace DIR
//                             --artifacts DIR [--screenshot FILE]

import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';

const { values: args } = parseArgs({
  options: {
    'code-server': { type: 'string' },
    diplint: { type: 'string' },
    vsix: { type: 'string' },
    workspace: { type: 'string' },
    artifacts: { type: 'string' },
    screenshot: { type: 'string' },
    chromium: { type: 'string', default: '/usr/bin/chromium' },
  },
});
for (const required of ['code-server', 'diplint', 'vsix', 'workspace', 'artifacts']) {
  if (!args[required]) {
    console.error(`missing --${required}`);
    process.exit(2);
  }
}

// ---------------------------------------------------------------------------------------------
// A tiny test runner: each check prints ok/not ok; the last line is "N passed, N failed".

const results = { passed: 0, failed: 0 };
async function check(name, body) {
  const started = Date.now();
  try {
    await body();
    results.passed += 1;
    console.log(`ok - ${name} (${Date.now() - started} ms)`);
  } catch (error) {
    results.failed += 1;
    console.log(`not ok - ${name}\n  ${String(error?.stack ?? error).split('\n').join('\n  ')}`);
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// code-server

const MARKER = `diplint-editor-test-${randomUUID()}`;
const home = fs.mkdtempSync(path.join(os.tmpdir(), 'diplint-code-server-'));
const userData = path.join(home, 'user-data');
const extensions = path.join(home, 'extensions');

function writeUserSettings() {
  const settings = {
    'diplint.path': args.diplint,
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'security.workspace.trust.enabled': false,
    'extensions.ignoreRecommendations': true,
    'extensions.autoCheckUpdates': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'chat.disableAIFeatures': true,
    'editor.minimap.enabled': false,
    'editor.fontSize': 15,
    'editor.wordWrap': 'on',
    'editor.hover.delay': 300,
    'window.commandCenter': false,
  };
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
}

function installExtension() {
  const run = spawnSync(
    args['code-server'],
    ['--user-data-dir', userData, '--extensions-dir', extensions, '--install-extension', path.resolve(args.vsix)],
    { encoding: 'utf8' },
  );
  if (run.status !== 0 || !/was successfully installed/.test(run.stdout)) {
    throw new Error(`installing the vsix failed:\n${run.stdout}\n${run.stderr}`);
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function startCodeServer(port) {
  const log = fs.openSync(path.join(args.artifacts, 'code-server.log'), 'w');
  const child = spawn(
    args['code-server'],
    [
      '--auth', 'none',
      '--bind-addr', `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--user-data-dir', userData,
      '--extensions-dir', extensions,
      args.workspace,
    ],
    // Its own process group, so that it and everything it started can be ended by its id.
    { detached: true, stdio: ['ignore', log, log], env: { ...process.env, DIPLINT_EDITOR_TEST: MARKER } },
  );
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`code-server exited with ${child.exitCode}; see code-server.log`);
    }
    try {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (response.ok) {
        return child;
      }
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  throw new Error('code-server did not answer within 60 s');
}

async function stopProcessGroup(child) {
  if (child.exitCode !== null) {
    return;
  }
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return;
  }
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline && child.exitCode === null) {
    await sleep(100);
  }
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** Processes started under this test's code-server (they inherit DIPLINT_EDITOR_TEST). */
function processesWithMarker() {
  const found = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const environ = fs.readFileSync(`/proc/${entry}/environ`, 'latin1');
      if (environ.includes(`DIPLINT_EDITOR_TEST=${MARKER}`)) {
        const cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, 'latin1').split('\0').join(' ').trim();
        found.push({ pid: Number(entry), cmdline });
      }
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return found;
}

function diplintServers() {
  return processesWithMarker().filter(({ cmdline }) => cmdline.startsWith(args.diplint) && / lsp\b/.test(cmdline));
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------
// The workbench

const SQUIGGLE = '.monaco-editor .squiggly-error, .monaco-editor .squiggly-warning';

async function openFromExplorer(page, name) {
  const row = page.locator(`.explorer-folders-view .monaco-list-row[aria-label^="${name}"]`).first();
  await row.waitFor({ timeout: 30_000 });
  await row.click();
  await page.locator(`.tab[aria-label^="${name}"]`).first().waitFor({ timeout: 15_000 });
  // The editor of this file is the active one.
  await page.locator('.editor-instance .monaco-editor').first().waitFor();
}

async function problemRows(page) {
  const rows = page.locator('.markers-panel .monaco-list-row');
  return rows.evaluateAll((elements) => elements.map((element) => `${element.getAttribute('aria-label') ?? ''} | ${element.textContent ?? ''}`));
}

async function waitForProblem(page, pattern, timeout = 30_000) {
  const deadline = Date.now() + timeout;
  let rows = [];
  while (Date.now() < deadline) {
    rows = await problemRows(page);
    if (rows.some((row) => pattern.test(row))) {
      return rows;
    }
    await sleep(250);
  }
  throw new Error(`no Problems entry matching ${pattern}; rows: ${JSON.stringify(rows)}`);
}

async function waitForNoProblem(page, pattern, timeout = 15_000) {
  const deadline = Date.now() + timeout;
  let rows = [];
  while (Date.now() < deadline) {
    rows = await problemRows(page);
    if (!rows.some((row) => pattern.test(row))) {
      return;
    }
    await sleep(250);
  }
  throw new Error(`Problems entry matching ${pattern} still there: ${JSON.stringify(rows)}`);
}

/** The editor's visible text (Monaco renders non-breaking spaces). */
async function editorText(page) {
  const text = await page.locator('.editor-instance .monaco-editor .view-lines').first().innerText();
  return text.replace(/\u00a0/g, ' ');
}

/** The on-screen box of the first occurrence of `word` in the active editor. */
async function wordBox(page, word) {
  const span = page.locator('.editor-instance .monaco-editor .view-line span span', { hasText: word }).first();
  await span.waitFor({ timeout: 10_000 });
  return span.evaluate((element, needle) => {
    const text = element.firstChild;
    const start = element.textContent.indexOf(needle);
    const range = document.createRange();
    range.setStart(text, start);
    range.setEnd(text, start + needle.length);
    const rect = range.getBoundingClientRect();
    return { x: rect.x, y: rect.y, width: rect.width, height: rect.height };
  }, word);
}

// ---------------------------------------------------------------------------------------------

const WEEKDAY = /date\/weekday-mismatch/;
const MISSPELLED_COUNTRY = /country\/misspelled/;
const RESIDUE = /markup\/residue/;

let codeServer;
let browser;
let page;
let failed = false;
const started = Date.now();
try {
  writeUserSettings();
  await check('the .vsix installs into code-server', async () => installExtension());
  const port = await freePort();
  codeServer = await startCodeServer(port);
  browser = await chromium.launch({
    executablePath: args.chromium,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.setDefaultTimeout(30_000);
  await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(args.workspace)}`);
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });

  await check('opening report.md draws squiggles under the mistakes', async () => {
    await openFromExplorer(page, 'report.md');
    await page.locator(SQUIGGLE).first().waitFor({ timeout: 60_000 });
  });

  await check('the Problems panel lists the weekday and the misspelt country', async () => {
    await page.keyboard.press('Control+Shift+M');
    await page.locator('.markers-panel').waitFor();
    await waitForProblem(page, WEEKDAY);
    const rows = await waitForProblem(page, MISSPELLED_COUNTRY);
    console.log(`  problems: ${JSON.stringify(rows)}`);
  });

  await check('hovering the wrong weekday shows the finding', async () => {
    const box = await wordBox(page, 'Thursday');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const hover = page.locator('.monaco-hover:not(.hidden)').filter({ hasText: /Friday/ }).first();
    await hover.waitFor({ timeout: 15_000 });
    console.log(`  hover: ${JSON.stringify((await hover.innerText()).slice(0, 300))}`);
    if (args.screenshot) {
      await page.screenshot({ path: args.screenshot });
    }
    await page.screenshot({ path: path.join(args.artifacts, 'code-server-hover.png') });
  });

  await check('the quick fix replaces the weekday and the finding goes away', async () => {
    await page.mouse.move(0, 0);
    await page.keyboard.press('Escape');
    const box = await wordBox(page, 'Thursday');
    await page.mouse.click(box.x + 2, box.y + box.height / 2);
    await page.keyboard.press('Control+.');
    const action = page.locator('.monaco-list-row.action', { hasText: /Friday/ }).first();
    await action.waitFor({ timeout: 15_000 });
    await action.click();
    await page.waitForFunction(
      () => document.querySelector('.editor-instance .monaco-editor .view-lines')?.textContent?.replace(/\u00a0/g, ' ').includes('On Friday, 24 September 2021'),
      null,
      { timeout: 15_000 },
    );
    await waitForNoProblem(page, WEEKDAY);
    await page.screenshot({ path: path.join(args.artifacts, 'code-server-fixed.png') });
  });

  await check('a plain-text file is checked: the leftover HTML comment is flagged', async () => {
    await openFromExplorer(page, 'notes.txt');
    await waitForProblem(page, RESIDUE);
  });

  await check('the server process ends when VS Code goes away', async () => {
    const servers = diplintServers();
    if (servers.length === 0) {
      throw new Error(`no running "${args.diplint} lsp" found under code-server`);
    }
    await browser.close();
    browser = undefined;
    await stopProcessGroup(codeServer);
    // The extension host is gone: its server's stdin is closed. Allow it a moment to notice.
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && diplintServers().length > 0) {
      await sleep(100);
    }
    const left = diplintServers();
    if (left.length > 0) {
      throw new Error(`the server outlived VS Code: ${JSON.stringify(left)}`);
    }
  });
} catch (error) {
  failed = true;
  if (page) {
    await page.screenshot({ path: path.join(args.artifacts, 'code-server-failure.png') }).catch(() => {});
  }
  if (results.failed === 0) {
    console.log(`not ok - setup\n  ${String(error?.stack ?? error)}`);
    results.failed += 1;
  }
} finally {
  if (browser) {
    await browser.close().catch(() => {});
  }
  if (codeServer) {
    await stopProcessGroup(codeServer);
  }
  // Anything that survived is a leak worth reporting, then ended by its id.
  for (const { pid, cmdline } of processesWithMarker()) {
    console.log(`  leftover process ${pid}: ${cmdline}`);
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone
    }
  }
  // VS Code's own logs (extension host, the diplint output channel) for a failure's post-mortem.
  fs.rmSync(path.join(args.artifacts, 'code-server-logs'), { recursive: true, force: true });
  fs.cpSync(path.join(userData, 'logs'), path.join(args.artifacts, 'code-server-logs'), { recursive: true });
  fs.rmSync(home, { recursive: true, force: true });
}
console.log(`code-server test: ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`${results.passed} passed, ${results.failed} failed`);
process.exit(failed || results.failed > 0 ? 1 : 0);
