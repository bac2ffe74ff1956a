"""The compose stack run for real: Docker Compose or Podman (podman-compose), whichever works here.

One test, in the order an operator lives it: base images (built from Debian packages with mmdebstrap
when no container registry is reachable), ONE image build, `up`, all services healthy, an account
created with the CLI inside the SUPERVISOR container, a campaign submitted through MAIN's published
port with that account's token and followed to `done`, another workspace refused, a worker container's
process killed and the container back with a fresh worker registration, `down` then `up` with the
campaign still there, and everything removed (by this run's project label only).

Every wait is bounded. `.ci/run` installs the engine when none works; locally the test skips without
one (and fails under CI=true)."""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import requests

from bandcrew.embedded_redis import free_port

pytestmark = pytest.mark.compose

ROOT = Path(__file__).resolve().parents[2]
BASE_IMAGES = ROOT / "tests" / "deploy" / "base-images.sh"
LOCAL_PYTHON = "localhost/bsc-base-python:bookworm"
LOCAL_REDIS = "localhost/bsc-base-redis:bookworm"
IMAGE = "localhost/band-stream-crew:compose-test"
WEB = ("main", "supervisor", "analyst", "marketing", "optimizer", "sandbox")
# Bounds for a loaded 2-core CI machine, not performance targets.
BUILD_S = 420
UP_S = 240
HEALTHY_S = 180
CAMPAIGN_S = 180
DOWN_S = 240
# Podman's defaults do not fit these machines: the host's open-files hard limit is below Podman's
# default ulimit, and crun is not installed (runc is).
PODMAN_CONF = '[containers]\ndefault_ulimits = []\n\n[engine]\nruntime = "runc"\n'


def log(msg: str) -> None:
    print(f"[compose {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def run(cmd: list[str], timeout: float, env: dict[str, str] | None = None, check: bool = True, **kw: Any):
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env, cwd=ROOT, **kw)
    if check and proc.returncode != 0:
        raise AssertionError(f"{' '.join(cmd[:4])}... exited {proc.returncode}:\n{proc.stderr[-3000:]}")
    return proc


@dataclass
class Engine:
    cli: str  # docker | podman
    compose: list[str]
    label: str  # the label compose puts on everything of a project
    env: dict[str, str] = field(default_factory=dict)

    def ps(self, project: str) -> list[dict[str, Any]]:
        out = run(
            [self.cli, "ps", "-a", "--filter", f"label={self.label}={project}", "--format", "json"],
            30,
            self.env,
        ).stdout.strip()
        if not out:
            return []
        rows = json.loads(out) if out.startswith("[") else [json.loads(line) for line in out.splitlines()]
        return rows

    def inspect(self, container: str) -> dict[str, Any]:
        return json.loads(run([self.cli, "inspect", container], 30, self.env).stdout)[0]


def _works(cmd: list[str], env: dict[str, str]) -> bool:
    try:
        return subprocess.run(cmd, capture_output=True, timeout=60, env=env).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


def find_engine(tmp: Path) -> Engine | None:
    env = dict(os.environ)
    if (
        shutil.which("docker")
        and _works(["docker", "compose", "version"], env)
        and _works(["docker", "info"], env)
    ):
        return Engine("docker", ["docker", "compose"], "com.docker.compose.project", env)
    venv_bin = Path(sys.executable).parent
    podman_compose = shutil.which("podman-compose") or shutil.which("podman-compose", path=str(venv_bin))
    if shutil.which("podman") and podman_compose:
        conf = tmp / "containers.conf"
        conf.write_text(PODMAN_CONF, encoding="utf-8")
        env["CONTAINERS_CONF"] = str(conf)
        if _works(["podman", "info"], env):
            return Engine("podman", [podman_compose], "io.podman.compose.project", env)
    return None


def registry_reachable() -> bool:
    """Docker Hub's API answers 401 to an anonymous ping when it is reachable at all."""
    try:
        return requests.get("https://registry-1.docker.io/v2/", timeout=5).status_code in (200, 401)
    except requests.RequestException:
        return False


