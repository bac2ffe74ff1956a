"""Every voice MARKETING can write in (marketing/tone.py) has a palette: its own, or its alias's —
never the neutral fallback by accident."""

from __future__ import annotations

from marketing.tone import VOICES
from media.style import ALIASES, TONES, style_for, tone_family


def test_every_marketing_voice_has_a_style():
    for voice in VOICES:
        family = tone_family(f"{voice}: a guide")
        assert family in TONES, voice
        assert family != "neutral" or voice == "neutral", f"{voice} falls back to neutral: add it to ALIASES"
        for direction in ("A", "B"):
            assert style_for(f"{voice}: x", direction).palette == TONES[family][0 if direction == "A" else 1]


def test_aliases_point_at_real_palettes_and_unknown_tones_stay_neutral():
    assert set(ALIASES.values()) <= set(TONES)
    assert tone_family("children: warm") == "pop" and tone_family("afro") == "latin"
    assert tone_family("jazz: elegant") == "soul" and tone_family("folk") == "acoustic"
    assert tone_family("polka: ?") == "neutral" and tone_family("") == "neutral"
