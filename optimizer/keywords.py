"""Keywords with match types, validated the way the Google Ads API validates them (at most 80
characters and 10 words, no invalid characters, no broad-match modifier), deduplicated the way
Google matches them (case, "." and "-" ignored), plus the negatives that keep the budget off
pirates and freeloaders."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from shared.models import Keyword
from shared.policy.ad_format import KEYWORD_MAX_CHARS as MAX_CHARS
from shared.policy.ad_format import KEYWORD_MAX_WORDS as MAX_WORDS

# Characters Google rejects in keyword text (KEYWORD_HAS_INVALID_CHARS).
INVALID = re.compile(r"[,!@%^()={};~`<>?\\|*]")
# Pirates and freeloaders: searches that never buy a ticket, a record or a stream.
CAMPAIGN_NEGATIVES = (
    "free download",
    "download free",
    "mp3",
    "mp3 download",
    "torrent",
    "free mp3",
    "zip",
    "rar",
    "leak",
    "leaked",
    "crack",
    "youtube to mp3",
    "converter",
    "320kbps",
    "flac download",
    "ringtone",
    "karaoke",
    "free tickets",
)
THEME_NEGATIVES: dict[str, tuple[str, ...]] = {
    "brand": ("tribute band", "cover band"),
    "tickets": ("free", "giveaway", "scam"),
    "merch": ("replica", "fake", "knock off", "free"),
    "similar_artists": ("tribute band",),
}


class InvalidKeyword(ValueError):
    pass


def parse(text: str, default: str = "phrase") -> Keyword:
    """Editor/UI syntax: "phrase", [exact], plain broad. A leading "+" (the retired broad-match
    modifier) is dropped: the API rejects new BMM keywords."""
    t = text.strip()
    match = default
    if len(t) >= 2 and t[0] == "[" and t[-1] == "]":
        t, match = t[1:-1], "exact"
    elif len(t) >= 2 and t[0] == '"' and t[-1] == '"':
        t, match = t[1:-1], "phrase"
    t = re.sub(r"(?:(?<=\s)|^)\+(?=\w)", "", t)
    return Keyword(text=t, match_type=match)  # type: ignore[arg-type]


def clean(text: str) -> str:
    """Lower-case, invalid characters replaced by spaces, single spaces."""
    return (
        re.sub(r"\s+", " ", INVALID.sub(" ", text.replace('"', " ").replace("[", " ").replace("]", " ")))
        .strip()
        .lower()
    )


def validate(kw: Keyword) -> str | None:
    """Why Google would reject the keyword, or None."""
    if not kw.text.strip():
        return "empty keyword"
    if len(kw.text) > MAX_CHARS:
        return f"longer than {MAX_CHARS} characters"
    if len(kw.text.split()) > MAX_WORDS:
        return f"more than {MAX_WORDS} words"
    if INVALID.search(kw.text) or any(ord(c) < 32 for c in kw.text):
        return "contains characters Google does not accept in keywords"
    if re.search(r"(?:^|\s)\+\w", kw.text):
        return "broad match modifier (+word) is retired"
    return None


def match_key(kw: Keyword) -> tuple[str, str]:
    """Google ignores case, "." and "-" when matching ("T-rex" = "t rex")."""
    return re.sub(r"[\s.\-]+", " ", kw.text.lower()).strip(), kw.match_type


def build(
    items: Iterable[str | Keyword | dict[str, Any]], negatives: Iterable[str] = ()
) -> tuple[list[Keyword], list[str]]:
    """(valid, deduplicated keywords; what was dropped and why). Keywords that contain a negative
    term are dropped too: they would only ever block themselves."""
    neg = [n.lower() for n in negatives]
    out: dict[tuple[str, str], Keyword] = {}
    dropped: list[str] = []
    for item in items:
        kw = (
            item
            if isinstance(item, Keyword)
            else Keyword.model_validate(item)
            if isinstance(item, dict)
            else parse(item)
        )
        kw = Keyword(text=clean(kw.text), match_type=kw.match_type)
        problem = validate(kw)
        if problem:
            dropped.append(f"{kw.text!r}: {problem}")
            continue
        padded = f" {kw.text} "
        if any(f" {n} " in padded for n in neg):
            dropped.append(f"{kw.text!r}: matches a negative keyword")
            continue
        out.setdefault(match_key(kw), kw)
    return list(out.values()), dropped


def negatives_for(theme: str, other_themes: Iterable[str] = ()) -> list[Keyword]:
    return [Keyword(text=t, match_type="phrase") for t in THEME_NEGATIVES.get(theme, ())]


def campaign_negatives() -> list[Keyword]:
    return [Keyword(text=t, match_type="phrase") for t in CAMPAIGN_NEGATIVES]
