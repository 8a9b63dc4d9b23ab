// The VS Code extension's entry point: finds the go-analyzer binary, runs it as a language
// server through vscode-languageclient, restarts it with backoff when it dies, and shows its
// state in the status bar. The decisions (which binary, how long to wait, what the server is
// told) live in binary.ts, backoff.ts, settings.ts and toolchain.ts, which are unit-tested.

import { execFile } from 'node:child_process';
import * as readline from 'node:readline';
import * as vscode from 'vscode';
import {
    CloseAction,
    type CloseHandlerResult,
    ErrorAction,
    type ErrorHandlerResult,
    LanguageClient,
    type LanguageClientOptions,
    type Message,
    type ServerOptions,
    State,
} from 'vscode-languageclient/node';
import { RestartBackoff } from './backoff';
import { fileState, type ResolvedBinary, resolveServerBinary } from './binary';
import { classify, type Level } from './serverlog';
import { RESTART_SETTINGS, readSettings, type ServerSettings, serverEnv } from './settings';
import { findGoToolchain } from './toolchain';

const SECTION = 'go-analyzer';

type ServerState =
    | { kind: 'starting' }
    | { kind: 'running' }
    | { kind: 'restarting'; inMs: number }
    | { kind: 'no-binary'; why: string };

/** What the extension's `activate` returns: enough for a test or another extension to look. */
export interface GoAnalyzerApi {
    readonly binary: ResolvedBinary | undefined;
    readonly client: LanguageClient | undefined;
}

class ServerController implements vscode.Disposable, GoAnalyzerApi {
    // One output channel for the life of the extension: a restarted server logs after the
    // crash that killed the previous one, so the log tells the whole story.
    private readonly output = vscode.window.createOutputChannel('go-analyzer', { log: true });
    private readonly trace = vscode.window.createOutputChannel('go-analyzer trace', { log: true });
    private readonly status = vscode.window.createStatusBarItem('go-analyzer.status', vscode.StatusBarAlignment.Left, 0);
    private readonly backoff = new RestartBackoff();
    private restartTimer: NodeJS.Timeout | undefined;
    /** Set while we stop the client ourselves, so its `closed` is not taken for a crash. */
    private stopping = false;
    private state: ServerState = { kind: 'starting' };
    /** Messages already shown as notifications, so a retry loop does not repeat them. */
    private readonly shown = new Set<string>();
    private toolchainChecked = false;
    client: LanguageClient | undefined;
    binary: ResolvedBinary | undefined;

    constructor(private readonly context: vscode.ExtensionContext) {
        this.status.name = 'go-analyzer';
        this.status.command = 'go-analyzer.showServerLog';
        this.render();
        this.status.show();
    }

    dispose(): void {
        clearTimeout(this.restartTimer);
        void this.stopClient();
        this.status.dispose();
        this.output.dispose();
        this.trace.dispose();
    }

    private setting<T>(key: string, fallback: T): T {
        return vscode.workspace.getConfiguration(SECTION).get<T>(key, fallback);
    }

    private settings(): ServerSettings {
        return readSettings((key, fallback) => this.setting(key, fallback));
    }

    private starting: Promise<void> | undefined;

    /** Starts the server unless it is up or starting; safe to call in any state. */
    start(): Promise<void> {
        this.starting ??= this.doStart().finally(() => {
            this.starting = undefined;
        });
        return this.starting;
    }

