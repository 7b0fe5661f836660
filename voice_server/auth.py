"""Who may use the server: API keys, single-use browser tokens, the Origin allow-list, per-key caps.

Theory of operation
-------------------
Every entry point (WebSocket upgrade, WebRTC offer, HTTP synthesis) asks one ``Authenticator``
for a ``Principal`` before it does any work:

1. ``check_origin`` (browsers only send ``Origin``; checked *before* a WebSocket upgrade, so a
   foreign page is refused with 403 and never gets a socket).
2. ``check_request`` finds a credential, in this order:
   - an API key: ``Authorization: Bearer <key>``, ``X-API-Key`` (Cartesia style) or
     ``xi-api-key`` (ElevenLabs style), so the compatibility adapters reuse this one check;
   - a browser token: an entry ``token.<value>`` in ``Sec-WebSocket-Protocol``, a ``?token=``
     query parameter, or a Bearer value that is a token rather than a key (WebRTC ``/offer``
     from a page). The first-message path calls ``redeem(token)`` itself.
3. ``allow_request`` (a sliding one-minute window per key) and ``acquire_session`` /
   ``release_session`` (concurrent sessions per key) enforce the key's caps.

Browser tokens are minted by ``POST /v1/auth/token`` (authenticated with an API key), live
``token_ttl_s`` seconds and are single-use. A token is ``base64url(payload).base64url(mac)``, the
payload naming the key, the audience, the expiry and a random nonce, the MAC an HMAC-SHA256 under
``token_secret``. Signing instead of storing means minting costs no memory (a key cannot fill the
server with unredeemed tokens); single use is enforced by remembering redeemed nonces until they
expire, which bounds that memory by the redemption rate times the TTL. Replicas that share
``token_secret`` accept each other's tokens, but each replica remembers only its own redemptions:
behind a load balancer a stolen token could be replayed once per replica within its TTL. Keep the
TTL short (the default is 60 s).

Keys are kept only as SHA-256 digests and compared with ``hmac.compare_digest``. Principals carry
a non-secret name (from the keys file, else ``key-`` plus 8 hex digits of the digest), which is
what logs and metrics see. ``RedactingAccessLogger`` replaces aiohttp's access log, whose default
format prints the full request line, query string (and so ``?token=``) included.

With ``enabled`` false (the default, for local use) every request is the anonymous principal with
no per-key caps; the Origin allow-list still applies when one is configured.

Refusals are ``web.HTTPException`` subclasses with a JSON body
``{"error": {"code", "message", "retryable"}}``; each also carries ``close_code`` for transports
that must refuse after the upgrade (first-message auth).
"""

from __future__ import annotations

import base64
import hashlib
import heapq
import hmac
import json
import logging
import math
import secrets
import time
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from aiohttp import web
from aiohttp.abc import AbstractAccessLogger

from protocol.codec import load_json
from protocol.errors import ProtocolError

log = logging.getLogger(__name__)

TOKEN_PROTOCOL_PREFIX = "token."
"""``Sec-WebSocket-Protocol`` entries starting with this carry a browser token (never echoed)."""

KEY_HEADERS = ("X-API-Key", "xi-api-key")
RATE_WINDOW_S = 60.0


