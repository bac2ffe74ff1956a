"""The campaign as the official Google Ads API client's mutate operations (the optional `google-ads`
package: `pip install band-stream-crew[googleads]`).

`build_operations` turns a CampaignRecord into one list of `MutateOperation`s for a single, atomic
`GoogleAdsService.Mutate` call. It maps the record exactly as the Editor CSV does (optimizer.exports):
the same campaign name, a paused Search campaign with its daily budget, languages and countries,
campaign-level negatives, one paused ad group per AdGroup with its keywords (paused) and negatives,
and one paused responsive search ad per ad that passes the policy check again
(`exports.exportable_ads`). New entities reference each other through temporary resource names
(negative ids: the budget is -1, the campaign -2, ad groups -3, -4, ...), which Google resolves within
the one request.

`validate` sends those operations with `validate_only=True`: Google checks everything and creates
nothing. It needs the package and credentials; without either it says what is missing and never
prints a secret.

Building operations needs no network and no credentials: the types come from the package itself."""

from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from optimizer.exports import MAX_DESCRIPTIONS, MAX_HEADLINES, campaign_name, exportable_ads
from shared.models import CampaignRecord, Keyword

log = logging.getLogger(__name__)

# The API version whose types we build (the google-ads 34.x package serves v23-v26, v26 by default).
API_VERSION = "v26"

NOT_INSTALLED = "the google-ads package is not installed (pip install band-stream-crew[googleads])"

# ISO 639-1 -> Google Ads language criterion ids (resource `languageConstants/{id}`), from Google's
# published language codes table (Language name, Language code, Criterion ID). Google writes Hebrew
# as "iw" and Filipino as "tl"; ISO's "he" and "nb" are mapped to them here. "zh" covers both scripts,
# so it targets Chinese (simplified) 1017 and Chinese (traditional) 1018. Codes not listed are
# reported as unmapped, never guessed.
LANGUAGE_CONSTANTS: dict[str, tuple[int, ...]] = {
    "ar": (1019,),
    "bg": (1020,),
    "bn": (1056,),
    "ca": (1038,),
    "cs": (1021,),
    "da": (1009,),
    "de": (1001,),
    "el": (1022,),
    "en": (1000,),
    "es": (1003,),
    "et": (1043,),
    "fa": (1064,),
    "fi": (1011,),
    "fr": (1002,),
    "he": (1027,),
    "hi": (1023,),
    "hr": (1039,),
    "hu": (1024,),
    "id": (1025,),
    "is": (1026,),
    "it": (1004,),
    "ja": (1005,),
    "ko": (1012,),
    "lt": (1029,),
    "lv": (1028,),
    "ms": (1102,),
    "nb": (1013,),
    "nl": (1010,),
    "no": (1013,),
    "pl": (1030,),
    "pt": (1014,),
    "ro": (1032,),
    "ru": (1031,),
    "sk": (1033,),
    "sl": (1034,),
    "sr": (1035,),
    "sv": (1015,),
    "ta": (1130,),
    "te": (1131,),
    "th": (1044,),
    "tl": (1042,),
    "tr": (1037,),
    "uk": (1036,),
    "ur": (1041,),
    "vi": (1040,),
    "zh": (1017, 1018),
}

# ISO 3166-1 alpha-2 -> Google Ads country criterion ids (resource `geoTargetConstants/{id}`).
# A country's id is 2000 + its ISO 3166-1 numeric code (United States 840 -> 2840). Only the
# countries listed are targeted; any other code is reported as unmapped, never invented.
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

MATCH_TYPES = {"broad": "BROAD", "phrase": "PHRASE", "exact": "EXACT"}
HEADLINE_PINS = {1: "HEADLINE_1", 2: "HEADLINE_2", 3: "HEADLINE_3"}
DESCRIPTION_PINS = {1: "DESCRIPTION_1", 2: "DESCRIPTION_2"}
BUDGET_ID, CAMPAIGN_ID = -1, -2
MUTATE_TIMEOUT_S = 60.0

