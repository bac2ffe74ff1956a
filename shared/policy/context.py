"""The optional context of a check: whose ad it is and where it runs. Brand terms exempt the
artist's own stylised name from the text rules; keywords feed ad strength; third-party terms (e.g.
the similar artists of a "fans of similar artists" group) are reported as trademarks."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator


class CheckContext(BaseModel):
    # Extra keys are ignored rather than rejected: callers pass richer contexts (theme, group name)
    # and a context can only ever relax or add findings through the fields below.
    model_config = ConfigDict(extra="ignore")

    brand_terms: list[str] = Field(default_factory=list)
    language: str = "en"
    country: str = "US"
    keywords: list[str] = Field(default_factory=list)
    third_party_terms: list[str] = Field(default_factory=list)

    @field_validator("brand_terms", "keywords", "third_party_terms", mode="before")
    @classmethod
    def _strings(cls, v: Any) -> Any:
        if v is None:
            return []
        if isinstance(v, list):
            # Keywords may arrive as Keyword dicts ({"text": ..., "match_type": ...}).
            return [x.get("text", "") if isinstance(x, dict) else x for x in v if x]
        return v

    @field_validator("language", "country", mode="before")
    @classmethod
    def _code(cls, v: Any, info: ValidationInfo) -> Any:
        # A missing or empty code means "the default" (en / US), not an error.
        return v or cls.model_fields[info.field_name].default

    def brand_tuple(self) -> tuple[str, ...]:
        return tuple(t for t in self.brand_terms if t and t.strip())

    @classmethod
    def of(cls, context: CheckContext | dict[str, Any] | None) -> CheckContext:
        if isinstance(context, CheckContext):
            return context
        data = {k: v for k, v in (context or {}).items() if v is not None}
        try:
            key = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in data.items()))
            return _cached(key)
        except TypeError:  # unhashable values (keyword dicts): validate directly
            return cls.model_validate(data)


@lru_cache(maxsize=1024)
def _cached(key: tuple[tuple[str, Any], ...]) -> CheckContext:
    """Contexts repeat for every ad of a campaign or batch; a shared instance is only ever read."""
    return CheckContext.model_validate({k: list(v) if isinstance(v, tuple) else v for k, v in key})
