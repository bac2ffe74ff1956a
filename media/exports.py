"""Exports of the approved media (nothing unapproved is ever exported):

  zip              the approved files of every approved set, each set's manifest, and a README line
  display-csv      Responsive Display ads as Google Ads Editor rows (UTF-8 CSV): the campaign's
                   headlines and descriptions with the approved images (columns name the files in
                   the zip; Editor needs them uploaded as image assets)
  display-ops      the same ads as Google Ads API mutate operations (JSON, proto field names): one
                   AssetOperation per image (image_asset.data base64), one AdGroupAdOperation with a
                   ResponsiveDisplayAdInfo per ad group, linked by temporary resource names
  youtube          YouTube Data API `videos.insert` metadata (title ≤ 100 characters, description ≤
                   5,000 bytes with no < or >, tags ≤ 500 characters in all) plus the thumbnail's URL

The OPTIMIZER owns the search campaign's exports; this module only adds the display and video ones
(the OPTIMIZER's package is another service and is not imported)."""

from __future__ import annotations

import base64
import csv
import io
import json
import zipfile
from typing import Any

from media import storage
from shared.models import CampaignRecord
from shared.models.media import MediaSet
from shared.policy import CheckContext, check_ad

FORMATS = ("zip", "display-csv", "display-ops", "youtube")
YT_TITLE_MAX = 100
YT_DESCRIPTION_MAX_BYTES = 5000
YT_TAGS_MAX = 500
RDA_HEADLINE_MAX, RDA_LONG_MAX, RDA_DESC_MAX, RDA_BUSINESS_MAX = 30, 90, 90, 25
# role of an approved image -> the ResponsiveDisplayAdInfo field it fills
RDA_FIELDS = {
    "landscape": "marketing_images",
    "square": "square_marketing_images",
    "portrait": "portrait_marketing_images",
    "logo_square": "logo_images",
    "logo_wide": "landscape_logo_images",
}


class ExportError(Exception):
    def __init__(self, message: str, status: int = 400, field: str = "format"):
        super().__init__(message)
        self.status, self.field = status, field


class NothingApproved(ExportError):
    def __init__(self, message: str):
        super().__init__(message, 409, "set")


def approved(record: CampaignRecord, set_name: str | None = None) -> dict[str, MediaSet]:
    sets = record.media.sets if record.media else {}
    out = {n: s for n, s in sets.items() if s.state.startswith("approved") and s.archive is not None}
    if set_name:
        out = {n: s for n, s in out.items() if n == set_name}
    return out


def _require(record: CampaignRecord, set_name: str) -> MediaSet:
    sets = approved(record, set_name)
    if not sets:
        raise NothingApproved(f"the {set_name} set has no approved pick yet")
    return sets[set_name]


def _file_name(set_name: str, direction: str, name: str, path: str) -> str:
    return f"{set_name}-{direction}/{name}{path[path.rfind('.') :]}"


def build(record: CampaignRecord, fmt: str, customer_id: str = "") -> tuple[bytes, str, str]:
    base = f"{record.id}-media"
    if fmt == "zip":
        return zip_archive(record), "application/zip", f"{base}.zip"
    if fmt == "display-csv":
        return display_csv(record).encode("utf-8"), "text/csv; charset=utf-8", f"{base}-display.csv"
    if fmt == "display-ops":
        body = display_operations(record, customer_id)
        return (
            json.dumps(body, ensure_ascii=False, indent=1).encode(),
            "application/json",
            f"{base}-display-ops.json",
        )
    if fmt == "youtube":
        return json.dumps(youtube_metadata(record), ensure_ascii=False, indent=1).encode(), "application/json", \
            f"{base}-youtube.json"  # fmt: skip
    raise ExportError(f"format must be one of {', '.join(FORMATS)}")


