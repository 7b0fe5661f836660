// The playback jitter buffer behind the AudioWorklet: samples in from the network, 128-sample
// render quanta out to the sound card.
//
// Theory of operation
// -------------------
// The server paces audio at real time, `lead_ms` ahead of playback (PROTOCOL.md 7.2), so in a
// steady state a little audio is always waiting here. Network jitter, a busy main thread or a
// model that falls behind real time can still empty it; playing on then would click, so:
//
// 1. WAITING: output silence until `target` ms are buffered, then switch to PLAYING. When the
//    server has said no more audio is coming for now (`expect(false)` after `segment_done`),
//    whatever is buffered plays at once: waiting for audio that will not come only adds delay.
// 2. PLAYING: copy samples out. Running dry while audio is still promised (`expect(true)`,
//    i.e. inside a segment) is an **underrun**: it is counted, the target grows by
//    UNDERRUN_STEP_MS (up to `max`) and the buffer goes back to WAITING to rebuild the cushion.
//    Running dry after the last promised sample is just the end of speech, not an underrun.
// 3. Stable playing lets the target shrink again by DECAY_STEP_MS every DECAY_AFTER_S seconds,
//    down to `min`: a cushion that was needed once should not add latency forever.
// 4. More than `max` ms buffered (a burst after a stall) drops the oldest audio down to the
//    target, bounding the delay between the server's schedule and what is heard.
// 5. `clear()` (the stop button) drops everything at once: silence starts with the next render
//    quantum, about 3 ms later.
//
// Pure: no Web Audio, so node's test runner can check it (tests/unit/jitter_buffer.test.mjs);
// pcm_player_worklet.js is the thin AudioWorklet shell around it.

export const UNDERRUN_STEP_MS = 20;
export const DECAY_STEP_MS = 10;
export const DECAY_AFTER_S = 5;

export class JitterBuffer {
  /**
   * @param {{sampleRate: number, targetMs: number, minMs: number, maxMs: number}} options
   */
  constructor({ sampleRate, targetMs, minMs, maxMs }) {
    this.sampleRate = sampleRate;
    this.ring = new Float32Array(0);
    this.readAt = 0;
    this.size = 0;
    this.playing = false;
    this.expecting = false;
    this.underruns = 0;
    this.playedSamples = 0;
    this.droppedSamples = 0;
    this.stableSamples = 0;
    this.configure({ targetMs, minMs, maxMs });
  }

  /**
   * Set the limits; the target is clamped into [min, max].
   * @param {{targetMs: number, minMs: number, maxMs: number}} limits
   */
  configure({ targetMs, minMs, maxMs }) {
    if (!(minMs >= 0 && maxMs > 0 && minMs <= maxMs)) {
      throw new RangeError(`need 0 <= min (${minMs}) <= max (${maxMs}) and max > 0`);
    }
    this.minMs = minMs;
    this.maxMs = maxMs;
    this.targetMs = Math.min(maxMs, Math.max(minMs, targetMs));
    const capacity = this.samplesFor(maxMs) + this.sampleRate; // max plus a second of slack
    if (capacity > this.ring.length) this.grow(capacity);
  }

  /** @param {number} ms */
  samplesFor(ms) {
    return Math.round((ms * this.sampleRate) / 1000);
  }

  /** Buffered audio in milliseconds. */
  get bufferedMs() {
    return (this.size * 1000) / this.sampleRate;
  }

  /**
   * Whether more audio is promised right now (a segment is in progress): decides whether
   * running dry is an underrun (step 2) and whether WAITING may start early (step 1).
   * @param {boolean} on
   */
  expect(on) {
    this.expecting = on;
  }

  /**
   * Append samples at the buffer's rate.
   * @param {Float32Array} samples
   */
  push(samples) {
    if (this.size + samples.length > this.ring.length) this.grow(2 * (this.size + samples.length));
    let writeAt = (this.readAt + this.size) % this.ring.length;
    for (let i = 0; i < samples.length; i++) {
      this.ring[writeAt] = samples[i];
      writeAt = writeAt + 1 === this.ring.length ? 0 : writeAt + 1;
    }
    this.size += samples.length;
    if (this.size > this.samplesFor(this.maxMs)) this.skip(this.size - this.samplesFor(this.targetMs));
  }

  /** Drop everything buffered (stop / cancel) and wait for fresh audio. */
  clear() {
    this.readAt = 0;
    this.size = 0;
    this.playing = false;
    this.expecting = false;
  }

  /**
   * Fill one output block: buffered samples, or silence while WAITING.
   * @param {Float32Array} out
   * @returns {number} how many buffered samples were played into `out`
   */
  render(out) {
    if (!this.playing && this.size > 0) {
      if (this.size >= this.samplesFor(this.targetMs) || !this.expecting) this.playing = true;
    }
    if (!this.playing) {
      out.fill(0);
      return 0;
    }
    const n = Math.min(out.length, this.size);
    for (let i = 0; i < n; i++) {
      out[i] = this.ring[this.readAt];
      this.readAt = this.readAt + 1 === this.ring.length ? 0 : this.readAt + 1;
    }
    out.fill(0, n);
    this.size -= n;
    this.playedSamples += n;
    if (n < out.length) this.ranDry();
    else this.noteStable(n);
    return n;
  }

  ranDry() {
    this.playing = false;
    this.stableSamples = 0;
    if (!this.expecting) return;
    this.underruns += 1;
    this.targetMs = Math.min(this.maxMs, this.targetMs + UNDERRUN_STEP_MS);
  }

  /** @param {number} n */
  noteStable(n) {
    this.stableSamples += n;
    if (this.stableSamples >= DECAY_AFTER_S * this.sampleRate) {
      this.stableSamples = 0;
      this.targetMs = Math.max(this.minMs, this.targetMs - DECAY_STEP_MS);
    }
  }

  /** @param {number} n samples to drop from the oldest end */
  skip(n) {
    const drop = Math.min(n, this.size);
    this.readAt = (this.readAt + drop) % this.ring.length;
    this.size -= drop;
    this.droppedSamples += drop;
  }

  /** @param {number} capacity */
  grow(capacity) {
    const ring = new Float32Array(capacity);
    for (let i = 0; i < this.size; i++) ring[i] = this.ring[(this.readAt + i) % this.ring.length];
    this.ring = ring;
    this.readAt = 0;
  }

  /** Numbers for the stats panel. */
  snapshot() {
    return {
      bufferedMs: this.bufferedMs,
      targetMs: this.targetMs,
      underruns: this.underruns,
      playedSamples: this.playedSamples,
      droppedMs: (this.droppedSamples * 1000) / this.sampleRate,
      playing: this.playing,
    };
  }
}
