// AudioWorklet processor "pcm-player": plays the PCM the main thread posts, through a
// JitterBuffer (see jitter_buffer.js for the policy). It runs on the audio rendering thread,
// so it only moves samples and posts numbers; resampling happens on the main thread before
// the samples are posted (player.js), at the AudioContext's rate.
//
// Messages in (port): {type: "audio", samples: Float32Array}, {type: "expect", on: boolean},
//   {type: "clear"}, {type: "configure", targetMs, minMs, maxMs}.
// Messages out: {type: "stats", ...JitterBuffer.snapshot(), peak} every STATS_EVERY quanta,
//   and {type: "started", frame} when playback starts after silence (time to first sound).

import { JitterBuffer } from "./jitter_buffer.js";

const STATS_EVERY = 16; // 16 quanta of 128 samples: about 43 ms at 48 kHz

class PcmPlayerProcessor extends AudioWorkletProcessor {
  constructor(options) {
    super();
    const { targetMs, minMs, maxMs } = options.processorOptions;
    this.buffer = new JitterBuffer({ sampleRate, targetMs, minMs, maxMs });
    this.quanta = 0;
    this.peak = 0;
    this.wasPlaying = false;
    this.port.onmessage = (event) => this.onMessage(event.data);
  }

  onMessage(message) {
    switch (message.type) {
      case "audio":
        this.buffer.push(message.samples);
        break;
      case "expect":
        this.buffer.expect(message.on);
        break;
      case "clear":
        this.buffer.clear();
        this.postStats();
        break;
      case "configure":
        this.buffer.configure(message);
        break;
    }
  }

  process(inputs, outputs) {
    const channel = outputs[0][0];
    const played = this.buffer.render(channel);
    if (played > 0 && !this.wasPlaying) this.port.postMessage({ type: "started", frame: currentFrame });
    this.wasPlaying = this.buffer.playing;
    for (let i = 0; i < played; i++) this.peak = Math.max(this.peak, Math.abs(channel[i]));
    for (let c = 1; c < outputs[0].length; c++) outputs[0][c].set(channel);
    if (++this.quanta % STATS_EVERY === 0) this.postStats();
    return true;
  }

  postStats() {
    this.port.postMessage({ type: "stats", ...this.buffer.snapshot(), peak: this.peak });
    this.peak = 0;
  }
}

registerProcessor("pcm-player", PcmPlayerProcessor);
