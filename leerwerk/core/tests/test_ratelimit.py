"""The fixed-window count of requests per client in the cache."""

from django.core.cache import cache

from leerwerk.core.ratelimit import count_request

WINDOW = 600
START = 1_800_000_000.0  # the start of a window: a multiple of WINDOW


def _count(rf, *, address="203.0.113.9", scope="form", limit=2, now=START):
    return count_request(rf.post("/", REMOTE_ADDR=address), scope=scope, limit=limit, window_seconds=WINDOW, now=now)


def test_a_client_is_allowed_the_limit_and_then_waits_for_the_next_window(rf):
    assert [_count(rf).allowed for _attempt in range(3)] == [True, True, False]
    refused = _count(rf, now=START + 100)
    assert (refused.allowed, refused.retry_after, refused.retry_after_minutes) == (False, 500, 9)
    assert _count(rf, now=START + WINDOW).allowed


def test_clients_and_scopes_are_counted_apart(rf):
    for _attempt in range(2):
        _count(rf)
    assert not _count(rf).allowed
    assert _count(rf, address="198.51.100.7").allowed
    assert _count(rf, scope="other form").allowed


def test_the_cache_holds_no_ip_address(rf):
    _count(rf)
    keys = list(cache._cache)  # type: ignore[attr-defined]  # the local-memory cache's own store
    assert keys
    assert not any("203.0.113.9" in key for key in keys)


def test_a_cache_that_fails_lets_the_request_through(rf, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("the cache is down")

    monkeypatch.setattr(cache, "add", broken)
    assert _count(rf, limit=0).allowed


def test_a_key_that_expires_between_counting_steps_starts_again(rf, monkeypatch):
    monkeypatch.setattr(cache, "add", lambda *args, **kwargs: False)  # as if the key were there
    assert _count(rf, limit=1).allowed
    assert not _count(rf, limit=1).allowed
