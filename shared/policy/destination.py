"""Destination requirements: a valid http(s) final URL that opens a page of the advertiser's own
(not a link shortener or redirect service, not a file download, not an e-mail or other program),
display paths Google accepts (no slash, space or line break, path2 only with path1), and no
address in the ad text other than the final URL's (Destination mismatch), shorteners and mailto:
links included. Domains in text are recognised by the public suffix list."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from urllib.parse import urlsplit

from shared.models import AdInput, Finding
from shared.policy.base import PATH, AdView, Text, TextEnv, finding
from shared.policy.text import find_domains, registrable_domain
from shared.policy.vocabulary import LEXICONS

POLICY = "destination_requirements"
MAX_URL = 2048
_HOST = re.compile(
    r"^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$|^xn--[a-z0-9-]+(?:\.[a-z0-9-]+)+$"
)
_PATH_BAD = re.compile(r"[/\\\n\r\t]")
_SCHEME_IN_TEXT = re.compile(r"(?<![\w-])(mailto|tel|sms|ftp|file|javascript):", re.IGNORECASE)


@lru_cache(maxsize=1)
def _data() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    import json

    with open(LEXICONS / "destinations.json", encoding="utf-8") as fh:
        d = json.load(fh)
    return frozenset(d["shorteners"]), frozenset(d["downloads"]), frozenset(d["schemes"])


def is_shortener(host: str) -> bool:
    host = host.lower().rstrip(".")
    shorteners = _data()[0]
    return host in shorteners or registrable_domain(host) in shorteners


def download_ending(path: str) -> str | None:
    """The file ending of a URL path that downloads a file (.exe, .apk, .zip, .mp3...)."""
    last = path.rsplit("/", 1)[-1]
    if "." not in last:
        return None
    ext = last.rsplit(".", 1)[-1].lower()
    return ext if ext in _data()[1] else None


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
    if parts.scheme.lower() in _data()[2]:
        return f"the final URL opens another program ({parts.scheme}:) instead of a web page"
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
    if is_shortener(ascii_host):
        return f"the final URL goes through a link shortener or redirect service ({ascii_host})"
    ext = download_ending(parts.path)
    if ext:
        return f"the final URL downloads a file (.{ext}) instead of opening a page"
    return None


@lru_cache(maxsize=4096)  # one final URL per campaign or ad group, checked with every ad
def final_domain(url: str) -> str | None:
    if final_url_problem(url):
        return None
    return registrable_domain(urlsplit(url).hostname or "")


@lru_cache(maxsize=1 << 16)
def text_domains(text: str) -> tuple[str, ...]:
    return tuple(m.group(1).lower() for m in find_domains(text))


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
    if " " in t.raw.strip() or "\u3000" in t.raw:
        yield finding(
            POLICY,
            "disapproved",
            t.field,
            "A display path cannot contain spaces.",
            "Join the words with '-' (the auto-fix does).",
        )
    if find_domains(t.raw):
        yield finding(
            POLICY,
            "disapproved",
            t.field,
            "A display path cannot hold a web address.",
            "Cannot be fixed automatically: use a word describing the page.",
        )


def copy_domains(t: Text) -> tuple[str, ...]:
    """The domains an asset names (paths are checked by `path_in_text` instead)."""
    return () if t.kind == PATH else text_domains(t.norm)


def links_in_text(t: Text, env: TextEnv) -> Iterator[Finding]:
    """Addresses in ad copy that cannot be a landing page whatever the final URL: shorteners and
    redirect services, links that open a program (mailto:), file downloads."""
    if t.kind == PATH or ("." not in t.norm and ":" not in t.norm):
        return
    m = _SCHEME_IN_TEXT.search(t.norm)
    if m:
        yield finding(
            POLICY,
            "disapproved",
            t.field,
            f"The ad text holds a '{m.group(1).lower()}:' link, which opens another program.",
            "Cannot be fixed automatically: remove it (use a call or lead form asset instead).",
        )
    for d in find_domains(t.norm):
        host = d.group(1).lower()
        rest = d.group(0)[d.group(0).lower().find(host) + len(host) :]
        if is_shortener(host):
            yield finding(
                POLICY,
                "disapproved",
                t.field,
                f"The ad text names a link shortener or redirect service ({host}).",
                "Cannot be fixed automatically: name the landing page's own site or remove the address.",
            )
        elif download_ending(rest) or (not rest and download_ending(host)):
            yield finding(
                POLICY,
                "disapproved",
                t.field,
                f"The ad text points to a file download ({d.group(0)}).",
                "Cannot be fixed automatically: link to a page, not a file.",
            )


def mismatches(field_name: str, domains: tuple[str, ...], home: str | None) -> Iterator[Finding]:
    if home is None:
        return
    for domain in domains:
        if is_shortener(domain) or download_ending(domain):
            continue  # reported by links_in_text, whatever the final URL
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
        yield from links_in_text(t, view.env)
        yield from mismatches(t.field, copy_domains(t), home)
