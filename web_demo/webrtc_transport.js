// A session over WebRTC (PROTOCOL.md section 12): the same JSON messages on a data channel,
// audio as Opus on the peer connection's track, played by an <audio> element.
//
// Signalling is one WHIP-style request: POST the offer as application/sdp to /v1/webrtc, get
// 201 with the answer and a Location to DELETE when done. The server never trickles, and the
// page waits (briefly) for its own candidates before posting, so no PATCH is needed.
//
// No ICE servers are configured: the demo expects the server on this machine or this LAN. On
// loopback the browser needs no candidate of its own (the server learns a peer-reflexive one
// from the browser's checks), which is why a short gathering timeout is harmless.

import { Hush } from "./playout.js";
import { WEBRTC_PATH } from "./protocol.js";
import { ServerError } from "./ws_transport.js";

const GATHER_TIMEOUT_MS = 2000;
const CHANNEL_OPEN_TIMEOUT_MS = 15000;
const HUSH_POLL_MS = 50;
const HUSH_MAX_MS = 8000; // unmute anyway: a stats quirk must not mute the next turn for good

export class WebRtcTransport {
  /**
   * @param {{onMessage: (msg: object) => void, onClose: (reason: string) => void,
   *   audio: HTMLAudioElement, token?: string, jitterTargetMs?: number}} options
   */
  constructor({ onMessage, onClose, audio, token, jitterTargetMs }) {
    this.kind = "webrtc";
    this.onMessage = onMessage;
    this.onClose = onClose;
    this.audio = audio;
    this.token = token || "";
    this.jitterTargetMs = jitterTargetMs;
    this.pc = null;
    this.channel = null;
    this.location = null;
    this.stream = null;
    this.onStream = () => {};
    this.previous = null; // last inbound-rtp stats, for rates
    this.rates = {}; // bitrateBps, bufferedMs from the last two distinct reports
    this.closedByUs = false;
    this.hushes = 0; // bumped by each hush(): an older hush does not unmute
    this.lastUnmute = null; // {at, totalAudioEnergy}: when the last hush let sound through
  }

  /**
   * Place the call, send `start` on the data channel and resolve with `ready`.
   * @param {object} start
   * @returns {Promise<object>}
   * @throws {Error} an HTTP refusal (with the server's error text), a channel that never
   *   opened, or a fatal error answering start
   */
  async connect(start) {
    const pc = new RTCPeerConnection({ iceServers: [] });
    this.pc = pc;
    const transceiver = pc.addTransceiver("audio", { direction: "recvonly" });
    if (this.jitterTargetMs !== undefined && "jitterBufferTarget" in transceiver.receiver) {
      transceiver.receiver.jitterBufferTarget = this.jitterTargetMs;
    }
    pc.ontrack = (event) => this.attach(event.streams[0] || new MediaStream([event.track]));
    pc.onconnectionstatechange = () => {
      if (pc.connectionState === "failed" && !this.closedByUs) this.onClose("WebRTC connection failed");
    };
    const channel = pc.createDataChannel("control");
    this.channel = channel;
    await pc.setLocalDescription(await pc.createOffer());
    await gatheringComplete(pc, GATHER_TIMEOUT_MS);
    const answer = await this.post(pc.localDescription.sdp);
    await pc.setRemoteDescription({ type: "answer", sdp: answer });
    await channelOpen(channel, CHANNEL_OPEN_TIMEOUT_MS);
    return this.handshake(channel, start);
  }

  /** @param {string} sdp @returns {Promise<string>} the answer */
  async post(sdp) {
    const headers = { "Content-Type": "application/sdp" };
    if (this.token) headers.Authorization = `Bearer ${this.token}`;
    const response = await fetch(WEBRTC_PATH, { method: "POST", headers, body: sdp });
    const body = await response.text();
    if (response.status !== 201) throw new Error(`POST ${WEBRTC_PATH} refused: ${response.status} ${httpErrorText(body)}`);
    const location = response.headers.get("Location");
    this.location = location ? new URL(location, window.location.href).href : null;
    return body;
  }

  handshake(channel, start) {
    return new Promise((resolve, reject) => {
      let ready = null;
      channel.onmessage = (event) => {
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
      };
      channel.onclose = () => {
        if (!ready) reject(new Error("the data channel closed before the session was ready"));
        else if (!this.closedByUs) this.onClose("the server closed the data channel");
      };
      channel.send(JSON.stringify(start));
    });
  }

  /** @param {MediaStream} stream */
  attach(stream) {
    this.stream = stream;
    this.audio.srcObject = stream;
    this.audio.play().catch(() => {}); // autoplay is allowed after the click that connected
    this.onStream(stream);
  }

