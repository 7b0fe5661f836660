"""The console commands, run as a user runs them (separate processes)."""

from __future__ import annotations

import json
import subprocess
import sys
import wave
from pathlib import Path

import numpy as np
import pytest

pytestmark = pytest.mark.engine


def voice_server(*args: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "voice_server.cli", *args],
        capture_output=True, text=True, timeout=timeout, check=False,
    )


def test_say_writes_exactly_hop_times_semantic_tokens_samples(
    tiny_model_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out.wav"
    result = voice_server(
        "say", "Hello there. This is a test of the whole path.", "--model", str(tiny_model_dir),
        "--gender", "male", "--seed", "3", "-o", str(out),
    )
    assert result.returncode == 0, result.stderr[-2000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    with wave.open(str(out)) as wav:
        assert wav.getframerate() == 16000 and wav.getsampwidth() == 2
        frames = wav.getnframes()
    assert report["semantic_tokens"] > 0
    assert frames == 320 * report["semantic_tokens"] == report["samples"]
    assert report["notice"].startswith("random-weight tiny model")


def test_decode_command_writes_wav_and_npy(tmp_path: Path) -> None:
    golden = Path(__file__).resolve().parents[1] / "fixtures" / "bicodec_golden"
    case = np.load(golden / "case_a.npz")
    tokens = tmp_path / "t.npz"
    np.savez(tokens, global_ids=case["global_ids"], semantic_ids=case["semantic_ids"][:20])
    for suffix in (".wav", ".npy"):
        out = tmp_path / f"out{suffix}"
        result = voice_server("decode", "--model", str(golden), "--tokens", str(tokens), "-o", str(out))
        assert result.returncode == 0, result.stderr[-2000:]
        assert out.exists()
    assert np.load(tmp_path / "out.npy").shape == (20 * 320,)


def test_a_model_dir_missing_a_file_fails_with_a_message_naming_it(
    tiny_model_dir: Path, tmp_path: Path
) -> None:
    import shutil

    broken = tmp_path / "model"
    shutil.copytree(tiny_model_dir, broken)
    (broken / "BiCodec" / "model.safetensors").unlink()
    result = voice_server("say", "Hi.", "--model", str(broken), "-o", str(tmp_path / "x.wav"))
    assert result.returncode == 2
    assert "BiCodec/model.safetensors" in result.stderr


def test_decode_refuses_tokens_the_codec_cannot_take_with_a_message(tmp_path: Path) -> None:
    golden = Path(__file__).resolve().parents[1] / "fixtures" / "bicodec_golden"
    tokens = tmp_path / "t.npz"
    np.savez(tokens, global_ids=np.zeros(16, np.int64), semantic_ids=np.zeros(5, np.int64))
    for given in (tokens, tmp_path / "missing.npz"):
        result = voice_server("decode", "--model", str(golden), "--tokens", str(given),
                              "-o", str(tmp_path / "x.wav"))  # fmt: skip
        assert result.returncode == 2 and "\nerror: " in "\n" + result.stderr, result.stderr
        assert "Traceback" not in result.stderr


def _mismatched_model(tiny_model_dir: Path, tmp_path: Path) -> Path:
    """The tiny model with a BiCodec whose semantic codebook is twice the tokenizer's."""
    import shutil

    import yaml

    model = tmp_path / "model"
    shutil.copytree(tiny_model_dir, model)
    path = model / "BiCodec" / "config.yaml"
    config = yaml.safe_load(path.read_text())
    config["audio_tokenizer"]["quantizer"]["codebook_size"] *= 2
    path.write_text(yaml.safe_dump(config))
    return model


def test_an_llm_that_does_not_match_its_codec_is_refused_naming_both(
    tiny_model_dir: Path, tmp_path: Path
) -> None:
    model = _mismatched_model(tiny_model_dir, tmp_path)
    result = voice_server("say", "Hi.", "--model", str(model), "-o", str(tmp_path / "x.wav"))
    assert result.returncode == 2, result.stderr[-2000:]
    assert "BiCodec codebook" in result.stderr and "do not match" in result.stderr
    assert "Traceback" not in result.stderr


def test_serve_exits_with_status_1_when_the_model_does_not_load(
    tiny_model_dir: Path, tmp_path: Path
) -> None:
    """Not a server that answers /healthz for ever and is never ready."""
    model = _mismatched_model(tiny_model_dir, tmp_path)
    result = voice_server("serve", "--model", str(model), "--port", "0", timeout=300)
    assert result.returncode == 1, result.stderr[-2000:]
    assert "model failed to load" in result.stderr and "do not match" in result.stderr


@pytest.mark.parametrize("fmt", ["pcm16", "opus"])
async def test_client_command_streams_text_and_reports_one_json_line(
    make_client: object, tmp_path: Path, fmt: str
) -> None:
    import asyncio

    client = await make_client()  # type: ignore[operator]
    server = str(client.make_url("/")).rstrip("/")
    out = tmp_path / "client.wav"
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "voice_server.cli", "client", "--server", server,
        "--text", "Hello from the command line. It streams words like a language model.",
        "--words-per-second", "40", "--format", fmt, "-o", str(out),
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )
    stdout, stderr = await asyncio.wait_for(proc.communicate(), 300)
    assert proc.returncode == 0, stderr.decode()[-2000:]
    report = json.loads(stdout.decode().strip().splitlines()[-1])
    assert report["audio_ms"] > 0 and report["frames"] > 0
    with wave.open(str(out)) as wav:
        assert wav.getnframes() > 0


async def test_client_command_cancel_is_acknowledged_with_no_audio_after_it(
    make_client: object, tmp_path: Path
) -> None:
    import asyncio

    client = await make_client()  # type: ignore[operator]
    server = str(client.make_url("/")).rstrip("/")
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "voice_server.cli", "client", "--server", server,
        "--text", "This is a long passage that will be interrupted. " * 5,
        "--words-per-second", "60", "--cancel-after-ms", "1500", "-o", str(tmp_path / "c.wav"),
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )
    stdout, stderr = await asyncio.wait_for(proc.communicate(), 300)
    assert proc.returncode == 0, stderr.decode()[-2000:]
    report = json.loads(stdout.decode().strip().splitlines()[-1])
    cancel = report["cancel"]
    assert cancel["acknowledged"] is True
    assert cancel["audio_ms_after_ack"] == 0
