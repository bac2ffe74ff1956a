"""Style and spelling: generic calls to action that could sit in any ad ("click here", "cliquez
ici", "ここをクリック"), placeholder or gibberish text ("Lorem ipsum", "Votre texte ici",
"xkcdqz"), bullet or numbered list markers, cut-off text (a trailing ellipsis, dash or dangling
word, a word cut in the middle, a Japanese or Korean particle left hanging), words run together
to dodge spacing ("buyflowershere") and common misspellings. The vocabularies are per language
(lexicons/*.json); the word checks use the frequency lists of `wordfreq` (see words.py)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from shared.models import Finding
from shared.policy import vocabulary
from shared.policy import words as wordlist
from shared.policy.base import PATH, AdView, Text, TextEnv, finding
from shared.policy.text import is_placeholder

POLICY = "style_and_spelling"


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


GENERIC_CTA = re.compile(
    r"(?<!\w)(?:click|tap|press)\s+(?:here|now|this|below|the\s+link|this\s+link|on\s+this|to\s+find\s+out)(?!\w)"
    r"|(?<!\w)(?:see|visit|check\s+out)\s+this\s+(?:site|website|page|link|ad)(?!\w)"
    r"|(?<!\w)(?:hier\s+klicken|klicken\s+sie\s+hier|klick\s+hier|cliquez\s+ici|clique[rz]?\s+ici|haga\s+clic\s+aqu[ií]"
    r"|haz\s+clic\s+aqu[ií]|clic\s+aqu[ií]|clicca\s+qui|clique\s+aqui|klik\s+hier|klicka\s+h[äa]r)(?!\w)",
    re.IGNORECASE,
)
LIST_START = re.compile(r"^\s*(?:\(?\d{1,2}\)\s|\(?[a-z]\)\s|[-–—*+]\s)", re.IGNORECASE)
# "1. " opens a numbered list in most languages, but is an ordinal in German and Nordic copy.
LIST_START_DOT = re.compile(r"^\s*\d{1,2}\.\s")
ORDINAL_DOT_LANGUAGES = _set("de da no nb nn fi sv is cs sk sl hr sr hu et lv lt tr")
LIST_INLINE = re.compile(r"(?:^|\s)\(?\d{1,2}\)\s*\S.*?\s\(?\d{1,2}\)\s*\S")
ELLIPSIS_END = re.compile(r"(?:\.{2,}|…)\s*$")
DANGLING_PUNCT = re.compile(r"[,:;/\-–—&+(\[]\s*$")


# Words a complete phrase does not end with, per language (articles, conjunctions, possessives).
def dangling_words(language: str) -> frozenset[str]:
    """Words a complete phrase does not end with (articles, conjunctions, possessives; particles in
    Japanese and Korean), from the language's vocabulary."""
    return vocabulary.word_set_of(vocabulary.supported(language), "dangling")


MISSPELLINGS = {
    "recieve": "receive",
    "seperate": "separate",
    "definately": "definitely",
    "occured": "occurred",
    "untill": "until",
    "tommorow": "tomorrow",
    "tomorow": "tomorrow",
    "concernt": "concert",
    "tickts": "tickets",
    "tikets": "tickets",
    "ticktes": "tickets",
    "albumn": "album",
    "availible": "available",
    "availabe": "available",
    "offical": "official",
    "limted": "limited",
    "relase": "release",
    "realease": "release",
    "listne": "listen",
    "guarentee": "guarantee",
    "accomodate": "accommodate",
    "begining": "beginning",
    "beleive": "believe",
    "calender": "calendar",
    "experiance": "experience",
    "wierd": "weird",
    "truely": "truly",
    "arguement": "argument",
    "neccessary": "necessary",
    "acheive": "achieve",
    "enviroment": "environment",
    "existance": "existence",
    "freind": "friend",
    "goverment": "government",
    "independant": "independent",
    "occassion": "occasion",
    "publically": "publicly",
    "succesful": "successful",
    "supercede": "supersede",
    "thier": "their",
    "unforseen": "unforeseen",
    "vynil": "vinyl",
    "vinly": "vinyl",
    "merchendise": "merchandise",
    "perfomance": "performance",
    "preformance": "performance",
}
MISSPELLING_RE = re.compile(r"(?<!\w)(" + "|".join(MISSPELLINGS) + r")(?!\w)", re.IGNORECASE)


def _letter(c: str) -> bool:
    return c.isalnum() and not c.isdecimal()


def last_word(text: str, closing: bool = True) -> str:
    """The letters that end the text, before an optional closing quote, space and final . ! ?
    (what r"([^\\W\\d_]+)[\\s\"'’”]*[.!?]?$" finds, read backwards so it costs the word's length)."""
    end = text
    if closing:
        if end[-1:] in (".", "!", "?"):
            end = end[:-1]
        end = end.rstrip().rstrip("\"'’”").rstrip() if end[-1:] in "\"'’” \t\n" else end
        while end[-1:] and (end[-1].isspace() or end[-1] in "\"'’”"):
            end = end[:-1]
    m = _LETTERS.match(end[::-1])
    return m.group(0)[::-1] if m else ""


