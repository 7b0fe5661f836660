// The demo page's controller: wires the DOM to a session over WebSocket or WebRTC.
//
// Theory of operation
// -------------------
// 1. On load, GET /v1/voices fills the voice and style pickers, and says whether the server
//    runs the random-weight tiny model (then a notice says the audio is noise).
// 2. Connecting (the button, or the first keystroke / simulate click) opens one session:
//    `start`, answered by `ready`. The transport is chosen by the switch.
// 3. A *turn* is one protocol context. The first text delta opens it (`open` with the voice
//    picked now), every later change of the text box at its end is sent as a `text` delta,
//    Flush sends `flush`, End turn sends `end`, Stop sends `cancel` and silences the player at
//    once. Starting a new turn while the previous one still speaks cancels it (barge-in), so
//    at most one turn plays.
// 4. Audio: over WebSocket the frames of the current turn's stream go through PcmPlayer (the
//    AudioWorklet jitter buffer); over WebRTC the track plays in an <audio> element. Frames of
//    other streams (a cancelled turn's) are ignored.
// 5. Every STATS_MS the stats panel is redrawn from the player, the transport's getStats or
//    byte counts, and the current turn. Server errors are listed on the page, not only logged.
//
// `window.voiceDemo.snapshot()` returns the same numbers as plain data, for the browser test
// (web_demo/tests/demo_driver.mjs) and for anyone poking at the page in the console.

import { describeError, openMessage, startMessage, voiceObject, VOICES_PATH } from "./protocol.js";
import { Turn, textDelta } from "./turn.js";
import { PcmPlayer } from "./player.js";
import { Meter } from "./meter.js";
import { LlmSimulator, SAMPLE_PARAGRAPH } from "./llm_simulator.js";
import { WsTransport } from "./ws_transport.js";
import { WebRtcTransport } from "./webrtc_transport.js";
import { render } from "./view.js";

const STATS_MS = 250;
const PING_EVERY_MS = 5000;
const VOICES_RETRY_MS = 2000;
const SOUND_RMS = 1e-3; // -60 dBFS: anything above is audible
const KEEPALIVE_MS = 60000; // pings keep a session open this long after the last action
const MAX_ERRORS_SHOWN = 50;
const STYLE = "@style"; // picker value of the style voice (no speaker id starts with @)
const FALLBACK_VOICES = {
  voices: [],
  styles: { gender: ["female", "male"], pitch: ["very_low", "low", "moderate", "high", "very_high"],
    speed: ["very_low", "low", "moderate", "high", "very_high"] },
  tiny_random_model: false,
};

const $ = (id) => document.getElementById(id);

class Demo {
  constructor() {
    this.transport = null;
    this.ready = null;
    this.connecting = null;
    this.turn = null;
    this.turns = 0;
    this.pings = new Map(); // id -> sent at
    this.pingId = 0;
    this.rttMs = null;
    this.netStats = {};
    this.errors = [];
    this.simulator = new LlmSimulator();
    this.player = new PcmPlayer(this.jitterLimits());
    this.player.onStarted = (now) => this.turn?.noteSound(now);
    this.meter = new Meter($("wave"), $("level-bar"), $("level-label"));
    // Over WebRTC the meter listens to the stream, before the element: show what is heard.
    this.meter.gate = () => this.transport?.kind === "webrtc" && this.transport.hushed;
    this.meter.onLevel = (rms, now) => {
      // WebRTC has no worklet to say when playback started: the first audible level is it.
      if (this.transport?.kind === "webrtc" && rms > SOUND_RMS) this.turn?.noteSound(now);
    };
    this.rtcSource = null;
    this.randomWeights = false;
    this.lastActivity = performance.now();
    this.refreshing = false;
  }

  // --- 1. voices ---------------------------------------------------------------------------

