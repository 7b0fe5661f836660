// Playback of WebSocket PCM: AudioContext -> "pcm-player" AudioWorklet -> analyser -> speakers.
//
// The main thread converts each frame to floats at the AudioContext's rate (one
// StreamResampler per audio stream, so two contexts never share filter state) and posts them
// to the worklet, which owns the jitter buffer. The analyser feeds the level meter.

import { StreamResampler } from "./resampler.js";

export class PcmPlayer {
  /**
   * @param {{targetMs: number, minMs: number, maxMs: number}} limits jitter buffer limits
   */
  constructor(limits) {
    this.limits = limits;
    this.context = null;
    this.node = null;
    this.analyser = null;
    this.resamplers = new Map();
    this.stats = { bufferedMs: 0, targetMs: limits.targetMs, underruns: 0, playedSamples: 0, droppedMs: 0, playing: false, peak: 0 };
    this.onStarted = () => {};
    this.onStats = () => {};
  }

  /**
   * Create the AudioContext and load the worklet. Call from a user gesture the first time:
   * browsers start an AudioContext suspended otherwise.
   */
  async init() {
    if (this.context) {
      if (this.context.state === "suspended") await this.context.resume();
      return;
    }
    const context = new AudioContext({ latencyHint: "interactive" });
    await context.audioWorklet.addModule(new URL("./pcm_player_worklet.js", import.meta.url));
    const node = new AudioWorkletNode(context, "pcm-player", {
      numberOfInputs: 0,
      numberOfOutputs: 1,
      outputChannelCount: [1],
      processorOptions: this.limits,
    });
    node.port.onmessage = (event) => this.onMessage(event.data);
    const analyser = context.createAnalyser();
    analyser.fftSize = 1024;
    node.connect(analyser);
    analyser.connect(context.destination);
    this.context = context;
    this.node = node;
    this.analyser = analyser;
    if (context.state === "suspended") await context.resume();
  }

  /** The AudioContext's rate, which every stream is converted to. */
  get sampleRate() {
    return this.context ? this.context.sampleRate : 0;
  }

  onMessage(message) {
    if (message.type === "stats") {
      this.stats = message;
      this.onStats(message);
    } else if (message.type === "started") {
      this.onStarted(performance.now());
    }
  }

  /**
   * Queue one frame's samples of `streamId` for playback.
   * @param {number} streamId
   * @param {number} inRate the stream's sample rate (ready.format.sample_rate)
   * @param {Float32Array} samples
   */
  push(streamId, inRate, samples) {
    if (!this.node) return;
    let resampler = this.resamplers.get(streamId);
    if (!resampler) {
      resampler = new StreamResampler(inRate, this.context.sampleRate);
      this.resamplers.set(streamId, resampler);
    }
    const out = resampler.process(samples);
    if (out.length) this.node.port.postMessage({ type: "audio", samples: out }, [out.buffer]);
  }

  /**
   * Tell the buffer whether audio is promised (a segment is in progress), so running dry is
   * counted as an underrun only then.
   * @param {boolean} on
   */
  expect(on) {
    this.node?.port.postMessage({ type: "expect", on });
  }

  /**
   * The end of a stream's audio: push out the resampler's look-ahead and forget the stream.
   * @param {number} streamId
   */
  finish(streamId) {
    const resampler = this.resamplers.get(streamId);
    if (!resampler) return;
    this.resamplers.delete(streamId);
    const tail = resampler.flush();
    if (tail.length && this.node) this.node.port.postMessage({ type: "audio", samples: tail }, [tail.buffer]);
  }

  /** Stop: silence from the next render quantum, everything buffered dropped. */
  clear() {
    this.resamplers.clear();
    this.node?.port.postMessage({ type: "clear" });
  }

  /** @param {{targetMs: number, minMs: number, maxMs: number}} limits */
  configure(limits) {
    this.limits = limits;
    this.node?.port.postMessage({ type: "configure", ...limits });
  }

  async close() {
    const context = this.context;
    this.context = null;
    this.node = null;
    this.analyser = null;
    this.resamplers.clear();
    if (context) await context.close();
  }
}
