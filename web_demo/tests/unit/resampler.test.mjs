import { test } from "node:test";
import assert from "node:assert/strict";

import { StreamResampler, HALF_TAPS } from "../../resampler.js";

function sine(freq, rate, n, phase = 0) {
  return Float32Array.from({ length: n }, (_, i) => Math.sin(2 * Math.PI * freq * ((i + phase) / rate)));
}

function concat(parts) {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Feed `input` in chunks of `chunk` samples, then flush. */
function run(resampler, input, chunk) {
  const parts = [];
  for (let i = 0; i < input.length; i += chunk) parts.push(resampler.process(input.subarray(i, i + chunk)));
  parts.push(resampler.flush());
  return concat(parts);
}

function rms(a) {
  return Math.sqrt(a.reduce((s, x) => s + x * x, 0) / a.length);
}

test("16 kHz to 48 kHz gives three times the samples of the input", () => {
  const out = run(new StreamResampler(16000, 48000), sine(440, 16000, 1600), 320);
  assert.ok(Math.abs(out.length - 4800) <= 3, `got ${out.length}`);
});

test("16 kHz to 44.1 kHz gives the right number of samples", () => {
  const out = run(new StreamResampler(16000, 44100), sine(440, 16000, 16000), 320);
  assert.ok(Math.abs(out.length - 44100) <= 3, `got ${out.length}`);
});

test("a tone keeps its frequency and amplitude after upsampling", () => {
  const out = run(new StreamResampler(16000, 48000), sine(1000, 16000, 3200), 320);
  const middle = out.subarray(600, 9000);
  const expected = sine(1000, 48000, out.length).subarray(600, 9000);
  let worst = 0;
  for (let i = 0; i < middle.length; i++) worst = Math.max(worst, Math.abs(middle[i] - expected[i]));
  assert.ok(worst < 0.01, `largest deviation from the ideal tone ${worst}`);
});

test("chunk boundaries leave no trace: 20 ms chunks equal one big chunk", () => {
  const input = sine(700, 16000, 4800);
  const whole = run(new StreamResampler(16000, 44100), input, input.length);
  const chunked = run(new StreamResampler(16000, 44100), input, 320);
  assert.equal(chunked.length, whole.length);
  for (let i = 0; i < whole.length; i++) assert.ok(Math.abs(whole[i] - chunked[i]) < 1e-5, `sample ${i}`);
});

test("a constant input stays exactly constant", () => {
  const out = run(new StreamResampler(24000, 44100), new Float32Array(2400).fill(0.5), 480);
  const middle = out.subarray(2 * HALF_TAPS * 2, out.length - 2 * HALF_TAPS * 2);
  for (const s of middle) assert.ok(Math.abs(s - 0.5) < 1e-6);
});

test("downsampling removes a tone above the new Nyquist frequency", () => {
  const out = run(new StreamResampler(48000, 16000), sine(12000, 48000, 9600), 960);
  assert.ok(rms(out.subarray(100, out.length - 100)) < 0.05, `aliased energy ${rms(out)}`);
});

test("equal rates pass samples through untouched", () => {
  const input = sine(440, 48000, 960);
  const out = new StreamResampler(48000, 48000).process(input);
  assert.deepEqual([...out], [...input]);
});

test("non-positive rates are refused", () => {
  assert.throws(() => new StreamResampler(0, 48000), RangeError);
});