    private async doStart(): Promise<void> {
        clearTimeout(this.restartTimer);
        this.restartTimer = undefined;
        if (this.client !== undefined) {
            return;
        }
        this.setState({ kind: 'starting' });
        const resolution = resolveServerBinary({
            configuredPath: this.setting<string | null>('server.path', null),
            extensionPath: this.context.extensionPath,
            workspaceRoot: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath,
            pathEnv: process.env.PATH,
            platform: process.platform,
        });
        if (!resolution.ok) {
            this.binary = undefined;
            this.output.error(resolution.message);
            this.setState({ kind: 'no-binary', why: resolution.message });
            this.notify('error', resolution.message, ['Open Settings', 'Retry']);
            return;
        }
        this.binary = resolution.binary;
        const settings = this.settings();
        const env = serverEnv(process.env, settings, this.setting<Record<string, string>>('server.extraEnv', {}));
        this.checkToolchain(env);
        // A binary that cannot even print its version (another platform's, a broken build) is
        // told as such, rather than as the EPIPE the client library would report.
        const version = await runVersion(this.binary.path, env);
        if (!version.ok) {
            this.crashed(`${this.binary.path} does not run: ${version.why}`, undefined);
            return;
        }
        this.output.info(`starting ${this.binary.path} (${this.binary.source}): ${version.version}`);

        const serverOptions: ServerOptions = {
            command: this.binary.path,
            args: ['lsp'],
            options: { env },
        };
        const clientOptions: LanguageClientOptions = {
            documentSelector: [{ scheme: 'file', language: 'go' }],
            outputChannel: this.output,
            traceOutputChannel: this.trace,
            initializationOptions: settings,
            stdioOptions: {
                // Anything on stdout besides the protocol would be a server bug: keep it visible.
                stdout: (input, channel) => lines(input, (line) => channel.warn(`stdout: ${line}`)),
                stderr: (input, channel) => {
                    let level: Level = 'info';
                    lines(input, (line) => {
                        const c = classify(line, level);
                        level = c.level;
                        channel[c.level](c.text);
                    });
                },
            },
            // A server that fails `initialize` is handled like a crash (see `start`): one
            // notification of ours, in words, instead of the library's pop-ups about EPIPE.
            initializationFailedHandler: (error) => {
                this.output.error(`initialize failed: ${errorText(error)}`);
                return false;
            },
            // Our own restart policy: the library's gives up for good after 5 crashes in 3
            // minutes. Errors go to the log; the user hears about crashes from `crashed`.
            errorHandler: {
                error: (_error: Error, _message: Message | undefined, count: number | undefined): ErrorHandlerResult =>
                    (count ?? 0) <= 3
                        ? { action: ErrorAction.Continue, handled: true }
                        : { action: ErrorAction.Shutdown, handled: true },
                closed: (): CloseHandlerResult => {
                    if (this.stopping) {
                        return { action: CloseAction.DoNotRestart, handled: true };
                    }
                    // The library cleans the dead client up itself once we return; we start a
                    // new one after the backoff delay.
                    const next = this.crashed('the server stopped unexpectedly', undefined);
                    return { action: CloseAction.DoNotRestart, handled: true, message: `Connection to server closed; ${next}.` };
                },
            },
        };
        const client = new LanguageClient('go-analyzer', 'go-analyzer', serverOptions, clientOptions);
        this.client = client;
        client.onDidChangeState((e) => {
            if (this.client !== client) {
                return;
            }
            if (e.newState === State.Running) {
                this.backoff.started(Date.now());
                this.setState({ kind: 'running' });
            }
        });
        try {
            await client.start();
        } catch (err) {
            // Spawning failed, or the server died before answering `initialize` (a binary for
            // another platform, a crash at start): the same recovery as a crash later on.
            if (this.client === client && !this.stopping) {
                this.crashed(`the server failed to start: ${errorText(err)}`, client);
            }
        }
    }

    /**
     * The server went away without being asked to: drop the client, restart after a while.
     * `dispose` is a client that failed to start and may still hold a process to free.
     */
    private crashed(why: string, dispose: LanguageClient | undefined): string {
        this.client = undefined;
        if (dispose !== undefined && dispose.state !== State.Stopped) {
            void dispose.dispose().catch(() => undefined);
        }
        if (this.restartTimer !== undefined) {
            return 'a restart is already scheduled';
        }
        const delay = this.backoff.crashed(Date.now());
        const crashes = this.backoff.consecutiveCrashes;
        this.output.error(`${why}; restart ${crashes} in ${delay / 1000}s`);
        this.setState({ kind: 'restarting', inMs: delay });
        if (crashes === 1 || crashes === 4) {
            const again = crashes === 1 ? '' : ` It has now stopped ${crashes} times in a row.`;
            void this.notify(
                crashes === 1 ? 'warning' : 'error',
                `go-analyzer: ${why}. Restarting it in ${delay / 1000}s.${again}`,
                ['Show Log'],
                false,
            );
        }
        this.restartTimer = setTimeout(() => {
            this.restartTimer = undefined;
            void this.start();
        }, delay);
        return `restarting it in ${delay / 1000}s`;
    }

    private async stopClient(): Promise<void> {
        const client = this.client;
        this.client = undefined;
        if (client === undefined) {
            return;
        }
        this.stopping = true;
        try {
            if (client.isRunning()) {
                await client.stop(5_000);
            }
            await client.dispose();
        } catch (err) {
            this.output.warn(`stopping the server: ${errorText(err)}`);
        } finally {
            this.stopping = false;
        }
    }

    async restart(why: string): Promise<void> {
        this.output.info(`restarting the server: ${why}`);
        clearTimeout(this.restartTimer);
        this.restartTimer = undefined;
        this.backoff.reset();
        this.shown.clear();
        await this.stopClient();
        this.output.info('stopped; starting again');
        await this.start();
    }

    /** A Go file was opened while no binary could be found: perhaps it is there now. */
    retryIfNoBinary(): void {
        if (this.state.kind === 'no-binary') {
            void this.start();
        }
    }

    async configurationChanged(event: vscode.ConfigurationChangeEvent): Promise<void> {
        if (!event.affectsConfiguration(SECTION)) {
            return;
        }
        if (RESTART_SETTINGS.some((key) => event.affectsConfiguration(key)) || this.client === undefined) {
            this.shown.clear();
            await this.restart('the settings changed');
            return;
        }
        if (this.client.isRunning()) {
            await this.client.sendNotification('workspace/didChangeConfiguration', {
                settings: { [SECTION]: this.settings() },
            });
        }
    }

    showLog(): void {
        this.output.show(true);
    }

