"""The offline designer (Pillow): real layouts, not a name on a gradient.

Every image is laid out on a grid (margins and gutters are fractions of the short side), with a
typographic hierarchy — overline (the release), the artist's name as the display line, the key
message as body copy, the call to action in a button — in the tone's palette and type pairing
(media/style.py), in the campaign's language and script (Noto fonts, RAQM shaping for Arabic,
Hebrew, Thai, Devanagari; Noto CJK for Chinese, Japanese, Korean), around the artist's picture
when a source provided one.

Direction A ("blocks"): a light ground, a diagonal colour block, the photo framed in a panel with
an offset accent block, text left-aligned on the grid. Direction B ("fullbleed"): the photo over the
whole canvas in a duotone of the palette, grain and a vignette, a dark gradient under centred text.
Without a photo, A draws a seeded geometric pattern and B a glow; nothing pretends to be the artist.

Deterministic: the same content, style and seed give the same pixels (and the same file bytes)."""

from __future__ import annotations

import io
import random
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageOps

from media.style import RGB, Style, font, script_of

RENDERER_VERSION = "pillow-designer/1"

# role -> (width, height, byte cap, format). Sizes and caps: shared/reference/media-agents.md §4.
IMAGE_SPECS: dict[str, tuple[int, int, int, str]] = {
    "landscape": (1200, 628, 5_000_000, "jpg"),  # Responsive Display 1.91:1
    "square": (1200, 1200, 5_000_000, "jpg"),  # 1:1
    "portrait": (960, 1200, 5_000_000, "jpg"),  # 4:5 (Demand Gen)
    "logo_square": (1200, 1200, 150_000, "png"),  # logo 1:1, Demand Gen cap 150 KB
    "logo_wide": (1200, 300, 150_000, "png"),  # logo 4:1
    "thumbnail": (1280, 720, 2_000_000, "jpg"),  # YouTube thumbnail (API cap 2 MB)
    "vertical": (1080, 1920, 5_000_000, "jpg"),  # 9:16 (Shorts, Demand Gen)
}
IMAGE_ROLES: tuple[str, ...] = tuple(IMAGE_SPECS)


@dataclass(frozen=True)
class Content:
    artist: str
    release: str = ""
    key_message: str = ""
    cta: str = ""
    hook: str = ""
    proof: str = ""
    language: str = "en"
    domain: str = ""  # the final URL's host, shown on the end card

    @property
    def script(self) -> str:
        return script_of(self.artist + self.key_message + self.cta + self.release)


def scaled(size: tuple[int, int], scale: float, even: bool = False) -> tuple[int, int]:
    """An output size scaled for previews/tests, keeping the ratio (and even sides for video)."""
    if scale >= 1.0:
        return size
    w, h = (max(16, round(v * scale)) for v in size)
    if even:
        w, h = w - w % 2, h - h % 2
    return w, h


# ---------------------------------------------------------------- text layout


def _cjk(text: str) -> bool:
    return script_of(text) in ("ja", "zh")


def wrap(text: str, fnt, max_w: float) -> list[str]:
    """Greedy line breaking: by words, or by characters for Chinese and Japanese (no spaces)."""
    if not text:
        return []
    tokens = list(text) if _cjk(text) else text.split()
    joiner = "" if _cjk(text) else " "
    lines: list[str] = []
    cur = ""
    for tok in tokens:
        trial = (cur + joiner + tok) if cur else tok
        if fnt.getlength(trial) <= max_w or not cur:
            cur = trial
        else:
            lines.append(cur)
            cur = tok
    if cur:
        lines.append(cur)
    return lines


def fit(
    text: str,
    face: str,
    weight: str,
    box_w: float,
    box_h: float,
    start: int,
    minimum: int,
    max_lines: int,
    content: Content,
    leading: float = 1.12,
):
    """The largest size (from `start` down) at which `text` fits the box in `max_lines` lines."""
    size = int(start)
    script = script_of(text) if script_of(text) != "latin" else content.script
    while True:
        f = font(face, weight, size, script, content.language)
        lines = wrap(text, f, box_w)
        too_wide = any(f.getlength(line) > box_w for line in lines)
        height = len(lines) * size * leading
        if (len(lines) <= max_lines and height <= box_h and not too_wide) or size <= minimum:
            if len(lines) > max_lines:  # at the minimum size: cut, with an ellipsis
                lines = lines[:max_lines]
                lines[-1] = lines[-1].rstrip(" ,.;:") + "…"
            return f, lines, size
        size = max(minimum, int(size * 0.92))


