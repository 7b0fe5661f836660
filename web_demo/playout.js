// Where the browser's WebRTC playout stands relative to the received stream, from getStats.
//
// Theory of operation
// -------------------
// After `cancel` the server puts no more speech on the track, only silence (PROTOCOL.md 12),
// but the browser's jitter buffer (NetEq) may still hold speech received before: usually
// 20-80 ms, but more than a second after the bursts of a server that fell behind real time
// (NetEq raises its target after late packets and lowers it slowly). Stop must be silent at
// once, so the page mutes the <audio> element and unmutes it when that speech has played out
// into the muted element. "Played out" is counted in samples of the 48 kHz RTP clock:
//
//   received = packetsReceived * SAMPLES_PER_PACKET            (20 ms Opus packets, no DTX)
//   consumed = jitterBufferEmittedCount                         (samples played from packets)
//            + removedSamplesForAcceleration                    (played faster: fewer out)
//            - insertedSamplesForDeceleration                   (played slower: more out)
//            + packetsDiscarded * SAMPLES_PER_PACKET            (arrived too late, never played)
//
// Concealment (samples invented while no packet was there) is not in the emitted count, so it
// needs no correction. Once the point is played out, the decoder may still ring for a moment
// (Opus and NetEq fade the last speech out over the first silent packets), so the hush also
// waits until what the receiver outputs is silence by its energy counter: a mean square below
// SILENT_MEAN_SQUARE (-40 dBFS) between two reports. The cancel point is the `received` count once the packets arriving
// have become silence (Opus encodes digital silence in a few bytes); that is later than the
// Stop click by the cancel's trip to the server plus whatever the server had queued, and it
// is measured rather than guessed. Energy alone cannot find it: a server that falls behind
// real time fills the track with silence mid-speech, so speech may follow a quiet stretch in
// the buffer.
//
// Pure: node's test runner checks it (tests/unit/playout.test.mjs).

export const SAMPLES_PER_PACKET = 960; // 20 ms at the 48 kHz Opus RTP clock
export const SILENCE_PAYLOAD_BYTES = 10; // Opus packets of digital silence are 1-3 bytes
export const SILENT_MEAN_SQUARE = 1e-4; // -40 dBFS: the receiver's output is silence

/**
 * Samples of the RTP stream received so far.
 * @param {{packetsReceived?: number}} inbound an inbound-rtp stats report
 * @returns {number}
 */
export function receivedSamples(inbound) {
  return (inbound.packetsReceived || 0) * SAMPLES_PER_PACKET;
}

/**
 * Samples of received packets that the jitter buffer has played out or thrown away.
 * @param {object} inbound an inbound-rtp stats report
 * @returns {number}
 */
export function consumedSamples(inbound) {
  return (inbound.jitterBufferEmittedCount || 0)
    + (inbound.removedSamplesForAcceleration || 0)
    - (inbound.insertedSamplesForDeceleration || 0)
    + (inbound.packetsDiscarded || 0) * SAMPLES_PER_PACKET;
}

/**
 * Whether the packets that arrived between two reports were silence.
 * @param {object} before an earlier inbound-rtp report
 * @param {object} after a later one
 * @returns {boolean | null} null when no packet arrived in between
 */
export function silenceArrived(before, after) {
  const packets = (after.packetsReceived || 0) - (before.packetsReceived || 0);
  if (packets <= 0) return null;
  return ((after.bytesReceived || 0) - (before.bytesReceived || 0)) / packets <= SILENCE_PAYLOAD_BYTES;
}

/**
 * Mean square of what the receiver played out between two reports (totalAudioEnergy is the
 * integral of the squared level over seconds).
 * @param {object} before an earlier inbound-rtp report
 * @param {object} after a later one
 * @returns {number | null} null when the reports are the same moment (a cached repeat)
 */
export function playedMeanSquare(before, after) {
  const seconds = ((after.timestamp || 0) - (before.timestamp || 0)) / 1000;
  if (!(seconds > 0)) return null;
  return Math.max(0, (after.totalAudioEnergy || 0) - (before.totalAudioEnergy || 0)) / seconds;
}

/** The state of one hush: find the cancel point, wait until playout passes it and is silent. */
export class Hush {
  constructor() {
    this.previous = null;
    this.cancelPoint = null;
    this.silentOutput = false;
  }

  /**
   * Feed the next inbound-rtp report.
   * @param {object} inbound
   * @returns {boolean} true once every sample received before the silence was played out
   *   and the receiver's output since the last report was silence
   */
  update(inbound) {
    const previous = this.previous;
    if (previous && inbound.timestamp !== undefined && inbound.timestamp === previous.timestamp) {
      return this.done(inbound); // a cached repeat: nothing new to learn
    }
    this.previous = inbound;
    if (previous) {
      if (this.cancelPoint === null && silenceArrived(previous, inbound)) {
        this.cancelPoint = receivedSamples(inbound);
      }
      const meanSquare = playedMeanSquare(previous, inbound);
      if (meanSquare !== null) this.silentOutput = meanSquare <= SILENT_MEAN_SQUARE;
    }
    return this.done(inbound);
  }

  /** @param {object} inbound @returns {boolean} */
  done(inbound) {
    return this.cancelPoint !== null && consumedSamples(inbound) >= this.cancelPoint && this.silentOutput;
  }
}
