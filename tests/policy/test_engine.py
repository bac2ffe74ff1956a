"""The engine's machinery: vocabularies as data, script-aware matching, the public suffix list,
brand and mark styling, word frequencies, and the batch CLI's fast path against the plain one."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from shared.policy import check_ad, vocabulary
from shared.policy.text import display_width, find_domains, normalise, registrable_domain, script_words
from shared.policy.words import run_together

ROOT = Path(__file__).resolve().parents[2]
FILLER = {"headlines": ["New Album Out Friday", "Hear The Single", "Recorded In Lisbon"]}


def findings(
    text: str, language: str = "en", brands: tuple[str, ...] = (), where: str = "headlines"
) -> set[str]:
    ad = {
        "headlines": list(FILLER["headlines"]),
        "descriptions": ["Ten new songs, recorded live.", "Stream the album on your phone."],
        "final_url": "https://luna.example.com/",
    }
    ad[where] = [text, *ad[where]]
    report = check_ad(ad, {"language": language, "brand_terms": list(brands)})
    return {f.policy for f in report.findings if f.field == f"{where}[0]"}


def test_every_language_has_its_vocabulary_as_a_data_file_shipped_with_the_package() -> None:
    for lang in vocabulary.LANGUAGES:
        data = json.loads((vocabulary.LEXICONS / f"{lang}.json").read_text("utf-8"))
        for category in vocabulary.SCANNED:
            assert category in data, (lang, category)
        assert data["piracy"] and data["superlative"] and data["tickets"] and data["resale"]
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    assert "lexicons/*.json" in pyproject["tool"]["setuptools"]["package-data"]["shared.policy"]


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("SPOTIFY에서 감상", "ko", "trademarks"),  # an all-caps mark followed by a Korean particle
        ("電話０３－１２３４－５６７８まで", "ja", "phone_number_in_ad_text"),  # full-width, particle
        ("010-1234-5678로 문의", "ko", "phone_number_in_ad_text"),
        ("詳しくはbit.ly/jpへ", "ja", "destination_requirements"),  # a Latin word inside Japanese
    ],
)
def test_script_aware_findings(text: str, language: str, expected: str) -> None:
    assert expected in findings(text, language)


@pytest.mark.parametrize(
    ("text", "language", "brands"),
    [
        ("限定盤3枚組", "ja", ()),  # digit + counter is not leetspeak
        ("총7곡 수록", "ko", ()),
        ("LPとCDで発売", "ja", ()),  # formats inside Japanese are not shouting
        ("MØ의 신곡 공개", "ko", ("MØ",)),  # the brand before a particle is the brand
        ("Lunaの新曲", "ja", ("Luna",)),
    ],
)
def test_script_aware_passes(text: str, language: str, brands: tuple[str, ...]) -> None:
    assert findings(text, language, brands) == set()


def test_nfkc_only_for_non_ascii_text() -> None:
    assert normalise("０３－１２３４") == "03-1234"
    plain = "Plain ASCII text"
    assert normalise(plain) is plain
    assert script_words("SPOTIFY에서 7곡") == ("SPOTIFY", "에서", "7", "곡")
    assert display_width("新曲") == 4 and display_width("ｱ") == 1


def test_domains_come_from_the_public_suffix_list() -> None:
    assert registrable_domain("shop.example.co.uk") == "example.co.uk"
    assert registrable_domain("fans.luna.github.io") == "luna.github.io"
    assert [m.group(1) for m in find_domains("see tour.live and luna.music now")] == [
        "tour.live",
        "luna.music",
    ]
    assert find_domains("St.Pauli and Sale.Get and 5.1 and z.B. here") == []


def test_brand_styling_marks_and_the_advertisers_own_names() -> None:
    assert findings("P!nk Live In London", brands=("P!nk",)) == set()  # never symbol nor trademark
    assert findings("P!NK Live In London", brands=("P!nk",)) == {"capitalization"}  # shouted brand
    assert findings("Drake New Single", brands=("Drake",)) == set()  # own name, not a third party
    assert findings("Now On TIDAL") == {"trademarks"}  # the mark's own styling is not shouting
    assert findings("Listen On SPOTIFY") == {"trademarks", "capitalization"}


def test_run_together_words_use_the_shipped_word_frequencies() -> None:
    assert run_together("buyflowershere", "en") == ("buy", "flowers", "here")
    assert run_together("achetezicimaintenant", "fr") == ("achetez", "ici", "maintenant")
    assert run_together("Konzertkarten", "de") is None  # a German compound is a word
    assert run_together("soundcheck", "en") is None


def test_tickets_resale_wording_is_ticket_sales_in_every_language() -> None:
    for text, lang in [
        ("Resale Seats Left", "en"),
        ("Revente Billets Complets", "fr"),
        ("Ausverkaufte Shows", "de"),
        ("Reventa De Entradas", "es"),
        ("Revenda De Ingressos", "pt"),
        ("Rivendita Biglietti", "it"),
        ("チケットリセール受付", "ja"),
        ("매진 공연 양도", "ko"),
    ]:
        assert "event_ticket_sales" in findings(text, lang), (text, lang)
