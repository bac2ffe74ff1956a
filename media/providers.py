"""The image provider chain, like MARKETING's LLM chain: generators tried in order, the offline
designer last, so a render always has a result.

A generator paints the direction's key art from a prompt (the brief's visual concept, the tone, the
client's comment) — never text: the designer sets every word itself, so the words are the campaign's
own, in its script, and checked by the policy engine. The key art then takes the photo's place in
the layout. Providers (MEDIA_IMAGE_PROVIDERS overrides the order):

  openai  `images.generate` through the official client (OPENAI_API_KEY, OPENAI_IMAGE_MODEL)
  gemini  `models/{model}:generateContent` with an IMAGE response modality (GEMINI_API_KEY)
  fal     fal's queue API for Seedream: submit → status → result (FAL_KEY)
  offline the Pillow designer with the artist's picture or its own pattern (always last)

In sandbox mode the default is the offline designer alone; a provider listed in
MEDIA_IMAGE_PROVIDERS with its key set talks to the sandbox's stand-in of its API."""

from __future__ import annotations

import base64
import io
import logging
import time
from dataclasses import dataclass, field

from PIL import Image

from media.http import ProviderError, get_bytes, request_json
from shared.settings import get_settings

log = logging.getLogger(__name__)

KNOWN = ("openai", "gemini", "fal", "offline")
OFFLINE_MODEL = "pillow-designer"
FAL_POLL_S = 0.25
FAL_DEADLINE_S = 60.0


class ChainConfigError(ValueError):
    pass


@dataclass
class KeyArt:
    image: Image.Image | None
    provider: str
    model: str
    prompt: str
    notes: list[str] = field(default_factory=list)


def prompt_for(concept: str, artist: str, release: str, tone: str, comment: str = "") -> str:
    parts = [
        concept.rstrip(".") + ".",
        f"Key art for a music campaign for {artist}" + (f", release {release}" if release else "") + ".",
        f"Mood: {tone.split(':', 1)[0]}." if tone else "",
        f"Client's direction for this round: {comment}." if comment else "",
        "No text, no letters, no logos, no watermarks.",
    ]
    return " ".join(p for p in parts if p)


def chain(sandbox: bool) -> list[str]:
    s = get_settings()
    if s.MEDIA_IMAGE_PROVIDERS.strip():
        names = [n.strip().lower() for n in s.MEDIA_IMAGE_PROVIDERS.split(",") if n.strip()]
    else:
        names = ["offline"] if sandbox else list(KNOWN)
    for n in names:
        if n not in KNOWN:
            raise ChainConfigError(f"environment variable MEDIA_IMAGE_PROVIDERS: unknown provider {n!r}")
    keyed = {
        "openai": bool(s.secret("OPENAI_API_KEY")),
        "gemini": bool(s.secret("GEMINI_API_KEY")),
        "fal": bool(s.secret("FAL_KEY")),
    }
    out = [n for n in names if n != "offline" and keyed[n]]
    return [*out, "offline"]


def _decode(data: bytes) -> Image.Image:
    img = Image.open(io.BytesIO(data))
    img.load()
    return img.convert("RGB")


def openai_image(prompt: str, seed: int, sandbox: bool) -> tuple[Image.Image, str]:
    import openai

    s = get_settings()
    client = openai.OpenAI(
        api_key=s.secret("OPENAI_API_KEY"),
        base_url=s.api_url(
            "OPENAI_BASE_URL", sandbox=sandbox, live="https://api.openai.com/v1", sandbox_path="/openai/v1"
        ),
        timeout=max(s.HTTP_TIMEOUT_S, 60.0),
        max_retries=s.HTTP_MAX_RETRIES,
    )
    # The Images API has no seed parameter: the seed goes in the user field (the stand-in uses it).
    try:
        resp = client.images.generate(
            model=s.OPENAI_IMAGE_MODEL, prompt=prompt, n=1, size="1024x1024", quality="medium",
            output_format="png", user=f"seed-{seed}",
        )  # fmt: skip
    except openai.OpenAIError as exc:
        raise ProviderError(f"{type(exc).__name__}: {str(exc)[:200]}") from None
    item = resp.data[0] if resp.data else None
    if item is None:
        raise ProviderError("no image in the answer")
    if item.b64_json:
        return _decode(base64.b64decode(item.b64_json)), s.OPENAI_IMAGE_MODEL
    if item.url:
        return _decode(get_bytes(item.url)), s.OPENAI_IMAGE_MODEL
    raise ProviderError("the answer has neither b64_json nor url")


