"""The fault spec parser and picker that every sandbox blueprint relies on."""

from __future__ import annotations

import pytest

from sandbox import faults


@pytest.fixture(autouse=True)
def _clean():
    faults.reset()
    yield
    faults.reset()


def test_parse_full_spec():
    parsed = faults.parse(
        "deezer:quota:0.3,spotify:403, serpapi:timeout ,openai:invalid_json:1:1,spotify:429_60"
    )
    assert [(f.api, f.kind, f.probability, f.times) for f in parsed] == [
        ("deezer", "quota", 0.3, None),
        ("spotify", "403", 1.0, None),
        ("serpapi", "timeout", 1.0, None),
        ("openai", "invalid_json", 1.0, 1),
        ("spotify", "429_60", 1.0, None),
    ]


@pytest.mark.parametrize(
    "spec, word",
    [
        ("myspace:quota", "unknown api"),
        ("deezer:explode", "unknown kind"),
        ("deezer", "expected"),
        ("deezer:quota:2", "between 0 and 1"),
        ("deezer:quota:x", "number"),
    ],
)
def test_parse_rejects_bad_items(spec, word):
    with pytest.raises(faults.FaultSpecError, match=word):
        faults.parse(spec)


def test_times_caps_injections_and_other_apis_are_untouched():
    faults.configure("openai:invalid_json:1:2")
    assert [faults.pick("openai") for _ in range(4)] == ["invalid_json", "invalid_json", None, None]
    assert faults.pick("deezer") is None


def test_probability_injects_a_fraction():
    faults.configure("deezer:quota:0.3")
    hits = sum(faults.pick("deezer") == "quota" for _ in range(1000))
    assert 200 < hits < 400


def test_bad_config_keeps_the_previous_one():
    faults.configure("spotify:403", latency_ms=20)
    with pytest.raises(faults.FaultSpecError):
        faults.configure("spotify:nope")
    assert faults.config() == {"faults": "spotify:403:1", "latency_ms": 20}