  /** @param {object} message */
  send(message) {
    if (this.channel && this.channel.readyState === "open") this.channel.send(JSON.stringify(message));
  }

  get open() {
    return this.channel !== null && this.channel.readyState === "open";
  }

  /**
   * Stop: silence the speaker now, and keep it silent until the speech the browser had
   * already buffered has played out into the muted element (playout.js says how that is
   * measured). Audio of a new turn cannot overtake that speech, as the track is one FIFO
   * stream, so unmuting then cuts nothing new.
   */
  async hush() {
    const hush = ++this.hushes;
    this.audio.muted = true;
    const progress = new Hush();
    const started = performance.now();
    let inbound = null;
    while (hush === this.hushes && this.pc && performance.now() - started < HUSH_MAX_MS) {
      inbound = (await this.inbound()) || inbound;
      if (inbound && progress.update(inbound)) break;
      await new Promise((resolve) => setTimeout(resolve, HUSH_POLL_MS));
    }
    if (hush !== this.hushes) return;
    this.audio.muted = false;
    // The receiver's energy counter when sound came back, so a check can tell what played
    // before (muted) from what played after.
    this.lastUnmute = { at: performance.now(), totalAudioEnergy: inbound?.totalAudioEnergy || 0 };
  }

  /** Whether a hush is holding the speaker silent. */
  get hushed() {
    return this.audio.muted;
  }

  /** The receiver's inbound-rtp audio report, or null before there is one. */
  async inbound() {
    if (!this.pc) return null;
    let inbound = null;
    (await this.pc.getStats()).forEach((report) => {
      if (report.type === "inbound-rtp" && report.kind === "audio") inbound = report;
    });
    return inbound;
  }

  /**
   * Receiver numbers from getStats: bitrate, jitter buffer delay, concealment, packets.
   * @returns {Promise<object>}
   */
  async sample() {
    const inbound = await this.inbound();
    if (!inbound) return {};
    const previous = this.previous;
    if (previous && inbound.timestamp > previous.timestamp) {
      // Rates need two different reports; a cached repeat keeps the last rates.
      const seconds = (inbound.timestamp - previous.timestamp) / 1000;
      this.rates.bitrateBps = ((inbound.bytesReceived - previous.bytesReceived) * 8) / seconds;
      const emitted = inbound.jitterBufferEmittedCount - previous.jitterBufferEmittedCount;
      if (emitted > 0) this.rates.bufferedMs = ((inbound.jitterBufferDelay - previous.jitterBufferDelay) / emitted) * 1000;
    }
    if (!previous || inbound.timestamp > previous.timestamp) this.previous = inbound;
    return {
      packetsReceived: inbound.packetsReceived || 0,
      packetsLost: inbound.packetsLost || 0,
      concealmentEvents: inbound.concealmentEvents || 0,
      totalAudioEnergy: inbound.totalAudioEnergy || 0,
      audioLevel: inbound.audioLevel || 0,
      bytesReceived: inbound.bytesReceived || 0,
      ...this.rates,
    };
  }

  close() {
    this.closedByUs = true;
    this.hushes += 1;
    this.audio.muted = false;
    if (this.location) fetch(this.location, { method: "DELETE", keepalive: true }).catch(() => {});
    this.channel?.close();
    this.pc?.close();
    this.audio.srcObject = null;
    this.pc = null;
    this.channel = null;
    this.location = null;
  }
}

/** @param {RTCPeerConnection} pc @param {number} timeoutMs */
function gatheringComplete(pc, timeoutMs) {
  if (pc.iceGatheringState === "complete") return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, timeoutMs);
    function done() {
      clearTimeout(timer);
      pc.removeEventListener("icegatheringstatechange", check);
      resolve();
    }
    function check() {
      if (pc.iceGatheringState === "complete") done();
    }
    pc.addEventListener("icegatheringstatechange", check);
  });
}

/** @param {RTCDataChannel} channel @param {number} timeoutMs */
function channelOpen(channel, timeoutMs) {
  if (channel.readyState === "open") return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("the WebRTC connection did not come up (no data channel)")), timeoutMs);
    channel.onopen = () => {
      clearTimeout(timer);
      resolve();
    };
  });
}

/** The message of this server's JSON error body, or the body itself. @param {string} body */
function httpErrorText(body) {
  try {
    const parsed = JSON.parse(body);
    if (parsed.error) return `${parsed.error.code}: ${parsed.error.message}`;
  } catch {
    // not JSON: show it as it is
  }
  return body.slice(0, 300);
}
