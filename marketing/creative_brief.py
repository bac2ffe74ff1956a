"""The creative brief for the media agents (visuals, video, voice-over, social), composed from the
same facts and tone as the ads. Two visual directions (A and B) deliberately contrast, so the media
agents produce testable alternatives rather than two takes of one idea."""

from __future__ import annotations

from marketing import preflight as editorial  # the pre-flight check (shared.policy)
from marketing.facts import ArtistFacts
from marketing.tone import GUIDES
from shared.models import CreativeBrief

# Per tone: (direction A, direction B) as visual ideas. {a} artist, {x} track or release.
VISUALS: dict[str, tuple[str, str]] = {
    "dark": (
        "Black-and-white forest at night, frost and torchlight, the band as silhouettes",
        "Close-up, grainy live footage: sweat, strobes and corpse paint in red light",
    ),
    "kpop": (
        "Pastel studio set, synchronised choreography shot wide, bright colour blocking",
        "Candid behind-the-scenes selfie footage, members laughing, handheld and warm",
    ),
    "hiphop": (
        "Night city streets, low angle, neon reflections on wet asphalt",
        "Studio session close-ups: hands on the mixing desk, lyrics notebook, booth light",
    ),
    "electronic": (
        "Abstract light tunnels and lasers synced to the beat, no faces",
        "Crowd at sunrise after an all-night set, slow motion, warm haze",
    ),
    "latin": (
        "Sunset rooftop party, saturated warm colours, dancers in motion",
        "Intimate street scene: a couple dancing in a small bar, handheld and close",
    ),
    "rock": (
        "Live stage from the pit: guitars, sweat, crowd surfing, fast cuts",
        "Empty rehearsal room in daylight, amps and cables, the band tuning up",
    ),
    "acoustic": (
        "Golden-hour landscape, a lone guitar on a porch, slow pans",
        "Kitchen-table session: close-up of hands on strings, soft lamp light",
    ),
    "soul": (
        "Elegant club stage, velvet and brass, warm spotlight on the voice",
        "Vintage film texture: vinyl spinning, a quiet apartment at night",
    ),
    "pop": (
        "Bright colour-pop set, bold typography, playful quick cuts",
        "Day-in-the-life vlog style: city walk, friends singing along in a car",
    ),
    "neutral": (
        "Portrait of the artist against a clean backdrop, typography-led",
        "Moody live-session footage, natural light, one long take",
    ),
}
HOOKS = {
    "en": {
        "dark": "Silence. Then the first cold riff of {x}.",
        "kpop": "Three seconds of the {x} choreo, then freeze.",
        "hiphop": "Bass drop on black, then the first line of {x}.",
        "electronic": "Build-up, blackout, the drop of {x}.",
        "latin": "A shaker, a smile, the first beat of {x}.",
        "rock": "Feedback, a count-in, {x} explodes.",
        "acoustic": "One voice, one guitar: the first line of {x}.",
        "soul": "A single held note from {x}, in close-up.",
        "pop": "The chorus of {x}, mid-singalong.",
        "neutral": "The first seconds of {x}, the artist's face in close-up.",
    },
    "fr": {
        "dark": "Le silence. Puis le premier riff glacial de {x}.",
        "kpop": "Trois secondes de la choré de {x}, puis arrêt sur image.",
        "hiphop": "Basse sur écran noir, puis la première rime de {x}.",
        "electronic": "Montée, noir complet, le drop de {x}.",
        "latin": "Un shaker, un sourire, le premier temps de {x}.",
        "rock": "Larsen, décompte, {x} explose.",
        "acoustic": "Une voix, une guitare : la première phrase de {x}.",
        "soul": "Une note tenue de {x}, en gros plan.",
        "pop": "Le refrain de {x}, chanté en chœur.",
        "neutral": "Les premières secondes de {x}, le visage de l'artiste en gros plan.",
    },
}
TEXT = {
    "en": {
        "key_release": "{r} by {a}: {adj} {g}, out now.",
        "key_soon": "{r} by {a} is coming: pre-save it now.",
        "key_artist": "{a}: {adj} {g} worth discovering.",
        "key_tickets": " See it live.",
        "script": [
            "0-3s: {hook}",
            "3-7s: {a} on screen, {visual}",
            "7-11s: {proof}",
            "11-15s: call to action: {cta}, with the artist name on screen",
        ],
        "vo": ["This is {a}.", "{proof_vo}", "{cta}."],
        "cta": {
            "streams": "Stream {x} now",
            "tickets": "Get your tickets now",
            "merch": "Shop the official merch",
            "presave": "Pre-save {x} now",
            "followers": "Follow {a} now",
        },
        "proof_listeners": "Listened to from {c} to {c2}",
        "proof_tracks": "From {t} to {x}",
        "proof_plain": "{adj} {g}, one listen is enough",
        "captions": {
            "instagram": "{key} {cta}. Link in bio.",
            "tiktok": "{hook_short} {cta}.",
            "youtube": "{a} - {x}. {key}",
            "x": "{key} {cta}.",
        },
    },
    "fr": {
        "key_release": "{r} de {a} : du {g} {adj}, disponible maintenant.",
        "key_soon": "{r} de {a} arrive : pré-enregistrez-le dès maintenant.",
        "key_artist": "{a} : du {g} {adj} à découvrir.",
        "key_tickets": " À vivre en concert.",
        "script": [
            "0-3 s : {hook}",
            "3-7 s : {a} à l'écran, {visual}",
            "7-11 s : {proof}",
            "11-15 s : appel à l'action : {cta}, avec le nom de l'artiste à l'écran",
        ],
        "vo": ["Voici {a}.", "{proof_vo}", "{cta}."],
        "cta": {
            "streams": "Écoutez {x} maintenant",
            "tickets": "Réservez vos billets",
            "merch": "Découvrez le merch officiel",
            "presave": "Pré-enregistrez {x}",
            "followers": "Suivez {a}",
        },
        "proof_listeners": "Écouté de {c} à {c2}",
        "proof_tracks": "De {t} à {x}",
        "proof_plain": "Du {g} {adj}, une écoute suffit",
        "captions": {
            "instagram": "{key} {cta}. Lien en bio.",
            "tiktok": "{hook_short} {cta}.",
            "youtube": "{a} - {x}. {key}",
            "x": "{key} {cta}.",
        },
    },
}
ADJ = {
    "en": {
        "dark": "raw",
        "kpop": "addictive",
        "hiphop": "hard-hitting",
        "electronic": "euphoric",
        "latin": "fiery",
        "rock": "loud",
        "acoustic": "heartfelt",
        "soul": "timeless",
        "pop": "catchy",
        "neutral": "original",
    },
    "fr": {
        "dark": "brut",
        "kpop": "addictif",
        "hiphop": "percutant",
        "electronic": "euphorique",
        "latin": "brûlant",
        "rock": "puissant",
        "acoustic": "sincère",
        "soul": "intemporel",
        "pop": "entraînant",
        "neutral": "original",
    },
}


