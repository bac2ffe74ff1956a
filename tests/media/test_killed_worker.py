"""A media worker killed (SIGKILL) in the middle of an ffmpeg render: no half-written file is ever
visible on the volume, the job is handed back to RQ (as `bandcrew up`'s launcher does), and a new
worker finishes the set — every stored file matches its content address."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from bandcrew.worker import names_of_pid, rescue_jobs_of
from media import storage
from shared import store
from shared.redisdb import get_redis

ROOT = Path(__file__).resolve().parents[2]


def _children(pid: int, name: str) -> list[int]:
    out = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        comm = stat[stat.index("(") + 1 : stat.rindex(")")]
        ppid = int(stat[stat.rindex(")") + 2 :].split()[1])
        if ppid == pid and comm == name:
            out.append(int(entry.name))
    return out


def test_worker_killed_mid_render_leaves_no_half_file(done_campaign, run_jobs, media_root, account):
    from media import jobs

    cid = done_campaign.id
    jobs.start(cid, 0, "api")  # enqueues the images, the voice and the videos of round 1
    worker = subprocess.Popen([sys.executable, "-m", "bandcrew", "worker", "media"], cwd=ROOT, env=dict(os.environ),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        deadline = time.monotonic() + 180
        while not _children(worker.pid, "ffmpeg"):  # wait until a video is being encoded
            assert worker.poll() is None and time.monotonic() < deadline, "no ffmpeg render started"
            time.sleep(0.02)
        time.sleep(0.3)
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=10)
    finally:
        if worker.poll() is None:
            worker.kill()
    for path in (media_root / cid).glob("*/*"):
        assert path.name.startswith(storage.TMP_PREFIX) or path.stem == storage.sha256_file(path), path
    # What `bandcrew up`'s launcher does for a dead worker: hand its jobs back to RQ now.
    names = names_of_pid(get_redis(), "media", worker.pid)
    assert names, "the killed worker was not registered"
    for name in names:
        rescue_jobs_of(get_redis(), name)
    # Then do what RQ's scheduler does for the retries (their intervals are 1, 5, 15 s), and run them.
    from rq.scheduler import RQScheduler
    from rq.serializers import JSONSerializer

    deadline = time.monotonic() + 90
    while True:
        scheduler = RQScheduler(["media"], connection=get_redis(), serializer=JSONSerializer)
        scheduler.acquire_locks()  # it only moves jobs of the queues whose lock it holds
        scheduler.enqueue_scheduled_jobs()
        scheduler.release_locks()
        run_jobs()
        sets = store.require(cid).media.sets.values()
        if all(s.state != "rendering" for s in sets) or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    rec = store.require(cid)
    from shared.queues import get_queue

    q = get_queue("media")
    regs = {r: getattr(q, r).get_job_ids() for r in ("started_job_registry", "scheduled_job_registry",
            "deferred_job_registry", "failed_job_registry")}  # fmt: skip
    assert rec.media.state_summary() == {"images": "in_review", "videos": "in_review"}, (
        regs,
        q.get_job_ids(),
    )
    for ms in rec.media.sets.values():
        for v in ms.variants.values():
            for f in v.files:
                assert storage.sha256_file(media_root / f.path) == f.sha256 and f.spec.ok
    assert storage.sweep_temp(max_age_s=0) >= 0
    assert not list((media_root / cid).glob(f"*/{storage.TMP_PREFIX}*"))