# What validate() needs when no configuration file is named: a developer token and OAuth2
# credentials, either an installed app's (client id, secret, refresh token) or a service account's
# key file. GOOGLE_ADS_LOGIN_CUSTOMER_ID is used when set; it is needed only when the account is
# reached through a manager account.
ENV_DEVELOPER_TOKEN = "GOOGLE_ADS_DEVELOPER_TOKEN"
ENV_INSTALLED_APP = ("GOOGLE_ADS_CLIENT_ID", "GOOGLE_ADS_CLIENT_SECRET", "GOOGLE_ADS_REFRESH_TOKEN")
ENV_SERVICE_ACCOUNT = "GOOGLE_ADS_JSON_KEY_FILE_PATH"
ENV_CONFIG_FILE = "GOOGLE_ADS_CONFIGURATION_FILE_PATH"
ENV_OPTIONAL = (
    "GOOGLE_ADS_LOGIN_CUSTOMER_ID",
    "GOOGLE_ADS_LINKED_CUSTOMER_ID",
    "GOOGLE_ADS_ENDPOINT",
    "GOOGLE_ADS_IMPERSONATED_EMAIL",
    "GOOGLE_ADS_HTTP_PROXY",
)


class GoogleAdsUnavailable(RuntimeError):
    """The google-ads package is not installed."""


def normalize_customer_id(customer_id: str) -> str:
    """'123-456-7890' -> '1234567890'; anything but 10 digits (dashes allowed) is a ValueError."""
    digits = str(customer_id).strip().replace("-", "")
    if not re.fullmatch(r"\d{10}", digits):
        raise ValueError(
            "customer_id must be a 10-digit Google Ads customer id (dashes allowed), e.g. 123-456-7890"
        )
    return digits


def available() -> bool:
    try:
        import google.ads.googleads.client  # noqa: F401
    except ImportError:
        return False
    return True


@cache
def _types() -> Any:
    """A credential-less client used only as the package's type and enum factory (no network)."""
    try:
        from google.ads.googleads.client import GoogleAdsClient
    except ImportError:
        raise GoogleAdsUnavailable(NOT_INSTALLED) from None
    return GoogleAdsClient(credentials=None, version=API_VERSION, use_proto_plus=True)


@dataclass
class OperationsPlan:
    """The operations and what could not be mapped (reported, not guessed)."""

    customer_id: str
    operations: list[Any] = field(default_factory=list)
    unmapped: dict[str, list[str]] = field(default_factory=lambda: {"languages": [], "countries": []})
    notes: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    def summary(self) -> dict[str, Any]:
        return {
            "customer_id": self.customer_id,
            "api_version": API_VERSION,
            "counts": self.counts,
            "unmapped": self.unmapped,
            "notes": self.notes,
        }


def operation_dict(op: Any) -> dict[str, Any]:
    """One MutateOperation as JSON-ready dict (proto field names, enums by name, unset fields left out)."""
    from google.protobuf.json_format import MessageToDict

    return MessageToDict(type(op).pb(op), preserving_proto_field_name=True)


def _micros(amount: float) -> int:
    """Currency units -> micros, rounded to a cent (budgets must be a multiple of the billable unit)."""
    return round(amount * 100) * 10_000


