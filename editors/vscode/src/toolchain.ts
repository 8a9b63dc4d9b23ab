// Is there a Go toolchain the server can use? Without one the standard library does not
// resolve and every `import "fmt"` is an error, so the user is told once, with what to do.
// Free of the `vscode` module so the unit tests run under plain node.

import * as path from 'node:path';
import type { FileState } from './binary';

export type Toolchain = { found: true; go: string; via: 'GOROOT' | 'PATH' } | { found: false; message: string };

export function findGoToolchain(
    env: NodeJS.ProcessEnv,
    platform: NodeJS.Platform,
    fileState: (file: string) => FileState,
): Toolchain {
    const go = platform === 'win32' ? 'go.exe' : 'go';
    if (env.GOROOT) {
        const candidate = path.join(env.GOROOT, 'bin', go);
        if (fileState(candidate) === 'ok') {
            return { found: true, go: candidate, via: 'GOROOT' };
        }
    }
    const sep = platform === 'win32' ? ';' : ':';
    for (const dir of (env.PATH ?? '').split(sep)) {
        if (dir !== '' && fileState(path.join(dir, go)) === 'ok') {
            return { found: true, go: path.join(dir, go), via: 'PATH' };
        }
    }
    const goroot = env.GOROOT ? ` (GOROOT=${env.GOROOT} has no bin/${go})` : '';
    return {
        found: false,
        message:
            `No Go toolchain found: no ${go} on PATH${goroot}. go-analyzer needs one to find the standard library. ` +
            'Install Go, or set GOROOT in go-analyzer.server.extraEnv.',
    };
}
