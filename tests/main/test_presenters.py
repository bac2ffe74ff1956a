"""The arithmetic behind the result page."""

from __future__ import annotations

from main.presenters import ad_length, compact, count, safe_url, stage_index, trend_chart
from shared.models.insights import TrendPoint
from shared.pipeline import describe


def test_ad_length_counts_double_width_characters_twice():
    assert ad_length("Daft Punk") == 9
    assert ad_length("宇多田ヒカル") == 12
    assert ad_length("Björk") == 5


def test_count_flags_text_over_the_limit():
    assert str(count("x" * 30, "headline")) == "30/30" and not count("x" * 30, "headline").over
    assert count("x" * 31, "headline").over
    assert count("x" * 91, "description").over
    assert count("ダフト・パンク公式", "path").over  # 9 wide characters = 18 > 15


def test_safe_url_only_links_http_and_https():
    assert safe_url("https://example.com/a") == "https://example.com/a"
    assert safe_url("http://example.com") == "http://example.com"
    for bad in (
        "javascript:alert(1)",
        "JAVASCRIPT:alert(1)",
        "data:text/html,x",
        "//evil.example",
        "",
        None,
        "https://",
    ):
        assert safe_url(bad) is None, bad


def test_compact_numbers():
    assert compact(1_234_567) == "1.2M"
    assert compact(2_000) == "2K"
    assert compact(999) == "999"
    assert compact(None) == "–"


def test_trend_chart_marks_peak_months_or_the_maximum():
    points = [
        TrendPoint(date=f"2025-{m:02d}-01", value=v)
        for m, v in zip(range(1, 6), [10, 80, 30, 100, 20], strict=True)
    ]
    chart = trend_chart(points, ["2025-02"])
    assert chart is not None
    assert [p[2] for p in chart.peaks] == ["2025-02-01"]
    assert len(chart.line.split()) == 5
    # Highest value sits at the top padding, zero would sit on the baseline.
    ys = [float(xy.split(",")[1]) for xy in chart.line.split()]
    assert min(ys) == ys[3]
    fallback = trend_chart(points, [])
    assert fallback is not None and [p[2] for p in fallback.peaks] == ["2025-04-01"]
    assert trend_chart(points[:1], []) is None


def test_stage_index_for_revisions_and_failures():
    table = describe()  # what GET /api/pipeline returns
    assert stage_index(table, "revising", []) == 2
    assert stage_index(table, "failed", ["received", "analyzing", "writing"], "writing") == 2
    assert stage_index(table, "failed", ["received", "analyzing"], "nowhere") == 1
    assert stage_index(table, "failed", ["received", "analyzing", "revising"], "revising") == 2
    assert stage_index(table, "canceled", ["received", "analyzing"], "analyzing") == 1
    assert stage_index(table, "done", []) == 5


def test_trend_chart_fields_are_what_the_template_draws():
    points = [TrendPoint(date="2025-01-01", value=0), TrendPoint(date="2025-02-01", value=50)]
    chart = trend_chart(points, [], width=100, height=50)
    assert chart is not None
    assert (chart.first, chart.last, chart.max_value) == ("2025-01-01", "2025-02-01", 50)
    assert chart.baseline == float(chart.line.split()[0].split(",")[1])  # a zero sits on the baseline
