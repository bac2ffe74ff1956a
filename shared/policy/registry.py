"""The rule registry and the `check_ad` entry point. Each rule is a pure function of an `AdView`;
the registry runs them all and sorts the findings so equal ads always give identical reports.

`check_ad` does not call the rules one by one: most of a rule's work is per text (one asset or
path on its own), and the same texts recur across the variants of a group, re-checks and fix
passes. So each family also exposes that per-text part, `run_rules` runs all of them in one pass
per text and memoises the result (`_text_result`), and only the little that spans texts (the
duplicates, the ad's one "!", tickets reported once, the final URL's domain, asset counts) runs
per ad. `reference_findings` runs the RULES the plain way; a test holds both to the same output."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, NamedTuple

from shared.models import AdInput, ComplianceReport, Finding
from shared.policy.ad_features import ad_features_in_text, misuse_of_ad_features
from shared.policy.base import DESCRIPTION, AdView, Rule, TextEnv, TextRule, ad_fields, make_text
from shared.policy.capitalization import capitalization, capitalization_in_text
from shared.policy.context import CheckContext
from shared.policy.copyrights import copyrights, copyrights_in_text
from shared.policy.counterfeit import counterfeit_goods, counterfeit_in_text
from shared.policy.destination import (
    ad_destination,
    copy_domains,
    destination_requirements,
    final_domain,
    links_in_text,
    mismatches,
    path_in_text,
)
from shared.policy.gambling import gambling_and_games, gambling_in_text
from shared.policy.limits import asset_count, character_limit, character_limit_in_text
from shared.policy.misrepresentation import misrepresentation, misrepresentation_in_text
from shared.policy.phone import phone_number_in_ad_text, phone_number_in_text
from shared.policy.punctuation import (
    description_bangs,
    exclamation_budget,
    punctuation_and_symbols,
    punctuation_in_text,
)
from shared.policy.repetition import duplicate_key, duplicates, repetition, repetition_in_text
from shared.policy.screen import clean
from shared.policy.spacing import spacing_in_text, unacceptable_spacing
from shared.policy.style import style_and_spelling, style_in_text
from shared.policy.text import dup_key
from shared.policy.tickets import event_ticket_sales, ticket_finding
from shared.policy.trademarks import trademarks, trademarks_in_text

# policy id -> rule, in Google's order of severity: editorial and destination rules disapprove,
# the content rules after them limit.
RULES: dict[str, Rule] = {
    "character_limit": character_limit,
    "asset_count": asset_count,
    "capitalization": capitalization,
    "punctuation_and_symbols": punctuation_and_symbols,
    "unacceptable_spacing": unacceptable_spacing,
    "repetition": repetition,
    "phone_number_in_ad_text": phone_number_in_ad_text,
    "style_and_spelling": style_and_spelling,
    "misuse_of_ad_features": misuse_of_ad_features,
    "destination_requirements": destination_requirements,
    "copyrights": copyrights,
    "counterfeit_goods": counterfeit_goods,
    "misrepresentation": misrepresentation,
    "trademarks": trademarks,
    "gambling_and_games": gambling_and_games,
    "event_ticket_sales": event_ticket_sales,
}
# The per-text part of each rule above (asset_count has none; event_ticket_sales' is
# `ticket_finding`, kept apart because the ad reports only its first ticket text).
TEXT_RULES: tuple[TextRule, ...] = (
    character_limit_in_text,
    capitalization_in_text,
    punctuation_in_text,
    spacing_in_text,
    repetition_in_text,
    phone_number_in_text,
    style_in_text,
    ad_features_in_text,
    path_in_text,
    links_in_text,
    copyrights_in_text,
    counterfeit_in_text,
    misrepresentation_in_text,
    trademarks_in_text,
    gambling_in_text,
)
SEVERITY_ORDER = {"disapproved": 0, "limited": 1, "advisory": 2}
_FIELD = re.compile(r"^(headlines|descriptions)\[(\d+)\]$")
_FIELD_ORDER = {"headlines": 0, "descriptions": 1, "path1": 2, "path2": 3, "final_url": 4, "ad": 5}


@lru_cache(maxsize=4096)  # a handful of distinct fields ("headlines[0]".."ad"), sorted on every check
def field_key(name: str) -> tuple[int, int]:
    m = _FIELD.match(name)
    if m:
        return _FIELD_ORDER[m.group(1)], int(m.group(2))
    return _FIELD_ORDER.get(name, 9), 0


def _sort_key(f: Finding) -> tuple[tuple[int, int], int, str, str]:
    return field_key(f.field), SEVERITY_ORDER[f.severity], f.policy, f.message


def sort_findings(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=_sort_key)


class TextResult(NamedTuple):
    """What one text contributes to a check: its own findings, plus what the ad-wide parts of
    repetition, punctuation, ticket sales and destination need to know about it."""

    findings: tuple[Finding, ...]
    dup_key: str
    bangs: int
    ticket: Finding | None
    domains: tuple[str, ...]


def _compute(name: str, kind: str, index: int, raw: str, env: TextEnv) -> TextResult:
    if clean(raw, kind, env):  # the common case: no rule can flag it (see screen.py)
        return TextResult((), dup_key(raw), 0, None, ())
    t = make_text(name, kind, index, raw, env.brands, None, env.language)
    found = tuple(f for rule in TEXT_RULES for f in rule(t, env))
    return TextResult(found, duplicate_key(t), description_bangs(t), ticket_finding(t), copy_domains(t))


# The per-text results, by checking context, then (field, text): the context is looked up once per
# ad and a text's key is two strings whose hashes Python keeps. No pin in the key: the per-text
# rules never read it (asset_count checks pins per ad); the field's kind and index follow from its
# name. Bounded by emptying it when full: cheaper than keeping an LRU order for every text of a
# batch of new ads, and what recurs (the variants of a campaign, re-checks) is close together.
_MEMO: dict[TextEnv, dict[tuple[str, str], TextResult]] = {}
MEMO_LIMIT = 1 << 16
_memo_size = 0


def _memo_for(env: TextEnv) -> dict[tuple[str, str], TextResult]:
    memo = _MEMO.get(env)
    if memo is None:
        memo = _MEMO[env] = {}
    return memo


def _remember(memo: dict[tuple[str, str], TextResult], key: tuple[str, str], result: TextResult) -> None:
    global _memo_size
    if _memo_size >= MEMO_LIMIT:
        _MEMO.clear()
        _memo_size = 0
    memo[key] = result
    _memo_size += 1


def _text_result(name: str, kind: str, index: int, raw: str, env: TextEnv) -> TextResult:
    memo = _memo_for(env)
    r = memo.get((name, raw))
    if r is None:
        r = _compute(name, kind, index, raw, env)
        _remember(memo, (name, raw), r)
    return r


_FIRST_FIELD = {"headline": "headlines[0]", "description": "descriptions[0]", "path": "path1"}


def check_text(
    text: str, kind: str, brands: tuple[str, ...] = (), language: str = "en"
) -> tuple[Finding, ...]:
    """The findings of one asset or display path on its own (`kind`: headline, description or path):
    what a writer asks before proposing a text. The same per-text rules and memo as `check_ad`; what
    only a whole ad can show (duplicates, the ad's one "!", asset counts) is not in it."""
    return _text_result(_FIRST_FIELD[kind], kind, 0, text, TextEnv(brands, language, ())).findings


def run_rules(ad: AdInput, ctx: CheckContext) -> list[Finding]:
    """Every rule's findings, unsorted: the same findings as `reference_findings`."""
    env = TextEnv.of(ctx)
    out: list[Finding] = []
    dups: list[tuple[str, str, str]] = []
    bangs: list[tuple[str, int]] = []
    ticket: Finding | None = None
    home = final_domain(ad.final_url)
    memo = _memo_for(env)
    for name, kind, index, raw, _pin in ad_fields(ad):
        r = memo.get((name, raw))
        if r is None:
            r = _compute(name, kind, index, raw, env)
            _remember(memo, (name, raw), r)
        out.extend(r.findings)
        dups.append((name, kind, r.dup_key))
        if kind == DESCRIPTION:
            bangs.append((name, r.bangs))
        if ticket is None:
            ticket = r.ticket
        if r.domains:
            out.extend(mismatches(name, r.domains, home))
    out.extend(duplicates(dups))
    out.extend(exclamation_budget(bangs))
    if ticket is not None:
        out.append(ticket)
    out.extend(ad_destination(ad))
    out.extend(asset_count(AdView(ad, ctx, [], env)))  # reads only the ad
    return out


def clear_caches() -> None:
    """Forget every memoised per-text result (the benchmark's never-seen figure starts here). The
    loaded data (vocabularies, automata, word lists, character classes) stays: it is not per text."""
    import sys

    global _memo_size
    _MEMO.clear()
    _memo_size = 0
    for name, module in list(sys.modules.items()):
        if not name.startswith(("shared.policy", "optimizer")):
            continue
        for value in list(vars(module).values()):
            info = getattr(value, "cache_info", None)
            if callable(info) and getattr(value, "__module__", "").startswith(("shared.policy", "optimizer")):
                size = info().maxsize
                if size is not None and size >= 1 << 12:
                    value.cache_clear()


def reference_findings(ad: AdInput, ctx: CheckContext) -> list[Finding]:
    """The RULES run one after the other on a full AdView, sorted: the plain, slower statement
    of what `run_rules` computes."""
    view = AdView.build(ad, ctx)
    return sort_findings([f for rule in RULES.values() for f in rule(view)])


def check_ad(
    ad: AdInput | dict[str, Any],
    context: CheckContext | dict[str, Any] | None = None,
    *,
    advisory: bool = False,
) -> ComplianceReport:
    """Every policy finding for one RSA. `compliant` is False exactly when a finding is disapproved.

    With `advisory=True` the ad strength action items are added as advisory findings (the campaign
    job stores them on the ad); the CLI and HTTP API report them under `ad_strength` instead."""
    ad = ad if isinstance(ad, AdInput) else AdInput.model_validate(ad)
    ctx = CheckContext.of(context)
    findings = run_rules(ad, ctx)
    if advisory:
        from optimizer.strength import ad_strength, advisory_findings

        findings.extend(advisory_findings(ad_strength(ad, ctx.keywords)))
    findings = sort_findings(findings)
    return ComplianceReport(
        compliant=not any(f.severity == "disapproved" for f in findings), findings=findings
    )
