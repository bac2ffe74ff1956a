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


# A throw-away stage, added to the pipeline table by tests/supervisor/test_stage_table.py: the job
# module a new stage needs, next to its row. Each task saves a part and reports its progress.


def proof_tasks(record, round_: int):
    from shared.pipeline import Task

    return [Task(theme, (theme, round_)) for theme in record.campaign.themes]


def proof(campaign_id: str, theme: str, round_: int) -> str:
    from shared import pipeline, store
    from shared.events import emit_progress

    store.save_part(campaign_id, "proofs", f"{theme}-r{round_}", {"theme": theme, "round": round_})
    done = store.count_parts(campaign_id, "proofs")
    emit_progress(
        campaign_id,
        stage="proofing",
        agent="proofreader",
        step=theme,
        status="done",
        pct=pipeline.pct("proofing", done / 10),
        message=f"{theme}: proofread",
    )
    return theme


def encore(campaign_id: str, round_: int) -> str:
    """An after-done stage's job: the campaign is done, so the event carries its own progress."""
    from shared import pipeline, store
    from shared.events import emit_progress

    assert store.require(campaign_id).state == "done"
    store.save_part(campaign_id, "encore", f"r{round_}", {"round": round_})
    emit_progress(
        campaign_id,
        stage="encore",
        agent="encore",
        step="encore",
        status="done",
        pct=pipeline.pct("encore"),
        message="Encore played",
        data={"stage_pct": 100},
    )
    return "encore"
