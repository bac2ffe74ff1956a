"""Per-language typography, in one place for the writer (which sets its copy) and the OPTIMIZER (whose
fixes must never undo it): French non-breaking spaces before : ; ! ? and inside « », German „…“,
Spanish ¡…! ¿…?, English/Portuguese “…”, Italian «…».

`typeset` is idempotent (typesetting typeset text changes nothing) and never touches a brand term
(the artist's or a release's name as given: "P!nk", "AC/DC", "MØ"), which is masked first."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from shared import brand

NBSP = "\u00a0"  # before the French colon and inside guillemets
NNBSP = "\u202f"  # narrow no-break space: before French ; ! ?
_ANY_SPACE = "[ \u00a0\u202f\u2009]"
_MASK_BASE = 0xE000  # private use area: never in real copy

QUOTES: dict[str, tuple[str, str]] = {
    "fr": ("«" + NBSP, NBSP + "»"),
    "de": ("„", "“"),
    "es": ("«", "»"),
    "it": ("«", "»"),
    "pt": ("“", "”"),
    "en": ("“", "”"),
}
# The same rules in words, for an LLM writing the language (the fixer enforces them afterwards).
NOTES: dict[str, str] = {
    "en": "English typography: headlines in title case, “…” quotes, no space before punctuation",
    "fr": "French typography: a no-break space before : ; ! ? and inside « » quotes; elide before a vowel "
    "(d'Aldebert, l'album); accents kept on capitals",
    "de": "German typography: „…“ quotes, nouns capitalised, no space before punctuation",
    "es": "Spanish typography: questions and exclamations open with ¿ and ¡, «…» quotes; contract de + el "
    "to del and a + el to al",
    "pt": "Brazilian Portuguese typography: “…” quotes; contractions (do, da, no, na)",
    "it": "Italian typography: «…» quotes; elide before a vowel (l'album, dell'anno)",
}

# Any pair of quotes a writer or a user may have typed, normalised to the language's own.
_QUOTED = re.compile(
    r"(?:\"|“|„|«" + _ANY_SPACE + r"?)(?P<q>[^\"“”„«»]{1,80}?)(?:" + _ANY_SPACE + r"?»|\"|”|“)"
)


def _mask(text: str, keep: Iterable[str]) -> tuple[str, list[str]]:
    """Each brand span (shared.brand, the one home of what a name is) replaced by one private-use
    character, so no typography rule can reach inside "P!nk" or "AC/DC"."""
    out, taken, last = [], [], 0
    for start, end in brand.spans(text, [k for k in keep if k and k.strip()]):
        out.append(text[last:start])
        taken.append(text[start:end])
        out.append(chr(_MASK_BASE + len(taken) - 1))
        last = end
    out.append(text[last:])
    return "".join(out), taken


def _unmask(text: str, spans: list[str]) -> str:
    for i, span in enumerate(spans):
        text = text.replace(chr(_MASK_BASE + i), span)
    return text


def _french(text: str) -> str:
    # No space of any kind before ; ! ? : first, then the right one: narrow before ; ! ?, normal
    # no-break before the colon. Only punctuation that ends a phrase (followed by a space, a closing
    # quote or the end), so "20:30", "P!nk" or a domain's "?" are left alone.
    text = re.sub(_ANY_SPACE + r"*([;!?]+)(?=\s|$|»|\))", lambda m: NNBSP + m.group(1), text)
    text = re.sub(r"(?<=\S)" + _ANY_SPACE + r"*:(?=\s|$)", NBSP + ":", text)
    text = re.sub(r"^" + NNBSP, "", text)
    return text


def _inverted(text: str) -> str:
    """Spanish opens a question or an exclamation with ¿ / ¡ (per sentence)."""
    out = []
    for sentence in re.split(r"(?<=[.!?…])\s+", text):
        for close, open_ in (("?", "¿"), ("!", "¡")):
            body = sentence.rstrip("»”\"' ")
            if body.endswith(close) and open_ not in sentence:
                # After a lead-in ("Fans de X: ¿...?") the question starts after the colon.
                head, sep, tail = sentence.rpartition(": ")
                sentence = f"{head}{sep}{open_}{tail}" if sep else open_ + sentence
        out.append(sentence)
    return " ".join(out)


@lru_cache(maxsize=1 << 14)
def _typeset(text: str, lang: str, keep: tuple[str, ...]) -> str:
    masked, spans = _mask(text, keep)
    masked = re.sub(r"[ \t\r\n]+", " ", masked).strip()
    opening, closing = QUOTES.get(lang, QUOTES["en"])
    masked = _QUOTED.sub(lambda m: f"{opening}{m.group('q').strip()}{closing}", masked)
    if lang == "fr":
        masked = _french(masked)
    else:
        # Everywhere else no space of any kind before sentence punctuation.
        masked = re.sub(_ANY_SPACE + r"+([,.;:!?])(?=\s|$|[»”“])", r"\1", masked)
        masked = re.sub(r"(?<=\w)[\u00a0\u202f](?=\w)", " ", masked)
    if lang == "es":
        masked = _inverted(masked)
    return _unmask(masked, spans)


def typeset(text: str, lang: str, keep: Iterable[str] = ()) -> str:
    """`text` with `lang`'s typography; the terms in `keep` are left exactly as written."""
    return _typeset(text, (lang or "en")[:2].lower(), tuple(sorted(set(keep))))


def plain(text: str) -> str:
    """Typography stripped (for comparisons): every kind of space one space, quotes removed."""
    text = re.sub(r"[\u00a0\u202f\u2009]", " ", text)
    text = re.sub(r"[«»„“”\"¡¿]", "", text)
    return " ".join(text.split())
