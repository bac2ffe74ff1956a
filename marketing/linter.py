"""A per-language linter for ad copy: what a native reader or a proof-reader would mark wrong. The
tests run it over the offline writer's copy (before and after the OPTIMIZER's fixes) and
`make bench-quality` counts what it finds.

Checked: elision and contractions (fr "de Aldebert", "le album"; es "de el"; it "di il"), typography
(French no-break spaces before : ; ! ? and inside « »; straight quotes; Spanish ¿ ¡; spaces before
punctuation elsewhere), English left in other languages (function words, English place names where
the language has its own), agreement of articles and adjectives with the release type (un album,
une chanson, ein Album, eine Single, el álbum, la canción...), incomplete sentences (a text that
ends on an article or a preposition, or on a colon) and doubled words. Names (artist, tracks,
release, similar artists) are masked first: they are written as given."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from shared.typography import NBSP, NNBSP

_MASK = "\ue0aa"
_VOWEL = "aeiouyàâäéèêëîïôöùûüœæAEIOUYÀÂÄÉÈÊËÎÏÔÖÙÛÜŒÆ"

ELISION: dict[str, re.Pattern[str]] = {
    "fr": re.compile(rf"(?<![\w'’])(de|le|la|que|jusque|lorsque|puisque|je|ne|se) [{_VOWEL}]", re.I),
    "es": re.compile(r"(?<![\w])(de|a) el(?![\w])"),
    "pt": re.compile(r"(?<![\w])(de|em) (o|os)(?![\w])"),
    "it": re.compile(r"(?<![\w])(di|a) (il|i)(?![\w])|(?<![\w])(lo|la) [aeiouàèéìòù]", re.I),
}
# Case-insensitive: "Une album" at the start of a headline is as wrong as "une album".
AGREEMENT: dict[str, re.Pattern[str]] = {
    "fr": re.compile(
        r"\b(nouveau (?=[aeiouyéèêAEIOUYÉ])|une (album|single|EP)\b|un (chanson|sortie)\b|"
        r"la (album|single)\b|le (chanson|sortie)\b|nouvel (chanson|sortie|single)\b|"
        r"nouvelle (album|single|EP)\b)",
        re.I,
    ),
    "de": re.compile(
        r"\b(ein (Single|EP)\b|eine Album\b|das (neue )?(Single|EP)\b|der (neue )?Album\b|"
        r"[Nn]eues (Single|EP)\b|(?<![Dd]as )(?<![Dd]em )[Nn]eue Album\b)",
        re.I,
    ),
    "es": re.compile(
        r"\b(la (álbum|sencillo)\b|el canción\b|nueva (álbum|sencillo|EP)\b|nuevo canción\b|"
        r"una (álbum|sencillo)\b)",
        re.I,
    ),
    "pt": re.compile(r"\b(nova (álbum|single|EP)\b|novo (canção|música)\b|uma (álbum|single)\b)", re.I),
    "it": re.compile(r"\b(il album\b|la (singolo|album)\b|uno album\b|nuova (album|singolo)\b)", re.I),
}
DANGLING: dict[str, frozenset[str]] = {
    "en": frozenset(["the", "a", "an", "and", "or", "of", "to", "with", "for", "your", "our", "by", "from"]),
    "fr": frozenset(
        [
            "de",
            "le",
            "la",
            "les",
            "un",
            "une",
            "des",
            "et",
            "ou",
            "à",
            "pour",
            "avec",
            "du",
            "au",
            "aux",
            "votre",
            "vos",
            "par",
        ]
    ),
    "de": frozenset(
        ["der", "die", "das", "den", "dem", "und", "oder", "mit", "für", "ein", "eine", "von", "zu", "im"]
    ),
    "es": frozenset(
        ["el", "la", "los", "las", "y", "o", "de", "con", "para", "un", "una", "del", "al", "por", "tu"]
    ),
    "pt": frozenset(
        ["o", "a", "os", "as", "e", "ou", "de", "com", "para", "um", "uma", "do", "da", "no", "na", "por"]
    ),
    "it": frozenset(
        ["il", "lo", "la", "gli", "le", "e", "o", "di", "con", "per", "un", "una", "del", "della", "al"]
    ),
}
# English words that have no business in copy in another language (music loanwords such as "live",
# "single", "fans", "merch" or "tour" are normal in these languages and are not listed).
ENGLISH = frozenset(
    [
        "the",
        "and",
        "with",
        "your",
        "our",
        "now",
        "new",
        "listen",
        "stream",
        "official",
        "discover",
        "by",
        "from",
        "songs",
        "music",
        "out",
        "french",
        "tickets",
        "today",
        "here",
        "more",
    ]
)
ENGLISH_OK: dict[str, frozenset[str]] = {"de": frozenset({"tickets", "songs"}), "it": frozenset({"more"})}
# English spellings of places that every other language writes its own way.
ENGLISH_PLACES = (
    "Brussels",
    "Munich",
    "Cologne",
    "Vienna",
    "Warsaw",
    "Prague",
    "Lisbon",
    "Mexico City",
    "Geneva",
    "Copenhagen",
    "Seville",
    "Venice",
    "Florence",
    "Milan",
    "Rome",
    "Naples",
    "Turin",
    "Antwerp",
    "Athens",
    "Moscow",
    "Bucharest",
)
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


@lru_cache(maxsize=1024)
def _names_pattern(names: tuple[str, ...]) -> re.Pattern[str] | None:
    terms = sorted({n for n in names if n and n.strip()}, key=len, reverse=True)
    if not terms:
        return None
    return re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, terms))})(?!\w)", re.I)


def _mask(text: str, names: Iterable[str]) -> str:
    pattern = _names_pattern(tuple(names))
    return pattern.sub(_MASK, text) if pattern else text


@lru_cache(maxsize=16)
def _english_places(lang: str) -> re.Pattern[str] | None:
    """The English spellings of places this language writes its own way, as one pattern."""
    from marketing.phrasebook import available, load, place

    if lang not in available():
        return None
    names = [p for p in (*ENGLISH_PLACES, *load(lang).get("places", {})) if place(p, lang) != p]
    return re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, names))})(?!\w)") if names else None


def _typography(text: str, lang: str) -> list[str]:
    out = []
    if '"' in text:
        out.append("straight quotes")
    if lang == "fr":
        for m in re.finditer(r"(.)([;:!?])(?=\s|$|»)", text):
            before = m.group(1)
            want = NBSP if m.group(2) == ":" else (NBSP, NNBSP)
            if before not in want and not (m.group(2) == ":" and before.isdigit()):
                out.append(f"French typography: no no-break space before '{m.group(2)}'")
                break
        if re.search(r"«(?!\u00a0)|(?<!\u00a0)»", text):
            out.append("French typography: « » without no-break spaces inside")
        if re.search(r"[“”„]", text):
            out.append("French typography: use « » quotes")
    else:
        if re.search(r"[ \u00a0\u202f][,.;:!?](?=\s|$)", text):
            out.append("space before punctuation")
        if lang == "de" and re.search(r"[«»“](?![^„]*“)", text) and "„" not in text:
            out.append("German typography: use „…“ quotes")
    if lang == "es":
        for sentence in re.split(r"(?<=[.!?])\s+", text):
            if sentence.rstrip("»” ").endswith("?") and "¿" not in sentence:
                out.append("Spanish typography: a question opens with ¿")
            if sentence.rstrip("»” ").endswith("!") and "¡" not in sentence:
                out.append("Spanish typography: an exclamation opens with ¡")
    return out


def lint(text: str, lang: str, names: Iterable[str] = ()) -> list[str]:
    """What is wrong with `text` as copy in `lang`; [] when nothing is."""
    return list(_lint(text, (lang or "en")[:2], tuple(names)))


@lru_cache(maxsize=1 << 15)
def _lint(text: str, lang: str, names: tuple[str, ...]) -> tuple[str, ...]:
    masked = _mask(text, names)
    out = _typography(masked, lang)
    plain = masked.replace(NBSP, " ").replace(NNBSP, " ")
    # Elision at a name: "de Aldebert" is as wrong as "de album", so names that start with a vowel
    # stay visible to this check.
    elision = ELISION.get(lang)
    if elision:
        unmasked = _mask(text, tuple(n for n in names if not re.match(rf"[{_VOWEL}]", n)))
        if elision.search(unmasked.replace(NBSP, " ").replace(NNBSP, " ")):
            out.append("missing elision or contraction")
    agreement = AGREEMENT.get(lang)
    if agreement and agreement.search(plain):
        out.append("agreement: article or adjective does not match the noun")
    words = [w.lower() for w in _WORD.findall(plain)]
    if lang != "en":
        leftovers = sorted((set(words) & ENGLISH) - ENGLISH_OK.get(lang, frozenset()))
        if leftovers:
            out.append(f"English left in {lang} copy: {', '.join(leftovers)}")
        places = _english_places(lang)
        if places and places.search(masked):
            out.append("English place name where the language has its own")
    stripped = plain.rstrip(" .!?»”“\u00a0")
    last = _WORD.findall(stripped)
    dangling = stripped.endswith(":") or (
        last and len(words) > 1 and last[-1].lower() in DANGLING.get(lang, ())
    )
    if dangling and not stripped.endswith(_MASK):
        out.append("incomplete sentence")
    if re.search(r"(?<!\w)(\w{2,}) \1(?!\w)", plain, re.I):
        out.append("doubled word")
    return tuple(out)
