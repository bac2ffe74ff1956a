"""Style and spelling: generic calls to action that could sit in any ad ("click here"), bullet or
numbered list markers, cut-off text (a trailing ellipsis, dash or dangling word) and common
misspellings."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from shared.models import Finding
from shared.policy.base import PATH, AdView, Text, TextEnv, finding, triggers
from shared.policy.text import is_placeholder

POLICY = "style_and_spelling"
CTA_TRIGGERS = triggers(
    "click tap press see visit check hier klicken klick cliquez clique cliquer haga haz clic clicca klik klicka"
)


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
DANGLING_WORDS: dict[str, frozenset[str]] = {
    "en": _set("the a an and or of with your our my their its to"),
    "de": _set("der die das den dem des ein eine einen und oder mit für zu von dein deine unser unsere"),
    "fr": _set("le la les un une des et ou de du avec pour votre vos notre nos au aux"),
    "es": _set("el la los las un una y o de del con para tu tus nuestro nuestra al"),
    "it": _set("il lo la i gli le un una e o di del della con per tuo tua"),
    "pt": _set("o a os as um uma e ou de do da com para seu sua"),
    "nl": _set("de het een en of van met voor je jouw ons onze"),
}
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


def dangling_word(text: str, language: str) -> str | None:
    """The last word, when the text stops on a word that needs a continuation ("Tickets for the")."""
    stop = DANGLING_WORDS.get(language[:2])
    if not stop:
        return None
    m = re.search(r"([^\W\d_]+)[\s\"'’”]*[.!?]?$", text)
    if not m or len(text.split()) < 2 or is_placeholder(m.group(1)):
        return None
    word = m.group(1)
    # "A" alone at the end is usually a grade or a side ("Side A", "Plan A") when capitalised.
    if word == "A":
        return None
    return word if word.lower() in stop else None


@lru_cache(maxsize=1 << 16)
def style_issues(
    text: str, language: str, words: frozenset[str] | None = None
) -> tuple[tuple[str, bool], ...]:
    """(issue, auto-fixable) pairs for one asset."""
    issues: list[tuple[str, bool]] = []
    m = GENERIC_CTA.search(text) if words is None or not words.isdisjoint(CTA_TRIGGERS) else None
    if m:
        issues.append((f"generic call to action '{m.group(0)}' that could apply to any ad", True))
    numbered = LIST_START_DOT.search(text) and language[:2] not in ORDINAL_DOT_LANGUAGES
    if LIST_START.search(text) or LIST_INLINE.search(text) or numbered:
        issues.append(("list markers (ads are not bullet or numbered lists)", True))
    if ELLIPSIS_END.search(text) or DANGLING_PUNCT.search(text):
        issues.append(("the text looks cut off (it ends in an ellipsis or a dangling mark)", True))
    else:
        word = dangling_word(text, language)
        if word:
            issues.append((f"the text looks cut off (it ends on '{word}')", True))
    check_spelling = language[:2] == "en" and (words is None or not words.isdisjoint(MISSPELLINGS))
    bad = MISSPELLING_RE.findall(text) if check_spelling else []
    if bad:
        issues.append((f"misspelling: {', '.join(dict.fromkeys(bad))}", True))
    return tuple(issues)


def style_in_text(t: Text, env: TextEnv) -> Iterator[Finding]:
    if t.kind == PATH:
        return
    for issue, _ in style_issues(t.masked, env.language, t.words):
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
