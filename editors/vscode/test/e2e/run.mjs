// End-to-end test of the packaged extension in a real VS Code: installs the .vsix into
// code-server (VS Code served to a browser), drives it in headless Chromium with
// playwright-core, and checks what a user sees: the error in the Problems view, the status bar,
// the version command, the error gone after a fix, and recovery after the server is killed.
//
//   node test/e2e/run.mjs --code-server DIR --vsix FILE [--artifacts DIR]
//
// DIR is where /work/shared/tools/install-code-server.sh (or ../shared/tools/...) installed
// code-server. Screenshots and logs go to --artifacts (default target/e2e/vscode/). Every wait has
// a deadline and the whole run has one, so a broken editor fails the test instead of hanging it.

import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { probeCapabilities } from './lsp-probe.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = parseArgs(process.argv.slice(2));
const codeServerDir = required(args, 'code-server');
const vsix = path.resolve(required(args, 'vsix'));
const artifacts = path.resolve(args.artifacts ?? path.join(here, '..', '..', '..', '..', 'target', 'e2e', 'vscode'));
const chromiumPath = process.env.GA_E2E_CHROMIUM ?? '/usr/bin/chromium';
const entry = path.join(codeServerDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const TOTAL_TIMEOUT_MS = 5 * 60_000;

/** The type error in the fixture and go/types' wording of it, as the server reports it. */
const ERROR_LINE = 6;
const BAD_LINE = '\tvar count int = "three"';
const GOOD_LINE = '\tvar count int = 3';
const ERROR_TEXT = 'cannot use "three" (untyped string constant) as int value in variable declaration';

const results = { passed: 0, failed: 0 };
const cleanups = [];

function parseArgs(argv) {
    const out = {};
    for (let i = 0; i < argv.length; i += 2) {
        if (!argv[i].startsWith('--') || argv[i + 1] === undefined) {
            fail(`bad arguments: ${argv.join(' ')}`);
        }
        out[argv[i].slice(2)] = argv[i + 1];
    }
    return out;
}

function required(a, name) {
    if (!a[name]) {
        fail(`--${name} is required (usage: node test/e2e/run.mjs --code-server DIR --vsix FILE [--artifacts DIR])`);
    }
    return a[name];
}

function fail(message) {
    console.error(`vscode e2e: ${message}`);
    process.exit(1);
}

function log(message) {
    console.log(`[vscode e2e ${new Date().toISOString().slice(11, 19)}] ${message}`);
}

/** One named check: counted, reported, and on failure the run stops with a screenshot. */
async function check(name, page, body) {
    const started = Date.now();
    try {
        await body();
        results.passed += 1;
        log(`ok   ${name} (${Date.now() - started} ms)`);
    } catch (err) {
        results.failed += 1;
        log(`FAIL ${name}: ${err?.stack ?? err}`);
        if (page) {
            await page.screenshot({ path: path.join(artifacts, 'failure.png') }).catch(() => undefined);
            log(`screenshot of the failure: ${path.join(artifacts, 'failure.png')}`);
        }
        throw err;
    }
}

async function freePort() {
    return new Promise((resolve, reject) => {
        const server = net.createServer();
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => {
            const { port } = server.address();
            server.close(() => resolve(port));
        });
    });
}

async function waitFor(what, timeoutMs, probe) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
        const value = await probe();
        if (value) {
            return value;
        }
        if (Date.now() > deadline) {
            throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
        }
        await new Promise((r) => setTimeout(r, 250));
    }
}

/** The pids of every process below `pid`, from /proc (no pgrep: only our own processes). */
function descendants(pid) {
    const children = new Map();
    for (const name of fs.readdirSync('/proc')) {
        if (!/^\d+$/.test(name)) continue;
        try {
            const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
            // The command name may contain spaces and parentheses: the fields follow the last ')'.
            const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
            if (!children.has(ppid)) children.set(ppid, []);
            children.get(ppid).push(Number(name));
        } catch {
            // The process exited while we looked.
        }
    }
    const out = [];
    const queue = [pid];
    while (queue.length > 0) {
        for (const child of children.get(queue.shift()) ?? []) {
            out.push(child);
            queue.push(child);
        }
    }
    return out;
}

/** The go-analyzer server processes started by our code-server (one extension host). */
function serverPids(codeServerPid) {
    return descendants(codeServerPid).filter((pid) => {
        try {
            return path.basename(fs.readlinkSync(`/proc/${pid}/exe`)) === 'go-analyzer';
        } catch {
            return false;
        }
    });
}

