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

from optimizer import structure
from optimizer.exports import MAX_DESCRIPTIONS, MAX_HEADLINES, exportable_ads
from optimizer.geo import GEO_TARGET_CONSTANTS, geo_target_id
from shared.models import AdsCampaign, CampaignRecord, Keyword

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

MATCH_TYPES = {"broad": "BROAD", "phrase": "PHRASE", "exact": "EXACT"}
HEADLINE_PINS = {1: "HEADLINE_1", 2: "HEADLINE_2", 3: "HEADLINE_3"}
DESCRIPTION_PINS = {1: "DESCRIPTION_1", 2: "DESCRIPTION_2"}
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
        self.next_id = -1
        self.counts: dict[str, int] = {}

    # -- helpers -------------------------------------------------------------------------------
    def path(self, collection: str, temp_id: int) -> str:
        return f"customers/{self.plan.customer_id}/{collection}/{temp_id}"

    def temp(self, collection: str) -> str:
        rn = self.path(collection, self.next_id)
        self.next_id -= 1
        return rn

    def add(self, kind: str, op_field: str, resource: Any) -> None:
        op = self.c.get_type("MutateOperation")
        getattr(op, op_field).create = resource
        self.plan.operations.append(op)
        self.counts[kind] = self.counts.get(kind, 0) + 1

    def keyword(self, target: Any, kw: Keyword) -> None:
        target.keyword.text = kw.text
        target.keyword.match_type = getattr(self.c.enums.KeywordMatchTypeEnum, MATCH_TYPES[kw.match_type])

    # -- entities ------------------------------------------------------------------------------
    def budget(self, camp: AdsCampaign) -> str:
        c = self.c
        budget = c.get_type("CampaignBudget")
        budget.resource_name = self.temp("campaignBudgets")
        budget.name = f"{camp.name} budget"
        budget.amount_micros = _micros(camp.daily_budget)
        budget.delivery_method = c.enums.BudgetDeliveryMethodEnum.STANDARD
        budget.explicitly_shared = False
        self.add("campaign_budget", "campaign_budget_operation", budget)
        return budget.resource_name

    def campaign(self, camp: AdsCampaign, budget_rn: str) -> str:
        rec, c = self.record, self.c
        targeting = rec.campaign.targeting
        res = c.get_type("Campaign")
        res.resource_name = self.temp("campaigns")
        res.name = camp.name
        res.advertising_channel_type = c.enums.AdvertisingChannelTypeEnum.SEARCH
        res.status = c.enums.CampaignStatusEnum.PAUSED
        res.campaign_budget = budget_rn
        res.contains_eu_political_advertising = (
            c.enums.EuPoliticalAdvertisingStatusEnum.DOES_NOT_CONTAIN_EU_POLITICAL_ADVERTISING
        )
        platforms = rec.request.platforms
        res.network_settings.target_google_search = True
        res.network_settings.target_search_network = bool(targeting.get("search_partners"))
        res.network_settings.target_content_network = "display" in platforms
        res.network_settings.target_partner_search_network = False
        self._bidding(res, camp, targeting)
        self.add("campaign", "campaign_operation", res)
        return res.resource_name

    def _bidding(self, res: Any, camp: AdsCampaign, targeting: dict[str, Any]) -> None:
        c, bidding = self.c, camp.bid_strategy
        if bidding == "manual_cpc":
            res.manual_cpc = c.get_type("ManualCpc")
            return
        spend = c.get_type("TargetSpend")  # the API's name for Maximize clicks
        if camp.max_cpc:
            spend.cpc_bid_ceiling_micros = _micros(camp.max_cpc)  # the CPC cap
        res.target_spend = spend

    def campaign_criteria(self, camp: AdsCampaign, campaign_rn: str) -> None:
        c = self.c
        for code in camp.languages:
            ids = LANGUAGE_CONSTANTS.get(code.lower())
            if not ids:
                if code not in self.plan.unmapped["languages"]:
                    self.plan.unmapped["languages"].append(code)
                continue
            for lang_id in ids:
                crit = c.get_type("CampaignCriterion")
                crit.campaign = campaign_rn
                crit.language.language_constant = f"languageConstants/{lang_id}"
                self.add("language", "campaign_criterion_operation", crit)
        for code in camp.locations:
            geo = geo_target_id(code)
            if geo is None:
                if code not in self.plan.unmapped["countries"]:
                    self.plan.unmapped["countries"].append(code)
                continue
            crit = c.get_type("CampaignCriterion")
            crit.campaign = campaign_rn
            crit.location.geo_target_constant = f"geoTargetConstants/{geo}"
            self.add("location", "campaign_criterion_operation", crit)
        for kw in self.record.campaign.negatives:
            crit = c.get_type("CampaignCriterion")
            crit.campaign = campaign_rn
            crit.negative = True
            self.keyword(crit, kw)
            self.add("campaign_negative", "campaign_criterion_operation", crit)

    def ad_groups(self, camp: AdsCampaign, campaign_rn: str) -> None:
        c, rec = self.c, self.record
        by_name = {g.name: g for g in rec.campaign.ad_groups}
        rotation = (
            c.enums.AdGroupAdRotationModeEnum.ROTATE_FOREVER
            if camp.ad_rotation == "rotate_indefinitely"
            else c.enums.AdGroupAdRotationModeEnum.OPTIMIZE
        )
        for group in (by_name[n] for n in camp.ad_groups if n in by_name):
            ag = c.get_type("AdGroup")
            ag.resource_name = self.temp("adGroups")
            ag.name = group.name
            ag.campaign = campaign_rn
            ag.status = c.enums.AdGroupStatusEnum.PAUSED
            ag.type_ = c.enums.AdGroupTypeEnum.SEARCH_STANDARD
            ag.ad_rotation_mode = rotation
            if camp.bid_strategy == "manual_cpc" and camp.max_cpc:
                ag.cpc_bid_micros = _micros(camp.max_cpc)  # manual CPC: the cap is the bid
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
                self._ad(ag.resource_name, group, ad)

    def _ad(self, ad_group_rn: str, group: Any, ad: Any) -> None:
        c = self.c
        url = ad.final_url or group.final_url
        if not url:
            self.plan.notes.append(f"{group.name}: an ad without a final URL was left out.")
            return
        group_name = group.name
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
        req = self.record.request
        campaigns = structure.campaigns_of(self.record)
        for camp in campaigns:
            budget_rn = self.budget(camp)
            campaign_rn = self.campaign(camp, budget_rn)
            self.campaign_criteria(camp, campaign_rn)
            self.ad_groups(camp, campaign_rn)
        self.plan.notes.append(
            f"{len(campaigns)} campaign(s), one per goal; daily budgets are sent as micros of the account's "
            f"currency: the request says {req.currency}, so check that the account bills in {req.currency}."
        )
        if "youtube" in req.platforms:
            self.plan.notes.append(
                "YouTube is not a network of a Search campaign: it needs a Video campaign, "
                "which this export does not create."
            )
        for name, codes in self.plan.unmapped.items():
            if codes:
                self.plan.notes.append(
                    f"Not targeted, no Google Ads id known for {name}: {', '.join(codes)}; "
                    "add them in Google Ads before enabling the campaigns."
                )
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
