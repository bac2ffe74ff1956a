"""Every requested language written natively: grammar, typography, places and dates from the
phrasebooks; every language its own ad groups; a language nobody can write is refused at submission,
never answered in English."""

from __future__ import annotations

import re

import pytest

from marketing import phrasebook
from marketing.facts import gather
from marketing.linter import lint
from marketing.offline_writer import UnsupportedLanguage, compose
from shared.languages import LLM_CONFIGURED_BY, OFFLINE_LANGUAGES
from shared.models import Insights
from shared.models.insights import Region, Release, SimilarArtist, Track
from tests.marketing.conftest import black_metal, kpop, request_for

THEMES = ("brand", "release", "similar_artists", "genre_trend", "tickets", "merch", "presave")


def _texts(copy) -> list[str]:
    return [getattr(a, "text", a) for ad in copy.ads for a in (*ad.headlines, *ad.descriptions)]


def _names(facts) -> list[str]:
    return [facts.artist, facts.release or "", *facts.tracks, *facts.similar]


def _children(release_kind: str = "album", city: str = "Brussels") -> Insights:
    return Insights(
        artist="Aldebert",
        found=True,
        genres=["children's music", "chanson"],
        similar_artists=[SimilarArtist(name="Henri Dès", sources=["deezer"], agreement=1)],
        top_tracks=[
            Track(title="Range ta chambre", source="deezer"),
            Track(title="Pour louper l'école", source="deezer"),
        ],
        latest_release=Release(
            title="Enfantillages 4", source="deezer", kind=release_kind, release_date="2024-10-04"
        ),
        audience_regions=[
            Region(name=city, source="chartmetric", kind="city"),
            Region(name="Geneva", source="chartmetric", kind="city"),
            Region(name="Belgium", source="trends", code="BE"),
        ],
    )


def test_phrasebooks_are_the_offline_languages_and_the_provider_mirror_is_in_step():
    assert phrasebook.available() == tuple(sorted(OFFLINE_LANGUAGES))
    from marketing import llm

    registry = {p.name: (p.key_env if p.key_required else p.url_env) for p in llm.providers()}
    assert registry == LLM_CONFIGURED_BY


@pytest.mark.parametrize("lang", OFFLINE_LANGUAGES)
@pytest.mark.parametrize("make", [black_metal, kpop, _children])
def test_every_language_written_natively_with_no_linter_error(lang, make):
    ins = make()
    facts = gather(request_for(ins, languages=[lang], goals=["streams", "tickets", "merch"]), ins)
    own = set(phrasebook.load(lang)["stopwords"])
    for theme in THEMES:
        copy = compose(facts, theme)
        texts = _texts(copy)
        assert all(len(ad.headlines) >= 8 and len(ad.descriptions) >= 3 for ad in copy.ads), (theme, texts)
        problems = [(t, lint(t, lang, _names(facts))) for t in texts]
        assert not [p for p in problems if p[1]], (lang, theme, [p for p in problems if p[1]])
        words = re.findall(
            r"[^\W\d_]+", " ".join(getattr(a, "text", a) for ad in copy.ads for a in ad.descriptions).lower()
        )
        assert any(w in own for w in words), (lang, theme)


def test_french_elision_and_contraction_at_names():
    facts = gather(request_for(_children(), languages=["fr"]), _children())
    text = " ".join(t for theme in THEMES for t in _texts(compose(facts, theme)))
    assert "d'Aldebert" in text and "de Aldebert" not in text
    ins = _children().model_copy(update={"artist": "Les Ogres de Barback"})
    facts = gather(request_for(ins, languages=["fr"]), ins)
    text = " ".join(t for theme in THEMES for t in _texts(compose(facts, theme)))
    assert "des Ogres de Barback" in text and "de Les Ogres" not in text


@pytest.mark.parametrize(
    ("lang", "kind", "expected"),
    [
        ("fr", "album", "nouvel album"),
        ("fr", "single", "nouveau single"),
        ("de", "album", "neue Album"),
        ("de", "single", "neue Single"),
        ("es", "album", "nuevo álbum"),
        ("pt", "single", "novo single"),
        ("it", "album", "nuovo album"),
    ],
)
def test_release_type_with_its_gender(lang, kind, expected):
    ins = _children(kind)
    facts = gather(request_for(ins, languages=[lang]), ins)
    text = " ".join(_texts(compose(facts, "release"))).replace("\u00a0", " ")
    assert expected.lower() in text.lower()


