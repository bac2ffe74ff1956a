"""The engine's early exit: is this text clean for every per-text rule, decided cheaply?

Most assets are clean, and a clean text should cost a few C-level passes, not one call per rule.
`clean` asks, for each rule, the cheapest question whose "no" proves the rule cannot fire: a set of
special characters (one character-class search, the fastest kind of regex), the vocabulary scan,
the words of the text, and the rule's own pattern only when the character it needs is present
("-" before the spelled-out test, a digit before the number tests). It may answer False for a
clean text (the rules then run and find nothing); it must never answer True for a text a rule
would flag. The golden test holds the fused pass (which uses it) equal to the rules run one by
one (which do not), on the golden corpus and on the labelled corpus of tests/policy.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Names imported one by one: the screen runs for every new text, and a module attribute is a
# lookup per use (in the compiled engine as in the interpreter).
from shared.policy import words as wordlist
from shared.policy.base import LIMITS, PATH, TextEnv
from shared.policy.capitalization import DOTTED, caps_issues
from shared.policy.punctuation import DIGIT_WORD, SPELLED_OUT, TEXTSPEAK, _odd_characters
from shared.policy.spacing import SPACED_LETTERS
from shared.policy.style import (
    _MAYBE_GIBBERISH,
    MISSPELLINGS,
    dangling_particle,
    dangling_words,
    last_word,
)
from shared.policy.text import (
    mask_abbreviations,
    mask_brands,
    normalise,
    script_words,
    width_of,
)
from shared.policy.trademarks import _extra
from shared.policy.vocabulary import Hit, find_hits, supported
from shared.policy.words import MIN_RUN, SPACED

# Characters that some rule reacts to wherever they are: symbols, brackets and tags, control and
# invisible characters, unusual spaces, the ellipsis.
_SPECIAL = re.compile(
    "[!*@$€£¥|¡¿！？{}()\\[\\]\\t\\r\\n\\x00-\\x1f\\x7f-\\x9f\\u00a0\\u00ad\\u200b\\u200c\\u2060\\ufeff\\u3000…]"
)
# l'ALBUM, 4'u: both alternatives start at the apostrophe (a search that starts at a word
# character tries every letter of the text).
_APOSTROPHE = re.compile("['’](?:[^\\W\\d_]*[^\\W\\d_a-z]|(?<=[^\\W_]['’])[^\\W_]*\\d)")
_QUESTIONS = re.compile("[!?！？¡¿][!?！？¡¿]")
_UP = "A-ZÀ-ÖØ-ÞŒŸΑ-ΩЀ-Я"
_CAPS_PAIR = re.compile(f"[{_UP}][{_UP}&'’]")  # two capitals (or A&B, X'S) in a row
_ODD_LETTERS = re.compile("[\\u0100-\\u024f\\u1e00-\\u1eff\\uff21-\\uff5a]")  # cased letters not listed
# "Sale,buy", "now.Get", "St.Pauli", ".com"; not a date before a comma ("am 20.10., ab 9 Uhr"):
# punctuation after punctuation is the repeated-punctuation rule's (_DOUBLED) when it is the same.
_PUNCT_LETTER = re.compile("[,;.:!?][^\\s\\d,;.:]")
_SPACE_PUNCT = re.compile(" [,.;:!?]")
_DIGIT = re.compile("\\d")
_VANITY = ("800", "888", "877", "866", "855", "844", "833")
# Every character the repeated-punctuation rule knows, doubled ("!", "?", "*", "$", "@", "|" are
# special above).
_DOUBLED = re.compile("(?P<c>[.,;:#%&~^+=_/\\\\<>。、-])(?P=c)")
# (The first alternative is written from the digit back to the letter: a search that starts with a
# letter class tries every letter of the text.)
_MAYBE_LEET = re.compile(
    "[0-9@$!|€£](?<=[^\\W\\d_\\u2e80-\\uffff][0-9@$!|€£])|[248][^\\W\\d_\\u2e80-\\uffff]{3}"
)
_UPPER_THEN_LETTER = re.compile(f"[{_UP}][^\\W\\d_\\u2e80-\\uffff]")
_COLON_AFTER_LETTER = re.compile("[A-Za-z]:")  # a scheme (https:, mailto:) or "Tickets:Now"
_DOT_BEFORE_HOST = re.compile("\\.(?:[a-z]|xn--)")  # a host or file name (.com, .xn--p1ai, .mp3)
_HEAD = frozenset("-–—*+•")
_DANGLING_MARK = frozenset(",:;/-–—&+([")


# Vocabulary a rule reads only together with its partner (ad_features.click_game: an interaction
# word near a prize word; copyrights.piracy_term: a download word with a free word) or only to
# excuse another hit (misrepresentation's benign phrases): alone, such a hit flags nothing, and
# "Descarga el álbum", "Win" or "Click" alone are everyday ad words.
_PAIRS = (
    frozenset({"interaction", "prize"}),
    frozenset({"download", "free_word"}),
    frozenset({"than_marker", "superior"}),  # misrepresentation.claims
)
_ALONE_HARMLESS = frozenset({"benign"}).union(*_PAIRS)


def _harmless(hits: tuple[Hit, ...]) -> bool:
    categories = {h.category for h in hits}
    return categories <= _ALONE_HARMLESS and not any(pair <= categories for pair in _PAIRS)


def clean(raw: str, kind: str, env: TextEnv) -> bool:
    """True when no per-text rule can flag the text (the character limit and a word said three
    times in a row included)."""
    if kind == PATH or not raw or raw[0].isspace() or raw[-1].isspace() or "{" in raw or "}" in raw:
        return False
    lang = supported(env.language)
    masked = raw
    if env.brands:
        b = mask_brands(raw, env.brands)
        if b.shouted:
            return False
        masked = b.text
        if len(b.spans) >= 3:  # the brand three times in a row? (a brand occurrence is one word)
            return False
    # Abbreviations masked as the rules mask them (dotted or with a slash: EE. UU., c/o), so the
    # words below are the words the rules read.
    masked = mask_abbreviations(masked, lang)
    if masked.count(".") >= 2 and DOTTED.search(masked):
        return False
    if _SPECIAL.search(masked) or "?" in masked and _QUESTIONS.search(masked):
        return False
    ascii_ = masked.isascii()
    norm = masked if ascii_ else normalise(masked)
    # Unmemoised: a never-seen text gains nothing from the memo, and the screen's own answer is
    # memoised with the text's result.
    hits = find_hits(norm, lang)
    if hits and not _harmless(hits):
        return False
    # Capitalization, spacing and punctuation around words.
    if (
        "  " in masked
        or _PUNCT_LETTER.search(masked)
        or _SPACE_PUNCT.search(masked)
        or _DOUBLED.search(masked)
    ):
        return False
    if not ascii_ and (_ODD_LETTERS.search(masked) or _odd_characters().search(masked)):
        return False
    if "-" in masked and SPELLED_OUT.search(masked):
        return False
    if _MAYBE_GIBBERISH.search(masked):
        return False
    # Numbers: phone numbers (7+ digits, vanity 800 numbers) and text-speak digits ("4 U").
    digits = len(_DIGIT.findall(norm))
    if digits >= 7 or (digits >= 3 and any(v in norm for v in _VANITY)):
        return False
    if lang == "en" and ("2" in masked or "4" in masked) and DIGIT_WORD.search(masked):
        return False
    if ":" in norm and _COLON_AFTER_LETTER.search(norm) or "." in norm and _DOT_BEFORE_HOST.search(norm):
        return False
    if env.third_party:
        pattern = _extra(env.third_party)
        if pattern is not None and pattern.search(masked):
            return False
    if width_of(raw) > LIMITS[kind]:
        return False
    # The words: mixed letters and digits (f1owers, 8h), a word three times, single letters spaced
    # out, lower-case letters before a capital (FlOwErS), text-speak and misspellings.
    tokens = script_words(masked)
    low = list(map(str.lower, tokens))
    seen = set(low)
    # A word said three times in a row (what the repetition rule reads): only a text with two
    # repeats or more can have one. The rule counts each brand occurrence as the brand's own
    # spelling; with fewer than three occurrences (three returned above) and no literal
    # placeholder in the text, a triple there is a triple of these words (abbreviations are
    # masked above as the rule masks them).
    if len(seen) < len(low) - 1 and (
        "qzbrand" in raw.lower() or any(a == b == c for a, b, c in zip(low, low[1:], low[2:], strict=False))
    ):
        return False
    # Capitals only at the start of words (no FlOwErS, NEW, R&B, X'S: the capitalization rule's):
    # read backwards, no capital may be followed by a letter. Letters and digits in one word
    # (f1owers, 8h) may be leetspeak: no digit next to a letter either way.
    # Only the capitalization rule reads capitals inside words, so where there are some its own
    # (memoised) answer decides: an abbreviation before a particle ("LP를"), R&B, DJs are fine.
    amp = "&" in masked or "'" in masked or "’" in masked
    if (_UPPER_THEN_LETTER.search(masked[::-1]) or amp and _CAPS_PAIR.search(masked)) and caps_issues(
        masked, lang
    ):
        return False
    # Digits touching letters: leetspeak only as the punctuation rule reads it (a letter before a
    # digit or symbol, or 2/4/8 before three letters: 4ever); "8h", "3D" and "限定盤91枚" are not.
    if digits and _MAYBE_LEET.search(masked):
        return False
    if amp and _APOSTROPHE.search(masked):
        return False
    lengths = list(map(len, tokens))
    if lengths.count(1) >= 3 and SPACED_LETTERS.search(masked):
        return False
    if lang == "en" and not (seen.isdisjoint(TEXTSPEAK) and seen.isdisjoint(MISSPELLINGS)):
        return False
    # The end of the text: a dangling word or particle, a word cut in the middle.
    head = masked[0]
    if head in _HEAD or head.isdigit() or masked[-1] in _DANGLING_MARK:
        return False
    if lang in ("ja", "ko"):
        return not dangling_particle(masked, lang)
    last = last_word(masked)
    if last and (last.lower() in dangling_words(lang) or (masked[-1].isalpha() and last[0].islower())):
        return False
    if lang in SPACED:
        # The run-together rule reads these same words (`style.run_together_words`): only a long
        # one made of letters, starting or ending with a function word, can be two words run
        # together. (The rule's own search for a long run of letters is a gate, not a source.)
        for tok in tokens:
            if len(tok) >= MIN_RUN and tok.isalpha() and _may_run_together(tok, lang):
                return False
    return True


@lru_cache(maxsize=1 << 14)  # words recur across texts that are new as a whole
def _may_run_together(token: str, language: str) -> bool:
    return wordlist.may_run_together(token, language)
