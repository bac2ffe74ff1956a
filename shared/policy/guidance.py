"""The policy engine's rules as instructions for a writer (the LLM prompt), generated from the same
source as the checks: every limit comes from `ad_format`, every example from the rule modules' own
lists, and every policy of `RULES` must have its line here (a test holds them to the same set), so a
new rule cannot be checked without the writer being told."""

from __future__ import annotations

from shared.policy import vocabulary
from shared.policy.ad_format import (
    DESCRIPTION,
    HEADLINE,
    KEYWORD_MAX_CHARS,
    KEYWORD_MAX_WORDS,
    LIMITS,
    MAX_DESCRIPTIONS,
    MAX_HEADLINES,
    MIN_DESCRIPTIONS,
    MIN_HEADLINES,
    PATH,
)
from shared.policy.capitalization import ABBREVIATIONS


def _examples(names: tuple[str, ...] | frozenset[str], n: int = 4) -> str:
    return ", ".join(sorted(names)[:n] if isinstance(names, frozenset) else names[:n])


# policy id (shared.policy.registry.RULES) -> what a writer must do to pass it.
GUIDANCE: dict[str, str] = {
    "character_limit": (
        f"Headlines at most {LIMITS[HEADLINE]} characters, descriptions at most {LIMITS[DESCRIPTION]}, display "
        f"paths at most {LIMITS[PATH]}, spaces included; a double-width (CJK) character counts as two."
    ),
    "asset_count": (
        f"{MIN_HEADLINES} to {MAX_HEADLINES} headlines and {MIN_DESCRIPTIONS} to {MAX_DESCRIPTIONS} descriptions per ad."
    ),
    "capitalization": (
        "No words in ALL CAPS or gimmicky capitals, except standard abbreviations "
        f"({_examples(tuple(a for a in ('DJ', 'EP', 'LP', 'VIP') if a in ABBREVIATIONS))}...) and the artist's own name as they write it."
    ),
    "punctuation_and_symbols": (
        "No exclamation mark in headlines and at most one in the whole ad; no repeated punctuation (!!, ??, ...); "
        "no emoji, bullets, stars, arrows or decorative symbols; no text-speak or letters replaced by digits."
    ),
    "unacceptable_spacing": "Normal spacing: no double spaces, no spaced-out letters, a space after punctuation.",
    "repetition": "No duplicate headlines or descriptions; never the same word three times in a row.",
    "phone_number_in_ad_text": "No phone numbers.",
    "style_and_spelling": (
        'Correct spelling; no generic calls to action such as "click here"; no list markers; a text never '
        'ends cut off (on "the", "and", a comma or an ellipsis).'
    ),
    "misuse_of_ad_features": 'No {placeholders} or ad-feature tricks, no fake buttons or games ("click to win").',
    "destination_requirements": (
        "Display paths without spaces or '/'; no domain names in the text other than the final URL's."
    ),
    "copyrights": "Never offer free downloads, leaks or rips of copyrighted music.",
    "counterfeit_goods": "Never words such as replica, knock-off or fake for merchandise.",
    "misrepresentation": (
        "No superlatives or unverifiable claims (best, #1, greatest, guaranteed), no clickbait, and never "
        '"free" unless the offer is free.'
    ),
    "trademarks": (
        "No third-party brands in ad text "
        f"({_examples(vocabulary.marks_of_kind('streaming service'))}, "
        f"{_examples(vocabulary.marks_of_kind('ticket seller'), 2)}...) and no other artists' names "
        "in headlines or descriptions (use them only as keyword ideas)."
    ),
    "gambling_and_games": "No gambling, betting, sweepstakes or prize-draw wording.",
    "event_ticket_sales": 'Ticket wording only for an official seller\'s page; never resale or "cheap tickets".',
}

WRITER_ONLY = (
    f"Keyword ideas: at most {KEYWORD_MAX_CHARS} characters and {KEYWORD_MAX_WORDS} words each.",
    "Never invent facts: mention only the tracks, release, cities and genres given below.",
    "At least two headlines per ad must contain one of your keyword ideas.",
)


def writer_rules() -> str:
    """The prompt's rules block: one line per policy, then what only the writer is asked."""
    lines = ["Google Ads limits and editorial rules (an ad that breaks one is disapproved):"]
    lines += [f"- {text}" for text in GUIDANCE.values()]
    lines += [f"- {text}" for text in WRITER_ONLY]
    return "\n".join(lines)