  async loadVoices() {
    let response;
    try {
      response = await fetch(VOICES_PATH);
    } catch (error) {
      this.showError(`Could not reach the server for its voice list: ${error.message}`);
      return;
    }
    if (response.status === 503) {
      setTimeout(() => this.loadVoices(), VOICES_RETRY_MS); // model still loading
      $("voice").options[0].textContent = "model loading…";
      return;
    }
    if (!response.ok) {
      // Without the list (e.g. a server that wants credentials for it), the server's default
      // voice and the style voice still work.
      this.showError(`GET ${VOICES_PATH} failed: ${response.status} ${await response.text()}`);
      this.fillVoices(FALLBACK_VOICES);
      return;
    }
    this.fillVoices(await response.json());
  }

  fillVoices(list) {
    const voice = $("voice");
    voice.replaceChildren();
    for (const v of list.voices) voice.add(new Option(v.description ? `${v.id} — ${v.description}` : v.id, v.id));
    voice.add(new Option("Server default voice", ""));
    voice.add(new Option("Style voice (gender, pitch, speed)", STYLE));
    for (const name of ["gender", "pitch", "speed"]) {
      const select = $(name);
      select.replaceChildren(...list.styles[name].map((level) => new Option(level.replace("_", " "), level)));
      if (name !== "gender") select.value = "moderate";
    }
    $("style-fields").hidden = voice.value !== STYLE;
    this.setRandomWeights(Boolean(list.tiny_random_model));
    document.body.dataset.voices = "loaded";
  }

  setRandomWeights(on) {
    this.randomWeights = this.randomWeights || on;
    $("noise-notice").hidden = !this.randomWeights;
  }

  voice() {
    const choice = $("voice").value;
    if (choice === STYLE) return voiceObject({ gender: $("gender").value, pitch: $("pitch").value, speed: $("speed").value });
    return choice ? voiceObject({ speaker: choice }) : undefined;
  }

  // --- 2. the session ----------------------------------------------------------------------

  get transportKind() {
    return document.querySelector('input[name="transport"]:checked').value;
  }

  /** Connect if needed; concurrent callers share one attempt. @returns {Promise<boolean>} */
  ensureConnected() {
    if (this.transport?.open && this.ready) return Promise.resolve(true);
    if (!this.connecting) this.connecting = this.connect().finally(() => (this.connecting = null));
    return this.connecting;
  }

  async connect() {
    this.setStatus("connecting", "connecting…");
    const kind = this.transportKind;
    const handlers = {
      onMessage: (message) => this.onMessage(message),
      onClose: (reason) => this.onClosed(reason),
      token: $("token").value.trim(),
    };
    let transport;
    let start;
    try {
      await this.player.init(); // inside the click or keystroke: browsers allow audio then
      if (kind === "websocket") {
        transport = new WsTransport({ ...handlers, onAudio: (id, samples, frame) => this.onAudio(id, samples, frame) });
        start = startMessage({ sampleRate: Number($("sample-rate").value), voice: this.voice() });
        this.meter.watch(this.player.analyser);
      } else {
        const jitterTargetMs = this.jitterLimits().targetMs;
        transport = new WebRtcTransport({ ...handlers, audio: $("remote-audio"), jitterTargetMs });
        transport.onStream = (stream) => this.watchStream(stream);
        start = startMessage({ voice: this.voice() });
      }
      this.transport = transport;
      const ready = await transport.connect(start);
      if (this.transport !== transport) return false; // disconnected while connecting
      this.ready = ready;
    } catch (error) {
      if (this.transport !== transport) return false;
      transport?.close();
      this.transport = null;
      this.showError(`Could not start a ${kind} session: ${error.message}`);
      this.setStatus("failed", "not connected");
      return false;
    }
    this.setRandomWeights(this.ready.random_weights);
    this.setStatus("ready", `connected over ${kind === "websocket" ? "WebSocket" : "WebRTC"}`);
    $("connect").textContent = "Disconnect";
    this.ping();
    return true;
  }

  /** WebRTC: the level meter listens to the remote stream the <audio> element plays. */
  watchStream(stream) {
    const context = this.player.context;
    const analyser = context.createAnalyser();
    analyser.fftSize = 1024;
    this.rtcSource?.disconnect();
    this.rtcSource = context.createMediaStreamSource(stream);
    this.rtcSource.connect(analyser);
    this.meter.watch(analyser);
  }

