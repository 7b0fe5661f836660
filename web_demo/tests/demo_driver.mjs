// Drive the demo page in real headless Chromium against a running server, the way a person
// would (clicks, typing), and print what happened as one JSON object on stdout.
//
//   node tests/demo_driver.mjs --url http://127.0.0.1:PORT/ --chromium /usr/bin/chromium \
//        --artifacts ../artifacts [--timeout-scale 2]
//
// The driver measures and reports; it does not judge. tests/functional/test_web_demo.py
// asserts on the report, so a failure there shows every number, not only the first mismatch.
// Each phase records its own `error` instead of aborting, so one broken transport does not
// hide what the other did.
//
// Phases:
//   load      the page loads, the voice list arrives, the tiny-model notice shows
//   websocket "Simulate an LLM" streams a paragraph; samples go through the AudioWorklet;
//             ping; Stop; the worklet plays nothing afterwards
//   webrtc    typing streams deltas, Flush; inbound-rtp packets and audio energy arrive at the
//             audio element; Stop; the element is muted until the receiver plays silence
//   errors    a text for a context that does not exist: the server's error shows on the page
// Console errors and uncaught page errors are collected across all phases.

import { chromium } from "playwright-core";
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";

const { values: args } = parseArgs({
  options: {
    url: { type: "string" },
    chromium: { type: "string", default: "/usr/bin/chromium" },
    artifacts: { type: "string", default: "artifacts" },
    "timeout-scale": { type: "string", default: "1" },
  },
});
const SCALE = Number(args["timeout-scale"]);
const ms = (n) => Math.round(n * SCALE);

// Headless, no person, no microphone, no network beyond the page's own origin.
// WebRTC on loopback needs the last two (reference/webrtc.md section 3.3).
const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-domain-reliability",
  "--disable-breakpad",
  "--no-pings",
  "--no-first-run",
  "--no-default-browser-check",
  "--use-fake-ui-for-media-stream",
  "--autoplay-policy=no-user-gesture-required",
  "--allow-loopback-in-peer-connection",
  "--disable-features=WebRtcHideLocalIpsWithMdns,MediaRouter,OptimizationHints,Translate",
];

// totalAudioEnergy grows by mean(level^2) per second: 1e-3 is a level of about -30 dBFS.
const AUDIBLE_ENERGY_PER_S = 1e-3;

const sleep = (n) => new Promise((r) => setTimeout(r, n));
const snapshot = (page) => page.evaluate(() => window.voiceDemo.snapshot());

async function phase(report, name, body) {
  const started = Date.now();
  report[name] = {};
  try {
    await body(report[name]);
  } catch (error) {
    report[name].error = String(error && error.stack ? error.stack : error);
  }
  report[name].seconds = (Date.now() - started) / 1000;
}

async function load(page, out) {
  await page.goto(args.url, { waitUntil: "load" });
  await page.waitForSelector('body[data-voices="loaded"]', { timeout: ms(30000) });
  out.title = await page.title();
  out.voices = await page.$$eval("#voice option", (options) => options.map((o) => o.value));
  out.noiseNoticeVisible = await page.isVisible("#noise-notice");
  out.noiseNoticeText = (await page.textContent("#noise-notice")).trim().replace(/\s+/g, " ");
}

