"""Capitalization: no word in ALL CAPS unless it is an abbreviation, a code, the artist's own
stylised name or a third-party mark as its owner writes it (TIDAL, AXS); no gimmicky mixed caps
(FlOwErS); no dotted capitals (F.R.E.E). Abbreviations are per language (lexicons/*.json "caps":
BRD, EE. UU., SNCF, time zones, music formats); the advertiser's name shouted in capitals it does not
use itself ("LUNA" for "Luna") is shouting."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from shared.models import Finding
from shared.policy import vocabulary
from shared.policy.base import PATH, AdView, Text, TextEnv, finding
from shared.policy.text import is_placeholder


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Abbreviations written in capitals by convention (music, places, units, time, media). Country and
# US-state codes are added below. Anything else in capitals is shouting.
ABBREVIATIONS = _set("""
AC AI AM AR ASAP ATM AV BBC BPM CD CDS CEO DIY DJ DVD EDM EP EU FAQ FM FX GIF GPS HBO HD HIFI HQ
ID IMAX IPA KPOP LA LGBT LGBTQ LP LPS MC MCS MTV MVP NBA NFL NFT NHL NYC NY OK OST PC PDF PM PR PS
QR RSVP RNB SF SMS SUV SXSW TBA TBD TV UFC UHD UK UN USA US USB VHS VIP VR WWE XL XXL XS XXS XXXL
CPU DC LED OG PPV VOD EPK AKA ETA BTS AMA Q&A R&B DM ASCAP BMI RIAA BPI GRAMMY EST PST CET GMT UTC BST
DOC FIFA NASA NATO PGA MLB MLS NCAA ESPN CNN NBC CBS ABC NPR BBC1 RTL ARD ZDF NRJ
""")
_COUNTRIES = _set("""
AE AR AU BE BR CA CH CL CN CO CZ DE DK ES FI FR GB GR HK HU IE IL JP KR MX MY NL NZ PE
PH PL PT RO RU SA SE SG TH TR TW UA US VN ZA
""")
_STATES = _set("""
AL AK AZ AR CA CO CT DE FL GA ID IL IA KS KY LA MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND
OK PA RI SC SD TN TX UT VT VA WA WV WI WY DC
""")
ALLOWED_CAPS = ABBREVIATIONS | _COUNTRIES | _STATES
# Roman numerals of the kind used for volumes and parts (Vol. II, Part IV).
ROMAN = re.compile(r"^(?:X{0,3})(?:IX|IV|V?I{0,3})$")

# A change of script ends a word: "SPOTIFYで" is the word SPOTIFY and a particle.
# Letters and digits of one word stay one token, so a format or code (MP3, 4K, SAVE20, 2XL) is read
# as the code it is (`is_shouting`), not as "MP" shouted before a 3.
TOKEN = re.compile(
    r"[^\W_\u2e80-\uffff]+(?:[&'’][^\W_\u2e80-\uffff]+)*|[^\W_\x00-\u2e7f]+|[\w&]+", re.UNICODE
)
DOTTED = re.compile(r"(?<![\w.])((?:[^\W\d_]\.){2,}[^\W\d_]\.?)(?![\w])", re.UNICODE)


def _letters(word: str) -> str:
    return "".join(c for c in word if c.isalpha())


@lru_cache(maxsize=64)
def allowed_caps(language: str) -> frozenset[str]:
    """Capitals by convention in this language, plus the words of marks styled in capitals."""
    styled = {w.upper() for s in vocabulary.mark_styling().values() for w in re.findall(r"[^\W_]+", s)}
    return ALLOWED_CAPS | vocabulary.allowed_caps(language) | styled


def is_shouting(word: str, allowed: frozenset[str] = ALLOWED_CAPS) -> bool:
    """A word of two or more letters in capitals that is not an abbreviation, numeral or code."""
    if any(c.isdigit() for c in word) or is_placeholder(word):
        return False  # codes such as SAVE20, 4K, 2XL
    letters = _letters(word)
    if len(letters) < 2 or not letters.isupper() or not any(c.isupper() for c in letters):
        return False
    core = word.upper().replace("’", "'")
    if core.endswith("'S"):
        core = core[:-2]
    # Scripts without case (CJK) never get here; Greek/Cyrillic capitals follow the same rule.
    return core not in allowed and not ROMAN.match(core)


_PLURAL_ABBR = re.compile(r"[A-Z]{2,6}s")
_CAPS_THEN_TAIL = re.compile(r"([A-Z]{3,})[a-z]{1,3}")
_CAPS_INSIDE = re.compile(r"[a-z\u00e0-\u00ff][A-Z\u00c0-\u00de]{3,}")


def _transitions(letters: str) -> int:
    return sum(1 for a, b in zip(letters, letters[1:], strict=False) if a.isupper() != b.isupper())


def is_gimmicky(word: str, allowed: frozenset[str] = ALLOWED_CAPS) -> bool:
    """Alternating case used for effect (FlOwErS, sOuNd, BaNd), as opposed to camel-case names
    (YouTube, McCartney, iPhone, DaBaby, LeBron)."""
    if is_placeholder(word):
        return False
    letters = _letters(word)
    if len(letters) < 3 or letters.isupper() or letters.islower():
        return False
    body = letters[1:] if letters[0].islower() else letters  # iPhone, eBay: a one-letter prefix
    if body.isupper():
        return (
            len(body) >= 3
            and _letters(word).upper().rstrip("S") not in allowed
            and not (letters[0].islower() and len(body) <= 3)
        )
    # Plural abbreviations (DJs, EPs, CDs) and possessives are fine.
    if _PLURAL_ABBR.fullmatch(letters) and letters[:-1] in allowed:
        return False
    # Capitals with a lowercase tail (NEWs, HOTtest) unless it is a plural abbreviation.
    m = _CAPS_THEN_TAIL.fullmatch(letters)
    if m and m.group(1) not in allowed:
        return True
    # A run of 3+ capitals after a lowercase letter (McDONALD, NEWs) is shouting inside a word.
    if _CAPS_INSIDE.search(letters):
        return True
    t = _transitions(body)
    if t >= 4:
        return True
    if t == 3 and body[0].isupper():
        chunks = re.findall(r"[A-Z\u00c0-\u00de][a-z\u00df-\u00ff]*", body)
        return len(chunks) == 2 and len(chunks[0]) <= 2 and len(chunks[1]) <= 2
    return False


# Text can only break the rule if it has two capitals in a row (maybe joined by & or '), a lower-case
# letter followed by a capital, or dotted letters: a cheap test that skips most assets. The
# capitals and small letters of the supported languages are listed; any other cased letter
# (Latin Extended, full-width) sends the text to the full check.
_UP = "A-ZÀ-ÖØ-ÞŒŸΑ-ΩЀ-Я"
_LO = "a-zß-öø-ÿœα-ωа-џ"
_HINT = re.compile(
    rf"[{_UP}][&'’]?[{_UP}]|[{_LO}][{_UP}]|(?:[^\W\d_]\.){{2}}|[\u0100-\u024f\uff21-\uff5a\u1e00-\u1eff]"
)


@lru_cache(maxsize=1 << 16)
def caps_issues(
    masked: str, language: str = "en", shouted: tuple[str, ...] = ()
) -> tuple[tuple[str, str, str], ...]:
    """(message, fix) pairs for one asset's capitalization, memoised per text."""
    out: list[tuple[str, str, str]] = []
    if not shouted and not _HINT.search(masked):
        return ()
    allowed = allowed_caps(vocabulary.supported(language))
    tokens = TOKEN.findall(masked)
    shouting = [*shouted, *(w for w in tokens if is_shouting(w, allowed))]
    gimmicks = [w for w in tokens if is_gimmicky(w, allowed)]
    dotted = [m for m in DOTTED.findall(masked) if _letters(m).upper() not in allowed]
    if shouting:
        out.append(
            (
                f"Excessive capitalization: {', '.join(dict.fromkeys(shouting))}.",
                "Use sentence or title case; keep capitals for abbreviations and the artist's name.",
                "",
            )
        )
    if gimmicks:
        out.append(
            (
                f"Gimmicky capitalization: {', '.join(dict.fromkeys(gimmicks))}.",
                "Write the word in normal case.",
                "",
            )
        )
    if dotted:
        out.append(
            (f"Letters separated by dots for effect: {', '.join(dotted)}.", "Write the word normally.", "")
        )
    return tuple(out)


