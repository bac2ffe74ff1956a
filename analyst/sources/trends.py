"""Google Trends: SerpApi's google_trends engine (TIMESERIES, GEO_MAP_0, RELATED_QUERIES at once)
when a SerpApi key is set or in the sandbox; keyless pytrends in live mode otherwise, which Google
answers with 429 often (reported as unavailable, never fatal)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from analyst.sources import serp
from analyst.sources.base import ArtistNotFound, Context
from analyst.sources.registry import Source
from shared.models.insights import Region, RelatedQuery, SourceData, TrendPoint
from shared.resilience import Permanent, Transient

SOURCE = Source(
    "trends",
    "Google Trends",
    serp.SERPAPI,
    order=50,
    identity=False,  # it answers for any words, so it cannot vouch that an artist exists
    backend="serpapi",
    live_fallback="pytrends",
)
TIMEFRAME = "today 12-m"


def fetch(artist: str, ctx: Context) -> SourceData:
    if ctx.mode.backend == "pytrends":
        return _pytrends(artist, ctx)
    base = {"engine": "google_trends", "q": artist, "date": TIMEFRAME}
    got = ctx.parallel(
        {
            "timeseries": lambda: serp.search(ctx, base | {"data_type": "TIMESERIES"}, "stats"),
            "regions": lambda: (
                ctx.optional("regions", lambda: serp.search(ctx, base | {"data_type": "GEO_MAP_0"}, "stats"))
                or {}
            ),
            "related_queries": lambda: (
                ctx.optional(
                    "related_queries",
                    lambda: serp.search(ctx, base | {"data_type": "RELATED_QUERIES"}, "stats"),
                )
                or {}
            ),
        },
        optional=False,
    )
    points = []
    for row in (got["timeseries"].get("interest_over_time") or {}).get("timeline_data", []):
        values = row.get("values") or [{}]
        value = values[0].get("extracted_value")
        if row.get("timestamp") and isinstance(value, int | float):
            day = datetime.fromtimestamp(int(row["timestamp"]), UTC).date().isoformat()
            points.append(TrendPoint(date=day, value=int(value)))
    regions = [
        Region(
            name=str(r.get("location", "")),
            code=r.get("geo"),
            value=float(r.get("extracted_value") or 0),
            source="trends",
        )
        for r in got["regions"].get("interest_by_region", [])
        if r.get("location")
    ]
    rq = got["related_queries"].get("related_queries") or {}
    queries = [
        RelatedQuery(query=str(q["query"]), value=str(q.get("value", "")), kind=kind)  # type: ignore[arg-type]
        for kind in ("rising", "top")
        for q in rq.get(kind, [])
        if q.get("query")
    ]
    if not points and not regions and not queries:
        raise ArtistNotFound([], "no search interest")
    return SourceData(
        name=artist,
        interest_over_time=points,
        regions=regions,
        related_queries=queries,
        extra={"timeframe": TIMEFRAME, "backend": "serpapi"},
    )


def _pytrends(artist: str, ctx: Context) -> SourceData:
    """Keyless fallback (live mode only). Results are cached normalised, as JSON."""

    def op() -> dict[str, Any]:
        from pytrends.exceptions import ResponseError, TooManyRequestsError
        from pytrends.request import TrendReq

        try:
            t = TrendReq(hl="en-US", tz=0, timeout=(ctx.res.timeout, ctx.res.timeout), retries=0)
            t.build_payload([artist], timeframe=TIMEFRAME)
            iot = t.interest_over_time()
            ibr = t.interest_by_region(resolution="COUNTRY", inc_geo_code=True)
            rel = t.related_queries().get(artist) or {}
        except TooManyRequestsError:
            raise Transient("rate_limited", "Google Trends (pytrends) refused: HTTP 429") from None
        except ResponseError as exc:
            raise Permanent("http_error", f"Google Trends (pytrends): {exc}") from None
        except Exception as exc:  # pytrends wraps requests errors inconsistently
            raise Transient("connection", f"Google Trends (pytrends): {type(exc).__name__}") from None
        points = (
            [{"date": str(i.date()), "value": int(v)} for i, v in iot[artist].items()]
            if artist in iot
            else []
        )
        regions = [
            {"name": str(name), "code": str(row.get("geoCode", "")), "value": float(row[artist])}
            for name, row in ibr.sort_values(artist, ascending=False).head(10).iterrows()
            if artist in ibr and row[artist] > 0
        ]
        queries = []
        for kind in ("rising", "top"):
            df = rel.get(kind)
            if df is not None:
                queries += [
                    {"query": str(r["query"]), "value": str(r["value"]), "kind": kind}
                    for _, r in df.iterrows()
                ]
        return {"points": points, "regions": regions, "queries": queries}

    got = ctx.res.cached("stats", f"pytrends:{artist}", op, what="pytrends")
    if not got["points"] and not got["regions"]:
        raise ArtistNotFound([], "no search interest")
    return SourceData(
        name=artist,
        interest_over_time=[TrendPoint(**p) for p in got["points"]],
        regions=[Region(source="trends", **r) for r in got["regions"]],
        related_queries=[RelatedQuery(**q) for q in got["queries"]],
        extra={"timeframe": TIMEFRAME, "backend": "pytrends"},
    )
