// Unit tests of what the server is told: the initialization options built from settings
// (with hand-written junk ignored) and the server process's environment.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type SettingReader, logFilter, readSettings, serverEnv } from '../../src/settings';

function reader(values: Record<string, unknown>): SettingReader {
    return <T>(key: string, fallback: T): T => (key in values ? (values[key] as T) : fallback);
}

test('defaults when nothing is set', () => {
    assert.deepEqual(readSettings(reader({})), {
        analyses: {},
        build: { tags: [], env: {} },
        inlayHints: { enable: true, parameterNames: true, variableTypes: false, constantValues: false },
        semanticTokens: { enable: true },
        logLevel: 'info',
    });
});

test('values are passed through and junk in settings.json is dropped', () => {
    const s = readSettings(
        reader({
            analyses: { unusedparams: true, shadow: false, bogus: 'yes' },
            'build.tags': ['integration', '', 7],
            'build.env': { GOOS: 'windows', CGO_ENABLED: 0, nested: { no: 1 } },
            'inlayHints.variableTypes': true,
            'semanticTokens.enable': false,
            'server.logLevel': 'loud',
        }),
    );
    assert.deepEqual(s.analyses, { unusedparams: true, shadow: false });
    assert.deepEqual(s.build, { tags: ['integration'], env: { GOOS: 'windows', CGO_ENABLED: '0' } });
    assert.equal(s.inlayHints.variableTypes, true);
    assert.equal(s.semanticTokens.enable, false);
    assert.equal(s.logLevel, 'info', 'an unknown level falls back to info');
});

test('the server environment layers editor, build env, log level and extraEnv', () => {
    const settings = readSettings(reader({ 'build.env': { GOOS: 'windows', GOARCH: 'arm64' }, 'server.logLevel': 'debug' }));
    const env = serverEnv({ PATH: '/usr/bin', GOOS: 'linux', HOME: '/h' }, settings, { GOARCH: 'riscv64' });
    assert.equal(env.PATH, '/usr/bin');
    assert.equal(env.GOOS, 'windows', 'build.env overrides the editor environment');
    assert.equal(env.GOARCH, 'riscv64', 'extraEnv overrides build.env');
    assert.equal(env.GO_ANALYZER_LOG, 'debug,salsa=warn');
    const explicit = serverEnv({}, settings, { GO_ANALYZER_LOG: 'hir=trace' });
    assert.equal(explicit.GO_ANALYZER_LOG, 'hir=trace', 'an explicit filter in extraEnv wins');
});

test('log filters keep salsa quiet except at trace', () => {
    assert.equal(logFilter('warn'), 'warn,salsa=warn');
    assert.equal(logFilter('trace'), 'trace');
});
