// Bitrate over a sliding window, from byte counts stamped with a monotonic clock.
//
// Pure (the caller passes the time), so node's test runner checks it without waiting.

export class RateMeter {
  /** @param {number} windowMs how far back the rate looks */
  constructor(windowMs = 1000) {
    this.windowMs = windowMs;
    this.events = []; // [timeMs, bytes], oldest first
    this.total = 0;
  }

  /**
   * @param {number} bytes
   * @param {number} now milliseconds on a monotonic clock (performance.now())
   */
  add(bytes, now = performance.now()) {
    this.events.push([now, bytes]);
    this.total += bytes;
    this.trim(now);
  }

  /** @param {number} now */
  trim(now) {
    let drop = 0;
    while (drop < this.events.length && this.events[drop][0] <= now - this.windowMs) drop++;
    if (drop) this.events.splice(0, drop);
  }

  /**
   * Bits per second received within the window ending at `now`.
   * @param {number} now
   * @returns {number}
   */
  bitsPerSecond(now) {
    this.trim(now);
    let bytes = 0;
    for (const [, n] of this.events) bytes += n;
    return (bytes * 8 * 1000) / this.windowMs;
  }
}
