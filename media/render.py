"""One direction of one set, rendered, spec-checked and stored: the work of a media job.

A file that fails its spec is rendered again (a second attempt with safer settings); one that
still fails makes the variant fail with the reasons — it is never offered to the client. Every
render happens in scratch space and reaches the volume only whole (media/storage.py)."""

from __future__ import annotations

import shutil
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from PIL import Image

from media import designer, picture, providers, spec, storage, text_check, video, video_providers
from media.content import MediaInput
from media.designer import IMAGE_SPECS, RENDERER_VERSION, Content
from media.style import Style, apply_steer, read_steer, style_for
from shared.models.media import MediaFile, Provenance, Variant

VIDEO_SIZES: dict[str, tuple[int, int]] = {"video_vertical": (1080, 1920), "video_landscape": (1920, 1080)}
VIDEO_RENDERER = "ffmpeg-one-graph/1"


class VariantFailed(RuntimeError):
    def __init__(self, message: str, rejected: list[dict[str, Any]]):
        super().__init__(message)
        self.rejected = rejected


def _passed(stored: MediaFile | None, name: str, rejected: list[dict[str, Any]]) -> MediaFile:
    """The file that passed its spec, or the variant fails: a file that failed twice is never
    offered to the client."""
    if stored is None:
        raise VariantFailed(f"{name} failed its spec twice: {'; '.join(rejected[-1]['failures'])}", rejected)
    return stored


def _ready(
    inp: MediaInput,
    direction: str,
    files: list[MediaFile],
    provenance: Provenance,
    rejected: list[dict[str, Any]],
    t0: float,
) -> Variant:
    return Variant(
        direction=direction,  # type: ignore[arg-type]
        concept=inp.concepts.get(direction, ""),
        state="ready",
        files=files,
        provenance=provenance,
        rejected=rejected,
        render_s=round(time.perf_counter() - t0, 3),
    )


def direction_style(inp: MediaInput, direction: str, comment: str) -> Style:
    return apply_steer(style_for(inp.tone, direction), read_steer(comment))


def checked_content(inp: MediaInput, country: str = "US") -> tuple[Content, list[str]]:
    """The content with every line that fails the policy engine blanked (and a note per line)."""
    c = inp.content
    brands = [c.artist, c.release]
    kept, notes = text_check.clean_lines(
        {"key message": c.key_message, "call to action": c.cta, "hook": c.hook, "proof": c.proof},
        brands,
        c.language,
        country,
    )
    return (
        replace(c, key_message=kept["key message"], cta=kept["call to action"], hook=kept["hook"],
                proof=kept["proof"]),
        notes,
    )  # fmt: skip


def _photo_and_art(inp: MediaInput, direction: str, seed: int, comment: str, sandbox: bool):
    notes: list[str] = []
    art = providers.key_art(
        providers.prompt_for(inp.concepts.get(direction, ""), inp.content.artist, inp.content.release, inp.tone,
                             comment),
        seed,
        sandbox,
    )  # fmt: skip
    notes += art.notes
    photo: Image.Image | None = art.image
    if photo is None:
        photo, why = picture.fetch(inp.picture_url)
        if why:
            notes.append(why)
        elif inp.picture_source:
            notes.append(f"artist picture from {inp.picture_source}")
    return photo, art, notes


def render_images(
    cid: str,
    inp: MediaInput,
    direction: str,
    seed: int,
    comment: str,
    scale: float,
    sandbox: bool,
    country: str,
) -> Variant:
    t0 = time.perf_counter()
    style = direction_style(inp, direction, comment)
    content, notes = checked_content(inp, country)
    photo, art, art_notes = _photo_and_art(inp, direction, seed, comment, sandbox)
    notes = list(style.notes) + art_notes + notes
    files: list[MediaFile] = []
    rejected: list[dict[str, Any]] = []
    with storage.workdir(f"{cid}-img-{direction}") as work:
        for role, (w, h, cap, fmt) in IMAGE_SPECS.items():
            size = designer.scaled((w, h), scale)
            want = spec.ImageSpec(role, size[0], size[1], cap)
            stored = None
            for attempt in (1, 2):
                # The second attempt drops the photo (the usual cause of an oversized file).
                s = style if attempt == 1 else replace(style, use_photo=False)
                img = designer.render_image(role, size, s, content, photo, seed)
                path = work / f"{role}.{fmt}"
                path.write_bytes(designer.encode(img, fmt, cap))
                check = spec.check_image(path, want)
                if check.ok:
                    stored = storage.put_file(
                        cid, "image", path, role, width=size[0], height=size[1], spec=check
                    )
                    break
                rejected.append({"name": role, "attempt": attempt, "failures": check.failures})
            files.append(_passed(stored, role, rejected))
    provenance = Provenance(
        provider=art.provider, model=art.model, prompt=art.prompt, seed=seed,
        renderer_version=RENDERER_VERSION, notes=notes,
    )  # fmt: skip
    return _ready(inp, direction, files, provenance, rejected, t0)


