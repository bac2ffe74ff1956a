"""The pipeline, declared once: one row per stage. The SUPERVISOR interprets this table
(`supervisor/pipeline.py`), the agents read their progress band from it, and MAIN and the CLI read
the stages, labels and bands through `GET /api/pipeline`. Nothing else spells them.

    received → analyzing → writing → optimizing → validating → done   ( → media, after done)
                              ↑                       |
                              └──── revising ←────────┘   (at most MAX_REVISION_ROUNDS)
    any state → failed (with the stage and the reason) · any running state → canceled (admin)

How a row is run (see `supervisor.pipeline.step`): when the previous stage's jobs have finished, a
SUPERVISOR step decides the next stage (`next`, default the following row), calls its `enter` hook
(which merges the parts the new stage reads and says what it starts), moves the record into the
stage's state — state and data in one atomic write — and only then enqueues the stage's jobs: one
`job` per task of `fan_out` (default: one task), then `follow_up` once they have all finished, then
the next SUPERVISOR step. Job ids are deterministic (`<state>-<campaign>-<task>-r<round>`), so a
re-delivered step enqueues only what is missing. A stage with no job (validating) is the
SUPERVISOR's own and is passed through inside the same step. `done` is terminal.

Rows with `after_done=True` (MEDIA) run once the campaign is `done`, without blocking it: the
campaign stays `done`; their jobs are enqueued when `done` is reached (if `auto`) or later on demand
(`supervisor.pipeline.run_after_done`). Their `band` is None: the overall progress is already 100,
so their events carry their own progress in `data["stage_pct"]` (see CONTRIBUTING.md).

Hooks are dotted paths (strings), resolved where they run: `enter` and `next` in the SUPERVISOR, a
`fan_out` outside `supervisor.` on the stage's own queue (the ANALYST lists its own sources; see
shared/stage_jobs.py). This module imports no service, so every service can read it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from typing import Any

Band = tuple[int, int]


@dataclass(frozen=True)
class Stage:
    state: str  # the record's state while the stage runs, and its events' `stage`
    label: str  # what MAIN's stepper and the CLI show
    agent: str  # the service doing the work (its events' `agent`)
    queue: str = "supervisor"  # where `job` and `follow_up` run
    job: str | None = None  # dotted path, called job(campaign_id, *task.args) once per task
    fan_out: str | None = None  # dotted path (record, round) -> list[Task]; default one task. Outside
    # `supervisor.` it runs on the stage's queue, in its agent (shared.stage_jobs.plan)
    follow_up: str | None = None  # dotted path on `queue`, follow_up(campaign_id), once the tasks finished
    enter: str | None = None  # SUPERVISOR dotted path: (record, round) -> Entry, run before the move
    next: str | None = None  # following state, or a SUPERVISOR dotted path (record, round) -> (state, round)
    band: Band | None = None  # overall pct at the start and the end of the stage; None: own progress
    step: str | None = None  # the stepper position it is shown on (revising is shown on writing)
    after_done: bool = False  # runs after `done` without blocking it; not a record state
    auto: bool = True  # (after_done) enqueued when the campaign is done; else only on demand

    @property
    def runs_jobs(self) -> bool:
        return self.job is not None or self.fan_out is not None

    @property
    def terminal(self) -> bool:
        return self.state == "done"


@dataclass(frozen=True)
class Task:
    """One job of a stage's fan-out: job(campaign_id, *args), job id `<state>-<cid>-<key>-r<round>`."""

    key: str
    args: tuple[Any, ...] = ()
    job: str | None = None  # another job than the stage's (e.g. the creative brief next to ad groups)


@dataclass
class Entry:
    """What an `enter` hook returns: the change to apply to the record in the same write that moves it,
    and the message (and data) of the stage's "started" event."""

    message: str
    mutate: Callable[[Any], None] | None = None
    data: dict[str, Any] = field(default_factory=dict)
    consumed: tuple[str, ...] = ()  # part kinds merged into the record by `mutate`: dropped after the move


