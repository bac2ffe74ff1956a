"""Which voice an artist's ads speak in. The genre strings the sources really return (Deezer's "Rap/Hip
Hop", "Chanson française", "Musique pour enfants", "Films/Jeux vidéo"; Spotify's "atmospheric black
metal", "indie folk", "k-pop boy group", "afrobeats", "opera"; Chartmetric's "Children's Music",
"Classical", "Christian & Gospel") pick a voice; each voice has its own lexicon, rhythm, punctuation
and calls to action in every phrasebook (`[tones.<voice>]`).

The marketer's brief speaks last: an audience of children or families makes the voice "children"
whatever the genre says (a children's act is never "relentless"), and words in the audience,
strengths or differentiators that name another voice override the genre where the two conflict."""

from __future__ import annotations

import re

# Checked in order: the first voice with a matching word wins ("pop punk" is rock, "k-pop" is kpop,
# "children's music" is children before "music" could match anything else).
FAMILIES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "children",
        (
            "children",
            "children's",
            "kids",
            "kid",
            "nursery",
            "lullaby",
            "lullabies",
            "enfants",
            "enfant",
            "comptines",
            "kinder",
            "kinderlieder",
            "infantil",
            "infantiles",
            "niños",
            "bambini",
            "crianças",
            "toddler",
            "family",
            "families",
        ),
    ),
    (
        "classical",
        (
            "classical",
            "classique",
            "klassik",
            "clásica",
            "clássica",
            "classica",
            "opera",
            "opéra",
            "oper",
            "ópera",
            "baroque",
            "orchestra",
            "orchestral",
            "symphony",
            "symphonic",
            "chamber music",
            "choral",
            "early music",
            "contemporary classical",
            "neoclassical",
            "soundtrack",
            "film score",
            "films/jeux vidéo",
        ),
    ),
    ("gospel", ("gospel", "christian", "worship", "praise", "ccm", "spiritual")),
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
            "thrash",
            "djent",
            "nu metal",
        ),
    ),
    ("kpop", ("k-pop", "kpop", "k pop", "korean", "j-pop", "jpop", "j pop", "idol", "c-pop", "anime")),
    (
        "afro",
        (
            "afrobeats",
            "afrobeat",
            "afro pop",
            "afropop",
            "afro",
            "african music",
            "musique africaine",
            "amapiano",
            "highlife",
            "afro-fusion",
            "reggae",
            "dancehall",
            "dub",
            "ska",
            "soca",
            "zouk",
            "kompa",
        ),
    ),
    (
        "latin",
        (
            "reggaeton",
            "latin",
            "latino",
            "latina",
            "salsa",
            "bachata",
            "cumbia",
            "dembow",
            "urbano",
            "merengue",
            "bossa nova",
            "samba",
            "sertanejo",
            "mpb",
            "flamenco",
            "tango",
            "corrido",
            "mariachi",
            "regional mexican",
        ),
    ),
    ("hiphop", ("hip hop", "hip-hop", "rap", "trap", "drill", "grime", "boom bap", "rap/hip hop")),
    ("rnb", ("r&b", "rnb", "soul", "neo soul", "funk", "motown", "quiet storm")),
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
            "electronica",
            "dance",
            "ambient",
            "synthwave",
            "minimal",
            "idm",
        ),
    ),
    ("jazz", ("jazz", "blues", "swing", "bebop", "big band", "bossa", "vocal jazz")),
    ("country", ("country", "americana", "bluegrass", "honky tonk", "outlaw", "nashville")),
    (
        "folk",
        (
            "folk",
            "singer-songwriter",
            "singer & songwriter",
            "acoustic",
            "chanson",
            "cantautor",
            "cantautore",
            "liedermacher",
        ),
    ),
    (
        "rock",
        ("rock", "punk", "grunge", "alternative", "emo", "garage", "shoegaze", "britpop", "post-punk"),
    ),
    ("pop", ("pop", "disco", "variété", "schlager", "indie pop", "synthpop", "dance pop")),
)
VOICES: tuple[str, ...] = tuple(f for f, _ in FAMILIES) + ("neutral",)

# A one-line style guide per voice, for the LLM prompt and the creative brief.
GUIDES: dict[str, str] = {
    "children": "warm, playful, reassuring, for parents and kids together; simple words, sing-along, no edge, no danger words",
    "classical": "refined, precise, reverent; the work, the performers, the hall; long calm sentences, no slang",
    "gospel": "uplifting, joyful, communal; voices, faith and togetherness; warm invitations",
    "dark": "cold, uncompromising, atmospheric; short hard fragments; no cheerfulness, no exclamation",
    "kpop": "bright, playful, fandom-aware; comeback energy, choreography, hooks; warm and inclusive",
    "afro": "sunny, rhythmic, celebratory; groove, dance, diaspora pride; easy-going invitations",
    "latin": "warm, sensual, festive; rhythm, heat, dancing; inviting",
    "hiphop": "confident, street-smart, rhythmic; bars, beats and real stories; direct",
    "rnb": "smooth, intimate, late-night; the voice and the groove; soft invitations",
    "electronic": "euphoric, kinetic; the drop, the dancefloor, late nights; sensory words",
    "jazz": "elegant, curious, improvised; the band, the room, the solo; understated",
    "country": "down-to-earth, storytelling, heartland; roads, small towns, honest feelings",
    "folk": "honest, intimate, storytelling; voice and strings, roots, quiet warmth",
    "rock": "loud, raw, energetic; guitars, big choruses, sweat and stages",
    "pop": "upbeat, catchy, feel-good; hooks and sing-along choruses",
    "neutral": "clear, warm and direct; the music and the artist first",
}


def _matches(hay: str, words: tuple[str, ...]) -> bool:
    return any(re.search(rf"(?<![\w]){re.escape(w)}(?![\w])", hay) for w in words)


def voice_of(text: str) -> str | None:
    hay = text.lower()
    if not hay.strip():
        return None
    for family, words in FAMILIES:
        if _matches(hay, words):
            return family
    return None


def detect_tone(genres: list[str], brief: dict[str, str] | None = None) -> str:
    """The voice for these genres, overridden by the brief where the two conflict."""
    genre_voice = None
    for g in genres:  # the first genre that names a voice is the most specific one the sources gave
        genre_voice = voice_of(g)
        if genre_voice:
            break
    brief = brief or {}
    audience_voice = voice_of(brief.get("audience", "") or "")
    if audience_voice == "children":
        return "children"
    brief_voice = audience_voice or voice_of(
        " ".join(brief.get(k, "") or "" for k in ("strengths", "differentiators"))
    )
    if brief_voice and brief_voice != genre_voice:
        return brief_voice
    return genre_voice or "neutral"
