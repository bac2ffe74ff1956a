"""SUPERVISOR admin API against a real Redis and real RQ jobs run by a real (burst) SimpleWorker.

The app under test is shared.web.make_app("supervisor") plus the admin blueprint, so these tests do
not depend on supervisor/app.py; the metrics hook is wired the way create_app wires it."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient
from prometheus_client import REGISTRY
from rq import SimpleWorker
from rq.job import Job
from rq.serializers import JSONSerializer

from bandcrew.embedded_redis import free_port
from shared.queues import QUEUES, get_queue
from shared.redisdb import get_redis, reset_redis
from shared.settings import reset_settings
from shared.web import make_app
from supervisor.admin import bp
from supervisor.metrics import refresh_queue_gauges

TOKEN = "admin-test-token-5f2c9a"  # test-only value; real ones come from .env / Docker secrets
AUTH = {"Authorization": f"Bearer {TOKEN}"}
FLAKY = "tests.supervisor.jobs_for_tests.fail_until_flag"
FLAG = "bsc:test:upstream-ready"


@pytest.fixture
def admin_token(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    monkeypatch.setenv("SUPERVISOR_ADMIN_TOKEN", TOKEN)
    reset_settings()
    yield TOKEN
    monkeypatch.undo()
    reset_settings()


def build_app() -> Flask:
    app = make_app("supervisor", {"TESTING": True})
    app.register_blueprint(bp)
    app.extensions["bsc_metrics_hook"] = refresh_queue_gauges
    return app


@pytest.fixture
def client(redis_db, admin_token: str) -> FlaskClient:
    return build_app().test_client()


def run_worker(queue_name: str = "supervisor") -> None:
    queue = get_queue(queue_name)
    SimpleWorker([queue], connection=get_redis(), serializer=JSONSerializer).work(
        burst=True, with_scheduler=False, logging_level="WARNING"
    )


def failed_job(job_id: str, artist: str = "Nova", queue: str = "supervisor") -> Job:
    """Enqueue the flaky job (no retries, so the first failure is final) and let a worker fail it."""
    job = get_queue(queue).enqueue(FLAKY, args=(FLAG, {"artist": artist}), job_id=job_id, failure_ttl=3600)
    run_worker(queue)
    job.refresh()
    assert job.is_failed, job.get_status()
    return job


# --- authentication ---------------------------------------------------------------------------------


def test_admin_api_is_disabled_without_a_token(redis_db, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SUPERVISOR_ADMIN_TOKEN", raising=False)
    reset_settings()
    try:
        client = build_app().test_client()
        for method, path in (
            ("get", "/admin/queues"),
            ("get", "/admin/workers"),
            ("get", "/admin/jobs/failed"),
            ("post", "/admin/jobs/x/requeue"),
        ):
            # Even a request that looks authenticated is refused: there is nothing to compare with.
            resp = getattr(client, method)(path, headers={"Authorization": "Bearer "})
            assert resp.status_code == 403, path
            assert resp.json["error"] == "admin_disabled"
            assert "SUPERVISOR_ADMIN_TOKEN" in resp.json["message"]
            assert resp.headers["Cache-Control"] == "no-store"
    finally:
        monkeypatch.undo()
        reset_settings()


@pytest.mark.parametrize(
    "header",
    [
        None,
        "Bearer wrong-token",
        f"Basic {TOKEN}",  # right secret, wrong scheme
        f"Bearer {TOKEN}x",  # a prefix match must not pass
        "Bearer tökén-ünïcode",  # non-ASCII must be a clean 401, not a 500 from compare_digest
    ],
)
def test_missing_or_wrong_token_is_401(client: FlaskClient, header: str | None) -> None:
    headers = {"Authorization": header} if header is not None else {}
    resp = client.get("/admin/queues", headers=headers)
    assert resp.status_code == 401
    assert resp.headers["WWW-Authenticate"].startswith("Bearer")
    assert resp.headers["Cache-Control"] == "no-store"
    assert resp.json["error"] == "unauthorized"
    assert TOKEN not in resp.get_data(as_text=True)
    if header:
        assert header.split(" ", 1)[1] not in resp.get_data(as_text=True)


def test_right_token_passes_and_response_is_not_cached(client: FlaskClient) -> None:
    resp = client.get("/admin/queues", headers=AUTH)
    assert resp.status_code == 200
    assert resp.headers["Cache-Control"] == "no-store"
    assert TOKEN not in resp.get_data(as_text=True)
    # The scheme is case-insensitive (RFC 7235).
    assert client.get("/admin/queues", headers={"Authorization": f"bearer {TOKEN}"}).status_code == 200


def test_mutations_are_post_only(client: FlaskClient) -> None:
    assert client.get("/admin/jobs/some-job/requeue", headers=AUTH).status_code == 405


# --- inspection -----------------------------------------------------------------------------------


def test_queue_counts_per_registry(client: FlaskClient) -> None:
    analyst = get_queue("analyst")
    analyst.enqueue(FLAKY, args=(FLAG, {"artist": "A"}))
    analyst.enqueue(FLAKY, args=(FLAG, {"artist": "B"}))
    failed_job("count-me")

    body = client.get("/admin/queues", headers=AUTH).json
    by_name = {q["name"]: q for q in body["queues"]}
    assert list(by_name) == list(QUEUES)
    for q in by_name.values():
        assert {"queued", "started", "finished", "failed", "deferred", "scheduled", "workers"} <= set(q)
    assert by_name["analyst"]["queued"] == 2
    assert by_name["analyst"]["failed"] == 0
    assert by_name["supervisor"]["failed"] == 1
    assert by_name["supervisor"]["queued"] == 0
    assert by_name["marketing"] == {**by_name["marketing"], "queued": 0, "failed": 0, "finished": 0}


def test_workers_lists_a_registered_worker(client: FlaskClient) -> None:
    assert client.get("/admin/workers", headers=AUTH).json == {"workers": []}
    worker = SimpleWorker([get_queue("marketing")], connection=get_redis(), serializer=JSONSerializer)
    worker.register_birth()
    worker.heartbeat()
    try:
        listed = client.get("/admin/workers", headers=AUTH).json["workers"]
        assert len(listed) == 1
        w = listed[0]
        assert w["name"] == worker.name
        assert w["pid"] == os.getpid()
        assert w["queues"] == ["marketing"]
        assert w["current_job"] is None
        assert w["last_heartbeat"]
        assert w["successful_jobs"] == 0 and w["failed_jobs"] == 0
        queues = {q["name"]: q for q in client.get("/admin/queues", headers=AUTH).json["queues"]}
        assert queues["marketing"]["workers"] == 1 and queues["analyst"]["workers"] == 0
    finally:
        worker.register_death()


def test_failed_jobs_list_with_filters(client: FlaskClient) -> None:
    failed_job("older", artist="First")
    failed_job("newer", artist="Second")

    jobs = client.get("/admin/jobs/failed", headers=AUTH).json["jobs"]
    assert [j["id"] for j in jobs] == ["newer", "older"]
    job = jobs[0]
    assert job["queue"] == "supervisor"
    assert job["func"] == FLAKY
    assert job["status"] == "failed"
    assert job["ended_at"]
    assert any("Second" in a for a in job["args"])
    assert job["exc_info"][-1] == "RuntimeError: upstream not ready for Second"
    assert len(job["exc_info"]) <= 6

    assert [j["id"] for j in client.get("/admin/jobs/failed?limit=1", headers=AUTH).json["jobs"]] == ["newer"]
    assert client.get("/admin/jobs/failed?queue=analyst", headers=AUTH).json["jobs"] == []
    assert len(client.get("/admin/jobs/failed?queue=supervisor", headers=AUTH).json["jobs"]) == 2

    for query, field in (
        ("queue=nope", "queue"),
        ("limit=0", "limit"),
        ("limit=x", "limit"),
        ("limit=100000", "limit"),
    ):
        resp = client.get(f"/admin/jobs/failed?{query}", headers=AUTH)
        assert resp.status_code == 400, query
        assert resp.json["field"] == field


def test_long_arguments_are_summarized(client: FlaskClient) -> None:
    failed_job("big-args", artist="x" * 5000)
    job = client.get("/admin/jobs/failed", headers=AUTH).json["jobs"][0]
    assert all(len(a) <= 120 for a in job["args"])


# --- requeue ---------------------------------------------------------------------------------------


def test_requeue_a_failed_job_then_it_runs_to_success(client: FlaskClient, redis_db) -> None:
    failed_job("fix-me")
    detail = client.get("/admin/jobs/fix-me", headers=AUTH).json
    assert detail["status"] == "failed" and detail["queue"] == "supervisor"

    resp = client.post("/admin/jobs/fix-me/requeue", headers=AUTH)
    assert resp.status_code == 200, resp.json
    assert resp.json == {"id": "fix-me", "queue": "supervisor", "status": "queued"}
    assert resp.headers["Cache-Control"] == "no-store"
    queue = get_queue("supervisor")
    assert "fix-me" in queue.job_ids
    assert "fix-me" not in queue.failed_job_registry
    assert client.get("/admin/jobs/failed", headers=AUTH).json["jobs"] == []

    # A queued job is not failed: requeueing it again is a conflict, not a duplicate enqueue.
    again = client.post("/admin/jobs/fix-me/requeue", headers=AUTH)
    assert again.status_code == 409
    assert "queued" in again.json["message"]

    redis_db.set(FLAG, "1")  # the operator fixed the cause
    run_worker()
    assert client.get("/admin/jobs/fix-me", headers=AUTH).json["status"] == "finished"
    assert client.post("/admin/jobs/fix-me/requeue", headers=AUTH).status_code == 409


def test_unknown_job_is_404_json(client: FlaskClient) -> None:
    for resp in (
        client.get("/admin/jobs/no-such-job", headers=AUTH),
        client.post("/admin/jobs/no-such-job/requeue", headers=AUTH),
        client.get("/admin/jobs/bad:id", headers=AUTH),
    ):
        assert resp.status_code == 404
        assert resp.json["error"] == "not_found"


def test_requeue_requires_the_token(client: FlaskClient) -> None:
    failed_job("guarded")
    assert client.post("/admin/jobs/guarded/requeue").status_code == 401
    assert "guarded" in get_queue("supervisor").failed_job_registry  # untouched


# --- metrics ---------------------------------------------------------------------------------------


def test_metrics_scrape_reports_queue_gauges(client: FlaskClient) -> None:
    failed_job("metric-fail")
    get_queue("optimizer").enqueue(FLAKY, args=(FLAG, {}))
    text = client.get("/metrics").get_data(as_text=True)
    assert 'bsc_queue_jobs{queue="supervisor",registry="failed"} 1.0' in text
    assert 'bsc_queue_jobs{queue="optimizer",registry="queued"} 1.0' in text
    assert 'bsc_workers{queue="analyst"} 0.0' in text
    assert "bsc_queue_scrape_ok 1.0" in text


def test_metrics_survive_redis_outage(redis_db, monkeypatch: pytest.MonkeyPatch) -> None:
    failed_job("before-outage")
    refresh_queue_gauges()
    assert REGISTRY.get_sample_value("bsc_queue_jobs", {"queue": "supervisor", "registry": "failed"}) == 1
    monkeypatch.setenv("REDIS_URL", f"redis://127.0.0.1:{free_port()}/0")  # nothing listens there
    reset_settings()
    reset_redis()
    try:
        refresh_queue_gauges()  # must not raise
        assert REGISTRY.get_sample_value("bsc_queue_scrape_ok") == 0
        # Stale values are dropped rather than reported as current.
        assert (
            REGISTRY.get_sample_value("bsc_queue_jobs", {"queue": "supervisor", "registry": "failed"}) is None
        )
    finally:
        monkeypatch.undo()
        reset_settings()
        reset_redis()
    refresh_queue_gauges()
    assert REGISTRY.get_sample_value("bsc_queue_scrape_ok") == 1
