"""Merging the sources' reports into insights a marketer can act on, and `build_insights`, which
runs the sources concurrently (threads) for POST /api/insights and `bandcrew insights`."""

from __future__ import annotations

from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from datetime import date

from analyst.matching import normalise
from analyst.sources import registry
from analyst.sources.base import run_source
from shared.brand import fold
from shared.models.insights import (
    Event,
    Figure,
    Insights,
    Opportunity,
    Positioning,
    Profile,
    Region,
    Release,
    SimilarArtist,
    SourceReport,
    Track,
)
from shared.policy.ad_format import keyword_fits


def _order(ok: dict[str, SourceReport]) -> list[str]:
    """The answering sources in the registry's merge order: whose spelling and figures win."""
    rank = {name: i for i, name in enumerate(registry.names())}
    return sorted(ok, key=lambda s: (rank.get(s, len(rank)), s))


def _identity(name: str) -> bool:
    try:
        return registry.get(name).identity
    except KeyError:
        return False


def _provides(name: str) -> tuple[str, ...]:
    try:
        return registry.get(name).provides
    except KeyError:
        return ()


def _first(ok: dict[str, SourceReport], attribute: str) -> SourceReport | None:
    """The first answering source, in merge order, whose data has `attribute`."""
    return next((ok[s] for s in _order(ok) if getattr(ok[s].data, attribute)), None)


def missing_report(source: str, reason: str) -> SourceReport:
    return SourceReport(source=source, status="error", provenance="missing", reason=reason)


def _fmt(n: float | int | None) -> str:
    if n is None:
        return "?"
    for div, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if abs(n) >= div:
            return f"{n / div:.1f}".rstrip("0").rstrip(".") + suffix
    return str(int(n))


def _profile(artist: str, ok: dict[str, SourceReport]) -> Profile:
    name = next((ok[s].data.name for s in _order(ok) if _identity(s) and ok[s].data.name), artist)
    prof = Profile(name=name)
    for s, rep in ok.items():
        d = rep.data
        if d.id:
            prof.ids[s] = d.id
        if d.link:
            prof.links[s] = d.link
        if d.fans is not None:
            prof.fans[s] = Figure(value=d.fans, source=s, provenance=rep.provenance)
        prof.image = prof.image or d.image
    prof.genres = _genres(ok)
    return prof


def _genres(ok: dict[str, SourceReport]) -> list[str]:
    votes: dict[str, list[str]] = defaultdict(list)
    spelled: dict[str, str] = {}
    for s, rep in ok.items():
        for g in rep.data.genres:
            k = normalise(g)
            spelled.setdefault(k, g)
            if s not in votes[k]:
                votes[k].append(s)
    return [spelled[k] for k in sorted(votes, key=lambda k: -len(votes[k]))][:8]


def _similar(ok: dict[str, SourceReport], artist_key: str) -> list[SimilarArtist]:
    seen: dict[str, SimilarArtist] = {}
    position: dict[str, float] = defaultdict(float)
    rank = {s: i for i, s in enumerate(_order(ok))}
    for s in _order(ok):
        rep = ok[s]
        for i, r in enumerate(rep.data.related):
            k = normalise(r.name)
            if not k or k == artist_key:
                continue
            sim = seen.setdefault(k, SimilarArtist(name=r.name, sources=[], agreement=0))
            if s not in sim.sources:
                sim.sources.append(s)
                sim.agreement = len(sim.sources)
                position[k] += i
            if r.fans is not None and (sim.fans is None or rank[s] < rank.get(sim.fans.source, len(rank))):
                sim.fans = Figure(value=r.fans, source=s, provenance=rep.provenance)
    # Most sources agreeing first; then the ones each source lists earliest.
    return sorted(seen.values(), key=lambda a: (-a.agreement, position[normalise(a.name)] / a.agreement))[:20]


def _tracks(ok: dict[str, SourceReport]) -> list[Track]:
    out: list[Track] = []
    keys: set[str] = set()
    for s in _order(ok):
        for t in ok[s].data.top_tracks:
            if normalise(t.title) not in keys:
                keys.add(normalise(t.title))
                out.append(t)
    return out[:10]


def _latest(ok: dict[str, SourceReport]) -> Release | None:
    releases = [r for rep in ok.values() for r in rep.data.releases if r.release_date]
    return max(releases, key=lambda r: r.release_date or "", default=None)


STATUS_RANK = {"unknown": 0, "not_yet": 1, "on_sale": 2, "sold_out": 3, "cancelled": 4}


def _events(ok: dict[str, SourceReport]) -> list[Event]:
    """Upcoming shows from every tour-dates source, one per (date, city), soonest first. Where two
    sources list the same show, the first source's record wins and the other fills its gaps (a
    ticket page, a venue); the more definite on-sale status wins (sold out over on sale over unknown)."""
    today = date.today().isoformat()
    shows: dict[tuple[str, str], Event] = {}
    for source in [s for s in _order(ok) if "events" in _provides(s)]:
        for ev in ok[source].data.events:
            if ev.date < today or ev.on_sale == "cancelled":
                continue
            k = (ev.date, fold(ev.city))
            have = shows.get(k)
            if have is None:
                shows[k] = ev.model_copy()
                continue
            for attr in ("ticket_url", "venue", "country", "region", "time", "on_sale_date"):
                if getattr(have, attr) is None and getattr(ev, attr) is not None:
                    setattr(have, attr, getattr(ev, attr))
            if STATUS_RANK[ev.on_sale] > STATUS_RANK[have.on_sale]:
                have.on_sale = ev.on_sale
    return sorted(shows.values(), key=lambda e: (e.date, e.time or "", e.city))


