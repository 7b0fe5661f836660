"""Structured logs: one JSON object per line, with the session id of the task that logged."""

from __future__ import annotations

import asyncio
import io
import json
import logging

import pytest

from voice_server.logging_setup import (
    ClientFaultFilter,
    JsonFormatter,
    SessionIdFilter,
    configure_logging,
    quiet_client_faults,
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


async def test_a_malformed_http_request_is_one_debug_line_not_an_error_traceback(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A real aiohttp server, sent requests its parser refuses (the client's fault)."""
    from aiohttp import web

    async def ok(request: web.Request) -> web.Response:
        return web.Response(text="ok")

    quiet_client_faults()
    app = web.Application()
    app.router.add_get("/", ok)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    requests = [b"GET / HTTP/1.1\r\nHost: x\r\nX-Long: " + b"a" * 9000 + b"\r\n\r\n",
                b"GET /?" + b"a" * 9000 + b" HTTP/1.1\r\nHost: x\r\n\r\n",
                b"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n"]  # fmt: skip
    try:
        for level in (logging.INFO, logging.DEBUG):
            caplog.clear()
            with caplog.at_level(level):
                for raw in requests:
                    reader, writer = await asyncio.open_connection("127.0.0.1", port)
                    writer.write(raw)
                    assert (await reader.read(100)).startswith(b"HTTP/1.0 400")
                    writer.close()
            server = [r for r in caplog.records if r.name == "aiohttp.server"]
            assert not [r for r in server if r.levelno >= logging.INFO or r.exc_info]
            if level == logging.DEBUG:
                assert [r.getMessage() for r in server] and all(
                    r.getMessage().startswith("refused a malformed HTTP request from 127.0.0.1 "
                                              "(400: ") for r in server)  # fmt: skip
    finally:
        await runner.cleanup()


def test_other_server_errors_keep_their_level_and_traceback() -> None:
    record = logging.LogRecord("aiohttp.server", logging.ERROR, __file__, 1,
                               "Error handling request from %s", ("10.0.0.1",), None)  # fmt: skip
    try:
        raise RuntimeError("a bug")
    except RuntimeError:
        import sys

        record.exc_info = sys.exc_info()
    assert ClientFaultFilter().filter(record)
    assert record.levelno == logging.ERROR and record.exc_info is not None
