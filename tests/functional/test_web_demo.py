"""The browser demo page (``web_demo/``) in real headless Chromium against a real server.

Theory of operation
-------------------
One module-scoped fixture starts the server on the shared tiny-model runtime (a real
localhost port, WebRTC gathering on 127.0.0.1) and runs ``web_demo/tests/demo_driver.mjs``
once: Playwright (``playwright-core`` from npm) drives Debian's ``chromium`` through the page
as a person would, over WebSocket and then WebRTC, and prints one JSON report. The tests below
each check one claim of that report, so a failure names the claim and shows the numbers.

A browser session costs about 15-30 s on two cores, which is why it runs once per module
rather than once per test. The tests skip, with the reason, only when Chromium or the npm
packages are not installed (``scripts/test.sh`` installs both); the driver's screenshots land
in ``artifacts/web_demo/`` (gitignored) for a person to look at.

The page's pure modules (jitter buffer, resampler, frame parsing, turn bookkeeping) have their
own unit tests under ``web_demo/tests/unit/``, run here through node's test runner.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import shutil
import subprocess
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestServer

from tests.conftest import TIME_SCALE, TIMEOUT_UNIT

ROOT = Path(__file__).resolve().parents[2]
WEB_DEMO = ROOT / "web_demo"
ARTIFACTS = ROOT / "artifacts" / "web_demo"
DRIVER = WEB_DEMO / "tests" / "demo_driver.mjs"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"

Report = dict[str, Any]


@pytest.fixture(scope="session")
def browser_tooling() -> tuple[str, str]:
    """Paths of node and chromium, or skip saying what is missing.

    Session-scoped and requested before ``runtime``, so a skip costs no engine start.
    """
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    node = shutil.which("node")
    playwright = WEB_DEMO / "node_modules" / "playwright-core"
    if node is None or not playwright.is_dir():
        pytest.skip("web_demo/node_modules is not installed (cd web_demo && npm install)")
    return node, chromium


async def _run_driver(node: str, chromium: str, url: str) -> Report:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    process = await asyncio.create_subprocess_exec(
        node, str(DRIVER), "--url", url, "--chromium", chromium,
        "--artifacts", str(ARTIFACTS), "--timeout-scale", str(TIME_SCALE),
        cwd=WEB_DEMO, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    try:
        stdout, stderr = await asyncio.wait_for(process.communicate(), 300 * TIMEOUT_UNIT)
    except TimeoutError:
        process.kill()
        await process.wait()
        raise
    lines = stdout.decode().strip().splitlines()
    assert lines, f"the driver printed nothing (exit {process.returncode}): {stderr.decode()[-3000:]}"
    report: Report = json.loads(lines[-1])
    (ARTIFACTS / "report.json").write_text(json.dumps(report, indent=1))
    assert "fatal" not in report, f"{report['fatal']}\n{stderr.decode()[-3000:]}"
    return report


@pytest.fixture(scope="module")
async def report(browser_tooling: tuple[str, str], runtime: Any) -> AsyncIterator[Report]:
    """Serve the app on the shared runtime and walk the page through both transports."""
    node, chromium = browser_tooling
    from voice_server.app import create_app
    from voice_server.config import ServerConfig

    config = ServerConfig()
    config = dataclasses.replace(
        config, webrtc=dataclasses.replace(config.webrtc, host_addresses="127.0.0.1")
    )
    server = TestServer(create_app(config, runtime.model, runtime=runtime), host="127.0.0.1")
    await server.start_server()
    try:
        yield await _run_driver(node, chromium, str(server.make_url("/")))
    finally:
        await server.close()


def _phase(report: Report, name: str) -> Report:
    """One phase of the report; fails with the driver's own error if the phase broke."""
    phase: Report = report[name]
    assert "error" not in phase, f"the {name} phase failed in the browser:\n{phase['error']}"
    return phase


@pytest.mark.engine
async def test_the_page_loads_and_runs_with_no_console_errors(report: Report) -> None:
    load = _phase(report, "load")
    assert load["title"] == "spark-voice-server demo"
    assert report["consoleErrors"] == []


@pytest.mark.engine
async def test_the_voice_picker_is_filled_from_the_server_voice_list(report: Report) -> None:
    voices = _phase(report, "load")["voices"]
    assert "alloy" in voices
    assert voices[-2:] == ["", "@style"], "then the server's default voice and a style voice"


@pytest.mark.engine
async def test_the_page_says_plainly_that_tiny_model_audio_is_noise(report: Report) -> None:
    load = _phase(report, "load")
    assert load["noiseNoticeVisible"]
    assert "random weights" in load["noiseNoticeText"]
    assert "noise" in load["noiseNoticeText"]


