"""``engine.mps`` on a real GPU: the server's private MPS daemon serves the CUDA processes
started after it (tests/test_cuda_mps.py covers the rest with a stand-in daemon)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from voice_server import cuda_mps

HOLDS_A_CONTEXT = ("import sys, torch; torch.ones(1, device='cuda').sum().item(); "
                   "print('ready', flush=True); sys.stdin.read()")


@pytest.fixture
def daemon() -> object:
    if shutil.which(cuda_mps.CONTROL_BINARY) is None:
        pytest.fail(f"{cuda_mps.CONTROL_BINARY} is not on PATH on this GPU machine")
    started = cuda_mps.start_for_server("on", "all")
    assert started is not None
    yield started
    cuda_mps.stop_for_server(started)


def test_a_process_started_after_the_daemon_is_one_of_its_mps_clients(daemon: object) -> None:
    assert isinstance(daemon, cuda_mps.MpsDaemon)
    assert os.environ["CUDA_MPS_PIPE_DIRECTORY"] == str(daemon.directory)
    client = subprocess.Popen([sys.executable, "-c", HOLDS_A_CONTEXT], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE)
    try:
        assert client.stdout is not None and client.stdout.readline().strip() == b"ready"
        servers = daemon.server_pids()
        assert servers, "the daemon runs no MPS server while a CUDA client holds a context"
        listed = subprocess.run([daemon.binary], input=f"get_client_list {servers[0]}\n".encode(),
                                capture_output=True, env={**os.environ, **daemon.env},
                                timeout=10, check=False)
        assert str(client.pid).encode() in listed.stdout.split()
    finally:
        client.communicate(b"", timeout=60)
    assert client.returncode == 0


def test_stopping_takes_the_daemon_and_its_directories_away(daemon: object) -> None:
    assert isinstance(daemon, cuda_mps.MpsDaemon)
    cuda_mps.stop_for_server(daemon)
    assert daemon.process.poll() is not None
    assert not daemon.directory.exists()
    assert "CUDA_MPS_PIPE_DIRECTORY" not in os.environ
