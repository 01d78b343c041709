"""Is the process that owns a running run still there?"""

from __future__ import annotations

import os
import socket
from pathlib import Path


def this_host() -> str:
    """This machine's host name, as recorded with a run's process id."""
    return socket.gethostname()


def process_alive(pid: int) -> bool:
    """Whether process ``pid`` exists on this machine and has not exited.

    ``os.kill(pid, 0)`` checks existence; a process we may not signal still exists. An
    exited child its parent has not reaped yet (a zombie) has ended, so it counts as gone.
    """
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return not _is_zombie(pid)


def _is_zombie(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:  # no /proc (macOS), or the process just vanished
        return False
    # "pid (command) state …": the command may contain spaces and parentheses.
    fields = stat.rpartition(")")[2].split()
    return bool(fields) and fields[0] == "Z"
