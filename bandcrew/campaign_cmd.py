"""`bandcrew campaign "ARTIST" --out DIR`: submit to a running crew, follow the live events over
Socket.IO (the same stream the browser gets, replayed from the start), draw a progress bar with the
current step, then write campaign.json and the Google Ads Editor CSV. Exit 0 when done, 1 with the
reason when the campaign failed, 2 when the request was refused or the crew unreachable.

Everything goes through MAIN by default (the only address a compose deployment publishes), with the
account's API token (`--token` or $BSC_TOKEN; `bandcrew up` prints one, `bandcrew user token NAME`
issues more)."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import threading
import time
from pathlib import Path
from typing import Any

import requests


def _split(value: str | None) -> list[str] | None:
    return [v.strip() for v in value.split(",") if v.strip()] if value else None


def build_request(args: argparse.Namespace) -> dict[str, Any]:
    body: dict[str, Any] = {"artist": args.artist, "goals": _split(args.goals) or ["streams"]}
    optional = {
        "release": args.release,
        "daily_budget": args.budget,
        "currency": args.currency,
        "countries": _split(args.countries),
        "languages": _split(args.languages),
        "final_url": args.final_url,
    }
    body.update({k: v for k, v in optional.items() if v is not None})
    return body


TERMINAL = ("done", "failed", "canceled")  # used only when the SUPERVISOR's table cannot be read


def fetch_pipeline(sup: str) -> dict[str, Any]:
    """The SUPERVISOR's pipeline table (`GET /api/pipeline`): stage labels and terminal states."""
    try:
        resp = requests.get(f"{sup}/api/pipeline", timeout=10)
        if resp.ok:
            return resp.json()
    except (requests.RequestException, ValueError):
        pass
    return {"labels": {}, "terminal": list(TERMINAL)}


class ProgressView:
    """A one-line bar on a terminal; plain lines when output is piped (CI logs stay readable)."""

    def __init__(self, stream=sys.stderr, labels: dict[str, str] | None = None):
        self.labels = labels or {}
        self.stream = stream
        self.tty = stream.isatty()
        self.width = min(40, max(10, shutil.get_terminal_size((80, 20)).columns - 50))

    def show(self, event: dict[str, Any]) -> None:
        pct = int(event.get("pct", 0))
        stage = self.labels.get(event.get("stage", ""), event.get("stage"))
        step = f"{stage}/{event.get('step')} {event.get('status')}"
        msg = event.get("message", "")
        if self.tty:
            filled = self.width * pct // 100
            bar = "█" * filled + "░" * (self.width - filled)
            line = f"\r{bar} {pct:3d}%  {step}: {msg}"
            cols = shutil.get_terminal_size((120, 20)).columns
            self.stream.write(line[: cols - 1].ljust(cols - 1))
        else:
            self.stream.write(f"[{pct:3d}%] {step}: {msg}\n")
        self.stream.flush()

    def close(self) -> None:
        if self.tty:
            self.stream.write("\n")
            self.stream.flush()


def follow(
    main_url: str,
    cid: str,
    view: ProgressView,
    timeout: float,
    token: str,
    terminal: tuple[str, ...] = TERMINAL,
) -> dict[str, Any] | None:
    """Follow events until the terminal one; returns it (None on timeout). Events are ordered and
    de-duplicated by seq, since the replay and the live feed can overlap."""
    import socketio

    done = threading.Event()
    state: dict[str, Any] = {"seq": 0, "terminal": None, "buffer": {}}
    lock = threading.Lock()
    sio = socketio.Client(reconnection=True, reconnection_delay=0.5)

    @sio.on("connect")
    def _connect() -> None:
        sio.emit("join", {"campaign_id": cid, "after": state["seq"]})

    @sio.on("progress")
    def _progress(event: dict[str, Any]) -> None:
        with lock:
            if event["seq"] <= state["seq"]:
                return
            state["buffer"][event["seq"]] = event
            while state["seq"] + 1 in state["buffer"]:
                ev = state["buffer"].pop(state["seq"] + 1)
                state["seq"] = ev["seq"]
                view.show(ev)
                if ev["stage"] in terminal:
                    state["terminal"] = ev
                    done.set()

    sio.connect(main_url, transports=["websocket", "polling"], wait_timeout=10, auth={"token": token})
    try:
        done.wait(timeout)
    finally:
        sio.disconnect()
    return state["terminal"]


