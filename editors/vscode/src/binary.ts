// Finding the go-analyzer binary: the setting, else the one bundled in the .vsix, else PATH.
// Kept free of the `vscode` module so the unit tests run under plain node.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export type BinarySource = 'setting' | 'bundled' | 'PATH';

export interface ResolvedBinary {
    path: string;
    source: BinarySource;
}

export type FileState = 'ok' | 'missing' | 'not-executable' | 'directory';

export type Resolution =
    | { ok: true; binary: ResolvedBinary }
    | { ok: false; reason: 'setting-unusable' | 'not-found'; message: string };

export interface ResolveInput {
    /** `go-analyzer.server.path`, as the user wrote it. */
    configuredPath: string | null | undefined;
    /** The extension's install directory: the bundled binary is `server/go-analyzer` in it. */
    extensionPath: string;
    /** Where a relative `server.path` is taken from: the first workspace folder, if any. */
    workspaceRoot?: string;
    pathEnv: string | undefined;
    platform: NodeJS.Platform;
    homeDir?: string;
    /** Injected so tests need no real files; `fileState` below is the real one. */
    fileState?: (file: string) => FileState;
}

export function binaryName(platform: NodeJS.Platform): string {
    return platform === 'win32' ? 'go-analyzer.exe' : 'go-analyzer';
}

/** What is at `file`: the reason a candidate is refused is what the user is told. */
export function fileState(file: string): FileState {
    let stat: fs.Stats;
    try {
        stat = fs.statSync(file);
    } catch {
        return 'missing';
    }
    if (stat.isDirectory()) {
        return 'directory';
    }
    try {
        fs.accessSync(file, fs.constants.X_OK);
    } catch {
        return 'not-executable';
    }
    return 'ok';
}

/** `~` and `~/…` are the home directory, as in a shell; a relative path is the workspace's. */
export function expandPath(configured: string, homeDir: string, workspaceRoot?: string): string {
    let p = configured.trim();
    if (p === '~') {
        p = homeDir;
    } else if (p.startsWith('~/') || p.startsWith('~\\')) {
        p = path.join(homeDir, p.slice(2));
    }
    if (!path.isAbsolute(p) && workspaceRoot !== undefined) {
        p = path.join(workspaceRoot, p);
    }
    return p;
}

export function resolveServerBinary(input: ResolveInput): Resolution {
    const state = input.fileState ?? fileState;
    const name = binaryName(input.platform);
    const configured = input.configuredPath?.trim();
    if (configured) {
        // The user named a binary: if it is unusable we say so rather than quietly running
        // another one, which would hide the mistake.
        const file = expandPath(configured, input.homeDir ?? os.homedir(), input.workspaceRoot);
        const found = state(file);
        if (found === 'ok') {
            return { ok: true, binary: { path: file, source: 'setting' } };
        }
        const why = {
            missing: 'does not exist',
            'not-executable': 'is not executable (chmod +x it)',
            directory: `is a directory (point it at the ${name} binary inside)`,
        }[found];
        return {
            ok: false,
            reason: 'setting-unusable',
            message: `The setting go-analyzer.server.path is ${JSON.stringify(configured)}, which ${why}. Fix or clear the setting.`,
        };
    }
    const bundled = path.join(input.extensionPath, 'server', name);
    if (state(bundled) === 'ok') {
        return { ok: true, binary: { path: bundled, source: 'bundled' } };
    }
    const sep = input.platform === 'win32' ? ';' : ':';
    for (const dir of (input.pathEnv ?? '').split(sep)) {
        if (dir === '') {
            continue;
        }
        const candidate = path.join(dir, name);
        if (state(candidate) === 'ok') {
            return { ok: true, binary: { path: candidate, source: 'PATH' } };
        }
    }
    return {
        ok: false,
        reason: 'not-found',
        message:
            `No ${name} binary found: none is bundled with this extension and none is on PATH. ` +
            'Install it (cargo install --path crates/go-analyzer in a go-analyzer checkout) or set go-analyzer.server.path.',
    };
}
