"""The protocol's JSON Schemas (``protocol/schema/``) as validators, for the tests that check
messages against them: built ones (``test_protocol_messages``, ``test_protocol_fuzz``) and ones
a real server sent (``functional/test_ws_session``)."""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped,unused-ignore]

from protocol import ClientMessageType, ServerMessageType

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "protocol" / "schema"
CLIENT_TYPES = frozenset(t.value for t in ClientMessageType)
SERVER_TYPES = frozenset(t.value for t in ServerMessageType)


def schema(name: str) -> dict[str, Any]:
    """The schema of message type ``name``, as stored."""
    loaded: dict[str, Any] = json.loads((SCHEMA_DIR / f"{name}.json").read_text())
    return loaded


def _ecma_pattern(validator: Any, pattern: str, instance: Any, schema: Any) -> Iterator[Any]:
    """ECMA-262 ``$`` (JSON Schema's dialect) matches only at the end; Python's ``$`` also
    matches before a final newline, so python-jsonschema would accept ``"id\\n"``."""
    if isinstance(instance, str) and not re.search(pattern.replace("$", r"\Z"), instance):
        yield jsonschema.ValidationError(f"{instance!r} does not match {pattern!r}")


Validator = jsonschema.validators.extend(jsonschema.Draft202012Validator,
                                         {"pattern": _ecma_pattern})  # fmt: skip


@functools.cache
def validator(name: str) -> Any:
    """A validator for message type ``name`` (ECMA-262 patterns)."""
    return Validator(schema(name))


def schema_errors(obj: Any) -> list[str]:
    """Schema violations of ``obj`` against the schema for its type (unknown type: one)."""
    kind = obj.get("type") if isinstance(obj, dict) else None
    if not isinstance(kind, str) or kind not in CLIENT_TYPES | SERVER_TYPES:
        return ["no schema for this type"]
    return [error.message for error in validator(kind).iter_errors(obj)]
