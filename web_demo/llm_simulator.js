// "Simulate an LLM": stream a paragraph word by word at a chosen rate, the way a chat model's
// output reaches a voice agent, so the page shows speech starting before the text is complete.

export const SAMPLE_PARAGRAPH =
  "Sure, I can help with that. The order you placed on Monday shipped this morning, " +
  "and it should arrive by Thursday afternoon. If you are not at home, the courier will leave " +
  "it with a neighbour or at the post office around the corner. Is there anything else I can do for you?";

/**
 * Split text into the deltas an LLM would stream: each word with the whitespace before it, so
 * that joining the deltas gives back the text exactly (deltas are appended verbatim).
 * @param {string} text
 * @returns {string[]}
 */
export function wordDeltas(text) {
  return text.match(/\s*\S+|\s+$/g) || [];
}

export class LlmSimulator {
  constructor() {
    this.timer = null;
    this.generation = 0; // bumped by stop(): a tick of an older stream does nothing
  }

  get running() {
    return this.timer !== null;
  }

  /**
   * Start streaming. Calls `onDelta` for each word, then `onDone` once, unless stopped first.
   * @param {string} text
   * @param {number} wordsPerSecond
   * @param {(delta: string) => void} onDelta
   * @param {() => void} onDone
   */
  start(text, wordsPerSecond, onDelta, onDone) {
    this.stop();
    const deltas = wordDeltas(text);
    const intervalMs = 1000 / Math.max(0.1, wordsPerSecond);
    const generation = this.generation;
    let next = 0;
    const tick = () => {
      if (next < deltas.length) {
        onDelta(deltas[next++]);
        if (generation !== this.generation) return; // onDelta stopped (or restarted) it
        this.timer = setTimeout(tick, intervalMs);
      } else {
        this.timer = null;
        onDone();
      }
    };
    this.timer = setTimeout(tick, 0);
  }

  /** Stop streaming; `onDone` is not called. */
  stop() {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.generation += 1;
  }
}
