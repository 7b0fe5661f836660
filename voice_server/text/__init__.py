"""Text on its way to the model: cut into segments, then normalised into readable words.

``Segmenter`` turns an LLM's arbitrary text deltas into speakable segments (pure and
incremental); ``normalize_text`` then rewrites each segment so that it holds only words the
model can read. Both are pure functions of their input, with no I/O.
"""

from voice_server.text.normalize import normalize_text
from voice_server.text.segmenter import Segmenter, SegmenterPolicy, SegmentMode

__all__ = ["SegmentMode", "Segmenter", "SegmenterPolicy", "normalize_text"]