def _regions(ok: dict[str, SourceReport]) -> list[Region]:
    # Each source's top ten: their figures (search interest, listeners) do not compare across sources.
    return [r for s in _order(ok) for r in sorted(ok[s].data.regions, key=lambda r: -(r.value or 0))[:10]]


def _peak_months(ok: dict[str, SourceReport]) -> list[str]:
    trend = _first(ok, "interest_over_time")
    if trend is None:
        return []
    months: dict[str, list[int]] = defaultdict(list)
    for p in trend.data.interest_over_time:
        months[p.date[:7]].append(p.value)
    avg = {m: sum(v) / len(v) for m, v in months.items() if v}
    return sorted(avg, key=lambda m: -avg[m])[:3]


def _positioning(name: str, ok: dict[str, SourceReport], similar: list[SimilarArtist]) -> list[Positioning]:
    """Fan counts side by side, on one platform so the figures compare (Deezer, else Spotify)."""
    platform = next(
        (s for s in _order(ok) if ok[s].data.fans is not None and registry.get(s).fans == "fans"), None
    )
    if platform is None:
        return []
    rep = ok[platform]
    rows = [
        Positioning(
            name=name,
            fans=Figure(value=rep.data.fans or 0, source=platform, provenance=rep.provenance),
            is_artist=True,
        )
    ]
    rows += [Positioning(name=a.name, fans=a.fans) for a in similar if a.fans and a.fans.source == platform][
        :8
    ]
    return sorted(rows, key=lambda p: -(p.fans.value if p.fans else 0))


def _keywords(ins: Insights) -> list[str]:
    name = (ins.profile.name if ins.profile else ins.artist).lower()
    seeds = [name, f"{name} tickets", f"{name} tour", f"{name} new album"]
    if ins.latest_release:
        seeds.append(f"{name} {ins.latest_release.title}".lower())
    seeds += [f"{name} {t.title}".lower() for t in ins.top_tracks[:3]]
    seeds += [q.query.lower() for q in ins.related_queries if q.kind == "rising"][:4]
    seeds += [f"{g} music".lower() for g in ins.genres[:2]]
    seeds += [a.name.lower() for a in ins.similar_artists[:5]]
    out = []
    for s in seeds:
        s = " ".join(s.split())
        if keyword_fits(s) and s not in out:
            out.append(s)
    return out[:25]


def _opportunities(ins: Insights) -> list[Opportunity]:
    ops: list[Opportunity] = []
    breakout = [q for q in ins.related_queries if q.kind == "rising"]
    if breakout:
        q = breakout[0]
        ops.append(
            Opportunity(
                title=f"Bid on the rising search '{q.query}'",
                detail="Searches around the artist are climbing; exact-match keywords capture them cheaply.",
                evidence=[f"Google Trends rising query '{r.query}': {r.value}" for r in breakout[:3]],
            )
        )
    if ins.latest_release and ins.latest_release.release_date:
        try:
            age = (date.today() - date.fromisoformat(ins.latest_release.release_date[:10])).days
        except ValueError:
            age = 9999
        if age <= 120:
            ops.append(
                Opportunity(
                    title=f"Push the new release '{ins.latest_release.title}'",
                    detail="A release under four months old is what searchers look for first.",
                    evidence=[
                        f"released {ins.latest_release.release_date} ({age} days ago, "
                        f"{ins.latest_release.source})"
                    ],
                )
            )
    countries = [r for r in ins.audience_regions if r.kind == "country"]
    if countries:
        top = countries[:3]
        ops.append(
            Opportunity(
                title=f"Start with {top[0].name}",
                detail="Concentrate the budget where interest and listeners already are.",
                evidence=[f"{r.name}: {_fmt(r.value)} ({r.source})" for r in top],
            )
        )
    if ins.peak_months:
        ops.append(
            Opportunity(
                title=f"Raise budgets around {ins.peak_months[0]}",
                detail="Interest peaks in the same months; schedule the push before the peak.",
                evidence=[f"Google Trends peak months: {', '.join(ins.peak_months)}"],
            )
        )
    bigger = [p for p in ins.positioning if not p.is_artist and p.fans][:3]
    agreed = [a for a in ins.similar_artists if a.agreement >= 2][:3] or ins.similar_artists[:3]
    if agreed:
        ops.append(
            Opportunity(
                title=f"Target fans of {', '.join(a.name for a in agreed)}",
                detail="Similar-artist keywords reach listeners who already like this sound.",
                evidence=[
                    f"{a.name}: listed by {a.agreement} source(s) ({', '.join(a.sources)})"
                    + (f", {_fmt(a.fans.value)} fans" if a.fans else "")
                    for a in agreed
                ]
                + [f"{p.name} has {_fmt(p.fans.value if p.fans else None)} fans" for p in bigger],
            )
        )
    yt = ins.youtube
    if yt and yt.top_videos:
        v = yt.top_videos[0]
        ops.append(
            Opportunity(
                title="Run YouTube ads next to the top video",
                detail="The most-viewed video is proven creative for in-stream placements.",
                evidence=[f"'{v.title}': {_fmt(v.views)} views"]
                + (
                    [f"channel {yt.channel_name}: {_fmt(yt.subscribers)} subscribers"]
                    if yt.subscribers
                    else []
                ),
            )
        )
    elif any(r.status == "not_found" and "youtube" in _provides(s) for s, r in ins.sources.items()):
        ops.append(
            Opportunity(
                title="Claim an official YouTube channel",
                detail="No official channel was found; video campaigns need one.",
                evidence=["YouTube search found no channel named like the artist"],
            )
        )
    return ops[:6]


