"""Destination requirements: a valid http(s) final URL, display paths Google accepts (no slash or
line break, path2 only with path1), and no domain in the ad text other than the final URL's
(Destination mismatch)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from urllib.parse import urlsplit

from shared.models import AdInput, Finding
from shared.policy.base import PATH, AdView, Text, TextEnv, finding
from shared.policy.text import DOMAIN, registrable_domain

POLICY = "destination_requirements"
MAX_URL = 2048
_HOST = re.compile(
    r"^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$|^xn--[a-z0-9-]+(?:\.[a-z0-9-]+)+$"
)
_PATH_BAD = re.compile(r"[/\\\n\r\t]")


@lru_cache(maxsize=4096)
def final_url_problem(url: str) -> str | None:
    """Why the final URL would be rejected, or None when it is a valid http(s) URL."""
    if not url or not url.strip():
        return "the final URL is missing"
    if url != url.strip() or any(c.isspace() for c in url):
        return "the final URL contains spaces"
    if len(url) > MAX_URL:
        return f"the final URL is longer than {MAX_URL} characters"
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        parts.port  # noqa: B018 - raises on a malformed port
    except ValueError:
        return "the final URL cannot be parsed"
    if parts.scheme not in ("http", "https"):
        return "the final URL must start with http:// or https://"
    if not host:
        return "the final URL has no domain"
    try:
        ascii_host = host.encode("idna").decode("ascii")
    except UnicodeError:
        return "the final URL's domain is not valid"
    if not _HOST.match(ascii_host):
        return "the final URL's domain is not valid"
    if "{" in url and "{lpurl" not in url.lower():
        return "the final URL contains an unresolved {tag}"
    return None


@lru_cache(maxsize=4096)  # one final URL per campaign or ad group, checked with every ad
def final_domain(url: str) -> str | None:
    if final_url_problem(url):
        return None
    return registrable_domain(urlsplit(url).hostname or "")


@lru_cache(maxsize=1 << 16)
def text_domains(text: str) -> tuple[str, ...]:
    if "." not in text:
        return ()
    return tuple(m.group(1).lower() for m in DOMAIN.finditer(text))


def ad_destination(ad: AdInput) -> Iterator[Finding]:
    """The final URL and the display paths' pairing: the parts of the rule that are not per text."""
    problem = final_url_problem(ad.final_url)
    if problem:
        yield finding(
            POLICY,
            "disapproved",
            "final_url",
            f"Invalid destination: {problem}.",
            "Cannot be fixed automatically: set the final URL to the artist's https:// page.",
        )
    if ad.path2 and not ad.path1:
        yield finding(
            POLICY,
            "disapproved",
            "path2",
            "Path 2 can only be used together with path 1.",
            "Move path 2 into path 1 (the auto-fix does).",
        )


def path_in_text(t: Text, env: TextEnv) -> Iterator[Finding]:
    """A display path's own problems (ad copy is checked against the final URL by `mismatches`)."""
    if t.kind != PATH:
        return
    if _PATH_BAD.search(t.raw):
        yield finding(
            POLICY,
            "disapproved",
            t.field,
            "A display path cannot contain '/', '\\' or a line break.",
            "Use a single word or hyphenated words (the auto-fix replaces them with '-').",
        )
    if DOMAIN.search(t.raw):
        yield finding(
            POLICY,
            "disapproved",
            t.field,
            "A display path cannot hold a web address.",
            "Cannot be fixed automatically: use a word describing the page.",
        )


def copy_domains(t: Text) -> tuple[str, ...]:
    """The domains an asset names (paths are checked by `path_in_text` instead)."""
    return () if t.kind == PATH else text_domains(t.raw)


def mismatches(field_name: str, domains: tuple[str, ...], home: str | None) -> Iterator[Finding]:
    if home is None:
        return
    for domain in domains:
        if registrable_domain(domain) != home:
            yield finding(
                POLICY,
                "disapproved",
                field_name,
                f"The ad text names {domain}, but the final URL goes to {home} (destination mismatch).",
                "Cannot be fixed automatically: name the final URL's site or remove the address.",
            )


def destination_requirements(view: AdView) -> Iterator[Finding]:
    yield from ad_destination(view.ad)
    home = final_domain(view.ad.final_url)
    for t in view.texts:
        yield from path_in_text(t, view.env)
        yield from mismatches(t.field, copy_domains(t), home)