STAGES: tuple[Stage, ...] = (
    Stage("received", "Received", "supervisor", band=(1, 1)),
    Stage(
        "analyzing",
        "Research",
        "analyst",
        queue="analyst",
        job="analyst.jobs.collect_source",
        fan_out="analyst.sources.registry.tasks",
        follow_up="analyst.jobs.aggregate",
        enter="supervisor.stages.enter_analyzing",
        band=(3, 35),
    ),
    Stage(
        "writing",
        "Copywriting",
        "marketing",
        queue="marketing",
        job="marketing.jobs.write_ad_group",
        fan_out="supervisor.stages.ad_groups",
        enter="supervisor.stages.enter_writing",
        band=(38, 65),
    ),
    Stage(
        "optimizing",
        "Compliance",
        "optimizer",
        queue="optimizer",
        job="optimizer.jobs.optimize",
        enter="supervisor.stages.enter_optimizing",
        band=(68, 85),
    ),
    Stage(
        "validating",
        "Validation",
        "supervisor",
        enter="supervisor.stages.enter_validating",
        next="supervisor.stages.after_validation",
        band=(88, 99),
    ),
    Stage(
        "revising",
        "Revision",
        "marketing",
        queue="marketing",
        job="marketing.jobs.write_ad_group",
        fan_out="supervisor.stages.rewrites",
        enter="supervisor.stages.enter_revising",
        next="optimizing",
        band=(38, 65),
        step="writing",
    ),
    Stage("done", "Done", "supervisor", enter="supervisor.stages.enter_done", band=(100, 100)),
    # MEDIA renders the brief's directions A and B (images, voice-over, videos) for the client's review.
    # Its job fans out itself (media/jobs.py) and keeps the sets' states in record.media.
    Stage("media", "Media", "media", queue="media", job="media.jobs.start", after_done=True),
)

# Outcomes that are record states but not stages of the table.
OUTCOMES: dict[str, str] = {"failed": "Failed", "canceled": "Canceled"}
TERMINAL: frozenset[str] = frozenset({"done", *OUTCOMES})


def stages() -> tuple[Stage, ...]:
    # Read at call time (not cached) so a test can add a row (`with_stage`).
    return STAGES


def stage(state: str) -> Stage:
    for row in STAGES:
        if row.state == state:
            return row
    raise KeyError(f"no stage {state!r} in shared.pipeline.STAGES")


def states() -> tuple[str, ...]:
    """Every state a campaign record can be in: the table's (except after-done rows) and the outcomes."""
    return tuple(s.state for s in STAGES if not s.after_done) + tuple(OUTCOMES)


def following(state: str) -> Stage | None:
    """The row after `state` in the table (the default `next`), skipping after-done rows."""
    rows = [s for s in STAGES if not s.after_done]
    names = [s.state for s in rows]
    i = names.index(state)
    return rows[i + 1] if i + 1 < len(rows) else None


def after_done() -> tuple[Stage, ...]:
    return tuple(s for s in STAGES if s.after_done)


def label(state: str) -> str:
    if state in OUTCOMES:
        return OUTCOMES[state]
    try:
        return stage(state).label
    except KeyError:
        return state.replace("_", " ").capitalize()


def pct(state: str, done: float = 0.0) -> int:
    """Overall progress `done` (0..1) of the way through `state`'s band. A stage with no band (after
    done) returns 100: the campaign's progress is complete; the stage reports its own in its data."""
    try:
        band = stage(state).band
    except KeyError:
        return 0
    if band is None:
        return 100
    lo, hi = band
    return lo + round((hi - lo) * max(0.0, min(1.0, done)))


def describe() -> dict[str, Any]:
    """The table as JSON (what `GET /api/pipeline` returns). `steps` is the stepper MAIN draws."""
    rows = []
    for s in STAGES:
        row = asdict(s)
        row["band"] = list(s.band) if s.band else None
        rows.append(row)
    return {
        "stages": rows,
        "steps": [s.state for s in STAGES if s.step is None and not s.after_done],
        "step_of": {s.state: s.step for s in STAGES if s.step},
        "labels": {**{s.state: s.label for s in STAGES}, **OUTCOMES},
        "terminal": sorted(TERMINAL),
    }


@contextmanager
def with_stage(row: Stage, after: str) -> Iterator[Stage]:
    """Add `row` to the table after the row `after` for the duration of the block (tests, and a way
    to see that a stage really is one row)."""
    global STAGES
    saved = STAGES
    i = [s.state for s in STAGES].index(after)
    STAGES = (*STAGES[: i + 1], row, *STAGES[i + 1 :])
    try:
        yield row
    finally:
        STAGES = saved


__all__ = [
    "OUTCOMES",
    "STAGES",
    "TERMINAL",
    "Entry",
    "Stage",
    "Task",
    "after_done",
    "describe",
    "following",
    "label",
    "pct",
    "stage",
    "states",
    "with_stage",
]