async function websocket(page, out, shots) {
  await page.check('input[name="transport"][value="websocket"]');
  await page.locator("#sim-rate").fill("12");
  await page.click("#simulate");
  await page.waitForSelector('body[data-connection="ready"]', { timeout: ms(20000) });
  const rate = await page.evaluate(() => window.voiceDemo.player.sampleRate);
  out.contextSampleRate = rate;
  const clock0 = await audioClock(page);
  // Half a second of audio rendered by the worklet (not merely received).
  await page.waitForFunction((n) => window.voiceDemo.snapshot().player.playedSamples >= n, rate / 2,
    { timeout: ms(60000), polling: 50 });
  // The level is the analyser's last ~20 ms: on a loaded machine playback can be between two
  // chunks at any one instant, so wait (briefly) for a moment that holds sound. If none comes,
  // the snapshot says so and the test fails on it.
  await page.waitForFunction(() => window.voiceDemo.snapshot().level.peak > 0.01, null,
    { timeout: ms(10000), polling: 20 }).catch(() => {});
  const during = await snapshot(page);
  out.during = pick(during);
  shots.push(await screenshot(page, "websocket-speaking.png"));
  await page.click("#ping");
  await page.waitForFunction(() => window.voiceDemo.snapshot().rttMs !== null, null, { timeout: ms(5000) });
  await page.waitForFunction(() => /\d/.test(document.getElementById("stat-rtt").textContent), null, { timeout: ms(5000) });
  out.rttMs = (await snapshot(page)).rttMs;
  out.rttShown = await page.textContent("#stat-rtt");
  // Stop while sound is coming out: on a busy machine synthesis can lag, leaving the buffer
  // empty (an underrun) for a moment, and stopping then would prove nothing. The snapshot is
  // the one that met the condition (a second look could already see the next underrun), and
  // Stop is pressed in the same page task.
  const playing = await page.waitForFunction(() => {
    const s = window.voiceDemo.snapshot();
    if (!(s.player.playing && s.player.bufferedMs >= 20)) return null;
    document.getElementById("stop").click();
    return s;
  }, null, { timeout: ms(30000), polling: 20 });
  out.beforeStop = pick(await playing.jsonValue());
  await sleep(200);
  out.afterStop = pick(await snapshot(page));
  await sleep(ms(800));
  out.later = pick(await snapshot(page));
  out.shown = await statsText(page);
  const clock1 = await audioClock(page);
  // How fast the AudioContext ran against the wall clock: headless Chromium renders audio
  // for a fake output device, which falls behind real time on a starved CPU.
  out.audioClockRatio = (clock1.audio - clock0.audio) / ((clock1.wall - clock0.wall) / 1000);
}

async function audioClock(page) {
  return page.evaluate(() => ({ audio: window.voiceDemo.player.context.currentTime, wall: performance.now() }));
}

async function webrtc(page, out) {
  await page.click("#connect"); // disconnect the WebSocket session
  await page.check('input[name="transport"][value="webrtc"]');
  await page.click("#connect");
  await page.waitForSelector('body[data-connection="ready"], body[data-connection="failed"]', { timeout: ms(30000) });
  out.connection = await page.evaluate(() => document.body.dataset.connection);
  if (out.connection !== "ready") throw new Error(`not connected: ${JSON.stringify((await snapshot(page)).errors)}`);
  await page.locator("#text").pressSequentially(
    "Hello there, this is the WebRTC path of the demo. It keeps talking for a good while, so that stop has something to cut. ",
    { delay: 15 });
  await page.click("#flush");
  // Audible energy at the receiver (decoded, played out, not silence) over a 300 ms window;
  // on a starved machine synthesis may stall for a moment, so look until a window is loud.
  const rate = (a, b) => (b.energy - a.energy) / ((b.at - a.at) / 1000);
  const deadline = Date.now() + ms(60000);
  let during = 0;
  while (during < AUDIBLE_ENERGY_PER_S && Date.now() < deadline) {
    const e0 = await energy(page);
    await sleep(300);
    during = rate(e0, await energy(page));
  }
  out.during = { ...pick(await snapshot(page)), energyPerSecond: during };
  out.audioElement = await page.evaluate(() => {
    const a = document.getElementById("remote-audio");
    return { paused: a.paused, currentTime: a.currentTime, hasStream: a.srcObject !== null };
  });
  await page.click("#stop");
  // Every 100 ms until the page has let sound through again for 600 ms: whether the element is
  // muted, and the energy and bitrate the receiver got. After Stop the server sends only
  // silence, but the browser's jitter buffer may still hold speech, which the page must keep
  // from the speaker (it mutes the element until that speech has played out: playout.js).
  const timeline = [await energy(page)];
  const limit = Date.now() + ms(8000);
  let unmutedAt = null;
  while (Date.now() < limit && (unmutedAt === null || timeline.at(-1).at - unmutedAt < 600)) {
    await sleep(100);
    const e = await energy(page);
    timeline.push(e);
    if (!e.muted && unmutedAt === null) unmutedAt = e.at;
    if (e.muted) unmutedAt = null;
  }
  // Energy that reached the speaker in each window: none while muted; in the window where the
  // page unmuted, only what played after that moment (the receiver counts energy whether the
  // element is muted or not).
  const heard = (a, b) => {
    if (b.muted) return 0;
    const fromUnmute = a.muted && b.unmute && b.unmute.at >= a.at;
    const energySince = fromUnmute ? b.unmute.totalAudioEnergy : a.energy;
    return Math.max(0, b.energy - energySince) / ((b.at - a.at) / 1000);
  };
  out.afterStopTimeline = timeline.slice(1).map((e, i) => ({
    ms: Math.round(e.at - timeline[0].at),
    muted: e.muted,
    energyPerSecond: rate(timeline[i], e),
    heardEnergyPerSecond: heard(timeline[i], e),
    bitsPerSecond: (8 * (e.bytes - timeline[i].bytes)) / ((e.at - timeline[i].at) / 1000),
    jitterBufferMs: e.jitterBufferMs,
  }));
  out.afterStop = pick(await snapshot(page));
  out.shown = await statsText(page);
}

