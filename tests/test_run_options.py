"""The options the server runs aiohttp with reach every connection, through ``web.run_app``
itself (in a process of its own, as ``voice-server serve`` runs it).

Why: ``run_app(handler_args=...)`` once made aiohttp 3.14 drop every per-connection setting
(its fallback keeps only two) with a warning per connection: idle keep-alive connections were
never closed (a probe held 20,000 of them, every descriptor the server had) and a refused
upload was read for 10 s. The tests' own ``AppRunner`` did not show it.
"""

from __future__ import annotations

import asyncio
import socket
import subprocess
import sys
import time

SERVER = """
import dataclasses, sys
from aiohttp import web
from voice_server.app import run_options
from voice_server.config import ServerConfig

base = ServerConfig()
config = dataclasses.replace(base, http=dataclasses.replace(
    base.http, host="127.0.0.1", port=int(sys.argv[1]), keepalive_timeout_s=1.0))

async def upload(request):
    await request.read()
    return web.Response(text="ok")

app = web.Application(client_max_size=1024)
app.router.add_post("/upload", upload)
app.router.add_get("/", lambda request: web.Response(text="hi"))
web.run_app(app, **run_options(config))
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def connect(port: int, deadline: float) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    while True:
        try:
            return await asyncio.open_connection("127.0.0.1", port)
        except OSError:
            if time.monotonic() > deadline:
                raise
            await asyncio.sleep(0.1)


async def test_keepalive_and_lingering_reach_the_connections_of_run_app() -> None:
    port = free_port()
    server = subprocess.Popen([sys.executable, "-c", SERVER, str(port)],
                              stderr=subprocess.PIPE, text=True)  # fmt: skip
    try:
        reader, writer = await connect(port, time.monotonic() + 60)
        writer.write(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        assert (await reader.readline()).startswith(b"HTTP/1.1 200")
        started = time.monotonic()
        while await asyncio.wait_for(reader.read(65536), 10):  # the rest of the answer,
            pass  # then nothing until the server closes the idle connection
        assert time.monotonic() - started < 4.0  # keepalive_timeout_s 1 (aiohttp's own: 75)
        writer.close()

        reader, writer = await connect(port, time.monotonic() + 5)
        writer.write(b"POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 1073741824\r\n\r\n")
        status = asyncio.ensure_future(reader.readline())  # read before the connection breaks
        started = time.monotonic()
        closed_at = None
        try:
            while time.monotonic() - started < 15.0:
                writer.write(b" " * (1 << 20))
                await writer.drain()
                await asyncio.sleep(0.05)
        except ConnectionError:
            closed_at = time.monotonic() - started
        writer.transport.abort()
        assert (await status).startswith(b"HTTP/1.1 413")
        assert closed_at is not None and closed_at < 5.0  # LINGERING_S 1 (aiohttp's own: 10)
    finally:
        server.terminate()
        _, errors = server.communicate(timeout=30)
    assert "Failed to create request handler" not in errors, errors[-2000:]
