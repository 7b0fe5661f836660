import { test } from "node:test";
import assert from "node:assert/strict";

import { Turn, textDelta } from "../../turn.js";
import { wordDeltas, LlmSimulator } from "../../llm_simulator.js";
import { RateMeter } from "../../rate_meter.js";
import { formatBitrate, formatMs, playbackCells } from "../../view.js";
import { levels, toDb } from "../../meter.js";

test("typing at the end sends only the new characters", () => {
  assert.deepEqual(textDelta("Hello", "Hello, wor"), { delta: ", wor", rewritten: false });
  assert.deepEqual(textDelta("", "H"), { delta: "H", rewritten: false });
  assert.deepEqual(textDelta("Hello", "Hello"), { delta: "", rewritten: false });
});

test("editing text already sent sends nothing and says so", () => {
  assert.deepEqual(textDelta("Hello", "Help"), { delta: "", rewritten: true });
  assert.deepEqual(textDelta("Hello", ""), { delta: "", rewritten: true });
});

test("a turn times first audio and first sound from its first text", () => {
  const turn = new Turn("turn-1", 0);
  turn.onEvent({ type: "opened", context_id: "turn-1", stream_id: 3 }, 5);
  turn.noteText("Hi ", 10);
  turn.noteText("there.", 20);
  turn.onEvent({ type: "segment_start", segment: 0, text: "Hi there." }, 100);
  turn.noteAudio(110);
  turn.noteAudio(130);
  turn.noteSound(180);
  assert.equal(turn.streamId, 3);
  assert.equal(turn.sent, "Hi there.");
  assert.equal(turn.ttfaMs, 100);
  assert.equal(turn.ttfsMs, 170);
  assert.equal(turn.speaking, true);
});

test("a sound before any audio of the turn is not its first sound", () => {
  const turn = new Turn("t", 0);
  turn.noteText("x", 0);
  turn.noteSound(5);
  assert.equal(turn.ttfsMs, null);
});

test("segment rows carry the server's timings once the segment is done", () => {
  const turn = new Turn("t", 0);
  turn.onEvent({ type: "segment_start", segment: 0, text: "One." }, 1);
  turn.onEvent({ type: "segment_done", segment: 0, audio_ms: 740, truncated: true, timings: { first_audio_ms: 96.4, rtf: 0.34 } }, 2);
  turn.onEvent({ type: "segment_start", segment: 1, text: "Two." }, 3);
  assert.deepEqual(turn.segmentRows(), [
    { index: 0, text: "One.", status: "done", serverFirstAudioMs: 96.4, audioMs: 740, rtf: 0.34, truncated: true },
    { index: 1, text: "Two.", status: "speaking", serverFirstAudioMs: null, audioMs: null, rtf: null, truncated: false },
  ]);
  assert.equal(turn.audioMs, 740);
  turn.markCancelled();
  assert.deepEqual(turn.segmentRows().map((r) => r.status), ["done", "stopped"]);
});

test("a turn accepts text until end or cancel, and finishes on its terminal event", () => {
  const turn = new Turn("t", 0);
  assert.equal(turn.acceptsText, true);
  turn.markEnded();
  assert.equal(turn.acceptsText, false);
  assert.equal(turn.finished, false);
  turn.onEvent({ type: "opened", stream_id: 1 }, 1);
  assert.equal(turn.state, "ended", "a late opened does not reopen an ended turn");
  turn.onEvent({ type: "context_done", status: "completed", usage: { frames: 3 } }, 2);
  assert.equal(turn.finished, true);
  const cancelled = new Turn("c", 0);
  cancelled.markCancelled();
  cancelled.onEvent({ type: "cancelled", audio_ms: 860 }, 1);
  assert.equal(cancelled.finished, true);
  assert.equal(cancelled.cancelledAudioMs, 860);
});

test("word deltas join back to the exact text, spaces and newlines included", () => {
  const text = "  Sure, I can\nhelp.  Bye! ";
  const deltas = wordDeltas(text);
  assert.equal(deltas.join(""), text);
  assert.deepEqual(deltas.slice(0, 2), ["  Sure,", " I"]);
});

test("the simulator streams every word in order and then reports done", async () => {
  const got = [];
  await new Promise((resolve) => new LlmSimulator().start("a b c", 1000, (d) => got.push(d), resolve));
  assert.deepEqual(got, ["a", " b", " c"]);
});

test("a stopped simulator sends nothing more and never reports done", async () => {
  const simulator = new LlmSimulator();
  const got = [];
  let done = false;
  simulator.start("one two three four", 50, (d) => {
    got.push(d);
    simulator.stop();
  }, () => (done = true));
  await new Promise((r) => setTimeout(r, 100));
  assert.deepEqual(got, ["one"]);
  assert.equal(done, false);
  assert.equal(simulator.running, false);
});

test("the rate meter counts only the bytes within its window", () => {
  const meter = new RateMeter(1000);
  meter.add(1000, 0);
  meter.add(500, 600);
  assert.equal(meter.bitsPerSecond(900), 12000);
  assert.equal(meter.bitsPerSecond(1200), 4000);
  assert.equal(meter.bitsPerSecond(5000), 0);
});

test("stats formatting", () => {
  assert.equal(formatMs(null), "–");
  assert.equal(formatMs(131.4), "131 ms");
  assert.equal(formatMs(12500), "12.5 s");
  assert.equal(formatBitrate(263000), "263.0 kbit/s");
  assert.equal(formatBitrate(2.5e6), "2.50 Mbit/s");
});

test("the playback cells show the worklet over WebSocket and getStats over WebRTC", () => {
  const ws = playbackCells({ transport: "websocket", net: {}, player: { bufferedMs: 80, targetMs: 100, underruns: 2, droppedMs: 0, playedSamples: 96000, sampleRate: 48000 } });
  assert.deepEqual(ws, { buffered: "80 ms (target 100 ms)", underruns: "2", played: "2.0 s" });
  const rtc = playbackCells({ transport: "webrtc", player: {}, net: { bufferedMs: 40, concealmentEvents: 1, packetsReceived: 50 } });
  assert.deepEqual(rtc, { buffered: "40 ms (browser jitter buffer)", underruns: "1 concealment events", played: "50 RTP packets" });
});

test("levels and decibels of a block", () => {
  assert.deepEqual(levels(Float32Array.from([0.5, -0.5])), { rms: 0.5, peak: 0.5 });
  assert.equal(toDb(0), -60);
  assert.equal(Math.round(toDb(0.5)), -6);
});
