#!/usr/bin/env python3
"""A small stand-alone LSP client for go-analyzer: watch diagnostics appear and disappear.

Usage: python3 lsp_client.py path/to/go-analyzer

Starts `go-analyzer lsp`, opens a Go file with a syntax error, fixes it with an incremental
edit, breaks it again, closes it, and shuts the server down, checking at each step what the
server published. Prints what it saw; exits 0 on success, 1 on any failure (with the server's
stderr). Python 3 standard library only.
"""

import json
import os
import queue
import subprocess
import sys
import threading
import time

TIMEOUT = 30.0  # seconds to wait for any one expected message: a debug build is slow


class Failure(Exception):
    pass


class Client:
    def __init__(self, binary):
        self.proc = subprocess.Popen(
            [binary, "lsp"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        self.messages = queue.Queue()
        self.stderr = []
        self.next_id = 1
        threading.Thread(target=self._read_stdout, daemon=True).start()
        threading.Thread(target=self._read_stderr, daemon=True).start()

    def _read_stdout(self):
        out = self.proc.stdout
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    self.messages.put(None)
                    return
                line = line.strip()
                if not line:
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value.strip())
            if length is None:
                self.messages.put(Failure("a message without Content-Length on stdout"))
                return
            self.messages.put(json.loads(out.read(length).decode("utf-8")))

    def _read_stderr(self):
        for line in self.proc.stderr:
            self.stderr.append(line.decode("utf-8", "replace"))

    def send(self, message):
        body = json.dumps(dict(jsonrpc="2.0", **message)).encode("utf-8")
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def request(self, method, params):
        request_id = self.next_id
        self.next_id += 1
        self.send({"id": request_id, "method": method, "params": params})
        return self.wait(lambda m: m.get("id") == request_id and "method" not in m, method + " response")

    def notify(self, method, params):
        self.send({"method": method, "params": params})

    def wait(self, matches, what):
        deadline = time.monotonic() + TIMEOUT
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise Failure("timed out waiting for " + what)
            try:
                message = self.messages.get(timeout=left)
            except queue.Empty:
                raise Failure("timed out waiting for " + what)
            if message is None:
                raise Failure("the server closed stdout while we waited for " + what)
            if isinstance(message, Exception):
                raise message
            if message.get("method") == "window/logMessage":
                print("  server log:", message["params"]["message"])
            if matches(message):
                return message

    def diagnostics(self, uri, version):
        def matches(m):
            return (
                m.get("method") == "textDocument/publishDiagnostics"
                and m["params"]["uri"] == uri
                and m["params"].get("version") == version
            )

        params = self.wait(matches, "diagnostics of version %s" % version)["params"]
        return params["diagnostics"]


def show(diagnostics):
    if not diagnostics:
        return "  (no diagnostics)"
    return "\n".join(
        "  %d:%d-%d:%d %s: %s"
        % (
            d["range"]["start"]["line"] + 1,
            d["range"]["start"]["character"] + 1,
            d["range"]["end"]["line"] + 1,
            d["range"]["end"]["character"] + 1,
            d.get("source", "?"),
            d["message"],
        )
        for d in diagnostics
    )


def expect(condition, why):
    if not condition:
        raise Failure(why)


def session(client):
    init = client.request(
        "initialize",
        {
            "processId": os.getpid(),
            "rootUri": None,
            "capabilities": {"general": {"positionEncodings": ["utf-16"]}},
            "clientInfo": {"name": "lsp_client.py"},
        },
    )
    expect("result" in init, "initialize failed: %r" % init)
    info = init["result"].get("serverInfo", {})
    encoding = init["result"]["capabilities"].get("positionEncoding")
    print("server: %s %s, position encoding %s" % (info.get("name"), info.get("version"), encoding))
    expect(info.get("name") == "go-analyzer", "unexpected serverInfo %r" % info)
    expect(encoding == "utf-16", "a client offering only utf-16 got %r" % encoding)
    client.notify("initialized", {})

    uri = "file:///tmp/go-analyzer-lsp-client/main.go"
    broken = 'package main\n\nfunc main() {\n\tprintln("héllo" +)\n}\n'
    client.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "go", "version": 1, "text": broken}},
    )
    diagnostics = client.diagnostics(uri, 1)
    print("opened a file with a syntax error (version 1):\n" + show(diagnostics))
    expect(diagnostics, "no diagnostics for a syntax error")
    line = diagnostics[0]["range"]["start"]["line"]
    expect(line == 3, "the error is on line 4, not line %d" % (line + 1))

    # Delete the stray " +". Python counts code points, which on this line are also UTF-16
    # units (no character outside the BMP), the encoding this client negotiated.
    start = broken.split("\n")[3].index(" +)")
    fix = {"range": {"start": {"line": 3, "character": start}, "end": {"line": 3, "character": start + 2}}, "text": ""}
    client.notify(
        "textDocument/didChange",
        {"textDocument": {"uri": uri, "version": 2}, "contentChanges": [fix]},
    )
    diagnostics = client.diagnostics(uri, 2)
    print("fixed it with an incremental edit (version 2):\n" + show(diagnostics))
    expect(not diagnostics, "diagnostics remain after the fix")

    breakage = {"range": {"start": {"line": 4, "character": 0}, "end": {"line": 4, "character": 1}}, "text": ""}
    client.notify(
        "textDocument/didChange",
        {"textDocument": {"uri": uri, "version": 3}, "contentChanges": [breakage]},
    )
    diagnostics = client.diagnostics(uri, 3)
    print("deleted the closing brace (version 3):\n" + show(diagnostics))
    expect(diagnostics, "no diagnostics for a missing brace")

    client.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    diagnostics = client.diagnostics(uri, None)
    print("closed it:\n" + show(diagnostics))
    expect(not diagnostics, "diagnostics remain after closing")

    shutdown = client.request("shutdown", None)
    expect("error" not in shutdown, "shutdown failed: %r" % shutdown)
    client.notify("exit", None)
    try:
        code = client.proc.wait(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        raise Failure("the server did not exit after shutdown and exit")
    print("server exited with code %d" % code)
    expect(code == 0, "exit code %d after shutdown and exit" % code)


def main():
    if len(sys.argv) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    client = Client(sys.argv[1])
    try:
        session(client)
    except (Failure, OSError, ValueError) as err:
        print("FAILED: %s" % err, file=sys.stderr)
        client.proc.kill()
        client.proc.wait()
        time.sleep(0.1)  # let the stderr reader catch up
        sys.stderr.write("server stderr:\n" + "".join(client.stderr))
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
