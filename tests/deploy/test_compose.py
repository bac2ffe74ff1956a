"""The deployment files, checked statically (test_compose_up.py runs them under a real engine).

Each check pins a way a compose stack silently breaks: a command the image cannot run, a variable
nobody documented, Redis reachable from outside, a worker killed mid-job on shutdown, a root image,
a secret handed to a container that does not use it, an image built once per service."""

from __future__ import annotations

import argparse
import importlib
import json
import re
import shlex
import shutil
import subprocess
from fnmatch import fnmatch
from pathlib import Path
from typing import Any

import pytest
import yaml

from analyst.sources import registry as sources
from bandcrew.cli import build_parser
from bandcrew.services import DEFAULT_WORKERS
from marketing import llm
from shared.queues import MAX_JOB_TIMEOUT, QUEUES
from shared.settings import SECRET_NAMES, Settings

# Variables the data sources and the LLM providers declare in their registries.
DECLARED = {*sources.env_names(), *llm.env_names()}
DECLARED_SECRETS = {*sources.secret_names(), *llm.secret_names()}
# The real endpoint each declared URL variable defaults to.
DECLARED_URLS = {
    **{s.api.url_env: s.api.live_url for s in sources.sources()},
    **{n: live for s in sources.sources() for n, (live, _path) in s.api.urls.items()},
    **{p.url_env: p.live_url for p in llm.providers()},
}

ROOT = Path(__file__).resolve().parents[2]
COMPOSE_TEXT = (ROOT / "docker-compose.yml").read_text(encoding="utf-8")
COMPOSE: dict[str, Any] = yaml.safe_load(COMPOSE_TEXT)
SERVICES: dict[str, dict[str, Any]] = COMPOSE["services"]
APP_SERVICES = {name: svc for name, svc in SERVICES.items() if name != "redis"}
WEB_SERVICES = {name: svc for name, svc in APP_SERVICES.items() if svc["command"][0] in ("web", "sandbox")}
WORKER_SERVICES = {name: svc for name, svc in APP_SERVICES.items() if svc["command"][0] == "worker"}
ENV_EXAMPLE = (ROOT / ".env.example").read_text(encoding="utf-8")
# MEDIA's services are in the file before `bandcrew web media` / `worker media` exist (a separate change).
MEDIA_PENDING = "media" not in QUEUES
MEDIA_SERVICES = {"media", "media-worker"}

# `${VAR}`, `${VAR:-default}`, `${VAR:?message}`; `$${...}` is compose's escape for a literal `$`.
COMPOSE_VAR = re.compile(r"(?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*)")
# `NAME=value` or, for an optional setting shown with its default, `# NAME=value`.
DOCUMENTED = re.compile(r"^#?\s*([A-Z][A-Z0-9_]*)=(.*)$", re.MULTILINE)
# Variables the bandcrew CLI reads directly (not Settings fields): `bandcrew up` only.
CLI_VARS = {"BSC_PORT_BASE", "BSC_REDIS_PORT", "BSC_ACCESS_LOG"} | {
    f"BSC_WORKERS_{q.upper()}" for q in QUEUES
}


def documented() -> dict[str, str]:
    return {m.group(1): m.group(2).strip() for m in DOCUMENTED.finditer(ENV_EXAMPLE)}


def subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    raise AssertionError("bandcrew's parser has no subcommands")


def seconds(duration: str | int) -> float:
    """Compose durations: '180s', '3m', '1m30s', '500ms' or a bare number of seconds."""
    if isinstance(duration, int | float):
        return float(duration)
    units = {"h": 3600, "m": 60, "s": 1, "ms": 0.001, "us": 1e-6}
    parts = re.findall(r"(\d+(?:\.\d+)?)(ms|us|h|m|s)", duration)
    assert parts and "".join(n + u for n, u in parts) == duration, f"unparseable duration {duration!r}"
    return sum(float(n) * units[u] for n, u in parts)


# --- commands ------------------------------------------------------------------------------------------


