"""Which voice an artist's ads speak in. A black-metal band and a K-pop group must not read alike, so
the genres the ANALYST found (or, failing that, words in the marketer's brief) pick a tone family; the
family drives the offline writer's vocabulary and the style guide given to an LLM."""

from __future__ import annotations

# Checked in order: the first family with a matching genre word wins ("pop punk" is rock, not pop).
FAMILIES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "dark",
        (
            "black metal",
            "death metal",
            "doom",
            "metal",
            "grindcore",
            "sludge",
            "gothic",
            "goth",
            "industrial",
            "darkwave",
            "hardcore",
            "deathcore",
            "metalcore",
        ),
    ),
    ("kpop", ("k-pop", "kpop", "k pop", "j-pop", "jpop", "idol", "c-pop", "korean")),
    ("hiphop", ("hip hop", "hip-hop", "rap", "trap", "drill", "grime", "r&b", "rnb", "boom bap")),
    (
        "electronic",
        (
            "techno",
            "house",
            "edm",
            "electro",
            "trance",
            "dubstep",
            "drum and bass",
            "dnb",
            "electronic",
            "dance",
            "ambient",
            "synthwave",
        ),
    ),
    (
        "latin",
        (
            "reggaeton",
            "latin",
            "salsa",
            "bachata",
            "cumbia",
            "dembow",
            "urbano",
            "afrobeat",
            "amapiano",
            "dancehall",
        ),
    ),
    ("rock", ("rock", "punk", "grunge", "indie", "alternative", "emo", "garage", "shoegaze", "britpop")),
    ("acoustic", ("folk", "singer-songwriter", "country", "americana", "acoustic", "bluegrass", "chanson")),
    ("soul", ("jazz", "soul", "blues", "classical", "funk", "gospel", "neo soul", "swing", "opera")),
    ("pop", ("pop", "disco", "variété", "schlager")),
)

# A one-line style guide per family, for the LLM prompt and the creative brief.
GUIDES: dict[str, str] = {
    "dark": "cold, uncompromising, atmospheric; short hard sentences; no cheerfulness, no exclamation",
    "kpop": "bright, playful, fandom-aware; comeback energy, choreography, hooks; warm and inclusive",
    "hiphop": "confident, street-smart, rhythmic; bars, beats and real stories; direct",
    "electronic": "euphoric, kinetic; the drop, the dancefloor, late nights; sensory words",
    "latin": "warm, sensual, festive; rhythm, heat, dancing; inviting",
    "rock": "loud, raw, energetic; guitars, big choruses, sweat and stages",
    "acoustic": "honest, intimate, storytelling; heartfelt words, roots, warmth",
    "soul": "elegant, timeless, refined; groove, voice, craft",
    "pop": "upbeat, catchy, feel-good; hooks and sing-along choruses",
    "neutral": "clear, warm and direct; the music and the artist first",
}


def detect_tone(genres: list[str], brief: dict[str, str] | None = None) -> str:
    """The tone family for these genres; the brief's words are a fallback when no genre is known."""
    haystacks = [" ".join(genres).lower()]
    if brief:
        haystacks.append(
            " ".join(brief.get(k, "") for k in ("audience", "strengths", "differentiators")).lower()
        )
    for hay in haystacks:
        if not hay.strip():
            continue
        padded = f" {hay} "
        for family, words in FAMILIES:
            if any(
                f" {w} " in padded or f" {w}-" in padded or f"-{w} " in padded or (len(w) > 4 and w in hay)
                for w in words
            ):
                return family
    return "neutral"