async function runCommand(page, title) {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 15_000 });
    await input.fill(`>${title}`);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 15_000 });
    await page.keyboard.press('Enter');
}

/** Moves the cursor to line:column (1-based) with Go to Line. */
async function goToLine(page, line, column) {
    await page.keyboard.press('Control+G');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 15_000 });
    // In the browser Control+G opens Quick Open in its `:` (go to line) mode; keep the prefix.
    await input.fill(column === undefined ? `:${line}` : `:${line}:${column}`);
    await page.keyboard.press('Enter');
    await input.waitFor({ state: 'hidden', timeout: 15_000 });
}

/** Replaces the text of a whole line, as a user would by selecting it and typing. */
async function replaceLine(page, line, text) {
    await goToLine(page, line, 1);
    await page.keyboard.press('Home');
    await page.keyboard.press('Shift+End');
    // insertText types the text in one input event: no auto-closing quotes or brackets.
    await page.keyboard.insertText(text.trimStart());
}

/** Replaces the workspace settings as a user would: in the settings.json editor, then saved. */
async function editWorkspaceSettings(page, settings) {
    await runCommand(page, 'Preferences: Open Workspace Settings (JSON)');
    await page.locator('.tab.active', { hasText: 'settings.json' }).waitFor({ timeout: 15_000 });
    await page.locator('.editor-instance .monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+A');
    // One line: typed newlines would be auto-indented on top of the JSON's own indentation.
    await page.keyboard.insertText(JSON.stringify(settings));
    // The JSON editor may have auto-closed the first brace or quote behind the cursor.
    await page.keyboard.press('Control+Shift+End');
    await page.keyboard.press('Delete');
    await page.keyboard.press('Control+S');
    await page.locator('.tab.active.dirty').waitFor({ state: 'detached', timeout: 15_000 });
    await page.keyboard.press('Control+W');
    await page.locator('.tab.active', { hasText: 'main.go' }).waitFor({ timeout: 15_000 });
}

async function problemsText(page) {
    return (await page.locator('.markers-panel-container').first().innerText().catch(() => '')) ?? '';
}

