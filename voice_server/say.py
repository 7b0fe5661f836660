"""``voice-server say``: text to a WAV file through the whole streaming path, in one process.

The text is normalised and cut into segments exactly as a session would cut it; the first
segment makes (or the named speaker provides) the voice's global codes and every later segment
reuses them. The WAV holds exactly ``hop x semantic tokens`` samples per segment.
"""

from __future__ import annotations

import json
import time
import wave
from pathlib import Path

import numpy as np

from voice_server.engine.sampling import Sampling
from voice_server.runtime import SpeechRuntime
from voice_server.synthesis import AudioOut, SegmentDone, Synthesizer, Voice, VoiceResolved
from voice_server.text.normalize import reads_chinese
from voice_server.text.segmenter import Segmenter, SegmenterPolicy, model_texts


def split_text(text: str) -> list[str]:
    """Segments of ``text`` as a session would send them to the model."""
    policy = SegmenterPolicy()
    segmenter = Segmenter(policy)
    texts, chinese = [], False
    for raw in segmenter.push(text) + segmenter.flush():
        texts += model_texts(raw, policy.max_chars, chinese)
        chinese = reads_chinese(raw, chinese)
    return texts


async def say(
    runtime: SpeechRuntime, text: str, voice: Voice, sampling: Sampling, out: Path
) -> dict[str, object]:
    """Synthesize ``text`` into ``out``; returns what was measured (printed as JSON by the CLI)."""
    with runtime.place() as placement:
        return await _say(placement.synthesizer, text, voice, sampling, out)


async def _say(
    synth: Synthesizer, text: str, voice: Voice, sampling: Sampling, out: Path
) -> dict[str, object]:
    chunks: list[np.ndarray] = []
    segments: list[dict[str, object]] = []
    started = time.monotonic()
    first_audio: float | None = None
    for index, segment in enumerate(split_text(text)):
        seed = None if sampling.seed is None else sampling.seed + index
        seg_sampling = Sampling(**{**sampling.__dict__, "seed": seed})
        async for event in synth.segment(segment, voice, seg_sampling):
            if isinstance(event, VoiceResolved):
                voice = Voice(global_codes=event.global_codes, style=voice.style)
            elif isinstance(event, AudioOut):
                first_audio = first_audio or time.monotonic()
                chunks.append(event.samples)
            elif isinstance(event, SegmentDone):
                segments.append(_segment_report(event, synth.hop_length))
    audio = np.concatenate(chunks) if chunks else np.zeros(0, np.float32)
    write_wav(out, audio, synth.sample_rate)
    return {
        "output": str(out),
        "samples": int(audio.size),
        "audio_s": round(audio.size / synth.sample_rate, 3),
        "semantic_tokens": sum(int(s["semantic_tokens"]) for s in segments),  # type: ignore[call-overload]
        "first_audio_ms": round(((first_audio or started) - started) * 1000, 1),
        "wall_s": round(time.monotonic() - started, 3),
        "segments": segments,
        "voice_global_codes": list(voice.global_codes or ()),
    }


def _segment_report(done: SegmentDone, hop: int) -> dict[str, object]:
    return {
        "semantic_tokens": done.semantic_tokens,
        "samples": done.samples,
        "ended_by_model": done.ended_by_model,
        "first_token_ms": round((done.first_token_at - done.started_at) * 1000, 1),
        "first_audio_ms": round((done.first_audio_at - done.started_at) * 1000, 1),
        "exact_length": done.samples == done.semantic_tokens * hop,
    }


def write_wav(path: Path, samples: np.ndarray, sample_rate: int) -> None:
    """Mono PCM16 WAV (float input clipped to [-1, 1])."""
    pcm = (np.clip(samples, -1.0, 1.0) * 32767.0).astype("<i2")
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(sample_rate)
        wav.writeframes(pcm.tobytes())


def report_line(report: dict[str, object]) -> str:
    return json.dumps(report, separators=(",", ":"))


def parse_voice_args(
    speaker: str | None, gender: str | None, pitch: str | None, speed: str | None,
    runtime: SpeechRuntime,
) -> Voice:  # fmt: skip
    """``--speaker`` picks a named voice; otherwise the style flags make one."""
    from voice_server.engine.prompts import Style

    if speaker is not None:
        assert runtime.voices is not None
        preset = runtime.voices.get(speaker)
        return Voice(global_codes=preset.global_codes, style=preset.style or Style())
    style = Style(gender or "female", pitch or "moderate", speed or "moderate")
    return Voice(style=style)

