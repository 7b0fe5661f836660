"""Values fixed by the protocol itself (not by server configuration).

Everything here is checked when a message is parsed or built, so no out-of-range value reaches
the server's logic or the shared engine. Limits that an operator configures (message size,
buffered text, contexts, timeouts) are not here: the server checks them and announces them in
``ready.limits`` (see ``messages.Limits``).

Ranges mirror what the Spark-TTS sampler accepts safely; a value outside them could raise inside
the shared vLLM engine and take every session down, which is why they are part of the contract
rather than left to the server.
"""

from __future__ import annotations

import re
from typing import Final

PROTOCOL_VERSION: Final = 1
"""The version this package speaks; ``start.version`` and ``ready.protocol_version``."""

VERSION_RANGE: Final = (0, 2**53 - 1)
"""``start.version`` values that are well formed: any of them but ``PROTOCOL_VERSION`` is
``unsupported_version``; outside the range (like any integer past 2^53 - 1) ``invalid_field``."""

MIN_MAX_CONTEXTS: Final = 5
"""The least ``limits.max_contexts`` any server announces: a client may hold this many contexts
(a turn speaking, the next opened early, a few being cancelled) on every server."""

SUBPROTOCOL: Final = "voice.v1"
"""WebSocket subprotocol naming this version (``Sec-WebSocket-Protocol``)."""

WEBSOCKET_PATH: Final = "/v1/stream"
"""Path of the WebSocket endpoint on the server's HTTP address."""

# --- identifiers ------------------------------------------------------------------------------

MAX_ID_CHARS: Final = 64
"""Longest ``context_id``, ``flush_id``, ``speaker``, ``session_id`` or string ping ``id``."""

ID_PATTERN: Final = re.compile(r"[A-Za-z0-9._:-]{1,64}")
"""``context_id`` and ``speaker``: printable, log-safe, URL-safe (use with ``fullmatch``)."""

ID_PATTERN_JSON: Final = "^[A-Za-z0-9._:-]{1,64}$"
"""The same rule as a JSON Schema (ECMA-262) pattern."""

MAX_TOKEN_CHARS: Final = 4096
"""Longest ``start.token`` (an opaque credential)."""

MAX_PING_ID: Final = 2**53 - 1
"""Largest integer ping ``id``: the largest integer every JSON implementation keeps exact."""

MAX_ERROR_MESSAGE_CHARS: Final = 2000
"""Longest human-readable ``error.message``."""

MAX_U32: Final = 2**32 - 1

# --- sampling ---------------------------------------------------------------------------------

TEMPERATURE_RANGE: Final = (0.0, 2.0)
TOP_K_RANGE: Final = (1, 1024)
"""``top_k`` is -1 (disabled) or inside this range."""
TOP_P_RANGE: Final = (0.0, 1.0)
"""``top_p`` is greater than the low end and at most the high end."""
REPETITION_PENALTY_RANGE: Final = (0.5, 2.0)
SEED_RANGE: Final = (0, 2**32 - 1)
MAX_TOKENS_RANGE: Final = (1, 100_000)

# --- audio ------------------------------------------------------------------------------------

NATIVE_SAMPLE_RATE: Final = 16_000
"""Rate of the model's own audio (BiCodec). Other rates are resampled by the server."""

SAMPLE_RATES: Final = {
    "pcm16": (8000, 16000, 24000, 48000),
    "mulaw": (8000,),
    "opus": (48000,),
}
"""Output rates allowed for each encoding (keys are ``Encoding`` values)."""

DEFAULT_SAMPLE_RATES: Final = {"pcm16": 16000, "mulaw": 8000, "opus": 48000}
"""Rate used when a client names an encoding but no ``sample_rate``."""

FRAME_MS_CHOICES: Final = (10, 20, 40, 60, 100)
"""Allowed frame durations. Each is a whole number of samples at every allowed rate."""

DEFAULT_FRAME_MS: Final = 20
OPUS_FRAME_MS: Final = 20
OPUS_BITRATE_RANGE: Final = (6_000, 256_000)
DEFAULT_OPUS_BITRATE: Final = 32_000

LEAD_MS_RANGE: Final = (0, 5000)
"""``lead_ms`` a client may ask for; the server uses it as asked (``ready.lead_ms`` echoes it)."""
SEND_WINDOW_MS_RANGE: Final = (0, 1000)
"""``ready.send_window_ms``: frames due within this window leave together."""
