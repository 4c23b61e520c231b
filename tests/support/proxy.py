"""A forwarding HTTP proxy on 127.0.0.1 that breaks one request on purpose.

The publishing tests put it between `pipeline publish` and a real CKAN portal: every
request goes through to the portal as it is, except the n-th call of one action, whose
connection is closed without an answer, as a network failing part way through an upload
would. What the portal holds afterwards is then the portal's own doing.
"""

from __future__ import annotations

import http.client
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit


class _Forwarder(BaseHTTPRequestHandler):
    server: _ProxyServer

    def _forward(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if self.server.breaks(self.path):
            self.close_connection = True
            return  # no answer at all: the client sees the connection drop
        upstream = http.client.HTTPConnection(self.server.target_host, self.server.target_port)
        headers = {key: value for key, value in self.headers.items() if key.lower() != "host"}
        upstream.request(self.command, self.path, body=body, headers=headers)
        answer = upstream.getresponse()
        data = answer.read()
        self.send_response(answer.status)
        for key, value in answer.getheaders():
            if key.lower() not in ("transfer-encoding", "connection", "content-length"):
                self.send_header(key, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
        upstream.close()

    do_GET = do_POST = _forward

    def log_message(self, format: str, *args: object) -> None:
        return None


class _ProxyServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, target: str, action: str, failing_call: int) -> None:
        super().__init__(("127.0.0.1", 0), _Forwarder)
        parts = urlsplit(target)
        self.target_host, self.target_port = parts.hostname or "127.0.0.1", parts.port or 80
        self.action_suffix = f"/action/{action}"  # /api/action/... or /api/3/action/...
        self.failing_call = failing_call
        self.calls = 0
        self.lock = threading.Lock()

    def breaks(self, path: str) -> bool:
        """Whether this request is the one to break (the n-th call of the action)."""
        if not path.split("?", 1)[0].rstrip("/").endswith(self.action_suffix):
            return False
        with self.lock:
            self.calls += 1
            return self.calls == self.failing_call


@contextmanager
def breaking_proxy(target: str, action: str, failing_call: int) -> Iterator[str]:
    """The address of a proxy to target that drops the failing_call-th call of action."""
    server = _ProxyServer(target, action, failing_call)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
