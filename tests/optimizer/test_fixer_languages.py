"""The OPTIMIZER respects the language: every automatic fix, in every language the writer writes, is
idempotent and never adds a typography or grammar error (checked with the per-language linter); brand
terms are never rewritten; every ad names the artist in a headline."""

from __future__ import annotations

import pytest

from marketing.linter import lint
from optimizer.fixer import fix_ad
from shared.typography import NBSP, NNBSP

URL = "https://lunamusic.com/nuit"
ARTIST = "Luna"

# A correct ad per language, typography included, and the name of its track.
BASE: dict[str, tuple[list[str], list[str], str]] = {
    "en": (
        ["Luna: The New Album", "Hear “Midnight Blue” Now", "Why Not Tonight?"],
        ["The new album by Luna is out: listen today.", "Ten songs about the sea, recorded in one take!"],
        "Midnight Blue",
    ),
    "fr": (
        [
            f"Luna{NBSP}: le nouvel album",
            f"Écoutez «{NBSP}Nuit Blanche{NBSP}»",
            f"Pourquoi pas ce soir{NNBSP}?",
        ],
        [
            f"Le nouvel album de Luna est sorti{NBSP}: écoutez-le dès aujourd'hui.",
            f"Dix chansons sur la mer, enregistrées d'une seule prise{NNBSP}!",
        ],
        "Nuit Blanche",
    ),
    "de": (
        ["Luna: das neue Album", "Hört „Nachtblau“ jetzt", "Warum nicht heute Abend?"],
        [
            "Das neue Album von Luna ist da: Jetzt anhören.",
            "Zehn Lieder über das Meer, in einem Take aufgenommen!",
        ],
        "Nachtblau",
    ),
    "es": (
        ["Luna: el nuevo álbum", "Escucha «Noche azul»", "¿Por qué no esta noche?"],
        [
            "El nuevo álbum de Luna ya está aquí: escúchalo hoy.",
            "¡Diez canciones sobre el mar, grabadas en una toma!",
        ],
        "Noche azul",
    ),
    "pt": (
        ["Luna: o novo álbum", "Ouça “Noite azul” agora", "Por que não hoje à noite?"],
        ["O novo álbum de Luna já saiu: ouça hoje.", "Dez canções sobre o mar, gravadas num só take!"],
        "Noite azul",
    ),
    "it": (
        ["Luna: il nuovo album", "Ascolta «Notte blu» ora", "Perché non stasera?"],
        [
            "Il nuovo album di Luna è uscito: ascoltalo oggi.",
            "Dieci canzoni sul mare, registrate in una ripresa!",
        ],
        "Notte blu",
    ),
}
# Typography a writer (or a marketer) got wrong, which the fix must set right.
WRONG_TYPOGRAPHY = {
    "en": 'Hear "Midnight Blue" Now',
    "fr": 'Écoutez "Nuit Blanche"',
    "de": 'Hört "Nachtblau" jetzt',
    "es": 'Escucha "Noche azul"',
    "pt": 'Ouça "Noite azul" agora',
    "it": 'Ascolta "Notte blu" ora',
}
QUESTION_WRONG = {
    "en": "Why Not Tonight ?",
    "fr": "Pourquoi pas ce soir?",
    "de": "Warum nicht heute Abend ?",
    "es": "Por qué no esta noche?",
    "pt": "Por que não hoje à noite ?",
    "it": "Perché non stasera ?",
}


def _ad(lang: str, headline: tuple[int, str] | None = None, description: tuple[int, str] | None = None):
    heads, descs, _ = BASE[lang]
    heads, descs = list(heads), list(descs)
    if headline:
        heads[headline[0]] = headline[1]
    if description:
        descs[description[0]] = description[1]
    return {"headlines": heads, "descriptions": descs, "final_url": URL}


