"""Short videos: stills from the designer, motion on each still, the voice-over, subtitles burnt in and
timed to the voice, an optional audio bed the marketer uploaded, an end card with the call to action —
assembled by ONE ffmpeg filter graph per video (the reference measured a MoviePy frame loop ~13×
slower on this kind of machine: shared/reference/media-agents.md §2).

zoompan is fed one frame per still (a looped still input would be decoded every frame and, with
zoompan's own duration, yield N² frames), so each scene costs only its encode."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from media.voice import Line, release_models

FPS = 30
# A fixed encoder thread count: x264's output depends on it, so the same inputs give the same bytes on
# any machine. Two threads use both cores of this 2-core machine for one render. They are *sliced*
# threads (each frame cut in two slices) rather than frame threads: no frames held in flight between
# threads, so ffmpeg peaks near 290 MB instead of 335-345 MB at 1080×1920, for the same speed.
# The motion search is veryfast's with `me=dia:subme=1` (superfast's search, veryfast's lookahead and
# mb-tree kept): the x264 share of a 15-s 1080×1920 short fell from ~5.2 to ~3.5 CPU-seconds for
# +9 % bytes at the same quality (SSIM 0.979 vs 0.979 against a lossless render; superfast itself
# doubled the bytes, ultrafast made 7× the bytes; measured on this machine, see README "Performance").
X264 = ["-c:v", "libx264", "-preset", "veryfast", "-crf", "23", "-pix_fmt", "yuv420p", "-profile:v", "high",
        "-threads", "2", "-x264-params", "me=dia:subme=1:sliced-threads=1"]  # fmt: skip
AAC = ["-c:a", "aac", "-b:a", "128k", "-ar", "48000", "-ac", "2"]
# No timestamps, encoder strings or metadata that vary between runs: same inputs, same bytes.
BITEXACT = ["-fflags", "+bitexact", "-flags:v", "+bitexact", "-flags:a", "+bitexact", "-map_metadata", "-1"]
MOTIONS = ("in", "pan", "out", "still")
MAX_TEMPO = 1.5  # a voice-over longer than the video is sped up at most this much, then cut


def die_with_parent() -> None:
    """In the ffmpeg child: be killed when the worker dies (PR_SET_PDEATHSIG), so a killed render
    leaves no orphan encoding into a scratch folder nobody will read."""
    try:
        import ctypes
        import signal

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


class RenderError(RuntimeError):
    pass


@dataclass
class Scene:
    still: Path
    duration: float
    motion: str = "in"  # in | out | pan | still
    clip: Path | None = None  # a generator's motion clip (media/video_providers.py) instead of the still


def script_weights(script: list[str], count: int) -> list[float]:
    """Relative scene lengths from the brief's "0-3s: …" lines; equal shares when absent."""
    spans = []
    for line in script[:count]:
        m = re.match(r"\s*(\d+(?:\.\d+)?)\s*-\s*(\d+(?:\.\d+)?)\s*s", line)
        spans.append(float(m.group(2)) - float(m.group(1)) if m else 0.0)
    if len(spans) < count or any(s <= 0 for s in spans):
        return [1.0 / count] * count
    total = sum(spans)
    return [s / total for s in spans]


def script_text(line: str) -> str:
    """'7-11s: Listened to from Paris to Lyon' -> 'Listened to from Paris to Lyon'."""
    return re.sub(r"^\s*\d+(?:\.\d+)?\s*-\s*\d+(?:\.\d+)?\s*s\s*:\s*", "", line).strip()


def frames_for(durations: list[float], total: float) -> list[int]:
    """Whole frames per scene adding up exactly to the video's length."""
    want = round(total * FPS)
    frames = [max(1, round(d * FPS)) for d in durations]
    frames[-1] += want - sum(frames)
    if frames[-1] < 1:
        raise RenderError("scenes longer than the video")
    return frames