async function errors(page, out) {
  await page.evaluate(() => window.voiceDemo.transport.send({ type: "text", context_id: "no-such-turn", text: "hi" }));
  await page.waitForFunction(() => document.getElementById("error-list").textContent.includes("unknown_context"),
    null, { timeout: ms(5000) });
  out.visible = await page.isVisible("#errors");
  out.text = (await page.textContent("#error-list")).trim();
}

async function energy(page) {
  // Fresh getStats, not the page's last 250 ms sample.
  return page.evaluate(async () => {
    let energy = 0;
    let bytes = 0;
    let jitterBufferMs = null;
    (await window.voiceDemo.transport.pc.getStats()).forEach((r) => {
      if (r.type !== "inbound-rtp" || r.kind !== "audio") return;
      energy = r.totalAudioEnergy || 0;
      bytes = r.bytesReceived || 0;
      if (r.jitterBufferEmittedCount) jitterBufferMs = (1000 * r.jitterBufferDelay) / r.jitterBufferEmittedCount;
    });
    const muted = document.getElementById("remote-audio").muted;
    const unmute = window.voiceDemo.transport.lastUnmute;
    return { energy, bytes, jitterBufferMs, muted, unmute: unmute && { ...unmute }, at: performance.now() };
  });
}

function pick(s) {
  return {
    connection: s.connection,
    transport: s.transport,
    randomWeights: s.randomWeights,
    player: s.player,
    net: s.net,
    level: s.level,
    turn: s.turn && {
      state: s.turn.state, ttfaMs: s.turn.ttfaMs, ttfsMs: s.turn.ttfsMs, segments: s.turn.segments.length,
      cancelledAudioMs: s.turn.cancelledAudioMs,
    },
    errors: s.errors,
  };
}

async function statsText(page) {
  return page.$$eval(".stats dd", (cells) => cells.map((c) => c.textContent.trim()));
}

async function screenshot(page, name) {
  const path = resolve(join(args.artifacts, name));
  await page.screenshot({ path, fullPage: true });
  return path;
}

async function main() {
  mkdirSync(args.artifacts, { recursive: true });
  const report = { consoleErrors: [], consoleWarnings: [], screenshots: [] };
  const browser = await chromium.launch({ executablePath: args.chromium, headless: true, args: CHROMIUM_FLAGS });
  try {
    report.browserVersion = browser.version();
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: false });
    const page = await context.newPage();
    page.on("console", (message) => {
      if (message.type() === "error") report.consoleErrors.push(message.text());
      if (message.type() === "warning") report.consoleWarnings.push(message.text());
    });
    page.on("pageerror", (error) => report.consoleErrors.push(`uncaught: ${error.message}`));
    await phase(report, "load", (out) => load(page, out));
    await phase(report, "websocket", (out) => websocket(page, out, report.screenshots));
    await phase(report, "webrtc", (out) => webrtc(page, out));
    await phase(report, "errors", (out) => errors(page, out));
    report.screenshots.push(await screenshot(page, "demo-final.png"));
    report.layout = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth,
    }));
    await page.setViewportSize({ width: 1280, height: 900 });
    report.screenshots.push(await screenshot(page, "demo-desktop.png"));
    await page.evaluate(() => window.voiceDemo.disconnect());
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify(report) + "\n");
}

main().catch((error) => {
  process.stdout.write(JSON.stringify({ fatal: String(error && error.stack ? error.stack : error) }) + "\n");
  process.exitCode = 1;
});