async function main() {
    const overall = setTimeout(() => {
        log(`the whole run took longer than ${TOTAL_TIMEOUT_MS / 1000} s`);
        cleanup().finally(() => process.exit(1));
    }, TOTAL_TIMEOUT_MS);
    overall.unref();

    for (const [what, file] of [
        ['code-server (run install-code-server.sh)', entry],
        ['the .vsix', vsix],
        ['Chromium (apt-get install chromium)', chromiumPath],
    ]) {
        if (!fs.existsSync(file)) fail(`${what} not found at ${file}`);
    }
    fs.mkdirSync(artifacts, { recursive: true });
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ga-vscode-e2e-'));
    // Kept after a failure: the editor's own logs are in it.
    cleanups.push(() => (results.failed === 0 ? fs.rmSync(root, { recursive: true, force: true }) : log(`kept ${root}`)));
    const userData = path.join(root, 'user-data');
    const extensions = path.join(root, 'extensions');
    const workspace = path.join(root, 'hello');
    fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
    fs.mkdirSync(workspace);
    fs.writeFileSync(path.join(workspace, 'go.mod'), 'module example.com/hello\n\ngo 1.22\n');
    const source = `package main\n\nimport "fmt"\n\nfunc main() {\n${BAD_LINE}\n\tfmt.Println(count)\n}\n`;
    fs.writeFileSync(path.join(workspace, 'main.go'), source);
    // A quiet editor: nothing opens on its own, nothing asks for trust, nothing phones home.
    fs.writeFileSync(
        path.join(userData, 'User', 'settings.json'),
        JSON.stringify(
            {
                'workbench.startupEditor': 'none',
                'security.workspace.trust.enabled': false,
                'telemetry.telemetryLevel': 'off',
                'extensions.autoUpdate': false,
                'extensions.autoCheckUpdates': false,
                'extensions.ignoreRecommendations': true,
                'update.mode': 'none',
                'workbench.tips.enabled': false,
                'editor.autoClosingQuotes': 'never',
                'editor.autoClosingBrackets': 'never',
                'editor.quickSuggestions': { other: false, comments: false, strings: false },
            },
            null,
            2,
        ),
    );
    const configFile = path.join(root, 'code-server.yaml');
    fs.writeFileSync(configFile, 'auth: none\ncert: false\n');
    const csArgs = ['--config', configFile, '--user-data-dir', userData, '--extensions-dir', extensions];

    await check('the .vsix installs into a clean code-server without warnings', null, async () => {
        const install = spawnSync(process.execPath, [entry, ...csArgs, '--install-extension', vsix], {
            encoding: 'utf8',
            timeout: 120_000,
        });
        const output = `${install.stdout}${install.stderr}`;
        fs.writeFileSync(path.join(artifacts, 'install.log'), output);
        if (install.status !== 0) {
            throw new Error(`--install-extension exited ${install.status} ${install.error ?? ''}:\n${output}`);
        }
        if (!/successfully installed/i.test(output)) {
            throw new Error(`no success message from --install-extension:\n${output}`);
        }
        const noisy = output.split('\n').filter((l) => /warn|error/i.test(l));
        if (noisy.length > 0) {
            throw new Error(`warnings while installing:\n${noisy.join('\n')}`);
        }
    });

    const installed = fs.readdirSync(extensions).find((d) => d.startsWith('go-analyzer.go-analyzer-'));
    const bundled = installed && path.join(extensions, installed, 'server', 'go-analyzer');
    await check('the installed extension carries an executable server binary', null, async () => {
        if (!bundled || !fs.existsSync(bundled)) throw new Error(`no server/go-analyzer in ${extensions}`);
        fs.accessSync(bundled, fs.constants.X_OK);
    });
    const capabilities = await probeCapabilities(bundled, workspace);
    log(`server capabilities: ${Object.keys(capabilities).sort().join(', ')}`);

    const port = await freePort();
    const csLog = fs.openSync(path.join(artifacts, 'code-server.log'), 'w');
    const codeServer = spawn(
        process.execPath,
        [
            entry,
            ...csArgs,
            '--bind-addr',
            `127.0.0.1:${port}`,
            '--auth',
            'none',
            '--disable-telemetry',
            '--disable-update-check',
            '--disable-workspace-trust',
            '--disable-getting-started-override',
            workspace,
        ],
        // Its own process group, so the cleanup ends code-server and everything it started.
        { stdio: ['ignore', csLog, csLog], detached: true },
    );
    cleanups.push(async () => {
        try {
            process.kill(-codeServer.pid, 'SIGTERM');
        } catch {
            // Already gone.
        }
    });
    const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`;
    await waitFor('code-server to answer HTTP', 60_000, async () => {
        if (codeServer.exitCode !== null) throw new Error(`code-server exited ${codeServer.exitCode}; see code-server.log`);
        return fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok).catch(() => false);
    });
    log(`code-server ${codeServer.pid} on port ${port}`);

    const browser = await chromium.launch({
        executablePath: chromiumPath,
        headless: true,
        timeout: 60_000,
        args: [
            '--headless',
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
        ],
    });
    cleanups.unshift(() => browser.close());
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.setDefaultTimeout(30_000);
    await page.goto(url, { timeout: 60_000 });

    await check('the workbench loads with the workspace', page, async () => {
        await page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
        await page.getByRole('treeitem', { name: 'main.go' }).waitFor({ timeout: 60_000 });
    });

    await check('opening main.go starts the server (status bar: running)', page, async () => {
        await page.getByRole('treeitem', { name: 'main.go' }).click();
        await page.locator('.monaco-editor .view-lines').first().waitFor();
        await page.locator('[aria-label="go-analyzer: running"]').first().waitFor({ timeout: 60_000 });
    });

    await check('the type error shows in the Problems view', page, async () => {
        await page.keyboard.press('Control+Shift+M');
        await page.locator('.markers-panel-container').first().waitFor();
        await waitFor(`"${ERROR_TEXT}" in the Problems view`, 30_000, async () =>
            (await problemsText(page)).includes(ERROR_TEXT),
        );
        const text = await problemsText(page);
        if (!text.includes(`[Ln ${ERROR_LINE}, Col 18]`)) {
            throw new Error(`the problem is not at line ${ERROR_LINE}, column 18:\n${text}`);
        }
        await page.screenshot({ path: path.join(artifacts, 'problems.png') });
        log(`screenshot: ${path.join(artifacts, 'problems.png')}`);
    });

    await check('Show Version names the server version and the bundled binary', page, async () => {
        await runCommand(page, 'go-analyzer: Show Version');
        const toast = page.locator('.notifications-toasts .notification-list-item', { hasText: 'go-analyzer 0.' });
        await toast.first().waitFor({ timeout: 20_000 });
        const text = await toast.first().innerText();
        if (!text.includes('(bundled)')) throw new Error(`expected the bundled binary in: ${text}`);
        await page.keyboard.press('Escape');
    });

    // The IDE features the tests exercise; a server that does not advertise one fails a check.
    if (capabilities.hoverProvider) {
        await check('hovering `count` shows its type', page, async () => {
            await page.locator('.monaco-editor .view-lines').first().click();
            await goToLine(page, ERROR_LINE + 1, 15);
            await page.keyboard.press('Control+K');
            await page.keyboard.press('Control+I');
            const hover = page.locator('.monaco-hover-content');
            await waitFor('a hover with "var count int"', 20_000, async () =>
                // Monaco keeps more than one hover widget in the page; any may be the visible one.
                (await hover.allInnerTexts().catch(() => [])).some((t) => /var\s+count\s+int/.test(t)),
            );
            await page.screenshot({ path: path.join(artifacts, 'hover.png') });
            await page.keyboard.press('Escape');
        });
    } else {
        await check('the server advertises hoverProvider', page, async () => {
            throw new Error('the server does not advertise hoverProvider');
        });
    }
    if (capabilities.completionProvider) {
        await check('completion after `fmt.` offers Println', page, async () => {
            await page.locator('.monaco-editor .view-lines').first().click();
            await goToLine(page, ERROR_LINE + 1, 6);
            await page.keyboard.press('Control+Space');
            const suggest = page.locator('.suggest-widget .monaco-list-row', { hasText: 'Println' });
            await suggest.first().waitFor({ timeout: 20_000 });
            await page.keyboard.press('Escape');
        });
    } else {
        await check('the server advertises completionProvider', page, async () => {
            throw new Error('the server does not advertise completionProvider');
        });
    }
    if (capabilities.definitionProvider) {
        await check('go to definition of `count` lands on its declaration', page, async () => {
            await page.locator('.monaco-editor .view-lines').first().click();
            await goToLine(page, ERROR_LINE + 1, 15);
            await page.keyboard.press('F12');
            await waitFor(`the cursor on line ${ERROR_LINE}`, 20_000, async () =>
                (await page.locator('.statusbar [aria-label^="Ln "]').first().innerText().catch(() => '')).startsWith(
                    `Ln ${ERROR_LINE},`,
                ),
            );
        });
    } else {
        await check('the server advertises definitionProvider', page, async () => {
            throw new Error('the server does not advertise definitionProvider');
        });
    }

    await check('fixing the line through an edit clears the problem', page, async () => {
        await page.locator('.monaco-editor .view-lines').first().click();
        await replaceLine(page, ERROR_LINE, GOOD_LINE);
        await waitFor('the Problems view to empty', 30_000, async () => !(await problemsText(page)).includes(ERROR_TEXT));
        await page.screenshot({ path: path.join(artifacts, 'fixed.png') });
    });

    await check('a killed server is restarted and serves again', page, async () => {
        const before = serverPids(codeServer.pid);
        if (before.length !== 1) throw new Error(`expected one go-analyzer process, found ${before.join(', ') || 'none'}`);
        process.kill(before[0], 'SIGKILL');
        log(`killed the server, pid ${before[0]}`);
        await page.locator('[aria-label="go-analyzer: restarting"]').first().waitFor({ timeout: 20_000 });
        await page.locator('[aria-label="go-analyzer: running"]').first().waitFor({ timeout: 30_000 });
        const after = serverPids(codeServer.pid);
        if (after.length !== 1 || after[0] === before[0]) throw new Error(`no new server process: ${after.join(', ')}`);
        // The new server got the open document again: breaking the line brings the error back.
        await page.locator('.monaco-editor .view-lines').first().click();
        await replaceLine(page, ERROR_LINE, BAD_LINE);
        await waitFor(`"${ERROR_TEXT}" in the Problems view again`, 30_000, async () =>
            (await problemsText(page)).includes(ERROR_TEXT),
        );
        await page.screenshot({ path: path.join(artifacts, 'after-restart.png') });
    });

    await check('a server.path that does not exist is reported, and clearing it recovers', page, async () => {
        // Workspace settings: server.path is machine-scoped, which VS Code does not take from
        // the browser-side user settings of a remote window such as code-server's.
        await editWorkspaceSettings(page, { 'go-analyzer.server.path': '/nonexistent/go-analyzer' });
        await page.locator('[aria-label="go-analyzer: no server"]').first().waitFor({ timeout: 30_000 });
        const toast = page.locator('.notifications-toasts .notification-list-item', { hasText: 'does not exist' });
        await toast.first().waitFor({ timeout: 20_000 });
        const text = await toast.first().innerText();
        if (!text.includes('go-analyzer.server.path') || !text.includes('Open Settings')) {
            throw new Error(`the notification does not say what to do: ${text}`);
        }
        await page.screenshot({ path: path.join(artifacts, 'no-binary.png') });
        if (serverPids(codeServer.pid).length !== 0) throw new Error('a server is still running');
        await editWorkspaceSettings(page, {});
        await page.locator('[aria-label="go-analyzer: running"]').first().waitFor({ timeout: 30_000 });
        // The open document is analyzed by the new server: the error is reported again after
        // clearing (a server that stopped cleanly clears its diagnostics).
        await waitFor(`"${ERROR_TEXT}" in the Problems view after recovery`, 30_000, async () =>
            (await problemsText(page)).includes(ERROR_TEXT),
        );
    });

    await check('a server that dies at start is retried with backoff, and recovers once fixed', page, async () => {
        // /bin/false exits at once with status 1, as a binary for another platform or a broken
        // build would: the extension must neither hang nor give up.
        await editWorkspaceSettings(page, { 'go-analyzer.server.path': '/bin/false' });
        await page.locator('[aria-label="go-analyzer: restarting"]').first().waitFor({ timeout: 30_000 });
        const toast = page.locator('.notifications-toasts .notification-list-item', { hasText: '/bin/false does not run' });
        await toast.first().waitFor({ timeout: 30_000 });
        const text = await toast.first().innerText();
        if (!text.includes('exited with code 1') || !text.includes('Restarting it in')) {
            throw new Error(`the notification does not say what went wrong and what happens next: ${text}`);
        }
        await page.screenshot({ path: path.join(artifacts, 'crash-at-start.png') });
        await editWorkspaceSettings(page, {});
        await page.locator('[aria-label="go-analyzer: running"]').first().waitFor({ timeout: 40_000 });
        await waitFor(`"${ERROR_TEXT}" in the Problems view after recovery`, 30_000, async () =>
            (await problemsText(page)).includes(ERROR_TEXT),
        );
    });

    await check('no errors or warnings in the logs before the server was killed', page, async () => {
        const files = [];
        const walk = (dir) => {
            for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
                const p = path.join(dir, e.name);
                if (e.isDirectory()) walk(p);
                else files.push(p);
            }
        };
        walk(path.join(userData, 'logs'));
        const exthost = files.filter((f) => path.basename(f) === 'remoteexthost.log');
        const serverLog = files.filter((f) => f.endsWith(path.join('go-analyzer.go-analyzer', 'go-analyzer.log')));
        if (exthost.length === 0 || serverLog.length === 0) {
            throw new Error(`expected the extension host's log and the go-analyzer output log among:\n${files.join('\n')}`);
        }
        for (const f of [...exthost, ...serverLog]) fs.copyFileSync(f, path.join(artifacts, path.basename(f)));
        const bad = exthost
            .flatMap((f) => fs.readFileSync(f, 'utf8').split('\n'))
            .filter((l) => /\[(error|warning)\]/.test(l) && /go-analyzer/i.test(l));
        // The kill is meant to log errors; everything before it is a healthy start and session.
        const serverLines = fs.readFileSync(serverLog[0], 'utf8').split('\n');
        // The client may log the process's exit before the extension logs the crash.
        const killedAt = serverLines.findIndex(
            (l) => l.includes('the server stopped unexpectedly') || l.includes('exited with signal SIGKILL'),
        );
        if (killedAt < 0) throw new Error('the go-analyzer log does not record the crash');
        bad.push(...serverLines.slice(0, killedAt).filter((l) => /\[(error|warning)\]/.test(l)));
        if (bad.length > 0) throw new Error(bad.join('\n'));
    });
}

async function cleanup() {
    while (cleanups.length > 0) {
        await Promise.resolve(cleanups.shift()()).catch(() => undefined);
    }
}

const started = Date.now();
let code = 0;
try {
    await main();
} catch (err) {
    code = 1;
    if (results.failed === 0) {
        results.failed += 1;
        log(`FAIL ${err?.stack ?? err}`);
    }
} finally {
    await cleanup();
}
log(`artifacts in ${artifacts}; took ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`vscode-e2e: ${results.passed} passed, ${results.failed} failed`);
process.exit(code);