def _ass_time(t: float) -> str:
    cs = max(0, round(t * 100))
    return f"{cs // 360000}:{cs // 6000 % 60:02d}:{cs // 100 % 60:02d}.{cs % 100:02d}"


def _ass_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("{", "(").replace("}", ")").replace("\n", " ")


def subtitles(lines: list[Line], size: tuple[int, int], font_name: str, path: Path) -> None:
    """An ASS file in the video's own pixel grid: white text, dark outline and box, in the bottom
    band the designer keeps free of text."""
    w, h = size
    unit = min(w, h)
    fs = max(10, round(unit * (0.055 if h > w else 0.05)))
    margin_v = round(h * (0.11 if h > w else 0.07))
    margin_h = round(w * 0.08)
    outline = max(1, round(fs * 0.12))
    head = f"""[Script Info]
ScriptType: v4.00+
PlayResX: {w}
PlayResY: {h}
WrapStyle: 0
ScaledBorderAndShadow: yes

[V4+ Styles]
Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding
Style: Default,{font_name},{fs},&H00FFFFFF,&H00FFFFFF,&H00101010,&H8C000000,1,0,0,0,100,100,0,0,1,{outline},0,2,{margin_h},{margin_h},{margin_v},1

[Events]
Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text
"""
    events = [
        f"Dialogue: 0,{_ass_time(ln.start)},{_ass_time(ln.end + 0.15)},Default,,0,0,0,,{_ass_escape(ln.text)}"
        for ln in lines
    ]
    path.write_text(head + "\n".join(events) + "\n", encoding="utf-8")


def subtitle_font(language: str, script: str) -> str:
    if script in ("ja", "zh", "ko") or language in ("ja", "zh", "ko"):
        return {"ja": "Noto Sans CJK JP", "ko": "Noto Sans CJK KR"}.get(language, "Noto Sans CJK SC")
    if script == "ar":
        return "Noto Sans Arabic"
    if script == "he":
        return "Noto Sans Hebrew"
    if script == "th":
        return "Noto Sans Thai"
    if script == "hi":
        return "Noto Sans Devanagari"
    return "Noto Sans"


def _zoompan(motion: str, n: int, w: int, h: int) -> str:
    if motion == "in":
        z, x, y = f"1+0.08*on/{n}", "iw/2-(iw/zoom/2)", "ih/2-(ih/zoom/2)"
    elif motion == "out":
        z, x, y = f"1.08-0.08*on/{n}", "iw/2-(iw/zoom/2)", "ih/2-(ih/zoom/2)"
    elif motion == "pan":
        z, x, y = "1.07", f"(iw-iw/zoom)*on/{n}", "ih/2-(ih/zoom/2)"
    else:
        z, x, y = "1", "0", "0"
    return f"zoompan=z='{z}':x='{x}':y='{y}':d={n}:s={w}x{h}:fps={FPS}"


def _clip(n: int, w: int, h: int) -> str:
    """A generated clip fills the frame (scaled to cover, centred), at our frame rate, held on its
    last frame when shorter than its scene and cut to the scene's n frames (its own audio is ignored)."""
    return (
        f"scale={w}:{h}:force_original_aspect_ratio=increase,crop={w}:{h},setsar=1,fps={FPS},"
        f"tpad=stop_mode=clone:stop={n},trim=end_frame={n},setpts=PTS-STARTPTS"
    )


def fit_voice(lines: list[Line], voice_s: float, total: float) -> tuple[float, list[Line], str | None]:
    """(tempo, retimed lines, note): speed the voice up (≤ MAX_TEMPO) to end before the last half
    second; past that it is cut and the note says so."""
    room = max(1.0, total - 0.5)
    if voice_s <= room:
        return 1.0, lines, None
    tempo = min(MAX_TEMPO, voice_s / room)
    out = [Line(ln.text, ln.start / tempo, ln.end / tempo) for ln in lines]
    kept = [ln for ln in out if ln.start < total - 0.2]
    for ln in kept:
        ln.end = min(ln.end, total - 0.05)
    note = f"voice-over sped up ×{tempo:.2f} to fit {total:.0f} s"
    if voice_s / tempo > room + 0.01:
        note += "; its end is cut"
    return tempo, kept, note


