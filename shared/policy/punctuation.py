"""Punctuation and symbols: repeated punctuation, "!" in a headline or more than one per ad,
emoji and other invalid characters, bullets and decorative symbols, gimmicky asterisks, and
symbols, digits or letters standing in for letters or words (f1owers, 4 U, lowest $, C-L-I-C-K)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from shared.models import Finding
from shared.policy.base import DESCRIPTION, HEADLINE, AdView, Text, TextEnv, finding
from shared.policy.text import (
    EMAIL,
    find_domains,
    is_decorative,
    is_emoji,
    is_halfwidth_katakana,
    is_placeholder,
)

POLICY = "punctuation_and_symbols"

REPEATED = re.compile(r"([!?.,;:*#$%&@~^+=_/\\|<>¡¿！？。、-])\1+|[!?！？¡¿]{2,}")
EXCLAMATION = re.compile(r"[!！]")
ASTERISK = re.compile(r"(?<!\d)\*|\*(?=[^\W\d_])")

# Text-speak: letters or digits standing for words. Only checked in English copy, where "u", "r"
# and "4" as words are unambiguous.
TEXTSPEAK = {
    "u": "you",
    "ur": "your",
    "urs": "yours",
    "r": "are",
    "b4": "before",
    "gr8": "great",
    "l8r": "later",
    "m8": "mate",
    "w8": "wait",
    "h8": "hate",
    "sk8": "skate",
    "str8": "straight",
    "2day": "today",
    "2nite": "tonight",
    "2night": "tonight",
    "2moro": "tomorrow",
    "2morrow": "tomorrow",
    "4ever": "forever",
    "4eva": "forever",
    "2gether": "together",
    "4get": "forget",
    "thx": "thanks",
    "thnx": "thanks",
    "plz": "please",
    "pls": "please",
    "luv": "love",
    "cuz": "because",
    "coz": "because",
    "2u": "to you",
    "4u": "for you",
    "gud": "good",
    "nite": "night",
    "tonite": "tonight",
}
TEXTSPEAK_RE = re.compile(
    r"(?<![\w&'’.-])("
    + "|".join(sorted(map(re.escape, TEXTSPEAK), key=len, reverse=True))
    + r")(?![\w&'’-]|\.\w)",
    re.IGNORECASE,
)
# "2" and "4" as words: a lone digit followed by a word a count cannot govern ("4 U", "2 the top").
DIGIT_WORD = re.compile(
    r"(?<![\w.,:/$€£-])([24])\s+(?=(?:u|you|ya|ur|your|yours|the|me|us|sale|less|ever|eva|real|life|go)\b)",
    re.IGNORECASE,
)
DIGIT_WORD_FIX = {"2": "to", "4": "for"}
# A letter, then digits or symbols, then a letter: leetspeak inside a word (f1owers, fl@wers, N4ke).
# Letters of spaced scripts only (below U+2E80): in Japanese, Chinese and Korean a number runs into
# the counter or particle after it ("限定盤91枚", "총7곡을"), which is how those scripts write.
_L = r"[^\W\d_\u2e80-\uffff]"
LEET = re.compile(_L + r"[0-9@$!|€£]+" + _L)
LEET_TOKEN = re.compile(r"(?:[^\W_\u2e80-\uffff]|[@$!|€£'’])+")
# Codes that look like leetspeak but are words in their own right.
ALNUM_WORDS = frozenset(
    {
        "mp3",
        "mp3s",
        "mp4",
        "mp4s",
        "m4a",
        "h2o",
        "b2b",
        "b2c",
        "p2p",
        "y2k",
        "w2",
        "a1",
        "g5",
        "i3",
        "i5",
        "i7",
        "4x4",
        "ps1",
        "ps2",
        "ps3",
        "ps4",
        "ps5",
        "covid19",
        "web3",
        "3d",
        "2d",
        "4k",
        "8k",
        "5g",
        "4g",
        "3g",
        "tier1",
        "mk2",
        "mk3",
        "vol1",
        "vol2",
        "vol3",
        "vol4",
        "pt1",
        "pt2",
        "pt3",
        "ch1",
        "ch2",
    }
)
DIGIT_LEAD = re.compile(r"^[248][a-z]{3,}$")  # 4ever, 2gether, 8ball-style replacements
SPELLED_OUT = re.compile(r"(?<![\w-])[^\W\d_](?:-[^\W\d_]){2,}(?![\w-])", re.UNICODE)
CURRENCY = re.compile(r"[$€£¥]+")
LONE_AT = re.compile(r"(?<!\S)@(?!\S)")


_MAYBE_ADDRESS = re.compile(r"\w[.@]\w")
# What any of the checks below needs to find at least once: repeated punctuation, "!", "*", "@",
# a currency sign, a letter touching a digit or symbol, "2"/"4" before a word, letters joined by
# hyphens. Text with none of them (most assets) skips the detailed checks.
_HINT = re.compile(
    r"(?P<rp>[!?.,;:*#$%&@~^+=_/\\|<>¡¿！？。、-])(?P=rp)|[!?！？¡¿]{2}|[!*@$€£¥|！]"
    r"|[^\W\d_\u2e80-\uffff][0-9]|[248][^\W\d_\u2e80-\uffff]|[^\W\d_]-[^\W\d_]"
)


def _span(a: int, b: int) -> str:
    return re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"


@lru_cache(maxsize=1)
def _odd_characters() -> re.Pattern[str]:
    """One class of every character the non-ASCII checks look for: emoji and pictographs,
    decorative symbols (Unicode category So and the listed blocks), half-width katakana and
    full-width Latin letters. Built on first use from the Unicode database (a few ms)."""
    import unicodedata

    ranges = [
        (0x1F000, 0x1FAFF),
        (0x2600, 0x27BF),
        (0x2B00, 0x2BFF),
        (0x2300, 0x23FF),
        (0x2190, 0x21FF),
        (0x2500, 0x25FF),
        (0x2460, 0x24FF),
        (0x27F0, 0x297F),
        (0x1D400, 0x1D7FF),
        (0x2070, 0x209F),
        (0x1D2C, 0x1D6A),
        (0xFF61, 0xFF9F),
        (0xFF21, 0xFF5A),
    ]
    points = {0xFE0F, 0x200D, 0x20E3, 0x3030, 0x303D, 0x3297, 0x3299, 0x2022, 0x2023, 0x2043, 0x2219, 0x00A4}
    # Category So outside the big blocks of letters (CJK ideographs, Hangul, surrogates, private use).
    for a, b in ((0x80, 0x4DFF), (0xA000, 0xABFF), (0xD7B0, 0xD7FF), (0xF900, 0xFFFF)):
        points.update(cp for cp in range(a, b + 1) if unicodedata.category(chr(cp)) == "So")
    for a, b in ranges:
        points.update(range(a, b + 1))
    # Runs of consecutive code points as ranges: a short class compiles in a few milliseconds.
    parts, run = [], []
    for cp in sorted(points):
        if run and cp == run[-1] + 1:
            run.append(cp)
            continue
        if run:
            parts.append(_span(run[0], run[-1]))
        run = [cp]
    parts.append(_span(run[0], run[-1]))
    return re.compile("[" + "".join(parts) + "]")


_MAYBE_LEET = re.compile(_L + r"[0-9@$!|€£]|[248]" + _L)


def prepared(text: str) -> str:
    """Text with URLs, domains and e-mail addresses blanked: their dots and slashes are not prose."""
    if not _MAYBE_ADDRESS.search(text):
        return text
    text = EMAIL.sub(" Qzurl ", text)
    for m in reversed(find_domains(text)):
        text = text[: m.start()] + " Qzurl " + text[m.end() :]
    return text


def _leet_words(text: str) -> list[str]:
    out = []
    for tok in LEET_TOKEN.findall(text):
        core = tok.strip("!|'’$")
        if not core or is_placeholder(core):
            continue
        low = core.lower()
        if low in ALNUM_WORDS:
            continue
        letters = [c for c in core if c.isalpha()]
        if LEET.search(core):
            # Upper-case codes (B2B, Y2K, MP3) and model numbers are not leetspeak.
            if all(c.isupper() for c in letters) and len(core) <= 6 and not re.search(r"[@$!|€£]", core):
                continue
            out.append(tok)
        elif DIGIT_LEAD.match(low) and low not in ("2nd", "4th", "8th"):
            out.append(tok)
    return out


def _standalone_currency(text: str) -> list[str]:
    found = []
    for m in CURRENCY.finditer(text):
        before = text[: m.start()].rstrip()
        after = text[m.end() :].lstrip()
        if (before and before[-1].isdigit()) or (after and after[0].isdigit()):
            continue
        if before and before[-1].isalpha() and text[m.start() - 1 : m.start()].isalpha():
            continue  # inside a word: leetspeak, handled there (Ke$ha is a brand term)
        found.append(m.group(0))
    return found


def _character_issues(text: str, language: str) -> list[str]:
    issues = []
    emoji = [c for c in text if is_emoji(c)]
    if emoji:
        issues.append("emoji " + "".join(c for c in dict.fromkeys(emoji) if c not in "\ufe0f\u200d"))
    deco = [c for c in text if not c.isascii() and not is_emoji(c) and is_decorative(c)]
    if deco:
        issues.append("decorative symbols " + " ".join(dict.fromkeys(deco)))
    if any(is_halfwidth_katakana(c) for c in text):
        issues.append("half-width katakana (an unsupported character)")
    if any(0xFF21 <= ord(c) <= 0xFF5A for c in text) and language[:2] not in ("zh", "ja", "ko"):
        issues.append("full-width letters used for effect")
    return issues


@lru_cache(maxsize=1 << 16)
def symbol_issues(masked: str, language: str) -> tuple[str, ...]:
    """What in one asset breaks the punctuation and symbols policy, as short descriptions
    (memoised: the same asset text recurs across variants, re-checks and fix passes)."""
    plain = not _HINT.search(masked) and (masked.isascii() or not _odd_characters().search(masked))
    if plain and (language[:2] != "en" or not (TEXTSPEAK_RE.search(masked) or DIGIT_WORD.search(masked))):
        return ()
    text = prepared(masked)
    issues: list[str] = []
    reps = [m.group(0) for m in REPEATED.finditer(text)]
    if reps:
        issues.append(f"repeated punctuation {', '.join(repr(r) for r in dict.fromkeys(reps))}")
    if not text.isascii():  # every character class below lies outside ASCII
        issues += _character_issues(text, language)
    if ASTERISK.search(text):
        issues.append("asterisks used for emphasis or as a footnote mark")
    leet = _leet_words(text) if _MAYBE_LEET.search(text) else []
    if leet:
        issues.append(f"symbols or digits standing for letters ({', '.join(leet)})")
    if language[:2] == "en":
        speak = [m.group(1) for m in TEXTSPEAK_RE.finditer(text)] + [
            m.group(1) for m in DIGIT_WORD.finditer(text)
        ]
        if speak:
            issues.append(f"letters or digits standing for words ({', '.join(dict.fromkeys(speak))})")
    cur = _standalone_currency(text)
    if cur:
        issues.append(f"a currency sign standing for a word ({cur[0]})")
    if LONE_AT.search(text):
        issues.append("'@' standing for the word 'at'")
    spelled = SPELLED_OUT.findall(text)
    if spelled:
        issues.append(f"letters separated by hyphens for effect ({', '.join(spelled)})")
    return tuple(issues)


def punctuation_in_text(t: Text, env: TextEnv) -> Iterator[Finding]:
    """Everything but the ad-wide "!" budget of the descriptions (see `exclamation_budget`)."""
    for issue in symbol_issues(t.masked, env.language):
        yield finding(POLICY, "disapproved", t.field, f"Not allowed: {issue}.", _fix_hint(issue))
    if t.kind == HEADLINE and _bangs(t.masked):
        yield finding(
            POLICY,
            "disapproved",
            t.field,
            "Exclamation marks are not allowed in headlines.",
            "Remove the exclamation mark.",
        )


def description_bangs(t: Text) -> int:
    """The exclamation marks a description spends of the ad's budget of one."""
    return _bangs(t.masked) if t.kind == DESCRIPTION else 0


