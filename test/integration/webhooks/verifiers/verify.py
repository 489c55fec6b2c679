# Verifies a Relaydesk webhook signature; the function is the README's Python snippet.
# Usage: verify.py SECRET SIGNATURE_HEADER NOW_UNIX_SECONDS < raw_body
import hashlib
import hmac
import sys
import time


def verify_relaydesk(secret: str, header: str, body: bytes, tolerance: int = 300, now: float | None = None) -> bool:
    parts = dict(item.split("=", 1) for item in header.split(","))
    timestamp = int(parts.get("t", "0"))
    if abs((now or time.time()) - timestamp) > tolerance:
        return False  # too old (or from the future): a replay
    expected = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, parts.get("v1", ""))


if __name__ == "__main__":
    valid = verify_relaydesk(sys.argv[1], sys.argv[2], sys.stdin.buffer.read(), now=float(sys.argv[3]))
    print("valid" if valid else "invalid")
