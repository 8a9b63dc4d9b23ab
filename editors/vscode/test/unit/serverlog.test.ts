// Unit tests of how server stderr lines are classified for the log output channel.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { classify } from '../../src/serverlog';

test('tracing lines keep their level and lose the timestamp', () => {
    assert.deepEqual(classify('2026-11-27T04:11:41.884086Z  INFO server::handlers: initialized', 'error'), {
        level: 'info',
        text: 'server::handlers: initialized',
    });
    assert.deepEqual(classify('2026-11-27T04:11:41Z  WARN server: the client refused', 'info').level, 'warn');
    assert.deepEqual(classify('2026-11-27T04:11:41Z ERROR server::main_loop: boom', 'info').level, 'error');
});

test('continuation lines follow the line before; panics are errors', () => {
    assert.deepEqual(classify('   0: std::backtrace', 'debug'), { level: 'debug', text: '   0: std::backtrace' });
    assert.equal(classify("thread 'main' panicked at src/x.rs:1:1:", 'info').level, 'error');
});
