"""One ffmpeg graph per short: same inputs → same bytes; subtitles follow the voice's line times; a
file that is not faststart, or whose audio and video lengths differ, fails its spec with the reason."""

from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path

from media import designer, spec, video, voice
from media.style import style_for
from sandbox.media_apis import synthetic_image

CONTENT = designer.Content("Daft Punk", "Random Access Memories", "", "Stream it now", language="en")


def _short(work: Path, v: voice.VoiceResult, size=(270, 480), seconds=6.0) -> Path:
    style = style_for("electronic: x", "A")
    photo = synthetic_image("artist/1", (200, 200))
    scenes = []
    for i, (kind, text) in enumerate(
        [("hook", "The drop."), ("artist", ""), ("proof", "From Paris"), ("end", "")]
    ):
        still = work / f"s{i}.{designer.STILL_EXT}"
        designer.save_still(designer.scene(kind, size, style, CONTENT, photo, i, text=text), still)
        scenes.append(video.Scene(still, seconds / 4, video.MOTIONS[i]))
    voice_copy = work / "voice.wav"
    voice_copy.write_bytes(v.path.read_bytes())
    out = work / "short.mp4"
    video.render(scenes, voice_copy, v.lines, v.duration_s, size, seconds, out, "Noto Sans")
    return out


def test_same_inputs_same_bytes_and_the_spec(tmp_path):
    (tmp_path / "v").mkdir()
    v = voice.synthesize(["This is Daft Punk.", "Stream it now."], "en", tmp_path / "v")
    digests = []
    for run in ("a", "b"):
        (tmp_path / run).mkdir()
        out = _short(tmp_path / run, v)
        digests.append(hashlib.sha256(out.read_bytes()).hexdigest())
        check = spec.check_video(out, spec.VideoSpec("v", 270, 480, 6.0))
        assert check.ok, check.failures
    assert digests[0] == digests[1]
    ass = (tmp_path / "a" / "short.ass").read_text()
    assert "Dialogue: 0,0:00:00.40," in ass and "This is Daft Punk." in ass  # starts with the voice

    # Not faststart (moov moved to the end), and audio cut short: both named.
    bad = tmp_path / "bad.mp4"
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-i", str(tmp_path / "a" / "short.mp4"), "-map", "0:v", "-map", "0:a",
                    "-c:v", "copy", "-c:a", "aac", "-af", "atrim=0:3", str(bad)], check=True)  # fmt: skip
    failures = spec.check_video(bad, spec.VideoSpec("v", 270, 480, 6.0)).failures
    assert any("faststart" in f for f in failures) and any("lengths differ" in f for f in failures)
    assert any(
        "expected 1080×1920" in f
        for f in spec.check_video(bad, spec.VideoSpec("v", 1080, 1920, 6.0)).failures
    )


def test_a_long_voice_is_fitted_and_noted():
    lines = [video.Line("a", 0.4, 4.0), video.Line("b", 4.3, 9.0)]
    tempo, timed, note = video.fit_voice(lines, 9.0, 6.0)
    assert tempo == 1.5 and timed[-1].end <= 6.0 and "cut" in note
