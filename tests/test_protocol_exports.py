"""The public surface of ``protocol`` is pinned: a change to it is a deliberate API change."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import protocol
import protocol.client

EXPECTED = [
    "ERRORS", "FRAME_VERSION", "HEADER_SIZE", "PROTOCOL_VERSION", "SUBPROTOCOL",
    "WEBSOCKET_PATH", "AudioFrame", "Cancel", "Cancelled", "ClientMessage", "ClientMessageType",
    "CloseCode", "ContextDone", "ContextState", "ContextStatus", "ContextTimings", "Encoding",
    "End", "ErrorCode", "ErrorEvent", "ErrorSpec", "FieldError", "Flush", "FlushDone", "Gender",
    "InvalidField", "InvalidFrame", "InvalidMessage", "Level", "Limits", "MalformedMessage",
    "Message", "MissingField", "Open", "Opened", "OutputFormat", "Ping", "Pong",
    "ProtocolError", "Ready", "RemoteError", "Sampling", "SegmentDone", "SegmentStart",
    "SegmentTimings", "Segmentation", "ServerMessage", "ServerMessageType", "SessionError",
    "Start", "Text", "UnexpectedBinary", "UnknownField", "UnknownMessageType",
    "UnsupportedVersion", "Usage", "Voice", "frame_samples", "next_context_state",
    "pack_frame", "pack_header", "parse_client_message", "parse_server_message", "serialize",
    "to_json_object", "unpack_frame",
]  # fmt: skip

EXPECTED_CLIENT = ["ContextAudio", "ContextStats", "Incoming", "Playout", "Session", "connect",
                   "websocket_url"]  # fmt: skip


def test_the_package_exports_exactly_the_pinned_names() -> None:
    assert sorted(protocol.__all__) == sorted(EXPECTED)
    assert len(set(protocol.__all__)) == len(protocol.__all__)


def test_every_exported_name_exists_and_comes_from_the_protocol_package() -> None:
    for name in protocol.__all__:
        value = getattr(protocol, name)
        module = getattr(value, "__module__", "protocol")
        assert module in ("typing", "types") or module.startswith("protocol"), name


def test_the_client_module_exports_exactly_the_pinned_names() -> None:
    assert sorted(protocol.client.__all__) == sorted(EXPECTED_CLIENT)
    for name in protocol.client.__all__:
        assert hasattr(protocol.client, name)


def test_importing_protocol_pulls_in_neither_the_server_nor_aiohttp() -> None:
    code = ("import sys, protocol; bad = sorted(m for m in sys.modules if m.split('.')[0] in "
            "('voice_server', 'aiohttp', 'numpy', 'torch')); print(','.join(bad))")  # fmt: skip
    root = Path(__file__).resolve().parent.parent
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=root, check=True)  # fmt: skip
    assert out.stdout.strip() == ""


def test_no_protocol_module_imports_the_server() -> None:
    root = Path(protocol.__file__).parent
    for path in root.glob("*.py"):
        text = path.read_text()
        assert "import voice_server" not in text and "from voice_server" not in text, path


def test_the_package_ships_py_typed_the_spec_and_the_schemas() -> None:
    root = Path(protocol.__file__).parent
    assert (root / "py.typed").exists()
    assert (root / "PROTOCOL.md").stat().st_size > 10_000
    assert len(list((root / "schema").glob("*.json"))) == 16
