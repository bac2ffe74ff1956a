"""Sandbox SerpApi: engine=youtube and engine=google_trends (TIMESERIES, GEO_MAP_0, RELATED_QUERIES),
at /search and /search.json as the real service, in its response shapes."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from flask import Blueprint, jsonify, request

from sandbox import data, faults

bp = Blueprint("serpapi", __name__, url_prefix="/serpapi")


@bp.before_request
def _inject():
    kind = faults.pick("serpapi")
    if kind is not None:
        if kind == "quota":
            return jsonify({"error": "Your account has run out of searches."}), 429
        resp = faults.respond("serpapi", kind)
        if resp is not None:
            return resp
    if not request.args.get("api_key"):
        return jsonify(
            {"error": "Invalid API key. Your API key should be here: https://serpapi.com/manage-api-key"}
        ), 401
    return None


def _metadata(engine: str) -> dict[str, object]:
    sid = hashlib.sha1(request.query_string).hexdigest()[:24]
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
    return {
        "id": sid,
        "status": "Success",
        "json_endpoint": f"{data.HOST}/serpapi/searches/{sid}.json",
        "created_at": now,
        "processed_at": now,
        "total_time_taken": 0.42,
        "sandbox": True,
        f"{'youtube' if engine == 'youtube' else 'google_trends'}_url": f"{data.HOST}/{engine}",
    }


def _params(engine: str, **extra: object) -> dict[str, object]:
    keep = {k: v for k, v in request.args.items() if k not in ("api_key", "output", "source")}
    return {"engine": engine, **keep, **extra}


def _no_results(engine: str, what: str):
    body = {
        "search_metadata": _metadata(engine),
        "search_parameters": _params(engine),
        "error": f"{what} hasn't returned any results for this query.",
    }
    return jsonify(body)


@bp.get("/search")
@bp.get("/search.json")
def search():
    engine = request.args.get("engine", "google")
    if engine == "youtube":
        return _youtube()
    if engine == "google_trends":
        return _trends()
    return jsonify({"error": f"Unsupported `{engine}` search engine."}), 400


def _youtube():
    q = request.args.get("search_query", "")
    if not q.strip():
        return jsonify({"error": "Missing query `search_query` parameter."}), 400
    found = data.search(q)
    main = next((a for a in found if a.variant in ("main", "near")), None)
    if main is None:
        return _no_results("youtube", "YouTube")
    by_upload = request.args.get("sp", "") in ("CAI%3D", "CAI=")
    subs = max(100, main.fans // 3)
    videos = []
    albums = main.album_list()
    for t in main.tracks(10):
        al = albums[int(t["album_index"]) % len(albums)]
        released = datetime.fromisoformat(str(al["release_date"])).date()
        vid = hashlib.sha1(f"{main.name}|{t['title']}".encode()).hexdigest()[:11]
        views = max(1000, main.fans * (12 - int(t["i"])) * 3 + main.seed[int(t["i"])] * 911)
        videos.append(
            {
                "title": f"{main.name} - {t['title']} (Official Video)",
                "link": f"{data.HOST}/youtube/watch?v={vid}",
                "serpapi_link": f"{data.HOST}/serpapi/search.json?engine=youtube_video&v={vid}",
                "channel": {
                    "name": main.name,
                    "link": f"{data.HOST}/youtube/@{vid[:6]}",
                    "verified": main.variant == "main",
                    "thumbnail": f"{data.HOST}/images/yt/{vid}/channel.jpg",
                },
                "published_date": data.months_ago_text(released),
                "_released": released.isoformat(),
                "views": views,
                "length": f"{int(t['duration']) // 60}:{int(t['duration']) % 60:02d}",
                "description": f"Official video for {t['title']} by {main.name}. Sandbox data.",
                "extensions": ["4K"] if t["i"] == 0 else [],
                "thumbnail": {"static": f"{data.HOST}/images/yt/{vid}/hq.jpg"},
            }
        )
    if by_upload:
        videos.sort(key=lambda v: str(v["_released"]), reverse=True)
    else:
        videos.sort(key=lambda v: -int(v["views"]))
    for pos, v in enumerate(videos, start=1):
        v["position_on_page"] = pos
        v.pop("_released")
    body: dict[str, object] = {
        "search_metadata": _metadata("youtube"),
        "search_parameters": _params("youtube"),
        "search_information": {
            "total_results": len(videos) * 1000,
            "video_results_state": "Results for exact spelling",
        },
        "video_results": videos,
    }
    if main.variant == "main" and not by_upload:
        body["channel_results"] = [
            {
                "position_on_page": 1,
                "title": main.name,
                "link": videos[0]["channel"]["link"],  # type: ignore[index]
                "verified": True,
                "handle": "@" + "".join(c for c in data.normalise(main.name) if c.isalnum()),
                "subscribers": subs,
                "description": f"Official channel of {main.name} (sandbox data).",
                "thumbnail": f"{data.HOST}/images/yt/{main.deezer_id}/avatar.jpg",
            }
        ]
    return jsonify(body)


def _trends():
    q = request.args.get("q", "")
    dtype = request.args.get("data_type", "TIMESERIES")
    if not q.strip():
        return jsonify({"error": "Missing query `q` parameter."}), 400
    queries = [s.strip() for s in q.split(",") if s.strip()]
    if dtype in ("GEO_MAP_0", "RELATED_QUERIES", "RELATED_TOPICS") and len(queries) > 1:
        return jsonify({"error": f"`{dtype}` data_type only accepts a single query."}), 400
    known = [
        a for a in (next((x for x in data.search(s) if x.variant == "main"), None) for s in queries) if a
    ]
    if not known:
        return _no_results("google_trends", "Google Trends")
    base = {"search_metadata": _metadata("google_trends"), "search_parameters": _params("google_trends")}
    main = known[0]
    if dtype == "TIMESERIES":
        series = [a.trend() for a in known]
        timeline = []
        for i, (day, _) in enumerate(series[0]):
            values = [
                {"query": queries[j], "value": str(s[i][1]), "extracted_value": s[i][1]}
                for j, s in enumerate(series)
            ]
            label = day.strftime("%b %-d, %Y")
            stamp = int(datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp())
            timeline.append({"date": label, "timestamp": str(stamp), "values": values})
        averages = [
            {"query": queries[j], "value": round(sum(v for _, v in s) / len(s))} for j, s in enumerate(series)
        ]
        return jsonify(base | {"interest_over_time": {"timeline_data": timeline, "averages": averages}})
    if dtype == "GEO_MAP_0":
        regions = [
            {
                "geo": code,
                "location": data.COUNTRY_NAMES.get(code, code),
                "max_value_index": 0,
                "value": str(v),
                "extracted_value": v,
            }
            for code, v in main.regions()
        ]
        return jsonify(base | {"interest_by_region": regions})
    if dtype == "RELATED_QUERIES":
        name = main.name.lower()
        albums = main.album_list()
        tracks = main.tracks(3)
        rising_q = [
            f"{name} tour {datetime.now(UTC).year}",
            f"{name} {str(albums[0]['title']).lower()}",
            f"{name} {str(tracks[1]['title']).lower()}",
            f"{name} tickets",
        ]
        rising = []
        for i, rq in enumerate(rising_q):
            pct = 5000 if i == 0 else 350 - i * 80
            rising.append(
                {
                    "query": rq,
                    "value": "Breakout" if pct >= 5000 else f"+{pct}%",
                    "extracted_value": pct,
                    "link": f"{data.HOST}/trends/explore?q={rq}",
                }
            )
        top_q = [name, f"{name} {str(tracks[0]['title']).lower()}", f"{name} lyrics", f"{name} concert"]
        top = [
            {
                "query": tq,
                "value": str(100 - i * 17),
                "extracted_value": 100 - i * 17,
                "link": f"{data.HOST}/trends/explore?q={tq}",
            }
            for i, tq in enumerate(top_q)
        ]
        return jsonify(base | {"related_queries": {"rising": rising, "top": top}})
    return jsonify({"error": f"Unsupported data_type `{dtype}` in the sandbox."}), 400