def _cases(lang: str) -> list[tuple[str, dict]]:
    heads, descs, _ = BASE[lang]
    word = heads[0].split()[-1]
    return [
        ("spacing", _ad(lang, headline=(1, heads[1].replace(" ", "  ", 1)))),
        ("capitalization", _ad(lang, headline=(0, heads[0].replace(word, word.upper())))),
        ("symbols", _ad(lang, headline=(1, heads[1] + " ★"))),
        ("exclamation in a headline", _ad(lang, headline=(1, heads[1] + "!"))),
        ("repeated punctuation", _ad(lang, description=(1, descs[1].rstrip("!" + NNBSP) + "!!"))),
        ("phone number", _ad(lang, description=(0, descs[0] + " +33 1 23 45 67 89"))),
        ("character limit", _ad(lang, headline=(0, heads[0] + " " + heads[2] + " " + heads[1]))),
        ("list markers", _ad(lang, description=(0, "1) CD 2) LP 3) " + descs[0]))),
        ("duplicate", {**_ad(lang), "headlines": [*heads, heads[1].upper().lower()]}),
        ("quotes", _ad(lang, headline=(1, WRONG_TYPOGRAPHY[lang]))),
        ("question", _ad(lang, headline=(2, QUESTION_WRONG[lang]))),
    ]


def _lint_ad(ad, lang: str) -> list[tuple[str, list[str]]]:
    names = [ARTIST, BASE[lang][2], "P!nk", "MØ", "AC/DC", "ÁTTA"]
    texts = [a.text for a in (*ad.headlines, *ad.descriptions)]
    return [(t, lint(t, lang, names)) for t in texts if lint(t, lang, names)]


@pytest.mark.parametrize("lang", sorted(BASE))
def test_a_correct_ad_is_left_exactly_as_it_is(lang):
    original = _ad(lang)
    fixed, changes, _ = fix_ad(original, {"language": lang, "brand_terms": [ARTIST]}, artist=ARTIST)
    assert changes == []
    assert [h.text for h in fixed.headlines] == original["headlines"]
    assert [d.text for d in fixed.descriptions] == original["descriptions"]
    assert not _lint_ad(fixed, lang)


@pytest.mark.parametrize("lang", sorted(BASE))
@pytest.mark.parametrize("case", range(11))
def test_every_fix_rule_keeps_the_language_right_and_is_idempotent(lang, case):
    name, ad = _cases(lang)[case]
    ctx = {"language": lang, "brand_terms": [ARTIST]}
    fixed, changes, _ = fix_ad(ad, ctx, artist=ARTIST)
    assert changes, f"{name}: nothing was fixed"
    assert not _lint_ad(fixed, lang), (name, _lint_ad(fixed, lang))
    again, changes_again, _ = fix_ad(fixed, ctx, artist=ARTIST)
    assert changes_again == [] and again == fixed, name


@pytest.mark.parametrize("lang", sorted(BASE))
@pytest.mark.parametrize("name", ["P!nk", "MØ", "AC/DC", "ÁTTA"])
def test_brand_terms_are_never_rewritten_in_any_language(lang, name):
    heads, descs, _ = BASE[lang]
    ad = {
        "headlines": [heads[0].replace("Luna", name), f"{name}  {heads[1]}", heads[2]],
        "descriptions": [descs[0].replace("Luna", name), descs[1]],
        "final_url": URL,
    }
    fixed, _, _ = fix_ad(ad, {"language": lang, "brand_terms": [name]}, artist=name)
    assert fixed.headlines[0].text == heads[0].replace("Luna", name)
    assert fixed.headlines[1].text.startswith(name)
    assert name in fixed.descriptions[0].text


@pytest.mark.parametrize("lang", sorted(BASE))
def test_every_ad_names_the_artist_in_a_headline(lang):
    heads, descs, track = BASE[lang]
    ad = {"headlines": [h.replace("Luna", track) for h in heads], "descriptions": descs, "final_url": URL}
    ctx = {"language": lang, "brand_terms": [ARTIST]}
    fixed, changes, _ = fix_ad(ad, ctx, artist=ARTIST)
    assert any(h.text == ARTIST for h in fixed.headlines)
    assert [c.policy for c in changes if c.policy == "artist_in_headline"]
    full = {"headlines": [f"{track} {i}" for i in range(15)], "descriptions": descs, "final_url": URL}
    fixed, _, _ = fix_ad(full, ctx, artist=ARTIST)
    assert len(fixed.headlines) == 15 and fixed.headlines[-1].text == ARTIST
    assert fix_ad(fixed, ctx, artist=ARTIST)[1] == []