def podman_has_dns(engine: Engine) -> bool:
    """Whether Podman's networks resolve service names: netavark with aardvark-dns, or CNI with the
    dnsname plugin. Debian 12's podman without its Recommends has neither."""
    backend = run(["podman", "info", "--format", "{{.Host.NetworkBackend}}"], 30, engine.env).stdout.strip()
    if backend == "netavark":
        return any(Path(d, "aardvark-dns").exists() for d in ("/usr/lib/podman", "/usr/libexec/podman"))
    return any(Path(d, "dnsname").exists() for d in ("/usr/lib/cni", "/opt/cni/bin"))


def static_addresses(services: dict[str, Any], path: Path) -> None:
    """A compose override for engines without name resolution: a fixed subnet, a fixed address for
    every service others call by name (Redis and the web services), and those names in every
    container's /etc/hosts. Replicated workers call others but are never called, so they get dynamic
    addresses; CNI's host-local allocator hands those out after the last address it reserved, so
    the workers are made to start after every fixed-address service (depends_on)."""
    net = f"10.{secrets.randbelow(200) + 20}.{secrets.randbelow(250) + 1}"
    named = [s for s in services if s == "redis" or s in WEB or s == "media"]
    addr = {s: f"{net}.{2 + i}" for i, s in enumerate(named)}
    hosts = [f"{s}:{a}" for s, a in addr.items()]
    override: dict[str, Any] = {"networks": {"default": {"ipam": {"config": [{"subnet": f"{net}.0/24"}]}}}}
    override["services"] = {}
    for s in services:
        extra: dict[str, Any] = {"extra_hosts": hosts}
        if s in addr:
            extra["networks"] = {"default": {"ipv4_address": addr[s]}}
        else:
            extra["depends_on"] = {n: {"condition": "service_started"} for n in named if n != "redis"}
        override["services"][s] = extra
    path.write_text(json.dumps(override, indent=2), encoding="utf-8")


def media_exists() -> bool:
    """`bandcrew web media` and `worker media` exist (MEDIA lands separately from the compose file)."""
    from shared.queues import QUEUES

    return "media" in QUEUES


