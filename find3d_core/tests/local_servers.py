"""Local stand-ins for the remote services the data engine talks to, driven through the real client libraries.

GeminiServer  speaks Gemini's generateContent wire format over plain HTTP (google-genai takes a base URL).
HubServer     an HTTPS proxy for the Objaverse package: the package fetches fixed https://huggingface.co URLs
              with urllib, which follows `https_proxy` (a CONNECT tunnel) and trusts the CA in
              `SSL_CERT_FILE`; this server answers the CONNECT, terminates TLS with a certificate for the
              requested host signed by a test CA (trustme), and serves files from a dict, with scripted
              failures per path ("500", "cut" = half the body then close, "html" = an error page with 200).
"""

from __future__ import annotations

import json
import ssl
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


class _Server:
    """A ThreadingHTTPServer on 127.0.0.1 run in a daemon thread, as a context manager."""

    def __init__(self, handler: type[BaseHTTPRequestHandler]) -> None:
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(5)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/"


class GeminiServer(_Server):
    """Answers generateContent with scripted statuses, then `answer` (a string, or a function of the request body)."""

    def __init__(self, script: list[int], answer="Handle.") -> None:
        self.script, self.answer, self.requests = list(script), answer, []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                outer.requests.append((self.path, dict(self.headers), body))
                status = outer.script.pop(0) if outer.script else 200
                if status == 200:
                    text = outer.answer(body) if callable(outer.answer) else outer.answer
                    payload = {"candidates": [{"content": {"role": "model", "parts": [{"text": text}]},
                                               "finishReason": "STOP", "index": 0}],
                               "usageMetadata": {"promptTokenCount": 10, "candidatesTokenCount": 1}}
                else:
                    payload = {"error": {"code": status, "message": "scripted failure", "status":
                                         "RESOURCE_EXHAUSTED" if status == 429 else "INTERNAL"}}
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args) -> None:
                pass

        super().__init__(Handler)


class HubServer(_Server):
    """HTTPS (through CONNECT) file server; `files` maps URL paths to bytes, `failures` paths to scripted faults."""

    def __init__(self, files: dict[str, bytes], workdir: Path, host: str = "huggingface.co") -> None:
        import trustme

        self.files, self.failures, self.requests = dict(files), {}, []
        ca = trustme.CA()
        self.ca_file = workdir / "test-ca.pem"
        ca.cert_pem.write_to_path(str(self.ca_file))
        tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ca.issue_cert(host).configure_cert(tls)
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_CONNECT(self) -> None:  # noqa: N802
                self.send_response(200, "Connection established")
                self.end_headers()
                self.wfile.flush()
                # From here on the client speaks TLS to "the host": the requests that follow are read from it.
                self.connection = tls.wrap_socket(self.connection, server_side=True)
                self.rfile = self.connection.makefile("rb")
                self.wfile = self.connection.makefile("wb")
                self.close_connection = False

            def do_GET(self) -> None:  # noqa: N802
                path = self.path.split("?")[0]
                outer.requests.append(path)
                script = outer.failures.get(path, [])
                fault = script.pop(0) if script else None
                data = outer.files.get(path)
                if fault == "500" or data is None:
                    self._send(500 if fault else 404, b"error")
                elif fault == "html":
                    self._send(200, b"<html>rate limited</html>")
                elif fault == "cut":
                    self._send(200, data, cut=True)
                else:
                    self._send(200, data)

            def _send(self, status: int, data: bytes, cut: bool = False) -> None:
                self.send_response(status)
                self.send_header("Content-Length", str(len(data)))
                self.send_header("Connection", "close")
                self.end_headers()
                self.wfile.write(data[: len(data) // 2] if cut else data)
                self.wfile.flush()
                self.close_connection = True

            def log_message(self, *args) -> None:
                pass

        super().__init__(Handler)

    def fail(self, path: str, *faults: str) -> None:
        """Script the next answers for `path` ("500", "cut", "html"); normal answers follow."""
        self.failures.setdefault(path, []).extend(faults)


def route_https_through(server: HubServer, monkeypatch) -> None:
    """Send urllib's https requests through `server` (proxy and CA from the environment, as a user would)."""
    import urllib.request

    monkeypatch.setenv("https_proxy", server.url)
    monkeypatch.setenv("SSL_CERT_FILE", str(server.ca_file))
    for var in ("HTTPS_PROXY", "no_proxy", "NO_PROXY", "SSL_CERT_DIR"):
        monkeypatch.delenv(var, raising=False)
    urllib.request.install_opener(None)  # urllib caches its opener (with the proxies of the time) on first use