  disconnect() {
    this.simulator.stop();
    this.transport?.close();
    this.transport = null;
    this.ready = null;
    this.turn = null;
    this.player.clear();
    this.rtcSource?.disconnect();
    this.rtcSource = null;
    this.meter.watch(null);
    this.setStatus("idle", "not connected");
    $("connect").textContent = "Connect";
  }

  onClosed(reason) {
    this.showError(`Session ended: ${reason}`);
    this.disconnect();
  }

  setStatus(state, text) {
    document.body.dataset.connection = state;
    $("status").textContent = text;
  }

  // --- 3. turns ----------------------------------------------------------------------------

  /** The live turn, opening one (and interrupting a still-speaking one) if needed. */
  turnForText() {
    if (this.turn?.acceptsText) return this.turn;
    if (this.turn && !this.turn.finished) this.cancelTurn();
    const turn = new Turn(`turn-${++this.turns}`, performance.now());
    this.transport.send(openMessage(turn.contextId, this.voice()));
    this.turn = turn;
    return turn;
  }

  /** @param {string} delta */
  sendText(delta) {
    if (!delta) return;
    const turn = this.turnForText();
    turn.noteText(delta, performance.now());
    this.transport.send({ type: "text", context_id: turn.contextId, text: delta });
  }

  async onInput() {
    if (!(await this.ensureConnected())) return;
    const box = $("text");
    const sent = this.turn?.acceptsText ? this.turn.sent : "";
    const { delta, rewritten } = textDelta(sent, box.value);
    $("text-hint").textContent = rewritten
      ? "Text already sent cannot be changed (the server has it); Stop or End turn to start over."
      : "Typing while the previous turn still speaks interrupts it (barge-in).";
    this.sendText(delta);
  }

  flush() {
    if (this.turn?.acceptsText) this.transport.send({ type: "flush", context_id: this.turn.contextId });
  }

  endTurn() {
    this.simulator.stop();
    if (this.turn?.acceptsText) {
      this.transport.send({ type: "end", context_id: this.turn.contextId });
      this.turn.markEnded();
    }
    $("text").value = "";
    $("text").readOnly = false;
  }

  stop() {
    this.simulator.stop();
    this.cancelTurn();
    $("text").value = "";
    $("text").readOnly = false;
  }

  cancelTurn() {
    const turn = this.turn;
    // Silence first: the `cancelled` answer is only bookkeeping.
    this.player.clear();
    if (this.transport?.kind === "webrtc") this.transport.hush();
    if (turn && !turn.finished && this.transport) {
      this.transport.send({ type: "cancel", context_id: turn.contextId });
      turn.markCancelled();
    }
  }

  async simulate() {
    if (!(await this.ensureConnected())) return;
    this.stop();
    const box = $("text");
    box.readOnly = true;
    this.simulator.start($("sim-text").value, Number($("sim-rate").value), (delta) => {
      box.value += delta;
      this.sendText(delta);
    }, () => this.endTurn());
  }

  /** The automatic ping: measures the round trip, and keeps an attended session open. */
  keepalive() {
    if (performance.now() - this.lastActivity < KEEPALIVE_MS) this.ping();
  }

  ping() {
    if (!this.transport?.open) return;
    const id = ++this.pingId;
    this.pings.set(id, performance.now());
    this.transport.send({ type: "ping", id });
  }

  // --- 4. server messages and audio -------------------------------------------------------

  onMessage(message) {
    const now = performance.now();
    if (message.type === "pong") {
      const sentAt = this.pings.get(message.id);
      this.pings.delete(message.id);
      if (sentAt !== undefined) this.rttMs = now - sentAt;
      return;
    }
    if (message.type === "error") {
      this.showError(describeError(message));
      if (message.fatal) this.disconnect();
      return;
    }
    const turn = this.turn;
    if (!turn || message.context_id !== turn.contextId) return;
    if (turn.state === "cancelled" && message.type !== "cancelled") return; // late, unwanted
    turn.onEvent(message, now);
    if (message.type === "segment_start") {
      this.player.expect(true);
      if (this.transport.kind === "webrtc") turn.noteAudio(now); // audio handed to the track now
    } else if (message.type === "segment_done" || message.type === "context_done") {
      this.player.expect(false);
      if (turn.streamId !== null) this.player.finish(turn.streamId);
    }
  }