def compose_brief(facts: ArtistFacts) -> CreativeBrief:
    lang = facts.language if facts.language in TEXT else "en"
    tx, tone = TEXT[lang], facts.tone if facts.tone in VISUALS else "neutral"
    music = "musique" if lang == "fr" else "music"
    values = {
        "a": facts.artist,
        "r": facts.release or "",
        "g": facts.genres[0] if facts.genres else music,
        "adj": ADJ[lang][tone],
    }
    x = facts.release or (facts.tracks[0] if facts.tracks else facts.artist)
    values["x"] = x
    if facts.release:
        key = tx[
            "key_soon" if (facts.release_upcoming or "presave" in facts.goals) else "key_release"
        ].format(**values)
    else:
        key = tx["key_artist"].format(**values)
    if "tickets" in facts.goals:
        key += tx["key_tickets"]
    goal = next(
        (g for g in ("presave", "tickets", "merch", "followers", "streams") if g in facts.goals), "streams"
    )
    cta = tx["cta"][goal].format(**values)
    if len(facts.cities) >= 2:
        proof = tx["proof_listeners"].format(c=facts.cities[0], c2=facts.cities[1])
    elif facts.tracks and facts.tracks[0] != x:
        proof = tx["proof_tracks"].format(t=facts.tracks[0], x=x)
    else:
        proof = tx["proof_plain"].format(**values)
    proof = proof[:1].upper() + proof[1:]
    hook = HOOKS[lang][tone].format(x=x)
    visual_a, visual_b = VISUALS[tone]
    script = [
        line.format(
            hook=hook, a=facts.artist, visual=visual_a[:1].lower() + visual_a[1:], proof=proof, cta=cta
        )
        for line in tx["script"]
    ]
    voice = [line.format(a=facts.artist, proof_vo=proof + ".", cta=cta) for line in tx["vo"]]
    captions = {
        p: c.format(key=key, cta=cta, a=facts.artist, x=x, hook_short=hook.split(".")[0] + ".")
        for p, c in tx["captions"].items()
    }
    # Voice-over and captions are read or posted as is: keep them free of what the ad rules forbid too.
    voice = [
        v
        for v in voice
        if not editorial.issues(v, "description", editorial.brand_tokens([facts.artist], facts.language))
    ] or voice
    return CreativeBrief(
        key_message=key,
        tone=f"{tone}: {GUIDES[tone]}",
        visual_concepts={"A": visual_a, "B": visual_b},
        video_hook=hook,
        video_script=script,
        voice_over=voice,
        social_captions=captions,
    )
