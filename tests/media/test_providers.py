"""Every generator against its sandbox stand-in through the real client or HTTP shape, and its
faults: the chain moves on and says why, and ends in the offline renderer (images) or espeak-ng
(voice) — a render always has a result, and no provider error is swallowed silently."""

from __future__ import annotations

import pytest

from media import providers, voice
from shared.settings import reset_settings


@pytest.fixture
def keys(monkeypatch, sandbox):
    for name, value in {"OPENAI_API_KEY": "sk-test", "GEMINI_API_KEY": "g-test", "FAL_KEY": "fal-test",
                        "ELEVENLABS_API_KEY": "el-test", "HTTP_MAX_RETRIES": "1", "RETRY_AFTER_CAP_S": "0"}.items():  # fmt: skip
        monkeypatch.setenv(name, value)
    reset_settings()
    yield sandbox
    reset_settings()


@pytest.mark.parametrize("name", ["openai", "gemini", "fal"])
def test_each_image_provider_answers_in_its_api_shape(keys, monkeypatch, name):
    monkeypatch.setenv("MEDIA_IMAGE_PROVIDERS", f"{name},offline")
    reset_settings()
    art = providers.key_art("Neon city at night. No text.", 42, sandbox=True)
    assert art.provider == name and art.image is not None and art.image.size == (1024, 1024)
    again = providers.key_art("Neon city at night. No text.", 42, sandbox=True)
    assert again.image.tobytes() == art.image.tobytes()  # same prompt and seed, same picture
    assert keys.calls()[name if name != "openai" else "openai"] >= 1


def test_faults_of_every_image_provider_fall_through_to_offline(keys, monkeypatch):
    monkeypatch.setenv("MEDIA_IMAGE_PROVIDERS", "openai,gemini,fal,offline")
    reset_settings()
    keys.configure("openai:500,gemini:429,fal:malformed")
    art = providers.key_art("A quiet porch at golden hour.", 1, sandbox=True)
    assert art.provider == "offline" and art.image is None
    assert [n.split(" ")[0] for n in art.notes] == ["openai", "gemini", "fal"]
    keys.configure("openai:403")  # a non-retryable error moves on at once; gemini answers
    art = providers.key_art("A quiet porch at golden hour.", 1, sandbox=True)
    assert art.provider == "gemini" and "openai failed" in art.notes[0]


def test_unknown_provider_names_the_variable(monkeypatch, keys):
    monkeypatch.setenv("MEDIA_IMAGE_PROVIDERS", "openai,midjourney")
    reset_settings()
    with pytest.raises(providers.ChainConfigError, match="MEDIA_IMAGE_PROVIDERS"):
        providers.chain(sandbox=True)


def test_elevenlabs_with_timestamps_and_its_fault(keys, tmp_path):
    lines = ["This is Daft Punk.", "Stream Random Access Memories now."]
    out = voice.synthesize(lines, "en", tmp_path)
    assert out.provider == "elevenlabs" and [ln.text for ln in out.lines] == lines
    assert (
        0
        < out.lines[0].start
        < out.lines[0].end
        <= out.lines[1].start
        < out.lines[1].end
        <= out.duration_s + 0.01
    )
    keys.configure("elevenlabs:503")
    out = voice.synthesize(lines, "en", tmp_path)
    assert out.provider in ("piper", "espeak") and any("elevenlabs" in n for n in out.notes)


def test_piper_for_english_espeak_for_french_loudness_normalised(tmp_path, monkeypatch):
    import json
    import subprocess

    monkeypatch.delenv("ELEVENLABS_API_KEY", raising=False)
    reset_settings()
    en = voice.synthesize(["This is Daft Punk.", "Stream it now."], "en", tmp_path)
    assert en.provider == "piper" and en.model == "en_US-joe-medium"
    (tmp_path / "fr").mkdir()
    fr = voice.synthesize(["Voici Daft Punk.", "Écoutez maintenant."], "fr", tmp_path / "fr")
    assert fr.provider == "espeak" and fr.model.startswith("espeak-ng:fr")
    for result in (en, fr):
        res = subprocess.run(["ffmpeg", "-nostdin", "-i", str(result.path), "-af", "loudnorm=print_format=json",
                              "-f", "null", "-"], capture_output=True, text=True, check=True)  # fmt: skip
        measured = json.loads(res.stderr[res.stderr.rindex("{") :])
        assert abs(float(measured["input_i"]) + 16) < 2.5, measured["input_i"]  # -16 LUFS integrated
