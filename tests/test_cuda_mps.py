"""``engine.mps``: when the server starts CUDA MPS, and the private daemon's life.

The real daemon needs an NVIDIA GPU (tests/gpu/test_cuda_mps.py runs it there). Here a
stand-in executable speaks the part of ``nvidia-cuda-mps-control``'s interface the server
uses: ``-f`` runs in the foreground and makes the control pipe in
``CUDA_MPS_PIPE_DIRECTORY``; without arguments a command read from stdin goes down that pipe.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from voice_server import cuda_mps
from voice_server.cuda_mps import MpsDaemon, plan
from voice_server.engine.llm import EngineConfig

STAND_IN = f"""#!{sys.executable}
import os, sys
control = os.path.join(os.environ["CUDA_MPS_PIPE_DIRECTORY"], "control")
if sys.argv[1:] == ["-f"]:
    os.mkfifo(control)
    while True:
        with open(control) as pipe:
            if any(line.strip() == "quit" for line in pipe):
                os.unlink(control)
                sys.exit(0)
else:
    with open(control, "w") as pipe:
        pipe.write(sys.stdin.read())
"""

SUCCEEDS = (sys.executable, "-c", "import os; assert os.environ['CUDA_MPS_PIPE_DIRECTORY']")


def executable(path: Path, text: str) -> str:
    path.write_text(text)
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return str(path)


@pytest.fixture
def stand_in(tmp_path: Path) -> str:
    return executable(tmp_path / "nvidia-cuda-mps-control", STAND_IN)


def decide(mode: str = "auto", environ: dict[str, str] | None = None,
           binary: str | None = "/usr/bin/nvidia-cuda-mps-control", gpu_nodes: bool = True,
           engines_on_cpu: bool = False, default_pipe_dir: Path = Path("/nonexistent")) -> str:
    return plan(mode, environ or {}, binary, gpu_nodes, engines_on_cpu, default_pipe_dir).action


def test_auto_starts_a_private_daemon_where_a_gpu_and_the_control_binary_are_found() -> None:
    assert decide() == "start"
    assert decide("on") == "start"


def test_off_never_starts_one() -> None:
    assert decide("off") == "none"


@pytest.mark.parametrize("missing", [
    {"engines_on_cpu": True}, {"gpu_nodes": False}, {"binary": None},
    {"environ": {"CUDA_VISIBLE_DEVICES": ""}}, {"environ": {"CUDA_VISIBLE_DEVICES": "-1"}},
])
def test_auto_runs_without_mps_where_it_cannot_be_had(missing: dict) -> None:
    assert decide("auto", **missing) == "none"


@pytest.mark.parametrize("missing, words", [
    ({"engines_on_cpu": True}, "engine.devices is cpu"),
    ({"gpu_nodes": False}, "no NVIDIA GPU"),
    ({"binary": None}, "nvidia-cuda-mps-control is not on PATH"),
])
def test_on_refuses_to_start_without_mps_and_says_what_is_missing(missing: dict,
                                                                   words: str) -> None:
    with pytest.raises(ValueError, match=words):
        decide("on", **missing)


def test_an_mps_the_operator_runs_is_used_as_it_is(tmp_path: Path) -> None:
    assert decide(environ={"CUDA_MPS_PIPE_DIRECTORY": "/run/mps"}) == "external"
    (tmp_path / "control").touch()
    assert decide(default_pipe_dir=tmp_path) == "external"
    assert decide(default_pipe_dir=tmp_path, binary=None) == "external"


def test_the_setting_takes_only_its_three_words() -> None:
    assert EngineConfig().mps == "auto"
    with pytest.raises(ValueError, match="engine.mps must be auto, on or off"):
        EngineConfig(mps="yes")


def test_the_daemon_runs_its_probe_as_a_client_and_quits_when_stopped(stand_in: str) -> None:
    daemon = MpsDaemon.start(stand_in, probe=SUCCEEDS)
    try:
        assert (daemon.directory / "control").exists()
        assert daemon.env == {"CUDA_MPS_PIPE_DIRECTORY": str(daemon.directory),
                              "CUDA_MPS_LOG_DIRECTORY": str(daemon.directory)}
        assert daemon.process.poll() is None
    finally:
        daemon.stop()
    assert daemon.process.returncode == 0  # it quit when asked, not killed
    assert not daemon.directory.exists()
    daemon.stop()  # idempotent


def test_a_failed_probe_stops_the_daemon_and_says_what_the_client_said(stand_in: str) -> None:
    probe = (sys.executable, "-c", "raise SystemExit('no CUDA-capable device is detected')")
    directories = Path(tempfile.gettempdir()).glob
    before = set(directories("voice-server-mps-*"))
    with pytest.raises(RuntimeError, match="no CUDA-capable device is detected"):
        MpsDaemon.start(stand_in, probe=probe)
    assert set(directories("voice-server-mps-*")) == before


def test_a_daemon_that_exits_at_once_is_reported_with_its_output(tmp_path: Path) -> None:
    binary = executable(tmp_path / "mps", "#!/bin/sh\necho 'NVIDIA driver not loaded'\nexit 3\n")
    with pytest.raises(RuntimeError, match="exited with status 3: NVIDIA driver not loaded"):
        MpsDaemon.start(binary, probe=SUCCEEDS)


def test_the_server_exports_the_daemon_to_its_children_and_takes_it_back(
        stand_in: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CUDA_MPS_PIPE_DIRECTORY", raising=False)
    daemon = MpsDaemon.start(stand_in, probe=SUCCEEDS)
    os.environ.update(daemon.env)
    assert os.environ["CUDA_MPS_PIPE_DIRECTORY"] == str(daemon.directory)
    cuda_mps.stop_for_server(daemon)
    assert "CUDA_MPS_PIPE_DIRECTORY" not in os.environ
    assert "CUDA_MPS_LOG_DIRECTORY" not in os.environ


def test_auto_on_a_host_without_mps_leaves_the_environment_alone(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    monkeypatch.delenv("CUDA_MPS_PIPE_DIRECTORY", raising=False)
    before = dict(os.environ)
    assert cuda_mps.start_for_server("auto", "all") is None
    assert dict(os.environ) == before
    with pytest.raises(ValueError, match="engine.mps on, but"):
        cuda_mps.start_for_server("on", "all")


def test_serve_with_mps_on_and_no_gpu_exits_with_the_reason_before_loading_anything() -> None:
    env = {**os.environ, "CUDA_VISIBLE_DEVICES": ""}
    done = subprocess.run([sys.executable, "-m", "voice_server.cli", "serve", "--port", "0",
                           "--engine.mps", "on"], env=env, capture_output=True, text=True,
                          timeout=120, check=False)  # fmt: skip
    assert done.returncode == 2, done.stderr
    assert "engine.mps on, but no NVIDIA GPU is visible" in done.stderr


def test_metrics_say_whether_the_servers_cuda_processes_are_mps_clients(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from voice_server.metrics import Metrics

    monkeypatch.delenv("CUDA_MPS_PIPE_DIRECTORY", raising=False)
    monkeypatch.setattr(cuda_mps, "DEFAULT_PIPE_DIR", Path("/nonexistent"))
    assert not cuda_mps.in_use(os.environ, Path("/nonexistent"))
    assert b"voice_server_cuda_mps 0.0" in Metrics().exposition()
    monkeypatch.setenv("CUDA_MPS_PIPE_DIRECTORY", "/run/mps")
    assert b"voice_server_cuda_mps 1.0" in Metrics().exposition()


def test_the_daemon_dies_with_a_server_killed_outright(stand_in: str) -> None:
    import signal
    import time

    parent = subprocess.Popen([sys.executable, "-c", (
        "import sys; from voice_server.cuda_mps import MpsDaemon; "
        f"d = MpsDaemon.start({stand_in!r}, probe={SUCCEEDS!r}); "
        "print(d.process.pid, d.directory, flush=True); sys.stdin.read()")],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)  # fmt: skip
    assert parent.stdout is not None
    pid, directory = parent.stdout.readline().split()
    daemon_pid = int(pid)
    os.kill(daemon_pid, 0)  # running
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.kill(daemon_pid, 0)
        except ProcessLookupError:
            break
        with open(f"/proc/{daemon_pid}/stat") as stat:  # reaped by init or a zombie
            if stat.read().split(") ")[1].startswith("Z"):
                break
        time.sleep(0.05)
    else:
        os.kill(daemon_pid, signal.SIGKILL)
        pytest.fail("the MPS control daemon outlived the server that started it")
    import shutil

    shutil.rmtree(directory, ignore_errors=True)  # the killed server could not
