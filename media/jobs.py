"""MEDIA job functions, run by `bandcrew worker media`. `start` is the pipeline row's job
(shared/pipeline.py, after `done`); it fans out one job per direction × set × round, chained with RQ
dependencies, never a process that sleeps and polls:

    images: render_images(A) ┐
            render_images(B) ┴→ finish_set(images)                 → in review
    videos: render_voice → render_videos(A) ┐
                           render_videos(B) ┴→ finish_set(videos)  → in review

Images go first: they take seconds, so the client sees the first A/B preview long before the
videos are done. Every job is idempotent (deterministic ids; a job checks the set's round and state
before writing; files are content-addressed), so a re-delivered or retried job changes nothing."""

from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path
from typing import Any

from rq import get_current_job

from media import content, render, review, storage, voice
from shared import events, store
from shared.models.media import DIRECTIONS, SET_NAMES, Variant
from shared.queues import enqueue, enqueue_batch, fetch_job, job_id
from shared.redisdb import get_redis, key
from shared.settings import get_settings

log = logging.getLogger(__name__)

AGENT = STAGE = "media"
SWEEP_EVERY_S = 600
# The stage's own progress (the campaign's overall pct is already 100): see shared/pipeline.py.
STAGE_PCT = {"started": 0, "images": 20, "images_review": 45, "voice": 55, "videos": 75, "videos_review": 100}


def _pct() -> int:
    try:
        from shared import pipeline

        return pipeline.pct(STAGE)
    except (ImportError, AttributeError):
        return 100


def _emit(cid: str, step: str, status: str, message: str, stage_pct: int, **data: Any) -> None:
    events.emit_progress(
        cid, stage=STAGE, agent=AGENT, step=step, status=status, pct=_pct(), message=message,
        data={"stage_pct": stage_pct, **data},
    )  # fmt: skip


def _retries_left() -> bool:
    job = get_current_job()
    return job is not None and (job.retries_left or 0) > 0


def variant_seed(base: int, set_name: str, round_: int, direction: str) -> int:
    """One seed per set × round × direction, derived from the campaign's: same inputs, same bytes."""
    h = hashlib.sha256(f"{base}:{set_name}:{round_}:{direction}".encode()).digest()
    return int.from_bytes(h[:4], "big")


# ---------------------------------------------------------------- orchestration


def start(cid: str, round_: int = 0, trigger: str = "auto") -> str:
    """The pipeline row's job: create the media part and enqueue both sets' first round."""
    if trigger == "auto" and not get_settings().MEDIA_AUTOSTART:
        return "skipped: MEDIA_AUTOSTART is off (start it from the result page or the API)"
    _maybe_sweep()
    rec = store.get(cid)
    if rec is None or rec.state != "done":
        return f"skipped: campaign is {rec.state if rec else 'gone'}"
    if rec.campaign.creative_brief is None:
        _emit(cid, "media", "failed", "Media: the campaign has no creative brief to render", 0)
        return "failed: no creative brief"
    rec, created = review.init_media(cid, trigger)
    if created:
        _emit(
            cid, "media", "started",
            f"Media: rendering directions A and B (images, voice-over, {rec.media.duration_s}-second videos)",
            STAGE_PCT["started"], concepts=rec.campaign.creative_brief.visual_concepts,
        )  # fmt: skip
    for name in SET_NAMES:
        ms = rec.media.sets[name]  # type: ignore[union-attr]
        if ms.state == "rendering":
            enqueue_set(cid, name, ms.round)
    return "started" if created else "resumed"


def enqueue_set(cid: str, set_name: str, round_: int) -> bool:
    r = f"r{round_}"
    finish_id = job_id("media", cid, set_name, "finish", r)
    if fetch_job(finish_id) is not None:
        return False  # this round was enqueued by an earlier delivery
    if set_name == "images":
        jobs = enqueue_batch(
            "media",
            "media.jobs.render_images",
            [((cid, round_, d), job_id("media", cid, "images", d, r)) for d in DIRECTIONS],
        )
    else:
        spoken = enqueue("media", "media.jobs.render_voice", cid, round_, id=job_id("media", cid, "voice", r))
        jobs = [
            enqueue(
                "media",
                "media.jobs.render_videos",
                cid,
                round_,
                d,
                id=job_id("media", cid, "videos", d, r),
                depends_on=[spoken],
            )  # fmt: skip
            for d in DIRECTIONS
        ]
    enqueue("media", "media.jobs.finish_set", cid, set_name, round_, id=finish_id, depends_on=jobs)
    return True


