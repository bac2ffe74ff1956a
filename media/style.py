"""Art direction: a palette and a typeface pair per tone family and direction, the font for the
campaign's script, and the client's comment read as a steer for the next round.

The tone family is the one MARKETING's brief names (`CreativeBrief.tone` starts with it: "dark: …").
Direction A is always the bright, typography-led one and B the dark, photo-led one, so the pair
contrasts whatever the tone (the brief's two visual concepts are written to contrast the same way)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from PIL import ImageFont

RGB = tuple[int, int, int]

NOTO = Path("/usr/share/fonts/truetype/noto")
NOTO_CJK = Path("/usr/share/fonts/opentype/noto")
DEJAVU = Path("/usr/share/fonts/truetype/dejavu")


@dataclass(frozen=True)
class Palette:
    background: RGB
    surface: RGB  # colour blocks, panels
    accent: RGB  # CTA, rules
    text: RGB
    muted: RGB  # secondary text
    on_accent: RGB  # text on the accent (the CTA label)


@dataclass(frozen=True)
class Style:
    family: str  # tone family
    direction: str  # "A" / "B"
    palette: Palette
    display: str  # "serif" | "sans": the artist name and headlines
    body: str  # "serif" | "sans"
    uppercase_title: bool
    layout: str  # "blocks" (A) | "fullbleed" (B)
    photo_treatment: str  # "color" | "duotone" | "mono"
    title_scale: float = 1.0
    use_photo: bool = True
    notes: tuple[str, ...] = field(default_factory=tuple)


def _hex(value: str) -> RGB:
    value = value.lstrip("#")
    return (int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16))


def _pal(bg: str, surface: str, accent: str, text: str, muted: str, on_accent: str) -> Palette:
    return Palette(_hex(bg), _hex(surface), _hex(accent), _hex(text), _hex(muted), _hex(on_accent))


# tone family -> (A palette, B palette, display face, uppercase titles)
TONES: dict[str, tuple[Palette, Palette, str, bool]] = {
    "dark": (
        _pal("e9e6df", "1b1b1b", "8c1c13", "111111", "4a4a4a", "f4f1ea"),
        _pal("0b0b0d", "1c1d22", "b3261e", "eeeeee", "9a9a9a", "ffffff"),
        "serif",
        True,
    ),
    "kpop": (
        _pal("ffe8f3", "b9e6ff", "ff3d8b", "1d1a3a", "5d5a7a", "ffffff"),
        _pal("17142b", "2a2550", "7cf7d4", "ffffff", "c9c4ee", "17142b"),
        "sans",
        False,
    ),
    "hiphop": (
        _pal("f2c14e", "151515", "e4572e", "111111", "3d3d3d", "ffffff"),
        _pal("0e0f13", "1c2230", "f2c14e", "f5f5f5", "a3a9b8", "0e0f13"),
        "sans",
        True,
    ),
    "electronic": (
        _pal("e7f0ff", "4b2bff", "00d1b2", "0a0a23", "3f4466", "0a0a23"),
        _pal("05040f", "1a0f3d", "00f0ff", "f0f4ff", "8f93c9", "05040f"),
        "sans",
        True,
    ),
    "latin": (
        _pal("ffd9a8", "e63946", "2a9d8f", "2b1200", "6b3a1f", "ffffff"),
        _pal("2b0f0e", "5c1a1b", "ffb703", "fff3e6", "e0b9a0", "2b0f0e"),
        "sans",
        False,
    ),
    "rock": (
        _pal("f1ede4", "c1121f", "111111", "111111", "4a4a4a", "ffffff"),
        _pal("121212", "2b2b2b", "e63946", "f1f1f1", "a0a0a0", "ffffff"),
        "sans",
        True,
    ),
    "acoustic": (
        _pal("f6efe2", "c9ad7f", "6b4f2a", "2e2418", "6d5c45", "ffffff"),
        _pal("1f1a14", "3a3024", "e0b872", "f6efe2", "bfae92", "1f1a14"),
        "serif",
        False,
    ),
    "soul": (
        _pal("f4e9d8", "6d2e46", "c9a227", "2a1420", "6b4a5a", "2a1420"),
        _pal("1a0f14", "3b1d2b", "d4af37", "f7eadb", "c7a9b5", "1a0f14"),
        "serif",
        False,
    ),
    "pop": (
        _pal("fff4d6", "ff6b6b", "4361ee", "1b1b3a", "51517a", "ffffff"),
        _pal("1b1b3a", "2d2d5f", "ffd166", "ffffff", "c5c5ea", "1b1b3a"),
        "sans",
        False,
    ),
    "neutral": (
        _pal("f5f5f2", "1f3a5f", "e07a5f", "1a1a1a", "555555", "ffffff"),
        _pal("14161a", "262a31", "e07a5f", "f3f3f3", "a5a9b0", "14161a"),
        "sans",
        False,
    ),
}


# MARKETING's voices (marketing/tone.py VOICES) that have no palette of their own borrow the closest
# one: a children's act gets pop's bright colours, the "voice and room" genres soul's warm dark gold,
# the storytelling ones acoustic's earth tones, afrobeats latin's sunny heat.
ALIASES: dict[str, str] = {
    "children": "pop",
    "classical": "soul",
    "gospel": "soul",
    "rnb": "soul",
    "jazz": "soul",
    "country": "acoustic",
    "folk": "acoustic",
    "afro": "latin",
}


def tone_family(tone: str) -> str:
    """'dark: write like …' -> 'dark'; a voice without a palette -> its alias; unknown or empty -> 'neutral'."""
    head = (tone or "").split(":", 1)[0].strip().lower()
    head = ALIASES.get(head, head)
    return head if head in TONES else "neutral"


def style_for(tone: str, direction: str) -> Style:
    family = tone_family(tone)
    pal_a, pal_b, display, upper = TONES[family]
    if direction == "A":
        return Style(family, "A", pal_a, display, "sans", upper, "blocks", "color")
    # B inverts the type pairing so the two directions never share a typographic voice.
    return Style(
        family,
        "B",
        pal_b,
        "sans" if display == "serif" else "serif",
        "sans",
        not upper,
        "fullbleed",
        "duotone",
    )


# ---------------------------------------------------------------- the client's steer

_STEERS: tuple[tuple[str, str], ...] = (
    (r"\b(dark(er)?|moodier|night|sombre|plus sombre)\b", "darker"),
    (r"\b(bright(er)?|light(er)?|colou?rful|plus clair|lumineu)", "brighter"),
    (r"\b(bigger|larger|bolder|plus grand|more visible)\b", "bigger_title"),
    (r"\b(smaller|subtle|discreet|plus petit)\b", "smaller_title"),
    (r"\b(no (photo|picture|image)|without (the )?(photo|picture)|sans photo)\b", "no_photo"),
    (r"\b(black and white|b&w|monochrome|noir et blanc)\b", "mono"),
    (r"\b(serif)\b", "serif"),
    (r"\b(sans|modern|clean)\b", "sans"),
)


def read_steer(comment: str) -> list[str]:
    """What a reviewer's comment asks for, as steer names (the free text is also kept on the
    record and in the provider prompt; these are what the offline renderer can act on)."""
    text = (comment or "").lower()
    return [name for pattern, name in _STEERS if re.search(pattern, text)]


def _darken(c: RGB, f: float) -> RGB:
    return tuple(max(0, int(v * f)) for v in c)  # type: ignore[return-value]


def _lighten(c: RGB, f: float) -> RGB:
    return tuple(min(255, int(v + (255 - v) * f)) for v in c)  # type: ignore[return-value]


def apply_steer(style: Style, steers: list[str]) -> Style:
    p = style.palette
    out = style
    for s in steers:
        if s == "darker":
            p = replace(p, background=_darken(p.background, 0.55), surface=_darken(p.surface, 0.6))
            if sum(p.background) < 300:
                p = replace(p, text=(245, 245, 245), muted=(190, 190, 190))
        elif s == "brighter":
            p = replace(p, background=_lighten(p.background, 0.35), accent=_lighten(p.accent, 0.15))
            if sum(p.background) > 450:
                p = replace(p, text=(20, 20, 20), muted=(80, 80, 80))
        elif s == "bigger_title":
            out = replace(out, title_scale=out.title_scale * 1.18)
        elif s == "smaller_title":
            out = replace(out, title_scale=out.title_scale * 0.85)
        elif s == "no_photo":
            out = replace(out, use_photo=False)
        elif s == "mono":
            out = replace(out, photo_treatment="mono")
        elif s in ("serif", "sans"):
            out = replace(out, display=s)
    return replace(out, palette=p, notes=tuple(f"steer: {s}" for s in steers))


# ---------------------------------------------------------------- fonts per script

CJK_INDEX = {"ja": 0, "ko": 1, "zh": 2, "zh-tw": 3}


def script_of(text: str) -> str:
    """The dominant non-Latin script of a text ('latin' when there is none)."""
    for ch in text:
        name = unicodedata.name(ch, "")
        if name.startswith(("HANGUL",)):
            return "ko"
        if name.startswith(("HIRAGANA", "KATAKANA")):
            return "ja"
        if name.startswith("CJK"):
            return "zh"
        if name.startswith("ARABIC"):
            return "ar"
        if name.startswith("HEBREW"):
            return "he"
        if name.startswith("THAI"):
            return "th"
        if name.startswith("DEVANAGARI"):
            return "hi"
        if name.startswith(("CYRILLIC", "GREEK")):
            return "latin"  # Noto Sans/Serif cover them
    return "latin"


_SCRIPT_FILES = {
    "ar": ("NotoSansArabic-Bold.ttf", "NotoSansArabic-Regular.ttf", "NotoNaskhArabic-Bold.ttf"),
    "he": ("NotoSansHebrew-Bold.ttf", "NotoSansHebrew-Regular.ttf", "NotoSerifHebrew-Bold.ttf"),
    "th": ("NotoSansThai-Bold.ttf", "NotoSansThai-Regular.ttf", "NotoSerifThai-Bold.ttf"),
    "hi": ("NotoSansDevanagari-Bold.ttf", "NotoSansDevanagari-Regular.ttf", "NotoSerifDevanagari-Bold.ttf"),
}


def font_file(face: str, weight: str, script: str, language: str) -> tuple[Path, int]:
    """(file, collection index) for a face ('serif'/'sans'), weight ('bold'/'regular') and script."""
    bold = weight == "bold"
    if script in ("ja", "ko", "zh") or language in CJK_INDEX:
        fam = "Serif" if face == "serif" else "Sans"
        idx = CJK_INDEX.get(language, CJK_INDEX.get(script, 0))
        return NOTO_CJK / f"Noto{fam}CJK-{'Bold' if bold else 'Regular'}.ttc", idx
    if script in _SCRIPT_FILES:
        b, r, serif_b = _SCRIPT_FILES[script]
        name = serif_b if (face == "serif" and bold and (NOTO / serif_b).exists()) else (b if bold else r)
        return NOTO / name, 0
    if face == "serif":
        name = "NotoSerifDisplay-Bold.ttf" if bold else "NotoSerif-Regular.ttf"
    else:
        name = "NotoSansDisplay-Bold.ttf" if bold else "NotoSans-Regular.ttf"
    path = NOTO / name
    if not path.exists():  # fonts-noto-core missing: DejaVu is everywhere Debian is
        path = DEJAVU / (
            ("DejaVuSerif" if face == "serif" else "DejaVuSans") + ("-Bold.ttf" if bold else ".ttf")
        )
    return path, 0


@lru_cache(maxsize=256)
def font(
    face: str, weight: str, size: int, script: str = "latin", language: str = "en"
) -> ImageFont.FreeTypeFont:
    path, index = font_file(face, weight, script, language)
    return ImageFont.truetype(str(path), max(6, int(size)), index=index, layout_engine=ImageFont.Layout.RAQM)
