"""What we ask an LLM to return, as pydantic models: the JSON schema goes into `response_format`, and
validating the answer against the same models gives the exact errors we send back for repair.

Limits are part of the schema (max lengths, counts) *and* re-checked against the editorial rules, so a
model that writes "FREE TICKETS!!" is told precisely what to fix."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from marketing import preflight
from shared.models import CreativeBrief
from shared.policy.ad_format import (
    DESCRIPTION,
    HEADLINE,
    KEYWORD_MAX_CHARS,
    KEYWORD_MAX_WORDS,
    LIMITS,
    MAX_DESCRIPTIONS,
    MAX_HEADLINES,
    MIN_DESCRIPTIONS,
    MIN_HEADLINES,
    PATH,
    keyword_fits,
)


def _check(texts: list[str], kind: str, info: ValidationInfo) -> list[str]:
    context = info.context or {}
    brand = frozenset(context.get("brand", ()))
    problems = []
    for i, text in enumerate(texts):
        found = preflight.issues(text, kind, brand, context.get("language"))
        if found:
            problems.append(f"[{i}] {text!r}: {'; '.join(found)}")
    seen: set[str] = set()
    for i, text in enumerate(texts):
        norm = preflight.normalise(text)
        if norm in seen:
            problems.append(f"[{i}] {text!r}: duplicate of an earlier {kind}")
        seen.add(norm)
    if problems:
        raise ValueError(f"{kind}s break Google's rules: " + " | ".join(problems))
    return texts


class AdCopy(BaseModel):
    """One responsive search ad."""

    model_config = ConfigDict(extra="ignore")

    angle: str = Field(..., min_length=2, max_length=60, description="what this ad leads with")
    headlines: list[str] = Field(
        ...,
        min_length=MIN_HEADLINES,
        max_length=MAX_HEADLINES,
        description=f"up to {MAX_HEADLINES} headlines, each at most {LIMITS[HEADLINE]} characters",
    )
    descriptions: list[str] = Field(
        ...,
        min_length=MIN_DESCRIPTIONS,
        max_length=MAX_DESCRIPTIONS,
        description=f"up to {MAX_DESCRIPTIONS} descriptions, each at most {LIMITS[DESCRIPTION]} characters",
    )
    path1: str = Field("", max_length=LIMITS[PATH])
    path2: str = Field("", max_length=LIMITS[PATH])

    @field_validator("headlines")
    @classmethod
    def _headlines(cls, v: list[str], info: ValidationInfo) -> list[str]:
        return _check([t.strip() for t in v], "headline", info)

    @field_validator("descriptions")
    @classmethod
    def _descriptions(cls, v: list[str], info: ValidationInfo) -> list[str]:
        return _check([t.strip() for t in v], "description", info)

    @field_validator("path1", "path2")
    @classmethod
    def _path(cls, v: str, info: ValidationInfo) -> str:
        v = v.strip()
        found = preflight.issues(v, "path", (), (info.context or {}).get("language")) if v else []
        if found:
            raise ValueError("; ".join(found))
        return v


class AdGroupCopy(BaseModel):
    """Two RSAs with different angles plus keyword ideas: one ad group."""

    model_config = ConfigDict(extra="ignore")

    ads: list[AdCopy] = Field(..., min_length=2, max_length=2)
    keywords: list[str] = Field(..., min_length=1, max_length=20, description="search keyword ideas")

    @field_validator("ads")
    @classmethod
    def _angles_differ(cls, v: list[AdCopy]) -> list[AdCopy]:
        if len(v) == 2 and v[0].angle.strip().lower() == v[1].angle.strip().lower():
            raise ValueError("the two ads must lead with different angles (for an A/B test)")
        return v

    @field_validator("keywords")
    @classmethod
    def _keywords(cls, v: list[str]) -> list[str]:
        bad = [k for k in v if not keyword_fits(k)]
        if bad:
            raise ValueError(
                f"keywords must be 1-{KEYWORD_MAX_CHARS} characters and at most {KEYWORD_MAX_WORDS} words: {bad}"
            )
        return [k.strip() for k in v]


class BriefCopy(CreativeBrief):
    """The creative brief as the model returns it (same fields as the stored CreativeBrief)."""

    model_config = ConfigDict(extra="ignore")

    @field_validator("visual_concepts")
    @classmethod
    def _two_directions(cls, v: dict[str, str]) -> dict[str, str]:
        if set(v) != {"A", "B"} or not all(x.strip() for x in v.values()):
            raise ValueError('visual_concepts must have exactly two directions, keys "A" and "B"')
        return v

    @field_validator("social_captions")
    @classmethod
    def _captions(cls, v: dict[str, str]) -> dict[str, str]:
        if not v:
            raise ValueError("social_captions needs at least one platform")
        return v


def response_format(model: type[BaseModel], name: str) -> dict[str, Any]:
    """OpenAI's `response_format` for structured output. Not `strict`: strict mode forbids the length
    keywords we rely on, and providers other than OpenAI ignore it anyway; we validate ourselves."""
    return {"type": "json_schema", "json_schema": {"name": name, "schema": model.model_json_schema()}}
