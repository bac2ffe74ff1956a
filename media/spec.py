"""Every file is checked against its spec before a client may see it (Pillow for images, ffprobe for
videos): dimensions, aspect ratio within ±1 %, byte caps (150 KB for logos), and for videos h264 +
yuv420p + AAC, `faststart` (the moov atom before the media data, so playback starts before the
download ends) and audio/video durations that match. A failure names its reasons; the job
re-renders and never offers a failing file (media/jobs.py)."""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from shared.models.media import SpecCheck

RATIO_TOLERANCE = 0.01
AV_TOLERANCE_S = 0.15  # one AAC frame is 21 ms; encoders pad a little at both ends
VIDEO_CAP = 100_000_000  # far under every platform's limit for a ≤ 60 s short


@dataclass(frozen=True)
class ImageSpec:
    name: str
    width: int
    height: int
    max_bytes: int
    formats: tuple[str, ...] = ("JPEG", "PNG")
    min_width: int = 1
    min_height: int = 1


@dataclass(frozen=True)
class VideoSpec:
    name: str
    width: int
    height: int
    duration_s: float
    max_bytes: int = VIDEO_CAP
    duration_tolerance_s: float = 0.25


def _ratio_ok(w: int, h: int, want_w: int, want_h: int) -> tuple[bool, float]:
    want = want_w / want_h
    got = w / h if h else 0.0
    return abs(got - want) / want <= RATIO_TOLERANCE, round(got, 4)


def check_image(path: Path, spec: ImageSpec) -> SpecCheck:
    failures: list[str] = []
    size = path.stat().st_size
    checks: dict[str, object] = {"bytes": size, "max_bytes": spec.max_bytes}
    try:
        with Image.open(path) as img:
            img.verify()
        with Image.open(path) as img:
            w, h, fmt, mode = img.width, img.height, img.format, img.mode
    except Exception as exc:  # any decoder error means the file is not an image we can offer
        return SpecCheck(ok=False, spec=spec.name, checks=checks, failures=[f"not a readable image: {exc}"])
    checks.update({"width": w, "height": h, "format": fmt, "mode": mode})
    if (w, h) != (spec.width, spec.height):
        failures.append(f"size {w}×{h}, expected {spec.width}×{spec.height}")
    ok, ratio = _ratio_ok(w, h, spec.width, spec.height)
    checks["ratio"] = ratio
    if not ok:
        failures.append(f"aspect ratio {ratio} is more than 1 % off {spec.width}:{spec.height}")
    if w < spec.min_width or h < spec.min_height:
        failures.append(f"below the minimum {spec.min_width}×{spec.min_height}")
    if size > spec.max_bytes:
        failures.append(f"{size:,} bytes is over the {spec.max_bytes:,}-byte cap")
    if fmt not in spec.formats:
        failures.append(f"format {fmt}, expected {' or '.join(spec.formats)}")
    return SpecCheck(ok=not failures, spec=spec.name, checks=checks, failures=failures)


def ffprobe(path: Path) -> dict:
    out = subprocess.run(
        ["ffprobe", "-v", "error", "-print_format", "json", "-show_format", "-show_streams", str(path)],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    if out.returncode != 0:
        raise RuntimeError(out.stderr.strip()[-300:] or f"ffprobe exited {out.returncode}")
    return json.loads(out.stdout)


def top_level_atoms(path: Path, limit: int = 32) -> list[str]:
    """The MP4's top-level box types in file order (enough to see whether moov precedes mdat)."""
    atoms: list[str] = []
    with path.open("rb") as fh:
        pos = 0
        end = path.stat().st_size
        while pos < end and len(atoms) < limit:
            fh.seek(pos)
            head = fh.read(16)
            if len(head) < 8:
                break
            size = int.from_bytes(head[:4], "big")
            kind = head[4:8].decode("latin-1")
            if size == 1:
                size = int.from_bytes(head[8:16], "big")
            elif size == 0:
                size = end - pos
            if size < 8:
                break
            atoms.append(kind)
            pos += size
    return atoms


def check_video(path: Path, spec: VideoSpec) -> SpecCheck:
    failures: list[str] = []
    size = path.stat().st_size
    checks: dict[str, object] = {"bytes": size, "max_bytes": spec.max_bytes}
    try:
        probe = ffprobe(path)
    except Exception as exc:
        return SpecCheck(ok=False, spec=spec.name, checks=checks, failures=[f"ffprobe cannot read it: {exc}"])
    video = [s for s in probe.get("streams", []) if s.get("codec_type") == "video"]
    audio = [s for s in probe.get("streams", []) if s.get("codec_type") == "audio"]
    if not video:
        failures.append("no video stream")
    if not audio:
        failures.append("no audio stream")
    if video:
        v = video[0]
        w, h = int(v.get("width", 0)), int(v.get("height", 0))
        checks.update(
            {"width": w, "height": h, "video_codec": v.get("codec_name"), "pix_fmt": v.get("pix_fmt")}
        )
        if (w, h) != (spec.width, spec.height):
            failures.append(f"size {w}×{h}, expected {spec.width}×{spec.height}")
        ok, ratio = _ratio_ok(w, h, spec.width, spec.height) if h else (False, 0.0)
        checks["ratio"] = ratio
        if not ok:
            failures.append(f"aspect ratio {ratio} is more than 1 % off {spec.width}:{spec.height}")
        if v.get("codec_name") != "h264":
            failures.append(f"video codec {v.get('codec_name')}, expected h264")
        if v.get("pix_fmt") != "yuv420p":
            failures.append(f"pixel format {v.get('pix_fmt')}, expected yuv420p")
        checks["video_s"] = round(float(v.get("duration", 0) or 0), 3)
    if audio:
        a = audio[0]
        checks["audio_codec"] = a.get("codec_name")
        checks["audio_s"] = round(float(a.get("duration", 0) or 0), 3)
        if a.get("codec_name") != "aac":
            failures.append(f"audio codec {a.get('codec_name')}, expected aac")
    if video and audio:
        gap = abs(float(checks["video_s"]) - float(checks["audio_s"]))  # type: ignore[arg-type]
        checks["av_gap_s"] = round(gap, 3)
        if gap > AV_TOLERANCE_S:
            failures.append(f"audio ({checks['audio_s']} s) and video ({checks['video_s']} s) lengths differ")
    duration = float(probe.get("format", {}).get("duration", 0) or 0)
    checks["duration_s"] = round(duration, 3)
    if abs(duration - spec.duration_s) > spec.duration_tolerance_s:
        failures.append(f"duration {duration:.2f} s, expected {spec.duration_s:.2f} s")
    atoms = top_level_atoms(path)
    checks["atoms"] = atoms
    faststart = "moov" in atoms and "mdat" in atoms and atoms.index("moov") < atoms.index("mdat")
    checks["faststart"] = faststart
    if not faststart:
        failures.append("not faststart: the moov atom comes after the media data")
    if size > spec.max_bytes:
        failures.append(f"{size:,} bytes is over the {spec.max_bytes:,}-byte cap")
    return SpecCheck(ok=not failures, spec=spec.name, checks=checks, failures=failures)