@dataclass(frozen=True)
class AuthConfig:
    """Authentication and per-key caps. OFF by default: anyone who can reach the port may use it.

    Attributes:
        enabled: require an API key or a browser token on every entry point (WebSocket,
            WebRTC offer, HTTP synthesis, voices). Off means open to anyone who can connect.
        api_keys: comma-separated API keys, each with the default caps below. Prefer
            api_keys_file in production (flags and environments leak into process listings).
        api_keys_file: JSON file of keys with per-key caps: {"keys": [{"name": "app1",
            "key": "..." or "key_sha256": "<hex>", "max_sessions": 4,
            "requests_per_minute": 60}]}. Read once at start-up.
        allowed_origins: comma-separated browser origins (e.g. https://app.example.com)
            allowed to connect; empty or "*" allows any. Checked before the WebSocket upgrade.
        allow_missing_origin: accept requests without an Origin header (servers, SDKs,
            curl). Browsers always send one.
        token_ttl_s: lifetime of a browser token minted by POST /v1/auth/token (single use).
            Also bounds the memory of redeemed-token nonces (redemptions x TTL).
        token_secret: HMAC secret for browser tokens; replicas that share it accept each
            other's tokens. Empty: a random secret per process (tokens then only work on the
            replica that minted them).
        token_audience: audience written into tokens and required on redemption, so tokens
            of another deployment sharing the secret are refused.
        max_sessions_per_key: default cap on one key's concurrent sessions (WebSocket,
            WebRTC and streaming HTTP requests together); 0 means no cap.
        requests_per_minute: default cap on one key's requests (sessions opened, HTTP
            requests, tokens minted) in any sliding 60 s window; 0 means no cap.
    """

    enabled: bool = False
    api_keys: str = ""
    api_keys_file: str = ""
    allowed_origins: str = ""
    allow_missing_origin: bool = True
    token_ttl_s: float = 60.0
    token_secret: str = ""
    token_audience: str = "spark-voice-server"
    max_sessions_per_key: int = 16
    requests_per_minute: int = 600


@dataclass(frozen=True)
class Principal:
    """Who is asking, with the caps that apply (0 = no cap).

    Attributes:
        name: non-secret key name for logs and metrics ("anonymous" when auth is off).
        max_sessions: concurrent sessions allowed.
        requests_per_minute: requests allowed per sliding minute.
        via: how the credential came: "none", "api_key" or "token".
    """

    name: str
    max_sessions: int = 0
    requests_per_minute: int = 0
    via: str = "api_key"


ANONYMOUS = Principal("anonymous", 0, 0, "none")


@dataclass(frozen=True)
class MintedToken:
    """A browser token as minted: the secret value, its expiry (Unix time) and lifetime."""

    token: str
    expires_at: float
    ttl_s: float


# --- refusals ------------------------------------------------------------------------------


def error_json(code: str, message: str, retryable: bool = False) -> str:
    """This server's error body: ``{"error": {"code", "message", "retryable"}}``."""
    return json.dumps({"error": {"code": code, "message": message, "retryable": retryable}})


class AuthRefusal(web.HTTPException):
    """Base of every refusal: JSON body, machine-readable ``code``, WebSocket ``close_code``."""

    close_code = 1008

    def __init__(
        self, code: str, message: str, *, retryable: bool = False,
        headers: Mapping[str, str] | None = None,
    ) -> None:  # fmt: skip
        all_headers = {"x-should-retry": "true" if retryable else "false", **(headers or {})}
        super().__init__(text=error_json(code, message, retryable),
                         content_type="application/json", headers=all_headers)
        self.code = code
        self.message = message
        self.retryable = retryable


class Unauthorized(AuthRefusal, web.HTTPUnauthorized):
    """No credential, or one that is wrong, expired or already used (HTTP 401)."""

    close_code = 4401


class Forbidden(AuthRefusal, web.HTTPForbidden):
    """Origin not allowed, or a credential that may not do this (HTTP 403)."""

    close_code = 4403


class TooManyRequests(AuthRefusal, web.HTTPTooManyRequests):
    """A per-key cap is reached (HTTP 429); ``Retry-After`` says when to try again."""

    close_code = 1013  # "try again later"


# --- keys ----------------------------------------------------------------------------------


def key_digest(key: str) -> bytes:
    return hashlib.sha256(key.encode()).digest()


def load_keys(config: AuthConfig) -> dict[bytes, Principal]:
    """Principals by key digest, from ``api_keys`` and ``api_keys_file``.

    Raises:
        ValueError: a malformed keys file, or auth enabled with no key at all.
    """
    defaults = (config.max_sessions_per_key, config.requests_per_minute)
    keys: dict[bytes, Principal] = {}
    for key in (k.strip() for k in config.api_keys.split(",")):
        if key:
            digest = key_digest(key)
            keys[digest] = Principal("key-" + digest.hex()[:8], *defaults)
    if config.api_keys_file:
        keys.update(parse_keys_file(Path(config.api_keys_file).read_text(), defaults))
    if config.enabled and not keys:
        raise ValueError("auth.enabled is set but no key is configured (auth.api_keys or "
                         "auth.api_keys_file)")
    return keys


