"""The artist's name is sacred: brand terms, the variants fans type, where a name sits in a text."""

from __future__ import annotations

import pytest

from shared import brand


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("P!nk", {"pink"}),
        ("MØ", {"mø", "mo"}),
        ("AC/DC", {"acdc", "ac dc"}),
        ("Sigur Rós", {"sigur rós", "sigur ros"}),
        ("방탄소년단", {"방탄소년단", "bangtansonyeondan"}),
        ("Ke$ha", {"kesha"}),
        ("Beyoncé", {"beyonce"}),
        ("Panic! at the Disco", {"panic at the disco"}),
        ("Simon & Garfunkel", {"simon and garfunkel"}),
        ("ÁTTA", {"átta", "atta"}),
    ],
)
def test_searchable_variants(name, expected):
    variants = brand.searchable_variants(name)
    assert expected <= set(variants), variants
    assert all(brand.keyword_safe(v) and v == v.lower() for v in variants)
    assert not any(v in {"p nk", "ke ha", "t a t u"} for v in variants)


def test_fold_and_romanize():
    assert brand.fold("Mötley Crüe") == "motley crue"
    assert brand.fold("MØ") == "mo"
    assert brand.romanize_hangul("방탄소년단") == "bangtansonyeondan"
    assert brand.romanize_hangul("BTS") == "BTS"


def test_spans_mentions_and_damage():
    text = "Stream P!nk now. P!NK on tour"
    assert brand.spans(text, ["P!nk"]) == [(7, 11), (17, 21)]
    assert brand.spans("Queens of Queen", ["Queen"]) == [(10, 15)]
    assert brand.mentions("Sigur Ros live", "Sigur Rós")
    assert not brand.mentions("Pinkerton", "P!nk")
    assert brand.damaged("Stream P!nk now", "Stream P.nk now", ["P!nk"]) == ["P!nk"]
    assert brand.damaged("Stream P!nk now", "Stream P!nk today", ["P!nk"]) == []
    assert brand.brand_terms("P!nk", " p!nk ", ["ÁTTA", ""]) == ["P!nk", "ÁTTA"]


def test_carries_name():
    assert brand.carries_name("pink tickets", ["P!nk"])
    assert brand.carries_name("sigur ros atta vinyl", ["Sigur Rós", "ÁTTA"])
    assert not brand.carries_name("pinkerton", ["P!nk"])
    assert not brand.carries_name("concert tickets", ["Queen"])