class _Builder:
    def __init__(self, record: CampaignRecord, customer_id: str):
        self.c = _types()
        self.record = record
        self.plan = OperationsPlan(customer_id=normalize_customer_id(customer_id))
        self.next_id = CAMPAIGN_ID - 1
        self.counts: dict[str, int] = {}

    # -- helpers -------------------------------------------------------------------------------
    def path(self, collection: str, temp_id: int) -> str:
        return f"customers/{self.plan.customer_id}/{collection}/{temp_id}"

    def add(self, kind: str, op_field: str, resource: Any) -> None:
        op = self.c.get_type("MutateOperation")
        getattr(op, op_field).create = resource
        self.plan.operations.append(op)
        self.counts[kind] = self.counts.get(kind, 0) + 1

    def keyword(self, target: Any, kw: Keyword) -> None:
        target.keyword.text = kw.text
        target.keyword.match_type = getattr(self.c.enums.KeywordMatchTypeEnum, MATCH_TYPES[kw.match_type])

    # -- entities ------------------------------------------------------------------------------
    def budget(self) -> str:
        req, c = self.record.request, self.c
        budget = c.get_type("CampaignBudget")
        budget.resource_name = self.path("campaignBudgets", BUDGET_ID)
        budget.name = f"{campaign_name(self.record)} budget"
        budget.amount_micros = _micros(req.daily_budget)
        budget.delivery_method = c.enums.BudgetDeliveryMethodEnum.STANDARD
        budget.explicitly_shared = False
        self.add("campaign_budget", "campaign_budget_operation", budget)
        self.plan.notes.append(
            f"The daily budget {req.daily_budget:.2f} is sent as {budget.amount_micros} micros of the account's "
            f"currency; the request says {req.currency}, so check that the account bills in {req.currency}."
        )
        return budget.resource_name

    def campaign(self, budget_rn: str) -> str:
        rec, c = self.record, self.c
        targeting = rec.campaign.targeting
        camp = c.get_type("Campaign")
        camp.resource_name = self.path("campaigns", CAMPAIGN_ID)
        camp.name = campaign_name(rec)
        camp.advertising_channel_type = c.enums.AdvertisingChannelTypeEnum.SEARCH
        camp.status = c.enums.CampaignStatusEnum.PAUSED
        camp.campaign_budget = budget_rn
        camp.contains_eu_political_advertising = (
            c.enums.EuPoliticalAdvertisingStatusEnum.DOES_NOT_CONTAIN_EU_POLITICAL_ADVERTISING
        )
        platforms = rec.request.platforms
        camp.network_settings.target_google_search = True
        camp.network_settings.target_search_network = bool(targeting.get("search_partners"))
        camp.network_settings.target_content_network = "display" in platforms
        camp.network_settings.target_partner_search_network = False
        if "youtube" in platforms:
            self.plan.notes.append(
                "YouTube is not a network of a Search campaign: it needs a Video campaign, "
                "which this export does not create."
            )
        self._bidding(camp, str(targeting.get("bidding", "maximize_clicks")), targeting)
        self.add("campaign", "campaign_operation", camp)
        return camp.resource_name

    def _bidding(self, camp: Any, bidding: str, targeting: dict[str, Any]) -> None:
        c = self.c
        if bidding == "manual_cpc":
            camp.manual_cpc = c.get_type("ManualCpc")
        elif bidding == "maximize_conversions":
            camp.maximize_conversions = c.get_type("MaximizeConversions")
        elif bidding == "target_cpa":
            strategy = c.get_type("MaximizeConversions")  # Target CPA is Maximize conversions with a target
            target = targeting.get("target_cpa")
            if isinstance(target, int | float) and target > 0:
                strategy.target_cpa_micros = _micros(float(target))
            else:
                self.plan.notes.append(
                    "Bidding is target_cpa but the targeting has no target_cpa amount: "
                    "sent as Maximize conversions without a target."
                )
            camp.maximize_conversions = strategy
        else:
            if bidding != "maximize_clicks":
                self.plan.notes.append(f"Unknown bidding {bidding!r}: sent as Maximize clicks.")
            camp.target_spend = c.get_type("TargetSpend")  # the API's name for Maximize clicks

    def campaign_criteria(self, campaign_rn: str) -> None:
        req, c = self.record.request, self.c
        for code in req.languages:
            ids = LANGUAGE_CONSTANTS.get(code.lower())
            if not ids:
                self.plan.unmapped["languages"].append(code)
                continue
            for lang_id in ids:
                crit = c.get_type("CampaignCriterion")
                crit.campaign = campaign_rn
                crit.language.language_constant = f"languageConstants/{lang_id}"
                self.add("language", "campaign_criterion_operation", crit)
        for code in req.countries:
            geo = GEO_TARGET_CONSTANTS.get(code.upper())
            if geo is None:
                self.plan.unmapped["countries"].append(code)
                continue
            crit = c.get_type("CampaignCriterion")
            crit.campaign = campaign_rn
            crit.location.geo_target_constant = f"geoTargetConstants/{geo}"
            self.add("location", "campaign_criterion_operation", crit)
        for name, codes in self.plan.unmapped.items():
            if codes:
                self.plan.notes.append(
                    f"Not targeted, no Google Ads id known for {name}: {', '.join(codes)}; "
                    "add them in Google Ads before enabling the campaign."
                )
        for kw in self.record.campaign.negatives:
            crit = c.get_type("CampaignCriterion")
            crit.campaign = campaign_rn
            crit.negative = True
            self.keyword(crit, kw)
            self.add("campaign_negative", "campaign_criterion_operation", crit)

    def ad_groups(self, campaign_rn: str) -> None:
        c, rec = self.c, self.record
        max_cpc = rec.campaign.targeting.get("max_cpc")
        for group in rec.campaign.ad_groups:
            ag = c.get_type("AdGroup")
            ag.resource_name = self.path("adGroups", self.next_id)
            self.next_id -= 1
            ag.name = group.name
            ag.campaign = campaign_rn
            ag.status = c.enums.AdGroupStatusEnum.PAUSED
            ag.type_ = c.enums.AdGroupTypeEnum.SEARCH_STANDARD
            if isinstance(max_cpc, int | float) and max_cpc > 0:
                ag.cpc_bid_micros = _micros(float(max_cpc))
            self.add("ad_group", "ad_group_operation", ag)
            for kw in group.keywords:
                crit = c.get_type("AdGroupCriterion")
                crit.ad_group = ag.resource_name
                crit.status = c.enums.AdGroupCriterionStatusEnum.PAUSED
                self.keyword(crit, kw)
                self.add("keyword", "ad_group_criterion_operation", crit)
            for kw in group.negatives:
                crit = c.get_type("AdGroupCriterion")
                crit.ad_group = ag.resource_name
                crit.negative = True
                self.keyword(crit, kw)
                self.add("ad_group_negative", "ad_group_criterion_operation", crit)
            kept = exportable_ads(rec, group)
            if len(kept) < len(group.ads):
                self.plan.notes.append(
                    f"{group.name}: {len(group.ads) - len(kept)} ad(s) left out because a policy "
                    "check disapproves them (as in the Editor CSV)."
                )
            for ad in kept:
                self._ad(ag.resource_name, group.name, ad)

    def _ad(self, ad_group_rn: str, group_name: str, ad: Any) -> None:
        c, rec = self.c, self.record
        url = ad.final_url or rec.campaign.final_url or rec.request.final_url
        if not url:
            self.plan.notes.append(f"{group_name}: an ad without a final URL was left out.")
            return
        aga = c.get_type("AdGroupAd")
        aga.ad_group = ad_group_rn
        aga.status = c.enums.AdGroupAdStatusEnum.PAUSED
        aga.ad.final_urls.append(url)
        rsa = aga.ad.responsive_search_ad
        for assets, limit, pins, target in (
            (ad.headlines, MAX_HEADLINES, HEADLINE_PINS, rsa.headlines),
            (ad.descriptions, MAX_DESCRIPTIONS, DESCRIPTION_PINS, rsa.descriptions),
        ):
            for asset in assets[:limit]:
                text = c.get_type("AdTextAsset")
                text.text = asset.text
                if asset.pin:
                    pin = pins.get(asset.pin)
                    if pin:
                        text.pinned_field = getattr(c.enums.ServedAssetFieldTypeEnum, pin)
                    else:
                        self.plan.notes.append(
                            f"{group_name}: {asset.text!r} cannot be pinned to position "
                            f"{asset.pin}; sent unpinned."
                        )
                target.append(text)
        if ad.path1:
            rsa.path1 = ad.path1
            if ad.path2:
                rsa.path2 = ad.path2
        self.add("ad", "ad_group_ad_operation", aga)

    def build(self) -> OperationsPlan:
        budget_rn = self.budget()
        campaign_rn = self.campaign(budget_rn)
        self.campaign_criteria(campaign_rn)
        self.ad_groups(campaign_rn)
        self.plan.counts = dict(self.counts)
        return self.plan