@pytest.mark.parametrize(
    ("lang", "city"),
    [("fr", "Bruxelles"), ("de", "Brüssel"), ("es", "Bruselas"), ("pt", "Bruxelas"), ("it", "Bruxelles")],
)
def test_place_names_in_the_language(lang, city):
    facts = gather(request_for(_children(), languages=[lang]), _children())
    text = " ".join(t for theme in ("brand", "release", "tickets") for t in _texts(compose(facts, theme)))
    assert city in text and "Brussels" not in text


def test_dates_and_typography_per_language():
    assert phrasebook.long_date("2026-12-05", "fr") == "5 décembre"
    assert phrasebook.long_date("2026-12-05", "de") == "5. Dezember"
    assert phrasebook.long_date("2026-12-05", "es") == "5 de diciembre"
    ins = _children()
    fr = " ".join(_texts(compose(gather(request_for(ins, languages=["fr"]), ins), "similar_artists")))
    assert "\u00a0:" in fr or "\u202f?" in fr
    assert not re.search(r"\w [;:!?]", fr) and not re.search(r"\w[;:!?](\s|$)", fr)
    es = _texts(compose(gather(request_for(ins, languages=["es"]), ins), "similar_artists"))
    assert all("¿" in t for t in es if t.endswith("?"))


def test_upcoming_release_says_coming_not_out():
    ins = _children().model_copy(
        update={
            "latest_release": Release(
                title="Enfantillages 5", source="deezer", kind="album", release_date="2999-03-05"
            )
        }
    )
    facts = gather(request_for(ins, languages=["fr"], goals=["presave"]), ins)
    text = " ".join(_texts(compose(facts, "presave")) + _texts(compose(facts, "release")))
    assert "arrive bientôt" in text and "est sorti" not in text
    assert "5 mars" in text


@pytest.mark.parametrize(
    ("lang", "show"),
    [
        ("en", "in Brussels on May 5"),
        ("fr", "au Havre le 5 mai"),
        ("de", "in Brüssel am 5. Mai"),
        ("es", "en Bruselas el 5 de mayo"),
        ("it", "a Bruxelles il 5 maggio"),
    ],
)
def test_ticket_copy_names_only_the_shows_the_sources_list(lang, show):
    from shared.models.insights import Event

    city = "Le Havre" if lang == "fr" else "Brussels"
    ins = _children().model_copy(
        update={"events": [Event(date="2999-05-05", city=city, country="BE", source="bandsintown")]}
    )
    facts = gather(request_for(ins, languages=[lang], goals=["tickets"]), ins)
    texts = _texts(compose(facts, "tickets"))
    assert any(show in t.replace("\u00a0", " ") for t in texts), texts
    # Audience cities are no concert: "Geneva" is where people listen, not where the act plays.
    assert not any(("Genève" in t or "Geneva" in t or "Genf" in t) for t in texts), texts


def test_a_language_without_phrasebook_is_refused_by_the_offline_writer():
    facts = gather(request_for(kpop(), languages=["ja"]), kpop())
    with pytest.raises(UnsupportedLanguage):
        compose(facts, "brand")


def test_every_requested_language_gets_its_own_ad_groups(redis_db):
    from marketing.jobs import write_ad_group
    from shared import store
    from shared.models import AdGroup
    from shared.themes import plan_themes, split_theme

    ins = black_metal()
    req = request_for(ins, languages=["fr", "de", "es"], final_url="https://frostveil-example.com/")
    themes = plan_themes(req, ins)
    base = [t for t in themes if "@" not in t]
    assert {split_theme(t)[1] for t in themes} == {None, "de", "es"}
    assert len(themes) == 3 * len(base)
    rec = store.create(req, mode="sandbox")

    def mutate(r):
        r.campaign.insights, r.campaign.themes = ins, themes

    store.update(rec.id, mutate)
    for key in ("brand", "brand@de", "brand@es"):
        write_ad_group(rec.id, key)
    drafts = {k: AdGroup.model_validate(v) for k, v in store.get_parts(rec.id, "drafts").items()}
    assert {g.language for g in drafts.values()} == {"fr", "de", "es"}
    assert all(g.theme == "brand" for g in drafts.values())
    assert drafts["brand@de"].name.endswith("(DE)")
    for key, lang in (("brand", "fr"), ("brand@de", "de"), ("brand@es", "es")):
        texts = [a.text for ad in drafts[key].ads for a in (*ad.headlines, *ad.descriptions)]
        assert not [
            t
            for t in texts
            if lint(t, lang, ["Frostveil", "Winter Throne", "Ashen Pines", "Hymns to the Void"])
        ]


