"""atheris harness for the protocol parsers and the audio frame unpacker.

The invariant (the same one ``tests/test_protocol_fuzz.py`` checks with hypothesis in CI): for
any bytes, ``parse_client_message``, ``parse_server_message`` and ``unpack_frame`` return a
value or raise ``ProtocolError``; anything else is a crash. A parsed message must also survive
``serialize`` and parse back equal, so the fuzzer checks the round trip too.

The first input byte picks the target (so one corpus serves all three); the rest is the input.

Run (atheris is a bench dependency, not installed in CI)::

    pip install atheris
    python fuzz/fuzz_protocol.py fuzz/corpus -max_total_time=60 -max_len=4096

A crash input found this way belongs in ``tests/fixtures/fuzz/`` with a test that replays it.
Without atheris, ``python fuzz/fuzz_protocol.py FILE...`` replays files through the same
checks.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import importlib
from typing import Any

atheris: Any
try:
    atheris = importlib.import_module("atheris")
except ImportError:  # replay mode only
    atheris = None

if atheris is not None:
    with atheris.instrument_imports():
        from protocol import codec, framing
        from protocol.errors import ProtocolError
else:
    from protocol import codec, framing
    from protocol.errors import ProtocolError

TARGET_CLIENT, TARGET_SERVER, TARGET_FRAME = 0, 1, 2


def check(data: bytes) -> None:
    """One input through its target; raises anything that is not an allowed outcome."""
    if not data:
        return
    target, body = data[0] % 3, data[1:]
    try:
        if target == TARGET_FRAME:
            frame = framing.unpack_frame(body)
            if framing.unpack_frame(framing.pack_frame(frame)) != frame:
                raise AssertionError("frame round trip changed the frame")
            return
        parse = codec.parse_client_message if target == TARGET_CLIENT else \
            codec.parse_server_message  # fmt: skip
        message = parse(body)
    except ProtocolError:
        return
    if parse(codec.serialize(message)) != message:
        raise AssertionError(f"round trip changed {message!r}")


def test_one_input(data: bytes) -> None:
    check(data)


def main(argv: list[str]) -> int:
    if atheris is None:
        paths = [Path(a) for a in argv[1:] if not a.startswith("-")]
        files = [f for p in paths for f in (sorted(p.iterdir()) if p.is_dir() else [p])]
        for path in files:
            check(path.read_bytes())
        print(f"replayed {len(files)} inputs without a failure (atheris not installed)")
        return 0
    atheris.Setup(argv, test_one_input)
    atheris.Fuzz()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