def parse_keys_file(text: str, defaults: tuple[int, int]) -> dict[bytes, Principal]:
    """Parse the keys file format documented on ``AuthConfig.api_keys_file``.

    Raises:
        ValueError: naming the entry at fault.
    """
    data = json.loads(text)
    entries = data.get("keys") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise ValueError('keys file: expected {"keys": [...]}')
    keys: dict[bytes, Principal] = {}
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict):
            raise ValueError(f"keys file: entry {index} is not an object")
        if "key" in entry:
            digest = key_digest(str(entry["key"]))
        elif "key_sha256" in entry:
            digest = bytes.fromhex(str(entry["key_sha256"]))
        else:
            raise ValueError(f"keys file: entry {index} needs key or key_sha256")
        if len(digest) != 32:
            raise ValueError(f"keys file: entry {index}: key_sha256 must be 64 hex digits")
        name = str(entry.get("name") or "key-" + digest.hex()[:8])
        keys[digest] = Principal(
            name,
            int(entry.get("max_sessions", defaults[0])),
            int(entry.get("requests_per_minute", defaults[1])),
        )
    return keys


def _credential_from_headers(request: web.BaseRequest) -> str | None:
    authorization = request.headers.get("Authorization", "")
    scheme, _, value = authorization.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    for header in KEY_HEADERS:
        if request.headers.get(header, "").strip():
            return request.headers[header].strip()
    return None


def token_from_request(request: web.BaseRequest) -> str | None:
    """A browser token offered in ``Sec-WebSocket-Protocol`` or ``?token=``."""
    for header in request.headers.getall("Sec-WebSocket-Protocol", []):
        for entry in header.split(","):
            entry = entry.strip()
            if entry.startswith(TOKEN_PROTOCOL_PREFIX):
                return entry[len(TOKEN_PROTOCOL_PREFIX):]
    return request.query.get("token") or None


# --- tokens --------------------------------------------------------------------------------


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def sign_token(secret: bytes, payload: Mapping[str, Any]) -> str:
    """``base64url(json).base64url(hmac)``: token-safe, so it fits a WebSocket subprotocol."""
    body = _b64(json.dumps(payload, separators=(",", ":"), sort_keys=True).encode())
    mac = hmac.new(secret, body.encode(), hashlib.sha256).digest()
    return f"{body}.{_b64(mac)}"


def verify_token(secret: bytes, token: str) -> dict[str, Any]:
    """The payload of a token whose MAC is right (expiry and use are checked by the caller).

    Raises:
        ValueError: malformed token or wrong MAC.
    """
    body, dot, mac = token.partition(".")
    if not dot or not body or not mac:
        raise ValueError("malformed token")
    try:
        expected = hmac.new(secret, body.encode(), hashlib.sha256).digest()
        if not hmac.compare_digest(expected, _unb64(mac)):
            raise ValueError("bad token signature")
        payload = json.loads(_unb64(body))
    except (ValueError, UnicodeDecodeError) as exc:
        raise ValueError(str(exc) or "malformed token") from None
    if not isinstance(payload, dict):
        raise ValueError("malformed token")
    return payload


# --- the authenticator ---------------------------------------------------------------------


class RequestLog(Protocol):
    """Each key's requests of the last minute: how many since a time and the oldest of them."""

    def key_requests(self, key_name: str, since: float) -> tuple[int, float | None]: ...
    def record_key_request(self, key_name: str, now: float) -> None: ...


class SharedAuthState(RequestLog, Protocol):
    """What front ends sharing one port share of authentication (``frontend_group``): each
    key's live sessions and requests of the last minute, and the redeemed token nonces."""

    def add_key_session(self, key_name: str) -> bool: ...
    def remove_key_session(self, key_name: str) -> None: ...
    def key_sessions(self, key_name: str) -> int: ...
    def redeem_nonce(self, nonce: str, expires_at: float, now: float) -> bool: ...