@pytest.mark.engine
async def test_websocket_speech_is_rendered_through_the_audio_worklet(report: Report) -> None:
    ws = _phase(report, "websocket")
    during = ws["during"]
    assert during["transport"] == "websocket"
    assert during["player"]["playedSamples"] >= ws["contextSampleRate"] / 2
    assert during["level"]["peak"] > 0.01, "the analyser after the worklet heard nothing"
    assert during["turn"]["segments"] >= 1
    assert during["turn"]["ttfaMs"] is not None and during["turn"]["ttfsMs"] is not None


@pytest.mark.engine
async def test_stop_silences_websocket_playback_at_once(report: Report) -> None:
    ws = _phase(report, "websocket")
    before, after, later = ws["beforeStop"], ws["afterStop"], ws["later"]
    assert before["player"]["playing"] and before["player"]["bufferedMs"] > 0, before
    assert after["player"]["bufferedMs"] == 0
    assert later["player"]["playedSamples"] == after["player"]["playedSamples"], (
        "samples still went through the worklet after Stop"
    )
    assert later["level"]["peak"] == 0
    assert later["turn"]["state"] == "cancelled"
    assert later["turn"]["cancelledAudioMs"] is not None, "the server never acknowledged the cancel"


@pytest.mark.engine
async def test_the_ping_round_trip_is_shown(report: Report) -> None:
    ws = _phase(report, "websocket")
    assert ws["rttMs"] >= 0
    assert ws["rttShown"].endswith("ms")


@pytest.mark.engine
async def test_webrtc_audio_arrives_as_inbound_rtp_packets_and_plays(report: Report) -> None:
    rtc = _phase(report, "webrtc")
    during = rtc["during"]
    assert during["transport"] == "webrtc"
    assert during["net"]["packetsReceived"] > 0
    assert during["energyPerSecond"] > 1e-3, "the audio element played only silence"
    assert not rtc["audioElement"]["paused"] and rtc["audioElement"]["currentTime"] > 0
    assert during["turn"]["segments"] >= 1


@pytest.mark.engine
async def test_stop_keeps_webrtc_speech_from_the_speaker_at_once(report: Report) -> None:
    # After cancel the server sends no more speech, but the browser's jitter buffer may still
    # hold some (up to seconds after a starved server's bursts), so the page mutes the element
    # until the receiver plays silence. Claim: muted within 100 ms, nothing audible unmuted.
    # The receiver counts energy whether the element is muted or not, so a window in which the
    # page unmuted counts only what played after the unmute (heardEnergyPerSecond).
    rtc = _phase(report, "webrtc")
    speaking = rtc["during"]["energyPerSecond"]
    timeline = rtc["afterStopTimeline"]
    assert timeline[0]["muted"], timeline[:3]
    audible = [t for t in timeline if t["heardEnergyPerSecond"] >= 0.05 * speaking]
    assert audible == [], timeline
    assert rtc["afterStop"]["level"]["peak"] == 0
    assert rtc["afterStop"]["turn"]["state"] == "cancelled"


@pytest.mark.engine
async def test_after_stop_the_webrtc_track_carries_silence_and_the_speaker_is_back(report: Report) -> None:
    rtc = _phase(report, "webrtc")
    timeline = rtc["afterStopTimeline"]
    assert not timeline[-1]["muted"], "still muted: the next turn would not be heard"
    tail = timeline[-3:]
    assert all(t["energyPerSecond"] < 0.01 * rtc["during"]["energyPerSecond"] for t in tail), tail
    assert all(t["bitsPerSecond"] < 10_000 for t in tail), "speech-sized packets after the cancel"
    assert rtc["afterStop"]["turn"]["cancelledAudioMs"] is not None


@pytest.mark.engine
async def test_server_errors_are_shown_on_the_page(report: Report) -> None:
    errors = _phase(report, "errors")
    assert errors["visible"]
    assert "unknown_context" in errors["text"]


@pytest.mark.engine
async def test_the_page_fits_a_phone_sized_screen(report: Report) -> None:
    layout = report["layout"]
    assert layout["clientWidth"] == 390
    assert layout["scrollWidth"] <= layout["clientWidth"], "the page scrolls sideways on a phone"


@pytest.mark.engine
async def test_screenshots_are_saved_as_test_artifacts(report: Report) -> None:
    assert len(report["screenshots"]) >= 2
    for path in map(Path, report["screenshots"]):
        assert path.parent == ARTIFACTS
        assert path.read_bytes()[:8] == PNG_MAGIC


def test_the_page_modules_pass_their_node_unit_tests() -> None:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    tests = sorted(str(p) for p in (WEB_DEMO / "tests" / "unit").glob("*.test.mjs"))
    assert tests
    done = subprocess.run([node, "--test", *tests], cwd=WEB_DEMO, capture_output=True, text=True,
                          timeout=120 * TIMEOUT_UNIT)  # fmt: skip
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert "# fail 0" in done.stdout
