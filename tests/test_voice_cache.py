"""A session's voice cache: the first segment of a style voice makes its global codes and
every later segment reuses them; a maker that ends without them (failed, cancelled) hands the
job to the next segment instead of leaving it waiting forever."""

from __future__ import annotations

import asyncio

from voice_server.config import ServerConfig
from voice_server.engine.prompts import Style
from voice_server.session import Session
from voice_server.synthesis import Voice

CODES = tuple(range(32))
STYLE = Voice(style=Style(gender="male"))


def _session() -> Session:
    return Session("s", ServerConfig(), None, None)  # type: ignore[arg-type]


async def test_the_first_segment_makes_the_codes_and_a_waiting_one_gets_them() -> None:
    session = _session()
    assert await session._resolve_voice(STYLE) == STYLE  # no codes: this one makes them
    waiter = asyncio.create_task(session._resolve_voice(STYLE))
    await asyncio.sleep(0)
    assert not waiter.done()
    session._learn_voice(STYLE, CODES)
    assert await waiter == Voice(CODES, STYLE.style)
    assert await session._resolve_voice(STYLE) == Voice(CODES, STYLE.style)


async def test_a_maker_that_gives_up_hands_the_job_to_one_waiter_and_the_rest_keep_waiting() -> None:
    session = _session()
    await session._resolve_voice(STYLE)
    waiters = [asyncio.create_task(session._resolve_voice(STYLE)) for _ in range(3)]
    await asyncio.sleep(0)
    session._learn_voice(STYLE, None)
    async with asyncio.timeout(1):
        done, pending = await asyncio.wait(waiters, return_when=asyncio.FIRST_COMPLETED)
    assert [t.result() for t in done] == [STYLE]  # exactly one becomes the new maker
    assert len(pending) == 2
    session._learn_voice(STYLE, CODES)
    assert await asyncio.gather(*pending) == [Voice(CODES, STYLE.style)] * 2


async def test_a_voice_with_codes_and_other_styles_are_not_held_up() -> None:
    session = _session()
    await session._resolve_voice(STYLE)
    known = Voice(CODES, Style(gender="female"))
    other = Voice(style=Style(gender="female"))
    async with asyncio.timeout(1):
        assert await session._resolve_voice(known) == known
        assert await session._resolve_voice(other) == other
