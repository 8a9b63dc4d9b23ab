// Unit tests of the restart policy: growing delays while the server keeps crashing, a fresh
// start once it has run for a while, and a cap so recovery never waits long.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RestartBackoff } from '../../src/backoff';

const options = { initialMs: 1_000, maxMs: 8_000, stableMs: 60_000 };

test('delays double while the server keeps crashing, up to the cap', () => {
    const b = new RestartBackoff(options);
    const delays: number[] = [];
    let now = 0;
    for (let i = 0; i < 6; i++) {
        b.started(now);
        now += 500; // dies half a second after each start
        delays.push(b.crashed(now));
        now += delays[delays.length - 1];
    }
    assert.deepEqual(delays, [1_000, 2_000, 4_000, 8_000, 8_000, 8_000]);
    assert.equal(b.consecutiveCrashes, 6);
});

test('a crash after a long healthy run starts over from the shortest delay', () => {
    const b = new RestartBackoff(options);
    b.started(0);
    b.crashed(100);
    b.started(1_100);
    assert.equal(b.crashed(1_200), 2_000);
    b.started(5_000);
    assert.equal(b.crashed(5_000 + 60_000), 1_000);
    assert.equal(b.consecutiveCrashes, 1);
});

test('a crash before the server ever came up still backs off', () => {
    // A binary that dies during `initialize` never reaches `started`.
    const b = new RestartBackoff(options);
    assert.equal(b.crashed(0), 1_000);
    assert.equal(b.crashed(1_000), 2_000);
    assert.equal(b.crashed(3_000), 4_000);
});

test('reset (a restart the user asked for) forgets earlier crashes', () => {
    const b = new RestartBackoff(options);
    b.crashed(0);
    b.crashed(1);
    b.reset();
    assert.equal(b.consecutiveCrashes, 0);
    assert.equal(b.crashed(2), 1_000);
});
