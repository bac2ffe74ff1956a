"""Copyrights: promoting unauthorised copies of works (free downloads, mp3 rips, torrents, leaks,
converters, DRM removal), in every supported language (lexicons/*.json, category "piracy").
Pirated copies of music are a copyright matter, not counterfeit goods: "bootleg recordings" land
here, "bootleg tees" under counterfeit goods."""

from __future__ import annotations

from collections.abc import Iterator

from shared.models import Finding
from shared.policy.base import AdView, Text, TextEnv, finding

POLICY = "copyrights"


def piracy_term(t: Text) -> str | None:
    """A piracy phrase, or a download offered for free or as a pirate copy ("download the full
    album for free", "kostenlos ... herunterladen", "discografia pirata para download"): the two
    words in one text, in any order. A bare "pirata"/"pirate" is only a qualifier (category
    free_word): alone it is as often a band's or a radio's name."""
    download = free = None
    for h in t.hits:
        if h.category == "piracy":
            return t.norm[h.start : h.end]
        if h.category == "download" and download is None:
            download = h
        elif h.category == "free_word" and free is None:
            free = h
    if download and free:
        start, end = min(download.start, free.start), max(download.end, free.end)
        return t.norm[start:end]
    return None


def copyrights_in_text(t: Text, env: TextEnv) -> Iterator[Finding]:
    term = piracy_term(t)
    if term:
        yield finding(
            POLICY,
            "disapproved",
            t.field,
            f"Promotes unauthorised copies of music ('{term}').",
            "Cannot be fixed automatically: promote official streams or purchases instead"
            " (or apply for copyright certification if you hold the rights).",
        )


def copyrights(view: AdView) -> Iterator[Finding]:
    for t in view.texts:
        yield from copyrights_in_text(t, view.env)
