// When to restart a server that stopped on its own: soon after a single crash, then less and
// less often while it keeps crashing, and quickly again once it has run for a while. Never
// "give up for good": the user may fix the cause (a new binary, a setting) while the editor runs.

export interface BackoffOptions {
    /** Delay before the first restart, in milliseconds. */
    initialMs: number;
    /** The longest delay between two restarts. */
    maxMs: number;
    /** A server that ran this long before crashing counts as healthy: the delays start over. */
    stableMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 1_000, maxMs: 30_000, stableMs: 60_000 };

export class RestartBackoff {
    private crashes = 0;
    private startedAt: number | undefined;

    constructor(private readonly options: BackoffOptions = DEFAULT_BACKOFF) {}

    /** Crashes since the server last ran for `stableMs`. */
    get consecutiveCrashes(): number {
        return this.crashes;
    }

    /** The server is up (initialized). */
    started(now: number): void {
        this.startedAt = now;
    }

    /** The server stopped without being asked to; returns how long to wait before restarting. */
    crashed(now: number): number {
        if (this.startedAt !== undefined && now - this.startedAt >= this.options.stableMs) {
            this.crashes = 0;
        }
        this.startedAt = undefined;
        const delay = Math.min(this.options.maxMs, this.options.initialMs * 2 ** this.crashes);
        this.crashes += 1;
        return delay;
    }

    /** A restart the user asked for, or a new binary: the next crash waits the shortest time. */
    reset(): void {
        this.crashes = 0;
        this.startedAt = undefined;
    }
}
