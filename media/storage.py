"""The media volume: content-addressed files, written atomically, never in Redis.

Layout: `<MEDIA_ROOT>/<campaign>/<kind>/<sha256>.<ext>`. The name is the hash of the bytes, so the
same render twice is the same file (a re-delivered job rewrites nothing), and a file is only ever
visible whole: it is written to a temporary name in the same folder, fsynced, then renamed (rename
is atomic within a filesystem). A worker killed mid-write leaves at worst a `.tmp-*` file, which
`sweep_temp` removes and which is never referenced by a record.

Render scratch space lives in `<MEDIA_ROOT>/.work/<job>/`, removed when the job ends (and by the
sweep when a killed job could not). Optional S3 mirroring is in media/s3.py."""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from shared.models.media import MediaFile
from shared.settings import get_settings

MIME = {
    "png": "image/png",
    "jpg": "image/jpeg",
    "mp4": "video/mp4",
    "wav": "audio/wav",
    "mp3": "audio/mpeg",
    "m4a": "audio/mp4",
    "ass": "text/x-ssa",
    "srt": "application/x-subrip",
    "json": "application/json",
    "zip": "application/zip",
}
_REL = re.compile(
    r"c_[0-9a-z]{1,40}/(?:[a-z_]+/[0-9a-f]{64}\.[a-z0-9]{2,4}"
    r"|archive/(?:images|videos)-r[0-9]{1,3}-[AB]/[a-z_]{1,40}\.(?:jpg|png|mp4|json))"
)
TMP_PREFIX = ".tmp-"


def root() -> Path:
    path = get_settings().media_root()
    path.mkdir(parents=True, exist_ok=True)
    return path


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def atomic_write(dest: Path, data: bytes) -> None:
    """Write `data` to `dest` so that `dest` is either absent, or complete."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=TMP_PREFIX, dir=dest.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, dest)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(dest.parent)


def atomic_copy(src: Path, dest: Path) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=TMP_PREFIX, dir=dest.parent)
    try:
        with os.fdopen(fd, "wb") as out, src.open("rb") as inp:
            shutil.copyfileobj(inp, out, 1 << 20)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, dest)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(dest.parent)


def put_file(campaign_id: str, kind: str, src: Path, name: str, **meta: object) -> MediaFile:
    """Store a finished render (a file in scratch space) under its content address."""
    ext = src.suffix.lstrip(".").lower()
    digest = sha256_file(src)
    rel = f"{campaign_id}/{kind}/{digest}.{ext}"
    dest = root() / rel
    if not dest.exists():  # same bytes already stored: content addressing makes this a no-op
        atomic_copy(src, dest)
    from media import s3

    s3.mirror(rel, dest)
    return MediaFile(
        name=name,
        kind=kind,
        path=rel,
        sha256=digest,
        bytes=dest.stat().st_size,
        mime=MIME.get(ext, "application/octet-stream"),
        **meta,  # type: ignore[arg-type]
    )


def put_bytes(campaign_id: str, kind: str, data: bytes, ext: str, name: str, **meta: object) -> MediaFile:
    digest = hashlib.sha256(data).hexdigest()
    rel = f"{campaign_id}/{kind}/{digest}.{ext}"
    dest = root() / rel
    if not dest.exists():
        atomic_write(dest, data)
    from media import s3

    s3.mirror(rel, dest)
    return MediaFile(
        name=name,
        kind=kind,
        path=rel,
        sha256=digest,
        bytes=len(data),
        mime=MIME.get(ext, "application/octet-stream"),
        **meta,  # type: ignore[arg-type]
    )


def valid_rel(rel: str) -> bool:
    """A content address as a request may name it (no '..', no absolute path, our shape only)."""
    return _REL.fullmatch(rel) is not None


def path_of(rel: str) -> Path:
    return root() / rel


@contextlib.contextmanager
def workdir(name: str) -> Iterator[Path]:
    """Scratch space for one render, removed afterwards (a killed worker's is swept later)."""
    base = root() / ".work"
    base.mkdir(parents=True, exist_ok=True)
    path = Path(tempfile.mkdtemp(prefix=f"{name}-", dir=base))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def sweep_temp(max_age_s: float = 3600.0) -> int:
    """Remove half-written temporaries and scratch folders older than `max_age_s` (a killed
    worker's leftovers). Returns how many were removed."""
    base = root()
    now = time.time()
    removed = 0
    for tmp in base.glob(f"c_*/*/{TMP_PREFIX}*"):
        if now - tmp.stat().st_mtime > max_age_s:
            tmp.unlink(missing_ok=True)
            removed += 1
    work = base / ".work"
    if work.is_dir():
        for folder in work.iterdir():
            if now - folder.stat().st_mtime > max_age_s:
                shutil.rmtree(folder, ignore_errors=True)
                removed += 1
    return removed


def delete_campaign(campaign_id: str) -> bool:
    """Remove every file of a campaign (its media expire with it); archives are read-only copies,
    so permissions are restored before removal."""
    folder = root() / campaign_id
    if not folder.is_dir():
        return False
    for dirpath, _dirs, _files in os.walk(folder):
        with contextlib.suppress(OSError):
            os.chmod(dirpath, 0o755)
    shutil.rmtree(folder, ignore_errors=True)
    from media import s3

    s3.delete_prefix(f"{campaign_id}/")
    return True


def campaign_dirs() -> list[str]:
    return sorted(p.name for p in root().glob("c_*") if p.is_dir())
