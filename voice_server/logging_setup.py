"""Process logging: one JSON object per line (for log shippers) or plain text (for a terminal).

Every record gets the id of the session it was logged under, taken from ``session_id_var``: a
session sets it once in its own task, and every task it starts inherits it (asyncio copies the
context into new tasks), so no call site passes ids around.

Privacy rule of this server: user text is never logged at INFO or above (only counts and
lengths); API keys and tokens are never logged at any level (see ``auth.RedactingAccessLogger``).
"""

from __future__ import annotations

import logging
import sys
import time
from contextvars import ContextVar
from typing import Any

import orjson

session_id_var: ContextVar[str | None] = ContextVar("session_id", default=None)
"""The session the current task works for; set it with ``session_id_var.set(id)``."""

# Attributes every LogRecord has; anything else on a record came from ``extra=``.
_STANDARD = frozenset(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {
    "message", "asctime", "session_id"}


class SessionIdFilter(logging.Filter):
    """Copies ``session_id_var`` onto each record as ``record.session_id``."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "session_id", None) is None:
            record.session_id = session_id_var.get()
        return True


class JsonFormatter(logging.Formatter):
    """``{"ts", "level", "logger", "message", "session_id"?, ...extra, "exc"?}`` per line."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "ts": _utc_iso(record.created),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        session_id = getattr(record, "session_id", None) or session_id_var.get()
        if session_id is not None:
            entry["session_id"] = session_id
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            entry["exc"] = self.formatException(record.exc_info)
        return orjson.dumps(entry, default=str).decode()


def _utc_iso(created: float) -> str:
    millis = int(created * 1000) % 1000
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(created)) + f".{millis:03d}Z"


PLAIN_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(session_id)s] %(message)s"


class ClientFaultFilter(logging.Filter):
    """aiohttp logs every request its HTTP parser refuses (a request line or header over
    8,190 bytes, a malformed header: the client's fault, answered 400) at ERROR with a
    traceback, so a client sending such requests in a loop could fill the log. Such a record
    becomes one DEBUG line without the traceback (the access log keeps the 400 at INFO)."""

    def filter(self, record: logging.LogRecord) -> bool:
        from aiohttp.http_exceptions import HttpProcessingError

        fault = record.exc_info[1] if record.exc_info else None
        if not isinstance(fault, HttpProcessingError) or not 400 <= (fault.code or 0) < 500:
            return True
        peer = record.args[0] if isinstance(record.args, tuple) and record.args else "?"
        record.levelno, record.levelname = logging.DEBUG, "DEBUG"
        record.msg = "refused a malformed HTTP request from %s (%d: %s)"
        record.args = (peer, fault.code, " ".join(str(fault.message).split())[:200])
        record.exc_info = record.exc_text = None
        return logging.getLogger(record.name).isEnabledFor(logging.DEBUG)


def quiet_client_faults() -> None:
    """Install ``ClientFaultFilter`` on aiohttp's server logger (once)."""
    server_log = logging.getLogger("aiohttp.server")
    if not any(isinstance(f, ClientFaultFilter) for f in server_log.filters):
        server_log.addFilter(ClientFaultFilter())


def configure_logging(level: str = "INFO", json: bool = True) -> logging.Handler:
    """Replace the root logger's handlers with one stderr handler; returns that handler.

    Args:
        level: a logging level name ("DEBUG", "INFO", ...).
        json: one JSON object per line; False gives plain text with the session id.

    Raises:
        ValueError: an unknown level name.
    """
    numeric = logging.getLevelName(level.upper())
    if not isinstance(numeric, int):
        raise ValueError(f"unknown log level {level!r}")
    handler = logging.StreamHandler(sys.stderr)
    handler.addFilter(SessionIdFilter())
    handler.setFormatter(JsonFormatter() if json else logging.Formatter(PLAIN_FORMAT))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(numeric)
    quiet_client_faults()
    return handler
