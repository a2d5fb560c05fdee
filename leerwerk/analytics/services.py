"""Writes of the measurement.

Public surface: `record_event` (what pages call), `flush_events`, `discard_events`, `daily_salt`,
`forget_salts`, `prune_events`; and, for the middleware, `refuses_tracking`,
`is_repeat_visit` and `is_bot`.

`record_event` only builds the event in memory and queues it (`buffer.EventBuffer`); the
flusher computes the visitor hash, attaches what the visit already told (campaign,
entrance, region, repeat) and writes the batch. Settings, all optional:
`ANALYTICS_ENABLED` (default True; False records nothing), `ANALYTICS_SYNC` (write during
`record_event`, for tests), `ANALYTICS_BACKGROUND_FLUSH` (default True; False leaves the
events queued until `flush_events()`), `ANALYTICS_BATCH_SIZE` (500),
`ANALYTICS_FLUSH_INTERVAL_MS` (1000), `ANALYTICS_BUFFER_CAPACITY` (100,000)."""

import datetime
import hashlib
import logging
import re
import secrets
from dataclasses import dataclass, field
from typing import Any

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.core.cache import cache
from django.db import close_old_connections, transaction
from django.http import HttpRequest
from django.utils import timezone

from leerwerk.analytics.buffer import EventBuffer
from leerwerk.analytics.models import DailySalt, Event

logger = logging.getLogger(__name__)

SEEN_COOKIE = "lw_seen"
CAMPAIGN_PARAMETERS = ("utm_source", "utm_medium", "utm_campaign")
CAMPAIGN_MAX_LENGTH = 100
QUERY_MAX_LENGTH = 200
VISITOR_HASH_LENGTH = 32  # hex characters: 128 bits
_ENTRANCES = (("/leren-en-werken/", Event.Entrance.RESIDENTS), ("/werkgevers/", Event.Entrance.EMPLOYERS))
_BOT = re.compile(r"bot|crawl|spider|slurp|facebookexternalhit|preview|headless|curl|wget|python-|httpx|scrapy", re.I)
# What a resident may type into the search box that says who they are.
_PERSONAL = (
    (re.compile(r"\S+@\S+"), "[e-mail]"),
    (re.compile(r"\b\d{4}\s?[A-Za-z]{2}\b"), "[postcode]"),
    (re.compile(r"\+?\d[\d\s.-]{4,}\d"), "[number]"),
)


@dataclass(slots=True)
class PendingEvent:
    """An event on its way to the database. `fingerprint` is sha256 of the client address
    and browser; it lives only in memory, until the flusher salts it into `visitor`."""

    kind: str
    occurred_at: datetime.datetime
    day: datetime.date
    fingerprint: bytes
    path: str = ""
    entrance: str = ""
    region_code: str = ""
    offer_id: int | None = None
    query: str = ""
    filters: dict[str, Any] = field(default_factory=dict)
    campaign: tuple[str, str, str] = ("", "", "")
    is_repeat: bool = False


def record_event(
    request: HttpRequest,
    kind: str,
    *,
    offer_id: int | None = None,
    region_code: str = "",
    query: str = "",
    filters: dict[str, Any] | None = None,
) -> None:
    """Record that the visitor of `request` did `kind` (an `Event.Kind` value). Cheap: it
    queues the event and returns. `query` and `filters` are kept for searches only, with
    e-mail addresses, postcodes and long numbers replaced. Requests from bots are ignored.
    Raises ValueError for an unknown kind (a programming error)."""
    event_kind = Event.Kind(kind)
    if not getattr(settings, "ANALYTICS_ENABLED", True):
        return
    user_agent = request.META.get("HTTP_USER_AGENT", "")
    if is_bot(user_agent):
        return
    occurred_at = timezone.now()
    day = timezone.localdate(occurred_at)
    address = get_client_ip_address(request) or ""
    is_search = event_kind == Event.Kind.SEARCH
    pending = PendingEvent(
        kind=event_kind.value,
        occurred_at=occurred_at,
        day=day,
        fingerprint=hashlib.sha256(f"{address}\n{user_agent}".encode()).digest(),
        path=request.path[:500],
        entrance=entrance_for(request.path),
        region_code=region_code[:10],
        offer_id=offer_id,
        query=_scrub(query)[:QUERY_MAX_LENGTH] if is_search else "",
        filters=_scrub_filters(filters or {}) if is_search else {},
        campaign=_campaign(request),
        is_repeat=is_repeat_visit(request, today=day),
    )
    buffer = _get_buffer()
    buffer.add(pending)
    if getattr(settings, "ANALYTICS_SYNC", False):
        buffer.flush()


