"""`bandcrew insights "ARTIST" [--sources deezer,spotify]`: print the Insights JSON (the same
document as POST /api/insights)."""

from __future__ import annotations

import argparse
import sys

from pydantic import ValidationError

from analyst.app import InsightsRequest
from analyst.insights import build_insights
from analyst.sources import registry


def run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="bandcrew insights", description="Research an artist across the data sources."
    )
    parser.add_argument("artist", help="the artist's name")
    parser.add_argument(
        "--sources", default="", help=f"comma-separated subset of {','.join(registry.names())}"
    )
    parser.add_argument("--compact", action="store_true", help="one line of JSON instead of indented")
    args = parser.parse_args(argv)
    sources = [s.strip() for s in args.sources.split(",") if s.strip()] or None
    try:
        req = InsightsRequest(artist=args.artist, sources=sources)
    except ValidationError as exc:
        err = exc.errors()[0]
        field = ".".join(str(p) for p in err["loc"]) or "artist"
        print(f"bandcrew insights: {field}: {err['msg'].removeprefix('Value error, ')}", file=sys.stderr)
        return 2
    insights = build_insights(req.artist, req.sources)
    print(insights.model_dump_json(indent=None if args.compact else 2))
    return 0


def main() -> None:  # python -m analyst.cli "ARTIST"
    raise SystemExit(run(sys.argv[1:]))


if __name__ == "__main__":
    main()
