// The parts of the voice.v1 wire contract (protocol/PROTOCOL.md) that the demo page speaks.
//
// Pure: no DOM, no sockets. Everything here is a function of its arguments so that it can be
// checked with node's test runner (tests/unit/protocol.test.mjs) without a browser.

export const SUBPROTOCOL = "voice.v1";
export const STREAM_PATH = "/v1/stream";
export const WEBRTC_PATH = "/v1/webrtc";
export const VOICES_PATH = "/v1/voices";

/** Bytes of the version-1 audio frame header (PROTOCOL.md section 7.3). */
export const FRAME_HEADER_BYTES = 16;
export const ENCODING_PCM16 = 1;

/** Errors that text still in flight after a `cancel` or `end` causes; harmless (section 5.1). */
export const HARMLESS_AFTER_CANCEL = new Set(["unknown_context", "context_ended"]);

/**
 * The WebSocket URL of the stream endpoint for a page served from `location`.
 * `http:` becomes `ws:` and `https:` becomes `wss:`, same host and port (section 2.1).
 * @param {{protocol: string, host: string}} location
 * @returns {string}
 */
export function streamUrl(location) {
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  return `${scheme}//${location.host}${STREAM_PATH}`;
}

/**
 * The subprotocol list for `new WebSocket`: `voice.v1`, plus `token.<value>` when the person
 * gave a browser token (section 2.3; a browser cannot set an Authorization header).
 * @param {string} token
 * @returns {string[]}
 */
export function subprotocols(token) {
  return token ? [SUBPROTOCOL, `token.${token}`] : [SUBPROTOCOL];
}

/**
 * The `voice` object for `start`/`open` from the picker's state.
 * @param {{speaker?: string, gender?: string, pitch?: string, speed?: string}} choice
 *   `speaker` set: a named voice; otherwise a style voice (gender required).
 * @returns {object | undefined} undefined leaves the server's default speaker.
 */
export function voiceObject(choice) {
  if (choice.speaker) return { speaker: choice.speaker };
  if (!choice.gender) return undefined;
  return { gender: choice.gender, pitch: choice.pitch || "moderate", speed: choice.speed || "moderate" };
}

/**
 * Build the `start` message.
 * @param {{sampleRate?: number, leadMs?: number, token?: string, voice?: object}} options
 * @returns {object}
 */
export function startMessage({ sampleRate, leadMs, token, voice } = {}) {
  const message = { type: "start", version: 1 };
  if (voice) message.voice = voice;
  if (sampleRate) message.format = { encoding: "pcm16", sample_rate: sampleRate, frame_ms: 20 };
  if (leadMs !== undefined && leadMs !== null) message.lead_ms = leadMs;
  if (token) message.token = token;
  return message;
}

/**
 * Build `open` for a new context, with the voice picked now (section 5.3: per-context voice).
 * @param {string} contextId
 * @param {object | undefined} voice
 * @returns {object}
 */
export function openMessage(contextId, voice) {
  return voice ? { type: "open", context_id: contextId, voice } : { type: "open", context_id: contextId };
}

/**
 * Parse the 16-byte big-endian header of one binary audio frame (section 7.3).
 * @param {ArrayBuffer} buffer one whole binary WebSocket message
 * @returns {{streamId: number, sequence: number, timestamp: number, encoding: number,
 *   payloadOffset: number, payloadBytes: number}}
 * @throws {Error} a version other than 1, a header length below 16 or past the end
 */
export function parseFrame(buffer) {
  if (buffer.byteLength < FRAME_HEADER_BYTES) {
    throw new Error(`invalid_frame: ${buffer.byteLength} bytes is shorter than the header`);
  }
  const view = new DataView(buffer);
  const version = view.getUint8(0);
  const headerLength = view.getUint8(1);
  if (version !== 1) throw new Error(`invalid_frame: version ${version}`);
  if (headerLength < FRAME_HEADER_BYTES || headerLength > buffer.byteLength) {
    throw new Error(`invalid_frame: header_length ${headerLength}`);
  }
  return {
    encoding: view.getUint8(2),
    streamId: view.getUint32(4, false),
    sequence: view.getUint32(8, false),
    timestamp: view.getUint32(12, false),
    payloadOffset: headerLength,
    payloadBytes: buffer.byteLength - headerLength,
  };
}

/**
 * Convert a frame's pcm16 little-endian payload to float samples in [-1, 1).
 * @param {ArrayBuffer} buffer the whole frame
 * @param {number} offset where the payload starts
 * @returns {Float32Array}
 */
export function pcm16ToFloat(buffer, offset) {
  const count = (buffer.byteLength - offset) >> 1;
  const view = new DataView(buffer, offset, count * 2);
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) out[i] = view.getInt16(i * 2, true) / 32768;
  return out;
}

/**
 * A short line for a server `error` event, for the person reading the page.
 * @param {{code: string, message?: string, fatal?: boolean, retryable?: boolean,
 *   context_id?: string, close_code?: number}} error
 * @returns {string}
 */
export function describeError(error) {
  const parts = [error.code];
  if (error.context_id) parts.push(`(context ${error.context_id})`);
  let text = parts.join(" ");
  if (error.message) text += `: ${error.message}`;
  if (error.fatal) text += ` — the server closed the session${error.close_code ? ` (${error.close_code})` : ""}`;
  if (error.retryable) text += "; retrying later may work";
  return text;
}
