"""Every policy with failing and passing examples, including the hard passing cases."""

from __future__ import annotations

import pytest

from shared.policy import check_ad
from tests.optimizer.helpers import ad, policies

CTX = {"brand_terms": ["Luna"], "language": "en", "country": "US"}

# (policy, headline, description) that must be flagged
FAILING = [
    ("capitalization", "FREE Album Stream", None),
    ("capitalization", "NEW ALBUM OUT NOW", None),
    ("capitalization", "Stream The FlOwErS EP", None),
    ("capitalization", "Get F.R.E.E. Merch Today", None),
    ("capitalization", None, "The new album is out NOW on every platform."),
    ("punctuation_and_symbols", "Tickets On Sale Now!", None),
    ("punctuation_and_symbols", None, "Why wait?? Stream the new album today."),
    ("punctuation_and_symbols", None, "Stream it now!!! Ten new songs about the sea."),
    ("punctuation_and_symbols", "New Album 🔥", None),
    ("punctuation_and_symbols", "★ New Single ★", None),
    ("punctuation_and_symbols", "► Stream Now", None),
    ("punctuation_and_symbols", "New Merch 4 U", None),
    ("punctuation_and_symbols", "Stream The New F1owers EP", None),
    ("punctuation_and_symbols", "Fl@wers Out Now", None),
    ("punctuation_and_symbols", "Find The Lowest $", None),
    ("punctuation_and_symbols", "C-L-I-C-K For Tour Dates", None),
    ("punctuation_and_symbols", "*Limited* Vinyl Pressing", None),
    ("punctuation_and_symbols", "See U At The Show", None),
    ("punctuation_and_symbols", "Luna Live @ The Forum", None),
    ("punctuation_and_symbols", None, "Great news! New album out. Stream it today!"),
    ("punctuation_and_symbols", "Tour ｶﾀｶﾅ", None),
    ("unacceptable_spacing", "Sale,buy tickets", None),
    ("unacceptable_spacing", "Stream  The Album", None),
    ("unacceptable_spacing", " Stream The Album", None),
    ("unacceptable_spacing", "Stream It F r e e", None),
    ("unacceptable_spacing", None, "Out now .Stream the new album."),
    ("repetition", "Tour Tour Tour", None),
    ("repetition", None, "Deals, deals, deals on the new vinyl edition."),
    ("repetition", "stream tides today!", None),
    ("phone_number_in_ad_text", None, "Call 555-123-4567 for group tickets to the show."),
    ("phone_number_in_ad_text", "Call +44 20 7946 0958", None),
    ("phone_number_in_ad_text", None, "Order by phone: 1-800-FLOWERS, open every day."),
    ("phone_number_in_ad_text", None, "Tickets hotline (555) 123 4567, call us today."),
    ("style_and_spelling", "Click Here For Tickets", None),
    ("style_and_spelling", None, "Visit this site to hear the new album."),
    ("style_and_spelling", None, "1) Vinyl 2) CD 3) Cassette, all signed."),
    ("style_and_spelling", "Tickets For The", None),
    ("style_and_spelling", None, "Stream the new album and..."),
    ("style_and_spelling", None, "The new album is availible on every platform."),
    ("misuse_of_ad_features", "Stream {keyword} Now", None),
    ("misuse_of_ad_features", "{KeyWord} Tickets", None),
    ("misuse_of_ad_features", None, "See {lpurl} for the tour dates and the new album."),
    ("misuse_of_ad_features", None, "Click to win a signed copy of the new album."),
    ("destination_requirements", None, "Stream it on spotify.com today, ten new songs."),
    ("copyrights", "Free Album Download", None),
    ("copyrights", "Free Tides MP3 Download", None),  # (an MP3 download alone may be your own)
    ("copyrights", None, "Get the full album torrent and all the bonus tracks."),
    ("counterfeit_goods", "Replica Tour Jerseys", None),
    ("counterfeit_goods", None, "Cheap fake band merch shipped worldwide in two days."),
    ("counterfeit_goods", "Knock-off Luna Hoodies", None),
    ("misrepresentation", "The #1 Band In Texas", None),
    ("misrepresentation", "Best Live Show Ever", None),
    ("misrepresentation", None, "You won't believe this new single from the band."),
    ("trademarks", "Stream Luna On Spotify", None),
    ("trademarks", None, "Fans of Taylor Swift will love the new album Tides."),
    ("trademarks", None, "Get tickets on Ticketmaster for the Berlin show."),
    ("gambling_and_games", "Win Tickets To The Show", None),
    ("gambling_and_games", None, "Enter our giveaway for a signed copy of the album."),
    ("event_ticket_sales", "Luna Tickets On Sale", None),
    ("character_limit", "Luna New Album Out Now On Every Platform", None),
    ("character_limit", "ルナの新しいアルバムが今すぐ配信中です", None),
    ("character_limit", "{KeyWord:Luna New Album Stream It Today Now}", None),
]