@dataclass
class Stack:
    engine: Engine
    project: str
    env_file: Path
    files: list[Path]
    port: int
    password: str
    services: list[str]
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def compose(self, *args: str, timeout: float) -> subprocess.CompletedProcess[str]:
        files = [x for f in self.files for x in ("-f", str(f))]
        cmd = [*self.engine.compose, *files, "-p", self.project, "--env-file", str(self.env_file)]
        return run([*cmd, "--profile", "sandbox", *args], timeout, self.engine.env)

    def containers(self, service: str | None = None) -> list[dict[str, Any]]:
        rows = self.engine.ps(self.project)
        if service is None:
            return rows
        key = "com.docker.compose.service" if self.engine.cli == "docker" else "io.podman.compose.service"
        return [r for r in rows if (r.get("Labels") or {}).get(key) == service]

    def container_of(self, service: str) -> str:
        rows = self.containers(service)
        assert rows, f"no container for {service}"
        return rows[0]["Id"] if "Id" in rows[0] else rows[0]["ID"]

    def timed(self, name: str, started: float) -> None:
        self.timings[name] = round(time.monotonic() - started, 1)
        log(f"{name}: {self.timings[name]} s")

    def wait_healthy(self, deadline_s: float = HEALTHY_S) -> None:
        """Every web container healthy (Podman 4.3 runs healthchecks from systemd timers, absent here,
        so the check is run on demand) and MAIN answering on its published port."""
        webs = [s for s in self.services if s in WEB or s in ("media", "redis")]
        deadline = time.monotonic() + deadline_s
        pending = set(webs)
        while pending and time.monotonic() < deadline:
            for svc in sorted(pending):
                ctr = self.container_of(svc)
                if self.engine.cli == "podman":
                    ok = (
                        run(
                            ["podman", "healthcheck", "run", ctr], 30, self.engine.env, check=False
                        ).returncode
                        == 0
                    )
                else:
                    ok = self.engine.inspect(ctr)["State"].get("Health", {}).get("Status") == "healthy"
                if ok:
                    pending.discard(svc)
            if pending:
                time.sleep(1)
        assert not pending, f"not healthy after {deadline_s:.0f} s: {sorted(pending)}"
        while time.monotonic() < deadline:
            try:
                if requests.get(f"{self.url}/readyz", timeout=3).status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.5)
        raise AssertionError(f"MAIN not ready on {self.url}")

    def redis_ip(self) -> str:
        nets = self.engine.inspect(self.container_of("redis"))["NetworkSettings"]["Networks"]
        return next(n["IPAddress"] for n in nets.values() if n.get("IPAddress"))

    def exec(self, service: str, *cmd: str, env: dict[str, str] | None = None, timeout: float = 90) -> str:
        return self.exec_in(self.container_of(service), *cmd, env=env, timeout=timeout).stdout

    def exec_in(
        self,
        container: str,
        *cmd: str,
        env: dict[str, str] | None = None,
        timeout: float = 90,
        check: bool = True,
    ) -> subprocess.CompletedProcess[str]:
        flags = [x for k, v in (env or {}).items() for x in ("-e", f"{k}={v}")]
        return run([self.engine.cli, "exec", *flags, container, *cmd], timeout, self.engine.env, check=check)

    def add_account(self, username: str, workspace: str) -> str:
        """`bandcrew user add` inside the SUPERVISOR's container. Redis is addressed by IP: an exec'd
        process's first lookup of a service name can stall ~40 s under Podman's DNS (see the README)."""
        url = f"redis://:{self.password}@{self.redis_ip()}:6379/0"
        out = self.exec(
            "supervisor",
            "bandcrew",
            "user",
            "add",
            username,
            "--workspace",
            workspace,
            env={"REDIS_URL": url},
        )
        match = re.search(r"^token: (\S+)$", out, re.MULTILINE)
        assert match, out
        return match.group(1)

    def redis_cli(self, *args: str) -> str:
        return self.exec("redis", "redis-cli", *args, env={"REDISCLI_AUTH": self.password}, timeout=30)

    def cleanup(self) -> None:
        """`down -v`, then anything left with this project's label (never anything else)."""
        with_env = self.engine.env
        try:
            self.compose("down", "-v", "--timeout", "10", timeout=DOWN_S)
        except (AssertionError, subprocess.TimeoutExpired) as exc:
            log(f"down -v failed: {exc}")
        label = f"label={self.engine.label}={self.project}"
        leftovers = run(
            [self.engine.cli, "ps", "-aq", "--filter", label], 30, with_env, check=False
        ).stdout.split()
        if leftovers:
            run([self.engine.cli, "rm", "-f", *leftovers], 120, with_env, check=False)
        vols = run(
            [self.engine.cli, "volume", "ls", "-q", "--filter", label], 30, with_env, check=False
        ).stdout.split()
        if vols:
            run([self.engine.cli, "volume", "rm", "-f", *vols], 60, with_env, check=False)
        nets = run(
            [self.engine.cli, "network", "ls", "-q", "--filter", label], 30, with_env, check=False
        ).stdout.split()
        if nets:
            run([self.engine.cli, "network", "rm", "-f", *nets], 60, with_env, check=False)


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    tmp = tmp_path_factory.mktemp("compose")
    engine = find_engine(tmp)
    if engine is None:
        if os.environ.get("CI"):
            pytest.fail("neither `docker compose` nor podman + podman-compose works; .ci/run installs Podman")
        pytest.skip(
            "no container engine: needs `docker compose` or podman + podman-compose (.ci/run installs them)"
        )
    started = time.monotonic()
    env_lines = {
        "REDIS_PASSWORD": secrets.token_hex(16),
        "SECRET_KEY": secrets.token_hex(32),
        "SUPERVISOR_ADMIN_TOKEN": secrets.token_hex(24),
        "BSC_MODE": "sandbox",
        "BSC_IMAGE": IMAGE,
        # Fewer replicas than production: two cores run the whole stack here.
        "BSC_WORKERS_ANALYST": "2",
        "BSC_WORKERS_MARKETING": "2",
    }
    if engine.cli == "podman" or not registry_reachable():
        # No registry here: base images from Debian packages, built once and kept for later runs.
        if engine.cli == "podman":
            run(["bash", str(BASE_IMAGES)], 600, {**engine.env, "ENGINE": "podman"})
        env_lines |= {"BSC_PYTHON_IMAGE": LOCAL_PYTHON, "REDIS_IMAGE": LOCAL_REDIS}
    port = free_port()
    env_lines["BSC_MAIN_BIND"] = f"127.0.0.1:{port}"
    env_file = tmp / "compose.env"
    env_file.write_text("".join(f"{k}={v}\n" for k, v in env_lines.items()), encoding="utf-8")
    services = [
        s
        for s in (
            "redis",
            *WEB,
            "supervisor-worker",
            "analyst-worker",
            "marketing-worker",
            "optimizer-worker",
        )
    ]
    if media_exists():
        services += ["media", "media-worker"]
    project = f"bsc-test-{secrets.token_hex(3)}"
    files = [ROOT / "docker-compose.yml"]
    if engine.cli == "podman" and not podman_has_dns(engine):
        import yaml

        all_services = yaml.safe_load(files[0].read_text(encoding="utf-8"))["services"]
        files.append(tmp / "static-addresses.json")
        static_addresses({s: all_services[s] for s in services}, files[-1])
        log("no DNS on Podman's networks: static addresses and /etc/hosts entries (compose override)")
    st = Stack(engine, project, env_file, files, port, env_lines["REDIS_PASSWORD"], services)
    st.timed("base images", started)
    try:
        yield st
    finally:
        t0 = time.monotonic()
        st.cleanup()
        st.timed("down -v and cleanup", t0)
        assert st.containers() == [], "containers left behind"
        log(f"timings: {json.dumps(st.timings)}")


