"""What a client reads about a failed synthesis (voice_server.failures)."""

from __future__ import annotations

import pytest

from voice_server.codec.decoder_host import DecoderHostLost, HostedDecodeError
from voice_server.failures import INTERNAL_REASON, client_reason
from voice_server.registry import AdmissionError
from voice_server.replicas import NoReplicaError
from voice_server.synthesis import NoSpeechError


@pytest.mark.parametrize("exc", [
    AdmissionError("server_busy", "no room for another stream now", retryable=True),
    NoSpeechError("the model produced no speech tokens for this text"),
    NoReplicaError("every speech engine has failed"),
    DecoderHostLost("the process hosting the decoder is gone"),
])  # fmt: skip
def test_expected_failures_keep_their_own_words(exc: Exception) -> None:
    assert client_reason(exc) == str(exc)


@pytest.mark.parametrize("exc", [
    RuntimeError("CUDA error: an illegal memory access at /opt/model/BiCodec/model.safetensors"),
    HostedDecodeError("RuntimeError: shape '[2, 1024, 70]' is invalid"),
    KeyError("global_codes"),
    ValueError(""),
])  # fmt: skip
def test_anything_else_is_a_fixed_sentence_that_leaks_nothing(exc: Exception) -> None:
    assert client_reason(exc) == INTERNAL_REASON
