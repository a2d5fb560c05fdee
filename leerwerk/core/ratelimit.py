"""How often one client may do something, such as send a form: a fixed-window count in
Django's cache.

The client is its IP address as django-axes reads it (behind `PROXY_COUNT` proxies, like
the login lockout), and the cache holds only a keyed hash of it. A window is a fixed slice
of `window_seconds`; the count starts again in the next one, so across the border of two
windows a client can get up to twice the limit through. With Redis (`REDIS_URL`) every
process shares the counts; with the local-memory cache each process counts for itself, so
the limit holds per process. Counting never fails a request: when the cache is down, the
request is allowed.

Public surface: `count_request(request, scope=…, limit=…, window_seconds=…)` → `RateLimit`."""

import logging
import math
import time
from dataclasses import dataclass

from axes.helpers import get_client_ip_address
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.crypto import salted_hmac

logger = logging.getLogger(__name__)

KEY_SALT = "leerwerk.core.ratelimit"


@dataclass(frozen=True)
class RateLimit:
    allowed: bool
    retry_after: int  # seconds until the window ends

    @property
    def retry_after_minutes(self) -> int:
        return max(1, math.ceil(self.retry_after / 60))


def _client_key(request: HttpRequest, scope: str) -> str:
    address = str(get_client_ip_address(request) or "")
    return salted_hmac(KEY_SALT, f"{scope}\n{address}", algorithm="sha256").hexdigest()[:32]


def count_request(
    request: HttpRequest, *, scope: str, limit: int, window_seconds: int, now: float | None = None
) -> RateLimit:
    """Count this request of the client in `scope` (e.g. one form) and say whether it is
    within `limit` requests in the current window."""
    window_seconds = max(window_seconds, 1)
    now = time.time() if now is None else now
    window = int(now // window_seconds)
    retry_after = max(1, math.ceil((window + 1) * window_seconds - now))
    key = f"ratelimit:{scope}:{window}:{_client_key(request, scope)}"
    try:
        cache.add(key, 0, timeout=retry_after + 1)
        try:
            count = cache.incr(key)
        except ValueError:  # the key expired between add and incr
            cache.set(key, 1, timeout=retry_after + 1)
            count = 1
    except Exception:  # a cache outage must not stop residents from sending a form
        logger.exception("The rate limit of %s cannot be counted", scope)
        return RateLimit(allowed=True, retry_after=0)
    return RateLimit(allowed=count <= limit, retry_after=retry_after)
