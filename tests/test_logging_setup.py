"""Structured logs: one JSON object per line, with the session id of the task that logged."""

from __future__ import annotations

import asyncio
import io
import json
import logging

import pytest

from voice_server.logging_setup import (
    JsonFormatter,
    SessionIdFilter,
    configure_logging,
    session_id_var,
)


def capture() -> tuple[logging.Logger, io.StringIO]:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(SessionIdFilter())
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger(f"test.json.{id(stream)}")
    logger.propagate = False
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    return logger, stream


def lines(stream: io.StringIO) -> list[dict[str, object]]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


async def test_each_task_logs_under_its_own_session_id() -> None:
    logger, stream = capture()

    async def session(sid: str) -> None:
        session_id_var.set(sid)
        await asyncio.sleep(0)
        logger.info("audio sent", extra={"frames": 3})

    await asyncio.gather(session("s-1"), session("s-2"))
    logger.info("no session here")
    records = lines(stream)
    assert [r.get("session_id") for r in records] == ["s-1", "s-2", None]
    assert records[0]["message"] == "audio sent"
    assert records[0]["frames"] == 3
    assert records[0]["level"] == "INFO"
    assert str(records[0]["ts"]).endswith("Z")


def test_exceptions_are_one_line_of_json_with_the_traceback() -> None:
    logger, stream = capture()
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        logger.exception("failed")
    (record,) = lines(stream)
    assert "RuntimeError: boom" in str(record["exc"])
    assert stream.getvalue().count("\n") == 1


def test_configure_logging_installs_one_handler_and_refuses_unknown_levels() -> None:
    root = logging.getLogger()
    saved = (list(root.handlers), root.level)
    try:
        handler = configure_logging("debug", json=False)
        configure_logging("warning", json=True)
        assert handler not in root.handlers and len(root.handlers) == 1
        assert root.level == logging.WARNING
        with pytest.raises(ValueError):
            configure_logging("loud")
    finally:
        root.handlers[:] = saved[0]
        root.setLevel(saved[1])
