"""Words drawn on an image or burnt into a video pass the same Google Ads policy engine as ad text
(`shared.policy.check_ad`). Each line is checked as an asset of a one-ad RSA with the artist and the
release as brand terms; the rules about the ad as a whole (asset counts, the final URL) do not apply
to a picture and are ignored. A line with a disapproved finding is not drawn, and the variant's
notes say which line and why."""

from __future__ import annotations

from shared.policy import CheckContext, check_ad

AD_LEVEL = frozenset({"asset_count", "destination_requirements", "destination_mismatch", "ad_destination"})


def disapproved(text: str, brands: list[str], language: str, country: str = "US") -> list[str]:
    """The disapproved findings of one line (empty: it may be drawn)."""
    if not text.strip():
        return []
    field = "descriptions" if len(text) > 30 else "headlines"
    ad = {"headlines": [], "descriptions": [], field: [text]}
    ctx = CheckContext(brand_terms=[b for b in brands if b], language=language, country=country)
    report = check_ad(ad, ctx)
    return [
        f"{f.policy}: {f.message}"
        for f in report.findings
        if f.severity == "disapproved" and f.policy not in AD_LEVEL and f.policy != "character_limit"
    ]


def clean_lines(lines: dict[str, str], brands: list[str], language: str, country: str = "US"):
    """(kept, notes): each named line kept if it passes, else replaced by '' with a note."""
    kept: dict[str, str] = {}
    notes: list[str] = []
    for name, text in lines.items():
        bad = disapproved(text, brands, language, country)
        if bad:
            notes.append(f"{name} not drawn ({'; '.join(bad)})")
            kept[name] = ""
        else:
            kept[name] = text
    return kept, notes
