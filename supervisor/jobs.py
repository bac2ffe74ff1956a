"""SUPERVISOR job functions, run by `bandcrew worker supervisor`. Each is a short state-machine step
(see pipeline.py). A step that fails for good marks the campaign failed with its stage and reason,
so a campaign never hangs in a half-way state; transient errors (Redis blips) are retried by RQ."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any

from rq import get_current_job
from rq.job import Job

from supervisor import pipeline

log = logging.getLogger(__name__)


def _step(stage: str) -> Callable[[Callable[..., str]], Callable[..., str]]:
    def wrap(fn: Callable[..., str]) -> Callable[..., str]:
        @functools.wraps(fn)
        def run(cid: str, *args: Any) -> str:
            try:
                return fn(cid, *args)
            except pipeline.StageFailed as exc:
                pipeline.fail(cid, exc.stage, exc.reason)
                return f"failed: {exc.reason}"
            except Exception as exc:
                job = get_current_job()
                if job is not None and (job.retries_left or 0) > 0:
                    raise  # RQ retries it with backoff; the step is idempotent
                log.exception("%s: %s failed for good", cid, fn.__name__)
                pipeline.fail(cid, stage, f"internal error in {fn.__name__}: {type(exc).__name__}: {exc}")
                return "failed"

        return run

    return wrap


@_step("received")
def start(cid: str) -> str:
    return pipeline.start(cid)


@_step("analyzing")
def after_analysis(cid: str) -> str:
    return pipeline.after_analysis(cid)


@_step("writing")
def after_writing(cid: str, revision: int = 0) -> str:
    return pipeline.after_writing(cid, revision)


@_step("validating")
def validate(cid: str, revision: int = 0) -> str:
    return pipeline.validate(cid, revision)


STAGE_OF_STEP = {
    "start": "received",
    "after_analysis": "analyzing",
    "after_writing": "writing",
    "validate": "validating",
}


def on_step_failure(
    job: Job, connection: object, exc_type: type, exc_value: BaseException, tb: object
) -> None:
    """RQ failure callback of every supervisor step (shared.queues.FAILURE_CALLBACKS). It matters when
    the worker was killed on the step's last attempt: RQ then fails the job without running the
    step's own handler above, and nothing else would ever move the campaign to failed."""
    if (job.retries_left or 0) > 0 or not job.args:
        return  # RQ will run the step again
    step = job.func_name.rsplit(".", 1)[-1]
    reason = f"the supervisor's {step} step failed for good ({getattr(exc_type, '__name__', 'error')})"
    pipeline.fail(str(job.args[0]), STAGE_OF_STEP.get(step, step), reason)
