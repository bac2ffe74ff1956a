"""Which strings are words of a language, from the word frequencies the `wordfreq` package ships
(no network): words run together to dodge spacing ("buyflowershere" is "buy flowers here") and
text cut in the middle of a word ("Tickets on sale tomor").

The frequency lists load on first use per language (a fraction of a second), and only a text with
a suspicious word ever asks: a long lower-case token, or an unknown last word."""

from __future__ import annotations

import bisect
import re
from functools import cache, lru_cache
from pathlib import Path

from shared.policy import vocabulary

SPACED = ("en", "fr", "de", "es", "pt", "it")
MIN_RUN = 8  # letters: shorter tokens are rarely two words run together
COMMON = 3.0  # Zipf frequency of a word most readers know (3 = once per million words)


RARE = 2.0  # below this Zipf frequency a string is noise in the lists (typos, fragments), not a word


@cache
def _buckets(language: str) -> list[list[str]]:
    """wordfreq's list for a language: bucket i holds the words of Zipf frequency 9 - i/100. Read
    straight from the data file the package ships (msgpack, gzip) when it is where wordfreq keeps
    it, which spares the package's own start-up (regex, langcodes, ftfy) on the CLI's path."""
    import gzip
    import importlib.util

    spec = importlib.util.find_spec("wordfreq")
    for folder in spec.submodule_search_locations or () if spec else ():
        path = Path(folder) / "data" / f"large_{language}.msgpack.gz"
        if path.exists():
            import msgpack

            with gzip.open(path, "rb") as fh:
                data = msgpack.load(fh, raw=False, strict_map_key=False)
            if isinstance(data[0], dict) and data[0].get("format") == "cB":
                return data[1:]
    import wordfreq

    return wordfreq.get_frequency_list(language, wordlist="best")


@cache
def _known(language: str) -> frozenset[str]:
    return frozenset().union(*_buckets(language)[: int((9 - RARE) * 100)])


@cache
def _freqs(language: str) -> dict[str, float]:
    """Word -> Zipf frequency for the words of at least COMMON frequency (segmentation only)."""
    return {
        w: 9 - i / 100 for i, b in enumerate(_buckets(language)[: int((9 - COMMON) * 100) + 1]) for w in b
    }


@cache
def _sorted_common(language: str) -> list[str]:
    return sorted(_freqs(language))


def zipf(word: str, language: str) -> float:
    return _freqs(language).get(word.lower(), 0.0)


def known(word: str, language: str) -> bool:
    w = word.lower()
    return w in _known(language) or (language != "en" and w in _known("en"))


@lru_cache(maxsize=4096)
def segment(token: str, language: str) -> tuple[str, ...] | None:
    """The most likely split of a token into 2-4 common words, or None when there is none."""
    low = token.lower()
    n = len(low)
    freqs = _freqs(language)

    def score(w: str) -> float | None:
        z = freqs.get(w)
        if not z or (len(w) == 1 and w not in "aiyoe"):
            return None
        if z < (5.0 if len(w) <= 2 else COMMON):
            return None
        return z

    best: list[tuple[float, tuple[str, ...]] | None] = [None] * (n + 1)
    best[0] = (0.0, ())
    for end in range(1, n + 1):
        for start in range(max(0, end - 18), end):
            prev = best[start]
            if prev is None or len(prev[1]) >= 4:
                continue
            s = score(low[start:end])
            if s is None:
                continue
            cand = (prev[0] + s - 9.0, (*prev[1], low[start:end]))  # -9 per word: fewer words win
            if best[end] is None or cand[0] > best[end][0]:  # type: ignore[index]
                best[end] = cand
    found = best[n]
    if found is None or len(found[1]) < 2:
        return None
    return found[1]


def run_together(token: str, language: str) -> tuple[str, ...] | None:
    """The words a token runs together ("buyflowershere" -> buy, flowers, here), or None. Only for
    a token that is not a word itself, and only when one of the parts is a function or call-to-
    action word of the language: compounds such as "Konzertkarten" are legitimate German."""
    lang = vocabulary.supported(language)
    if lang not in SPACED or len(token) < MIN_RUN or not token.isalpha():
        return None
    if not (token.islower() or (token[0].isupper() and token[1:].islower())):
        return None  # camel case is the capitalization rule's, names are capitalised words
    if not may_run_together(token, lang) or known(token, lang):
        return None
    parts = segment(token, lang)
    if parts is None and lang != "en":
        parts = segment(token, "en")
    if parts is None:
        return None
    return parts if any(p in _glue(lang) for p in parts) else None


@cache
def _glue(language: str) -> frozenset[str]:
    return vocabulary.word_set_of(language, "function_words") | vocabulary.word_set_of("en", "function_words")


def may_run_together(token: str, language: str) -> bool:
    """Cheap pre-test (no word list needed): a long token that starts or ends with a function or
    call-to-action word of three letters or more ("buyflowershere", "jetztkaufen")."""
    starts, ends = _glue_edges(language)
    if starts is None or ends is None:
        return False
    low = token.lower()
    return starts.match(low) is not None or ends.match(low[::-1]) is not None


@cache
def _glue_edges(language: str) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    """Two regexes of the glue words of three letters or more: one matched at a token's start,
    one (of the words reversed) at the start of the reversed token: a C-level test of every
    prefix and suffix length at once."""
    glue = sorted(g for g in _glue(language) if len(g) >= 3)
    if not glue:
        return None, None
    return (
        re.compile("|".join(map(re.escape, glue))),
        re.compile("|".join(re.escape(g[::-1]) for g in glue)),
    )


def cut_word(token: str, language: str) -> bool:
    """Whether a final lower-case token looks like the start of a longer word, cut off: not a word
    of the language (or English) and the prefix of a common one ("tomor", "disponi")."""
    lang = vocabulary.supported(language)
    if lang not in SPACED or not token.isalpha() or not token.islower() or len(token) < 2:
        return False
    if known(token, lang):
        return False
    words = _sorted_common(lang)
    i = bisect.bisect_left(words, token)
    return i < len(words) and words[i].startswith(token) and words[i] != token
