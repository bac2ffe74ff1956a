"""SUPERVISOR job functions, run by `bandcrew worker supervisor`. `step` is the one state-machine
step (see pipeline.py), enqueued after each stage's jobs. A step that fails for good marks the
campaign failed with its stage and reason, so a campaign never hangs in a half-way state; transient
errors (Redis blips) are retried by RQ."""

from __future__ import annotations

import logging

from rq import get_current_job
from rq.job import Job

from supervisor import pipeline
from supervisor.stages import StageFailed

log = logging.getLogger(__name__)


def step(cid: str, state: str, round_: int = 0) -> str:
    """The jobs of stage `state` have finished: move the campaign to its next stage."""
    try:
        return pipeline.step(cid, state, round_)
    except StageFailed as exc:
        pipeline.fail(cid, exc.stage or state, exc.reason)
        return f"failed: {exc.reason}"
    except Exception as exc:
        job = get_current_job()
        if job is not None and (job.retries_left or 0) > 0:
            raise  # RQ retries it with backoff; the step is idempotent
        log.exception("%s: the step after %s failed for good", cid, state)
        pipeline.fail(cid, state, f"internal error after {state}: {type(exc).__name__}: {exc}")
        return "failed"


def cleanup() -> dict[str, int]:
    """The scheduled retention cleanup (supervisor/retention.py)."""
    from supervisor import retention

    return retention.cleanup()


def on_step_failure(
    job: Job, connection: object, exc_type: type, exc_value: BaseException, tb: object
) -> None:
    """RQ failure callback of every supervisor step (shared.queues.FAILURE_CALLBACKS). It matters when
    the worker was killed on the step's last attempt: RQ then fails the job without running the
    step's own handler above, and nothing else would ever move the campaign to failed."""
    if (job.retries_left or 0) > 0 or len(job.args) < 2 or not job.func_name.endswith(".step"):
        return  # RQ will run the step again
    state = str(job.args[1])
    reason = f"the supervisor's step after {state} failed for good ({getattr(exc_type, '__name__', 'error')})"
    pipeline.fail(str(job.args[0]), state, reason)
