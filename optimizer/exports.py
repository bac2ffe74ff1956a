"""Exports of a finished campaign: the Google Ads Editor CSV in Editor's own format (UTF-16 LE
with a BOM, tab-separated: what Editor itself writes, so it round-trips), a UTF-8 comma variant
for spreadsheets, and JSON.

One header for every row; each row describes one entity (campaign, location, ad group, keyword,
negative, responsive search ad) and leaves the other entities' columns blank ("make no change" in
Editor). One Google Ads campaign per goal (optimizer/structure.py): each has its own daily budget,
languages, one location row per targeted country (Location ID = Google's geo target id), Maximize
clicks with a CPC cap, and an ad rotation that serves A/B variants evenly while a test runs.
Only ads without a disapproved finding are exported: the promise is that nothing we export gets
disapproved, so every ad is checked again here."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable

from optimizer import structure
from optimizer.context import check_context
from optimizer.geo import country_name, geo_target_id
from shared.models import AdGroup, AdInput, CampaignRecord, ResponsiveSearchAd
from shared.policy import check_ad
from shared.policy.ad_format import MAX_DESCRIPTIONS, MAX_HEADLINES

CRITERION = {"broad": "Broad", "phrase": "Phrase", "exact": "Exact"}

COLUMNS: list[str] = (
    [
        "Campaign",
        "Campaign Type",
        "Networks",
        "Budget",
        "Budget type",
        "Languages",
        "Bid Strategy Type",
        "Maximum CPC bid limit",
        "Ad rotation",
        "Location ID",
        "Location",
        "Campaign Status",
        "Ad Group",
        "Max CPC",
        "Ad Group Type",
        "Ad Group Status",
        "Keyword",
        "Criterion Type",
        "Ad type",
    ]
    + [f"Headline {i}" for i in range(1, MAX_HEADLINES + 1)]
    + [f"Headline {i} position" for i in range(1, MAX_HEADLINES + 1)]
    + [f"Description {i}" for i in range(1, MAX_DESCRIPTIONS + 1)]
    + [f"Description {i} position" for i in range(1, MAX_DESCRIPTIONS + 1)]
    + ["Path 1", "Path 2", "Final URL", "Status"]
)

BIDDING = {
    "maximize_clicks": "Maximize clicks",
    "maximize_conversions": "Maximize conversions",
    "manual_cpc": "Manual CPC",
    "target_cpa": "Target CPA",
}


ROTATION = {"rotate_indefinitely": "Rotate indefinitely", "optimize": "Optimize: Prefer best performing ads"}


def campaign_name(record: CampaignRecord) -> str:
    """The name of the whole plan (the JSON export); each Google Ads campaign is named per goal."""
    return f"{record.request.artist} - {record.id}"


def exportable_ads(record: CampaignRecord, group: AdGroup) -> list[ResponsiveSearchAd]:
    ctx = check_context(record, group)  # the optimize job's context, not a thinner one
    out = []
    for ad in group.ads:
        if ad.compliance and not ad.compliance.compliant:
            continue
        if check_ad(AdInput.model_validate(ad.model_dump(include=set(AdInput.model_fields))), ctx).compliant:
            out.append(ad)
    return out


def rows(record: CampaignRecord) -> list[dict[str, str]]:
    """The campaign as Editor rows (dicts keyed by COLUMNS): per Google Ads campaign, its row, its
    location rows, its negatives, then its ad groups with their keywords, negatives and ads."""
    targeting = record.campaign.targeting
    networks = "Google Search" + ("; Search Partners" if targeting.get("search_partners") else "")
    groups = {g.name: g for g in record.campaign.ad_groups}
    out: list[dict[str, str]] = []
    for camp in structure.campaigns_of(record):
        name = camp.name
        out.append(
            {
                "Campaign": name,
                "Campaign Type": "Search",
                "Networks": networks,
                "Budget": f"{camp.daily_budget:.2f}",
                "Budget type": "Daily",
                "Languages": ";".join(camp.languages),
                "Campaign Status": "Paused",
                "Bid Strategy Type": BIDDING.get(camp.bid_strategy, camp.bid_strategy),
                "Maximum CPC bid limit": f"{camp.max_cpc:.2f}" if camp.max_cpc else "",
                "Ad rotation": ROTATION[camp.ad_rotation],
            }
        )
        for code in camp.locations:
            geo = geo_target_id(code)
            out.append(
                {"Campaign": name, "Location ID": str(geo) if geo else "", "Location": country_name(code)}
            )
        for kw in record.campaign.negatives:
            out.append(
                {
                    "Campaign": name,
                    "Keyword": kw.text,
                    "Criterion Type": f"Campaign Negative {CRITERION[kw.match_type]}",
                }
            )
        for group in (groups[n] for n in camp.ad_groups if n in groups):
            out += _group_rows(record, name, group, camp.ad_rotation)
    return out


def _group_rows(record: CampaignRecord, name: str, group: AdGroup, rotation: str) -> list[dict[str, str]]:
    out: list[dict[str, str]] = [
        {
            "Campaign": name,
            "Ad Group": group.name,
            "Ad Group Type": "Standard",
            "Ad Group Status": "Paused",
            "Ad rotation": ROTATION[rotation],
        }
    ]
    for kw in group.keywords:
        out.append(
            {
                "Campaign": name,
                "Ad Group": group.name,
                "Keyword": kw.text,
                "Criterion Type": CRITERION[kw.match_type],
                "Status": "Paused",
            }
        )
    for kw in group.negatives:
        out.append(
            {
                "Campaign": name,
                "Ad Group": group.name,
                "Keyword": kw.text,
                "Criterion Type": f"Negative {CRITERION[kw.match_type]}",
            }
        )
    for ad in exportable_ads(record, group):
        row = {
            "Campaign": name,
            "Ad Group": group.name,
            "Ad type": "Responsive search ad",
            "Path 1": ad.path1,
            "Path 2": ad.path2,
            "Final URL": ad.final_url or group.final_url or "",
            "Status": "Paused",
        }
        for i, h in enumerate(ad.headlines[:MAX_HEADLINES], start=1):
            row[f"Headline {i}"] = h.text
            row[f"Headline {i} position"] = str(h.pin) if h.pin else ""
        for i, d in enumerate(ad.descriptions[:MAX_DESCRIPTIONS], start=1):
            row[f"Description {i}"] = d.text
            row[f"Description {i} position"] = str(d.pin) if d.pin else ""
        out.append(row)
    return out


# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection): an artist
# typed as '=HYPERLINK(...)' would become a live link in whoever opens the file.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _defuse(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_START) else value


def _csv(record: CampaignRecord, delimiter: str, spreadsheet: bool = False) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, delimiter=delimiter, restval="", lineterminator="\r\n")
    writer.writeheader()
    for row in rows(record):
        writer.writerow(
            {k: _defuse(v) if isinstance(v, str) else v for k, v in row.items()} if spreadsheet else row
        )
    return buf.getvalue()


def editor_csv(record: CampaignRecord) -> bytes:
    """UTF-16 LE with BOM, tab-separated: Google Ads Editor's own export format."""
    return b"\xff\xfe" + _csv(record, "\t").encode("utf-16-le")


