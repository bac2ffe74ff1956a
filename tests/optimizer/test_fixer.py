"""The auto-fix keeps the meaning, records every change, is idempotent and leaves no fixable
disapproval behind."""

from __future__ import annotations

import pytest

from optimizer.fixer import fix_ad
from shared.policy import check_ad
from shared.policy.text import display_width
from tests.optimizer.helpers import ad
from tests.optimizer.test_policy_rules import CTX, FAILING

BROKEN = ad(
    headlines=[
        "NEW ALBUM OUT NOW!!",
        "Stream Tides 🔥 Today",
        "Luna Live in Berlin 2026",
        "stream tides today",
        "Click Here For Tickets",
        "Luna New Album Out Now On Every Platform Today",
    ],
    descriptions=[
        "Call 555-123-4567 for group tickets to the show!",
        "Ten new songs about the sea!! Recorded live  in one take ,really.",
        "1) Vinyl 2) CD 3) Cassette, all signed by Luna and...",
    ],
    path2="new/album",
    final_url="lunamusic.com/tides",
)


def test_fix_rewrites_and_records_each_change() -> None:
    fixed, changes, findings = fix_ad(BROKEN, CTX)
    heads = [h.text for h in fixed.headlines]
    assert heads[0] == "New album out now"
    assert "Stream Tides Today" in heads and "stream tides today" not in heads
    assert "Get Tickets" in heads
    assert all(display_width(h) <= 30 for h in heads)
    assert fixed.descriptions[0].text == "Call for group tickets to the show!"
    assert fixed.descriptions[1].text == "Ten new songs about the sea. Recorded live in one take, really."
    assert fixed.descriptions[2].text == "Vinyl, CD, Cassette, all signed by Luna"
    assert (fixed.path1, fixed.path2) == ("new-album", "")
    assert fixed.final_url == "https://lunamusic.com/tides"
    assert not [f for f in findings if f.severity == "disapproved"]
    policies = {c.policy for c in changes}
    assert {
        "capitalization",
        "punctuation_and_symbols",
        "repetition",
        "phone_number_in_ad_text",
        "style_and_spelling",
        "unacceptable_spacing",
        "character_limit",
        "destination_requirements",
    } <= policies
    for c in changes:
        assert c.before != c.after


def test_trim_cuts_at_word_boundary_without_dangling_word() -> None:
    fixed, changes, _ = fix_ad(ad("Luna Tickets For The Big Berlin Show And The"), CTX)
    text = fixed.headlines[0].text
    assert display_width(text) <= 30 and not text.lower().endswith((" the", " and", " for"))
    assert "Luna Tickets For The Big Berlin Show And The".startswith(text)
    assert any(c.policy == "character_limit" for c in changes)


def test_brand_terms_are_never_rewritten() -> None:
    fixed, changes, _ = fix_ad(ad("AC/DC LIVE IN BERLIN"), {**CTX, "brand_terms": ["AC/DC"]})
    assert fixed.headlines[0].text == "AC/DC live in Berlin" or fixed.headlines[0].text.startswith("AC/DC")
    assert "AC/DC" in fixed.headlines[0].text


@pytest.mark.parametrize(("policy", "headline", "description"), FAILING)
def test_fix_is_idempotent_and_explains_what_is_left(
    policy: str, headline: str | None, description: str | None
) -> None:
    fixed, _, findings = fix_ad(ad(headline, description), CTX)
    again, changes, findings_again = fix_ad(fixed, CTX)
    assert changes == [] and again == fixed
    assert findings_again == findings
    for f in findings:
        if f.severity == "disapproved":
            assert f.fix and f.fix.startswith("Cannot be fixed automatically"), f
    assert check_ad(fixed, CTX).compliant == (not [f for f in findings if f.severity == "disapproved"])


def test_clean_ad_is_left_alone() -> None:
    fixed, changes, findings = fix_ad(ad(), CTX)
    assert changes == [] and findings == []
    assert [h.text for h in fixed.headlines] == ad()["headlines"]


def test_duplicates_kept_when_dropping_would_go_below_minimum() -> None:
    fixed, _, findings = fix_ad(ad(headlines=["Stream Tides", "stream tides!", "Luna Live"]), CTX)
    assert len(fixed.headlines) == 3
    assert any(
        f.policy == "repetition" and f.fix.startswith("Cannot be fixed automatically") for f in findings
    )