def next_round(cid: str, set_name: str) -> str:
    """After a "new iteration" review: round n+1 of that set, steered by the comment."""
    new_round = review.start_round(cid, set_name)
    if new_round is None:
        return "skipped"
    rec = store.require(cid)
    comment = rec.media.sets[set_name].comment if rec.media else ""  # type: ignore[union-attr]
    _emit(cid, f"{set_name}_round", "started", f"Media: round {new_round} of the {set_name}, steered by “{comment}”",
          0, set=set_name, round=new_round)  # fmt: skip
    enqueue_set(cid, set_name, new_round)
    return f"round {new_round}"


def finish_set(cid: str, set_name: str, round_: int) -> str:
    outcome, ms = review.finish_set(cid, set_name, round_)
    if outcome == "in_review" and ms is not None:
        previews = {d: [f.path for f in v.files][:1] for d, v in ms.variants.items()}
        _emit(cid, f"{set_name}_review", "done",
              f"Media: {set_name} A and B ready for review (round {round_})",
              STAGE_PCT[f"{set_name}_review"], set=set_name, round=round_, previews=previews)  # fmt: skip
    elif outcome == "failed" and ms is not None:
        _emit(cid, f"{set_name}_review", "failed", f"Media: the {set_name} could not be rendered: {ms.error}",
              STAGE_PCT[f"{set_name}_review"], set=set_name, round=round_, reason=ms.error)  # fmt: skip
    return outcome


# ---------------------------------------------------------------- renders


def _current(cid: str, set_name: str, round_: int):
    rec = store.get(cid)
    if rec is None or rec.media is None:
        return None, None
    ms = rec.media.sets.get(set_name)
    if ms is None or ms.round != round_ or ms.state != "rendering":
        return rec, None
    return rec, ms


def _store_failure(
    cid: str, set_name: str, round_: int, direction: str, exc: Exception, rejected=None
) -> str:
    reason = f"{type(exc).__name__}: {exc}" if not isinstance(exc, render.VariantFailed) else str(exc)
    variant = Variant(direction=direction, state="failed", error=reason[:500], rejected=rejected or [])  # type: ignore[arg-type]
    review.set_variant(cid, set_name, round_, variant)
    _emit(cid, f"{set_name}_{direction}", "failed", f"Media: {set_name} {direction} failed: {reason[:200]}",
          STAGE_PCT[set_name], set=set_name, direction=direction, round=round_)  # fmt: skip
    return f"failed: {reason}"


def render_images(cid: str, round_: int, direction: str) -> str:
    rec, ms = _current(cid, "images", round_)
    if ms is None or ms.variants[direction].state == "ready":
        return "skipped"
    s = get_settings()
    seed = variant_seed(rec.media.seed, "images", round_, direction)  # type: ignore[union-attr]
    try:
        inp = content.build(rec)
        variant = render.render_images(
            cid, inp, direction, seed, ms.comment, s.MEDIA_RENDER_SCALE, s.BSC_MODE == "sandbox",
            (rec.request.countries or ["US"])[0],
        )  # fmt: skip
    except render.VariantFailed as exc:  # deterministic: a retry would fail the same way
        return _store_failure(cid, "images", round_, direction, exc, exc.rejected)
    except Exception as exc:
        if _retries_left():
            raise
        log.exception("%s: images %s failed for good", cid, direction)
        return _store_failure(cid, "images", round_, direction, exc)
    if review.set_variant(cid, "images", round_, variant):
        _emit(cid, f"images_{direction}", "done",
              f"Media: images {direction} rendered ({len(variant.files)} files, {variant.render_s:.1f} s, "
              f"{variant.provenance.provider if variant.provenance else 'offline'})",
              STAGE_PCT["images"], set="images", direction=direction, round=round_)  # fmt: skip
    return "ready"


def voice_key(language: str, lines: list[str]) -> str:
    chain = ",".join(voice.chain())
    return hashlib.sha256(json.dumps([language, lines, chain], ensure_ascii=False).encode()).hexdigest()[:32]


