"""The media part of the record and its state machine, written only through `shared.store.update`
(WATCH/MULTI: a review and a finishing render cannot overwrite each other).

    set: rendering → in_review → approved_A | approved_B     (the pick is archived, immutable)
                         └──→ iterating → rendering (round n+1, steered by the comment) → in_review
    a variant failing for good → the set is failed with the reason (nothing half-done is offered)."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

from media import storage
from media.content import campaign_seed, language_of
from shared import store
from shared.models import CampaignRecord
from shared.models.media import (
    DIRECTIONS,
    SET_NAMES,
    Archive,
    MediaFile,
    MediaRecord,
    MediaSet,
    Review,
    Variant,
)
from shared.settings import get_settings
from shared.timeutil import utcnow_iso

MAX_COMMENT = 500


class ReviewError(Exception):
    """A review the state does not allow; `status` and `field` shape the API's 4xx answer."""

    def __init__(self, status: int, message: str, field: str, code: str):
        super().__init__(message)
        self.status, self.message, self.field, self.code = status, message, field, code


def init_media(cid: str, trigger: str) -> tuple[CampaignRecord, bool]:
    """Create the media part with both sets rendering round 1, unless it exists. (record, created)."""
    created = False

    def apply(rec: CampaignRecord) -> bool:
        nonlocal created
        if rec.media is not None:
            return False
        now = utcnow_iso()
        bed = store.get_parts(cid, "media_bed").get("bed")
        rec.media = MediaRecord(
            requested_at=now,
            trigger=trigger,  # type: ignore[arg-type]
            seed=campaign_seed(cid),
            language=language_of(rec),
            duration_s=get_settings().MEDIA_VIDEO_SECONDS,
            audio_bed=MediaFile.model_validate(bed) if bed else None,
            sets={
                name: MediaSet(
                    name=name,  # type: ignore[arg-type]
                    started_at=now,
                    variants={d: Variant(direction=d) for d in DIRECTIONS},  # type: ignore[arg-type]
                )
                for name in SET_NAMES
            },
        )
        created = True
        return True

    return store.update(cid, apply), created


def set_variant(cid: str, set_name: str, round_: int, variant: Variant) -> bool:
    """Store a rendered (or failed) variant, only if the set is still rendering that round (a late
    job of an older round must not overwrite the new one)."""
    stored = False

    def apply(rec: CampaignRecord) -> bool:
        nonlocal stored
        ms = rec.media.sets.get(set_name) if rec.media else None
        if ms is None or ms.round != round_ or ms.state != "rendering":
            return False
        ms.variants[variant.direction] = variant
        stored = True
        return True

    store.update(cid, apply)
    return stored


def finish_set(cid: str, set_name: str, round_: int) -> tuple[str, MediaSet | None]:
    """Both variants rendered: the set goes in review; one failed: the set fails with its reason."""
    outcome = "skipped"

    def apply(rec: CampaignRecord) -> bool:
        nonlocal outcome
        ms = rec.media.sets.get(set_name) if rec.media else None
        if ms is None or ms.round != round_ or ms.state != "rendering":
            return False
        failed = [v for v in ms.variants.values() if v.state != "ready"]
        if failed:
            ms.state = "failed"
            ms.error = "; ".join(f"{v.direction}: {v.error or 'not rendered'}" for v in failed)
            outcome = "failed"
        else:
            ms.state = "in_review"
            ms.in_review_at = utcnow_iso()
            outcome = "in_review"
        return True

    rec = store.update(cid, apply)
    return outcome, (rec.media.sets.get(set_name) if rec.media else None)


def _require_set(rec: CampaignRecord, set_name: str) -> MediaSet:
    if set_name not in SET_NAMES:
        raise ReviewError(404, f"unknown set {set_name!r}; expected one of {', '.join(SET_NAMES)}", "set",
                          "unknown_set")  # fmt: skip
    if rec.media is None or set_name not in rec.media.sets:
        raise ReviewError(409, "media have not been started for this campaign", "set", "not_started")
    return rec.media.sets[set_name]


def parse_review(body: dict[str, Any]) -> tuple[str, str]:
    """('pick', 'A'|'B') or ('iterate', comment), or a ReviewError naming the field."""
    unknown = sorted(set(body) - {"pick", "iterate"})
    if unknown:
        raise ReviewError(400, "unknown field", unknown[0], "validation_error")
    if ("pick" in body) == ("iterate" in body):
        raise ReviewError(400, 'send exactly one of {"pick": "A"|"B"} or {"iterate": "comment"}', "body",
                          "validation_error")  # fmt: skip
    if "pick" in body:
        pick = body["pick"]
        if pick not in DIRECTIONS:
            raise ReviewError(422, 'pick must be "A" or "B"', "pick", "validation_error")
        return "pick", pick
    comment = body["iterate"]
    if not isinstance(comment, str) or not comment.strip():
        raise ReviewError(422, "iterate must be a non-empty comment that steers the next round", "iterate",
                          "validation_error")  # fmt: skip
    comment = " ".join(comment.split())
    if len(comment) > MAX_COMMENT:
        raise ReviewError(
            422, f"iterate must be at most {MAX_COMMENT} characters", "iterate", "validation_error"
        )
    if any(ord(c) < 32 for c in comment):
        raise ReviewError(422, "iterate must not contain control characters", "iterate", "validation_error")
    return "iterate", comment


