"""A voice per artist: the genre strings the sources really return pick distinct voices, the brief
overrides the genre where they conflict, and the copy changes with both."""

from __future__ import annotations

import pytest

from marketing import phrasebook
from marketing.facts import gather
from marketing.offline_writer import compose
from marketing.tone import VOICES, detect_tone
from shared.languages import OFFLINE_LANGUAGES
from tests.marketing.conftest import black_metal, request_for


@pytest.mark.parametrize(
    ("genres", "voice"),
    [
        (["Musique pour enfants"], "children"),
        (["Children's Music"], "children"),
        (["Classical", "Opera"], "classical"),
        (["opera"], "classical"),
        (["Christian & Gospel"], "gospel"),
        (["Metal", "Atmospheric Black Metal"], "dark"),
        (["melodic death metal"], "dark"),
        (["k-pop boy group"], "kpop"),
        (["K-Pop"], "kpop"),
        (["J-Pop", "Anime"], "kpop"),
        (["African Music", "Afrobeats"], "afro"),
        (["Reggae"], "afro"),
        (["Latin Music", "Reggaeton"], "latin"),
        (["Rap/Hip Hop", "Rap français"], "hiphop"),
        (["R&B", "Soul & Funk"], "rnb"),
        (["Electro", "Techno/House"], "electronic"),
        (["Jazz", "Vocal Jazz"], "jazz"),
        (["Country", "Americana"], "country"),
        (["Indie Folk", "Singer & Songwriter"], "folk"),
        (["Chanson française"], "folk"),
        (["Alternative Rock"], "rock"),
        (["Pop"], "pop"),
        ([], "neutral"),
    ],
)
def test_real_genre_strings_pick_a_voice(genres, voice):
    assert detect_tone(genres) == voice


def test_the_brief_overrides_the_genre_where_they_conflict():
    assert detect_tone(["Metal"], {"audience": "kids and their parents"}) == "children"
    assert detect_tone(["Rock"], {"audience": "les enfants de 3 à 8 ans"}) == "children"
    assert detect_tone(["Pop"], {"strengths": "a full symphony orchestra on every record"}) == "classical"
    assert detect_tone(["Metal"], {"strengths": "brutal riffs"}) == "dark"


@pytest.mark.parametrize("lang", OFFLINE_LANGUAGES)
def test_every_voice_exists_in_every_phrasebook(lang):
    tones = phrasebook.load(lang)["tones"]
    assert set(VOICES) <= set(tones)
    for voice in VOICES:
        assert {"cta", "n", "h", "d", "lines"} <= set(tones[voice]), (lang, voice)


@pytest.mark.parametrize("lang", OFFLINE_LANGUAGES)
def test_a_childrens_act_is_never_relentless(lang):
    ins = black_metal()
    brief = {
        "audience": {"en": "kids and their parents", "fr": "les enfants et leurs parents"}.get(lang, "kids")
    }
    facts = gather(request_for(ins, languages=[lang], brief=brief), ins)
    assert facts.tone == "children"
    dark_words = {
        "en": {"relentless", "cold", "darkness", "raw"},
        "fr": {"implacable", "froid", "glacés", "brut"},
        "de": {"unerbittlich", "kalt", "eisige", "roh"},
        "es": {"implacable", "frío", "helados", "crudo"},
        "pt": {"implacável", "frio", "gelados", "cru"},
        "it": {"implacabile", "freddo", "gelidi", "crudo"},
    }[lang]
    for theme in ("brand", "release", "genre_trend"):
        copy = compose(facts, theme)
        words = {
            w.lower().strip(".,")
            for ad in copy.ads
            for t in (*ad.headlines, *ad.descriptions)
            for w in t.split()
        }
        assert not (words & dark_words), (lang, theme, words & dark_words)


def test_voices_differ_on_the_same_facts():
    ins = black_metal()
    heads = {}
    for voice in ("dark", "kpop", "jazz", "classical", "children", "folk"):
        facts = gather(request_for(ins), ins).model_copy(update={"tone": voice})
        heads[voice] = {
            h for theme in ("brand", "release") for ad in compose(facts, theme).ads for h in ad.headlines
        }
    voices = list(heads)
    for i, a in enumerate(voices):
        for b in voices[i + 1 :]:
            overlap = len(heads[a] & heads[b]) / len(heads[a] | heads[b])
            assert overlap < 0.6, (a, b, overlap)


def test_the_brief_shapes_the_copy():
    ins = black_metal()
    facts = gather(request_for(ins, brief={"strengths": "recorded live in a stave church"}), ins)
    text = " ".join(d for ad in compose(facts, "brand").ads for d in ad.descriptions)
    assert "recorded live in a stave church" in text.lower()