def capitalization_in_text(t: Text, env: TextEnv) -> Iterator[Finding]:
    if t.kind == PATH:
        return  # display paths are case-insensitive URL parts
    for message, fix, _ in caps_issues(t.masked, t.language, t.shouted_brands):
        yield finding("capitalization", "disapproved", t.field, message, fix)


def capitalization(view: AdView) -> Iterator[Finding]:
    for t in view.texts:
        yield from capitalization_in_text(t, view.env)


_SENTENCE_START = re.compile(r"(^|[.!?]\s+)([^\W\d_])", re.UNICODE)


def _recase(word: str, title: bool, first: bool) -> str:
    return word.capitalize() if title or first else word.lower()


def fix_capitalization(text: str) -> str:
    """Sentence-case shouting: words in capitals (and gimmicky mixed case) go to the case the rest
    of the asset uses; abbreviations, codes and the artist's name are kept."""
    text = DOTTED.sub(
        lambda m: _letters(m.group(1)) if _letters(m.group(1)).upper() not in ALLOWED_CAPS else m.group(0),
        text,
    )
    tokens = [m for m in TOKEN.finditer(text)]
    cased = [
        m.group(0) for m in tokens if any(c.isalpha() for c in m.group(0)) and not is_placeholder(m.group(0))
    ]
    bad = {w for w in cased if is_shouting(w) or is_gimmicky(w)}
    if not bad:
        return text
    others = [w for w in cased if w not in bad and w[0].isalpha()]
    # The asset is in Title Case when most of its other words start with a capital.
    # When every word was shouting the asset gets sentence case.
    title = bool(others) and sum(1 for w in others if w[0].isupper()) >= len(others) * 0.6
    out, last = [], 0
    for m in tokens:
        w = m.group(0)
        if w in bad:
            first = not text[: m.start()].strip() or text[: m.start()].rstrip()[-1] in ".!?"
            out.append(text[last : m.start()])
            out.append(_recase(w, title or first, first))
            last = m.end()
    out.append(text[last:])
    return "".join(out)
