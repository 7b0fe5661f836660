"""The server's own CUDA MPS server dies under it: the server must not hang on with a dead
GPU context, but exit with status 1 for a process manager to restart it, taking its MPS control
daemon with it (docs/OPERATIONS.md, "CUDA MPS")."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from voice_server import cuda_mps

REPO = Path(__file__).resolve().parents[2]
READY_TIMEOUT_S = 420.0
EXIT_TIMEOUT_S = 180.0


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _ready(url: str) -> bool:
    try:
        with urllib.request.urlopen(url + "/readyz", timeout=5) as response:
            return bool(json.loads(response.read()).get("ready"))
    except (OSError, ValueError):
        return False


def _speak(url: str) -> int | str:
    """One `/v1/tts` request: its status, or why there was none."""
    body = json.dumps({"input": "Hello there.", "response_format": "pcm"}).encode()
    request = urllib.request.Request(url + "/v1/tts", data=body,
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            response.read()
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return int(exc.code)
    except OSError as exc:
        return f"{type(exc).__name__}: {exc}"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_the_server_exits_with_status_1_when_its_mps_server_is_killed(tmp_path: Path) -> None:
    if subprocess.run(["which", cuda_mps.CONTROL_BINARY], capture_output=True).returncode:
        pytest.fail(f"{cuda_mps.CONTROL_BINARY} is not on PATH on this GPU machine")
    from voice_server.tiny_model import make_tiny_model

    model = make_tiny_model(tmp_path / "tiny", size="tiny")
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    log_path = tmp_path / "server.log"
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(
        p for p in (str(REPO), os.environ.get("PYTHONPATH", "")) if p))  # fmt: skip
    env.pop(cuda_mps.PIPE_ENV, None)
    with log_path.open("wb") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "voice_server.cli", "serve", "--model", str(model),
             "--host", "127.0.0.1", "--port", str(port), "--engine.mps", "on",
             "--engine.gpu-memory-utilization", "0.15"],
            cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + READY_TIMEOUT_S
        while not _ready(url):
            assert server.poll() is None, log_path.read_text(errors="replace")[-3000:]
            assert time.monotonic() < deadline, "not ready in time"
            time.sleep(1.0)
        assert _speak(url) == 200  # healthy before
        found = re.search(r"CUDA MPS: private control daemon in (\S+)", log_path.read_text())
        assert found, "the server did not start its own MPS daemon"
        directory = found.group(1)
        listed = subprocess.run([cuda_mps.CONTROL_BINARY], input=b"get_server_list\n",
                                capture_output=True, timeout=10,
                                env={**os.environ, cuda_mps.PIPE_ENV: directory,
                                     cuda_mps.LOG_ENV: directory})  # fmt: skip
        servers = [int(word) for word in listed.stdout.split() if word.isdigit()]
        assert servers, "the daemon runs no MPS server while the engine holds the GPU"
        for pid in servers:
            os.kill(pid, signal.SIGKILL)  # what a crash of the MPS server looks like

        after = _speak(url)  # the next GPU work finds the contexts gone
        try:
            code = server.wait(EXIT_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            pytest.fail(f"the server still runs {EXIT_TIMEOUT_S:g} s after its MPS server died "
                        f"(request after: {after}); log tail:\n"
                        + log_path.read_text(errors="replace")[-3000:])  # fmt: skip
        assert code == 1, log_path.read_text(errors="replace")[-3000:]
        assert after != 200
        time.sleep(2.0)
        daemons = subprocess.run(["pgrep", "-f", f"{cuda_mps.CONTROL_BINARY} -f"],
                                 capture_output=True, text=True).stdout.split()
        left = [pid for pid in daemons if _alive(int(pid))]
        assert not left, "the MPS control daemon outlived the server"
        assert not Path(directory).exists(), "the daemon's directory was left behind"
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        print(log_path.read_text(errors="replace")[-4000:])