def test_stack_builds_once_runs_a_campaign_survives_a_kill_and_a_restart(stack: Stack) -> None:
    # --- one build ------------------------------------------------------------------------------------
    config = stack.compose("config", timeout=60).stdout
    builds = re.findall(r"^\s{4}build:", config, re.MULTILINE)
    assert len(builds) == 1, "exactly one service builds the image; the others run its tag"
    t0 = time.monotonic()
    stack.compose("build", "main", timeout=BUILD_S)
    stack.timed("build (once)", t0)

    # --- up, healthy ----------------------------------------------------------------------------------
    t0 = time.monotonic()
    stack.compose("up", "-d", *stack.services, timeout=UP_S)
    stack.timed("up -d", t0)
    t0 = time.monotonic()
    stack.wait_healthy()
    stack.timed("healthy", t0)
    assert len(stack.containers("analyst-worker")) == 2, "deploy.replicas honoured"

    # Nothing runs as root: the app image's user and Redis's own.
    for svc in ("main", "analyst-worker", "redis"):
        uid = stack.exec(svc, "id", "-u").strip()
        assert uid != "0", f"{svc} runs as root"
    # Each secret only where it is used.
    env_of = {
        svc: stack.engine.inspect(stack.container_of(svc))["Config"]["Env"]
        for svc in ("main", "analyst", "redis")
    }
    assert not any(e.startswith("REDIS_PASSWORD=") for e in env_of["main"] + env_of["analyst"])
    assert any(e.startswith("SECRET_KEY=") for e in env_of["main"])
    assert not any(e.startswith(("SECRET_KEY=", "SUPERVISOR_ADMIN_TOKEN=")) for e in env_of["analyst"])
    # No wheels of ours left in the image (a Debian base keeps ensurepip's in /usr/share/python-wheels).
    wheels = stack.exec(
        "main",
        "sh",
        "-c",
        "find / -xdev -name '*.whl' -not -path '/usr/share/python-wheels/*' 2>/dev/null | head -5",
    ).strip()
    assert wheels == "", wheels
    assert stack.exec("main", "sh", "-c", "ls -d /wheels /src 2>/dev/null || true").strip() == ""

    # --- accounts and a campaign through MAIN's published port -----------------------------------------
    t0 = time.monotonic()
    token = stack.add_account("smoke", "smoke-team")
    other = stack.add_account("outsider", "other-team")
    stack.timed("accounts (bandcrew user add)", t0)
    auth = {"Authorization": f"Bearer {token}"}
    assert (
        requests.post(f"{stack.url}/api/campaigns", json={"artist": "Daft Punk"}, timeout=10).status_code
        == 401
    )
    t0 = time.monotonic()
    cid = submit_and_finish(stack, auth, "Daft Punk")
    stack.timed("campaign to done", t0)
    assert (
        requests.get(
            f"{stack.url}/api/campaigns/{cid}", headers={"Authorization": f"Bearer {other}"}, timeout=10
        ).status_code
        == 404
    )
    export = requests.get(
        f"{stack.url}/api/campaigns/{cid}/export", params={"format": "json"}, headers=auth, timeout=30
    )
    assert export.status_code == 200 and export.json()["id"] == cid
    page = requests.get(f"{stack.url}/login", timeout=10)
    assert "frame-ancestors 'none'" in page.headers["Content-Security-Policy"]
    assert page.headers["X-Content-Type-Options"] == "nosniff"

    # --- a worker container's process killed: the container comes back with a fresh registration -------
    t0 = time.monotonic()
    victim = stack.container_of("analyst-worker")
    info = stack.engine.inspect(victim)
    hostname, restarts = info["Config"]["Hostname"], info.get("RestartCount", 0)
    before = worker_names(stack, "analyst", hostname)
    assert len(before) == 1, before
    kill_worker_process(stack, victim)
    deadline = time.monotonic() + 90
    after: set[str] = set()
    while time.monotonic() < deadline:
        after = worker_names(stack, "analyst", hostname) - before
        if after and stack.engine.inspect(victim)["State"]["Status"] == "running":
            break
        time.sleep(1)
    assert after, "the killed worker's container did not come back with a new worker"
    assert stack.engine.inspect(victim).get("RestartCount", 0) > restarts
    time.sleep(3)  # a name clash would crash it again right away: it must still be running
    assert stack.engine.inspect(victim)["State"]["Status"] == "running"
    stack.timed("worker killed and back", t0)
    second = submit_and_finish(stack, auth, "Justice")

    # --- down, up: the campaigns (and the account) are still there -------------------------------------
    t0 = time.monotonic()
    stack.compose("down", "--timeout", "10", timeout=DOWN_S)
    assert stack.containers() == []
    stack.timed("down", t0)
    t0 = time.monotonic()
    stack.compose("up", "-d", *stack.services, timeout=UP_S)
    stack.wait_healthy()
    stack.timed("up again, healthy", t0)
    for campaign in (cid, second):
        rec = requests.get(f"{stack.url}/api/campaigns/{campaign}", headers=auth, timeout=10)
        assert rec.status_code == 200 and rec.json()["state"] == "done"
    listed = requests.get(f"{stack.url}/api/campaigns", headers=auth, timeout=10).json()
    assert {c["id"] for c in listed["campaigns"]} == {cid, second}


