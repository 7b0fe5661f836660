// A session over the WebSocket endpoint `/v1/stream` (PROTOCOL.md sections 2-11).
//
// JSON events arrive as text messages and audio as binary frames with a 16-byte header. This
// module only carries them: the page (app.js) decides what they mean.

import { parseFrame, pcm16ToFloat, ENCODING_PCM16, streamUrl, subprotocols } from "./protocol.js";
import { RateMeter } from "./rate_meter.js";

export class WsTransport {
  /**
   * @param {{onMessage: (msg: object) => void, onAudio: (streamId: number, samples: Float32Array,
   *   frame: object) => void, onClose: (reason: string) => void, token?: string}} handlers
   */
  constructor({ onMessage, onAudio, onClose, token }) {
    this.kind = "websocket";
    this.onMessage = onMessage;
    this.onAudio = onAudio;
    this.onClose = onClose;
    this.token = token || "";
    this.socket = null;
    this.bytes = new RateMeter();
    this.closedByUs = false;
  }

  /**
   * Connect, send `start` and resolve with `ready`.
   * @param {object} start the start message
   * @returns {Promise<object>} the ready message
   * @throws {Error} the server refused (its error event's text) or the socket failed
   */
  connect(start) {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(streamUrl(window.location), subprotocols(this.token));
      socket.binaryType = "arraybuffer";
      this.socket = socket;
      let ready = null;
      socket.onopen = () => socket.send(JSON.stringify(start));
      socket.onmessage = (event) => {
        if (typeof event.data === "string") {
          const message = JSON.parse(event.data);
          if (!ready && message.type === "ready") {
            ready = message;
            resolve(message);
            return;
          }
          if (!ready && message.type === "error" && message.fatal) {
            reject(new ServerError(message)); // the caller shows it
            return;
          }
          this.onMessage(message);
        } else {
          this.onBinary(event.data);
        }
      };
      socket.onclose = (event) => {
        const reason = `WebSocket closed (${event.code}${event.reason ? ` ${event.reason}` : ""})`;
        if (!ready) reject(new Error(`${reason} before the session was ready`));
        else if (!this.closedByUs) this.onClose(reason);
      };
      // A failed upgrade (401, 403, 429, 503) surfaces only as an error then a close 1006.
      socket.onerror = () => {};
    });
  }

  /** @param {ArrayBuffer} data */
  onBinary(data) {
    this.bytes.add(data.byteLength);
    const frame = parseFrame(data);
    if (frame.encoding !== ENCODING_PCM16) return; // the page always asks for pcm16
    this.onAudio(frame.streamId, pcm16ToFloat(data, frame.payloadOffset), frame);
  }

  /** @param {object} message */
  send(message) {
    if (this.socket && this.socket.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
  }

  get open() {
    return this.socket !== null && this.socket.readyState === WebSocket.OPEN;
  }

  /** Bitrate of the audio received over the last second, headers included. */
  async sample() {
    return { bitrateBps: this.bytes.bitsPerSecond(performance.now()) };
  }

  close() {
    this.closedByUs = true;
    if (this.socket && this.socket.readyState <= WebSocket.OPEN) this.socket.close(1000, "bye");
    this.socket = null;
  }
}

/** A server `error` event raised as an exception (a refused start). */
export class ServerError extends Error {
  /** @param {object} event the error message */
  constructor(event) {
    super(`${event.code}: ${event.message}`);
    this.event = event;
  }
}