def exclamation_budget(bangs: Iterable[tuple[str, int]]) -> Iterator[Finding]:
    """(field, exclamation marks) of each description in order: every description that takes the
    ad past one exclamation mark is flagged."""
    spent = 0
    for field_name, n in bangs:
        if n and spent + n > 1:
            yield finding(
                POLICY,
                "disapproved",
                field_name,
                "Only one exclamation mark is allowed in the whole ad.",
                "Keep one exclamation mark across the descriptions.",
            )
        spent += n


def punctuation_and_symbols(view: AdView) -> Iterator[Finding]:
    for t in view.texts:
        yield from punctuation_in_text(t, view.env)
    yield from exclamation_budget(
        (t.field, description_bangs(t)) for t in view.texts if t.kind == DESCRIPTION
    )


@lru_cache(maxsize=1 << 16)
def _bangs(masked: str) -> int:
    return len(EXCLAMATION.findall(prepared(masked))) if "!" in masked or "！" in masked else 0


def _fix_hint(issue: str) -> str:
    if issue.startswith(("symbols or digits standing for letters", "a currency sign")):
        return "Cannot be fixed automatically: spell the word out."
    if issue.startswith("half-width"):
        return "Cannot be fixed automatically: use full-width katakana."
    return "Remove it (the auto-fix does)."


