"""The auto-fix: rewrite what Google would disapprove while keeping the meaning, record every
change, and say why whatever is left cannot be fixed automatically.

Text fixes run on each asset with the artist's own name masked (so "AC/DC" or "P!nk" are never
"corrected"), then ad-level fixes (empty assets, duplicates, too many assets, one "!" per ad,
paths, a final URL without its scheme). The passes repeat until nothing changes, so fixing a
fixed ad changes nothing (idempotent).

Every fix is language-aware: the language's typography (shared.typography: French no-break spaces
before : ; ! ? and inside « », German „…“, Spanish ¡ ¿) is kept through the generic spacing fixes and
restored by a last typography step, so a fix never adds a typography error; and an ad that names the
artist in no headline gets the artist's name as one."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from shared import brand
from shared.models import AdInput, Asset, Change, Finding
from shared.policy import CheckContext, check_ad
from shared.policy.base import DESCRIPTION, HEADLINE, LIMITS, PATH, UNFIXABLE
from shared.policy.capitalization import fix_capitalization
from shared.policy.destination import final_url_problem
from shared.policy.limits import (
    MAX_DESCRIPTIONS,
    MAX_HEADLINES,
    MIN_DESCRIPTIONS,
    MIN_HEADLINES,
    trim_to_width,
)
from shared.policy.phone import fix_phone
from shared.policy.punctuation import fix_symbols, keep_one_exclamation
from shared.policy.repetition import fix_repetition
from shared.policy.spacing import fix_spacing
from shared.policy.style import fix_style
from shared.policy.text import display_width, dup_key, mask_brands
from shared.typography import NBSP, NNBSP, typeset

MAX_PASSES = 4


# The no-break spaces French typography needs, hidden from the generic spacing fixes (which would
# turn them into plain spaces or remove them) and put back after.
_KEEP = {NBSP: "\ue0f0", NNBSP: "\ue0f1"}


def _keeping_typography(fn: Any, language: str) -> Any:
    if language[:2] != "fr":
        return fn

    def run(text: str) -> str:
        for ch, ph in _KEEP.items():
            text = text.replace(ch, ph)
        text = fn(text)
        for ch, ph in _KEEP.items():
            text = text.replace(ph, ch)
        return text

    return run


def _tidy(text: str, language: str = "en") -> str:
    """Whitespace and punctuation left over by removals: "Call  for tickets ," -> "Call for tickets"."""
    text = re.sub(r"[ \t\r\n]+", " ", text).strip()
    # French keeps its (no-break) space before ; : ! ? — the typography step sets the right one.
    text = re.sub(r"\s+([,.])" if language[:2] == "fr" else r"\s+([,.;:!?])", r"\1", text)
    text = re.sub(r"^[\s,.;:!?\-–—/|]+", "", text)
    text = re.sub(r"[\s,;:\-–—/|]+$", "", text)
    text = re.sub(r"([,.;:])(?:\s*[,;:])+", r"\1", text)
    return text


class _Recorder:
    def __init__(self) -> None:
        self.changes: list[Change] = []

    def step(self, field: str, before: str, after: str, policy: str) -> str:
        if after != before:
            self.changes.append(Change(field=field, before=before, after=after, policy=policy))
        return after


def _text_steps(kind: str, language: str) -> list[tuple[str, Any]]:
    """(policy, fix) in an order where each fix leaves nothing for an earlier one to redo."""
    spacing = _keeping_typography(lambda t: fix_spacing(t, language), language)
    tidy = _keeping_typography(lambda t: _tidy(t, language), language)
    steps: list[tuple[str, Any]] = [("unacceptable_spacing", spacing)]
    if kind == PATH:
        return steps + [
            ("punctuation_and_symbols", lambda t: fix_symbols(t, kind, language).strip()),
            ("phone_number_in_ad_text", lambda t: fix_phone(t).strip()),
            ("destination_requirements", lambda t: re.sub(r"[\s/\\]+", "-", t.strip()).strip("-")),
        ]
    return steps + [
        ("style_and_spelling", lambda t: tidy(fix_style(t, language))),
        ("punctuation_and_symbols", lambda t: tidy(fix_symbols(t, kind, language))),
        ("phone_number_in_ad_text", lambda t: tidy(fix_phone(t))),
        ("capitalization", fix_capitalization),
        ("repetition", fix_repetition),
        ("unacceptable_spacing", lambda t: tidy(spacing(t))),
        # Last: the language's own typography (brand terms are masked here, so never touched).
        ("typography", lambda t: typeset(t, language)),
    ]


def _fix_text(text: str, kind: str, field: str, ctx: CheckContext, rec: _Recorder) -> str:
    """One asset through every text fix; the steps are memoised per text and replayed into the
    recorder under this field's name."""
    steps, result = _text_fix_steps(text, kind, ctx.language or "en", ctx.brand_tuple())
    for policy, before, after in steps:
        rec.step(field, before, after, policy)
    return result