def submit_and_finish(stack: Stack, auth: dict[str, str], artist: str) -> str:
    resp = requests.post(
        f"{stack.url}/api/campaigns",
        json={"artist": artist, "final_url": "https://example.org/", "countries": ["FR"]},
        headers=auth,
        timeout=15,
    )
    assert resp.status_code == 202, resp.text
    cid = resp.json()["id"]
    deadline = time.monotonic() + CAMPAIGN_S
    state = None
    while time.monotonic() < deadline:
        state = requests.get(f"{stack.url}/api/campaigns/{cid}", headers=auth, timeout=10).json()["state"]
        if state in ("done", "failed"):
            break
        time.sleep(0.5)
    assert state == "done", f"{cid} is {state} after {CAMPAIGN_S} s"
    return cid


def worker_names(stack: Stack, queue: str, hostname: str) -> set[str]:
    members = stack.redis_cli("SMEMBERS", "rq:workers").split()
    prefix = f"rq:worker:{queue}-{hostname}-"
    return {m for m in members if m.startswith(prefix)}


def kill_worker_process(stack: Stack, container: str) -> None:
    """SIGKILL the worker process itself (PID 1 is the init that reaps it and exits with it), as a
    crash or the OOM killer would: not a `stop`, which a restart policy rightly leaves alone."""
    # As the app's own user, `kill -9 -1` reaches every process of that user but the shell itself.
    stack.exec_in(container, "sh", "-c", "kill -9 -1", timeout=30, check=False)
