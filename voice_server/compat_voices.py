"""Vendor voice ids onto this server's voices, for the ElevenLabs- and Cartesia-compatible routes.

A client written for ElevenLabs or Cartesia names a voice by that vendor's id
(``21m00Tcm4TlvDq8ikWAM``, ``f786b574-...``). The operator maps the ids their applications use
onto this server's voices in ``compat.voice_map``; lookup order for an id:

1. an entry of ``voice_map``;
2. one of this server's own voice names (``alloy``, ``onyx``... or a voices-file voice), so a
   client may also just name our voices;
3. the default voice id of a framework plugin (``FRAMEWORK_DEFAULT_VOICE_IDS``), so a client
   built with the framework's defaults speaks out of the box, in ``default_voice``;
4. anything else is unknown: the adapter answers the vendor's "voice not found" error, unless
   ``unknown_voice`` is ``"default"``, which speaks it in ``default_voice`` instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from voice_server.engine.prompts import Style
from voice_server.synthesis import Voice
from voice_server.voices import DEFAULT_VOICE, VoiceLibrary

FRAMEWORK_DEFAULT_VOICE_IDS = frozenset({
    "hpp4J3VqNfWAUOO0d1Us",  # livekit-plugins-elevenlabs DEFAULT_VOICE_ID
    "f786b574-daa5-4673-aa0c-cbe3e8534c02",  # livekit-plugins-cartesia TTSDefaultVoiceId
})  # fmt: skip
"""Voice ids that framework plugins use when the application names none."""

UNKNOWN_VOICE_POLICIES = ("error", "default")


@dataclass(frozen=True)
class CompatConfig:
    """The ElevenLabs- and Cartesia-compatible endpoints (see docs/compat.md).

    Attributes:
        enabled: serve the compatible routes (/v1/text-to-speech/..., /tts/websocket,
            /tts/bytes). They use the same sessions, limits and API keys as the native API.
        voice_map: comma-separated vendor_voice_id=our_voice pairs, e.g.
            "21m00Tcm4TlvDq8ikWAM=aria,a0e99841-438c-4a64-b679-ae501e7d6091=onyx". Our own
            voice names work as ids without an entry.
        default_voice: our voice for the framework plugins' default voice ids, and for
            unknown ids when unknown_voice is "default".
        unknown_voice: "error" (an unknown voice id gets the vendor's not-found error) or
            "default" (it is spoken in default_voice).
        elevenlabs_inactivity_timeout_s: an ElevenLabs socket with no input for this long is
            closed with 1008, as ElevenLabs does; a client's ?inactivity_timeout= (at most 180)
            replaces it per socket.
        cartesia_idle_timeout_s: a Cartesia socket with no input and no audio for this long is
            closed (clients expect quiet sockets to live for minutes and reconnect after).
        http_lead_ms: how far ahead of real time the HTTP routes may send audio. Their
            clients download rather than play, so this bounds the audio held per request, not
            latency. Capped at limits.slow_consumer_lag_s minus 1 s.
    """

    enabled: bool = True
    voice_map: str = ""
    default_voice: str = DEFAULT_VOICE
    unknown_voice: str = "error"
    elevenlabs_inactivity_timeout_s: float = 20.0
    cartesia_idle_timeout_s: float = 300.0
    http_lead_ms: int = 10_000

    def __post_init__(self) -> None:
        if self.unknown_voice not in UNKNOWN_VOICE_POLICIES:
            raise ValueError(f"compat.unknown_voice must be one of {UNKNOWN_VOICE_POLICIES}")
        parse_voice_map(self.voice_map)
        if not 0 <= self.http_lead_ms <= 10_000:
            raise ValueError("compat.http_lead_ms must be in 0..10000")


class VoiceNotFound(Exception):
    """A vendor voice id that maps to no voice of this server."""


def parse_voice_map(text: str) -> dict[str, str]:
    """``"a=b, c=d"`` -> ``{"a": "b", "c": "d"}``.

    Raises:
        ValueError: an entry that is not ``id=voice``.
    """
    mapping: dict[str, str] = {}
    for entry in (e.strip() for e in text.split(",")):
        if not entry:
            continue
        vendor_id, eq, ours = (part.strip() for part in entry.partition("="))
        if not eq or not vendor_id or not ours:
            raise ValueError(f"compat.voice_map entry {entry!r} is not vendor_id=voice")
        mapping[vendor_id] = ours
    return mapping


def voice_name(vendor_id: str, config: CompatConfig, voices: VoiceLibrary) -> str:
    """Our voice name for ``vendor_id`` (lookup order in the module docstring).

    Raises:
        VoiceNotFound: the id is unknown (and ``unknown_voice`` is "error"), or it maps to a
            name this server does not have.
    """
    mapped = parse_voice_map(config.voice_map).get(vendor_id)
    if mapped is None and vendor_id in voices:
        mapped = vendor_id
    if mapped is None and (
        vendor_id in FRAMEWORK_DEFAULT_VOICE_IDS or config.unknown_voice == "default"
    ):
        mapped = config.default_voice
    if mapped is None:
        raise VoiceNotFound(f"A voice with voice_id {vendor_id!r} was not found on this server; "
                            f"known voices: {', '.join(voices.names())}")  # fmt: skip
    if mapped not in voices:
        raise VoiceNotFound(f"voice_id {vendor_id!r} maps to {mapped!r}, which this server "
                            "does not have")  # fmt: skip
    return mapped


def resolve_voice(vendor_id: str, config: CompatConfig, voices: VoiceLibrary) -> Voice:
    """The synthesis voice for ``vendor_id``: the preset's fixed codes (its style as fallback).

    Raises:
        VoiceNotFound: see ``voice_name``.
    """
    preset = voices.get(voice_name(vendor_id, config, voices))
    return Voice(global_codes=preset.global_codes, style=preset.style or Style())