    async showVersion(): Promise<void> {
        const extension = `extension ${this.context.extension.packageJSON.version}`;
        if (this.binary === undefined) {
            void vscode.window.showWarningMessage(`go-analyzer: no server binary (${extension}).`);
            return;
        }
        const binary = this.binary;
        const probe = await runVersion(binary.path, process.env);
        const version = probe.ok ? probe.version : `unknown version (${probe.why})`;
        const message = `${version} — ${binary.path} (${binary.source}); ${extension}`;
        this.output.info(message);
        void vscode.window.showInformationMessage(message);
    }

    private checkToolchain(env: NodeJS.ProcessEnv): void {
        if (this.toolchainChecked || !this.setting('checkGoToolchain', true)) {
            return;
        }
        this.toolchainChecked = true;
        const toolchain = findGoToolchain(env, process.platform, fileState);
        if (toolchain.found) {
            this.output.info(`Go toolchain: ${toolchain.go} (via ${toolchain.via})`);
        } else {
            this.output.warn(toolchain.message);
            this.notify('warning', `go-analyzer: ${toolchain.message}`, ['Open Settings']);
        }
    }

    /** Shows a notification once per message (until a restart); its buttons do what they say. */
    private async notify(
        level: 'error' | 'warning',
        message: string,
        actions: string[],
        once = true,
    ): Promise<void> {
        if (once && this.shown.has(message)) {
            return;
        }
        this.shown.add(message);
        const show = level === 'error' ? vscode.window.showErrorMessage : vscode.window.showWarningMessage;
        const choice = await show(message, ...actions);
        if (choice === 'Open Settings') {
            await vscode.commands.executeCommand('workbench.action.openSettings', SECTION);
        } else if (choice === 'Retry') {
            await this.restart('Retry was clicked');
        } else if (choice === 'Show Log') {
            this.showLog();
        }
    }

    private setState(state: ServerState): void {
        this.state = state;
        this.render();
    }

    private render(): void {
        const s = this.state;
        const [icon, word, tooltip, background] = {
            starting: ['$(loading~spin)', 'starting', 'go-analyzer is starting', undefined],
            running: ['$(check)', 'running', `go-analyzer is running: ${this.binary?.path ?? ''}`, undefined],
            restarting: [
                '$(warning)',
                'restarting',
                `go-analyzer stopped; restarting in ${s.kind === 'restarting' ? s.inMs / 1000 : 0}s`,
                'statusBarItem.warningBackground',
            ],
            'no-binary': ['$(error)', 'no server', s.kind === 'no-binary' ? s.why : '', 'statusBarItem.errorBackground'],
        }[s.kind];
        this.status.text = `${icon} go-analyzer`;
        this.status.tooltip = `${tooltip}\n\nClick for the server log.`;
        // The state in words, for screen readers and for the end-to-end test, which reads it.
        this.status.accessibilityInformation = { label: `go-analyzer: ${word}` };
        this.status.backgroundColor = background === undefined ? undefined : new vscode.ThemeColor(background);
    }
}

/** `BINARY --version`, with a timeout so a hung binary cannot hang the extension. */
function runVersion(
    binary: string,
    env: NodeJS.ProcessEnv,
): Promise<{ ok: true; version: string } | { ok: false; why: string }> {
    return new Promise((resolve) => {
        execFile(binary, ['--version'], { timeout: 10_000, env }, (err, stdout) => {
            const version = stdout.trim();
            if (err) {
                const code = (err as { code?: unknown }).code;
                resolve({ ok: false, why: typeof code === 'number' ? `--version exited with code ${code}` : errorText(err) });
            } else if (!version.startsWith('go-analyzer ')) {
                resolve({ ok: false, why: `--version printed ${JSON.stringify(version.slice(0, 80))}, not go-analyzer's version` });
            } else {
                resolve({ ok: true, version });
            }
        });
    });
}

function lines(input: NodeJS.ReadableStream, each: (line: string) => void): void {
    readline.createInterface({ input, crlfDelay: Infinity, terminal: false }).on('line', each);
}

function errorText(err: unknown): string {
    return err instanceof Error ? err.message : String(err);
}

export async function activate(context: vscode.ExtensionContext): Promise<GoAnalyzerApi> {
    const controller = new ServerController(context);
    context.subscriptions.push(
        controller,
        vscode.commands.registerCommand('go-analyzer.restartServer', () => controller.restart('the Restart Server command')),
        vscode.commands.registerCommand('go-analyzer.showServerLog', () => controller.showLog()),
        vscode.commands.registerCommand('go-analyzer.showVersion', () => controller.showVersion()),
        vscode.workspace.onDidChangeConfiguration((e) => controller.configurationChanged(e)),
        vscode.workspace.onDidOpenTextDocument((doc) => {
            if (doc.languageId === 'go') {
                controller.retryIfNoBinary();
            }
        }),
    );
    await controller.start();
    return controller;
}

export function deactivate(): void {
    // The controller is in context.subscriptions: VS Code disposes it, which stops the server.
}