def draw_lines(
    draw: ImageDraw.ImageDraw,
    xy: tuple[float, float],
    lines: list[str],
    fnt,
    size: int,
    fill: RGB,
    align: str = "left",
    box_w: float = 0,
    leading: float = 1.12,
) -> float:
    """Draw lines from the top-left of a box; returns the y below the last line."""
    x, y = xy
    for line in lines:
        lx = x
        if align == "center":
            lx = x + (box_w - fnt.getlength(line)) / 2
        draw.text((lx, y), line, font=fnt, fill=fill)
        y += size * leading
    return y


def button(
    draw: ImageDraw.ImageDraw,
    x: float,
    y: float,
    text: str,
    size: int,
    style: Style,
    content: Content,
    max_w: float,
    align_center_w: float = 0,
) -> float:
    """The call to action as a pill; returns its bottom."""
    f, lines, s = fit(
        text, style.body, "bold", max_w - size * 1.6, size * 1.3, size, max(8, size // 2), 1, content
    )
    label = lines[0] if lines else ""
    tw = f.getlength(label)
    pad_x, pad_y = s * 0.8, s * 0.45
    w, h = tw + 2 * pad_x, s * 1.2 + 2 * pad_y
    if align_center_w:
        x = x + (align_center_w - w) / 2
    draw.rounded_rectangle((x, y, x + w, y + h), radius=h / 2, fill=style.palette.accent)
    draw.text((x + pad_x, y + pad_y), label, font=f, fill=style.palette.on_accent)
    return y + h


# ---------------------------------------------------------------- image treatments


def cover(img: Image.Image, w: int, h: int, focus_y: float = 0.35) -> Image.Image:
    """Scale and crop to fill w×h, keeping faces (upper third) in frame."""
    return ImageOps.fit(
        img.convert("RGB"), (max(1, w), max(1, h)), Image.Resampling.LANCZOS, centering=(0.5, focus_y)
    )


def duotone(img: Image.Image, dark: RGB, light: RGB) -> Image.Image:
    gray = np.asarray(ImageOps.autocontrast(img.convert("L")), dtype=np.float32) / 255.0
    d, li = np.array(dark, dtype=np.float32), np.array(light, dtype=np.float32)
    out = d[None, None, :] + gray[..., None] * (li - d)[None, None, :]
    return Image.fromarray(out.clip(0, 255).astype(np.uint8), "RGB")


def grain(img: Image.Image, seed: int, amount: float = 10.0) -> Image.Image:
    rng = np.random.default_rng(seed)
    arr = np.asarray(img, dtype=np.int16)
    noise = rng.normal(0, amount, arr.shape[:2]).astype(np.int16)[..., None]
    return Image.fromarray((arr + noise).clip(0, 255).astype(np.uint8), "RGB")


def vertical_gradient(w: int, h: int, color: RGB, start: float, end_alpha: int) -> Image.Image:
    """An RGBA overlay: transparent above `start` (fraction of h), `color` at `end_alpha` at the bottom."""
    alpha = np.zeros((h, 1), dtype=np.float32)
    s = int(h * start)
    if h - s > 0:
        alpha[s:, 0] = np.linspace(0, end_alpha, h - s)
    a = np.repeat(alpha, w, axis=1).astype(np.uint8)
    layer = np.zeros((h, w, 4), dtype=np.uint8)
    layer[..., 0], layer[..., 1], layer[..., 2] = color
    layer[..., 3] = a
    return Image.fromarray(layer, "RGBA")


def vignette(img: Image.Image, strength: float = 0.55) -> Image.Image:
    w, h = img.size
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    d = np.sqrt(((xx - w / 2) / (w / 2)) ** 2 + ((yy - h / 2) / (h / 2)) ** 2) / np.sqrt(2)
    mask = 1.0 - strength * np.clip(d, 0, 1) ** 2
    arr = np.asarray(img, dtype=np.float32) * mask[..., None]
    return Image.fromarray(arr.clip(0, 255).astype(np.uint8), "RGB")


def pattern(w: int, h: int, style: Style, seed: int) -> Image.Image:
    """Direction A without a photo: seeded concentric rings and bars in the palette."""
    rng = random.Random(seed)
    p = style.palette
    img = Image.new("RGB", (w, h), p.surface)
    d = ImageDraw.Draw(img)
    cx, cy = w * rng.uniform(0.55, 0.8), h * rng.uniform(0.25, 0.6)
    step = max(6, int(min(w, h) * rng.uniform(0.05, 0.08)))
    for i, r in enumerate(range(int(max(w, h) * 1.2), 0, -step)):
        d.ellipse((cx - r, cy - r, cx + r, cy + r), fill=p.accent if i % 2 else p.surface)
    for _ in range(3):
        x = rng.uniform(0, w)
        d.rectangle((x, 0, x + step * 0.6, h), fill=p.background)
    return img


def glow(w: int, h: int, style: Style, seed: int) -> Image.Image:
    """Direction B without a photo: a soft radial glow of the accent on the dark ground, with grain."""
    rng = random.Random(seed)
    p = style.palette
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    cx, cy = w * rng.uniform(0.3, 0.7), h * rng.uniform(0.2, 0.45)
    r = max(w, h) * 0.6
    t = np.clip(1 - np.sqrt((xx - cx) ** 2 + (yy - cy) ** 2) / r, 0, 1) ** 2
    bg, ac = (
        np.array(p.background, np.float32),
        np.array(p.surface, np.float32) * 0.4 + np.array(p.accent, np.float32) * 0.6,
    )
    arr = bg[None, None, :] + t[..., None] * (ac - bg)[None, None, :]
    return grain(Image.fromarray(arr.clip(0, 255).astype(np.uint8), "RGB"), seed, 7.0)


def treat_photo(photo: Image.Image, w: int, h: int, style: Style) -> Image.Image:
    img = cover(photo, w, h)
    p = style.palette
    if style.photo_treatment == "mono":
        return ImageOps.grayscale(img).convert("RGB")
    if style.photo_treatment == "duotone":
        return duotone(img, p.background, tuple(min(255, int(c * 0.6 + 255 * 0.4)) for c in p.accent))
    return img


# ---------------------------------------------------------------- layouts


def _overline(content: Content) -> str:
    return content.release.upper() if content.release and not _cjk(content.release) else content.release


def layout_blocks(
    w: int, h: int, style: Style, content: Content, photo: Image.Image | None, seed: int, role: str
) -> Image.Image:
    """Direction A: light ground, diagonal colour block, framed photo, left-aligned type."""
    p = style.palette
    rng = random.Random(seed)
    img = Image.new("RGB", (w, h), p.background)
    d = ImageDraw.Draw(img)
    unit = min(w, h)
    m = unit * 0.07  # margin
    wide = w / h > 1.3
    # The diagonal block: the composition's anchor.
    tilt = rng.uniform(0.12, 0.22)
    if wide:
        d.polygon([(w * (0.6 - tilt / 4), 0), (w, 0), (w, h), (w * (0.53 - tilt / 4), h)], fill=p.surface)
        photo_box = (w * 0.6, m, w - m, h - m)
        text_box = (m, m, w * 0.5, h - m)
    else:
        d.polygon([(0, h * (0.46 + tilt / 3)), (w, h * (0.36 + tilt / 3)), (w, h), (0, h)], fill=p.surface)
        photo_box = (m, m, w - m, h * 0.52)
        # A video scene keeps the bottom band free for the burnt-in subtitles.
        text_box = (m, h * 0.55, w - m, h * (0.8 if role == "scene" else 1.0) - m)
    px0, py0, px1, py1 = (int(v) for v in photo_box)
    off = int(unit * 0.025)
    d.rectangle((px0 + off, py0 + off, px1 + off, py1 + off), fill=p.accent)
    if photo is not None and style.use_photo:
        img.paste(treat_photo(photo, px1 - px0, py1 - py0, style), (px0, py0))
    else:
        img.paste(pattern(px1 - px0, py1 - py0, style, seed), (px0, py0))
    tx0, ty0, tx1, ty1 = text_box
    bw = tx1 - tx0
    text_on = p.text if (wide or sum(p.surface) > 380) else p.on_accent
    muted_on = p.muted if (wide or sum(p.surface) > 380) else p.on_accent
    if not wide and sum(p.surface) <= 380:
        text_on = tuple(255 - c for c in p.surface) if sum(p.surface) > 200 else (245, 245, 245)
        muted_on = text_on
    y = ty0
    over = _overline(content)
    if over:
        f, lines, s = fit(over, style.body, "bold", bw, unit * 0.06, int(unit * 0.035), 8, 1, content)
        d.rectangle((tx0, y + s * 0.25, tx0 + unit * 0.05, y + s * 0.25 + max(2, s * 0.18)), fill=p.accent)
        y = draw_lines(d, (tx0 + unit * 0.07, y), lines, f, s, muted_on) + s * 0.4
    title = content.artist.upper() if style.uppercase_title and not _cjk(content.artist) else content.artist
    budget = (ty1 - y) * (0.5 if role != "thumbnail" else 0.7)
    f, lines, s = fit(
        title,
        style.display,
        "bold",
        bw,
        budget,
        int(unit * 0.16 * style.title_scale),
        10,
        3,
        content,
        leading=1.0,
    )
    y = draw_lines(d, (tx0, y), lines, f, s, text_on, leading=1.0) + s * 0.25
    if content.key_message and role != "thumbnail":
        remaining = ty1 - y - unit * 0.14
        if remaining > unit * 0.05:
            f, lines, s = fit(
                content.key_message,
                style.body,
                "regular",
                bw,
                remaining,
                int(unit * 0.045),
                8,
                4,
                content,
                leading=1.25,
            )
            y = draw_lines(d, (tx0, y), lines, f, s, muted_on, leading=1.25) + s * 0.6
    if content.cta:
        button(d, tx0, min(y, ty1 - unit * 0.1), content.cta, int(unit * 0.04), style, content, bw)
    return img


def layout_fullbleed(
    w: int, h: int, style: Style, content: Content, photo: Image.Image | None, seed: int, role: str
) -> Image.Image:
    """Direction B: full-bleed duotone photo, grain, vignette, centred type over a gradient."""
    p = style.palette
    if photo is not None and style.use_photo:
        img = grain(treat_photo(photo, w, h, style), seed, 9.0)
    else:
        img = glow(w, h, style, seed)
    img = vignette(img)
    img = img.convert("RGBA")
    img.alpha_composite(vertical_gradient(w, h, p.background, 0.35, 235))
    img = img.convert("RGB")
    d = ImageDraw.Draw(img)
    unit = min(w, h)
    m = unit * 0.08
    wide = w / h > 1.3
    bw = w - 2 * m if not wide else w * 0.62
    x0 = (w - bw) / 2
    # Text block anchored to the lower part of the canvas; measure it first, then draw bottom-up.
    title = content.artist.upper() if style.uppercase_title and not _cjk(content.artist) else content.artist
    tf, tlines, ts = fit(
        title,
        style.display,
        "bold",
        bw,
        h * 0.28,
        int(unit * 0.15 * style.title_scale),
        10,
        2,
        content,
        leading=1.02,
    )
    over = _overline(content)
    of, olines, os_ = (
        fit(over, style.body, "regular", bw, unit * 0.06, int(unit * 0.034), 8, 1, content)
        if over
        else (None, [], 0)
    )
    kf, klines, ks = (None, [], 0)
    if content.key_message and role != "thumbnail":
        kf, klines, ks = fit(
            content.key_message,
            style.body,
            "regular",
            bw * 0.92,
            h * 0.16,
            int(unit * 0.04),
            8,
            3,
            content,
            leading=1.25,
        )
    cta_h = unit * 0.04 * 2.1 if content.cta else 0
    block = len(olines) * os_ * 1.6 + len(tlines) * ts * 1.02 + len(klines) * ks * 1.25 + ks * 0.8 + cta_h
    y = h - m - block - (h * 0.06 if h > w * 1.5 else 0) - (h * 0.18 if role == "scene" else 0)
    if olines:
        y = draw_lines(d, (x0, y), olines, of, os_, p.accent, "center", bw) + os_ * 0.2
        line_w = unit * 0.08
        d.line((w / 2 - line_w / 2, y, w / 2 + line_w / 2, y), fill=p.accent, width=max(1, int(unit * 0.004)))
        y += os_ * 0.4
    y = draw_lines(d, (x0, y), tlines, tf, ts, p.text, "center", bw, leading=1.02)
    if klines:
        y += ks * 0.3
        y = draw_lines(d, (x0 + bw * 0.04, y), klines, kf, ks, p.muted, "center", bw * 0.92, leading=1.25)
    if content.cta:
        button(d, x0, y + ks * 0.5, content.cta, int(unit * 0.04), style, content, bw, align_center_w=bw)
    return img


def logo(w: int, h: int, style: Style, content: Content) -> Image.Image:
    """A wordmark: the artist's name set in the direction's display face on a flat ground (flat
    colour keeps a 1200×1200 PNG far under the 150 KB cap)."""
    p = style.palette
    img = Image.new("RGB", (w, h), p.background)
    d = ImageDraw.Draw(img)
    unit = min(w, h)
    name = content.artist.upper() if style.uppercase_title and not _cjk(content.artist) else content.artist
    wide = w / h >= 3
    if wide:
        mark = unit * 0.56
        my = (h - mark) / 2
        mx = unit * 0.22
        d.rectangle((mx, my, mx + mark, my + mark), fill=p.accent)
        initial = name[:1]
        f, lines, s = fit(
            initial, style.display, "bold", mark * 0.8, mark * 0.8, int(mark * 0.75), 8, 1, content
        )
        tw = f.getlength(lines[0])
        bbox = f.getbbox(lines[0])
        d.text(
            (mx + (mark - tw) / 2, my + (mark - (bbox[3] - bbox[1])) / 2 - bbox[1]),
            lines[0],
            font=f,
            fill=p.on_accent,
        )
        bx = mx + mark + unit * 0.2
        f, lines, s = fit(
            name, style.display, "bold", w - bx - unit * 0.22, h * 0.6, int(h * 0.42), 8, 1, content
        )
        bbox = f.getbbox(lines[0])
        d.text((bx, (h - (bbox[3] - bbox[1])) / 2 - bbox[1]), lines[0], font=f, fill=p.text)
    else:
        m = unit * 0.12
        f, lines, s = fit(
            name, style.display, "bold", w - 2 * m, h * 0.5, int(unit * 0.2), 10, 3, content, leading=1.0
        )
        total = len(lines) * s
        y = (h - total) / 2 - unit * 0.03
        draw_lines(d, (m, y), lines, f, s, p.text, "center", w - 2 * m, leading=1.0)
        bar_w = unit * 0.16
        d.rectangle(
            (w / 2 - bar_w / 2, y + total + unit * 0.04, w / 2 + bar_w / 2, y + total + unit * 0.055),
            fill=p.accent,
        )
    return img


def render_image(
    role: str, size: tuple[int, int], style: Style, content: Content, photo: Image.Image | None, seed: int
) -> Image.Image:
    w, h = size
    if role.startswith("logo"):
        return logo(w, h, style, content)
    if style.layout == "blocks":
        return layout_blocks(w, h, style, content, photo, seed, role)
    return layout_fullbleed(w, h, style, content, photo, seed, role)


def encode(img: Image.Image, fmt: str, cap: int) -> bytes:
    """File bytes under the cap: JPEG steps its quality down; PNG is quantised (flat logos) if needed."""
    if fmt == "png":
        buf = io.BytesIO()
        img.save(buf, "PNG", optimize=True)
        if buf.tell() <= cap:
            return buf.getvalue()
        for colors in (64, 32, 16):
            buf = io.BytesIO()
            img.quantize(colors=colors, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(
                buf, "PNG", optimize=True
            )
            if buf.tell() <= cap:
                break
        return buf.getvalue()
    data = b""
    for quality in (90, 84, 76, 68, 60):
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=quality, optimize=True, progressive=False, subsampling="4:2:0")
        data = buf.getvalue()
        if len(data) <= cap:
            break
    return data


# ---------------------------------------------------------------- video stills


def scene(
    kind: str,
    size: tuple[int, int],
    style: Style,
    content: Content,
    photo: Image.Image | None,
    seed: int,
    text: str = "",
) -> Image.Image:
    """A still for one scene of a short. Text sits in the upper two thirds: the subtitles own the
    bottom band. Kinds: hook, artist, proof, end (the end card with the call to action)."""
    w, h = size
    p = style.palette
    unit = min(w, h)
    m = unit * 0.08
    if kind == "artist":
        c = Content(content.artist, content.release, "", "", language=content.language)
        return render_image("scene", size, style, c, photo, seed)
    if kind == "end":
        img = Image.new("RGB", (w, h), p.background) if style.layout == "blocks" else glow(w, h, style, seed)
        d = ImageDraw.Draw(img)
        if style.layout == "blocks":
            d.rectangle((0, h * 0.62, w, h), fill=p.surface)
        name = (
            content.artist.upper() if style.uppercase_title and not _cjk(content.artist) else content.artist
        )
        f, lines, s = fit(
            name, style.display, "bold", w - 2 * m, h * 0.25, int(unit * 0.16), 10, 2, content, leading=1.0
        )
        y = h * 0.22
        y = draw_lines(d, (m, y), lines, f, s, p.text, "center", w - 2 * m, leading=1.0) + s * 0.3
        if content.release:
            f2, l2, s2 = fit(
                content.release, style.body, "regular", w - 2 * m, unit * 0.1, int(unit * 0.05), 8, 2, content
            )
            y = draw_lines(d, (m, y), l2, f2, s2, p.muted, "center", w - 2 * m) + s2 * 0.6
        if content.cta:
            y = button(
                d, m, y, content.cta, int(unit * 0.055), style, content, w - 2 * m, align_center_w=w - 2 * m
            )
        if content.domain:
            f3, l3, s3 = fit(
                content.domain,
                style.body,
                "regular",
                w - 2 * m,
                unit * 0.06,
                int(unit * 0.035),
                8,
                1,
                content,
            )
            draw_lines(d, (m, y + s3 * 0.8), l3, f3, s3, p.muted, "center", w - 2 * m)
        return img
    # hook / proof: a big statement over the direction's ground.
    if style.layout == "blocks":
        img = Image.new("RGB", (w, h), p.surface if kind == "hook" else p.background)
        d = ImageDraw.Draw(img)
        band = pattern(w, int(h * 0.3), style, seed + 7)
        img.paste(band, (0, 0) if kind == "proof" else (0, int(h * 0.7)))
        colour = p.on_accent if kind == "hook" and sum(p.surface) < 380 else p.text
    else:
        base = (
            treat_photo(photo, w, h, style)
            if (photo is not None and style.use_photo)
            else glow(w, h, style, seed)
        )
        img = vignette(base.filter(ImageFilter.GaussianBlur(unit * 0.01)), 0.7)
        img = img.convert("RGBA")
        img.alpha_composite(vertical_gradient(w, h, p.background, 0.0, 170))
        img = img.convert("RGB")
        d = ImageDraw.Draw(img)
        colour = p.text
    if kind == "hook" and sum(colour) < 200 and sum(p.surface) < 300:
        colour = (245, 245, 245)
    f, lines, s = fit(
        text,
        style.display if kind == "hook" else style.body,
        "bold",
        w - 2 * m,
        h * 0.4,
        int(unit * 0.1),
        10,
        5,
        content,
        leading=1.1,
    )
    total = len(lines) * s * 1.1
    top = 0.34 if (kind == "proof" and style.layout == "blocks") else 0.12
    y = h * top + (h * 0.4 - total) / 2 if h > w else h * top * 0.8 + (h * 0.5 - total) / 2
    d.rectangle((w / 2 - unit * 0.05, y - s * 0.7, w / 2 + unit * 0.05, y - s * 0.55), fill=p.accent)
    draw_lines(d, (m, y), lines, f, s, colour, "center", w - 2 * m, leading=1.1)
    return img


STILL_EXT = "ppm"


def save_still(img: Image.Image, path: Path) -> None:
    """A scene's still for ffmpeg (`<name>.ppm`): raw RGB, since it is read once and deleted. Writing a
    1080×1920 still took 0.08 s as PNG (compress level 1) and 0.005 s as PPM; the pixels, hence the
    video's bytes, are the same."""
    if path.suffix != f".{STILL_EXT}":
        raise ValueError(f"{path.name}: a still is saved as .{STILL_EXT}")
    img.convert("RGB").save(path, "PPM")
