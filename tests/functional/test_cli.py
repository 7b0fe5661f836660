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
