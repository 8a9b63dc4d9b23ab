// The server's stderr in the log output channel at the level each line was logged with.
// The server logs through `tracing` (`<timestamp>  INFO target: message`); vscode-languageclient
// would log every stderr line as an error, which makes a healthy server look broken.

export type Level = 'error' | 'warn' | 'info' | 'debug' | 'trace';

const TRACING_LINE = /^\S+\s+(ERROR|WARN|INFO|DEBUG|TRACE)\s+(.*)$/;

/**
 * Classifies one stderr line. `previous` is the level of the line before: a line with no level
 * of its own (a multi-line message, a backtrace) belongs to it. A Rust panic is an error.
 */
export function classify(line: string, previous: Level): { level: Level; text: string } {
    const m = TRACING_LINE.exec(line);
    if (m) {
        return { level: m[1].toLowerCase() as Level, text: m[2] };
    }
    if (/^thread '.*' panicked at /.test(line)) {
        return { level: 'error', text: line };
    }
    return { level: previous, text: line };
}
