"""MAIN's fixtures: the real SUPERVISOR API on a free port (on the suite's real Redis) and a MAIN
app pointed at it. MAIN is tested only through real services: nothing here fakes the SUPERVISOR."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient

from bandcrew.embedded_redis import free_port


@pytest.fixture(scope="session")
def supervisor_url(redis_url: str) -> Iterator[str]:
    from werkzeug.serving import make_server

    from supervisor.app import create_app as create_supervisor

    port = free_port()
    server = make_server("127.0.0.1", port, create_supervisor({"TESTING": True}), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{port}"
    server.shutdown()


@pytest.fixture
def app(redis_db, supervisor_url: str) -> Flask:
    from main.app import create_app

    # flask_socketio's test client refuses to run with a message queue; the live path through the
    # queue is covered by test_live.py against a real gunicorn-served MAIN.
    return create_app({"TESTING": True, "SUPERVISOR_URL": supervisor_url, "SOCKETIO_MESSAGE_QUEUE": None})


@pytest.fixture
def client(app: Flask, account) -> FlaskClient:
    """MAIN's test client signed in as `account` (through the real form), sending the CSRF header."""
    from tests.auth import sign_in

    c = app.test_client()
    sign_in(c, account)
    return c


@pytest.fixture
def anonymous(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def down_app(redis_db, account) -> Flask:
    """MAIN whose SUPERVISOR and MEDIA are not running (closed ports)."""
    from main.app import create_app

    return create_app(
        {
            "TESTING": True,
            "SUPERVISOR_URL": f"http://127.0.0.1:{free_port()}",
            "MEDIA_URL": f"http://127.0.0.1:{free_port()}",
            "SOCKETIO_MESSAGE_QUEUE": None,
        }
    )
