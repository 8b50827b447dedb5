"""Webhook signatures: HMAC-SHA256 over the timestamp and the body.

Header ``CitizenPass-Signature: t=<unix seconds>,v1=<hex>`` where ``<hex>`` is
``HMAC_SHA256(secret, "<t>." + body)``. A receiver recomputes it, compares in constant
time, and refuses a timestamp older than five minutes (replays).
"""

import hashlib
import hmac
import time

SIGNATURE_HEADER = "CitizenPass-Signature"
TOLERANCE_SECONDS = 300


def sign(secret: str, body: bytes, timestamp: int | None = None) -> str:
    timestamp = int(time.time()) if timestamp is None else timestamp
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={mac.hexdigest()}"


def verify(secret: str, body: bytes, header: str, now: float | None = None) -> bool:
    """Whether ``header`` signs ``body`` with ``secret`` recently enough."""
    try:
        parts = dict(item.split("=", 1) for item in header.split(","))
        timestamp = int(parts["t"])
        signature = parts["v1"]
    except (KeyError, ValueError):
        return False
    now = time.time() if now is None else now
    if abs(now - timestamp) > TOLERANCE_SECONDS:
        return False
    expected = sign(secret, body, timestamp).split("v1=", 1)[1]
    return hmac.compare_digest(expected, signature)