_LETTERS = re.compile(r"[^\W\d_]+")


def dangling_word(text: str, language: str) -> str | None:
    """The last word, when the text stops on a word that needs a continuation ("Tickets for the")."""
    if language[:2] not in wordlist.SPACED:
        return None
    stop = dangling_words(language)
    word = last_word(text)
    if not word or len(text.split()) < 2 or is_placeholder(word):
        return None
    # "A" alone at the end is usually a grade or a side ("Side A", "Plan A") when capitalised.
    if word == "A":
        return None
    return word if word.lower() in stop else None


@lru_cache(maxsize=1 << 16)
def style_issues(
    text: str, language: str, words: frozenset[str] | None = None
) -> tuple[tuple[str, bool], ...]:
    """(issue, auto-fixable) pairs for one asset: the parts of the rule that read the text's shape
    (lists, cut-off endings, misspellings); the vocabulary parts are in `style_in_text`."""
    issues: list[tuple[str, bool]] = []
    head = text.lstrip()[:2]
    if (head and (head[0] in "(-–—*+" or head[0].isdigit() or head[1:] == ")")) or ")" in text:
        numbered = LIST_START_DOT.search(text) and language[:2] not in ORDINAL_DOT_LANGUAGES
        if LIST_START.search(text) or LIST_INLINE.search(text) or numbered:
            issues.append(("list markers (ads are not bullet or numbered lists)", True))
    tail = text.rstrip()[-1:]
    if tail in ".…" and ELLIPSIS_END.search(text) or tail and tail in ",:;/-–—&+([":
        issues.append(("the text looks cut off (it ends in an ellipsis or a dangling mark)", True))
    elif tail.isalpha() or tail in "\"'’”.!?":
        word = dangling_word(text, language) or dangling_particle(text, language)
        if word:
            issues.append((f"the text looks cut off (it ends on '{word}')", True))
        elif tail.islower():
            cut = cut_mid_word(text, language)
            if cut:
                issues.append((f"the text looks cut off in the middle of a word ('{cut}')", False))
    check_spelling = language[:2] == "en" and (words is None or not words.isdisjoint(MISSPELLINGS))
    bad = MISSPELLING_RE.findall(text) if check_spelling else []
    if bad:
        issues.append((f"misspelling: {', '.join(dict.fromkeys(bad))}", True))
    return tuple(issues)


_HANGUL_JAMO = re.compile(r"[\u3131-\u318e]$")
_VOWELS = frozenset("aeiouyàáâãäåæèéêëìíîïòóôõöøùúûüýÿœ")


def dangling_particle(text: str, language: str) -> str | None:
    """A Japanese or Korean particle left hanging at the end ("新曲の", "새 앨범을")."""
    if language[:2] not in ("ja", "ko"):
        return None
    stripped = text.rstrip()
    if _HANGUL_JAMO.search(stripped):
        return stripped[-1]
    if len(stripped) < 3 or not ("\u3040" <= stripped[-2] <= "\ud7a3"):
        return None
    for particle in sorted(dangling_words(language), key=len, reverse=True):
        if stripped.endswith(particle):
            return particle
    return None


def cut_mid_word(text: str, language: str) -> str | None:
    """The last word when it is the start of a longer word, cut off ("Tickets on sale tomor")."""
    word = last_word(text, closing=False)  # only when the text ends on letters, not on punctuation
    if not word or len(text.split()) < 2 or is_placeholder(word):
        return None
    return word if wordlist.cut_word(word, language) else None


def script_words_of(text: str) -> tuple[str, ...]:
    """The words of the text once web addresses are blanked (see punctuation.prepared)."""
    from shared.policy.punctuation import prepared
    from shared.policy.text import script_words

    return script_words(prepared(text))


_MAYBE_GIBBERISH = re.compile(r"[b-df-hj-np-tv-xzB-DF-HJ-NP-TV-XZ]{5}")
_MAYBE_RUN = re.compile(rf"(?<![^\W_])[^\W\d_][^\W\d_A-Z]{{{wordlist.MIN_RUN - 1},}}(?![^\W_])")


def gibberish(tokens: tuple[str, ...], text: str = "") -> str | None:
    """A word that no language writes: five or more Latin letters without a vowel (xkcdqz)."""
    if text and not _MAYBE_GIBBERISH.search(text):
        return None
    words = set(script_words_of(text)) if text else None
    for w in tokens:
        if words is not None and w not in words:
            continue
        if len(w) >= 5 and w.isascii() and w.isalpha() and not is_placeholder(w):
            low = w.lower()
            if not any(c in _VOWELS for c in low) and not w.isupper():
                return w
    return None