class LocalRequestLog:
    """``RequestLog`` of this process alone (one front end): a deque of times per key."""

    def __init__(self) -> None:
        self._times: dict[str, deque[float]] = {}

    def key_requests(self, key_name: str, since: float) -> tuple[int, float | None]:
        window = self._times.get(key_name)
        if not window:
            return 0, None
        while window and window[0] <= since:
            window.popleft()
        return len(window), (window[0] if window else None)

    def record_key_request(self, key_name: str, now: float) -> None:
        self._times.setdefault(key_name, deque()).append(now)


class Authenticator:
    """One per app; see the module docstring. ``clock`` is wall time (token expiry crosses
    replicas); ``monotonic`` drives the rate windows. ``shared``: with several front ends on
    one port, a key's session cap, its requests-per-minute budget and a token's single use
    hold across all of them."""

    def __init__(
        self,
        config: AuthConfig,
        *,
        clock: Callable[[], float] = time.time,
        monotonic: Callable[[], float] = time.monotonic,
        shared: SharedAuthState | None = None,
    ) -> None:
        self.config = config
        self._keys = load_keys(config)
        self._by_name = {p.name: p for p in self._keys.values()}
        self._secret = config.token_secret.encode() or secrets.token_bytes(32)
        self._origins = frozenset(
            o.strip().rstrip("/").lower() for o in config.allowed_origins.split(",") if o.strip()
        )
        self._clock = clock
        self._monotonic = monotonic
        self._redeemed: set[str] = set()
        self._redeemed_expiry: list[tuple[float, str]] = []
        self._sessions: dict[str, int] = {}
        self._requests: RequestLog = shared if shared is not None else LocalRequestLog()
        self._shared = shared

    # 1. origin

    def check_origin(self, request: web.BaseRequest) -> None:
        """Refuse a browser page from an origin not on the allow-list (call before upgrading).

        Raises:
            Forbidden: origin not allowed, or missing where a missing one is not allowed.
        """
        origin = request.headers.get("Origin")
        if origin is None:
            if not self.config.allow_missing_origin:
                raise Forbidden("origin_required", "an Origin header is required")
            return
        if not self._origins or "*" in self._origins:
            return
        if origin.strip().rstrip("/").lower() not in self._origins:
            raise Forbidden("origin_not_allowed", "this origin may not use the server")

    # 2. credentials

    def check_request(self, request: web.BaseRequest) -> Principal:
        """The principal behind ``request``'s API key or browser token.

        Raises:
            Unauthorized: no credential, an unknown key, or a bad, expired or used token.
        """
        if not self.config.enabled:
            return ANONYMOUS
        credential = _credential_from_headers(request)
        if credential is not None:
            principal = self.principal_for_key(credential)
            if principal is not None:
                return principal
            if "." not in credential:
                raise Unauthorized("invalid_api_key", "the API key is not valid")
            return self.redeem(credential)
        token = token_from_request(request)
        if token is not None:
            return self.redeem(token)
        raise Unauthorized(
            "missing_credentials",
            "send an API key (Authorization: Bearer, X-API-Key or xi-api-key) or a browser token",
            headers={"WWW-Authenticate": 'Bearer realm="voice"'},
        )

    def check_upgrade(self, request: web.BaseRequest) -> Principal:
        """Origin then credentials: everything a WebSocket or WebRTC entry point checks."""
        self.check_origin(request)
        return self.check_request(request)

    def principal_for_key(self, key: str) -> Principal | None:
        """The principal of API key ``key``, or None when it is not a configured key.

        Every configured digest is compared, in constant time and without stopping at a match,
        so the time taken says nothing about which key (or how much of one) matched.
        """
        presented = key_digest(key)
        found: Principal | None = None
        for digest, principal in self._keys.items():
            if hmac.compare_digest(digest, presented):
                found = principal
        return found

    # 3. browser tokens

    def mint(self, principal: Principal, ttl_s: float | None = None) -> MintedToken:
        """A new single-use token for ``principal``, living ``ttl_s`` (at most ``token_ttl_s``).

        Raises:
            Forbidden: ``principal`` itself came from a token (tokens do not mint tokens).
        """
        if principal.via == "token":
            raise Forbidden("token_cannot_mint", "mint tokens with an API key, not a token")
        if ttl_s is not None and not math.isfinite(ttl_s):  # NaN would never expire
            raise ValueError(f"ttl_s must be finite, got {ttl_s}")
        ttl = self.config.token_ttl_s if ttl_s is None else min(ttl_s, self.config.token_ttl_s)
        ttl = max(ttl, 1.0)
        expires = round(self._clock() + ttl, 3)
        payload = {"k": principal.name, "a": self.config.token_audience,
                   "e": expires, "n": secrets.token_urlsafe(12)}
        return MintedToken(sign_token(self._secret, payload), expires, ttl)

    def redeem(self, token: str) -> Principal:
        """Check and use up ``token`` (the first-message path calls this directly).

        Raises:
            Unauthorized: malformed, forged, wrong audience, expired, used, or its key is gone.
        """
        if not self.config.enabled:
            return ANONYMOUS
        try:
            payload = verify_token(self._secret, token)
        except ValueError:
            raise Unauthorized("invalid_token", "the token is not valid") from None
        now = self._clock()
        self._forget_expired(now)
        expires, nonce = payload.get("e"), payload.get("n")
        if not isinstance(expires, (int, float)) or not isinstance(nonce, str):
            raise Unauthorized("invalid_token", "the token is not valid")
        if payload.get("a") != self.config.token_audience:
            raise Unauthorized("invalid_token", "the token is for another audience")
        if expires <= now:
            raise Unauthorized("token_expired", "the token has expired; mint a new one")
        if nonce in self._redeemed:
            raise Unauthorized("token_used", "the token was already used; mint a new one")
        owner = self._by_name.get(str(payload.get("k")))
        if owner is None:
            raise Unauthorized("invalid_token", "the key behind this token is gone")
        if self._shared is not None and not self._shared.redeem_nonce(nonce, expires, now):
            raise Unauthorized("token_used", "the token was already used; mint a new one")
        self._redeemed.add(nonce)
        heapq.heappush(self._redeemed_expiry, (float(expires), nonce))
        return Principal(owner.name, owner.max_sessions, owner.requests_per_minute, "token")

    def _forget_expired(self, now: float) -> None:
        while self._redeemed_expiry and self._redeemed_expiry[0][0] <= now:
            _, nonce = heapq.heappop(self._redeemed_expiry)
            self._redeemed.discard(nonce)

    # 4. caps

    def allow_request(self, principal: Principal) -> None:
        """Count one request against the key's sliding-minute budget.

        Raises:
            TooManyRequests: the budget is spent; ``Retry-After`` is when a slot frees.
        """
        limit = principal.requests_per_minute
        if limit <= 0:
            return
        now = self._monotonic()
        count, oldest = self._requests.key_requests(principal.name, now - RATE_WINDOW_S)
        if count >= limit:
            frees_at = now if oldest is None else oldest + RATE_WINDOW_S
            raise TooManyRequests(
                "rate_limited", f"more than {limit} requests a minute for this key",
                retryable=True, headers={"Retry-After": str(max(1, math.ceil(frees_at - now)))},
            )
        self._requests.record_key_request(principal.name, now)

    def acquire_session(self, principal: Principal) -> None:
        """Take one of the key's concurrent-session slots; pair with ``release_session``.

        Raises:
            TooManyRequests: the key already has ``max_sessions`` live sessions.
        """
        limit = principal.max_sessions
        count = self._sessions.get(principal.name, 0)
        if limit > 0:
            shared = self._shared
            total = count if shared is None else shared.key_sessions(principal.name)
            recorded = total < limit and (shared is None or shared.add_key_session(principal.name))
            if not recorded:
                raise TooManyRequests(
                    "too_many_sessions", f"this key already has {limit} live sessions",
                    retryable=True, headers={"Retry-After": "1"},
                )
        self._sessions[principal.name] = count + 1

    def release_session(self, principal: Principal) -> None:
        """Give back a slot taken by ``acquire_session`` (extra calls are harmless)."""
        count = self._sessions.get(principal.name, 0) - 1
        if count < 0:
            return
        if self._shared is not None and principal.max_sessions > 0:
            self._shared.remove_key_session(principal.name)
        if count > 0:
            self._sessions[principal.name] = count
        else:
            self._sessions.pop(principal.name, None)

    def live_sessions(self, principal: Principal) -> int:
        return self._sessions.get(principal.name, 0)


