"""What a client is told when its synthesis fails.

A failure the server expects (no room for a second stream, no speech tokens, every engine
down, the decoder process gone) has a message written for clients. Anything else is a bug or
a fault inside the engine or the decoder, whose text may name files, tensors or internal
state: the client gets a fixed sentence and the server log gets the exception.
"""

from __future__ import annotations

from voice_server.codec.decoder_host import DecoderHostLost
from voice_server.registry import AdmissionError
from voice_server.replicas import NoReplicaError
from voice_server.synthesis import NoSpeechError

INTERNAL_REASON = "an internal error; the server log has the details"

_WRITTEN_FOR_CLIENTS = (AdmissionError, NoSpeechError, NoReplicaError, DecoderHostLost)


def client_reason(exc: BaseException) -> str:
    """The reason a client may read for ``exc``: its own message when it is one of the
    expected failures, else ``INTERNAL_REASON``."""
    if isinstance(exc, _WRITTEN_FOR_CLIENTS):
        return str(exc) or type(exc).__name__
    return INTERNAL_REASON
