"""Optional S3-compatible mirror of the media volume (boto3). Off unless MEDIA_S3_BUCKET is set.

The volume stays the source of truth for rendering and review (ffprobe and the archive need local
files); every stored file is also uploaded under the same key, so a CDN or a second site can serve
it, and `presigned_url` hands out a time-limited GET link (S3 answers Range requests itself).
Credentials come from boto3's usual chain (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, a role…)."""

from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path
from typing import Any

from shared.settings import get_settings

log = logging.getLogger(__name__)


def enabled() -> bool:
    return bool(get_settings().MEDIA_S3_BUCKET)


@lru_cache(maxsize=4)
def _client(endpoint: str, region: str) -> Any:
    import boto3

    return boto3.client("s3", endpoint_url=endpoint or None, region_name=region)


def client() -> Any:
    s = get_settings()
    return _client(s.MEDIA_S3_ENDPOINT_URL, s.MEDIA_S3_REGION)


def mirror(rel: str, path: Path) -> None:
    """Upload once (a HEAD first: content addresses never change, so an existing key is the same)."""
    if not enabled():
        return
    bucket = get_settings().MEDIA_S3_BUCKET
    c = client()
    try:
        c.head_object(Bucket=bucket, Key=rel)
        return
    except c.exceptions.ClientError:
        pass
    c.upload_file(str(path), bucket, rel)


def presigned_url(rel: str, expires_s: int = 3600) -> str:
    return client().generate_presigned_url(
        "get_object", Params={"Bucket": get_settings().MEDIA_S3_BUCKET, "Key": rel}, ExpiresIn=expires_s
    )


def delete_prefix(prefix: str) -> int:
    if not enabled():
        return 0
    bucket = get_settings().MEDIA_S3_BUCKET
    c = client()
    n = 0
    for page in c.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
        keys = [{"Key": o["Key"]} for o in page.get("Contents", [])]
        if keys:
            c.delete_objects(Bucket=bucket, Delete={"Objects": keys})
            n += len(keys)
    return n