def build_command(
    scenes: list[Scene],
    voice: Path,
    subs: Path,
    size: tuple[int, int],
    total: float,
    out: Path,
    tempo: float = 1.0,
    bed: Path | None = None,
) -> list[str]:
    w, h = size
    frames = frames_for([s.duration for s in scenes], total)
    cmd = ["ffmpeg", "-nostdin", "-v", "error", "-y"]
    for s in scenes:
        cmd += ["-i", (s.clip or s.still).name]
    cmd += ["-i", voice.name]
    if bed is not None:
        cmd += ["-stream_loop", "-1", "-i", bed.name]
    graph: list[str] = []
    for i, (s, n) in enumerate(zip(scenes, frames, strict=True)):
        if s.clip is not None:
            graph.append(f"[{i}:v]{_clip(n, w, h)}[v{i}]")
            continue
        graph.append(f"[{i}:v]format=rgb24,{_zoompan(s.motion, n, w, h)},setsar=1[v{i}]")
    labels = "".join(f"[v{i}]" for i in range(len(scenes)))
    fade = max(0.0, total - 0.4)
    graph.append(
        f"{labels}concat=n={len(scenes)}:v=1:a=0,subtitles=filename={subs.name},"
        f"fade=t=in:st=0:d=0.3,format=yuv420p[vout]"
    )
    vi = len(scenes)
    atempo = f"atempo={tempo:.4f}," if tempo != 1.0 else ""
    graph.append(
        f"[{vi}:a]{atempo}aresample=48000,aformat=channel_layouts=stereo,apad,"
        f"atrim=0:{total:.3f},asetpts=N/SR/TB[voice]"
    )
    if bed is not None:
        graph.append(
            f"[{vi + 1}:a]aresample=48000,aformat=channel_layouts=stereo,volume=0.22,"
            f"atrim=0:{total:.3f},asetpts=N/SR/TB[bed]"
        )
        graph.append("[voice][bed]amix=inputs=2:duration=first:normalize=0[mix]")
        last = "mix"
    else:
        last = "voice"
    graph.append(f"[{last}]afade=t=out:st={fade:.3f}:d=0.4[aout]")
    cmd += ["-filter_complex", ";".join(graph), "-map", "[vout]", "-map", "[aout]"]
    cmd += X264 + ["-r", str(FPS)] + AAC + BITEXACT
    cmd += ["-t", f"{total:.3f}", "-movflags", "+faststart", out.name]
    return cmd


def render(
    scenes: list[Scene],
    voice: Path,
    lines: list[Line],
    voice_s: float,
    size: tuple[int, int],
    total: float,
    out: Path,
    font_name: str,
    bed: Path | None = None,
    timeout_s: float = 150.0,
) -> list[str]:
    """Render one video in `out`'s folder (every input must be in it); returns notes."""
    folder = out.parent
    for p in [s.clip or s.still for s in scenes] + [voice] + ([bed] if bed else []):
        if p.parent != folder:
            raise RenderError(f"{p.name} is not in the render folder")
    tempo, timed, note = fit_voice(lines, voice_s, total)
    subs = folder / (out.stem + ".ass")
    subtitles(timed, size, font_name, subs)
    cmd = build_command(scenes, voice, subs, size, total, out, tempo, bed)
    release_models()  # the worker's Piper model need not stay resident beside ffmpeg
    res = subprocess.run(cmd, cwd=folder, capture_output=True, text=True, timeout=timeout_s, check=False,
                         preexec_fn=die_with_parent)  # fmt: skip
    if res.returncode != 0 or not out.exists():
        raise RenderError(f"ffmpeg failed ({res.returncode}): {res.stderr.strip()[-400:]}")
    return [note] if note else []
