"""POST /articles on a real worker: 202 and analysed, 401, 413, 422, nothing partial."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator

import httpx
import pytest

from schemas import Event
from stream.kafka_io import Record
from tests.integration.workers import Deployment, WorkerProcess

TOKEN = "s3cret-ingest-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture(scope="module")
def web_worker(
    kafka_bootstrap: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Deployment, WorkerProcess]]:
    """One worker with an ingest token, a 2 KiB article limit and a 16 KiB request cap."""
    deployment = Deployment(kafka_bootstrap, tmp_path_factory.mktemp("web-ingest"))
    deployment.extra.update(
        ingest_token=TOKEN, max_body_bytes="2048", ingest_max_request_bytes="16384"
    )
    deployment.create_topics()
    worker = deployment.start_worker()
    deadline = time.monotonic() + 60
    while True:
        try:
            httpx.get(f"http://127.0.0.1:{worker.web_port}/healthz", timeout=2)
            break
        except httpx.HTTPError:
            assert time.monotonic() < deadline, worker.log()[-3000:]
            time.sleep(0.2)
    try:
        yield deployment, worker
    finally:
        deployment.stop_all()


def _post(
    worker: WorkerProcess, body: object, headers: dict[str, str] | None = None
) -> httpx.Response:
    """POST a JSON body (or raw bytes) to the worker's /articles."""
    content = body if isinstance(body, bytes) else json.dumps(body).encode()
    return httpx.post(
        f"http://127.0.0.1:{worker.web_port}/articles",
        content=content,
        headers={"Content-Type": "application/json", **(headers if headers is not None else AUTH)},
        timeout=10,
    )


def _article(article_id: str, title: str) -> dict[str, str]:
    """A small article payload."""
    return {"id": article_id, "title": title, "body": f"{title}, witnesses said on Tuesday."}


def _is(record: Record, article_id: str) -> bool:
    """Whether an input-topic record carries the article with `article_id`."""
    return bool(json.loads(record.value).get("id") == article_id)


def test_articles_posted_with_the_token_are_accepted_and_analysed(
    web_worker: tuple[Deployment, WorkerProcess],
) -> None:
    """One object and an array of two: 202 with their ids, then three events."""
    deployment, worker = web_worker
    single = _post(worker, _article("web-1", "Car bomb explodes outside Kabul ministry"))
    batch = _post(
        worker,
        [
            _article("web-2", "Airstrike destroys bridge near Raqqa"),
            _article("web-3", "Farmers protest over grain prices in Lagos"),
        ],
    )
    assert (single.status_code, single.json()) == (202, {"accepted": 1, "ids": ["web-1"]})
    assert (batch.status_code, batch.json()) == (202, {"accepted": 2, "ids": ["web-2", "web-3"]})
    wanted = {"web-1", "web-2", "web-3"}

    def arrived(records: list[Record]) -> bool:
        return wanted <= {Event.model_validate_json(r.value).article.id for r in records}

    events = deployment.collect([deployment.settings.topic_events], arrived)
    assert wanted <= {Event.model_validate_json(r.value).article.id for r in events}


def test_a_missing_or_wrong_bearer_token_is_401(
    web_worker: tuple[Deployment, WorkerProcess],
) -> None:
    """No header, a wrong token, or another scheme: 401 with WWW-Authenticate."""
    _, worker = web_worker
    payload = _article("web-x", "Unauthorised report")
    for headers in ({}, {"Authorization": "Bearer nope"}, {"Authorization": f"Basic {TOKEN}"}):
        response = _post(worker, payload, headers)
        assert response.status_code == 401
        assert response.headers["WWW-Authenticate"] == "Bearer"


def test_an_oversize_request_or_article_is_413(
    web_worker: tuple[Deployment, WorkerProcess],
) -> None:
    """Over the 16 KiB request cap, or one article over the 2 KiB body limit."""
    _, worker = web_worker
    huge = [_article(f"web-big-{index}", "Shelling " * 200) for index in range(12)]
    assert _post(worker, huge).status_code == 413
    response = _post(worker, _article("web-long", "Clashes " * 400))
    assert response.status_code == 413
    assert response.json()["errors"][0]["reason"] == "too_large"


def test_invalid_articles_are_422_with_field_errors_and_none_of_the_batch_is_queued(
    web_worker: tuple[Deployment, WorkerProcess],
) -> None:
    """A bad item rejects the whole array with per-item errors; its good item never arrives."""
    deployment, worker = web_worker
    response = _post(
        worker,
        [
            _article("web-good-but-rejected", "Troops advance on Bakhmut"),
            {"id": "t", "title": 5},
            {"id": "e"},
        ],
    )
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert [(error["index"], error["reason"]) for error in errors] == [
        (1, "invalid_article"),
        (2, "no_content"),
    ]
    assert "title" in errors[0]["message"]
    assert _post(worker, b"[not json").status_code == 422
    assert (
        _post(worker, _article("web-marker", "Marker article after the rejection")).status_code
        == 202
    )
    topic = deployment.settings.topic_articles
    records = deployment.collect([topic], lambda found: any(_is(r, "web-marker") for r in found))
    assert not any(_is(record, "web-good-but-rejected") for record in records)