def review(cid: str, set_name: str, action: str, value: str, by: str) -> tuple[CampaignRecord, MediaSet]:
    """Apply a pick or an iteration to a set in review. A pick archives the chosen variant."""
    rec = store.require(cid)
    ms = _require_set(rec, set_name)
    _check_reviewable(ms)
    if action == "pick":
        archive = archive_variant(rec, ms, value, by)
    now = utcnow_iso()

    def apply(r: CampaignRecord) -> bool:
        cur = _require_set(r, set_name)
        _check_reviewable(cur)
        if cur.round != ms.round:
            raise ReviewError(409, "the set moved to another round meanwhile; reload", "set", "conflict")
        cur.reviews.append(
            Review(action=action, direction=value if action == "pick" else None,  # type: ignore[arg-type]
                   comment=value if action == "iterate" else "", by=by, at=now, round=cur.round)
        )  # fmt: skip
        if action == "pick":
            cur.state = f"approved_{value}"  # type: ignore[assignment]
            cur.archive = archive
        else:
            cur.state = "iterating"
            cur.comment = value
        return True

    rec = store.update(cid, apply)
    return rec, rec.media.sets[set_name]  # type: ignore[union-attr]


def _check_reviewable(ms: MediaSet) -> None:
    if ms.state.startswith("approved"):
        raise ReviewError(409, f"the {ms.name} set is already approved ({ms.state}); a pick is final", "set",
                          "already_approved")  # fmt: skip
    if ms.state != "in_review":
        raise ReviewError(
            409, f"the {ms.name} set is not in review (it is {ms.state})", "set", "not_in_review"
        )


def start_round(cid: str, set_name: str) -> int | None:
    """iterating → rendering with round + 1 and fresh variants; returns the new round (None: no-op)."""
    new_round: int | None = None

    def apply(rec: CampaignRecord) -> bool:
        nonlocal new_round
        ms = rec.media.sets.get(set_name) if rec.media else None
        if ms is None or ms.state != "iterating":
            return False
        ms.round += 1
        ms.state = "rendering"
        ms.started_at = utcnow_iso()
        ms.in_review_at = None
        ms.variants = {d: Variant(direction=d) for d in DIRECTIONS}  # type: ignore[misc]
        new_round = ms.round
        return True

    store.update(cid, apply)
    return new_round


# ---------------------------------------------------------------- the archive


def archive_variant(rec: CampaignRecord, ms: MediaSet, direction: str, by: str) -> Archive:
    """Copy the picked variant's files to `<campaign>/archive/<set>-r<round>-<dir>/`, write the
    manifest, and make both read-only. Idempotent: a second call finds the same folder."""
    variant = ms.variants[direction]
    folder_rel = f"{rec.id}/archive/{ms.name}-r{ms.round}-{direction}"
    folder = storage.root() / folder_rel
    folder.mkdir(parents=True, exist_ok=True)
    copies: list[MediaFile] = []
    for f in variant.files:
        ext = Path(f.path).suffix
        name = f"{f.name}{ext}"
        dest = folder / name
        if not dest.exists():
            storage.atomic_copy(storage.path_of(f.path), dest)
            os.chmod(dest, stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
        copies.append(f.model_copy(update={"path": f"{folder_rel}/{name}", "kind": "archive"}))
    manifest = {
        "campaign_id": rec.id,
        "artist": rec.request.artist,
        "set": ms.name,
        "round": ms.round,
        "direction": direction,
        "concept": variant.concept,
        "picked_by": by,
        "picked_at": utcnow_iso(),
        "comment_of_round": ms.comment,
        "provenance": variant.provenance.model_dump() if variant.provenance else None,
        "files": [
            {
                "name": c.name,
                "file": Path(c.path).name,
                "sha256": c.sha256,
                "bytes": c.bytes,
                "mime": c.mime,
                "width": c.width,
                "height": c.height,
                "duration_s": c.duration_s,
                "spec_check": c.spec.model_dump() if c.spec else None,
            }
            for c in copies
        ],
    }
    man = folder / "manifest.json"
    if not man.exists():
        storage.atomic_write(man, json.dumps(manifest, indent=2, ensure_ascii=False).encode("utf-8"))
        os.chmod(man, stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    return Archive(path=folder_rel, manifest=f"{folder_rel}/manifest.json", files=copies)


def public_view(rec: CampaignRecord, base: str = "/media/") -> dict[str, Any]:
    """The media part as the API returns it: every file with its URL."""
    out: dict[str, Any] = {"campaign_id": rec.id, "campaign_state": rec.state, "artist": rec.request.artist}
    if rec.media is None:
        out["media"] = None
        return out
    data = rec.media.model_dump()
    for ms in data["sets"].values():
        for v in ms["variants"].values():
            for f in v["files"]:
                f["url"] = base + f["path"]
        if ms.get("archive"):
            for f in ms["archive"]["files"]:
                f["url"] = base + f["path"]
            ms["archive"]["manifest_url"] = base + ms["archive"]["manifest"]
    if data.get("audio_bed"):
        data["audio_bed"]["url"] = base + data["audio_bed"]["path"]
    out["media"] = data
    return out
