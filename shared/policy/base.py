"""What every rule receives (one `AdView` per check, built once) and how it reports a finding."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from shared.models import AdInput, Finding
from shared.models.ads import Severity
from shared.policy.ad_format import DESCRIPTION, HEADLINE, LIMITS, PATH  # noqa: F401 (re-exported)
from shared.policy.context import CheckContext
from shared.policy.text import WORD, mask_brands, resolve_dynamic

UNFIXABLE = "Cannot be fixed automatically: "


@dataclass(slots=True)
class Text:
    field: str  # "headlines[2]", "descriptions[0]", "path1"
    kind: str  # headline, description, path
    index: int
    raw: str  # as written
    masked: str  # dynamic tags resolved to their default, brand terms replaced by a neutral word
    pin: int | None = None
    tokens: tuple[str, ...] = ()  # the words of `masked`, as written
    words: frozenset[str] = frozenset()  # the same, lower-cased: rules test trigger words against it
    ascii: bool = True
    tripled: str | None = None  # a word said three times in a row, if any

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
    name: str, kind: str, index: int, raw: str, brands: tuple[str, ...], pin: int | None = None
) -> Text:
    masked, tokens, words, tripled = _prepare(raw, brands)
    return Text(name, kind, index, raw, masked, pin, tokens, words, masked.isascii(), tripled)


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
        texts = [make_text(name, kind, i, raw, env.brands, pin) for name, kind, i, raw, pin in ad_fields(ad)]
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
def _prepare(raw: str, brands: tuple[str, ...]) -> tuple[str, tuple[str, ...], frozenset[str], str | None]:
    """Masked text, its words, their lower-case set and any word tripled in a row; memoised
    because every rule reads them."""
    masked = mask_brands(resolve_dynamic(raw), brands).text
    tokens = tuple(WORD.findall(masked))
    low = [w.lower() for w in tokens]
    tripled = next((tokens[i] for i in range(len(low) - 2) if low[i] == low[i + 1] == low[i + 2]), None)
    return masked, tokens, frozenset(low), tripled


@lru_cache(maxsize=1 << 16)
def finding(
    policy: str, severity: Severity, field_name: str, message: str, fix: str | None = None
) -> Finding:
    """One finding. Memoised (the same asset problem recurs across checks): treat findings as
    read-only and use model_copy to change one, as the fixer does."""
    return Finding(policy=policy, severity=severity, field=field_name, message=message, fix=fix)