# --- app wiring ----------------------------------------------------------------------------

AUTH = web.AppKey("auth", Authenticator)


async def mint_token(request: web.Request) -> web.Response:
    """``POST /v1/auth/token`` (API key required): a single-use token for a browser.

    Body (optional): a JSON object ``{"ttl_s": seconds}``, capped at ``token_ttl_s``.
    """
    auth = request.app[AUTH]
    principal = auth.check_request(request)
    auth.allow_request(principal)
    raw = await request.read()  # read already (``body_deadline``): ``can_read_body`` is False
    minted = auth.mint(principal, token_ttl(raw))
    return web.json_response({
        "token": minted.token,
        "expires_at": minted.expires_at,
        "expires_in": minted.ttl_s,
        "subprotocol": TOKEN_PROTOCOL_PREFIX + minted.token,
    }, headers={"Cache-Control": "no-store"})


def token_ttl(raw: bytes) -> float | None:
    """The lifetime a token request asks for (None: the default), from its raw body.

    An empty body asks for nothing. Otherwise the body is a JSON object whose only field is
    ``ttl_s`` (absent or null: the default), as in the streaming protocol, where a typo such as
    ``ttl`` is reported rather than silently ignored.

    Raises:
        web.HTTPBadRequest: ``invalid_json`` (not JSON, or not an object), ``unknown_field``
            (a field other than ``ttl_s``) or ``invalid_field`` (``ttl_s`` is not a positive
            number).
    """
    if not raw.strip():
        return None
    try:
        body = load_json(raw)  # the streaming protocol's rules: no BOM, NaN or Infinity
    except ProtocolError:
        raise _bad_body("invalid_json", "the body is not JSON") from None
    if not isinstance(body, dict):
        raise _bad_body("invalid_json", "the body must be a JSON object")
    unknown = sorted(set(body) - {"ttl_s"})
    if unknown:
        raise _bad_body("unknown_field", f"unknown field {unknown[0]!r}; the only one is ttl_s")
    asked = body.get("ttl_s")
    if asked is None:
        return None
    if isinstance(asked, bool) or not isinstance(asked, (int, float)) \
            or not math.isfinite(asked) or asked <= 0:
        raise _bad_body("invalid_field",
                        f"ttl_s must be a positive number of seconds, got {asked!r}")
    return float(asked)


