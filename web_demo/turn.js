// One spoken turn (one protocol context) as the page sees it: which text was sent, what the
// server said about each segment, and the client-side timings behind the stats panel.
//
// Pure bookkeeping: the caller passes every event and the time it happened, so node's test
// runner checks it (tests/unit/turn.test.mjs).

/**
 * The delta to send when the text box changed from `sent` to `current`.
 *
 * Text deltas are appended verbatim on the server and cannot be taken back (PROTOCOL.md 8.3),
 * so only growth at the end can be sent. Any other edit is reported as `rewritten`: the page
 * then tells the person that already-sent text stays as it is.
 * @param {string} sent everything sent so far in this turn
 * @param {string} current the text box now
 * @returns {{delta: string, rewritten: boolean}}
 */
export function textDelta(sent, current) {
  if (current.startsWith(sent)) return { delta: current.slice(sent.length), rewritten: false };
  return { delta: "", rewritten: true };
}

export class Turn {
  /**
   * @param {string} contextId
   * @param {number} openedAt when `open` was sent (ms, performance.now())
   */
  constructor(contextId, openedAt) {
    this.contextId = contextId;
    this.openedAt = openedAt;
    this.streamId = null;
    this.sent = "";
    this.firstTextAt = null;
    this.firstAudioAt = null;
    this.firstSoundAt = null;
    this.segments = new Map(); // index -> {index, text, startedAt, firstAudioAt, done}
    this.current = null; // index of the segment whose audio is arriving
    this.state = "opening"; // opening -> open -> ended -> done | cancelled | failed
    this.usage = null;
    this.audioMs = 0;
    this.cancelledAudioMs = null; // the server's count of audio sent before it took the cancel
  }

  /** @param {string} delta @param {number} now */
  noteText(delta, now) {
    if (!delta) return;
    this.sent += delta;
    if (this.firstTextAt === null) this.firstTextAt = now;
  }

  /** Audio of this turn arrived (WebSocket frame, or segment_start on WebRTC). @param {number} now */
  noteAudio(now) {
    if (this.firstAudioAt === null) this.firstAudioAt = now;
    const segment = this.segments.get(this.current);
    if (segment && segment.firstAudioAt === null) segment.firstAudioAt = now;
  }

  /** The first sample of this turn was heard. @param {number} now */
  noteSound(now) {
    if (this.firstSoundAt === null && this.firstAudioAt !== null) this.firstSoundAt = now;
  }

  /** Whether a segment's audio is in progress (the jitter buffer counts underruns only then). */
  get speaking() {
    return this.current !== null;
  }

  /** Whether text, flush and end may still be sent (no `end` or `cancel` yet). */
  get acceptsText() {
    return this.state === "opening" || this.state === "open";
  }

  /** `end` was sent: the rest is spoken, then `context_done` comes. */
  markEnded() {
    if (this.acceptsText) this.state = "ended";
  }

  /** `cancel` was sent: nothing of this turn is wanted any more. */
  markCancelled() {
    if (!this.finished) this.state = "cancelled";
    this.current = null;
  }

  /** Whether the turn ended (done, cancelled or failed): no more events will come. */
  get finished() {
    return this.state === "done" || this.state === "cancelled" || this.state === "failed";
  }

  /**
   * Apply one server event that names this context.
   * @param {object} message
   * @param {number} now
   */
  onEvent(message, now) {
    switch (message.type) {
      case "opened":
        this.streamId = message.stream_id;
        if (this.state === "opening") this.state = "open";
        break;
      case "segment_start":
        this.segments.set(message.segment, {
          index: message.segment, text: message.text, startedAt: now, firstAudioAt: null, done: null,
        });
        this.current = message.segment;
        break;
      case "segment_done": {
        const segment = this.segments.get(message.segment);
        if (segment) segment.done = message;
        this.audioMs += message.audio_ms;
        this.current = null;
        break;
      }
      case "context_done":
        this.state = message.status === "failed" ? "failed" : "done";
        this.usage = message.usage;
        this.current = null;
        break;
      case "cancelled":
        this.state = "cancelled";
        this.current = null;
        this.cancelledAudioMs = message.audio_ms;
        break;
    }
  }

  /** Client-side time from the first text sent to the first audio received, in ms. */
  get ttfaMs() {
    return this.firstTextAt === null || this.firstAudioAt === null ? null : this.firstAudioAt - this.firstTextAt;
  }

  /** Client-side time from the first text sent to the first sample played, in ms. */
  get ttfsMs() {
    return this.firstTextAt === null || this.firstSoundAt === null ? null : this.firstSoundAt - this.firstTextAt;
  }

  /**
   * Rows for the segment table, oldest first. `status` is "done", "speaking", or "stopped"
   * for a segment that Stop cut (it never gets its segment_done).
   * @returns {{index: number, text: string, status: string, serverFirstAudioMs: number|null,
   *   audioMs: number|null, rtf: number|null, truncated: boolean}[]}
   */
  segmentRows() {
    const cut = this.state === "cancelled" || this.state === "failed";
    return [...this.segments.values()].map((s) => ({
      index: s.index,
      text: s.text,
      status: s.done ? "done" : cut ? "stopped" : "speaking",
      serverFirstAudioMs: s.done?.timings?.first_audio_ms ?? null,
      audioMs: s.done ? s.done.audio_ms : null,
      rtf: s.done?.timings?.rtf ?? null,
      truncated: Boolean(s.done?.truncated),
    }));
  }
}
