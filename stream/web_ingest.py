"""POST /articles on the worker's web server: validated articles queued on the input topic.

The body is one article (a JSON object or a raw text/HTML document) or a JSON array of
article objects. Answers: 202 once every article is acknowledged by the broker, 401 without
the bearer token, 413 over the request cap or an article over the body limit, 422 with one
error per invalid article (nothing is queued then), 503 when no token is configured.
"""

from __future__ import annotations

import hmac
import json
from typing import Any, cast

import faust
from aiohttp import web as aiohttp_web
from faust import web

from schemas import Article
from stream.core.intake import article_key, parse_article
from stream.errors import IntakeError
from stream.settings import Settings

__all__ = ["IngestRejection", "parse_ingest_body", "register_ingest"]

_CHUNK_BYTES = 65_536


class IngestRejection(Exception):
    """Why a request body was refused: an HTTP status and a JSON-ready payload."""

    def __init__(self, status: int, payload: dict[str, Any]) -> None:
        super().__init__(status, payload)
        self.status = status
        self.payload = payload


def _messages(body: bytes) -> list[bytes]:
    """The request's articles as separate messages: array items, or the whole body."""
    if not body.lstrip().startswith(b"["):
        return [body]
    try:
        items = json.loads(body)
    except (ValueError, RecursionError) as error:
        raise IngestRejection(422, {"error": f"invalid JSON array: {error}"}) from None
    if not items:
        raise IngestRejection(422, {"error": "the array holds no article"})
    return [json.dumps(item, ensure_ascii=False).encode() for item in items]


def parse_ingest_body(body: bytes, *, max_body_bytes: int) -> list[tuple[Article, bytes]]:
    """Each article of a request with its message bytes, or IngestRejection (413/422)."""
    parsed: list[tuple[Article, bytes]] = []
    errors: list[dict[str, Any]] = []
    for index, message in enumerate(_messages(body)):
        try:
            parsed.append((parse_article(message, max_body_bytes=max_body_bytes), message))
        except IntakeError as error:
            errors.append({"index": index, "reason": error.reason, "message": error.message})
    if any(error["reason"] == "too_large" for error in errors):
        raise IngestRejection(413, {"error": "article over the size limit", "errors": errors})
    if errors:
        raise IngestRejection(422, {"error": "invalid article(s)", "errors": errors})
    return parsed


def _authorised(request: web.Request, token: str) -> bool:
    """True when the request carries `Authorization: Bearer <token>` (constant-time check)."""
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(
        given.strip().encode(), token.encode()
    )


async def _read_capped(request: aiohttp_web.BaseRequest, cap: int) -> bytes:
    """The request body, or IngestRejection(413) as soon as it exceeds `cap` bytes."""
    declared = request.content_length
    if declared is not None and declared > cap:
        raise IngestRejection(413, {"error": f"request body over {cap} bytes"})
    chunks: list[bytes] = []
    size = 0
    while chunk := await request.content.read(_CHUNK_BYTES):
        size += len(chunk)
        if size > cap:
            raise IngestRejection(413, {"error": f"request body over {cap} bytes"})
        chunks.append(chunk)
    return b"".join(chunks)


def register_ingest(app: faust.App, settings: Settings, topic: faust.TopicT) -> None:
    """Serve POST /articles, queueing accepted articles on `topic` (the input topic)."""
    token = settings.ingest_token.get_secret_value() if settings.ingest_token else None
    request_cap, article_cap = settings.ingest_max_request_bytes, settings.max_body_bytes

    @app.page("/articles", name="ingest_articles")
    class IngestArticles(web.View):
        """POST one article or a JSON array of articles to the input topic."""

        async def post(self, request: web.Request) -> web.Response:
            """Authenticate, read (capped), validate all, produce all, answer 202."""
            if token is None:
                return self.json({"error": "ingest is disabled: no token configured"}, status=503)
            if not _authorised(request, token):
                return self.json(
                    {"error": "missing or wrong bearer token"},
                    status=401,
                    headers={"WWW-Authenticate": "Bearer"},
                )
            try:
                body = await _read_capped(cast(aiohttp_web.BaseRequest, request), request_cap)
                articles = parse_ingest_body(body, max_body_bytes=article_cap)
            except IngestRejection as rejection:
                return self.json(rejection.payload, status=rejection.status)
            pending = [
                await topic.send(key=article_key(article), value=message)
                for article, message in articles
            ]
            for future in pending:
                await future
            ids = [article.id for article, _ in articles]
            return self.json({"accepted": len(ids), "ids": ids}, status=202)