  onAudio(streamId, samples) {
    const turn = this.turn;
    if (!turn || streamId !== turn.streamId || turn.state === "cancelled") return;
    turn.noteAudio(performance.now());
    this.player.push(streamId, this.ready.format.sample_rate, samples);
  }

  // --- 5. stats and errors -------------------------------------------------------------------

  jitterLimits() {
    const number = (id) => Number($(id).value);
    const minMs = Math.max(0, number("jb-min"));
    const maxMs = Math.max(minMs, 20, number("jb-max"));
    return { targetMs: Math.min(maxMs, Math.max(minMs, number("jb-target"))), minMs, maxMs };
  }

  showError(text) {
    console.warn(text); // a warning, not an error: the page handled it by showing it
    this.errors.push(text);
    const item = document.createElement("li");
    item.textContent = `${new Date().toLocaleTimeString()} ${text}`;
    const list = $("error-list");
    list.append(item);
    while (list.childElementCount > MAX_ERRORS_SHOWN) list.firstElementChild.remove();
    $("errors").hidden = false;
  }

  async refreshStats() {
    if (this.refreshing) return; // getStats can take longer than STATS_MS on a busy machine
    this.refreshing = true;
    try {
      this.netStats = this.transport ? await this.transport.sample() : {};
    } catch {
      this.netStats = {};
    } finally {
      this.refreshing = false;
    }
    render(this.snapshot());
  }

  /** Every number on the page, as plain data. */
  snapshot() {
    const turn = this.turn;
    return {
      connection: document.body.dataset.connection,
      transport: this.transport?.kind ?? null,
      ready: this.ready,
      randomWeights: this.randomWeights,
      rttMs: this.rttMs,
      net: this.netStats,
      player: { ...this.player.stats, sampleRate: this.player.sampleRate },
      level: this.meter.level(),
      hushed: this.transport?.kind === "webrtc" ? this.transport.hushed : false,
      errors: [...this.errors],
      turn: turn && {
        contextId: turn.contextId,
        state: turn.state,
        ttfaMs: turn.ttfaMs,
        ttfsMs: turn.ttfsMs,
        audioMs: turn.audioMs,
        cancelledAudioMs: turn.cancelledAudioMs,
        segments: turn.segmentRows(),
      },
    };
  }

  bind() {
    $("voice").addEventListener("change", () => ($("style-fields").hidden = $("voice").value !== STYLE));
    $("connect").addEventListener("click", () => (this.transport ? this.disconnect() : this.ensureConnected()));
    for (const radio of document.querySelectorAll('input[name="transport"]')) {
      radio.addEventListener("change", () => {
        if (this.transport) {
          this.disconnect();
          this.ensureConnected();
        }
      });
    }
    $("text").addEventListener("input", () => this.onInput());
    $("flush").addEventListener("click", () => this.flush());
    $("end").addEventListener("click", () => this.endTurn());
    $("stop").addEventListener("click", () => this.stop());
    $("simulate").addEventListener("click", () => this.simulate());
    $("ping").addEventListener("click", () => this.ping());
    $("sim-rate").addEventListener("input", () => ($("sim-rate-label").textContent = $("sim-rate").value));
    for (const id of ["jb-target", "jb-min", "jb-max"]) {
      $(id).addEventListener("change", () => this.player.configure(this.jitterLimits()));
    }
    $("clear-errors").addEventListener("click", () => {
      $("error-list").replaceChildren();
      $("errors").hidden = true;
    });
    window.addEventListener("pagehide", () => this.transport?.close());
    $("sim-text").value = SAMPLE_PARAGRAPH;
    setInterval(() => this.refreshStats(), STATS_MS);
    setInterval(() => this.keepalive(), PING_EVERY_MS);
    for (const event of ["input", "click", "keydown"]) {
      document.addEventListener(event, () => (this.lastActivity = performance.now()), { capture: true });
    }
  }
}

const demo = new Demo();
demo.bind();
demo.loadVoices();
window.voiceDemo = demo;
