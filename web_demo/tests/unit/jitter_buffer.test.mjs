import { test } from "node:test";
import assert from "node:assert/strict";

import { JitterBuffer, UNDERRUN_STEP_MS, DECAY_AFTER_S, DECAY_STEP_MS } from "../../jitter_buffer.js";

const RATE = 1000; // one sample per millisecond keeps the arithmetic readable
const QUANTUM = 10;

function buffer(limits = {}) {
  return new JitterBuffer({ sampleRate: RATE, targetMs: 50, minMs: 20, maxMs: 200, ...limits });
}

function ramp(n, start = 1) {
  return Float32Array.from({ length: n }, (_, i) => (start + i) / 1000);
}

function render(jb) {
  const out = new Float32Array(QUANTUM);
  const played = jb.render(out);
  return { out, played };
}

test("it stays silent until the target is buffered while audio is promised", () => {
  const jb = buffer();
  jb.expect(true);
  jb.push(ramp(40));
  const { out, played } = render(jb);
  assert.equal(played, 0);
  assert.deepEqual([...out], new Array(QUANTUM).fill(0));
  jb.push(ramp(10, 41));
  assert.equal(render(jb).played, QUANTUM);
});

test("it plays samples in the order they were pushed", () => {
  const jb = buffer();
  jb.expect(true);
  jb.push(ramp(60));
  const first = render(jb).out;
  const second = render(jb).out;
  assert.deepEqual([...first, ...second], [...ramp(20)]);
});

test("a short tail plays at once when no more audio is promised", () => {
  const jb = buffer();
  jb.expect(false);
  jb.push(ramp(5));
  const { out, played } = render(jb);
  assert.equal(played, 5);
  assert.deepEqual([...out.slice(0, 5)], [...ramp(5)]);
  assert.deepEqual([...out.slice(5)], [0, 0, 0, 0, 0]);
});

test("running dry inside a segment counts an underrun and raises the target", () => {
  const jb = buffer();
  jb.expect(true);
  jb.push(ramp(55));
  for (let i = 0; i < 6; i++) render(jb);
  assert.equal(jb.underruns, 1);
  assert.equal(jb.targetMs, 50 + UNDERRUN_STEP_MS);
  assert.equal(jb.playing, false);
});

test("running dry after the segment ended is not an underrun", () => {
  const jb = buffer();
  jb.expect(true);
  jb.push(ramp(55));
  jb.expect(false);
  for (let i = 0; i < 8; i++) render(jb);
  assert.equal(jb.underruns, 0);
  assert.equal(jb.targetMs, 50);
  assert.equal(jb.playedSamples, 55);
});

test("the target never grows past max", () => {
  const jb = buffer({ targetMs: 190, maxMs: 200 });
  jb.expect(true);
  for (let round = 0; round < 3; round++) {
    jb.push(ramp(200));
    while (jb.size > 0 || jb.playing) render(jb);
  }
  assert.equal(jb.underruns, 3);
  assert.equal(jb.targetMs, 200);
});

test("stable playback lowers the target toward min", () => {
  const jb = buffer({ targetMs: 50, minMs: 45 });
  jb.expect(true);
  const seconds = DECAY_AFTER_S * 2 + 1;
  for (let i = 0; i < seconds * RATE; i += QUANTUM) {
    jb.push(ramp(QUANTUM));
    render(jb);
  }
  assert.equal(jb.underruns, 0);
  assert.equal(jb.targetMs, Math.max(45, 50 - 2 * DECAY_STEP_MS));
});

test("a burst past max drops the oldest audio down to the target", () => {
  const jb = buffer();
  jb.push(ramp(250));
  assert.equal(jb.bufferedMs, 50);
  assert.equal(jb.snapshot().droppedMs, 200);
  jb.expect(false);
  assert.deepEqual([...render(jb).out], [...ramp(QUANTUM, 201)]);
});

test("clear silences the very next block and forgets what was buffered", () => {
  const jb = buffer();
  jb.expect(true);
  jb.push(ramp(100));
  render(jb);
  jb.clear();
  const { out, played } = render(jb);
  assert.equal(played, 0);
  assert.ok(out.every((s) => s === 0));
  assert.equal(jb.bufferedMs, 0);
});

test("the ring grows for pushes bigger than its capacity without reordering", () => {
  const jb = buffer({ maxMs: 5000, targetMs: 4000 });
  jb.expect(false);
  const big = ramp(3000);
  jb.push(big.subarray(0, 1500));
  render(jb);
  jb.push(big.subarray(1500));
  const played = [];
  while (jb.size > 0) played.push(...render(jb).out);
  assert.deepEqual(played.slice(0, 2990), [...big.subarray(QUANTUM)]);
});

test("limits where min exceeds max are refused", () => {
  assert.throws(() => buffer({ minMs: 300, maxMs: 200 }), RangeError);
});
