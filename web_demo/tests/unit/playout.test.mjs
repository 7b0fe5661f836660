import { test } from "node:test";
import assert from "node:assert/strict";

import {
  Hush, consumedSamples, playedMeanSquare, receivedSamples, silenceArrived, SAMPLES_PER_PACKET, SILENT_MEAN_SQUARE,
} from "../../playout.js";

const P = SAMPLES_PER_PACKET;

let clock = 0;

// A fresh report 50 ms after the last one; the output was silent unless `extra` says otherwise.
function stats(packets, bytes, emitted, extra = {}) {
  clock += 50;
  return { timestamp: clock, totalAudioEnergy: 0, packetsReceived: packets, bytesReceived: bytes, jitterBufferEmittedCount: emitted, ...extra };
}

test("received samples count 20 ms per packet", () => {
  assert.equal(receivedSamples(stats(50, 0, 0)), 50 * P);
  assert.equal(receivedSamples({}), 0);
});

test("consumed samples correct for time-stretching and discarded packets", () => {
  const s = stats(100, 0, 40000, { removedSamplesForAcceleration: 500, insertedSamplesForDeceleration: 200, packetsDiscarded: 2 });
  assert.equal(consumedSamples(s), 40000 + 500 - 200 + 2 * P);
});

test("tiny packets are silence and speech-sized ones are not", () => {
  assert.equal(silenceArrived(stats(10, 2000, 0), stats(15, 2015, 0)), true);
  assert.equal(silenceArrived(stats(10, 2000, 0), stats(15, 2600, 0)), false);
  assert.equal(silenceArrived(stats(10, 2000, 0), stats(10, 2000, 0)), null);
});

test("a hush ends only when the speech buffered before the silence has played out", () => {
  const hush = new Hush();
  // At Stop: 100 packets received, 60 played: 40 packets (800 ms) of speech still buffered.
  assert.equal(hush.update(stats(100, 20000, 60 * P)), false);
  // Speech still arriving (the cancel is on its way), playout goes on.
  assert.equal(hush.update(stats(103, 20600, 63 * P)), false);
  // Now only silence arrives: the cancel point is 106 packets.
  assert.equal(hush.update(stats(106, 20609, 66 * P)), false);
  assert.equal(hush.cancelPoint, 106 * P);
  // A quiet stretch inside the buffered speech does not end it; playing past the point does.
  assert.equal(hush.update(stats(130, 20681, 105 * P)), false);
  assert.equal(hush.update(stats(140, 20711, 106 * P)), true);
});

test("a hush never ends before silence has been seen arriving", () => {
  const hush = new Hush();
  hush.update(stats(100, 20000, 100 * P));
  assert.equal(hush.update(stats(110, 22000, 110 * P)), false);
  assert.equal(hush.cancelPoint, null);
});

test("the played mean square comes from the energy counter and ignores cached repeats", () => {
  const a = { timestamp: 1000, totalAudioEnergy: 1.0 };
  assert.equal(playedMeanSquare(a, { timestamp: 1500, totalAudioEnergy: 1.01 }).toFixed(4), "0.0200");
  assert.equal(playedMeanSquare(a, { ...a }), null);
});

test("a hush waits for the receiver's output to fall silent after the point is played out", () => {
  const hush = new Hush();
  let energy = 5;
  const loud = (packets, bytes, emitted, meanSquare) => {
    energy += meanSquare * 0.05;
    return stats(packets, bytes, emitted, { totalAudioEnergy: energy });
  };
  hush.update(loud(100, 20000, 60 * P, 0.02));
  assert.equal(hush.update(loud(103, 20009, 63 * P, 0.02)), false); // silence arrives: point 103
  // Played past the point, but the decoder still rings above -40 dBFS.
  assert.equal(hush.update(loud(106, 20018, 104 * P, 10 * SILENT_MEAN_SQUARE)), false);
  assert.equal(hush.update(loud(109, 20027, 107 * P, SILENT_MEAN_SQUARE / 10)), true);
  // A cached repeat of the last report keeps the answer.
  assert.equal(hush.update({ ...hush.previous }), true);
});
