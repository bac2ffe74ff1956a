"""The offline designer at full size: every role meets its spec (dimensions, ratio, byte caps incl.
the 150 KB logos), the same seed gives the same bytes, A and B differ, non-Latin scripts render."""

from __future__ import annotations

import hashlib
from pathlib import Path

from media import designer, spec
from media.designer import IMAGE_SPECS, Content
from media.style import read_steer, style_for
from sandbox.media_apis import synthetic_image

CONTENT = Content(
    "Daft Punk",
    "Random Access Memories",
    "Random Access Memories by Daft Punk: euphoric electronic, out now.",
    "Stream Random Access Memories now",
    language="en",
    domain="daftpunk.com",
)


def _render(tmp_path: Path, direction: str, content: Content = CONTENT, seed: int = 7) -> dict[str, bytes]:
    photo = synthetic_image("artist/1", (500, 500))
    out = {}
    for role, (w, h, cap, fmt) in IMAGE_SPECS.items():
        data = designer.encode(designer.render_image(role, (w, h), style_for("electronic: x", direction), content,
                                                     photo, seed), fmt, cap)  # fmt: skip
        path = tmp_path / f"{direction}-{role}.{fmt}"
        path.write_bytes(data)
        check = spec.check_image(path, spec.ImageSpec(role, w, h, cap))
        assert check.ok, (role, check.failures)
        out[role] = data
    return out


def test_every_role_meets_its_spec_and_same_seed_same_bytes(tmp_path):
    a = _render(tmp_path, "A")
    assert _render(tmp_path, "A") == a  # same seed, same bytes
    b = _render(tmp_path, "B")
    assert all(a[r] != b[r] for r in a)  # the directions differ everywhere
    assert len(a["logo_square"]) <= 150_000 and len(b["logo_wide"]) <= 150_000
    other = _render(tmp_path, "B", seed=8)
    assert other["landscape"] != b["landscape"]  # the seed matters (grain, pattern)


def test_non_latin_scripts_and_a_failing_spec(tmp_path):
    ko = Content(
        "방탄소년단", "Butter", "방탄소년단의 새 싱글 Butter, 지금 들어보세요.", "지금 듣기", language="ko"
    )
    ja = Content("米津玄師", "Lemon", "米津玄師の「Lemon」、配信中。", "今すぐ聴く", language="ja")
    for c in (ko, ja):
        img = designer.render_image("square", (600, 600), style_for("kpop: x", "A"), c, None, 1)
        assert len({hashlib.md5(img.tobytes()).hexdigest()}) == 1 and img.getbbox()
    path = tmp_path / "x.jpg"
    path.write_bytes(designer.encode(designer.render_image("landscape", (1200, 630), style_for("", "A"), CONTENT,
                                                           None, 1), "jpg", 5_000_000))  # fmt: skip
    check = spec.check_image(path, spec.ImageSpec("landscape", 1200, 628, 5_000_000))
    assert not check.ok and "expected 1200×628" in check.failures[0]
    assert spec.check_image(path, spec.ImageSpec("landscape", 1200, 630, 1000)).failures == [
        f"{path.stat().st_size:,} bytes is over the 1,000-byte cap"
    ]


def test_the_clients_comment_steers_the_style():
    assert read_steer("Make it darker and the name bigger, no photo") == [
        "darker",
        "bigger_title",
        "no_photo",
    ]