def flush_events() -> int:
    """Write every queued event now, in this thread; return how many were written."""
    return _get_buffer().flush()


def discard_events() -> None:
    """Forget the queued events without writing them (tests start from an empty queue)."""
    _get_buffer().clear()


def entrance_for(path: str) -> str:
    return next((entrance.value for prefix, entrance in _ENTRANCES if path.startswith(prefix)), "")


def is_bot(user_agent: str) -> bool:
    return not user_agent or _BOT.search(user_agent) is not None


def refuses_tracking(request: HttpRequest) -> bool:
    """Do Not Track or Global Privacy Control: then no `lw_seen` cookie is set or read."""
    return request.headers.get("DNT") == "1" or request.headers.get("Sec-GPC") == "1"


def is_repeat_visit(request: HttpRequest, *, today: datetime.date) -> bool:
    """The `lw_seen` cookie names an earlier day: the browser was here before today."""
    if refuses_tracking(request):
        return False
    try:
        seen = datetime.date.fromisoformat(request.COOKIES.get(SEEN_COOKIE, ""))
    except ValueError:
        return False
    return seen < today


def _campaign(request: HttpRequest) -> tuple[str, str, str]:
    source, medium, name = (request.GET.get(key, "").strip()[:CAMPAIGN_MAX_LENGTH] for key in CAMPAIGN_PARAMETERS)
    return source, medium, name


def _scrub(text: str) -> str:
    for pattern, replacement in _PERSONAL:
        text = pattern.sub(replacement, text)
    return text.strip()


def _scrub_filters(filters: dict[str, Any]) -> dict[str, Any]:
    """Plain values only (strings scrubbed and cut), so the filters are valid JSON."""
    clean: dict[str, Any] = {}
    for key, value in filters.items():
        values = value if isinstance(value, list | tuple) else [value]
        kept = [_scrub(v)[:100] if isinstance(v, str) else v for v in values if isinstance(v, str | int | float | bool)]
        if kept:
            clean[str(key)[:50]] = kept if isinstance(value, list | tuple) else kept[0]
    return clean


# --- The daily salt -------------------------------------------------------------------

_salts: dict[datetime.date, str] = {}


def daily_salt(*, day: datetime.date) -> str:
    """The salt of `day`'s visitor hashes: random, made on first use. Making one deletes
    the salts older than yesterday, so an older hash can never be recomputed from an
    address. Kept in this process's memory once read."""
    salt = _salts.get(day)
    if salt is None:
        salt = _load_or_make_salt(day)
        yesterday = timezone.localdate() - datetime.timedelta(days=1)
        for old_day in [old_day for old_day in _salts if old_day < yesterday]:
            del _salts[old_day]
        _salts[day] = salt
    return salt


@transaction.atomic
def _load_or_make_salt(day: datetime.date) -> str:
    row, created = DailySalt.objects.get_or_create(day=day, defaults={"salt": secrets.token_hex(32)})
    if created:
        DailySalt.objects.filter(day__lt=timezone.localdate() - datetime.timedelta(days=1)).exclude(day=day).delete()
    return row.salt


def forget_salts() -> None:
    """Forget the salts this process holds in memory (tests; after a database restore)."""
    _salts.clear()


def visitor_hash(*, salt: str, fingerprint: bytes) -> str:
    return hashlib.sha256(salt.encode() + fingerprint).hexdigest()[:VISITOR_HASH_LENGTH]