@lru_cache(maxsize=1 << 15)
def _text_fix_steps(
    text: str, kind: str, language: str, brands: tuple[str, ...]
) -> tuple[tuple[tuple[str, str, str], ...], str]:
    """(policy, before, after) for each fix that changed the text, and the fixed text, with the
    brand terms masked so they are never changed."""
    rec = _Recorder()
    field = ""
    masked = mask_brands(text, brands)
    cur = masked.text
    if "{" not in text:  # dynamic tags are left exactly as written
        for policy, fn in _text_steps(kind, language):
            new = fn(cur)
            if new != cur:
                rec.step(field, masked.unmask(cur), masked.unmask(new), policy)
                cur = new

    def measure(t: str) -> int:
        return display_width(masked.unmask(t))

    limit = LIMITS[kind]
    if "{" not in text and measure(cur) > limit:
        trimmed = _trim(cur, limit, kind, measure, language)
        if trimmed:
            rec.step(field, masked.unmask(cur), masked.unmask(trimmed), "character_limit")
            cur = trimmed
    return tuple((c.policy, c.before, c.after) for c in rec.changes), masked.unmask(cur)


def _trim(text: str, limit: int, kind: str, measure: Any, language: str) -> str | None:
    if kind == PATH:
        out = ""
        for part in re.split(r"(-)", text):
            if measure(out + part) > limit:
                break
            out += part
        return out.strip("-") or None
    return trim_to_width(text, limit, measure, language)


def _fix_assets(
    assets: list[Asset], kind: str, ctx: CheckContext, rec: _Recorder, lo: int, hi: int
) -> list[Asset]:
    plural = kind + "s"
    fixed = [
        Asset(text=_fix_text(a.text, kind, f"{plural}[{i}]", ctx, rec), pin=a.pin)
        for i, a in enumerate(assets)
    ]
    if kind == DESCRIPTION:
        # Masked: the "!" of a brand term (P!nk) is a letter, not an exclamation mark.
        masks = [mask_brands(a.text, ctx.brand_tuple()) for a in fixed]
        texts = [
            m.unmask(t) for m, t in zip(masks, keep_one_exclamation([m.text for m in masks]), strict=True)
        ]
        for i, (a, t) in enumerate(zip(fixed, texts, strict=True)):
            if t != a.text:
                rec.step(f"{plural}[{i}]", a.text, t, "punctuation_and_symbols")
                fixed[i] = Asset(text=t, pin=a.pin)
        for i, a in enumerate(fixed):
            if a.pin is not None and a.pin > 2:
                rec.step(f"{plural}[{i}].pin", str(a.pin), "", "asset_count")
                fixed[i] = Asset(text=a.text, pin=None)
    # Drop empty assets and later duplicates, as long as the ad keeps its minimum.
    keep: list[Asset] = []
    seen: set[str] = set()
    for i, a in enumerate(fixed):
        key = dup_key(a.text)
        empty = not a.text.strip()
        duplicate = key in seen
        live_after = sum(1 for b in fixed[i + 1 :] if b.text.strip() and dup_key(b.text) not in seen | {key})
        if (empty or duplicate) and len(keep) + live_after >= lo:
            rec.step(f"{plural}[{i}]", a.text, "", "asset_count" if empty else "repetition")
            continue
        seen.add(key)
        keep.append(a)
    while len(keep) > hi:
        drop = max((i for i, a in enumerate(keep) if a.pin is None), default=len(keep) - 1)
        rec.step(f"{plural}[{drop}]", keep[drop].text, "", "asset_count")
        keep.pop(drop)
    return keep


