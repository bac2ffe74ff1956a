"""Prompts for the LLM providers. They carry everything the model may use (the facts, as a JSON block
between <facts> tags), the goals, the brief, the language, Google's limits and editorial rules, and the
task. Keeping the facts machine-readable also lets the sandbox's stand-in model answer from them."""

from __future__ import annotations

import json
from typing import Any

from babel import Locale

from marketing.facts import ArtistFacts
from marketing.tone import GUIDES
from marketing.vocabulary import ANGLES
from shared.policy.ad_format import MAX_DESCRIPTIONS, MAX_HEADLINES
from shared.policy.guidance import writer_rules
from shared.themes import THEMES
from shared.typography import NOTES as TYPOGRAPHY_NOTES


def language_name(code: str) -> str:
    """The language's English name from CLDR ("ja" -> "Japanese"): an LLM writes the languages the
    offline writer has no phrasebook for, and must be told which one by name."""
    return Locale.parse("en").languages.get(code, code)


# Generated from the policy engine (limits, examples, one line per policy): never a hand copy.
RULES = writer_rules()

SYSTEM = (
    "You are a senior music marketer writing Google Ads responsive search ads in the artist's own "
    "voice. You answer with JSON only, matching the schema you are given."
)


def facts_block(facts: ArtistFacts) -> str:
    return "<facts>" + json.dumps(facts.model_dump(), ensure_ascii=False) + "</facts>"


def ad_group_messages(
    facts: ArtistFacts, theme: str, findings: list[dict[str, Any]] | None = None
) -> list[dict[str, str]]:
    angles = ANGLES.get(theme, ("artist", "sound"))
    lang = language_name(facts.language)
    brief = "\n".join(f"- {k}: {v}" for k, v in facts.brief.items()) or "- (none given)"
    lines = [
        f"<task>ad_group:{theme}</task>",
        f'Write the ad group "{THEMES.get(theme, theme)}" for the artist {facts.artist}.',
        f"Language: {lang} (code {facts.language}). Write every headline and description in {lang}."
        + (f" {TYPOGRAPHY_NOTES[facts.language]}." if facts.language in TYPOGRAPHY_NOTES else ""),
        f"Tone of voice ({facts.tone}): {GUIDES.get(facts.tone, GUIDES['neutral'])}.",
        f"Campaign goals: {', '.join(facts.goals) or 'streams'}.",
        "What the research found (use only these facts):",
        facts_block(facts),
        f"Genres: {', '.join(facts.genres) or 'unknown'}. Similar artists: {', '.join(facts.similar) or 'unknown'}.",
        f"Top tracks: {', '.join(facts.tracks) or 'unknown'}. Latest release: {facts.release or 'unknown'}"
        + (
            f" ({facts.release_kind}{', upcoming' if facts.release_upcoming else ''})"
            if facts.release
            else ""
        )
        + ".",
        f"Audience cities: {', '.join(facts.cities) or 'unknown'}. Countries: {', '.join(facts.countries) or 'unknown'}.",
        f"Rising searches: {', '.join(facts.rising) or 'none'}.",
        "Marketer's brief:",
        brief,
        "",
        RULES,
        "",
        f'Return two responsive search ads that lead with different angles: ad 1 "{angles[0]}", '
        f'ad 2 "{angles[1]}". Each: up to {MAX_HEADLINES} headlines, {MAX_DESCRIPTIONS} descriptions, '
        "path1 and path2. Also return up to 15 keyword ideas for this ad group.",
    ]
    if findings:
        lines.append("")
        lines.append("A previous version was disapproved. Do not repeat these problems:")
        lines.extend(
            f"- {f.get('field', '?')}: {f.get('policy', '')}: {f.get('message', '')}" for f in findings
        )
    return [{"role": "system", "content": SYSTEM}, {"role": "user", "content": "\n".join(lines)}]


def brief_messages(facts: ArtistFacts, key_message_hint: str) -> list[dict[str, str]]:
    lang = language_name(facts.language)
    lines = [
        "<task>creative_brief</task>",
        f"Write the creative brief for the media agents (visuals, video, voice-over, social) for {facts.artist}.",
        f"Language: {lang}. Tone: {facts.tone}: {GUIDES.get(facts.tone, GUIDES['neutral'])}.",
        facts_block(facts),
        f"Suggested key message: {key_message_hint}",
        'Give: key_message; tone; visual_concepts with exactly two contrasting directions under keys "A" and '
        '"B"; video_hook (the first 3 seconds of a 15-second video); video_script (4 to 6 timed beats '
        "covering 15 seconds); voice_over (2 to 4 lines); social_captions per platform (instagram, tiktok, "
        "youtube, x). Never invent facts beyond those given; no emoji in voice-over lines.",
    ]
    return [{"role": "system", "content": SYSTEM}, {"role": "user", "content": "\n".join(lines)}]


def repair_message(errors: str) -> dict[str, str]:
    return {
        "role": "user",
        "content": "Your answer does not validate. Fix exactly these problems and answer "
        "again with the full JSON only:\n" + errors[:4000],
    }