def zip_archive(record: CampaignRecord) -> bytes:
    sets = approved(record)
    if not sets:
        raise NothingApproved("no set has an approved pick yet")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as zf:  # media are compressed already
        for name, ms in sorted(sets.items()):
            direction = ms.state.rsplit("_", 1)[1]
            for f in ms.archive.files:  # type: ignore[union-attr]
                zf.write(storage.path_of(f.path), _file_name(name, direction, f.name, f.path))
            zf.write(storage.path_of(ms.archive.manifest), f"{name}-{direction}/manifest.json")  # type: ignore[union-attr]
    return buf.getvalue()


# ---------------------------------------------------------------- display ads


def _compliant_text(record: CampaignRecord, group_language: str) -> tuple[list[str], list[str]]:
    """Headlines and descriptions of the campaign that pass the policy engine as display text."""
    ctx = CheckContext(brand_terms=[record.request.artist, record.request.release or ""], language=group_language,
                       country=(record.request.countries or ["US"])[0])  # fmt: skip
    heads: list[str] = []
    descs: list[str] = []
    for g in record.campaign.ad_groups:
        for ad in g.ads:
            if ad.compliance and not ad.compliance.compliant:
                continue
            heads += [h.text for h in ad.headlines if h.text not in heads]
            descs += [d.text for d in ad.descriptions if d.text not in descs]
    ok_h = [h for h in heads if len(h) <= RDA_HEADLINE_MAX and not _disapproved({"headlines": [h]}, ctx)]
    ok_d = [d for d in descs if len(d) <= RDA_DESC_MAX and not _disapproved({"descriptions": [d]}, ctx)]
    return ok_h[:5], ok_d[:5]


def _disapproved(ad: dict[str, Any], ctx: CheckContext) -> bool:
    report = check_ad(ad, ctx)
    return any(f.severity == "disapproved" and f.policy not in ("asset_count", "destination_requirements")
               for f in report.findings)  # fmt: skip


def _rda(record: CampaignRecord) -> dict[str, Any]:
    ms = _require(record, "images")
    lang = (record.request.languages or ["en"])[0]
    heads, descs = _compliant_text(record, lang)
    brief = record.campaign.creative_brief
    long_headline = (brief.key_message if brief else "")[:RDA_LONG_MAX]
    direction = ms.state.rsplit("_", 1)[1]
    images = {f.name: f for f in ms.archive.files}  # type: ignore[union-attr]
    return {
        "direction": direction,
        "headlines": heads,
        "long_headline": long_headline,
        "descriptions": descs,
        "business_name": record.request.artist[:RDA_BUSINESS_MAX],
        "final_url": record.campaign.final_url or record.request.final_url or "",
        "images": {role: images[role] for role in RDA_FIELDS if role in images},
    }


def display_csv(record: CampaignRecord) -> str:
    rda = _rda(record)
    columns = (
        ["Campaign", "Ad Group", "Ad type"]
        + [f"Headline {i}" for i in range(1, 6)]
        + ["Long headline"]
        + [f"Description {i}" for i in range(1, 6)]
        + [
            "Business name",
            "Final URL",
            "Images",
            "Square images",
            "Portrait images",
            "Logos",
            "Landscape logos",
        ]
    )
    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=columns)
    w.writeheader()
    name = f"{record.request.artist} - {record.id} - Display"
    files = {role: _file_name("images", rda["direction"], role, f.path) for role, f in rda["images"].items()}
    for g in record.campaign.ad_groups or []:
        row = {"Campaign": name, "Ad Group": g.name, "Ad type": "Responsive display ad",
               "Long headline": rda["long_headline"], "Business name": rda["business_name"],
               "Final URL": getattr(g, "final_url", None) or rda["final_url"],
               "Images": files.get("landscape", ""), "Square images": files.get("square", ""),
               "Portrait images": files.get("portrait", ""), "Logos": files.get("logo_square", ""),
               "Landscape logos": files.get("logo_wide", "")}  # fmt: skip
        for i, h in enumerate(rda["headlines"], 1):
            row[f"Headline {i}"] = h
        for i, d in enumerate(rda["descriptions"], 1):
            row[f"Description {i}"] = d
        w.writerow({k: _defuse(str(v or "")) for k, v in row.items()})
    return out.getvalue()


