import { test } from "node:test";
import assert from "node:assert/strict";

import {
  describeError, openMessage, parseFrame, pcm16ToFloat, startMessage, streamUrl, subprotocols, voiceObject,
} from "../../protocol.js";

function frame(headerHex, payload = []) {
  const header = Uint8Array.from(headerHex.match(/../g).map((h) => parseInt(h, 16)));
  const out = new Uint8Array(header.length + payload.length);
  out.set(header);
  out.set(payload, header.length);
  return out.buffer;
}

test("the header example from the spec parses to stream 1, sequence 2, timestamp 640", () => {
  // PROTOCOL.md 7.3: the third 20 ms pcm16 frame at 16 kHz of stream 1.
  const parsed = parseFrame(frame("01100100000000010000000200000280", new Array(640).fill(0)));
  assert.deepEqual(parsed, {
    encoding: 1, streamId: 1, sequence: 2, timestamp: 640, payloadOffset: 16, payloadBytes: 640,
  });
});

test("a longer header_length is skipped, as later revisions may append fields", () => {
  const parsed = parseFrame(frame("01140100000000070000000000000000" + "deadbeef", [1, 0]));
  assert.equal(parsed.payloadOffset, 20);
  assert.equal(parsed.payloadBytes, 2);
  assert.equal(parsed.streamId, 7);
});

test("a frame of another version, or with a bad header length, is refused", () => {
  assert.throws(() => parseFrame(frame("02100100000000010000000000000000")), /version 2/);
  assert.throws(() => parseFrame(frame("010f0100000000010000000000000000")), /header_length 15/);
  assert.throws(() => parseFrame(frame("01200100000000010000000000000000")), /header_length 32/);
  assert.throws(() => parseFrame(new ArrayBuffer(8)), /shorter than the header/);
});

test("u32 fields are read as unsigned big-endian", () => {
  const parsed = parseFrame(frame("011001000000ffffffffffff80000000"));
  assert.equal(parsed.streamId, 0xffff);
  assert.equal(parsed.sequence, 0xffffffff);
  assert.equal(parsed.timestamp, 0x80000000);
});

test("pcm16 payloads are little-endian and scaled to [-1, 1)", () => {
  const buffer = frame("01100100000000010000000000000000", [0x00, 0x80, 0xff, 0x7f, 0x00, 0x00, 0x00, 0x40]);
  assert.deepEqual([...pcm16ToFloat(buffer, 16)], [-1, 32767 / 32768, 0, 0.5]);
});

test("the stream URL follows the page's scheme and host", () => {
  assert.equal(streamUrl({ protocol: "http:", host: "127.0.0.1:8080" }), "ws://127.0.0.1:8080/v1/stream");
  assert.equal(streamUrl({ protocol: "https:", host: "voice.example" }), "wss://voice.example/v1/stream");
});

test("a browser token rides as a second subprotocol", () => {
  assert.deepEqual(subprotocols(""), ["voice.v1"]);
  assert.deepEqual(subprotocols("abc"), ["voice.v1", "token.abc"]);
});

test("a named speaker wins over style fields; a style fills pitch and speed", () => {
  assert.deepEqual(voiceObject({ speaker: "alloy", gender: "male" }), { speaker: "alloy" });
  assert.deepEqual(voiceObject({ gender: "male", pitch: "low" }), { gender: "male", pitch: "low", speed: "moderate" });
  assert.equal(voiceObject({}), undefined);
});

test("start carries only the fields that were chosen", () => {
  assert.deepEqual(startMessage(), { type: "start", version: 1 });
  assert.deepEqual(startMessage({ sampleRate: 24000, voice: { speaker: "nova" }, leadMs: 0 }), {
    type: "start", version: 1, voice: { speaker: "nova" },
    format: { encoding: "pcm16", sample_rate: 24000, frame_ms: 20 }, lead_ms: 0,
  });
});

test("open carries the voice only when one is picked", () => {
  assert.deepEqual(openMessage("turn-1"), { type: "open", context_id: "turn-1" });
  assert.deepEqual(openMessage("turn-2", { speaker: "onyx" }), { type: "open", context_id: "turn-2", voice: { speaker: "onyx" } });
});

test("an error line names the code, the context and what happens next", () => {
  assert.equal(
    describeError({ code: "unknown_context", message: "no live context t", context_id: "t", fatal: false, retryable: false }),
    "unknown_context (context t): no live context t",
  );
  assert.equal(
    describeError({ code: "idle_timeout", message: "idle", fatal: true, retryable: true, close_code: 4408 }),
    "idle_timeout: idle — the server closed the session (4408); retrying later may work",
  );
});
