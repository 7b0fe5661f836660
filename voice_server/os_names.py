"""What the OS knows of our processes and threads: their names, so that per-thread and
per-process CPU can be told apart (top -H, /proc/PID/task/TID/comm; ``bench/ws_load.py``
groups CPU by them), and which of them die with their parent."""

from __future__ import annotations

import contextlib
import os
import signal


def name_os_thread(name: str) -> None:
    """Give the calling thread ``name`` in the OS too (``/proc/PID/task/TID/comm``, top -H), so
    its CPU can be told apart from the event loop's (Python's thread names stay in Python).
    Linux only; elsewhere, or if the call fails, the thread keeps its OS name."""
    with contextlib.suppress(Exception):
        import ctypes

        libc = ctypes.CDLL(None)
        pr_set_name = 15
        libc.prctl(pr_set_name, name.encode()[:15], 0, 0, 0)  # 15 bytes + NUL is the limit


def die_with_parent() -> None:
    """Have the kernel SIGTERM the calling process when its parent dies, however it dies (a
    SIGKILLed parent cannot stop its children). Linux only; elsewhere a no-op."""
    with contextlib.suppress(Exception):
        import ctypes

        pr_set_pdeathsig = 1
        ctypes.CDLL(None).prctl(pr_set_pdeathsig, int(signal.SIGTERM), 0, 0, 0)
        if os.getppid() == 1:  # the parent died before the call: nobody will signal
            os.kill(os.getpid(), signal.SIGTERM)
