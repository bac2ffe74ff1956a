"""The MEDIA agent's part of the campaign record: two review *sets* (images, videos), each rendered in
the creative brief's two directions A and B, checked against their specs, then reviewed by the client.

    rendering → in_review → approved_A | approved_B
                    └──→ iterating (the client's comment) → rendering (round n+1) → in_review …
    rendering → failed (every render attempt failed; the reason is kept)

Binary files never live here: a `MediaFile` holds the file's content address on the media volume
(and its spec check); the bytes are on disk (optionally mirrored to S3)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

SetName = Literal["images", "videos"]
Direction = Literal["A", "B"]
SetState = Literal["rendering", "in_review", "approved_A", "approved_B", "iterating", "failed"]
SET_NAMES: tuple[str, ...] = ("images", "videos")
DIRECTIONS: tuple[str, ...] = ("A", "B")
REVIEWABLE: frozenset[str] = frozenset({"in_review"})


class SpecCheck(BaseModel):
    """The result of checking one file against its spec (media/spec.py)."""

    ok: bool
    spec: str  # the spec's name, e.g. "display_landscape" or "video_vertical"
    checks: dict[str, Any] = Field(default_factory=dict)  # what was measured
    failures: list[str] = Field(default_factory=list)  # human-readable reasons, empty when ok


class MediaFile(BaseModel):
    name: str  # the asset's role, e.g. "landscape", "logo_wide", "thumbnail", "video_vertical"
    kind: str  # the storage folder: "image", "video", "audio", "subtitle", "archive"
    path: str  # relative to the media root: <campaign>/<kind>/<sha256>.<ext>
    sha256: str
    bytes: int
    mime: str
    width: int | None = None
    height: int | None = None
    duration_s: float | None = None
    spec: SpecCheck | None = None


class Provenance(BaseModel):
    """Where a variant came from: enough to re-render it byte for byte."""

    provider: str  # "offline", "openai", "gemini", "fal", "piper", "espeak-ng", "elevenlabs", …
    model: str
    prompt: str = ""
    seed: int
    renderer_version: str
    voice: dict[str, Any] = Field(default_factory=dict)  # voice-over provider, model, language
    notes: list[str] = Field(default_factory=list)  # fallbacks taken, text dropped by the policy check
    # Videos: per motion clip, the generator that made it (provider, model, prompt, seed, task) or the
    # offline motion-on-still that replaced it and why (media/video_providers.py).
    clips: list[dict[str, Any]] = Field(default_factory=list)


class Variant(BaseModel):
    direction: Direction
    concept: str = ""  # the creative brief's visual direction
    state: Literal["rendering", "ready", "failed"] = "rendering"
    files: list[MediaFile] = Field(default_factory=list)
    provenance: Provenance | None = None
    rejected: list[dict[str, Any]] = Field(default_factory=list)  # spec failures that were re-rendered
    error: str | None = None
    render_s: float | None = None


class Review(BaseModel):
    action: Literal["pick", "iterate"]
    direction: Direction | None = None
    comment: str = ""
    by: str
    at: str
    round: int


class Archive(BaseModel):
    """The approved variant, copied once, read-only, with its manifest."""

    path: str  # the folder, relative to the media root
    manifest: str  # manifest.json, relative to the media root
    files: list[MediaFile] = Field(default_factory=list)


class MediaSet(BaseModel):
    name: SetName
    state: SetState = "rendering"
    round: int = 1
    comment: str = ""  # the client's steer for this round (empty in round 1)
    variants: dict[str, Variant] = Field(default_factory=dict)  # "A" / "B"
    reviews: list[Review] = Field(default_factory=list)
    archive: Archive | None = None
    error: str | None = None
    started_at: str | None = None
    in_review_at: str | None = None


class MediaRecord(BaseModel):
    requested_at: str
    trigger: Literal["auto", "api"] = "auto"
    seed: int
    language: str = "en"
    duration_s: int = 15
    audio_bed: MediaFile | None = None  # uploaded by the marketer; never a found track
    sets: dict[str, MediaSet] = Field(default_factory=dict)

    def state_summary(self) -> dict[str, str]:
        return {name: s.state for name, s in self.sets.items()}