def build_plan(record: CampaignRecord, customer_id: str) -> OperationsPlan:
    """The operations with what was left out and why. Raises ValueError for a bad customer id and
    GoogleAdsUnavailable without the package."""
    return _Builder(record, customer_id).build()


def build_operations(record: CampaignRecord, customer_id: str) -> list[Any]:
    """The campaign as `MutateOperation`s for one atomic GoogleAdsService.Mutate call."""
    return build_plan(record, customer_id).operations


# -- validate_only -----------------------------------------------------------------------------------


def missing_configuration(env: dict[str, str] | None = None) -> tuple[list[str], str | None]:
    """(missing variable names, configuration file path or None). Looks at names only, never values."""
    env = dict(os.environ) if env is None else env
    path = env.get(ENV_CONFIG_FILE, "").strip()
    if path:
        return ([] if os.path.isfile(os.path.expanduser(path)) else [ENV_CONFIG_FILE]), path
    missing = [] if env.get(ENV_DEVELOPER_TOKEN, "").strip() else [ENV_DEVELOPER_TOKEN]
    if not env.get(ENV_SERVICE_ACCOUNT, "").strip():
        missing += [name for name in ENV_INSTALLED_APP if not env.get(name, "").strip()]
    return missing, None


def _not_configured(missing: list[str], path: str | None) -> dict[str, Any]:
    if path is not None:
        reason = f"{ENV_CONFIG_FILE} is set but names no readable file"
    else:
        reason = (
            f"Google Ads API is not configured: missing {', '.join(missing)} (set those, or "
            f"{ENV_SERVICE_ACCOUNT} instead of the client id/secret/refresh token, or point "
            f"{ENV_CONFIG_FILE} at a google-ads.yaml)"
        )
    return {"available": False, "reason": reason, "missing": missing}


