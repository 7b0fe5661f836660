"""Names the OS sees, so that per-thread and per-process CPU can be told apart (top -H,
/proc/PID/task/TID/comm; ``bench/ws_load.py`` groups CPU by them)."""

from __future__ import annotations

import contextlib


def name_os_thread(name: str) -> None:
    """Give the calling thread ``name`` in the OS too (``/proc/PID/task/TID/comm``, top -H), so
    its CPU can be told apart from the event loop's (Python's thread names stay in Python).
    Linux only; elsewhere, or if the call fails, the thread keeps its OS name."""
    with contextlib.suppress(Exception):
        import ctypes

        libc = ctypes.CDLL(None)
        pr_set_name = 15
        libc.prctl(pr_set_name, name.encode()[:15], 0, 0, 0)  # 15 bytes + NUL is the limit