# --- Writing a batch ------------------------------------------------------------------


def _write_batch(batch: list[PendingEvent]) -> None:
    """Hash, attach the visit's campaign and entrance, and insert the batch in one go."""
    salts = {day: daily_salt(day=day) for day in {pending.day for pending in batch}}
    events = [
        _event(pending, visitor_hash(salt=salts[pending.day], fingerprint=pending.fingerprint)) for pending in batch
    ]
    _carry_visits(events)
    Event.objects.bulk_create(events)


def _event(pending: PendingEvent, visitor: str) -> Event:
    source, medium, name = pending.campaign
    return Event(
        kind=pending.kind,
        occurred_at=pending.occurred_at,
        day=pending.day,
        path=pending.path,
        entrance=pending.entrance,
        region_code=pending.region_code,
        offer_id=pending.offer_id,
        query=pending.query,
        filters=pending.filters,
        campaign_source=source,
        campaign_medium=medium,
        campaign_name=name,
        visitor=visitor,
        is_repeat=pending.is_repeat,
    )


def _visit_key(visitor: str) -> str:
    return f"analytics:visit:{visitor}"


def _carry_visits(events: list[Event]) -> None:
    """A visit keeps its campaign, entrance, region and repeat flag for the day: what an
    earlier event of the same visitor hash told is remembered in the cache (under the
    hash, which means nothing after the day) and given to its later events."""
    keys = {_visit_key(event.visitor) for event in events}
    try:
        visits: dict[str, dict[str, Any]] = cache.get_many(keys)
    except Exception:  # a cache outage costs the attribution, never the events
        logger.exception("The visit cache cannot be read")
        return
    changed: set[str] = set()
    for event in events:
        key = _visit_key(event.visitor)
        visit = visits.setdefault(key, {})
        before = dict(visit)
        if event.campaign_source or event.campaign_medium or event.campaign_name:
            visit["campaign"] = (event.campaign_source, event.campaign_medium, event.campaign_name)
        else:
            event.campaign_source, event.campaign_medium, event.campaign_name = visit.get("campaign", ("", "", ""))
        for name in ("entrance", "region_code"):
            if getattr(event, name):
                visit[name] = getattr(event, name)
            else:
                setattr(event, name, visit.get(name, ""))
        event.is_repeat = visit["is_repeat"] = event.is_repeat or visit.get("is_repeat", False)
        if visit != before:
            changed.add(key)
    try:
        cache.set_many({key: visits[key] for key in changed}, timeout=_seconds_left_today())
    except Exception:  # as above
        logger.exception("The visit cache cannot be written")


def _seconds_left_today() -> int:
    now = timezone.localtime()
    midnight = datetime.datetime.combine(now.date() + datetime.timedelta(days=1), datetime.time(), now.tzinfo)
    return max(60, int((midnight - now).total_seconds()) + 60)


# --- The buffer -----------------------------------------------------------------------

_buffer: EventBuffer[PendingEvent] | None = None


def _get_buffer() -> EventBuffer[PendingEvent]:
    global _buffer  # one buffer per process, made on first use
    if _buffer is None:
        _buffer = EventBuffer(
            write=_write_batch,
            batch_size=getattr(settings, "ANALYTICS_BATCH_SIZE", 500),
            capacity=getattr(settings, "ANALYTICS_BUFFER_CAPACITY", 100_000),
            interval=getattr(settings, "ANALYTICS_FLUSH_INTERVAL_MS", 1000) / 1000,
            after_flush=close_old_connections,
        )
    if getattr(settings, "ANALYTICS_BACKGROUND_FLUSH", True) and not getattr(settings, "ANALYTICS_SYNC", False):
        _buffer.start()
    return _buffer


# --- Retention ------------------------------------------------------------------------


@transaction.atomic
def prune_events(*, days: int) -> int:
    """Delete the events older than `days` days; return how many were deleted."""
    cutoff = timezone.localdate() - datetime.timedelta(days=days)
    deleted, _per_model = Event.objects.filter(day__lt=cutoff).delete()
    return deleted
