// Unit tests that package.json and the code agree: every setting the code reads is declared
// with a description, and every contributed command is registered.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { RESTART_SETTINGS, readSettings } from '../../src/settings';

// Compiled to out-test/test/unit/: the extension's root is three levels up.
const root = path.join(__dirname, '..', '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const properties: Record<string, { description?: string; markdownDescription?: string; default?: unknown }> =
    manifest.contributes.configuration.properties;

test('every setting read by the code is declared, described, with the same default', () => {
    const read: Array<[string, unknown]> = [];
    readSettings(<T>(key: string, fallback: T): T => {
        read.push([key, fallback]);
        return fallback;
    });
    const keys = [...read.map(([k]) => `go-analyzer.${k}`), ...RESTART_SETTINGS, 'go-analyzer.checkGoToolchain'];
    for (const key of keys) {
        const p = properties[key];
        assert.ok(p, `${key} is not in package.json`);
        assert.ok(p.description ?? p.markdownDescription, `${key} has no description`);
    }
    for (const [key, fallback] of read) {
        assert.deepEqual(properties[`go-analyzer.${key}`].default, fallback, `default of ${key}`);
    }
});

test('every contributed command is registered by the extension', () => {
    const source = fs.readFileSync(path.join(root, 'src', 'extension.ts'), 'utf8');
    for (const { command } of manifest.contributes.commands as Array<{ command: string }>) {
        assert.ok(source.includes(`registerCommand('${command}'`), `${command} is never registered`);
    }
});
