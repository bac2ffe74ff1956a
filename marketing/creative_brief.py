"""The creative brief for the media agents (visuals, video, voice-over, social), in the campaign's
language, composed from the same facts and voice as the ads (`[creative]` in each phrasebook). Two
visual directions (A and B) deliberately contrast, so the media agents produce testable alternatives;
the brief names the formats and aspect ratios they render, and its social captions are captions a
fan reads (the key message and the call to action), not shot directions."""

from __future__ import annotations

from marketing import phrasebook
from marketing import preflight as editorial  # the pre-flight check (shared.policy)
from marketing.facts import ArtistFacts
from shared.models import CreativeBrief


def _fill(frame: str, values: dict[str, str], book: dict, lang: str, protected: tuple[str, ...]) -> str:
    text = phrasebook.fill(frame, values, book)
    if text is None:  # a fact the frame needs is missing: say less rather than invent
        text = phrasebook.fill(frame, {**values, **{k: "" for k in values if not values[k]}}, book) or ""
    return phrasebook.finish(text, lang, protected)


def compose_brief(facts: ArtistFacts) -> CreativeBrief:
    lang = facts.language if facts.language in phrasebook.available() else "en"
    book = phrasebook.load(lang)
    cr = book["creative"]
    voice = facts.tone if facts.tone in book["tones"] else "neutral"
    tone = book["tones"][voice]
    kind = book["kinds"].get((facts.release_kind or "").lower()) or book["kinds"]["other"]
    protected = tuple(x for x in (facts.artist, facts.release or "", *facts.tracks) if x)
    x = facts.release or (facts.tracks[0] if facts.tracks else facts.artist)
    cities = [phrasebook.place(c, lang) for c in facts.cities]
    values: dict[str, str] = {
        "a": facts.artist,
        "r": facts.release or "",
        "x": x,
        "n": tone["n"],
        "t": facts.tracks[0] if facts.tracks else "",
        "c": cities[0] if cities else "",
        "c2": cities[1] if len(cities) > 1 else "",
        **{f"k.{k}": v for k, v in kind.items()},
    }

    def f(frame: str, **extra: str) -> str:
        return _fill(frame, {**values, **extra}, book, lang, protected)

    if facts.release:
        soon = facts.release_upcoming or "presave" in facts.goals
        key = f(cr["key_soon" if soon else "key_release"])
    else:
        key = f(cr["key_artist"])
    if "tickets" in facts.goals:
        key = f"{key} {f(cr['key_tickets'])}"
    goal = next(
        (g for g in ("presave", "tickets", "merch", "followers", "streams") if g in facts.goals), "streams"
    )
    cta = f(cr[f"cta_{goal}"])
    if len(cities) >= 2:
        proof = f(cr["proof_cities"])
    elif facts.tracks and facts.tracks[0] != x:
        proof = f(cr["proof_tracks"])
    else:
        proof = f(cr["proof_plain"])
    hook = f(cr["hook"])
    visual_a, visual_b = cr["visuals"].get(voice) or cr["visuals"]["neutral"]
    script = [
        f(line, hook=hook, visual=visual_a[:1].lower() + visual_a[1:], proof=proof, cta=cta)
        for line in cr["script"]
    ]
    voice_over = [f(line, proof=proof, cta=cta) for line in cr["vo"]]
    captions = {
        platform: f(cr[f"caption_{platform}"], key=key, cta=cta, proof=proof)
        for platform in ("instagram", "tiktok", "youtube", "x")
    }
    brand = editorial.brand_tokens([facts.artist], lang)
    # Voice-over lines are read as they are: keep them free of what the ad rules forbid too.
    voice_over = [v for v in voice_over if not editorial.issues(v, "description", brand)] or voice_over
    return CreativeBrief(
        key_message=key,
        tone=f"{voice}: {tone['n']}",
        visual_concepts={"A": visual_a, "B": visual_b},
        video_hook=hook,
        video_script=script,
        voice_over=voice_over,
        social_captions=captions,
        formats=cr["formats"],
        language=lang,
    )
