// Unit tests of the binary lookup (setting, then bundled, then PATH), on a fake file system.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { type FileState, expandPath, fileState, resolveServerBinary } from '../../src/binary';

/** A file system where only the listed files exist, in the listed states. */
function files(entries: Record<string, FileState>): (file: string) => FileState {
    return (file) => entries[file] ?? 'missing';
}

const base = { extensionPath: '/ext', platform: 'linux' as const, homeDir: '/home/u' };

test('the setting wins over the bundled binary and PATH', () => {
    const r = resolveServerBinary({
        ...base,
        configuredPath: '/opt/ga/go-analyzer',
        pathEnv: '/usr/bin',
        fileState: files({ '/opt/ga/go-analyzer': 'ok', '/ext/server/go-analyzer': 'ok', '/usr/bin/go-analyzer': 'ok' }),
    });
    assert.deepEqual(r, { ok: true, binary: { path: '/opt/ga/go-analyzer', source: 'setting' } });
});

test('an unusable setting is reported, not replaced by another binary', () => {
    for (const [state, words] of [
        ['missing', 'does not exist'],
        ['not-executable', 'is not executable'],
        ['directory', 'is a directory'],
    ] as const) {
        const r = resolveServerBinary({
            ...base,
            configuredPath: '/opt/ga/go-analyzer',
            pathEnv: '/usr/bin',
            fileState: files({ '/opt/ga/go-analyzer': state, '/ext/server/go-analyzer': 'ok' }),
        });
        assert.equal(r.ok, false);
        assert.ok(!r.ok && r.reason === 'setting-unusable' && r.message.includes(words), JSON.stringify(r));
        assert.ok(!r.ok && r.message.includes('go-analyzer.server.path'));
    }
});

test('a blank setting counts as unset', () => {
    const r = resolveServerBinary({
        ...base,
        configuredPath: '   ',
        pathEnv: '',
        fileState: files({ '/ext/server/go-analyzer': 'ok' }),
    });
    assert.deepEqual(r, { ok: true, binary: { path: '/ext/server/go-analyzer', source: 'bundled' } });
});

test('without a bundled binary, the first executable on PATH is used', () => {
    const r = resolveServerBinary({
        ...base,
        configuredPath: null,
        pathEnv: '/a::/b:/c',
        fileState: files({ '/a/go-analyzer': 'not-executable', '/b/go-analyzer': 'ok', '/c/go-analyzer': 'ok' }),
    });
    assert.deepEqual(r, { ok: true, binary: { path: '/b/go-analyzer', source: 'PATH' } });
});

test('a bundled binary that is not executable is skipped for PATH', () => {
    const r = resolveServerBinary({
        ...base,
        configuredPath: undefined,
        pathEnv: '/usr/local/bin',
        fileState: files({ '/ext/server/go-analyzer': 'not-executable', '/usr/local/bin/go-analyzer': 'ok' }),
    });
    assert.deepEqual(r, { ok: true, binary: { path: '/usr/local/bin/go-analyzer', source: 'PATH' } });
});

test('nothing found says what to do', () => {
    const r = resolveServerBinary({ ...base, configuredPath: null, pathEnv: '/usr/bin', fileState: files({}) });
    assert.equal(r.ok, false);
    assert.ok(!r.ok && r.reason === 'not-found');
    assert.ok(!r.ok && r.message.includes('go-analyzer.server.path') && r.message.includes('PATH'));
});

test('Windows looks for go-analyzer.exe with ; separators', () => {
    const r = resolveServerBinary({
        extensionPath: 'C:\\ext',
        platform: 'win32',
        configuredPath: null,
        pathEnv: 'C:\\nope;C:\\tools',
        fileState: (f) => (f.endsWith('tools/go-analyzer.exe') || f.endsWith('tools\\go-analyzer.exe') ? 'ok' : 'missing'),
    });
    assert.ok(r.ok && r.binary.path.endsWith('go-analyzer.exe') && r.binary.source === 'PATH', JSON.stringify(r));
});

test('~ and relative settings are expanded', () => {
    assert.equal(expandPath('~/bin/go-analyzer', '/home/u'), '/home/u/bin/go-analyzer');
    assert.equal(expandPath('~', '/home/u'), '/home/u');
    assert.equal(expandPath('tools/go-analyzer', '/home/u', '/ws'), '/ws/tools/go-analyzer');
    assert.equal(expandPath('/abs/go-analyzer', '/home/u', '/ws'), '/abs/go-analyzer');
});

test('fileState tells missing, directory, not executable and ok apart on a real disk', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ga-bin-'));
    try {
        const plain = path.join(dir, 'plain');
        const exe = path.join(dir, 'exe');
        fs.writeFileSync(plain, '');
        fs.writeFileSync(exe, '#!/bin/sh\n');
        fs.chmodSync(plain, 0o644);
        fs.chmodSync(exe, 0o755);
        assert.equal(fileState(path.join(dir, 'none')), 'missing');
        assert.equal(fileState(dir), 'directory');
        assert.equal(fileState(exe), 'ok');
        // root may execute anything with any x bit, but not a file with none.
        assert.equal(fileState(plain), 'not-executable');
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
});