def run_campaign(args: argparse.Namespace) -> int:
    main_url = (args.main_url or os.environ.get("MAIN_URL") or "http://127.0.0.1:8080").rstrip("/")
    sup = (args.supervisor_url or main_url).rstrip("/")  # MAIN proxies the campaign API
    token = args.token or os.environ.get("BSC_TOKEN")
    if not token:
        print(
            "bandcrew campaign: no API token: pass --token or set BSC_TOKEN "
            "(`bandcrew up` prints one; an admin issues more with `bandcrew user token NAME`)",
            file=sys.stderr,
        )
        return 2
    http = requests.Session()
    http.headers["Authorization"] = f"Bearer {token}"
    try:
        resp = http.post(f"{sup}/api/campaigns", json=build_request(args), timeout=15)
    except requests.RequestException as exc:
        print(
            f"bandcrew campaign: the crew is not reachable at {sup} ({type(exc).__name__}); start it with `make run`",
            file=sys.stderr,
        )
        return 2
    if resp.status_code != 202:
        try:
            body = resp.json()
            print(f"bandcrew campaign: refused ({resp.status_code}): {body.get('message')}", file=sys.stderr)
        except ValueError:
            print(f"bandcrew campaign: refused ({resp.status_code})", file=sys.stderr)
        return 2
    cid = resp.json()["id"]
    print(f"campaign {cid} for {args.artist!r}", file=sys.stderr)
    table = fetch_pipeline(sup)
    ends = tuple(table.get("terminal") or TERMINAL)
    view = ProgressView(labels=table.get("labels"))
    started = time.monotonic()
    try:
        terminal = follow(main_url, cid, view, args.timeout, token, ends)
    except Exception as exc:  # socket.io unreachable: the events endpoint has the same history
        print(f"(live feed unavailable: {exc}; following the events endpoint)", file=sys.stderr)
        terminal = _poll(http, sup, cid, view, args.timeout, ends)
    view.close()
    if terminal is None:
        print(
            f"bandcrew campaign: no result after {args.timeout:.0f}s; it is still running as {cid}",
            file=sys.stderr,
        )
        return 1
    if terminal["stage"] != "done":
        print(f"bandcrew campaign: {terminal['stage']}: {terminal.get('message')}", file=sys.stderr)
        return 1
    record = http.get(f"{sup}/api/campaigns/{cid}", timeout=15).json()
    n_groups = len(record["campaign"]["ad_groups"])
    n_ads = sum(len(g["ads"]) for g in record["campaign"]["ad_groups"])
    print(f"done in {time.monotonic() - started:.1f}s: {n_groups} ad groups, {n_ads} ads", file=sys.stderr)
    if args.out:
        out = Path(args.out)
        out.mkdir(parents=True, exist_ok=True)
        (out / "campaign.json").write_text(json.dumps(record, indent=2, ensure_ascii=False), encoding="utf-8")
        csv = http.get(f"{sup}/api/campaigns/{cid}/export", params={"format": "editor-csv"}, timeout=30)
        if csv.status_code != 200:
            print(f"bandcrew campaign: the Editor CSV export failed ({csv.status_code})", file=sys.stderr)
            return 1
        (out / "google-ads-editor.csv").write_bytes(csv.content)
        print(f"wrote {out / 'campaign.json'} and {out / 'google-ads-editor.csv'}", file=sys.stderr)
    print(cid)
    return 0


def _poll(
    http: requests.Session,
    sup: str,
    cid: str,
    view: ProgressView,
    timeout: float,
    terminal: tuple[str, ...] = TERMINAL,
) -> dict[str, Any] | None:
    """Fallback when Socket.IO is unreachable: read the same event history over HTTP."""
    seq, deadline = 0, time.monotonic() + timeout
    while time.monotonic() < deadline:
        url = f"{sup}/api/campaigns/{cid}/events"
        for ev in http.get(url, params={"after": seq}, timeout=10).json()["events"]:
            seq = ev["seq"]
            view.show(ev)
            if ev["stage"] in terminal:
                return ev
        time.sleep(0.5)
    return None