def scene_plan(inp: MediaInput, content: Content) -> list[tuple[str, str, str]]:
    """(kind, text, motion) per scene, from the brief's script: hook, the artist, the proof, the end card."""
    return [
        ("hook", content.hook or content.key_message, "in"),
        ("artist", "", "pan"),
        ("proof", content.proof or content.key_message, "out"),
        ("end", "", "still"),
    ]


def render_videos(
    cid: str,
    inp: MediaInput,
    direction: str,
    seed: int,
    comment: str,
    scale: float,
    sandbox: bool,
    country: str,
    voice_file: Path,
    voice_meta: dict[str, Any],
    duration: float,
    bed: Path | None = None,
) -> Variant:
    t0 = time.perf_counter()
    style = direction_style(inp, direction, comment)
    content, notes = checked_content(inp, country)
    photo, art, art_notes = _photo_and_art(inp, direction, seed, comment, sandbox)
    notes = list(style.notes) + art_notes + notes
    lines = [video.Line(ln["text"], ln["start"], ln["end"]) for ln in voice_meta["lines"]]
    # Subtitles show what is said; a line the policy engine refuses is neither said nor shown.
    lines = [ln for ln in lines if not text_check.disapproved(ln.text, [content.artist, content.release],
                                                              content.language, country)]  # fmt: skip
    plan = scene_plan(inp, content)
    weights = video.script_weights(inp.script, len(plan))
    font_name = video.subtitle_font(content.language, content.script)
    files: list[MediaFile] = []
    rejected: list[dict[str, Any]] = []
    with storage.workdir(f"{cid}-vid-{direction}") as work:
        voice = work / "voice.wav"
        shutil.copyfile(voice_file, voice)
        if bed is not None:
            local_bed = work / f"bed{bed.suffix}"
            shutil.copyfile(bed, local_bed)
            bed = local_bed
        # Optional generated motion clips (off by default), made in the background while stills are drawn.
        clips = video_providers.start(
            VIDEO_SIZES, plan, [wt * duration for wt in weights],
            lambda kind, size, k_seed: designer.scene(kind, size, style, video_providers.wordless(content), photo, k_seed),
            video_providers.clip_prompt(inp.concepts.get(direction, ""), inp.tone, comment), seed, work, sandbox,
        )  # fmt: skip
        for name, full in VIDEO_SIZES.items():
            size = designer.scaled(full, scale, even=True)
            scenes = []
            for i, (kind, text, motion) in enumerate(plan):
                still = work / f"{name}-s{i}.{designer.STILL_EXT}"
                designer.save_still(
                    designer.scene(kind, size, style, content, photo, seed + i, text=text), still
                )
                scenes.append(video.Scene(still, weights[i] * duration, motion))
            scenes = clips.apply(name, scenes)
            want = spec.VideoSpec(name, size[0], size[1], duration)
            stored = None
            for attempt in (1, 2):
                out = work / f"{name}-{attempt}.mp4"
                try:
                    notes += video.render(scenes, voice, lines, voice_meta["duration_s"], size, duration, out,
                                          font_name, bed)  # fmt: skip
                except video.RenderError as exc:
                    if not any(sc.clip for sc in scenes):
                        raise
                    rejected.append(
                        {"name": name, "attempt": attempt, "failures": [f"with generated clips: {exc}"]}
                    )
                    scenes = clips.drop(name, scenes, str(exc))
                    continue
                check = spec.check_video(out, want)
                if check.ok:
                    stored = storage.put_file(
                        cid,
                        "video",
                        out,
                        name,
                        width=size[0],
                        height=size[1],
                        duration_s=duration,
                        spec=check,
                    )
                    break
                rejected.append({"name": name, "attempt": attempt, "failures": check.failures})
                if any(sc.clip for sc in scenes):
                    scenes = clips.drop(name, scenes, "; ".join(check.failures))
            files.append(_passed(stored, name, rejected))
    provenance = Provenance(
        provider=art.provider, model=art.model, prompt=art.prompt, seed=seed,
        renderer_version=f"{RENDERER_VERSION}+{VIDEO_RENDERER}",
        voice={k: voice_meta.get(k) for k in ("provider", "model", "language", "duration_s", "sha256")},
        notes=list(dict.fromkeys(notes)), clips=clips.records,
    )  # fmt: skip
    return _ready(inp, direction, files, provenance, rejected, t0)
