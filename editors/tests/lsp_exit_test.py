"""The language server's process always ends: after `exit` while the client keeps stdin open,
when the client closes stdin, when the client is killed, and when the client named in
`processId` dies while something else still holds the server's stdin.

usage: python lsp_exit_test.py path/to/diplint     (standard library only)
Prints "ok - ..." per case and "N passed, N failed" last.
"""

import json
import os
import signal
import subprocess
import sys
import threading
import time

DEADLINE = 5.0  # seconds a server may take to notice and leave


class Server:
    """`diplint lsp` on pipes, with a thread that reads its framed messages."""

    def __init__(self, binary):
        self.proc = subprocess.Popen(
            [binary, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        self.messages = []
        self.cond = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=self.proc.stderr.read, daemon=True).start()

    def _read(self):
        stream = self.proc.stdout
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    return
                line = line.strip()
                if not line:
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            body = json.loads(stream.read(length))
            with self.cond:
                self.messages.append(body)
                self.cond.notify_all()

    def send(self, message):
        body = json.dumps(message).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        self.proc.stdin.flush()

    def request(self, id_, method, params):
        self.send({"jsonrpc": "2.0", "id": id_, "method": method, "params": params})
        with self.cond:
            if not self.cond.wait_for(lambda: any(m.get("id") == id_ for m in self.messages), timeout=10):
                raise AssertionError(f"no answer to {method}")
        return next(m for m in self.messages if m.get("id") == id_)

    def notify(self, method, params=None):
        message = {"jsonrpc": "2.0", "method": method}
        if params is not None:
            message["params"] = params
        self.send(message)

    def initialize(self, process_id=None):
        answer = self.request(1, "initialize", {"processId": process_id, "rootUri": None, "capabilities": {}})
        assert "result" in answer, answer
        self.notify("initialized", {})

    def ended_within(self, seconds):
        try:
            self.proc.wait(timeout=seconds)
            return True
        except subprocess.TimeoutExpired:
            return False

    def kill(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


def exit_after_shutdown_with_stdin_open(binary):
    server = Server(binary)
    try:
        server.initialize()
        server.request(2, "shutdown", None)
        started = time.monotonic()
        server.notify("exit")
        # stdin stays open: the client has not closed it.
        assert server.ended_within(DEADLINE), "still running after exit with stdin open"
        assert server.proc.returncode == 0, f"exit status {server.proc.returncode}, expected 0"
        return f"ended in {1000 * (time.monotonic() - started):.0f} ms, status 0"
    finally:
        server.kill()


def exit_without_shutdown(binary):
    server = Server(binary)
    try:
        server.initialize()
        server.notify("exit")
        assert server.ended_within(DEADLINE), "still running after exit with stdin open"
        assert server.proc.returncode == 1, f"exit status {server.proc.returncode}, expected 1 (LSP)"
        return "status 1"
    finally:
        server.kill()


def client_closes_stdin(binary):
    server = Server(binary)
    try:
        server.initialize()
        started = time.monotonic()
        server.proc.stdin.close()
        assert server.ended_within(DEADLINE), "still running after its stdin closed"
        return f"ended in {1000 * (time.monotonic() - started):.0f} ms, status {server.proc.returncode}"
    finally:
        server.kill()


CLIENT = r"""
import json, subprocess, sys, time
proc = subprocess.Popen([sys.argv[1], "lsp"], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL)
body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                   "params": {"processId": None, "rootUri": None, "capabilities": {}}}).encode()
proc.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
proc.stdin.flush()
print(proc.pid, flush=True)
time.sleep(3600)
"""


def alive(pid):
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(") ")[1][0] != "Z"
    except FileNotFoundError:
        return False


def wait_gone(pid, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not alive(pid):
            return True
        time.sleep(0.05)
    return False


def client_killed(binary):
    client = subprocess.Popen([sys.executable, "-c", CLIENT, binary], stdout=subprocess.PIPE)
    server_pid = int(client.stdout.readline())
    try:
        time.sleep(0.3)
        client.send_signal(signal.SIGKILL)
        client.wait()
        assert wait_gone(server_pid, DEADLINE), "the server outlived its killed client"
        return "the server left with its client"
    finally:
        if alive(server_pid):
            os.kill(server_pid, signal.SIGKILL)


def parent_process_dies(binary):
    # The client named in processId dies, but the server's stdin is still held (here by this
    # test; in life by a wrapper or a grandchild that inherited the pipe).
    parent = subprocess.Popen(["sleep", "3600"])
    server = Server(binary)
    try:
        server.initialize(process_id=parent.pid)
        time.sleep(0.3)
        assert server.proc.poll() is None, "the server left while its parent was alive"
        parent.kill()
        parent.wait()
        assert server.ended_within(DEADLINE + 5), "the server outlived the processId it was given"
        return f"status {server.proc.returncode}"
    finally:
        parent.kill()
        server.kill()


CASES = [
    ("exit after shutdown ends the server while the client keeps stdin open", exit_after_shutdown_with_stdin_open),
    ("exit without shutdown ends the server with status 1", exit_without_shutdown),
    ("the server ends when the client closes stdin", client_closes_stdin),
    ("the server ends when its client is killed", client_killed),
    ("the server ends when the processId it was given dies, stdin still open", parent_process_dies),
]


def main():
    binary = os.path.abspath(sys.argv[1])
    passed = failed = 0
    for name, case in CASES:
        try:
            note = case(binary)
        except Exception as error:  # noqa: BLE001 - reported, then counted
            failed += 1
            print(f"not ok - [lsp-exit] {name}\n  {error}")
        else:
            passed += 1
            print(f"ok - [lsp-exit] {name} ({note})")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