def _defuse(cell: str) -> str:
    """A cell starting like a formula is prefixed with ' (CSV injection), as the OPTIMIZER's CSV does."""
    return "'" + cell if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell


def display_operations(record: CampaignRecord, customer_id: str) -> dict[str, Any]:
    digits = "".join(c for c in customer_id if c.isdigit())
    if len(digits) != 10:
        raise ExportError("customer_id must be the 10-digit Google Ads customer id", 400, "customer_id")
    rda = _rda(record)
    ops: list[dict[str, Any]] = []
    asset_names: dict[str, str] = {}
    for i, (role, f) in enumerate(rda["images"].items(), 1):
        rn = f"customers/{digits}/assets/-{i}"
        asset_names[role] = rn
        data = storage.path_of(f.path).read_bytes()
        ops.append({"asset_operation": {"create": {
            "resource_name": rn, "name": f"{record.request.artist} {role} {rda['direction']} {f.sha256[:8]}",
            "type_": "IMAGE", "image_asset": {"data": base64.b64encode(data).decode()}}}})  # fmt: skip
    info: dict[str, Any] = {
        "headlines": [{"text": h} for h in rda["headlines"]],
        "long_headline": {"text": rda["long_headline"]},
        "descriptions": [{"text": d} for d in rda["descriptions"]],
        "business_name": rda["business_name"],
    }
    for role, fld in RDA_FIELDS.items():
        if role in asset_names:
            info[fld] = [{"asset": asset_names[role]}]
    ad_groups = []
    for j, g in enumerate(record.campaign.ad_groups, 1):
        ad_groups.append(g.name)
        ops.append({"ad_group_ad_operation": {"create": {
            "ad_group": f"customers/{digits}/adGroups/-{100 + j}", "status": "PAUSED",
            "ad": {"final_urls": [rda["final_url"]] if rda["final_url"] else [], "responsive_display_ad": info}}}})  # fmt: skip
    return {
        "customer_id": digits,
        "note": "ad_group resource names are placeholders for the display ad groups you create (or map to "
        "existing ones); ads are created PAUSED",
        "ad_groups": ad_groups,
        "mutate_operations": ops,
    }


# ---------------------------------------------------------------- YouTube


def _yt_clean(text: str) -> str:
    return text.replace("<", "").replace(">", "")


def youtube_metadata(record: CampaignRecord) -> dict[str, Any]:
    ms = _require(record, "videos")
    images = approved(record, "images").get("images")
    brief = record.campaign.creative_brief
    artist, release = record.request.artist, record.request.release or ""
    title = _yt_clean(f"{artist} - {release}" if release else artist)
    cta = (brief.voice_over[-1] if brief and brief.voice_over else "").strip()
    caption = (brief.social_captions.get("youtube") if brief else "") or ""
    url = record.campaign.final_url or record.request.final_url or ""
    desc = _yt_clean("\n\n".join(p for p in (caption, brief.key_message if brief else "", cta, url) if p))
    while len(desc.encode("utf-8")) > YT_DESCRIPTION_MAX_BYTES:
        desc = desc[:-1]
    tags: list[str] = []
    for t in [artist, release, *(record.campaign.insights.genres if record.campaign.insights else [])]:
        t = _yt_clean(t).strip()
        if t and t not in tags and len(",".join([*tags, t])) <= YT_TAGS_MAX:
            tags.append(t)
    direction = ms.state.rsplit("_", 1)[1]
    videos = {f.name: f"/media/{f.path}" for f in ms.archive.files}  # type: ignore[union-attr]
    thumb = None
    if images and images.archive:
        thumb = next((f"/media/{f.path}" for f in images.archive.files if f.name == "thumbnail"), None)
    return {
        "snippet": {
            "title": title[:YT_TITLE_MAX],
            "description": desc,
            "tags": tags,
            "defaultLanguage": (record.request.languages or ["en"])[0],
            "categoryId": "10",
        },
        # Uploads from unaudited API projects are forced private by YouTube anyway.
        "status": {"privacyStatus": "private", "selfDeclaredMadeForKids": False},
        "videos": videos,
        "direction": direction,
        "thumbnail": thumb,
    }
