// Unit tests of the Go toolchain check that decides whether the user is warned.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FileState } from '../../src/binary';
import { findGoToolchain } from '../../src/toolchain';

const only = (...ok: string[]) => (f: string): FileState => (ok.includes(f) ? 'ok' : 'missing');

test('GOROOT/bin/go is preferred to PATH', () => {
    const t = findGoToolchain({ GOROOT: '/goroot', PATH: '/usr/bin' }, 'linux', only('/goroot/bin/go', '/usr/bin/go'));
    assert.deepEqual(t, { found: true, go: '/goroot/bin/go', via: 'GOROOT' });
});

test('go on PATH is found', () => {
    const t = findGoToolchain({ PATH: '/x:/usr/local/go/bin' }, 'linux', only('/usr/local/go/bin/go'));
    assert.deepEqual(t, { found: true, go: '/usr/local/go/bin/go', via: 'PATH' });
});

test('no toolchain: the message names the broken GOROOT and what to do', () => {
    const t = findGoToolchain({ GOROOT: '/gone', PATH: '/usr/bin' }, 'linux', only());
    assert.equal(t.found, false);
    assert.ok(!t.found && t.message.includes('GOROOT=/gone') && t.message.includes('Install Go'), JSON.stringify(t));
});
