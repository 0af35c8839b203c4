"""A real HTTP server on loopback serving feed files, with ETag/Last-Modified like a CDN."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from stream.broker import free_port

__all__ = ["FeedServer", "serve_feeds"]

LAST_MODIFIED = "Fri, 20 Nov 2026 12:00:00 GMT"


@dataclass
class FeedServer:
    """Routes (path → file), the feed validators it honours, and the requests it saw."""

    port: int
    routes: dict[str, Path]
    conditional: bool = True
    requests: list[tuple[str, dict[str, str], int]] = field(default_factory=list)

    def url(self, path: str) -> str:
        """The full URL of a path on this server."""
        return f"http://127.0.0.1:{self.port}{path}"

    def statuses(self, path: str) -> list[int]:
        """The statuses answered for `path`, in order."""
        return [status for seen, _, status in self.requests if seen == path]


def _handler(server: FeedServer) -> type[BaseHTTPRequestHandler]:
    """A request handler bound to `server`'s routes."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            file = server.routes.get(self.path)
            headers = {name.lower(): value for name, value in self.headers.items()}
            if file is None:
                self._answer(HTTPStatus.NOT_FOUND, headers)
                return
            body = file.read_bytes()
            etag = f'"{hashlib.sha256(body).hexdigest()[:16]}"'
            if server.conditional and (
                headers.get("if-none-match") == etag
                or (
                    "if-none-match" not in headers
                    and headers.get("if-modified-since") == LAST_MODIFIED
                )
            ):
                self._answer(HTTPStatus.NOT_MODIFIED, headers)
                return
            content_type = (
                "application/atom+xml" if file.suffix == ".atom" else "application/rss+xml"
            )
            extra = {"ETag": etag, "Last-Modified": LAST_MODIFIED} if server.conditional else {}
            self._answer(HTTPStatus.OK, headers, body, {"Content-Type": content_type, **extra})

        def _answer(
            self,
            status: HTTPStatus,
            seen: dict[str, str],
            body: bytes = b"",
            headers: dict[str, str] | None = None,
        ) -> None:
            server.requests.append((self.path, seen, int(status)))
            self.send_response(status)
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            """Quiet."""

    return Handler


@contextmanager
def serve_feeds(routes: dict[str, Path], *, conditional: bool = True) -> Iterator[FeedServer]:
    """Run a FeedServer in a background thread for the duration of the block."""
    feeds = FeedServer(free_port(), dict(routes), conditional=conditional)
    httpd = ThreadingHTTPServer(("127.0.0.1", feeds.port), _handler(feeds))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield feeds
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()
