"""CUDA MPS for the server's own processes: one GPU scheduler for the engine's and the
decoder's kernels (``engine.mps``).

Why: the engine's model runner and the BiCodec decoder run in different processes, and without
MPS the GPU time-slices between their CUDA contexts, so a due window's decode waits out the
engine's slice whatever its stream priority (priorities do not cross contexts). With MPS the
kernels of every client process run on the GPU side by side. On one H100 at 600 sessions,
three runs each, alternating on one machine: a due window spent 7-8 ms mean at the decoder
with MPS against 14-34 without, first audio's decode stage 12-15 ms against 30-68, TTFA p95
228-252 ms against 279-425, underrun p95 0.07-0.11 s against 0.13-0.47 (docs/PERFORMANCE.md).

How: the server starts a control daemon of its own (``nvidia-cuda-mps-control -f``, a child
that dies with it) with private pipe and log directories, so it neither joins nor disturbs
another MPS on the host; checks that a CUDA client really gets through it (a probe process);
then exports the directories in its own environment, so every process it starts afterwards
(engine cores, model runners, the decoder process, front ends) is an MPS client. All of that
happens before this process touches CUDA. An MPS the operator already runs
(``CUDA_MPS_PIPE_DIRECTORY`` set, or a daemon at the default pipe directory) is used as it is.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

MODES = ("auto", "on", "off")
CONTROL_BINARY = "nvidia-cuda-mps-control"
PIPE_ENV = "CUDA_MPS_PIPE_DIRECTORY"
LOG_ENV = "CUDA_MPS_LOG_DIRECTORY"
DEFAULT_PIPE_DIR = Path("/tmp/nvidia-mps")
"""Where a daemon started without ``CUDA_MPS_PIPE_DIRECTORY`` listens (CUDA's default)."""
READY_TIMEOUT_S = 10.0
PROBE_TIMEOUT_S = 120.0
STOP_TIMEOUT_S = 15.0
PROBE_COMMAND = (sys.executable, "-c",
                 "import torch; x = torch.ones(4, device='cuda'); assert float(x.sum()) == 4.0")
"""A CUDA client: creates a context and runs a kernel, which under MPS starts the MPS server."""


@dataclass(frozen=True)
class MpsPlan:
    """What ``engine.mps`` comes to on this host: ``action`` is "start" (a private daemon),
    "external" (an MPS already running serves our processes) or "none"; ``reason`` says why."""

    action: str
    reason: str


def plan(mode: str, environ: Mapping[str, str], control_binary: str | None, gpu_nodes: bool,
         engines_on_cpu: bool, default_pipe_dir: Path = DEFAULT_PIPE_DIR) -> MpsPlan:
    """Decide, without touching CUDA, whether to start MPS.

    Args:
        mode: ``engine.mps``.
        environ: the server's environment.
        control_binary: the path of ``nvidia-cuda-mps-control``, None where it is not found.
        gpu_nodes: NVIDIA device nodes exist (``/dev/nvidiactl``).
        engines_on_cpu: ``engine.devices`` is "cpu" (nothing of ours uses the GPU).

    Raises:
        ValueError: ``mode`` "on" where MPS cannot be had, with what is missing.
    """
    if mode == "off":
        return MpsPlan("none", "engine.mps off")
    missing = None
    if engines_on_cpu:
        missing = "engine.devices is cpu"
    elif not gpu_nodes or environ.get("CUDA_VISIBLE_DEVICES", None) in ("", "-1"):
        missing = "no NVIDIA GPU is visible"
    if missing is None and (environ.get(PIPE_ENV) or (default_pipe_dir / "control").exists()):
        return MpsPlan("external", "an MPS control daemon is already running")
    if missing is None and control_binary is None:
        missing = f"{CONTROL_BINARY} is not on PATH"
    if missing is None:
        return MpsPlan("start", "a private control daemon for this server")
    if mode == "on":
        raise ValueError(f"engine.mps on, but {missing}")
    return MpsPlan("none", missing)


class MpsDaemon:
    """A private MPS control daemon, running in the foreground as this process's child.

    ``start`` returns once a CUDA client got through it; ``stop`` asks it to quit (it waits for
    its clients to finish), then ends it if it does not.
    """

    def __init__(self, binary: str, directory: Path, process: subprocess.Popen[bytes]) -> None:
        self.binary = binary
        self.directory = directory
        self.process = process

    @property
    def env(self) -> dict[str, str]:
        """What a process needs in its environment to be this daemon's client."""
        return {PIPE_ENV: str(self.directory), LOG_ENV: str(self.directory)}

    @classmethod
    def start(cls, binary: str, probe: Sequence[str] = PROBE_COMMAND) -> MpsDaemon:
        """Start the daemon and run ``probe`` as its client.

        Raises:
            RuntimeError: the daemon did not come up or the probe failed, with their output;
                nothing is left running.
        """
        directory = Path(tempfile.mkdtemp(prefix="voice-server-mps-"))
        env = {**os.environ, PIPE_ENV: str(directory), LOG_ENV: str(directory)}
        with open(directory / "control-daemon.out", "wb") as out:
            process = subprocess.Popen([binary, "-f"], env=env, stdin=subprocess.DEVNULL,
                                       stdout=out, stderr=subprocess.STDOUT,
                                       start_new_session=True,  # a Ctrl-C is the server's
                                       preexec_fn=_dies_with_parent())  # fmt: skip
        daemon = cls(binary, directory, process)
        try:
            daemon._wait_ready()
            daemon._probe(probe, env)
        except BaseException:
            daemon.stop()
            raise
        return daemon

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + READY_TIMEOUT_S
        while not (self.directory / "control").exists():
            if self.process.poll() is not None:
                raise RuntimeError(f"{CONTROL_BINARY} exited with status "
                                   f"{self.process.returncode}: {self._output()}")  # fmt: skip
            if time.monotonic() > deadline:
                raise RuntimeError(f"{CONTROL_BINARY} made no control pipe in "
                                   f"{READY_TIMEOUT_S:g} s: {self._output()}")  # fmt: skip
            time.sleep(0.05)

    def _probe(self, probe: Sequence[str], env: Mapping[str, str]) -> None:
        try:
            done = subprocess.run(list(probe), env=dict(env), capture_output=True,
                                  timeout=PROBE_TIMEOUT_S, check=False)  # fmt: skip
        except subprocess.TimeoutExpired as exc:
            raise RuntimeError(f"no CUDA client got through MPS in {PROBE_TIMEOUT_S:g} s") from exc
        if done.returncode != 0:
            tail = (done.stderr or done.stdout).decode(errors="replace").strip()[-600:]
            raise RuntimeError(f"a CUDA client failed under MPS: {tail} | {self._output()}")

    def server_pids(self) -> list[int]:
        """The MPS servers the daemon runs now (one per GPU with clients)."""
        done = subprocess.run([self.binary], input=b"get_server_list\n", capture_output=True,
                              env={**os.environ, **self.env}, timeout=10, check=False)  # fmt: skip
        return [int(word) for word in done.stdout.split() if word.isdigit()]

    def stop(self) -> None:
        """Quit the daemon (idempotent) and remove its directory."""
        if self.process.poll() is None:
            with contextlib.suppress(OSError, subprocess.TimeoutExpired):
                subprocess.run([self.binary], input=b"quit\n", env={**os.environ, **self.env},
                               capture_output=True, timeout=STOP_TIMEOUT_S, check=False)  # fmt: skip
            try:
                self.process.wait(STOP_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.directory, ignore_errors=True)

    def _output(self) -> str:
        with contextlib.suppress(OSError):
            text = (self.directory / "control-daemon.out").read_text(errors="replace")
            return text.strip()[-600:] or "(no output)"
        return "(no output)"


def in_use(environ: Mapping[str, str] | None = None,
           default_pipe_dir: Path | None = None) -> bool:
    """Whether CUDA processes started with ``environ`` (this process's) are MPS clients: a
    pipe directory is named, or a daemon listens at the default one (CUDA then connects to it
    by itself)."""
    environ = os.environ if environ is None else environ
    default_pipe_dir = DEFAULT_PIPE_DIR if default_pipe_dir is None else default_pipe_dir
    return bool(environ.get(PIPE_ENV)) or (default_pipe_dir / "control").exists()


def _dies_with_parent() -> Callable[[], None] | None:
    """A ``preexec_fn`` that has the kernel SIGTERM the child when this process dies, however
    it dies (Linux). ``prctl`` is looked up here, before the fork: the child then makes one
    plain call, no ``dlopen`` that another thread of the server might hold a lock of."""
    try:
        prctl = ctypes.CDLL(None).prctl
    except (OSError, AttributeError):
        return None
    pr_set_pdeathsig = 1

    def set_death_signal() -> None:
        prctl(pr_set_pdeathsig, int(signal.SIGTERM), 0, 0, 0)

    return set_death_signal


def start_for_server(mode: str, engine_devices: str) -> MpsDaemon | None:
    """Set MPS up for this server as ``engine.mps`` says, before anything touches CUDA.

    On success the daemon's directories are in ``os.environ``, so every process started from
    here on is its client. With "auto" any failure is logged and the server runs without MPS.

    Raises:
        ValueError: ``mode`` "on" and MPS could not be had.
    """
    binary = shutil.which(CONTROL_BINARY)
    decided = plan(mode, os.environ, binary, gpu_nodes=Path("/dev/nvidiactl").exists(),
                   engines_on_cpu=engine_devices.strip().lower() == "cpu")  # fmt: skip
    if decided.action != "start":
        log.info("CUDA MPS: %s (%s)", "in use" if decided.action == "external" else "not used",
                 decided.reason)  # fmt: skip
        return None
    assert binary is not None  # plan() said start
    try:
        daemon = MpsDaemon.start(binary)
    except RuntimeError as exc:
        if mode == "on":
            raise ValueError(f"engine.mps on, but {exc}") from exc
        log.warning("CUDA MPS: not used, the daemon failed: %s", exc)
        return None
    os.environ.update(daemon.env)
    log.info("CUDA MPS: private control daemon in %s", daemon.directory)
    return daemon


def stop_for_server(daemon: MpsDaemon | None) -> None:
    """Undo ``start_for_server``: quit the daemon and drop its directories from the environment."""
    if daemon is None:
        return
    for name in daemon.env:
        os.environ.pop(name, None)
    daemon.stop()