def merge(artist: str, reports: dict[str, SourceReport]) -> Insights:
    """Reports (any subset, any outcome) -> Insights. Every source appears in `sources`."""
    reports = dict(reports)
    ok = {s: r for s, r in reports.items() if r.status == "ok"}
    candidates: list[str] = []
    for r in reports.values():
        candidates += [c for c in r.candidates if c not in candidates]
    identity = {s: r for s, r in ok.items() if _identity(s)}
    # Trends answers for any words, so it cannot vouch for an artist when the catalogs said "no such artist".
    catalogs_answered = any(r.status in ("ok", "not_found") for s, r in reports.items() if _identity(s))
    found = bool(identity) if catalogs_answered else bool(ok)
    ins = Insights(artist=artist, found=found, candidates=[] if found else candidates[:8], sources=reports)
    if not ins.found:
        return ins
    ins.profile = _profile(artist, ok)
    ins.genres = ins.profile.genres
    ins.similar_artists = _similar(ok, normalise(ins.profile.name))
    ins.top_tracks = _tracks(ok)
    ins.latest_release = _latest(ok)
    ins.audience_regions = _regions(ok)
    trend = _first(ok, "interest_over_time")
    if trend is not None:
        ins.interest_over_time = trend.data.interest_over_time
        ins.related_queries = trend.data.related_queries
    ins.peak_months = _peak_months(ok)
    video = _first(ok, "youtube")
    ins.youtube = video.data.youtube if video else None
    ins.events = _events(ok)
    ins.positioning = _positioning(ins.profile.name, ok, ins.similar_artists)
    ins.keyword_seeds = _keywords(ins)
    ins.opportunities = _opportunities(ins)
    return ins


def collect(artist: str, sources: list[str] | None = None) -> dict[str, SourceReport]:
    known = registry.names()
    names = [s for s in (sources or list(known)) if s in known]
    with ThreadPoolExecutor(max_workers=max(1, len(names)), thread_name_prefix="source") as pool:
        futures = {s: pool.submit(run_source, s, artist) for s in names}
        return {s: f.result() for s, f in futures.items()}


def build_insights(artist: str, sources: list[str] | None = None) -> Insights:
    """Run the sources at once (threads) and merge: the stage costs the slowest source, not the sum."""
    return merge(artist.strip(), collect(artist.strip(), sources))


def summary(source: str, rep: SourceReport) -> str:
    """One human line with figures, for progress events."""
    label, d = registry.labels().get(source, source), rep.data
    if rep.status == "not_configured":
        return f"{label}: not configured ({rep.reason})"
    if rep.status == "not_found":
        near = f" (closest: {', '.join(rep.candidates[:3])})" if rep.candidates else ""
        return f"{label}: artist not found{near}"
    if rep.status != "ok":
        return f"{label}: unavailable — {rep.reason}"
    bits = []
    if d.fans is not None:
        unit = registry.get(source).fans if source in registry.names() else "fans"
        bits.append(f"{_fmt(d.fans)} {unit}")
    if d.related:
        bits.append(f"{len(d.related)} related artists")
    if d.top_tracks:
        bits.append(f"{len(d.top_tracks)} top tracks")
    if d.interest_over_time:
        bits.append(f"{len(d.interest_over_time)} weeks of interest")
    if d.related_queries:
        bits.append(f"{len(d.related_queries)} related queries")
    if d.youtube and d.youtube.top_videos:
        bits.append(f"{len(d.youtube.top_videos)} top videos")
    if "events" in _provides(source):
        cities = list(dict.fromkeys(e.city for e in d.events))
        bits.append(
            f"{len(d.events)} upcoming shows ({', '.join(cities[:4])}{'…' if len(cities) > 4 else ''})"
            if d.events
            else "no upcoming shows"
        )
    if d.unavailable:
        bits.append(f"not available: {', '.join(sorted(d.unavailable))}")
    where = " (cache)" if rep.cached else ""
    return f"{label}{where}: " + (", ".join(bits) or "answered")
