"""Ad strength counts template reuse the way Google's "more unique headlines" action does: 13
headlines cut from a handful of frames are not an "Excellent" ad, however many there are."""

from __future__ import annotations

from optimizer.strength import ad_strength, template_count

DESCS = [
    "Stream the new album Tides on every platform today.",
    "Ten songs about the sea, recorded live in one take.",
    "Luna on tour this spring: see the dates and book now.",
    "Official vinyl, shirts and posters in the Luna store.",
]
TRACKS = ["Tides", "Harbour Lights", "Salt", "Northern Sea", "Driftwood", "Low Tide", "Lighthouse"]


def _ad(heads: list[str]) -> dict:
    return {
        "headlines": [{"text": h} for h in heads],
        "descriptions": [{"text": d} for d in DESCS],
        "final_url": "https://luna.example.com",
    }


def test_recycled_templates_are_counted():
    recycled = [f"Stream {t} Now" for t in TRACKS] + [f"Hear {t} by Luna" for t in TRACKS[:6]]
    assert template_count(recycled) == 2
    varied = [
        "Luna: The New Album Tides",
        "Ten Songs About the Sea",
        "Recorded Live in One Take",
        "Harbour Lights on Repeat",
        "From Salt to Driftwood",
        "Heard in Oslo and Bergen",
        "Luna Live This Spring",
        "Official Luna Vinyl",
        "Why Not Tonight?",
        "Start With Northern Sea",
        "The Sound of the Harbour",
        "Low Tide, Lighthouse and More",
        "Luna Tour Dates",
    ]
    assert template_count(varied) >= 11


def test_an_ad_of_recycled_templates_is_not_excellent():
    recycled = [f"Stream {t} Now" for t in TRACKS] + [f"Hear {t} by Luna" for t in TRACKS[:6]]
    strength = ad_strength(_ad(recycled), ["luna"])
    assert strength.rating != "Excellent"
    assert any("patterns" in a for a in strength.actions)