def utf8_csv(record: CampaignRecord) -> bytes:
    """UTF-8 (with BOM, so spreadsheet apps detect it), comma-separated: the variant people open in a
    spreadsheet, so formula-like cells are defused with a leading apostrophe. The Editor file is
    left exact: Google Ads Editor imports text, it does not evaluate it."""
    return _csv(record, ",", spreadsheet=True).encode("utf-8-sig")


def json_export(record: CampaignRecord) -> bytes:
    return json.dumps(
        {
            "id": record.id,
            "artist": record.request.artist,
            "campaign": campaign_name(record),
            "request": record.request.model_dump(mode="json"),
            **record.campaign.model_dump(mode="json"),
            "campaigns": [c.model_dump(mode="json") for c in structure.campaigns_of(record)],
        },
        ensure_ascii=False,
        indent=2,
    ).encode("utf-8")


def read_editor_csv(data: bytes) -> list[dict[str, str]]:
    """Read an Editor CSV back (used by tests and by anyone checking a file before import)."""
    text = data.decode("utf-16")  # the BOM says little-endian
    return list(csv.DictReader(io.StringIO(text), delimiter="\t"))


# format -> (builder, Content-Type, filename suffix)
EXPORTS: dict[str, tuple[Callable[[CampaignRecord], bytes], str, str]] = {
    "editor-csv": (editor_csv, "text/csv; charset=utf-16", "-editor.csv"),
    "csv": (utf8_csv, "text/csv; charset=utf-8", ".csv"),
    "json": (json_export, "application/json", ".json"),
}

__all__ = ["COLUMNS", "EXPORTS", "editor_csv", "json_export", "read_editor_csv", "rows", "utf8_csv"]
