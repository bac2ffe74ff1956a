"""Copyrights: promoting unauthorised downloads or copies of music (free downloads, mp3 rips,
torrents, leaks, converters)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from shared.models import Finding
from shared.policy.base import AdView, Text, TextEnv, finding, triggers

TRIGGERS = triggers(
    "free download downloads mp3 mp3s mp4 mp4s torrent torrents magnet warez pirate pirated piracy bootleg bootlegged ripped rip yt youtube leak leaked leaks zip rar 320kbps 320 kbps descarga descargar gratis téléchargement telechargement télécharger telecharger kostenlos kostenlose kostenloser gratuito scarica scaricare downloaden converter flac flacs rips"
)
POLICY = "copyrights"

PIRACY = re.compile(
    r"(?<!\w)(?:"
    r"free\s+(?:\w+\s+){0,2}(?:downloads?|mp3s?|mp4s?|flacs?|rips?)"
    r"|downloads?\s+(?:\w+\s+){0,3}(?:for\s+free|free|gratis)"
    r"|mp3s?|mp3\s*downloads?|torrents?|magnet\s+links?|warez|pirated?|piracy|bootleg(?:ged)?\s+(?:recordings?|copies|albums?|mp3s?)"
    r"|ripped|rip\s+(?:the\s+)?(?:album|songs?|tracks?|music)|(?:youtube|yt)\s*(?:to|2)\s*mp[34]|mp[34]\s+converter"
    r"|leak(?:ed)?\s+(?:album|songs?|tracks?|ep|mixtape)|(?:album|songs?|tracks?)\s+leak(?:ed|s)?"
    r"|full\s+album\s+(?:free|zip|rar)|\.(?:zip|rar)\b|320\s?kbps"
    r"|descarga(?:r)?\s+gratis|t[ée]l[ée]chargement\s+gratuit|t[ée]l[ée]charger\s+gratuitement|kostenlos(?:er?)?\s+download"
    r"|download\s+gratuito|scarica(?:re)?\s+gratis|gratis\s+downloaden"
    r")(?!\w)",
    re.IGNORECASE,
)


def copyrights_in_text(t: Text, env: TextEnv) -> Iterator[Finding]:
    m = PIRACY.search(t.masked) if t.has_any(TRIGGERS) else None
    if m:
        yield finding(
            POLICY,
            "disapproved",
            t.field,
            f"Promotes unauthorised copies of music ('{m.group(0)}').",
            "Cannot be fixed automatically: promote official streams or purchases instead"
            " (or apply for copyright certification if you hold the rights).",
        )


def copyrights(view: AdView) -> Iterator[Finding]:
    for t in view.texts:
        yield from copyrights_in_text(t, view.env)
