// Level meter and waveform of what is playing, drawn from an AnalyserNode onto a canvas.

const FLOOR_DB = -60;

/**
 * RMS and peak of a block of samples.
 * @param {Float32Array} samples
 * @returns {{rms: number, peak: number}}
 */
export function levels(samples) {
  let sum = 0;
  let peak = 0;
  for (const s of samples) {
    sum += s * s;
    peak = Math.max(peak, Math.abs(s));
  }
  return { rms: samples.length ? Math.sqrt(sum / samples.length) : 0, peak };
}

/** @param {number} rms @returns {number} dBFS, floored at FLOOR_DB */
export function toDb(rms) {
  return rms > 0 ? Math.max(FLOOR_DB, 20 * Math.log10(rms)) : FLOOR_DB;
}

export class Meter {
  /**
   * @param {HTMLCanvasElement} canvas the waveform
   * @param {HTMLElement} bar the level bar (its width is set in %)
   * @param {HTMLElement} label text for the level in dBFS
   */
  constructor(canvas, bar, label) {
    this.canvas = canvas;
    this.bar = bar;
    this.label = label;
    this.analyser = null;
    this.data = null;
    this.frame = null;
    this.last = { rms: 0, peak: 0 };
    this.onLevel = (rms, now) => {};
    this.gate = () => false; // true: what is analysed is not heard (a muted element)
    this.stroke = "currentColor";
  }

  /** Show this analyser from now on (null: nothing plays). @param {AnalyserNode | null} analyser */
  watch(analyser) {
    this.analyser = analyser;
    this.data = analyser ? new Float32Array(analyser.fftSize) : null;
    if (analyser && this.frame === null) this.frame = requestAnimationFrame(() => this.draw());
  }

  /** The level right now, read from the analyser (also used by the browser test). */
  level() {
    if (!this.analyser) return { rms: 0, peak: 0 };
    this.analyser.getFloatTimeDomainData(this.data);
    if (this.gate()) this.data.fill(0);
    this.last = levels(this.data);
    return this.last;
  }

  draw() {
    this.frame = null;
    if (!this.analyser) return;
    const { rms } = this.level();
    this.onLevel(rms, performance.now());
    const db = toDb(rms);
    this.bar.style.width = `${(100 * (db - FLOOR_DB)) / -FLOOR_DB}%`;
    this.label.textContent = rms > 0 ? `${db.toFixed(0)} dBFS` : "silent";
    this.drawWave();
    this.frame = requestAnimationFrame(() => this.draw());
  }

  drawWave() {
    const { canvas, data } = this;
    const ctx = canvas.getContext("2d");
    const width = Math.round(canvas.clientWidth * devicePixelRatio);
    const height = Math.round(canvas.clientHeight * devicePixelRatio);
    if (canvas.width !== width || canvas.height !== height) {
      canvas.width = width; // resizing clears the canvas and its state: only when it changed
      canvas.height = height;
      this.stroke = getComputedStyle(canvas).color;
    }
    ctx.clearRect(0, 0, width, height);
    ctx.strokeStyle = this.stroke;
    ctx.lineWidth = devicePixelRatio * 1.5;
    ctx.beginPath();
    for (let i = 0; i < data.length; i++) {
      const x = (i / (data.length - 1)) * width;
      const y = (0.5 - data[i] / 2) * height;
      if (i === 0) ctx.moveTo(x, y);
      else ctx.lineTo(x, y);
    }
    ctx.stroke();
  }
}
