"""MEDIA benchmark: prints JSON.

short_15s_1080x1920_s  seconds per 15-s 1080×1920 short with voice and subtitles: Piper synthesis and
                   loudness normalisation, four stills, one ffmpeg graph (zoompan, subtitles, x264,
                   AAC, faststart) and its spec check — p50 and p95 over --shorts runs (target ≤ 10 s),
                   with the CPU seconds (user+sys of this process and of its ffmpeg/ffprobe children)
                   and the wall and CPU time of each phase, since wall time on a shared machine says more
                   about the neighbours than about the render
image_set_ab_s     seconds for a full A/B image set: 7 roles × 2 directions, encoded and spec-checked
voice_seconds_per_audio_second  voice synthesis seconds per second of audio (Piper en_US-joe-medium;
                   espeak-ng fr)
worker_peak_rss_mb a render worker process (this code in a child interpreter) synthesising the voice and
                   rendering one direction's two videos at full size: the peak of its own RSS plus its
                   children's (ffmpeg), sampled every 10 ms (target ≤ 600 MB); also each one's high-water
                   mark (VmHWM, ru_maxrss), whose sum bounds the peak from above
done_to_preview_s  time from a campaign's `done` event to its first A/B preview event, on the whole
                   crew (`bandcrew up`, sandbox, full-size renders) — skipped with --no-crew
machine            CPU count and load averages (1, 5, 15 min) when the benchmark started and ended

  .venv/bin/python bench/media.py [--shorts 5] [--no-crew]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("BSC_MODE", "sandbox")

from media import designer, spec, video, voice  # noqa: E402
from media.designer import IMAGE_SPECS, Content  # noqa: E402
from media.style import style_for  # noqa: E402
from sandbox.media_apis import synthetic_image  # noqa: E402

CONTENT = Content(
    "Daft Punk",
    "Random Access Memories",
    "Random Access Memories by Daft Punk: euphoric electronic, out now.",
    "Stream Random Access Memories now",
    hook="Build-up, blackout, the drop of Random Access Memories.",
    proof="Listened to from Paris to London",
    language="en",
    domain="daftpunk.com",
)
LINES = ["This is Daft Punk.", "Listened to from Paris to London.", "Stream Random Access Memories now."]
PLAN = [
    ("hook", CONTENT.hook, "in"),
    ("artist", "", "pan"),
    ("proof", CONTENT.proof, "out"),
    ("end", "", "still"),
]
WEIGHTS = [3 / 15, 4 / 15, 4 / 15, 4 / 15]


def pct(values: list[float], p: float) -> float:
    s = sorted(values)
    k = (len(s) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(s) - 1)
    return round(s[lo] + (s[hi] - s[lo]) * (k - lo), 2)


def one_short(work: Path, seconds: float = 15.0, size=(1080, 1920), direction: str = "B") -> dict[str, float]:
    """One short from nothing, as a render does it: the wall seconds in all ("total"), and the wall
    and CPU seconds of each phase ("voice", "voice_cpu", …)."""
    phases: dict[str, float] = {}
    t0 = t = time.perf_counter()
    c = cpu_seconds()

    def lap(name: str) -> None:
        nonlocal t, c
        now, cpu = time.perf_counter(), cpu_seconds()
        phases[name], phases[f"{name}_cpu"] = round(now - t, 3), round(cpu - c, 3)
        t, c = now, cpu

    v = voice.synthesize(LINES, "en", work)
    lap("voice")
    scenes = stills(work, size, direction, seconds)
    lap("stills")
    out = work / "short.mp4"
    video.render(scenes, v.path, v.lines, v.duration_s, size, seconds, out, "Noto Sans")
    lap("ffmpeg")
    check = spec.check_video(out, spec.VideoSpec("vertical", size[0], size[1], seconds))
    assert check.ok, check.failures
    lap("spec_check")
    return {"total": time.perf_counter() - t0, **phases}


def cpu_seconds() -> float:
    """User + sys CPU seconds of this process and of its waited-for children (ffmpeg, ffprobe)."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def image_set() -> float:
    photo = synthetic_image("artist/1", (500, 500))
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        for d in "AB":
            style = style_for("electronic: x", d)
            for role, (w, h, cap, fmt) in IMAGE_SPECS.items():
                path = Path(tmp) / f"{d}-{role}.{fmt}"
                path.write_bytes(
                    designer.encode(designer.render_image(role, (w, h), style, CONTENT, photo, 7), fmt, cap)
                )
                assert spec.check_image(path, spec.ImageSpec(role, w, h, cap)).ok
    return time.perf_counter() - t0


