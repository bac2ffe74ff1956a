"""The media volume: content addresses, atomic writes, sweeping a killed worker's leftovers, and the
optional S3 mirror against a real S3 API on loopback (moto's server: upload, presigned GET with a
Range → 206, deletion with the campaign)."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest
import requests

from bandcrew.embedded_redis import free_port
from media import s3, storage
from shared.settings import reset_settings

CID = "c_0123abc"


def test_content_addressed_and_atomic(media_root, tmp_path):
    src = tmp_path / "a.png"
    src.write_bytes(b"\x89PNG fake bytes")
    f = storage.put_file(CID, "image", src, "square")
    assert f.path == f"{CID}/image/{storage.sha256_file(src)}.png" and storage.valid_rel(f.path)
    assert storage.put_file(CID, "image", src, "square").path == f.path  # same bytes, same file
    assert not storage.valid_rel(f"{CID}/../../x.png") and not storage.valid_rel("/etc/passwd")
    # A temporary left by a killed writer is never a content address, and the sweep removes it.
    leftover = media_root / CID / "image" / (storage.TMP_PREFIX + "dead")
    leftover.write_bytes(b"half")
    os.utime(leftover, (time.time() - 7200, time.time() - 7200))
    assert storage.sweep_temp() == 1 and not leftover.exists()


@pytest.fixture
def moto_s3(media_root, monkeypatch):
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90  # moto's import is slow on a loaded machine
        while True:
            try:
                requests.get(url, timeout=1)
                break
            except requests.ConnectionError:
                assert proc.poll() is None and time.monotonic() < deadline, "moto's S3 server did not start"
                time.sleep(0.1)
        for k, v in {"MEDIA_S3_BUCKET": "bsc-media", "MEDIA_S3_ENDPOINT_URL": url, "AWS_ACCESS_KEY_ID": "test",
                     "AWS_SECRET_ACCESS_KEY": "test"}.items():  # fmt: skip
            monkeypatch.setenv(k, v)
        reset_settings()
        s3._client.cache_clear()
        s3.client().create_bucket(Bucket="bsc-media")
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        s3._client.cache_clear()
        reset_settings()


def test_s3_mirror_presigned_range_and_expiry(moto_s3, tmp_path):
    src = tmp_path / "v.mp4"
    src.write_bytes(bytes(range(256)) * 40)
    f = storage.put_file(CID, "video", src, "video_vertical")
    head = s3.client().head_object(Bucket="bsc-media", Key=f.path)
    assert head["ContentLength"] == f.bytes
    part = requests.get(s3.presigned_url(f.path), headers={"Range": "bytes=10-19"}, timeout=5)
    assert part.status_code == 206 and part.content == bytes(range(10, 20))
    assert storage.delete_campaign(CID)
    assert s3.client().list_objects_v2(Bucket="bsc-media", Prefix=f"{CID}/").get("KeyCount", 0) == 0