def style_maybe_gibberish(masked: str) -> bool:
    """A run of five consonants outside web addresses (https://, www.bcdfg.com are not words)."""
    if not _MAYBE_GIBBERISH.search(masked):
        return False
    from shared.policy.punctuation import prepared

    return bool(_MAYBE_GIBBERISH.search(prepared(masked)))


def run_together_words(t: Text) -> tuple[str, tuple[str, ...]] | None:
    if t.language not in wordlist.SPACED or not _MAYBE_RUN.search(t.masked):
        return None
    for w in t.tokens:
        if len(w) >= wordlist.MIN_RUN and not is_placeholder(w):
            parts = wordlist.run_together(w, t.language)
            if parts:
                return w, parts
    return None


def vocabulary_issues(t: Text) -> list[tuple[str, bool]]:
    out: list[tuple[str, bool]] = []
    for h in t.hits:
        if h.category == "generic_cta":
            out.append(
                (f"generic call to action '{t.norm[h.start : h.end]}' that could apply to any ad", True)
            )
            break
    for h in t.hits:
        if h.category == "placeholder":
            out.append((f"placeholder text '{t.norm[h.start : h.end]}'", False))
            break
    return out


def style_in_text(t: Text, env: TextEnv) -> Iterator[Finding]:
    if t.kind == PATH:
        return
    issues = vocabulary_issues(t) + list(style_issues(t.masked, env.language, t.words))
    junk = gibberish(t.tokens, t.masked) if style_maybe_gibberish(t.masked) else None
    if junk:
        issues.append((f"gibberish word '{junk}'", False))
    run = run_together_words(t)
    if run:
        issues.append((f"words run together to dodge spacing ('{run[0]}' is '{' '.join(run[1])}')", False))
    for issue, _ in issues:
        yield finding(
            POLICY,
            "disapproved",
            t.field,
            f"Style: {issue}.",
            "Say what the person gets (e.g. 'Get tickets for the Berlin show')."
            if issue.startswith("generic")
            else "Rewrite it as a complete, correctly spelled phrase.",
        )


def style_and_spelling(view: AdView) -> Iterator[Finding]:
    for t in view.texts:
        yield from style_in_text(t, view.env)


_CTA_LEAD = re.compile(r"^\s*(?:" + GENERIC_CTA.pattern + r")\s*(?:(to|and|&|for)\s+)?", re.IGNORECASE)
_LIST_MARK = re.compile(
    r"(?:^|(?<=\s))\(?(?:\d{1,2}|[a-z])\)\s*|^\s*(?:\d{1,2}\.|[-–—*+•])\s+", re.IGNORECASE
)
_TRAIL = re.compile(r"[\s,:;/\-–—&+(\[]+$|(?:\.{2,}|…)\s*$")


def fix_generic_cta(text: str) -> str:
    """ "Click here for tickets" -> "Get tickets"; "Visit this site to hear it" -> "Hear it"."""
    m = _CTA_LEAD.match(text)
    if m:
        rest = text[m.end() :]
        if m.group(1) and m.group(1).lower() == "for":
            rest = "get " + rest
        return rest[:1].upper() + rest[1:] if rest else text
    # Elsewhere in the text: drop the phrase and the punctuation that introduced it.
    return re.sub(
        r"[\s,;:–-]*(?:" + GENERIC_CTA.pattern + r")(?:\s+(?:to|and)\b)?", "", text, flags=re.IGNORECASE
    )


def fix_lists(text: str, language: str) -> str:
    if not (
        LIST_START.search(text)
        or LIST_INLINE.search(text)
        or (LIST_START_DOT.search(text) and language[:2] not in ORDINAL_DOT_LANGUAGES)
    ):
        return text
    items = [p.strip(" ,;") for p in _LIST_MARK.split(text) if p and p.strip(" ,;")]
    return ", ".join(items)


def fix_cut_off(text: str, language: str) -> str:
    """Remove a trailing ellipsis, dangling punctuation and dangling words ("Tickets for the" ->
    "Tickets")."""
    for _ in range(6):
        before = text
        text = _TRAIL.sub("", text).rstrip()
        word = dangling_word(text.rstrip(".!?"), language)
        if word:
            text = re.sub(r"\s*" + re.escape(word) + r"[\s\"'’”.!?]*$", "", text).rstrip()
        if text == before:
            break
    return text


def fix_spelling(text: str, language: str) -> str:
    if language[:2] != "en":
        return text

    def repl(m: re.Match[str]) -> str:
        right = MISSPELLINGS[m.group(0).lower()]
        return right.capitalize() if m.group(0)[0].isupper() else right

    return MISSPELLING_RE.sub(repl, text)


def fix_style(text: str, language: str) -> str:
    text = fix_lists(text, language)
    text = fix_generic_cta(text)
    text = fix_spelling(text, language)
    return fix_cut_off(text, language)