def test_expected_services_exist() -> None:
    assert {"redis", "main"} <= set(SERVICES)
    for agent in ("supervisor", "analyst", "marketing", "optimizer"):
        assert SERVICES[agent]["command"][:2] == ["web", agent]
        assert SERVICES[f"{agent}-worker"]["command"] == ["worker", agent]
    worker_queues = {svc["command"][1] for svc in WORKER_SERVICES.values()}
    assert worker_queues - ({"media"} if MEDIA_PENDING else set()) == set(QUEUES)
    assert SERVICES["media"]["command"][:2] == ["web", "media"]
    assert SERVICES["media-worker"]["command"] == ["worker", "media"]


@pytest.mark.parametrize("name", sorted(APP_SERVICES))
def test_command_is_a_real_bandcrew_entry_point(name: str) -> None:
    if MEDIA_PENDING and name in MEDIA_SERVICES:
        pytest.skip("the MEDIA service has not landed yet")
    command = APP_SERVICES[name]["command"]
    assert isinstance(command, list), "exec form, so bandcrew is PID 1's child and gets SIGTERM"
    parser = build_parser()
    assert command[0] in subcommands(parser), f"{name}: `bandcrew {command[0]}` does not exist"
    try:
        args = parser.parse_args(command)
    except SystemExit as exc:  # argparse exits on a bad choice or an unknown option
        raise AssertionError(f"{name}: `bandcrew {shlex.join(command)}` is rejected by the CLI") from exc
    if command[0] == "web":
        module = importlib.import_module(f"{args.service}.app")
        assert callable(getattr(module, "create_app", None)), f"{args.service}.app has no create_app()"
    if command[0] == "worker":
        assert args.queue in QUEUES


@pytest.mark.parametrize("name", sorted(WEB_SERVICES))
def test_web_services_bind_all_interfaces_on_their_healthcheck_port(name: str) -> None:
    svc = WEB_SERVICES[name]
    bind = svc["command"][svc["command"].index("--bind") + 1]
    host, _, port = bind.rpartition(":")
    assert host == "0.0.0.0", "inside a container, 127.0.0.1 is unreachable from other services"
    test = svc["healthcheck"]["test"]
    assert test[0] == "CMD" and test[1] == "python", "slim has no curl; the healthcheck uses Python"
    assert f"http://127.0.0.1:{port}/healthz" in test[-1]
    # The one-liner must at least be valid Python.
    compile(test[-1], f"{name}-healthcheck", "exec")


# --- environment -----------------------------------------------------------------------------------


def test_every_compose_variable_is_documented() -> None:
    used = set(COMPOSE_VAR.findall(COMPOSE_TEXT))
    assert "REDIS_PASSWORD" in used
    missing = used - set(documented())
    assert not missing, f"add to .env.example: {sorted(missing)}"


def test_every_setting_is_documented() -> None:
    missing = (set(Settings.model_fields) | DECLARED) - set(documented())
    assert not missing, f"add to .env.example: {sorted(missing)}"


def test_env_example_names_only_known_variables() -> None:
    from optimizer import google_ads_api as gads

    google_ads = {
        gads.ENV_DEVELOPER_TOKEN,
        *gads.ENV_INSTALLED_APP,
        gads.ENV_SERVICE_ACCOUNT,
        gads.ENV_CONFIG_FILE,
        *gads.ENV_OPTIONAL,
    }
    known = (
        set(Settings.model_fields) | DECLARED | set(COMPOSE_VAR.findall(COMPOSE_TEXT)) | CLI_VARS | google_ads
    )
    unknown = set(documented()) - known
    assert not unknown, f"typo or stale variable in .env.example: {sorted(unknown)}"


def test_env_example_holds_no_secret_values() -> None:
    docs = documented()
    for name in (*SECRET_NAMES, *DECLARED_SECRETS, "REDIS_PASSWORD"):
        assert docs.get(name, "") == "", f"{name} must be left empty in .env.example"


def test_env_example_defaults_match_the_code() -> None:
    """A shown default (`# NAME=value`) is the value the code really uses when NAME is unset."""
    docs = documented()
    for name, field in Settings.model_fields.items():
        shown = docs[name]
        if not shown:
            continue
        parsed = Settings.model_validate({name: shown}).secret(name)
        assert parsed == field.default, f"{name}: .env.example says {shown!r}"
    for name, live in DECLARED_URLS.items():
        assert docs[name] in ("", live), f"{name}: .env.example says {docs[name]!r}, its registry {live!r}"
    for q in QUEUES:
        assert docs[f"BSC_WORKERS_{q.upper()}"] == str(DEFAULT_WORKERS[q])


