"""Unacceptable spacing: leading, trailing or double spaces, invisible characters, a missing space
after sentence punctuation, a space before it, and letters spaced out for effect (f r e e)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from shared.models import Finding
from shared.policy.base import PATH, AdView, Text, TextEnv, finding
from shared.policy.punctuation import prepared

POLICY = "unacceptable_spacing"

DOUBLE = re.compile(r"[ \u00a0\u3000]{2,}|[\t\r\n]")
# A word, sentence punctuation, then a letter with no space: "Sale,buy", "now.Get", "Tour!New".
# (Each pattern starts with the character it is about and looks behind from there: a search that
# starts with a look-behind runs it at every position, four times slower on a whole asset.)
MISSING_AFTER = re.compile(
    r"[,;!?](?<=[^\W\d_]{2}[,;!?])(?=[^\W\d_])|[.:](?<=[^\W\d_]{2}[.:])(?=[^\W\d_]{2})", re.UNICODE
)
SPACE_BEFORE = re.compile(r" (?<=\w ) *[,.](?!\d|\.)")
SPACE_BEFORE_STRONG = re.compile(r" (?<=\w ) *[;:!?]")  # correct typography in French, wrong elsewhere
SPACED_LETTERS = re.compile(r"(?<!\S)(?:[^\W\d_] ){3,}[^\W\d_](?!\S)", re.UNICODE)


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# What `text.is_invisible` accepts: zero-width characters, soft hyphen, controls but \t \n \r.
_INVISIBLE_CHAR = re.compile("[\u200b\u200c\u2060\ufeff\u00ad\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Everything the checks below can find starts with one of these: two spaces, a tab or line break,
# punctuation touching a letter, a space before punctuation, a letter standing alone between
# spaces, or an invisible character. Text with none of them skips the detailed checks.
_HINT = re.compile(
    r"[ \u00a0\u3000]{2}|[\t\r\n\x00-\x1f\x7f-\x9f\u200b\u200c\u2060\ufeff\u00ad]|[,;!?.:][^\W\d_]|\s[,.;:!?]"
    r"|(?<!\S)[^\W\d_] [^\W\d_] [^\W\d_]"
)


@lru_cache(maxsize=1 << 16)
def spacing_issues(text: str, language: str, is_path: bool = False) -> tuple[str, ...]:
    if text == text.strip() and not _HINT.search(text):
        return ()
    issues = []
    if text != text.strip():
        issues.append("leading or trailing space")
    if DOUBLE.search(text.strip()):
        issues.append("double space or line break")
    if _INVISIBLE_CHAR.search(text):
        issues.append("invisible character")
    if is_path:
        return tuple(issues)
    prose = prepared(text)
    if not _unspaced(language) and MISSING_AFTER.search(prose):
        issues.append("missing space after punctuation")
    if SPACE_BEFORE.search(prose) or (language[:2] != "fr" and SPACE_BEFORE_STRONG.search(prose)):
        issues.append("space before punctuation")
    if SPACED_LETTERS.search(prose):
        issues.append("letters spaced out for effect")
    return tuple(issues)


def _unspaced(language: str) -> bool:
    """Japanese and Chinese put no space after 。or、; Korean is written with spaces, so
    "나왔습니다.지금" misses one as "Sale.Get" does."""
    return language.lower()[:2] in ("ja", "zh")


def spacing_in_text(t: Text, env: TextEnv) -> Iterator[Finding]:
    issues = spacing_issues(t.masked, env.language, t.kind == PATH)
    if issues:
        yield finding(
            POLICY,
            "disapproved",
            t.field,
            f"Unacceptable spacing: {', '.join(issues)}.",
            "Use single spaces between words and one space after punctuation.",
        )


def unacceptable_spacing(view: AdView) -> Iterator[Finding]:
    for t in view.texts:
        yield from spacing_in_text(t, view.env)


_INVISIBLE = re.compile("[\u200b\u200c\u2060\ufeff\u00ad\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def fix_spacing(text: str, language: str) -> str:
    """Single spaces, no invisible characters, a space after sentence punctuation and none before."""
    text = _INVISIBLE.sub("", text)
    text = re.sub(r"[ \t\r\n\u00a0\u3000]+", " ", text).strip()
    text = SPACED_LETTERS.sub(lambda m: m.group(0).replace(" ", ""), text)
    if not _unspaced(language):
        text = _apply_outside_domains(text, lambda s: MISSING_AFTER.sub(lambda m: m.group(0) + " ", s))
    text = _apply_outside_domains(text, lambda s: SPACE_BEFORE.sub(lambda m: m.group(0).lstrip(), s))
    if language[:2] != "fr":
        text = _apply_outside_domains(
            text, lambda s: SPACE_BEFORE_STRONG.sub(lambda m: m.group(0).lstrip(), s)
        )
    return text


def _apply_outside_domains(text: str, fn: object) -> str:
    """Apply `fn` to the prose between web addresses, leaving the addresses as written."""
    from shared.policy.text import EMAIL, find_domains

    pieces, last = [], 0
    spans = sorted([m.span() for m in find_domains(text)] + [m.span() for m in EMAIL.finditer(text)])
    for start, end in spans:
        if start < last:
            continue
        pieces.append(fn(text[last:start]))  # type: ignore[operator]
        pieces.append(text[start:end])
        last = end
    pieces.append(fn(text[last:]))  # type: ignore[operator]
    return "".join(pieces)
