"""A token bucket: how often a session may do something costly, with a burst allowance.

Pure arithmetic over a clock the caller passes in, so tests need no sleeping.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class TokenBucket:
    """``rate`` tokens a second, at most ``burst`` saved up; starts full.

    ``take(now)`` spends one token if there is one; ``wait_s(now)`` says how long until the
    next (for a retry hint)."""

    rate: float
    burst: float
    tokens: float = field(init=False)
    at: float | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        self.tokens = self.burst

    def _refill(self, now: float) -> None:
        if self.at is not None:
            self.tokens = min(self.burst, self.tokens + (now - self.at) * self.rate)
        self.at = now

    def take(self, now: float) -> bool:
        self._refill(now)
        if self.tokens >= 1.0:
            self.tokens -= 1.0
            return True
        return False

    def wait_s(self, now: float) -> float:
        self._refill(now)
        return max(0.0, (1.0 - self.tokens) / self.rate)