def _bad_body(code: str, message: str) -> web.HTTPBadRequest:
    return web.HTTPBadRequest(text=error_json(code, message), content_type="application/json")


def setup_auth(
    app: web.Application, config: AuthConfig, shared: SharedAuthState | None = None
) -> Authenticator:
    """Store an ``Authenticator`` under ``AUTH`` and route ``POST /v1/auth/token``."""
    auth = Authenticator(config, shared=shared)
    app[AUTH] = auth
    app.router.add_post("/v1/auth/token", mint_token)
    if not config.enabled:
        log.warning("authentication is OFF: anyone who can reach this port may use the server")
    return auth


# --- access log ----------------------------------------------------------------------------


class RedactingAccessLogger(AbstractAccessLogger):
    """aiohttp access log without query strings or headers (tokens may ride in ``?token=``).

    Pass as ``web.run_app(..., access_log_class=RedactingAccessLogger)``. One line per request:
    remote address, method, path, status, bytes, seconds; structured fields ride in ``extra``.
    """

    def log(self, request: web.BaseRequest, response: web.StreamResponse, time: float) -> None:
        fields = {
            "remote": request.remote,
            "method": request.method,
            "path": request.path,
            "status": response.status,
            "bytes": response.body_length,
            "duration_s": round(time, 4),
        }
        self.logger.info(
            '%s "%s %s" %d %d %.4fs', fields["remote"], fields["method"], fields["path"],
            fields["status"], fields["bytes"], time, extra={"access": fields},
        )

    @property
    def enabled(self) -> bool:
        return self.logger.isEnabledFor(logging.INFO)
