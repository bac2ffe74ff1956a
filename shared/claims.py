"""The claims ledger: every factual claim an ad's text makes, and the field of the request, the brief
or the insights that backs it. Pure, no I/O.

`extract` finds claims in a text (per-language patterns in `shared/claim_patterns.py`, places from
`shared/places.py`, dates); `Evidence` is what a campaign may claim; `ledger` verifies an ad's claims
against it; `audit` removes every asset whose claim nothing backs (an ad left with too few assets is
dropped) and records the ledger on each ad. MARKETING audits every writer's output; the OPTIMIZER
audits again after its fixes; the campaigns bench counts what is left unsupported (target 0).

Claims (see `shared.models.ads.ClaimKind`): a show, tour or concert (needs an upcoming event); a city
or country (a show there, or, outside a live context, the research's audience regions); a venue; a
date, weekday, month or year (a show's or the release's); tickets on sale (a show on sale, or the
ticket page the ad lands on); scarcity (the brief says so, or a show is sold out); buying (the ad
lands on the store); formats such as vinyl or apparel (the brief or the request names them; generic
"merch" is backed by the merch page); "official" (the ad lands on the artist's own domain); release
status (out now / new / coming / pre-save: `shared.release_status`, one per campaign).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from shared import brand, landing, places
from shared.claim_patterns import LIVE_CONTEXT, MONTHS, PATTERNS, RELATIVE, WEEKDAYS
from shared.models import CampaignRequest, Claim, Event, Insights, ResponsiveSearchAd
from shared.policy.ad_format import MIN_DESCRIPTIONS, MIN_HEADLINES
from shared.release_status import ReleaseStatus, release_status

LANGS = tuple(PATTERNS)


@dataclass(frozen=True)
class Found:
    kind: str
    value: str
    text: str  # the words as written in the asset
    start: int = 0


# ---------------------------------------------------------------- extraction


def _fold_map(text: str) -> tuple[str, list[int]]:
    """Folded text and, for each folded character, the index of the original character it came from."""
    out: list[str] = []
    idx: list[int] = []
    for i, ch in enumerate(text):
        f = brand.fold(ch)
        out.append(f)
        idx.extend([i] * len(f))
    return "".join(out), idx


@lru_cache(maxsize=16)
def _compiled(lang: str) -> list[tuple[str, str, re.Pattern[str]]]:
    langs = [lang] + (["en"] if lang != "en" else [])
    out = []
    for lg in langs:
        for kind, value, pat in PATTERNS.get(lg, []):
            out.append((kind, value, re.compile(r"(?<![\w-])(?:" + pat + r")(?![\w-])")))
    return out


@lru_cache(maxsize=16)
def _date_patterns(lang: str) -> list[tuple[str, re.Pattern[str]]]:
    """(shape, pattern): day-month(-year), month-day(-year), month-year, numeric, iso, weekday, year."""
    langs = [lang] + (["en"] if lang != "en" else [])
    month_alt = "|".join(
        sorted({re.escape(n) for lg in langs for names in MONTHS[lg] for n in names}, key=len, reverse=True)
    )
    day_alt = "|".join(
        sorted({re.escape(n) for lg in langs for names in WEEKDAYS[lg] for n in names}, key=len, reverse=True)
    )
    b, e = r"(?<![\w])", r"(?![\w])"
    return [
        ("iso", re.compile(b + r"(\d{4})-(\d{2})-(\d{2})" + e)),
        (
            "dmy",
            re.compile(
                b
                + r"(\d{1,2})(?:st|nd|rd|th|er|º|o)?\.? (?:de )?("
                + month_alt
                + r")\.?(?:,? (?:de )?(\d{4}))?"
                + e
            ),
        ),
        ("mdy", re.compile(b + r"(" + month_alt + r")\.? (\d{1,2})(?:st|nd|rd|th)?(?:,? (\d{4}))?" + e)),
        ("my", re.compile(b + r"(" + month_alt + r")\.? (?:de )?(\d{4})" + e)),
        ("numeric", re.compile(b + r"(\d{1,2})[./](\d{1,2})(?:[./](\d{2,4}))?" + e)),
        ("weekday", re.compile(b + r"(" + day_alt + r")" + e)),
        ("year", re.compile(b + r"(20\d\d)" + e)),
        ("relative", re.compile(b + r"(" + "|".join(RELATIVE[lg] for lg in langs) + r")" + e)),
    ]


def _month_number(name: str, lang: str) -> int | None:
    for lg in [lang, "en"]:
        for i, names in enumerate(MONTHS[lg]):
            if name in names:
                return i + 1
    return None


def _weekday_number(name: str, lang: str) -> int | None:
    for lg in [lang, "en"]:
        for i, names in enumerate(WEEKDAYS[lg]):
            if name in names:
                return i
    return None


def _dates(folded: str, lang: str) -> list[tuple[int, int, str]]:
    """(start, end, value) of date claims: "2026-12-03", "md:12-03", "ym:2026-12", "weekday:4",
    "year:2026", "relative:tonight". Longer shapes win over the parts inside them."""
    out: list[tuple[int, int, str]] = []
    taken: list[tuple[int, int]] = []

    def add(m: re.Match[str], value: str | None) -> None:
        if value and not any(m.start() < e and s < m.end() for s, e in taken):
            taken.append((m.start(), m.end()))
            out.append((m.start(), m.end(), value))

    for shape, pat in _date_patterns(lang):
        for m in pat.finditer(folded):
            g = m.groups()
            value: str | None = None
            if shape == "iso":
                value = f"{g[0]}-{g[1]}-{g[2]}"
            elif shape in ("dmy", "mdy"):
                day, month, year = (g[0], g[1], g[2]) if shape == "dmy" else (g[1], g[0], g[2])
                mn = _month_number(month, lang)
                if mn and 1 <= int(day) <= 31:
                    value = f"{year}-{mn:02d}-{int(day):02d}" if year else f"md:{mn:02d}-{int(day):02d}"
            elif shape == "my":
                mn = _month_number(g[0], lang)
                value = f"ym:{g[1]}-{mn:02d}" if mn else None
            elif shape == "numeric":
                # Day first everywhere but en-US; only shapes that can be a calendar date count.
                # Day first in most of the world, month first in the US: when both read as a
                # date, either may be meant ("mdx": month-day or day-month).
                a, b_ = int(g[0]), int(g[1])
                year = g[2] if g[2] and len(g[2]) == 4 else (f"20{g[2]}" if g[2] else None)
                if a <= 12 and b_ <= 12:
                    value = f"mdx:{a:02d}-{b_:02d}" + (f":{year}" if year else "")
                elif 1 <= a <= 31 and 1 <= b_ <= 12:
                    value = f"{year}-{b_:02d}-{a:02d}" if year else f"md:{b_:02d}-{a:02d}"
                elif 1 <= a <= 12 and 1 <= b_ <= 31:
                    value = f"{year}-{a:02d}-{b_:02d}" if year else f"md:{a:02d}-{b_:02d}"
            elif shape == "weekday":
                wd = _weekday_number(g[0], lang)
                value = f"weekday:{wd}" if wd is not None else None
            elif shape == "year":
                value = f"year:{g[0]}"
            else:
                value = f"relative:{g[0]}"
            add(m, value)
    return out


def _masked(text: str, exclude: Iterable[str]) -> str:
    """The text with names that are not claims (the artist, the release, tracks, similar artists)
    blanked out, so "Chicago" the band is not a city and a track called "Live Forever" not a show."""
    chars = list(text)
    for s, e in brand.spans(text, exclude):
        for i in range(s, e):
            chars[i] = " " if not chars[i].isspace() else chars[i]
    return "".join(chars)


def extract(
    text: str, lang: str = "en", exclude: Iterable[str] = (), places_extra: dict[str, str] | None = None
) -> list[Found]:
    """Every claim in `text`: (kind, value, the words as written)."""
    lang = lang if lang in LANGS else "en"
    masked = _masked(text, exclude)
    folded, idx = _fold_map(masked)
    out: list[Found] = []

    def orig(s: int, e: int) -> str:
        if not idx or s >= len(idx):
            return folded[s:e]
        return text[idx[s] : idx[min(e, len(idx)) - 1] + 1]

    # Overlapping phrases: the longest wins ("tickets jetzt erhaltlich" is about tickets, not about a
    # release being out; "en concert" is one claim, not two).
    matches = [
        (m.start(), m.end(), kind, value)
        for kind, value, pat in _compiled(lang)
        for m in pat.finditer(folded)
        if m.group(0).strip()
    ]
    taken: list[tuple[int, int]] = []
    for s, e, kind, value in sorted(matches, key=lambda t: (t[0] - t[1], t[0])):
        if not any(s < te and ts < e for ts, te in taken):
            taken.append((s, e))
            out.append(Found(kind, value, orig(s, e), s))
    for s, e, value in _dates(folded, lang):
        out.append(Found("date", value, orig(s, e), s))
    for s, e, _name, pid in places.find(folded, places_extra):
        out.append(Found("venue" if pid.startswith("venue:") else "city", pid, orig(s, e), s))
    # One claim per (kind, value, words).
    seen: set[tuple[str, str, str]] = set()
    unique = []
    for f in sorted(out, key=lambda f: f.start):
        k = (f.kind, f.value, f.text.casefold())
        if k not in seen:
            seen.add(k)
            unique.append(f)
    return unique


# ---------------------------------------------------------------- evidence


@dataclass
class Evidence:
    """What one ad group may claim. Build it with `evidence()`."""

    request: CampaignRequest
    insights: Insights | None
    language: str
    final_url: str | None
    goal: str
    events: list[tuple[int, Event]]  # the shows this group may speak of (index in insights.events)
    release: ReleaseStatus
    exclude: list[str]  # names that are not claims
    places_extra: dict[str, str] = field(default_factory=dict)  # folded place name -> id
    brief: dict[str, str] = field(default_factory=dict)  # field -> folded text


def _place_key(name: str) -> str:
    return places.place_id(name) or "name:" + brand.fold(name)


def evidence(
    request: CampaignRequest,
    insights: Insights | None,
    *,
    final_url: str | None,
    goal: str = "streams",
    events: Iterable[tuple[int, Event]] | None = None,
    language: str | None = None,
) -> Evidence:
    found = insights if insights and insights.found else None
    all_events = list(enumerate(found.events)) if found else []
    scope = list(events) if events is not None else all_events
    exclude = brand.brand_terms(request.artist, request.release)
    if found:
        if found.profile:
            exclude.append(found.profile.name)
        if found.latest_release:
            exclude.append(found.latest_release.title)
        exclude += [t.title for t in found.top_tracks] + [a.name for a in found.similar_artists]
    extra: dict[str, str] = {}
    if found:
        for _, ev in all_events:
            extra[brand.fold(ev.city)] = _place_key(ev.city)
            if ev.venue:
                extra[brand.fold(ev.venue)] = "venue:" + brand.fold(ev.venue)
        for r in found.audience_regions:
            extra.setdefault(brand.fold(r.name), _place_key(r.name))
    # A place that is also a name we must not read (the band Chicago) is not a place here.
    for term in exclude:
        extra.pop(brand.fold(term), None)
    brief = {k: brand.fold(v) for k, v in (request.brief.model_dump() if request.brief else {}).items() if v}
    return Evidence(
        request=request,
        insights=found,
        language=language or request.languages[0],
        final_url=final_url,
        goal=goal,
        events=scope,
        release=release_status(request, insights),
        exclude=[t for t in dict.fromkeys(exclude) if t],
        places_extra=extra,
        brief=brief,
    )


# ---------------------------------------------------------------- verification


def brief_backs(kind: str, value: str, ev: Evidence) -> str | None:
    """The brief field that says the same thing (any language's words for it), if any."""
    pats = [
        re.compile(r"(?<![\w-])(?:" + p + r")(?![\w-])")
        for lg in LANGS
        for k, v, p in PATTERNS[lg]
        if k == kind and v == value
    ]
    for name, text in ev.brief.items():
        if any(p.search(text) for p in pats):
            return f"request.brief.{name}"
    return None


def _in_request(value: str, ev: Evidence) -> str | None:
    release = brand.fold(ev.request.release or "")
    pats = [
        re.compile(r"(?<![\w-])(?:" + p + r")(?![\w-])")
        for lg in LANGS
        for k, v, p in PATTERNS[lg]
        if k == "format" and v == value
    ]
    if release and any(p.search(release) for p in pats):
        return "request.release"
    return None


def _event_where(ev: Evidence, pred) -> str | None:  # type: ignore[no-untyped-def]
    for i, e in ev.events:
        if pred(e):
            return f"insights.events[{i}]"
    return None


def _date_backing(value: str, ev: Evidence) -> str | None:
    dates = [(f"insights.events[{i}].date", e.date) for i, e in ev.events]
    if ev.release.date:
        dates.append((ev.release.backing or "release", ev.release.date[:10]))
    for where, d in dates:
        try:
            day = date.fromisoformat(d)
        except ValueError:
            continue
        if value == d:
            return where
        if value.startswith("md:") and value[3:] == d[5:]:
            return where
        if value.startswith("mdx:"):
            a, b_, *year = value[4:].replace(":", "-", 1).split("-")
            if (not year or year[0] == d[:4]) and d[5:] in (f"{a}-{b_}", f"{b_}-{a}"):
                return where
        if value.startswith("ym:") and value[3:] == d[:7]:
            return where
        if value.startswith("weekday:") and int(value[8:]) == day.weekday():
            return where
        if value.startswith("year:") and value[5:] == d[:4]:
            return where
    return None


def verify(f: Found, ev: Evidence, live_context: bool) -> tuple[str | None, str | None]:
    """(backing, None) when something backs the claim, else (None, why not)."""
    req, ins = ev.request, ev.insights
    no_tour = "no upcoming show is known (the events sources list none)"
    if f.kind == "event":
        if f.value == "festival":
            where = _event_where(ev, lambda e: "festival" in brand.fold(e.venue or ""))
            return (where, None) if where else (brief_backs("event", "festival", ev), "no festival is known")
        if f.value == "tour":
            shows = len(ins.events) if ins else 0
            if shows > 1:
                return "insights.events", None
            return None, ("one show is not a tour" if shows else no_tour)
        if ev.events:
            return f"insights.events[{ev.events[0][0]}]", None
        if req.links.tickets and ev.final_url == req.links.tickets:
            # The marketer's ticket page says a show exists (not which, where or when).
            return "request.links.tickets", None
        return None, no_tour
    if f.kind == "city":
        pid = f.value
        where = _event_where(ev, lambda e: _place_key(e.city) == pid or pid == f"country:{e.country}")
        if where:
            return f"{where}.city", None
        if not live_context and ins:
            for i, r in enumerate(ins.audience_regions):
                if _place_key(r.name) == pid or (r.code and pid == f"country:{r.code}"):
                    return f"insights.audience_regions[{i}]", None
            if pid.startswith("country:") and pid[8:] in req.countries:
                return "request.countries", None
        cities = sorted({e.city for _, e in ev.events})
        return None, (
            f"no show in {f.text}" + (f" (shows: {', '.join(cities[:5])})" if cities else f": {no_tour}")
            if live_context
            else f"{f.text} is neither a tour stop nor an audience region in the research"
        )
    if f.kind == "venue":
        where = _event_where(ev, lambda e: "venue:" + brand.fold(e.venue or "") == f.value)
        return (f"{where}.venue", None) if where else (None, f"no show at {f.text}")
    if f.kind == "date":
        if f.value.startswith("relative:"):
            return None, f"'{f.text}' is only true on one day; an ad runs for weeks"
        where = _date_backing(f.value, ev)
        return (where, None) if where else (None, f"no show and no release on {f.text}")
    if f.kind == "on_sale":
        # Tickets offered or on sale: the ad must land where they are sold, and a show's own page
        # only says "on sale" once that show is.
        shows = {e.ticket_url: (i, e) for i, e in ev.events if e.ticket_url}
        if ev.final_url and ev.final_url in shows:
            i, show = shows[ev.final_url]
            if f.value == "tickets" or show.on_sale == "on_sale":
                return f"insights.events[{i}].on_sale", None
            return None, f"the {show.city} show is {show.on_sale.replace('_', ' ')}, not on sale"
        if req.links.tickets and ev.final_url == req.links.tickets:
            return "request.links.tickets", None
        return None, "mentions tickets but the ad does not land on a ticket page"
    if f.kind == "scarcity":
        if f.value == "sold_out":
            where = _event_where(ev, lambda e: e.on_sale == "sold_out")
            return (f"{where}.on_sale", None) if where else (None, "no show is sold out")
        where = brief_backs("scarcity", "limited", ev)
        return (where, None) if where else (None, f"'{f.text}': the brief says nothing limited or exclusive")
    if f.kind == "availability":
        stores = {req.links.merch: "request.links.merch", req.links.tickets: "request.links.tickets"}
        if "pre" in brand.fold(f.text):
            if not ev.release.upcoming:
                return None, "a pre-order needs an upcoming release"
            stores[req.links.presave] = "request.links.presave"
        where = stores.get(ev.final_url or "") if ev.final_url else None
        where = where or brief_backs("availability", "buy", ev)
        return (where, None) if where else (None, "the ad does not land on a store or ticket page")
    if f.kind == "format":
        if f.value == "merch" and req.links.merch and ev.final_url == req.links.merch:
            return "request.links.merch", None
        where = brief_backs("format", f.value, ev) or _in_request(f.value, ev)
        if not where and f.value == "merch":
            where = brief_backs("format", "apparel", ev)
        return (where, None) if where else (None, f"{f.text}: neither the request nor the brief mentions it")
    if f.kind == "official":
        if landing.is_own_domain(ev.final_url, req):
            return ("request.links.site" if req.links.site else "request.final_url"), None
        return None, (
            f"'official' needs the ad to land on the artist's own site (links.site); it lands on "
            f"{landing.host(ev.final_url) or 'no page'}"
        )
    if f.kind == "release_status":
        rs = ev.release
        if rs.phase == "unknown":
            return None, "no release date is known (set release_date)"
        if f.value in ("coming", "presave"):
            if rs.upcoming:
                return rs.backing, None
            return None, f"the release is already out ({rs.date or 'per the research'})"
        if rs.phase != "out":
            return None, f"the release is not out yet (out on {rs.date or 'a date to come'})"
        if f.value == "new" and not rs.is_new:
            return None, f"the release came out on {rs.date}: more than six months ago, not new"
        return rs.backing, None
    return None, "unknown claim"


def claims_of(text: str, where: str, ev: Evidence) -> list[Claim]:
    found = extract(text, ev.language, ev.exclude, ev.places_extra)
    live = ev.goal == "tickets" or any(f.kind in ("event", "on_sale", "venue") for f in found)
    if not live:
        folded = brand.fold(text)
        live = any(re.search(r"(?<!\w)" + w + r"(?!\w)", folded) for w in LIVE_CONTEXT)
    out = []
    for f in found:
        backing, reason = verify(f, ev, live)
        out.append(
            Claim(
                kind=f.kind,  # type: ignore[arg-type]
                value=f.value,
                text=f.text,
                field=where,
                backing=backing,
                supported=backing is not None,
                reason=None if backing else reason,
            )
        )
    return out


def ledger(ad: ResponsiveSearchAd, ev: Evidence) -> list[Claim]:
    out: list[Claim] = []
    for i, h in enumerate(ad.headlines):
        out += claims_of(h.text, f"headlines[{i}]", ev)
    for i, d in enumerate(ad.descriptions):
        out += claims_of(d.text, f"descriptions[{i}]", ev)
    for name in ("path1", "path2"):
        value = getattr(ad, name)
        if value:
            out += claims_of(value.replace("-", " "), name, ev)
    return out


@dataclass
class Audit:
    ads: list[ResponsiveSearchAd]  # what is left, each with its ledger
    removed: list[Claim]  # the unsupported claims whose assets were taken out
    dropped: list[dict[str, str]]  # whole ads dropped (too few assets left), with why

    def reasons(self) -> list[str]:
        return [f"{c.field}: '{c.text}' ({c.kind}) — {c.reason}" for c in self.removed]


def audit(ads: list[ResponsiveSearchAd], ev: Evidence) -> Audit:
    """Take out every asset with an unsupported claim; drop an ad left with fewer than 3 headlines or 2
    descriptions; record the (all supported) ledger on each ad that stays."""
    kept: list[ResponsiveSearchAd] = []
    removed: list[Claim] = []
    dropped: list[dict[str, str]] = []
    for n, ad in enumerate(ads):
        bad = [c for c in ledger(ad, ev) if not c.supported]
        removed += [c.model_copy(update={"field": f"ads[{n}].{c.field}"}) for c in bad]
        fields = {c.field for c in bad}
        heads = [h for i, h in enumerate(ad.headlines) if f"headlines[{i}]" not in fields]
        descs = [d for i, d in enumerate(ad.descriptions) if f"descriptions[{i}]" not in fields]
        path1 = "" if "path1" in fields else ad.path1
        path2 = "" if ("path2" in fields or not path1) else ad.path2
        clean = ad.model_copy(
            update={"headlines": heads, "descriptions": descs, "path1": path1, "path2": path2}
        )
        if len(heads) < MIN_HEADLINES or len(descs) < MIN_DESCRIPTIONS:
            dropped.append(
                {
                    "ad": str(n),
                    "reason": f"only {len(heads)} headlines and {len(descs)} descriptions left without "
                    f"unsupported claims ({'; '.join(sorted({c.reason or '' for c in bad}))})",
                }
            )
            continue
        clean.claims = ledger(clean, ev)
        kept.append(clean)
    return Audit(kept, removed, dropped)


def unsupported(ads: Iterable[ResponsiveSearchAd], ev: Evidence) -> list[Claim]:
    """The bench's and the tests' count: claims in these ads that nothing backs."""
    return [c for ad in ads for c in ledger(ad, ev) if not c.supported]
