"""`bandcrew worker QUEUE`: a real RQ worker with the JSON serializer and the scheduler (for retry
intervals). The queue's job module is imported before the worker forks its work horses, so each job
starts warm. SIGTERM/SIGINT trigger RQ's warm shutdown: the current job finishes first."""

from __future__ import annotations

import importlib
import os
import socket

from rq import Worker
from rq.serializers import JSONSerializer

from shared.logs import setup_logging
from shared.queues import get_queue
from shared.redisdb import get_redis

# How often a worker sweeps the registries for jobs abandoned by a killed worker (RQ's default is
# 10 minutes). Abandoned jobs with retries left are re-queued, so a kill -9 never loses a campaign.
MAINTENANCE_INTERVAL_S = 30
# Heartbeat period while a job runs; RQ declares a job abandoned 60 s after its last heartbeat.
JOB_MONITORING_INTERVAL_S = 10


def run_worker(queue: str, burst: bool = False) -> int:
    setup_logging(f"worker-{queue}")
    importlib.import_module(f"{queue}.jobs")
    worker = Worker(
        [get_queue(queue)],
        connection=get_redis(),
        serializer=JSONSerializer,
        name=f"{queue}-{socket.gethostname()}-{os.getpid()}",
        maintenance_interval=MAINTENANCE_INTERVAL_S,
        job_monitoring_interval=JOB_MONITORING_INTERVAL_S,
    )
    worker.work(burst=burst, with_scheduler=True, logging_level=os.environ.get("LOG_LEVEL", "INFO").upper())
    return 0