def _client_from_config(path: str | None) -> Any:
    from google.ads.googleads.client import GoogleAdsClient

    if path is not None:
        return GoogleAdsClient.load_from_storage(os.path.expanduser(path), version=API_VERSION)
    config: dict[str, Any] = {"use_proto_plus": True, "developer_token": os.environ[ENV_DEVELOPER_TOKEN]}
    for name in (*ENV_INSTALLED_APP, ENV_SERVICE_ACCOUNT, *ENV_OPTIONAL):
        value = os.environ.get(name, "").strip()
        if value:
            config[name.removeprefix("GOOGLE_ADS_").lower()] = value
    if "login_customer_id" in config:
        config["login_customer_id"] = config["login_customer_id"].replace("-", "")
    return GoogleAdsClient.load_from_dict(config, version=API_VERSION)


def _error_dicts(exc: Any) -> list[dict[str, Any]]:
    """GoogleAdsException -> [{message, code, field, operation_index?}] (what Google said, nothing else)."""
    out = []
    for err in exc.failure.errors:
        pb_code = type(err.error_code).pb(err.error_code)
        which = pb_code.WhichOneof("error_code")
        code = f"{which}.{getattr(err.error_code, which).name}" if which else ""
        elements = list(err.location.field_path_elements)
        entry: dict[str, Any] = {"message": err.message, "code": code}
        if elements:
            entry["field"] = ".".join(
                e.field_name + (f"[{e.index}]" if "index" in e else "") for e in elements
            )
            if elements[0].field_name == "mutate_operations" and "index" in elements[0]:
                entry["operation_index"] = elements[0].index
        out.append(entry)
    return out


def validate(record: CampaignRecord, customer_id: str, *, client: Any = None) -> dict[str, Any]:
    """Send the campaign with validate_only=True: {"validated": True} or {"validated": False, "errors": [...]};
    {"available": False, "reason": ...} without the package or its configuration. `client` is for tests."""
    cid = normalize_customer_id(customer_id)
    if not available():
        return {"available": False, "reason": NOT_INSTALLED}
    from google.ads.googleads.errors import GoogleAdsException
    from google.auth.exceptions import GoogleAuthError

    plan = build_plan(record, cid)
    base = {**plan.summary(), "operations": len(plan.operations)}
    if client is None:
        missing, path = missing_configuration()
        if missing:
            return _not_configured(missing, path)
        try:
            # Building the client refreshes the OAuth2 access token: this is already a network call.
            client = _client_from_config(path)
        except GoogleAuthError as exc:  # refresh refused, or Google's token endpoint unreachable
            log.warning("Google Ads credentials could not be refreshed: %s", type(exc).__name__)
            return {
                **base,
                "validated": False,
                "errors": [{"message": f"{type(exc).__name__}: {str(exc)[:300]}", "code": "auth"}],
            }
        except Exception as exc:  # the library's configuration errors name keys, not values
            log.warning("Google Ads client configuration rejected: %s", type(exc).__name__)
            return {
                "available": False,
                "reason": f"the Google Ads configuration is invalid: {type(exc).__name__}: {str(exc)[:300]}",
            }
    request = client.get_type("MutateGoogleAdsRequest")
    request.customer_id = cid
    request.mutate_operations.extend(plan.operations)
    request.partial_failure = False
    request.validate_only = True
    try:
        client.get_service("GoogleAdsService").mutate(request=request, timeout=MUTATE_TIMEOUT_S)
    except GoogleAdsException as exc:
        errors = _error_dicts(exc)
        log.info(
            "Google Ads validate_only rejected campaign %s: %d error(s), request %s",
            record.id,
            len(errors),
            exc.request_id,
        )
        return {**base, "validated": False, "errors": errors, "request_id": exc.request_id}
    except Exception as exc:  # transport/auth failures: say what kind, without request metadata
        log.warning("Google Ads validate_only call failed for campaign %s: %s", record.id, type(exc).__name__)
        return {
            **base,
            "validated": False,
            "errors": [{"message": f"{type(exc).__name__}: {str(exc)[:300]}", "code": "transport"}],
        }
    return {**base, "validated": True}


__all__ = [
    "API_VERSION",
    "GEO_TARGET_CONSTANTS",
    "LANGUAGE_CONSTANTS",
    "GoogleAdsUnavailable",
    "OperationsPlan",
    "available",
    "build_operations",
    "build_plan",
    "missing_configuration",
    "normalize_customer_id",
    "operation_dict",
    "validate",
]
