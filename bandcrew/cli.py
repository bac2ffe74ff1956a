"""The `bandcrew` command.

bandcrew up                          the whole crew on this machine (what `make run` calls)
bandcrew campaign "ARTIST" --out DIR submit to a running crew, follow it, write the exports
bandcrew insights "ARTIST"           what the ANALYST finds, as JSON
bandcrew check-ad FILE | fix-ad FILE the OPTIMIZER's policy check / auto-fix, JSON in and out
bandcrew web SERVICE | worker QUEUE | sandbox   one process of the crew (what compose runs)
bandcrew user add NAME --workspace TEAM          accounts (see bandcrew/user_cmd.py)
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

# bandcrew.services and shared.queues (redis, rq) are imported where they are used: the
# pass-through commands (check-ad's batch throughput includes start-up) never need them.


def build_parser() -> argparse.ArgumentParser:
    from bandcrew.services import DEFAULT_WORKERS, SANDBOX_PORT_OFFSET, WEB_SERVICES
    from shared.queues import QUEUES

    p = argparse.ArgumentParser(
        prog="bandcrew", description="Band Stream Crew: artist in, compliant Google Ads campaign out."
    )
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    up = sub.add_parser("up", help="start the whole crew with an embedded Redis (and the sandbox)")
    up.add_argument(
        "--port-base",
        type=int,
        default=int(os.environ.get("BSC_PORT_BASE", 8080)),
        help="MAIN's port; the other services use the next four, the sandbox base+10 (default 8080)",
    )
    up.add_argument("--redis-port", type=int, default=int(os.environ.get("BSC_REDIS_PORT", 6380)))
    up.add_argument("--data-dir", type=Path, default=Path(os.environ.get("BSC_DATA_DIR", ".data")))
    up.add_argument("--no-sandbox", action="store_true", help="do not start the sandbox (live mode)")
    for q in QUEUES:
        up.add_argument(
            f"--{q}-workers",
            type=int,
            default=int(os.environ.get(f"BSC_WORKERS_{q.upper()}", DEFAULT_WORKERS[q])),
            help=f"{q} worker processes (default {DEFAULT_WORKERS[q]})",
        )

    web = sub.add_parser("web", help="run one web service under gunicorn")
    web.add_argument("service", choices=sorted(WEB_SERVICES))
    web.add_argument("--bind", default=None, help="HOST:PORT (default 127.0.0.1 and the service's port)")

    worker = sub.add_parser("worker", help="run an RQ worker for one queue")
    worker.add_argument("queue", choices=QUEUES)
    worker.add_argument("--burst", action="store_true", help="exit when the queue is empty")

    sandbox = sub.add_parser(
        "sandbox", help="run the local stand-in of Spotify, Deezer, SerpApi, Chartmetric, OpenAI"
    )
    sandbox.add_argument("--bind", default=f"127.0.0.1:{8080 + SANDBOX_PORT_OFFSET}")

    camp = sub.add_parser("campaign", help="submit a campaign to a running crew and follow it")
    camp.add_argument("artist")
    camp.add_argument("--out", type=Path, default=None, help="write campaign.json and the Editor CSV here")
    camp.add_argument("--release")
    camp.add_argument(
        "--goals", default="streams", help="comma-separated: streams,tickets,followers,merch,presave"
    )
    camp.add_argument("--budget", type=float, default=None, help="daily budget")
    camp.add_argument("--currency", default=None)
    camp.add_argument("--countries", default=None, help="comma-separated ISO codes, e.g. US,FR")
    camp.add_argument("--languages", default=None, help="comma-separated ISO 639-1, e.g. en,fr")
    camp.add_argument("--final-url", default=None)
    camp.add_argument(
        "--main-url", default=None, help="the crew's address; default: $MAIN_URL or http://127.0.0.1:8080"
    )
    camp.add_argument(
        "--supervisor-url", default=None, help="call the SUPERVISOR's API directly instead of through MAIN"
    )
    camp.add_argument("--token", default=None, help="your API token; default: $BSC_TOKEN")
    camp.add_argument("--timeout", type=float, default=300.0)

    from bandcrew.user_cmd import add_parser as add_user_parser

    add_user_parser(sub)

    ins = sub.add_parser("insights", help="research an artist and print the insights JSON")
    ins.add_argument("rest", nargs=argparse.REMAINDER)
    chk = sub.add_parser("check-ad", help="check an ad against Google Ads policies (JSON file or -)")
    chk.add_argument("rest", nargs=argparse.REMAINDER)
    fix = sub.add_parser("fix-ad", help="auto-fix an ad (JSON file or -)")
    fix.add_argument("rest", nargs=argparse.REMAINDER)
    return p


def main(argv: list[str] | None = None) -> int:
    argv_given = argv is not None
    argv = sys.argv[1:] if argv is None else argv
    # The pass-through commands own their own arguments (their modules document them).
    if argv[:1] == ["speedups"]:  # build / status of the compiled policy engine
        from shared.compiled import main as speedups

        return speedups(argv[1:])
    if argv and argv[0] in ("check-ad", "fix-ad", "insights"):
        cmd, rest = argv[0], argv[1:]
        if cmd == "check-ad":
            import shared  # noqa: F401 (first: installs the compiled engine's loader, shared/compiled.py)
            from optimizer.cli import run_check

            status = run_check(rest)
            if argv_given:
                return status
            # The process ends here: skip freeing the per-text memos one object at a time (about a
            # second after a large batch, more than checking thousands of ads takes).
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(status)
        if cmd == "fix-ad":
            from optimizer.cli import run_fix

            return run_fix(rest)
        from analyst.cli import run

        return run(rest)

    from bandcrew.services import WEB_SERVICES, gunicorn_argv
    from shared.queues import QUEUES

    args = build_parser().parse_args(argv)
    if args.command == "up":
        from bandcrew.launcher import LaunchOptions, up

        workers = {q: max(0, getattr(args, f"{q}_workers")) for q in QUEUES}
        return up(
            LaunchOptions(
                port_base=args.port_base,
                redis_port=args.redis_port,
                data_dir=args.data_dir,
                workers=workers,
                sandbox=False if args.no_sandbox else None,
            )
        )
    if args.command == "web":
        svc = WEB_SERVICES[args.service]
        bind = args.bind or f"127.0.0.1:{8080 + svc.port_offset}"
        argv_ = gunicorn_argv(args.service, bind, sys.executable)
        os.execv(sys.executable, argv_)  # gunicorn becomes this process: signals reach it directly
    if args.command == "sandbox":
        os.execv(
            sys.executable,
            [
                sys.executable,
                "-m",
                "gunicorn",
                "--workers",
                "1",
                "--bind",
                args.bind,
                "--worker-class",
                "gevent",  # like the services (bandcrew/services.py): slow clients cost no thread
                "--graceful-timeout",
                "5",
                "--log-level",
                "warning",
                "--name",
                "bandcrew-sandbox",
                "sandbox.app:create_app()",
            ],
        )
    if args.command == "worker":
        from bandcrew.worker import run_worker

        return run_worker(args.queue, burst=args.burst)
    if args.command == "user":
        from bandcrew.user_cmd import run_user

        return run_user(args)
    if args.command == "campaign":
        from bandcrew.campaign_cmd import run_campaign

        return run_campaign(args)
    return 2


if __name__ == "__main__":
    sys.exit(main())