def gemini_base(sandbox: bool) -> str:
    """The Gemini API's root (images here, Veo in media/video_providers.py): live or the stand-in."""
    return (
        get_settings()
        .api_url(
            "GEMINI_BASE_URL",
            sandbox=sandbox,
            live="https://generativelanguage.googleapis.com",
            sandbox_path="/gemini",
        )
        .rstrip("/")
    )


def gemini_image(prompt: str, seed: int, sandbox: bool) -> tuple[Image.Image, str]:
    s = get_settings()
    base = gemini_base(sandbox)
    model = s.GEMINI_IMAGE_MODEL
    body = {
        "contents": [{"role": "user", "parts": [{"text": prompt}]}],
        "generationConfig": {"responseModalities": ["IMAGE"], "seed": seed},
    }
    data = request_json(
        "POST",
        f"{base}/v1beta/models/{model}:generateContent",
        json=body,
        headers={"x-goog-api-key": s.secret("GEMINI_API_KEY") or ""},
    )
    for cand in data.get("candidates") or []:
        for part in (cand.get("content") or {}).get("parts") or []:
            inline = part.get("inlineData") or part.get("inline_data")
            if inline and inline.get("data"):
                return _decode(base64.b64decode(inline["data"])), model
    reason = ((data.get("promptFeedback") or {}).get("blockReason")) or "no image part in the answer"
    raise ProviderError(str(reason))


def fal_image(prompt: str, seed: int, sandbox: bool) -> tuple[Image.Image, str]:
    s = get_settings()
    base = s.api_url(
        "FAL_BASE_URL", sandbox=sandbox, live="https://queue.fal.run", sandbox_path="/fal"
    ).rstrip("/")
    model = s.FAL_IMAGE_MODEL
    headers = {"Authorization": f"Key {s.secret('FAL_KEY') or ''}"}
    body = {"prompt": prompt, "image_size": {"width": 1024, "height": 1024}, "seed": seed, "num_images": 1}
    sub = request_json("POST", f"{base}/{model}", json=body, headers=headers)
    status_url, response_url = sub.get("status_url"), sub.get("response_url")
    if not status_url or not response_url:
        raise ProviderError("the queue did not return status/response URLs")
    deadline = time.monotonic() + FAL_DEADLINE_S
    while True:  # fal's queue API is asynchronous by design: ask until COMPLETED, bounded
        st = request_json("GET", status_url, headers=headers)
        state = st.get("status")
        if state == "COMPLETED":
            break
        if state not in ("IN_QUEUE", "IN_PROGRESS"):
            raise ProviderError(f"queue status {state!r}")
        if time.monotonic() > deadline:
            raise ProviderError(f"not completed after {FAL_DEADLINE_S:.0f} s")
        time.sleep(FAL_POLL_S)
    result = request_json("GET", response_url, headers=headers)
    images = result.get("images") or []
    if not images or not images[0].get("url"):
        raise ProviderError("no image in the result")
    return _decode(get_bytes(images[0]["url"])), model


GENERATORS = {"openai": openai_image, "gemini": gemini_image, "fal": fal_image}


def key_art(prompt: str, seed: int, sandbox: bool) -> KeyArt:
    notes: list[str] = []
    for name in chain(sandbox):
        if name == "offline":
            return KeyArt(None, "offline", OFFLINE_MODEL, prompt, notes)
        try:
            image, model = GENERATORS[name](prompt, seed, sandbox)
            return KeyArt(image, name, model, prompt, notes)
        except (ProviderError, OSError, ValueError) as exc:
            log.warning("image provider %s failed: %s", name, exc)
            notes.append(f"{name} failed: {exc}")
    return KeyArt(None, "offline", OFFLINE_MODEL, prompt, notes)
