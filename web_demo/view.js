// Drawing the stats panel and the segment table from a snapshot (app.js `snapshot()`).
//
// The formatting helpers are pure and exported for node's test runner.

const $ = (id) => document.getElementById(id);
const LENGTH_LABELS = { speaking: "speaking…", stopped: "stopped" };

/** @param {number | null | undefined} ms @returns {string} */
export function formatMs(ms) {
  if (ms === null || ms === undefined || Number.isNaN(ms)) return "–";
  return ms >= 10000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}

/** @param {number | null | undefined} bps @returns {string} */
export function formatBitrate(bps) {
  if (bps === null || bps === undefined) return "–";
  return bps >= 1e6 ? `${(bps / 1e6).toFixed(2)} Mbit/s` : `${(bps / 1000).toFixed(1)} kbit/s`;
}

/**
 * The transport-dependent numbers: the worklet's over WebSocket, getStats' over WebRTC.
 * @param {object} snapshot
 * @returns {{buffered: string, underruns: string, played: string}}
 */
export function playbackCells(snapshot) {
  if (snapshot.transport === "webrtc") {
    const net = snapshot.net;
    return {
      buffered: net.bufferedMs === undefined ? "–" : `${formatMs(net.bufferedMs)} (browser jitter buffer)`,
      underruns: net.concealmentEvents === undefined ? "–" : `${net.concealmentEvents} concealment events`,
      played: net.packetsReceived === undefined ? "–" : `${net.packetsReceived} RTP packets`,
    };
  }
  const p = snapshot.player;
  if (!snapshot.transport) return { buffered: "–", underruns: "–", played: "–" };
  return {
    buffered: `${formatMs(p.bufferedMs)} (target ${formatMs(p.targetMs)})`,
    underruns: `${p.underruns}${p.droppedMs ? `, ${formatMs(p.droppedMs)} dropped` : ""}`,
    played: p.sampleRate ? `${(p.playedSamples / p.sampleRate).toFixed(1)} s` : "–",
  };
}

/** @param {object} snapshot */
export function render(snapshot) {
  const turn = snapshot.turn;
  $("stat-ttfa").textContent = formatMs(turn?.ttfaMs);
  $("stat-ttfs").textContent = formatMs(turn?.ttfsMs);
  const cells = playbackCells(snapshot);
  $("stat-buffered").textContent = cells.buffered;
  $("stat-underruns").textContent = cells.underruns;
  $("stat-played").textContent = cells.played;
  $("stat-bitrate").textContent = formatBitrate(snapshot.net.bitrateBps);
  $("stat-rtt").textContent = formatMs(snapshot.rttMs);
  const ready = snapshot.ready;
  $("stat-session").textContent = ready
    ? `${ready.session_id}, ${ready.format.sample_rate} Hz, lead ${ready.lead_ms} ms`
    : "–";
  renderSegments(turn ? turn.contextId : "", turn ? turn.segments : []);
}

/** @param {string} contextId @param {object[]} rows */
function renderSegments(contextId, rows) {
  const body = $("segments");
  const key = (row) => `${contextId}/${row.index}/${row.status}`;
  if (body.childElementCount === rows.length && rows.every((row, i) => body.children[i].dataset.key === key(row))) {
    return; // nothing changed: keep the table still (and its text selectable)
  }
  body.replaceChildren(...rows.map((row) => {
    const tr = document.createElement("tr");
    tr.dataset.key = key(row);
    const cells = [
      String(row.index),
      row.text,
      formatMs(row.serverFirstAudioMs),
      row.status === "done" ? `${formatMs(row.audioMs)}${row.truncated ? " (cut at token cap)" : ""}` : LENGTH_LABELS[row.status],
      row.rtf === null ? "–" : row.rtf.toFixed(2),
    ];
    for (const text of cells) {
      const td = document.createElement("td");
      td.textContent = text;
      tr.append(td);
    }
    return tr;
  }));
}
