"""What runs where: each web service's package, default port and gunicorn shape; each queue's jobs."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class WebService:
    name: str
    port_offset: int  # from the port base (8080 by default)

    @property
    def app_spec(self) -> str:
        return f"{self.name}.app:create_app()"


# One gunicorn worker process per service (Socket.IO sessions live in MAIN's one process), running
# gevent: every connection is a greenlet, so idle websockets and half-sent requests cost memory,
# not a thread each. Measured with gthread (bench/faults.py, `capacity`): MAIN with 100 threads
# froze at the 101st idle websocket (/healthz timing out) and 16-thread SUPERVISOR stopped answering
# behind 16 half-open requests; under gevent MAIN holds 1,000 idle websockets with /healthz p95 in
# milliseconds, and 30 half-open requests change nothing.
WEB_SERVICES: dict[str, WebService] = {
    "main": WebService("main", 0),
    "supervisor": WebService("supervisor", 1),
    "analyst": WebService("analyst", 2),
    "marketing": WebService("marketing", 3),
    "optimizer": WebService("optimizer", 4),
    "media": WebService("media", 5),  # serves the files too (Range requests while videos play)
}
SANDBOX_PORT_OFFSET = 10

# Simultaneous connections one web service accepts (idle websockets included).
WORKER_CONNECTIONS = 4000

# Worker processes per queue in `bandcrew up`: the analyst fan-out runs one job per source in parallel.
# Marketing gets one per typical ad group plus the creative brief, so a fan-out never waits in line.
# One media worker: each render's x264 already uses both cores (media/video.py); BSC_WORKERS_MEDIA=2
# renders directions A and B side by side, at twice the memory (see bench/media.py).
DEFAULT_WORKERS: dict[str, int] = {"supervisor": 1, "analyst": 5, "marketing": 5, "optimizer": 1, "media": 1}

URL_SETTINGS = {
    "main": "MAIN_URL",
    "supervisor": "SUPERVISOR_URL",
    "analyst": "ANALYST_URL",
    "marketing": "MARKETING_URL",
    "optimizer": "OPTIMIZER_URL",
    "media": "MEDIA_URL",
}


def gunicorn_argv(service: str, bind: str, python: str, access_log: bool = True) -> list[str]:
    """`access_log=False` for `bandcrew up`: one terminal shows every service, and a line per
    health probe and Socket.IO poll would bury what matters (BSC_ACCESS_LOG=1 brings it back)."""
    svc = WEB_SERVICES[service]
    return [
        python,
        "-m",
        "gunicorn",
        "--workers",
        "1",
        "--bind",
        bind,
        "--worker-class",
        "gevent",
        "--worker-connections",
        str(WORKER_CONNECTIONS),
        "--graceful-timeout",
        "10",
        "--timeout",
        "60",
        *(["--access-logfile", "-"] if access_log else []),
        "--error-logfile",
        "-",
        "--log-level",
        "warning",
        "--name",
        f"bandcrew-{service}",
        svc.app_spec,
    ]