# Hard passing cases: each must not raise the named policy (nor any disapproval).
PASSING = [
    ("capitalization", "ABBA Tribute Night", None, {"brand_terms": ["ABBA"]}),
    ("capitalization", "AC/DC Live In Berlin", None, {"brand_terms": ["AC/DC"]}),
    ("capitalization", "New EP And LP Out Now", None, {}),
    ("capitalization", "VIP Packages In NYC", None, {}),
    ("capitalization", "Stream On YouTube Music", None, {}),
    ("capitalization", "McCartney Covers Night", None, {}),
    ("capitalization", "Vol. II Out Now", None, {}),
    ("capitalization", "DJs And MCs Welcome", None, {}),
    ("punctuation_and_symbols", "P!nk Live In Berlin", None, {"brand_terms": ["P!nk"]}),
    ("punctuation_and_symbols", "Ke$ha New Single", None, {"brand_terms": ["Ke$ha"]}),
    ("punctuation_and_symbols", "Stream 24/7", None, {}),
    ("punctuation_and_symbols", "1st Edition Vinyl", None, {}),
    ("punctuation_and_symbols", None, "Buy 1, get 1 half off on all tour posters this week.", {}),
    ("punctuation_and_symbols", "U2 Tribute Night", None, {"brand_terms": ["U2"]}),
    ("punctuation_and_symbols", "Blink-182 Live", None, {"brand_terms": ["Blink-182"]}),
    ("punctuation_and_symbols", "Vinyl From $25", None, {}),
    ("punctuation_and_symbols", "Shows At 8pm", None, {}),
    ("punctuation_and_symbols", "Rated 5* By Fans", None, {}),
    ("punctuation_and_symbols", "Best Of The 90s", None, {}),
    ("punctuation_and_symbols", None, "Doors at 7:30 pm. Tickets from $25, all ages welcome!", {}),
    ("punctuation_and_symbols", "Hi-Fi Vinyl In 4K Video", None, {}),
    ("punctuation_and_symbols", "MØ Live In Copenhagen", None, {"brand_terms": ["MØ"]}),
    ("unacceptable_spacing", None, "Doors 7:30 pm, show 8:45 pm. Tickets from $25.50 each.", {}),
    ("unacceptable_spacing", None, "Visit lunamusic.com for the tour dates and the new album.", {}),
    ("unacceptable_spacing", None, "Nouvel album disponible !", {"language": "fr"}),
    ("repetition", "Bye Bye Bye Tribute", None, {"brand_terms": ["Bye Bye Bye"]}),
    ("phone_number_in_ad_text", None, "Tour 2025-2026 across 40 cities and 1,000,000 streams.", {}),
    ("phone_number_in_ad_text", None, "Out on 12.05.2026 with a 1 000 000 stream launch.", {}),
    ("style_and_spelling", "Sign Up For Updates", None, {}),
    ("style_and_spelling", "Luna Tour Dates", None, {}),
    ("style_and_spelling", None, "1. Platz in den Charts: das neue Album jetzt hören.", {"language": "de"}),
    ("misuse_of_ad_features", "{KeyWord:Luna Tickets}", None, {}),
    ("misuse_of_ad_features", "{CUSTOMIZER.city:Berlin} Shows", None, {}),
    ("destination_requirements", None, "Visit lunamusic.com for the tour dates and the new album.", {}),
    ("destination_requirements", None, "Find the shop at store.lunamusic.com for new vinyl.", {}),
    ("copyrights", "Download The New Album", None, {}),
    ("copyrights", "Stream Free On All Platforms", None, {}),
    ("counterfeit_goods", "Faux Leather Tour Jackets", None, {}),
    ("counterfeit_goods", "Official Luna Merch", None, {}),
    ("misrepresentation", "Billboard Top 10 Debut", None, {}),
    ("misrepresentation", "1st Edition Vinyl", None, {}),
    ("trademarks", "Live In Chicago And Boston", None, {}),
    ("trademarks", "Limited Pink Vinyl", None, {}),
    ("trademarks", "Luna Official Site", None, {}),
    ("gambling_and_games", "Grammy-winning Songwriter", None, {}),
    ("event_ticket_sales", "Luna New Album Out Now", None, {}),
    ("character_limit", "新专辑现已上线", None, {"language": "zh"}),
    ("character_limit", "Écoutez Le Nouvel Album", None, {"language": "fr"}),
    ("character_limit", "{KeyWord:Luna Tickets} Today", None, {}),
]


@pytest.mark.parametrize(("policy", "headline", "description"), FAILING)
def test_failing_example_is_flagged(policy: str, headline: str | None, description: str | None) -> None:
    report = check_ad(ad(headline, description), CTX)
    assert policy in policies(report), [f.model_dump() for f in report.findings]
    severity = {f.policy: f.severity for f in report.findings}[policy]
    assert report.compliant is (severity != "disapproved" and not policies(report, "disapproved"))


@pytest.mark.parametrize(("policy", "headline", "description", "extra"), PASSING)
def test_passing_example_is_clean(
    policy: str, headline: str | None, description: str | None, extra: dict
) -> None:
    ctx = {**CTX, **extra, "brand_terms": CTX["brand_terms"] + extra.get("brand_terms", [])}
    report = check_ad(ad(headline, description), ctx)
    assert policy not in policies(report), [f.model_dump() for f in report.findings]
    assert report.compliant, [f.model_dump() for f in report.findings]


def test_plain_ad_has_no_finding_at_all() -> None:
    report = check_ad(ad(), CTX)
    assert report.compliant and report.findings == []


def test_empty_language_and_country_mean_the_defaults():
    from shared.models import AdInput
    from shared.policy import check_ad

    ad = AdInput(
        headlines=["Listen to Air", "The New Album", "Stream It Today"],
        descriptions=["Hear the new album from Air.", "Out now on every platform."],
        final_url="https://air.example.org/",
    )
    assert check_ad(ad, {"language": "", "country": None}) == check_ad(ad, {})
