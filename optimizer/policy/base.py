"""What every rule receives (one `AdView` per check, built once) and how it reports a finding."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from optimizer.policy.context import CheckContext
from optimizer.text import WORD, mask_brands, resolve_dynamic
from shared.models import AdInput, Finding
from shared.models.ads import Severity

HEADLINE, DESCRIPTION, PATH = "headline", "description", "path"
LIMITS = {HEADLINE: 30, DESCRIPTION: 90, PATH: 15}
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


@dataclass(slots=True)
class AdView:
    ad: AdInput
    ctx: CheckContext
    texts: list[Text] = field(default_factory=list)

    @classmethod
    def build(cls, ad: AdInput, ctx: CheckContext) -> AdView:
        brands = ctx.brand_tuple()

        def text(name: str, kind: str, index: int, raw: str, pin: int | None = None) -> Text:
            masked, tokens, words, tripled = _prepare(raw, brands)
            return Text(name, kind, index, raw, masked, pin, tokens, words, masked.isascii(), tripled)

        texts: list[Text] = []
        for i, a in enumerate(ad.headlines):
            texts.append(text(f"headlines[{i}]", HEADLINE, i, a.text, a.pin))
        for i, a in enumerate(ad.descriptions):
            texts.append(text(f"descriptions[{i}]", DESCRIPTION, i, a.text, a.pin))
        for i, p in enumerate((ad.path1, ad.path2), start=1):
            if p:
                texts.append(text(f"path{i}", PATH, i - 1, p))
        return cls(ad, ctx, texts)

    def copy_texts(self) -> list[Text]:
        """Headlines and descriptions: the ad copy proper (paths are checked by fewer rules)."""
        return [t for t in self.texts if t.kind != PATH]


def triggers(words: str) -> frozenset[str]:
    return frozenset(words.split())


Rule = Callable[[AdView], Iterable[Finding]]


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
def finding(policy: str, severity: Severity, field_name: str, message: str, fix: str | None = None) -> Finding:
    """One finding. Memoised (the same asset problem recurs across checks): treat findings as
    read-only and use model_copy to change one, as the fixer does."""
    return Finding(policy=policy, severity=severity, field=field_name, message=message, fix=fix)
