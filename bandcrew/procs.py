"""Process liveness, the one place that answers "is that pid still running?"."""

from __future__ import annotations

import os


def pid_alive(pid: int) -> bool:
    """True while `pid` runs. A zombie (killed, not yet reaped — PID 1 of a container or VM may reap
    late) counts as dead: it holds no lock and does no work."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as f:
            return f.read().rsplit(")", 1)[-1].split()[0] != "Z"
    except OSError:
        return True  # no /proc (not Linux): trust kill(0)


def group_alive(pgid: int) -> bool:
    """True while any live (non-zombie) process belongs to process group `pgid`: a gunicorn master
    can be gone while its worker, which holds the listening socket, is still shutting down."""
    try:
        entries = os.listdir("/proc")
    except OSError:  # not Linux: ask the kernel about the group as a whole
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True
    for entry in entries:
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as f:
                fields = f.read().rsplit(")", 1)[-1].split()
        except OSError:
            continue
        if len(fields) > 2 and fields[2] == str(pgid) and fields[0] != "Z":
            return True
    return False
