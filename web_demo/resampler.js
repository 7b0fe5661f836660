// Streaming sample-rate conversion from the session's rate to the AudioContext's rate.
//
// Theory of operation
// -------------------
// The server sends 16 kHz (or 8/24/48 kHz) PCM; the AudioContext runs at whatever the sound
// card wants (48 or 44.1 kHz usually). Linear interpolation would be the shortest code, but
// upsampling 16 -> 48 kHz by it leaves images of the speech band audible as a metallic hiss,
// so this is a band-limited (windowed-sinc) interpolator:
//
//   y(t) = sum_k x[k] * h(t - k),   h(u) = fc * sinc(fc * u) * blackman(u / half)
//
// where t is the output sample's position in input samples and fc = min(1, out/in) keeps the
// cutoff below both Nyquist frequencies. The kernel spans `half = HALF_TAPS / fc` input
// samples each side, i.e. always HALF_TAPS lobes of the sinc, so downsampling filters as
// sharply as upsampling. It is tabulated at PHASES fractional offsets and each row is
// normalised to unit sum, so a constant input comes out exactly constant.
//
// Streaming: frames arrive 20 ms at a time and must join without clicks, so the converter
// keeps the last 2 * half input samples between calls and carries the fractional position `t`
// across them. Output therefore lags input by `half` input samples (0.5 ms at 16 kHz);
// `flush()` pushes that tail out at the end of a stream.
//
// Pure: no Web Audio; node's test runner checks it (tests/unit/resampler.test.mjs).

export const HALF_TAPS = 8;
const PHASES = 256;

function blackman(u) {
  return 0.42 + 0.5 * Math.cos(Math.PI * u) + 0.08 * Math.cos(2 * Math.PI * u);
}

function sinc(x) {
  if (x === 0) return 1;
  const px = Math.PI * x;
  return Math.sin(px) / px;
}

/**
 * Tabulate the kernel: row p holds the 2*half taps for fractional offset p / PHASES.
 * @param {number} fc cutoff as a fraction of the input Nyquist frequency, in (0, 1]
 * @param {number} half taps each side of the output position
 * @returns {Float32Array[]}
 */
function kernelTable(fc, half) {
  const rows = [];
  for (let p = 0; p <= PHASES; p++) {
    const frac = p / PHASES;
    const row = new Float32Array(2 * half);
    let sum = 0;
    for (let j = 0; j < 2 * half; j++) {
      const u = frac - (j - half + 1); // distance from tap j to the output position
      const w = Math.abs(u) < half ? blackman(u / half) : 0;
      row[j] = fc * sinc(fc * u) * w;
      sum += row[j];
    }
    for (let j = 0; j < row.length; j++) row[j] /= sum;
    rows.push(row);
  }
  return rows;
}

export class StreamResampler {
  /**
   * @param {number} inRate the stream's sample rate (ready.format.sample_rate)
   * @param {number} outRate the AudioContext's sample rate
   */
  constructor(inRate, outRate) {
    if (!(inRate > 0 && outRate > 0)) throw new RangeError("sample rates must be positive");
    this.inRate = inRate;
    this.outRate = outRate;
    this.step = inRate / outRate;
    this.passThrough = inRate === outRate;
    const fc = Math.min(1, outRate / inRate);
    this.half = Math.ceil(HALF_TAPS / fc);
    this.table = this.passThrough ? [] : kernelTable(fc, this.half);
    this.reset();
  }

  /** Forget the stream so far (a new context starts its own timeline). */
  reset() {
    // half - 1 zeros of left context, so the first input sample is output position 0.
    this.history = new Float32Array(this.half - 1);
    this.position = this.half - 1;
  }

  /**
   * Convert the next chunk of the stream.
   * @param {Float32Array} input
   * @returns {Float32Array} the output samples that are now fully determined
   */
  process(input) {
    if (this.passThrough) return input.slice();
    const buf = new Float32Array(this.history.length + input.length);
    buf.set(this.history);
    buf.set(input, this.history.length);
    // An output at t needs buf[floor(t) + half], so every t below `end` can be computed.
    const end = buf.length - this.half;
    const count = Math.max(0, Math.ceil((end - this.position) / this.step));
    const out = new Float32Array(count);
    let t = this.position;
    for (let i = 0; i < count; i++, t += this.step) {
      const base = Math.floor(t);
      const row = this.table[Math.round((t - base) * PHASES)];
      let acc = 0;
      const first = base - this.half + 1;
      for (let j = 0; j < row.length; j++) acc += buf[first + j] * row[j];
      out[i] = acc;
    }
    // Keep what the next output still needs: from floor(t) - half + 1 onwards.
    const keepFrom = Math.max(0, Math.min(buf.length, Math.floor(t) - this.half + 1));
    this.history = buf.slice(keepFrom);
    this.position = t - keepFrom;
    return out;
  }

  /**
   * Emit the samples still held back for look-ahead (the end of a stream).
   * @returns {Float32Array}
   */
  flush() {
    if (this.passThrough) return new Float32Array(0);
    const tail = this.process(new Float32Array(this.half));
    this.reset();
    return tail;
  }
}