@pytest.fixture
def supervisor_client(account, monkeypatch):
    from shared.settings import reset_settings
    from supervisor.app import create_app

    def make(**env: str):
        for k in ("OPENAI_API_KEY", "OPENROUTER_API_KEY", "LLM_BASE_URL", "LLM_PROVIDERS"):
            monkeypatch.delenv(k, raising=False)
        for k, v in env.items():
            monkeypatch.setenv(k, v)
        reset_settings()
        client = create_app({"TESTING": True}).test_client()
        client.environ_base["HTTP_AUTHORIZATION"] = account.headers["Authorization"]
        return client

    yield make
    reset_settings()


def test_unwritable_language_refused_at_submission_naming_languages(supervisor_client):
    from shared import store

    client = supervisor_client(
        BSC_MODE="sandbox", OPENAI_API_KEY="sk-sandbox", LLM_PROVIDERS="openai,offline"
    )
    resp = client.post("/api/campaigns", json={"artist": "Starlit Nine", "languages": ["fr", "ja"]})
    body = resp.get_json()
    assert resp.status_code == 422 and body["field"] == "languages"
    assert "ja" in body["message"] and all(code in body["message"] for code in OFFLINE_LANGUAGES)
    assert store.count() == 0
    ok = client.post("/api/campaigns", json={"artist": "Starlit Nine", "languages": ["de", "pt"]})
    assert ok.status_code == 202


def test_a_live_llm_provider_makes_any_language_writable(supervisor_client):
    client = supervisor_client(BSC_MODE="live", OPENAI_API_KEY="sk-live")
    assert (
        client.post("/api/campaigns", json={"artist": "Starlit Nine", "languages": ["ja"]}).status_code == 202
    )
    client = supervisor_client(BSC_MODE="live")
    assert (
        client.post("/api/campaigns", json={"artist": "Starlit Nine", "languages": ["ko"]}).status_code == 422
    )


def test_api_write_refuses_a_language_nobody_can_write(redis_db, monkeypatch):
    from marketing.app import create_app
    from shared.settings import reset_settings

    monkeypatch.setenv("BSC_MODE", "sandbox")
    reset_settings()
    client = create_app({"TESTING": True}).test_client()
    resp = client.post("/api/write", json={"request": {"artist": "Starlit Nine", "languages": ["ko"]}})
    assert resp.status_code == 422 and resp.get_json()["field"] == "request.languages"
    ok = client.post("/api/write", json={"request": {"artist": "Starlit Nine", "languages": ["it"]}})
    assert ok.status_code == 200 and ok.get_json()["ad_group"]["language"] == "it"
    reset_settings()


@pytest.mark.parametrize("lang", OFFLINE_LANGUAGES)
def test_creative_brief_in_the_campaign_language_with_formats_and_real_captions(lang):
    from marketing.creative_brief import compose_brief

    ins = _children()
    facts = gather(request_for(ins, languages=[lang], goals=["streams", "tickets"]), ins)
    brief = compose_brief(facts)
    assert brief.language == lang
    assert "9:16" in brief.formats and "1:1" in brief.formats and "1.91:1" in brief.formats.replace(",", ".")
    names = _names(facts)
    for text in [brief.key_message, *brief.voice_over, *brief.social_captions.values()]:
        assert not lint(text, lang, names), (text, lint(text, lang, names))
    for caption in brief.social_captions.values():
        # A caption is what a fan reads: no timings, no camera directions.
        assert not re.search(r"\d\s*[–-]\s*\d+\s*s\b", caption), caption
        assert facts.artist in caption or (facts.release or "") in caption
    assert brief.tone.startswith("children")