def render_voice(cid: str, round_: int) -> str:
    """The voice-over for a round's videos (shared by A and B, and reused by later rounds with the
    same lines: the comment steers the pictures, not the words)."""
    rec, ms = _current(cid, "videos", round_)
    if ms is None:
        return "skipped"
    inp = content.build(rec)
    lang = rec.media.language  # type: ignore[union-attr]
    k = voice_key(lang, inp.voice_over)
    known = store.get_parts(cid, "media_voice").get(k)
    if known and "path" in known and storage.path_of(known["path"]).exists():
        return "cached"
    try:
        with storage.workdir(f"{cid}-voice") as work:
            result = voice.synthesize(inp.voice_over, lang, work)
            stored = storage.put_file(
                cid, "audio", result.path, "voice_over", duration_s=round(result.duration_s, 3)
            )
    except Exception as exc:
        if _retries_left():
            raise
        store.save_part(cid, "media_voice", k, {"error": f"{type(exc).__name__}: {exc}"[:500]})
        _emit(cid, "voice", "failed", f"Media: the voice-over failed: {exc}", STAGE_PCT["voice"])
        return "failed"
    meta = result.meta() | {"path": stored.path, "sha256": stored.sha256}
    store.save_part(cid, "media_voice", k, meta)
    _emit(cid, "voice", "done",
          f"Media: voice-over ({result.provider}, {result.model}), {result.duration_s:.1f} s, loudness-normalised",
          STAGE_PCT["voice"], provider=result.provider, model=result.model, duration_s=round(result.duration_s, 2),
          notes=result.notes)  # fmt: skip
    return "ready"


def render_videos(cid: str, round_: int, direction: str) -> str:
    rec, ms = _current(cid, "videos", round_)
    if ms is None or ms.variants[direction].state == "ready":
        return "skipped"
    s = get_settings()
    inp = content.build(rec)
    meta = store.get_parts(cid, "media_voice").get(voice_key(rec.media.language, inp.voice_over))  # type: ignore[union-attr]
    if not meta or "path" not in meta:
        why = (meta or {}).get("error", "it was not rendered")
        return _store_failure(cid, "videos", round_, direction, RuntimeError(f"no voice-over: {why}"))
    bed = rec.media.audio_bed  # type: ignore[union-attr]
    seed = variant_seed(rec.media.seed, "videos", round_, direction)  # type: ignore[union-attr]
    try:
        variant = render.render_videos(
            cid, inp, direction, seed, ms.comment, s.MEDIA_RENDER_SCALE, s.BSC_MODE == "sandbox",
            (rec.request.countries or ["US"])[0], storage.path_of(meta["path"]), meta, float(rec.media.duration_s),  # type: ignore[union-attr]
            storage.path_of(bed.path) if bed else None,
        )  # fmt: skip
    except render.VariantFailed as exc:
        return _store_failure(cid, "videos", round_, direction, exc, exc.rejected)
    except Exception as exc:
        if _retries_left():
            raise
        log.exception("%s: videos %s failed for good", cid, direction)
        return _store_failure(cid, "videos", round_, direction, exc)
    if review.set_variant(cid, "videos", round_, variant):
        _emit(cid, f"videos_{direction}", "done",
              f"Media: videos {direction} rendered (9:16 and 16:9, {variant.render_s:.1f} s)",
              STAGE_PCT["videos"], set="videos", direction=direction, round=round_)  # fmt: skip
    return "ready"


# ---------------------------------------------------------------- expiry


def _maybe_sweep() -> None:
    if get_redis().set(key("media", "sweep"), "1", nx=True, ex=SWEEP_EVERY_S):
        try:
            sweep()
        except OSError:
            log.warning("media sweep failed", exc_info=True)


def sweep() -> dict[str, int]:
    """Media expire with their campaign: remove the folders of campaigns the store no longer has,
    and scratch space or temporaries a killed worker left behind."""
    removed = 0
    for cid in storage.campaign_dirs():
        if store.valid_id(cid) and store.get(cid) is None:
            removed += storage.delete_campaign(cid)
    return {"campaigns": removed, "temporaries": storage.sweep_temp()}


def store_bed(cid: str, src: Path) -> dict[str, Any]:
    """Keep an uploaded audio bed (checked by the API) for the campaign's next video round."""
    f = storage.put_file(cid, "bed", src, "audio_bed")
    store.save_part(cid, "media_bed", "bed", f)

    def apply(rec) -> bool:
        if rec.media is None:
            return False
        rec.media.audio_bed = f
        return True

    store.update(cid, apply)
    return f.model_dump()
