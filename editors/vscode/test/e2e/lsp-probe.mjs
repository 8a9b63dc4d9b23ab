// Asks a go-analyzer binary for its capabilities over stdio (initialize, shutdown, exit), so
// the end-to-end test checks hover, completion and definition only once the server offers them.

import { spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';

export function probeCapabilities(binary, rootDir, timeoutMs = 20_000) {
    return new Promise((resolve, reject) => {
        const server = spawn(binary, ['lsp'], { stdio: ['pipe', 'pipe', 'ignore'] });
        const timer = setTimeout(() => {
            server.kill('SIGKILL');
            reject(new Error(`${binary} did not answer initialize within ${timeoutMs} ms`));
        }, timeoutMs);
        let buffer = Buffer.alloc(0);
        const send = (message) => {
            const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }));
            server.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
            server.stdin.write(body);
        };
        server.on('error', (err) => {
            clearTimeout(timer);
            reject(err);
        });
        server.stdout.on('data', (chunk) => {
            buffer = Buffer.concat([buffer, chunk]);
            for (;;) {
                const end = buffer.indexOf('\r\n\r\n');
                if (end < 0) return;
                const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, end).toString())?.[1]);
                if (buffer.length < end + 4 + length) return;
                const message = JSON.parse(buffer.subarray(end + 4, end + 4 + length).toString());
                buffer = buffer.subarray(end + 4 + length);
                if (message.id === 1) {
                    clearTimeout(timer);
                    send({ id: 2, method: 'shutdown' });
                    send({ method: 'exit' });
                    server.stdin.end();
                    if (message.error) reject(new Error(`initialize failed: ${JSON.stringify(message.error)}`));
                    else resolve(message.result.capabilities);
                }
            }
        });
        send({
            id: 1,
            method: 'initialize',
            params: { processId: process.pid, rootUri: pathToFileURL(rootDir).href, capabilities: {} },
        });
    });
}