def voice_rtf() -> dict[str, float]:
    out = {}
    for lang, lines in (
        ("en", LINES),
        ("fr", ["Voici Daft Punk.", "Écouté de Paris à Londres.", "Écoutez maintenant."]),
    ):
        with tempfile.TemporaryDirectory() as tmp:
            voice.synthesize(lines, lang, Path(tmp))  # warm (model load)
        with tempfile.TemporaryDirectory() as tmp:
            r = voice.synthesize(lines, lang, Path(tmp))
        out[f"{lang}_{r.provider}"] = round(r.synth_s / r.duration_s, 4)
    return out


WORKER = """
import resource, sys, tempfile
from pathlib import Path
sys.path.insert(0, {root!r})
sys.argv = ["x"]
import bench.media as b
from media import video, voice
sampler = b.RssSampler()
with tempfile.TemporaryDirectory() as tmp:
    w = Path(tmp)
    # As the worker does it: the round's voice (render_voice), then one direction's two videos
    # (render_videos), both in the same process.
    v = voice.synthesize(b.LINES, "en", w)
    for size in ((1080, 1920), (1920, 1080)):
        scenes = b.stills(w, size, "A")
        video.render(scenes, v.path, v.lines, v.duration_s, size, 15.0, w / "short.mp4", "Noto Sans")
        (w / "short.mp4").unlink()
peak = sampler.stop()
self_kb = int([l for l in open("/proc/self/status") if l.startswith("VmHWM")][0].split()[1])
print(peak, self_kb, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def stills(work: Path, size: tuple[int, int], direction: str, seconds: float = 15.0) -> list[video.Scene]:
    style = style_for("electronic: x", direction)
    photo = synthetic_image("artist/1", (500, 500))
    scenes = []
    for i, (kind, text, motion) in enumerate(PLAN):
        still = work / f"s{i}.{designer.STILL_EXT}"
        designer.save_still(designer.scene(kind, size, style, CONTENT, photo, 7 + i, text=text), still)
        scenes.append(video.Scene(still, WEIGHTS[i] * seconds, motion))
    return scenes


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as fh:
            return next((int(ln.split()[1]) for ln in fh if ln.startswith("VmRSS")), 0)
    except OSError:
        return 0  # the child ended between the listing and the read


def _children(pid: int) -> list[int]:
    kids: list[int] = []
    with contextlib.suppress(OSError):  # the process (or a thread) ended while it was being read
        for task in Path(f"/proc/{pid}/task").iterdir():
            kids += [int(c) for c in (task / "children").read_text().split()]
    return kids


class RssSampler:
    """The peak of this process's RSS plus its children's (and theirs), sampled every 10 ms."""

    def __init__(self, every_s: float = 0.01) -> None:
        import threading

        self.peak_kb = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(every_s,), daemon=True)
        self._thread.start()

    def _run(self, every_s: float) -> None:
        me = os.getpid()
        while not self._stop.is_set():
            pids, total = [me], 0
            while pids:
                pid = pids.pop()
                total += _rss_kb(pid)
                pids += _children(pid)
            self.peak_kb = max(self.peak_kb, total)
            self._stop.wait(every_s)

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak_kb


def worker_rss() -> dict[str, float]:
    res = subprocess.run([sys.executable, "-c", WORKER.format(root=str(ROOT))], capture_output=True, text=True,
                         check=True, cwd=ROOT)  # fmt: skip
    peak_kb, self_kb, child_kb = (int(v) for v in res.stdout.split()[-3:])
    return {
        "peak_worker_plus_ffmpeg_mb": round(peak_kb / 1024, 1),
        "python_hwm_mb": round(self_kb / 1024, 1),
        "ffmpeg_max_mb": round(child_kb / 1024, 1),
        "bound_sum_of_hwms_mb": round((self_kb + child_kb) / 1024, 1),
    }


def done_to_preview(timeout_s: float = 600.0) -> dict[str, float | None]:
    from bandcrew.harness import start_crew
    from shared.timeutil import parse_iso

    data = Path(tempfile.mkdtemp(prefix="bench-media-"))
    env = {"MEDIA_AUTOSTART": "true", "MEDIA_RENDER_SCALE": "1.0", "MEDIA_VIDEO_SECONDS": "15",
           "MEDIA_ROOT": str(data / "media")}  # fmt: skip
    crew = start_crew(data, extra_env=env)
    try:
        s = crew.session()
        cid = s.post(crew.main_url + "/api/campaigns", json={"artist": "Daft Punk", "release": "Random Access Memories"},
                     timeout=30).json()["id"]  # fmt: skip
        deadline = time.monotonic() + timeout_s
        marks: dict[str, str] = {}
        while time.monotonic() < deadline and "videos_review" not in marks:
            for ev in (
                s.get(f"{crew.supervisor_url}/api/campaigns/{cid}/events", timeout=10)
                .json()
                .get("events", [])
            ):
                if ev["stage"] == "done":
                    marks.setdefault("done", ev["ts"])
                if ev["stage"] == "media" and ev["step"] in ("images_review", "videos_review"):
                    marks.setdefault(ev["step"], ev["ts"])
            time.sleep(0.5)  # the benchmark polls; the product does not
        done = parse_iso(marks["done"]) if "done" in marks else None

        def since(step: str) -> float | None:
            return (
                round((parse_iso(marks[step]) - done).total_seconds(), 2) if done and step in marks else None
            )

        return {"first_preview_s": since("images_review"), "videos_in_review_s": since("videos_review")}
    finally:
        crew.stop()
        shutil.rmtree(data, ignore_errors=True)


def loadavg() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shorts", type=int, default=5)
    ap.add_argument("--no-crew", action="store_true")
    args = ap.parse_args()
    load_start = loadavg()
    runs, cpus = [], []
    with tempfile.TemporaryDirectory() as tmp:
        one_short(Path(tmp), 6.0, (540, 960))  # warm: Piper's model, fonts
    for _ in range(args.shorts):
        with tempfile.TemporaryDirectory() as tmp:
            c0 = cpu_seconds()
            runs.append(one_short(Path(tmp)))
            cpus.append(cpu_seconds() - c0)
    walls = [r["total"] for r in runs]
    sets = [image_set() for _ in range(3)]
    out = {
        "short_15s_1080x1920_s": {
            "p50": pct(walls, 0.5),
            "p95": pct(walls, 0.95),
            "runs": len(walls),
            "all": [round(s, 2) for s in walls],
            "cpu_s_p50": pct(cpus, 0.5),
            "cpu_s_all": [round(c, 2) for c in cpus],
            "phases_p50_s": {k: pct([r[k] for r in runs], 0.5) for k in runs[0] if k != "total"},
        },  # fmt: skip
        "image_set_ab_s": {"p50": pct(sets, 0.5), "runs": len(sets), "files": 2 * len(IMAGE_SPECS)},
        "voice_seconds_per_audio_second": voice_rtf(),
        "worker_peak_rss_mb": worker_rss(),
        "bench_process_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    if not args.no_crew:
        out["done_to_preview_s"] = done_to_preview()
    out["machine"] = {"cpus": os.cpu_count(), "loadavg_start": load_start, "loadavg_end": loadavg()}
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