def test_compose_worker_defaults_match_bandcrew_up() -> None:
    for q in QUEUES:
        replicas = SERVICES[f"{q}-worker"]["deploy"]["replicas"]
        assert replicas == f"${{BSC_WORKERS_{q.upper()}:-{DEFAULT_WORKERS[q]}}}"


def test_app_services_get_a_password_protected_redis_url_and_no_env_file() -> None:
    for name, svc in APP_SERVICES.items():
        assert "env_file" not in svc, f"{name}: .env holds every secret; pass each where it is used"
        url = svc["environment"]["REDIS_URL"]
        # redis:// (not unix://): Flask-SocketIO's message queue only picks RedisManager for it.
        assert url.startswith("redis://:${REDIS_PASSWORD:?") and url.endswith("@redis:6379/0"), name
        assert "REDIS_PASSWORD" not in svc["environment"], f"{name} needs REDIS_URL only"


# Which services may receive each secret: the ones that use it, nothing else.
SECRET_HOMES = {
    "REDIS_PASSWORD": {"redis"},
    "SECRET_KEY": {"main"},  # MAIN's signed session cookie
    "SUPERVISOR_ADMIN_TOKEN": {"supervisor"},
    **{n: {"analyst", "analyst-worker"} for n in sources.secret_names()},
    **{n: {"marketing", "marketing-worker"} for n in llm.secret_names()},
    # The image and voice generators: MEDIA only (OpenAI's key also draws images there).
    "OPENAI_API_KEY": {"marketing", "marketing-worker", "media", "media-worker"},
    **{n: {"media", "media-worker"} for n in ("GEMINI_API_KEY", "FAL_KEY", "ELEVENLABS_API_KEY")},
    **{n: {"media", "media-worker"} for n in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY")},
    **{
        n: {"optimizer"}
        for n in ("GOOGLE_ADS_DEVELOPER_TOKEN", "GOOGLE_ADS_CLIENT_SECRET", "GOOGLE_ADS_REFRESH_TOKEN")
    },
}


def test_each_secret_reaches_only_the_services_that_use_it() -> None:
    for secret, homes in SECRET_HOMES.items():
        holders = {name for name, svc in SERVICES.items() if secret in (svc.get("environment") or {})}
        assert holders == homes, f"{secret}: given to {sorted(holders)}, used by {sorted(homes)}"
    assert SERVICES["main"]["environment"]["SECRET_KEY"].startswith("${SECRET_KEY:?")


def test_every_setting_reaches_the_containers() -> None:
    """A documented variable an operator sets in .env must reach a container, or it is silently ignored."""
    given = {k for svc in SERVICES.values() for k in (svc.get("environment") or {})}
    not_app_settings = {"BSC_DATA_DIR", "WEBHOOK_SECRET"}  # the image fixes the first; the second is reserved
    missing = (set(Settings.model_fields) | DECLARED) - given - not_app_settings
    assert not missing, f"not passed to any container: {sorted(missing)}"


# --- Redis ----------------------------------------------------------------------------------------


def test_redis_is_private_durable_and_password_protected() -> None:
    redis = SERVICES["redis"]
    assert "ports" not in redis, "Redis must never be published"
    command = " ".join(redis["command"])
    for flag in (
        "--appendonly yes",
        "--appendfsync everysec",
        "--maxmemory-policy noeviction",
        '--requirepass "$$REDIS_PASSWORD"',
    ):
        assert flag in command
    assert redis["environment"]["REDIS_PASSWORD"].startswith("${REDIS_PASSWORD:?")
    assert any(v.endswith(":/data") for v in redis["volumes"])
    volume = next(v for v in redis["volumes"] if v.endswith(":/data")).split(":")[0]
    assert volume in COMPOSE["volumes"], "a named volume, so data survives `docker compose down`"
    check = " ".join(redis["healthcheck"]["test"])
    assert "redis-cli ping" in check and "REDISCLI_AUTH" in check and "PONG" in check


def test_only_main_publishes_a_port_on_loopback_by_default() -> None:
    published = {name for name, svc in SERVICES.items() if svc.get("ports")}
    assert published == {"main"}
    (mapping,) = SERVICES["main"]["ports"]
    assert mapping == "${BSC_MAIN_BIND:-127.0.0.1:8080}:8080"


def test_redis_runs_as_its_own_user() -> None:
    assert SERVICES["redis"]["user"] == "redis"


def test_replicas_are_honoured_by_podman_compose_too() -> None:
    for name, svc in WORKER_SERVICES.items():
        assert svc["deploy"]["mode"] == "replicated", name


def test_healthchecks_answer_fast_with_a_start_period() -> None:
    for name, svc in SERVICES.items():
        check = svc.get("healthcheck")
        if check is None:
            assert name in WORKER_SERVICES, f"{name} has no healthcheck"
            continue
        assert seconds(check["interval"]) <= 10 and seconds(check["start_period"]) >= 10, name
        assert seconds(check["timeout"]) < seconds(check["interval"]), name


def test_media_files_live_on_a_volume() -> None:
    for name in MEDIA_SERVICES:
        svc = SERVICES[name]
        assert "media-data:/data/media" in svc["volumes"], name
        assert svc["environment"]["MEDIA_ROOT"] == "/data/media", name
    assert "media-data" in COMPOSE["volumes"]


def test_every_app_service_waits_for_a_healthy_redis() -> None:
    for name, svc in APP_SERVICES.items():
        assert svc["depends_on"]["redis"]["condition"] == "service_healthy", name


def test_workers_outlive_the_longest_job_on_shutdown() -> None:
    for name, svc in WORKER_SERVICES.items():
        assert seconds(svc["stop_grace_period"]) > MAX_JOB_TIMEOUT, name
        assert "ports" not in svc and "container_name" not in svc, f"{name} must stay scalable"


def test_sandbox_is_opt_in() -> None:
    sandbox = SERVICES["sandbox"]
    assert sandbox["profiles"] == ["sandbox"]
    assert sandbox["environment"]["BSC_MODE"] == "sandbox"


def test_all_app_services_run_the_one_image_built_once() -> None:
    images = {svc["image"] for svc in APP_SERVICES.values()}
    assert len(images) == 1
    builders = [name for name, svc in SERVICES.items() if "build" in svc]
    assert builders == ["main"], "one service builds; the others run its tag (not ten builds)"
    assert SERVICES["main"]["build"]["context"] == "."


def test_seconds_parser() -> None:
    assert seconds("180s") == 180 and seconds("3m") == 180 and seconds("1m30s") == 90
    with pytest.raises(AssertionError):
        seconds("soon")


# --- Dockerfile -----------------------------------------------------------------------------------


def dockerfile_instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, with comments dropped and `\\` continuations joined."""
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if not ln.lstrip().startswith("#")]
    joined = re.sub(r"\\\n", " ", "\n".join(lines))
    out = []
    for line in joined.splitlines():
        if line.strip():
            word, _, rest = line.strip().partition(" ")
            out.append((word.upper(), rest.strip()))
    return out


def final_stage() -> list[tuple[str, str]]:
    instructions = dockerfile_instructions()
    last_from = max(i for i, (word, _) in enumerate(instructions) if word == "FROM")
    return instructions[last_from:]


def test_dockerfile_runtime_image() -> None:
    stage = final_stage()
    assert stage[0][1].split()[0] == "${BSC_PYTHON_IMAGE}"
    args = [a for w, a in dockerfile_instructions() if w == "ARG"]
    assert "BSC_PYTHON_IMAGE=docker.io/library/python:3.11-slim" in args
    entrypoints = [json.loads(args) for word, args in stage if word == "ENTRYPOINT"]
    assert entrypoints == [["bandcrew"]], "exec-form ENTRYPOINT, so compose commands are bandcrew subcommands"
    assert not [w for w, _ in dockerfile_instructions() if w == "HEALTHCHECK"], "compose owns health"


def test_dockerfile_runs_as_non_root() -> None:
    users = [args for word, args in final_stage() if word == "USER"]
    assert users, "the runtime stage must switch to an unprivileged user"
    user = users[-1].split(":")[0]
    assert user not in ("root", "0"), users[-1]


def test_image_installs_the_lock_and_keeps_no_wheels() -> None:
    runs = " ".join(a for w, a in dockerfile_instructions() if w == "RUN")
    assert "-r /tmp/requirements.lock" in runs and "--no-deps ." in runs
    assert "/wheels" not in runs and "pip wheel" not in runs
    copied_from_build = [a for w, a in final_stage() if w == "COPY" and "--from=build" in a]
    assert copied_from_build == ["--from=build /opt/bandcrew /opt/bandcrew"], "only the virtualenv"


def test_lock_pins_every_runtime_dependency() -> None:
    import tomllib

    from packaging.requirements import Requirement

    lock = {}
    for line in (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, sep, version = line.partition("==")
            assert sep and version, f"not an exact pin: {line!r}"
            lock[name.lower().replace("_", "-")] = version
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    for dep in deps:
        req = Requirement(dep)
        name = req.name.lower().replace("_", "-")
        assert name in lock, f"{name} is not in requirements.lock: run `make lock`"
        assert req.specifier.contains(lock[name]), f"{name}=={lock[name]} does not satisfy {dep}: `make lock`"


def dockerignore_patterns() -> list[str]:
    lines = (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
    return [ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]


def ignored(path: str) -> bool:
    """Docker's rule: the last matching pattern wins; `!` re-includes."""
    result = False
    for pattern in dockerignore_patterns():
        negate = pattern.startswith("!")
        pattern = pattern.removeprefix("!").rstrip("/")
        if fnmatch(path, pattern) or fnmatch(path, pattern + "/*"):
            result = not negate
    return result


def copy_sources() -> list[str]:
    sources = []
    for word, args in dockerfile_instructions():
        if word not in ("COPY", "ADD"):
            continue
        parts = json.loads(args) if args.startswith("[") else args.split()
        if any(p.startswith("--from") for p in parts):
            continue  # copies from another build stage, not from the context
        parts = [p for p in parts if not p.startswith("--")]
        sources.extend(parts[:-1])
    return sources


def test_dockerfile_copies_only_existing_unignored_paths() -> None:
    sources = copy_sources()
    assert sources
    for src in sources:
        assert (ROOT / src).exists(), f"COPY {src}: no such path in the build context"
        assert not ignored(src.removeprefix("./")), f"COPY {src}: excluded by .dockerignore"


def test_dockerfile_copies_every_installed_package() -> None:
    """`pip install .` in the image only sees what was copied: every package pyproject includes."""
    import tomllib

    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    packages = {p.rstrip("*") for p in pyproject["tool"]["setuptools"]["packages"]["find"]["include"]}
    copied = {s.removeprefix("./").rstrip("/") for s in copy_sources()}
    assert "pyproject.toml" in copied and "requirements.lock" in copied
    assert packages <= copied, f"not copied into the image: {sorted(packages - copied)}"


def test_dockerignore_keeps_secrets_and_local_state_out() -> None:
    for path in (".env", ".env.production", ".git", ".venv", ".data", "shared/__pycache__"):
        assert ignored(path), path
    assert not ignored(".env.example")
    assert not ignored("shared/settings.py")


# --- a real compose implementation, where one is installed ---------------------------------------


@pytest.mark.skipif(shutil.which("docker-compose") is None, reason="docker-compose is not installed")
def test_docker_compose_accepts_the_file(tmp_path: Path) -> None:
    """`docker-compose config` validates against the compose schema and interpolates; no engine needed."""
    for name in ("docker-compose.yml", "Dockerfile", ".dockerignore"):
        shutil.copy(ROOT / name, tmp_path / name)
    (tmp_path / ".env").write_text("REDIS_PASSWORD=0123abcd\nSECRET_KEY=test-only\n", encoding="utf-8")
    run = subprocess.run(
        ["docker-compose", "config"], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert run.returncode == 0, run.stderr
    rendered = yaml.safe_load(run.stdout)
    assert rendered["services"]["analyst-worker"]["deploy"]["replicas"] == DEFAULT_WORKERS["analyst"]
    assert rendered["services"]["sandbox"]["profiles"] == ["sandbox"]
    assert rendered["services"]["main"]["environment"]["REDIS_URL"] == "redis://:0123abcd@redis:6379/0"

    # Without the required secrets compose refuses to start, naming the variable.
    (tmp_path / ".env").write_text("", encoding="utf-8")
    run = subprocess.run(
        ["docker-compose", "config"], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert run.returncode != 0 and "REDIS_PASSWORD" in run.stderr
