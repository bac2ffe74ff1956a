"""The artist's picture, when a source provided one. Fetched over HTTP with a size cap and decoded
with Pillow; in sandbox mode the sources' picture URLs (https://sandbox.example.com/...) are served
by the sandbox server itself, so the fetch goes there. A missing or broken picture is a note on the
variant, never an error: the designer has layouts without a photo."""

from __future__ import annotations

import io
import logging
from urllib.parse import urlparse

import requests
from PIL import Image

from shared.settings import get_settings

log = logging.getLogger(__name__)

SANDBOX_HOST = "sandbox.example.com"
MAX_BYTES = 10_000_000


def resolve(url: str) -> str:
    parsed = urlparse(url)
    if parsed.hostname == SANDBOX_HOST:
        return get_settings().SANDBOX_URL.rstrip("/") + parsed.path
    return url


def fetch(url: str | None) -> tuple[Image.Image | None, str | None]:
    """(image, note): the note says why there is no image."""
    if not url:
        return None, "no source provided a picture of the artist"
    target = resolve(url)
    if not target.startswith(("https://", "http://127.0.0.1", "http://localhost")):
        return None, "the picture URL is not https"
    try:
        with requests.get(target, timeout=get_settings().HTTP_TIMEOUT_S, stream=True) as resp:
            if resp.status_code != 200:
                return None, f"the picture could not be fetched (HTTP {resp.status_code})"
            data = resp.raw.read(MAX_BYTES + 1, decode_content=True)
        if len(data) > MAX_BYTES:
            return None, "the picture is larger than 10 MB"
        img = Image.open(io.BytesIO(data))
        img.load()
        return img.convert("RGB"), None
    except (requests.RequestException, OSError) as exc:
        log.warning("picture fetch failed: %s", exc)
        return None, f"the picture could not be fetched ({type(exc).__name__})"
