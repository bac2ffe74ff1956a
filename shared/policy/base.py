"""What every rule receives (one `AdView` per check, built once) and how it reports a finding."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from shared.models import AdInput, Finding
from shared.models.ads import Severity
from shared.policy import vocabulary
from shared.policy.ad_format import DESCRIPTION, HEADLINE, LIMITS, PATH  # noqa: F401 (re-exported)
from shared.policy.context import CheckContext
from shared.policy.text import (
    brand_word,
    mask_abbreviations,
    mask_brands,
    normalise,
    resolve_dynamic,
    script_words,
)

UNFIXABLE = "Cannot be fixed automatically: "


@dataclass(slots=True)
class Text:
    field: str  # "headlines[2]", "descriptions[0]", "path1"
    kind: str  # headline, description, path
    index: int
    raw: str  # as written
    masked: (
        str  # dynamic tags resolved to their default, brand terms and abbreviations replaced by neutral words
    )
    pin: int | None = None
    tokens: tuple[str, ...] = ()  # the words of `masked`, as written (a change of script ends a word)
    words: frozenset[str] = frozenset()  # the same, lower-cased: rules test trigger words against it
    ascii: bool = True
    tripled: str | None = None  # a word said three times in a row, if any
    norm: str = ""  # `masked` in NFKC (full-width digits and dashes made plain) for numbers and words
    language: str = "en"  # the vocabulary in use (shared.policy.vocabulary.supported)
    shouted_brands: tuple[str, ...] = ()  # the advertiser's name written in capitals it does not use

    @property
    def hits(self) -> tuple[vocabulary.Hit, ...]:
        """Every vocabulary phrase and third-party mark in the text (one memoised scan)."""
        return vocabulary.scan(self.norm, self.language)

    def has_any(self, triggers: frozenset[str]) -> bool:
        """Cheap pre-test: could a rule keyed on these words match at all? Non-ASCII text always
        could (scripts without spaces, such as Chinese, have no word boundaries to test)."""
        return not self.ascii or not self.words.isdisjoint(triggers)


class TextEnv(NamedTuple):
    """The part of the context a per-text check may read. Hashable: it is part of the key under
    which the registry memoises each text's findings."""

    brands: tuple[str, ...]
    language: str
    third_party: tuple[str, ...]

    @classmethod
    def of(cls, ctx: CheckContext) -> TextEnv:
        return cls(ctx.brand_tuple(), ctx.language or "en", tuple(ctx.third_party_terms))


def make_text(
    name: str,
    kind: str,
    index: int,
    raw: str,
    brands: tuple[str, ...],
    pin: int | None = None,
    language: str = "en",
) -> Text:
    lang = vocabulary.supported(language)
    masked, norm, tokens, words, tripled, shouted = _prepare(raw, brands, lang)
    return Text(
        name, kind, index, raw, masked, pin, tokens, words, masked.isascii(), tripled, norm, lang, shouted
    )


def ad_fields(ad: AdInput) -> Iterator[tuple[str, str, int, str, int | None]]:
    """(field, kind, index, text, pin) of every asset and display path the text rules check."""
    for i, a in enumerate(ad.headlines):
        yield f"headlines[{i}]", HEADLINE, i, a.text, a.pin
    for i, a in enumerate(ad.descriptions):
        yield f"descriptions[{i}]", DESCRIPTION, i, a.text, a.pin
    for i, p in enumerate((ad.path1, ad.path2), start=1):
        if p:
            yield f"path{i}", PATH, i - 1, p, None


@dataclass(slots=True)
class AdView:
    ad: AdInput
    ctx: CheckContext
    texts: list[Text] = field(default_factory=list)
    env: TextEnv = TextEnv((), "en", ())

    @classmethod
    def build(cls, ad: AdInput, ctx: CheckContext) -> AdView:
        env = TextEnv.of(ctx)
        texts = [
            make_text(name, kind, i, raw, env.brands, pin, env.language)
            for name, kind, i, raw, pin in ad_fields(ad)
        ]
        return cls(ad, ctx, texts, env)

    def copy_texts(self) -> list[Text]:
        """Headlines and descriptions: the ad copy proper (paths are checked by fewer rules)."""
        return [t for t in self.texts if t.kind != PATH]


def triggers(words: str) -> frozenset[str]:
    return frozenset(words.split())


Rule = Callable[[AdView], Iterable[Finding]]
# The per-text part of a rule: the findings of one asset or path on its own. It must read nothing
# but the Text (not its pin) and the TextEnv, so that its result can be memoised per text.
TextRule = Callable[[Text, TextEnv], Iterable[Finding]]


@lru_cache(maxsize=1 << 16)
def _prepare(
    raw: str, brands: tuple[str, ...], language: str
) -> tuple[str, str, tuple[str, ...], frozenset[str], str | None, tuple[str, ...]]:
    """Masked text, its NFKC form, its words, their lower-case set, any word tripled in a row and
    the brand occurrences shouted in capitals; memoised because every rule reads them."""
    brand = mask_brands(resolve_dynamic(raw), brands)
    masked = mask_abbreviations(brand.text, language)
    norm = normalise(masked)
    tokens = script_words(masked)
    low = [w.lower() for w in tokens]
    # A word three times in a row: each occurrence of the brand counts as the one word it is
    # ("Luna Luna Luna" is tripled, the band "Bye Bye Bye" is not), whatever its placeholder number.
    said = [brand_word(w, brand.spans) for w in tokens] if brand.spans else list(tokens)
    said_low = [w.lower() for w in said] if brand.spans else low
    tripled = None
    if len(said_low) > 2 and len(set(said_low)) < len(said_low):
        tripled = next(
            (said[i] for i in range(len(said_low) - 2) if said_low[i] == said_low[i + 1] == said_low[i + 2]),
            None,
        )
    return masked, norm, tokens, frozenset(low), tripled, brand.shouted


@lru_cache(maxsize=1 << 16)
def finding(
    policy: str, severity: Severity, field_name: str, message: str, fix: str | None = None
) -> Finding:
    """One finding. Memoised (the same asset problem recurs across checks): treat findings as
    read-only and use model_copy to change one, as the fixer does."""
    return Finding(policy=policy, severity=severity, field=field_name, message=message, fix=fix)
