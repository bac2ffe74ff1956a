"""The campaign request: the POST body of /api/campaigns and the MAIN form."""

from __future__ import annotations

import ipaddress
import unicodedata
from collections.abc import Callable
from datetime import date
from typing import Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, field_validator

from shared.iso import COUNTRIES, CURRENCIES, LANGUAGES

Goal = Literal["streams", "tickets", "followers", "merch", "presave"]
Platform = Literal["search", "youtube", "display"]

MAX_TEXT = 1000


def _codes(
    values: list[str], allowed: frozenset[str], normalise: Callable[[str], str], what: str
) -> list[str]:
    """Normalise, check against the ISO list, de-duplicate keeping order."""
    out = []
    for raw in values:
        code = normalise(raw.strip())
        if code not in allowed:
            raise ValueError(f"'{raw}' is not {what}")
        out.append(code)
    return list(dict.fromkeys(out))


# Characters a reader cannot see or that reorder what they see: format characters (zero-width
# spaces and joiners, the bidi overrides and isolates that make "gro.evil" read "live.org", the BOM),
# line/paragraph separators, private-use, surrogates, unassigned code points, and the letters that
# render as blanks (Hangul fillers, the braille blank, the Mongolian vowel separator). In a name they
# end up in headlines and CSV cells looking like something else; they are refused in every field.
_INVISIBLE_CATEGORIES = frozenset({"Cf", "Co", "Cs", "Cn", "Zl", "Zp"})
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800\u180e")


def invisible_char(text: str) -> str | None:
    """The first invisible or reordering character in `text`, described (U+202E RIGHT-TO-LEFT
    OVERRIDE), or None."""
    for c in text:
        if c in _BLANK_LETTERS or unicodedata.category(c) in _INVISIBLE_CATEGORIES:
            return f"U+{ord(c):04X} {unicodedata.name(c, 'unnamed character')}"
    return None


class StrictModel(BaseModel):
    """Unknown fields are errors: a typo in a field name must not be silently ignored. No text
    field may carry invisible or reordering characters (see `invisible_char`)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    @field_validator("*", mode="after")
    @classmethod
    def _visible(cls, v: object) -> object:
        for text in v if isinstance(v, list) else [v]:
            if isinstance(text, str) and (found := invisible_char(text)):
                raise ValueError(f"must not contain invisible or formatting characters ({found})")
        return v


def check_https_url(v: str | None) -> str | None:
    """An https URL with a real domain, or None. One rule for `final_url` and every `links.*` page."""
    if not v:
        return None
    try:
        parts = urlsplit(v)
        parts.port  # noqa: B018 - raises on a malformed port
    except ValueError:
        raise ValueError("must be a well-formed https URL, e.g. https://artist.com/release") from None
    if parts.scheme != "https":
        raise ValueError("must be an https:// URL")
    host = (parts.hostname or "").rstrip(".")
    if "." not in host or host.startswith(".") or any(c.isspace() for c in v):
        raise ValueError("must be a well-formed https URL with a domain, e.g. https://artist.com/release")
    if parts.username is not None or parts.password is not None:
        raise ValueError("must not carry a user name or password")
    # The page people land on must be on the public web: not an address, not this machine, not a
    # private name (.local, .internal, home.arpa...). Refused here, not after the whole pipeline ran.
    from shared.policy.text import is_domain  # here: shared.policy imports these models

    if _is_ip(host):
        raise ValueError("must use a domain name, not an IP address")
    if host.lower() == "localhost" or host.lower().endswith((".localhost", ".arpa")) or not is_domain(host):
        raise ValueError(
            f"'{host}' is not a public domain (it must end in a public suffix such as .com or .co.uk)"
        )
    return v


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


LinkKind = Literal["site", "tickets", "merch", "presave"]


class Links(StrictModel):
    """The marketer's landing pages per goal. Each ad group lands on the page that fits its goal (a
    ticket ad on `tickets` or an event's ticket URL, a pre-save ad on `presave`...); a goal with no
    fitting page gets no ads. `site` is the artist's own domain: the only page that earns "official"."""

    site: str | None = Field(None, max_length=2048)
    tickets: str | None = Field(None, max_length=2048)
    merch: str | None = Field(None, max_length=2048)
    presave: str | None = Field(None, max_length=2048)

    _https = field_validator("site", "tickets", "merch", "presave")(
        classmethod(lambda cls, v: check_https_url(v))
    )

    def given(self) -> dict[str, str]:
        """kind -> URL for the pages the marketer gave."""
        return {k: v for k, v in self.model_dump().items() if v}


class Brief(StrictModel):
    company: str | None = Field(None, max_length=MAX_TEXT)
    audience: str | None = Field(None, max_length=MAX_TEXT)
    strengths: str | None = Field(None, max_length=MAX_TEXT)
    weaknesses: str | None = Field(None, max_length=MAX_TEXT)
    differentiators: str | None = Field(None, max_length=MAX_TEXT)
    competitors: str | None = Field(None, max_length=MAX_TEXT)


class CampaignRequest(StrictModel):
    artist: str = Field(..., min_length=1, max_length=100)
    release: str | None = Field(None, max_length=100)
    goals: list[Goal] = Field(default_factory=lambda: ["streams"], max_length=5)
    daily_budget: float = Field(50.0, gt=0, le=1_000_000, allow_inf_nan=False)
    currency: str = "USD"
    countries: list[str] = Field(default_factory=lambda: ["US"], min_length=1, max_length=50)
    languages: list[str] = Field(default_factory=lambda: ["en"], min_length=1, max_length=10)
    platforms: list[Platform] = Field(default_factory=lambda: ["search"], min_length=1, max_length=3)
    final_url: str | None = Field(None, max_length=2048)
    links: Links = Field(default_factory=Links)
    # The release's date when the marketer knows it (a pre-save's release is not in any database yet).
    # Release status in the copy follows it: pre-save before, out now from that day on.
    release_date: str | None = Field(None, max_length=10)  # ISO date, YYYY-MM-DD
    brief: Brief | None = None

    @field_validator("artist", "release")
    @classmethod
    def _printable(cls, v: str | None) -> str | None:
        # Control characters (NUL, escapes, line breaks) have no place in a name and would end up
        # in ads, CSV cells and terminal output.
        if v and any(unicodedata.category(c) == "Cc" for c in v):
            raise ValueError("must not contain control characters (line breaks, tabs, NUL...)")
        return v or None

    @field_validator("goals", "platforms")
    @classmethod
    def _dedupe(cls, v: list[str]) -> list[str]:
        return list(dict.fromkeys(v))

    @field_validator("currency")
    @classmethod
    def _currency(cls, v: str) -> str:
        code = v.upper()
        if code not in CURRENCIES:
            raise ValueError(f"'{v}' is not a supported ISO 4217 currency code")
        return code

    @field_validator("countries")
    @classmethod
    def _countries(cls, v: list[str]) -> list[str]:
        return _codes(v, COUNTRIES, str.upper, "an ISO 3166-1 alpha-2 country code")

    @field_validator("languages")
    @classmethod
    def _languages(cls, v: list[str]) -> list[str]:
        return _codes(v, LANGUAGES, str.lower, "an ISO 639-1 language code")

    @field_validator("release_date")
    @classmethod
    def _release_date(cls, v: str | None) -> str | None:
        if not v:
            return None
        try:
            return date.fromisoformat(v).isoformat()
        except ValueError as exc:
            raise ValueError("must be a date written YYYY-MM-DD") from exc

    @field_validator("final_url")
    @classmethod
    def _final_url(cls, v: str | None) -> str | None:
        return check_https_url(v)