def _drop_decoration(text: str) -> str:
    import unicodedata

    # NFKC turns half-width katakana and full-width Latin into their normal forms (same meaning).
    if any(is_halfwidth_katakana(c) or 0xFF21 <= ord(c) <= 0xFF5A for c in text):
        text = unicodedata.normalize("NFKC", text)
    text = "".join(c for c in text if not (is_emoji(c) or is_decorative(c)))
    text = ASTERISK.sub("", text)
    return text


def _collapse_repeats(text: str) -> str:
    def one(m: re.Match[str]) -> str:
        return m.group(0)[0]

    return REPEATED.sub(one, text)


def _spell_out(text: str, language: str) -> str:
    if language[:2] == "en":

        def word(m: re.Match[str]) -> str:
            w = m.group(1)
            out = TEXTSPEAK[w.lower()]
            return out.capitalize() if w[0].isupper() and len(w) > 1 or w == "U" and m.start() == 0 else out

        text = TEXTSPEAK_RE.sub(word, text)
        text = DIGIT_WORD.sub(lambda m: DIGIT_WORD_FIX[m.group(1)] + " ", text)
    text = LONE_AT.sub("at", text)
    return SPELLED_OUT.sub(lambda m: m.group(0).replace("-", ""), text)


def fix_symbols(text: str, kind: str, language: str) -> str:
    """Drop emoji and decoration, collapse repeated punctuation, spell out text-speak; in a
    headline an exclamation mark ends the phrase instead (the ad-level pass keeps one "!" in the
    descriptions)."""
    text = _drop_decoration(text)
    text = _collapse_repeats(text)
    text = _spell_out(text, language)
    if kind == HEADLINE:
        text = re.sub(r"[!！]+(?=\s*\S)", ".", text)
        text = re.sub(r"\s*[!！¡]+", "", text).strip()
        text = re.sub(r"¡", "", text)
    return text


def keep_one_exclamation(texts: list[str]) -> list[str]:
    """Across the descriptions, keep the first "!" and turn the others into full stops."""
    seen = False
    out = []
    for t in texts:

        def repl(m: re.Match[str]) -> str:
            nonlocal seen
            if not seen:
                seen = True
                return m.group(0)
            return "."

        out.append(EXCLAMATION.sub(repl, t))
    return out
