"""Job functions for the admin API tests. They live in an importable module (not the test file's
`__main__`-like namespace) because RQ enqueues and runs them by dotted path."""

from __future__ import annotations

from rq import get_current_job


def fail_until_flag(flag_key: str, payload: dict) -> str:
    """Fails while `flag_key` is absent from Redis, then succeeds: a job an operator can fix and requeue."""
    job = get_current_job()
    assert job is not None, "must run inside an RQ worker"
    if not job.connection.exists(flag_key):
        raise RuntimeError(f"upstream not ready for {payload.get('artist', '?')}")
    return "ok"
