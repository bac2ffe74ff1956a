"""The per-language linter finds what a proof-reader would mark, and stays quiet on correct copy
(names are written as given and never linted)."""

from __future__ import annotations

import pytest

from marketing import phrasebook
from marketing.linter import lint
from shared.typography import NBSP, NNBSP


@pytest.mark.parametrize(
    ("lang", "text", "issue"),
    [
        ("fr", "Le son de Aldebert", "elision"),
        ("fr", "Écoutez le album", "elision"),
        ("fr", "Le french rap de Zélie", "English left"),
        ("fr", "Écouté à Brussels", "English place name"),
        ("fr", "Écoutez: Nuit", "French typography"),
        ("fr", 'Écoutez "Nuit"', "straight quotes"),
        ("fr", "Pour les fans de", "incomplete sentence"),
        ("fr", "Un nouveau album", "agreement"),
        ("fr", "Une album de Luna", "agreement"),
        ("de", "Ein Single von Luna", "agreement"),
        ("de", "Hört jetzt the new album", "English left"),
        ("de", "Luna live in Brussels", "English place name"),
        ("es", "Buscas algo nuevo?", "¿"),
        ("es", "La música de el artista", "contraction"),
        ("es", "La álbum de Luna", "agreement"),
        ("pt", "O som de o grupo", "contraction"),
        ("it", "La musica di il gruppo", "contraction"),
        ("it", "Il album di Luna", "agreement"),
        ("en", "Tickets for the", "incomplete sentence"),
        ("en", "Stream stream the album", "doubled word"),
        ("en", "Hear it now :", "space before punctuation"),
    ],
)
def test_finds_what_a_proof_reader_would_mark(lang, text, issue):
    found = lint(text, lang, ["Luna", "Zélie"])
    assert any(issue.lower() in f.lower() for f in found), found


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fr", f"Le son d'Aldebert{NNBSP}!"),
        ("fr", f"Écoutez{NBSP}: «{NBSP}Nuit{NBSP}» à Bruxelles"),
        ("fr", "Le nouvel album des Ogres de Barback"),
        ("de", "Das neue Album von Luna: „Nachtblau“ in Brüssel"),
        ("de", "Die neue Single ist da"),
        ("es", "¿Buscas algo nuevo? ¡Escucha el álbum del año!"),
        ("pt", "O novo álbum do grupo já saiu"),
        ("it", "L'album dell'anno: ascolta «Luce» a Bruxelles"),
        ("en", "Hear “Midnight Blue” in Brussels Now"),
    ],
)
def test_quiet_on_correct_copy(lang, text):
    assert lint(text, lang, ["Luna", "Aldebert"]) == []


def test_names_are_never_linted():
    assert lint("Écoutez The Black Keys", "fr", ["The Black Keys"]) == []
    assert lint("Hört Stream of Consciousness", "de", ["Stream of Consciousness"]) == []


def test_grammar_at_the_seams():
    fr = phrasebook.load("fr")
    assert phrasebook.fill("Le son de {a}", {"a": "Aldebert"}, fr) == "Le son d'Aldebert"
    assert phrasebook.fill("Le son de {a}", {"a": "Les Ogres"}, fr) == "Le son des Ogres"
    assert phrasebook.fill("Concert à {c}", {"c": "Le Havre"}, fr) == "Concert au Havre"
    assert phrasebook.fill("Le son de {a}", {"a": "Hozier"}, fr) == "Le son de Hozier"
    es = phrasebook.load("es")
    assert phrasebook.fill("La música de {a}", {"a": "El Canto"}, es) == "La música del Canto"
    assert phrasebook.fill("{r}. {n}.", {"r": "Heart", "n": "ritmo y baile"}, es) == "Heart. Ritmo y baile."
    assert (
        phrasebook.place("Brussels", "de") == "Brüssel"
        and phrasebook.place("Munich", "it") == "Monaco di Baviera"
    )
    assert phrasebook.place("Somewhere Else", "fr") == "Somewhere Else"
    assert phrasebook.genre("Rap français", "de") == "französischer Rap"
    assert phrasebook.genre("black metal", "de") == "Black Metal"
    assert phrasebook.genre("Singer & Songwriter", "fr") == "chanson"
    assert phrasebook.genre("some unknown scene", "fr") is None