def _fix_url(url: str, rec: _Recorder) -> str:
    stripped = url.strip()
    if stripped and "://" not in stripped and re.match(r"^[\w.-]+\.[a-z]{2,}(?:[/?#]\S*)?$", stripped, re.I):
        stripped = "https://" + stripped
    if stripped != url and final_url_problem(stripped) is None:
        return rec.step("final_url", url, stripped, "destination_requirements")
    return url


def _one_pass(ad: AdInput, ctx: CheckContext, rec: _Recorder) -> AdInput:
    headlines = _fix_assets(ad.headlines, HEADLINE, ctx, rec, MIN_HEADLINES, MAX_HEADLINES)
    descriptions = _fix_assets(ad.descriptions, DESCRIPTION, ctx, rec, MIN_DESCRIPTIONS, MAX_DESCRIPTIONS)
    path1 = _fix_text(ad.path1, PATH, "path1", ctx, rec) if ad.path1 else ""
    path2 = _fix_text(ad.path2, PATH, "path2", ctx, rec) if ad.path2 else ""
    if path2 and not path1:
        rec.step("path1", path1, path2, "destination_requirements")
        rec.step("path2", path2, "", "destination_requirements")
        path1, path2 = path2, ""
    return AdInput(
        headlines=headlines,
        descriptions=descriptions,
        path1=path1,
        path2=path2,
        final_url=_fix_url(ad.final_url, rec),
    )


def _explain(f: Finding) -> Finding:
    """A disapproval the fix could not remove says so, for the SUPERVISOR to send the ad group back."""
    if f.severity != "disapproved" or (f.fix or "").startswith(UNFIXABLE):
        return f
    return f.model_copy(
        update={
            "fix": UNFIXABLE
            + "the automatic rewrite could not resolve it; "
            + (f.fix or "rewrite this asset.")
        }
    )


def _name_the_artist(ad: AdInput, artist: str, rec: _Recorder) -> AdInput:
    """Every ad says whose it is: with no headline naming the artist, the name becomes one (added
    while there is room, else in place of the last unpinned headline). Idempotent: an ad that names
    the artist is left as it is."""
    name = artist.strip()
    if not name or display_width(name) > LIMITS[HEADLINE] or not ad.headlines:
        return ad
    if any(brand.mentions(h.text, name) for h in ad.headlines):
        return ad
    headlines = list(ad.headlines)
    field = f"headlines[{len(headlines)}]"
    if len(headlines) < MAX_HEADLINES:
        rec.step(field, "", name, "artist_in_headline")
        headlines.append(Asset(text=name))
    else:
        i = max((n for n, h in enumerate(headlines) if h.pin is None), default=len(headlines) - 1)
        rec.step(f"headlines[{i}]", headlines[i].text, name, "artist_in_headline")
        headlines[i] = Asset(text=name, pin=headlines[i].pin)
    return ad.model_copy(update={"headlines": headlines})


def fix_ad(
    ad: AdInput | dict[str, Any],
    context: CheckContext | dict[str, Any] | None = None,
    *,
    advisory: bool = False,
    artist: str | None = None,
) -> tuple[AdInput, list[Change], list[Finding]]:
    """(fixed ad, changes before -> after, findings left after the fix). With `artist`, an ad that
    names it in no headline gets it as one."""
    original = ad if isinstance(ad, AdInput) else AdInput.model_validate(ad)
    ctx = CheckContext.of(context)
    rec = _Recorder()
    # Work on a plain AdInput copy (callers keep their object; a ResponsiveSearchAd's extra fields
    # such as angle are put back at the end).
    current = AdInput.model_validate(original.model_dump(include=set(AdInput.model_fields)))
    for _ in range(MAX_PASSES):
        before = current.model_dump()
        current = _one_pass(current, ctx, rec)
        if current.model_dump() == before:
            break
    if artist:
        current = _name_the_artist(current, artist, rec)
    # Fields of the same type as the input: a ResponsiveSearchAd stays one (angle, etc. kept).
    if type(original) is not AdInput:
        current = type(original).model_validate({**original.model_dump(), **current.model_dump()})
    report = check_ad(
        AdInput.model_validate(current.model_dump(include=set(AdInput.model_fields))), ctx, advisory=advisory
    )
    return current, rec.changes, [_explain(f) for f in report.findings]
