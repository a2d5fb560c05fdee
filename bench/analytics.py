"""The cost of first-party measurement: the home page with the middleware recording a
page view per request against the same page with recording switched off, in the same run;
and the throughput of `record_event` + `flush_events` against a plain `bulk_create` of
the same number of ready-made events.

In-process with Django's test client on a temporary SQLite database (WAL) holding the
real reference data; the background flusher runs as it does in production."""

import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATABASE = Path(tempfile.mkdtemp(prefix="leerwerk-bench-")) / "bench.sqlite3"
os.environ["DATABASE_URL"] = f"sqlite:///{DATABASE}"
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings_test"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client, RequestFactory, override_settings  # noqa: E402
from django.utils import timezone  # noqa: E402

from leerwerk.analytics.models import Event  # noqa: E402
from leerwerk.analytics.services import discard_events, flush_events, record_event  # noqa: E402

ROUNDS = 20
REQUESTS_PER_ROUND = 200
EVENTS = 20_000
WARM_UP = 50
BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


def _timed_requests(client: Client, count: int, offset: int) -> list[float]:
    durations = []
    for number in range(count):
        address = f"10.{(offset + number) // 65536 % 256}.{(offset + number) // 256 % 256}.{(offset + number) % 256}"
        start = time.perf_counter()
        response = client.get("/?utm_source=bench&utm_medium=script", REMOTE_ADDR=address)
        durations.append(time.perf_counter() - start)
        assert response.status_code == 200, response.status_code
    return durations


def pages() -> tuple[list[float], list[float], int]:
    """Alternating rounds with recording off (baseline) and on, so drift hits both."""
    client = Client(HTTP_USER_AGENT=BROWSER)
    off: list[float] = []
    on: list[float] = []
    _timed_requests(client, WARM_UP, 0)  # warm up templates, caches and the daily salt
    with override_settings(ANALYTICS_BACKGROUND_FLUSH=True, ANALYTICS_FLUSH_INTERVAL_MS=200):
        for round_number in range(ROUNDS):
            offset = round_number * REQUESTS_PER_ROUND
            with override_settings(ANALYTICS_ENABLED=False):
                off += _timed_requests(client, REQUESTS_PER_ROUND, offset)
            on += _timed_requests(client, REQUESTS_PER_ROUND, offset)
        time.sleep(1)  # let the flusher write the last events
        flush_events()
    return off, on, Event.objects.count()


def throughput() -> tuple[float, float, float]:
    """µs per record_event, events/s for record + flush, events/s for a plain bulk_create."""
    Event.objects.all().delete()
    discard_events()
    factory = RequestFactory()
    requests = [
        factory.get(
            "/zoeken/?utm_source=bench", HTTP_USER_AGENT=BROWSER, REMOTE_ADDR=f"10.1.{n // 256 % 256}.{n % 256}"
        )
        for n in range(EVENTS)
    ]
    with override_settings(ANALYTICS_BACKGROUND_FLUSH=False, ANALYTICS_BUFFER_CAPACITY=EVENTS * 2):
        start = time.perf_counter()
        for request in requests:
            record_event(request, Event.Kind.SEARCH, query="lassen", filters={"niveau": "mbo-2"}, region_code="AM27")
        recorded = time.perf_counter() - start
        flush_events()  # with the background flusher (started above) writing beside it
        total = time.perf_counter() - start
    assert Event.objects.count() == EVENTS, Event.objects.count()

    now = timezone.now()
    ready = [
        Event(
            kind=Event.Kind.SEARCH,
            occurred_at=now,
            day=now.date(),
            path="/zoeken/",
            query="lassen",
            filters={"niveau": "mbo-2"},
            region_code="AM27",
            campaign_source="bench",
            visitor=f"{n:032x}",
        )
        for n in range(EVENTS)
    ]
    start = time.perf_counter()
    for batch_start in range(0, EVENTS, 500):
        Event.objects.bulk_create(ready[batch_start : batch_start + 500])
    plain = time.perf_counter() - start
    return recorded / EVENTS * 1e6, EVENTS / total, EVENTS / plain


def main() -> None:
    call_command("migrate", verbosity=0)
    call_command("load_regions", stdout=io.StringIO())
    off, on, stored = pages()
    print(f"home page, {len(on)} requests each in alternating rounds, recording off (baseline) vs on")
    print(f"{'':28} {'median µs':>10} {'mean µs':>10} {'p95 µs':>10} {'req/s':>8}")
    for label, values in (("recording off (baseline)", off), ("recording on", on)):
        median, mean = statistics.median(values) * 1e6, statistics.mean(values) * 1e6
        p95 = statistics.quantiles(values, n=100)[94] * 1e6
        print(f"{label:28} {median:10.0f} {mean:10.0f} {p95:10.0f} {1e6 / mean:8.0f}")
    median_off, median_on = statistics.median(off) * 1e6, statistics.median(on) * 1e6
    print(
        f"overhead per request (medians): {median_on - median_off:.0f} µs; ratio on/off: {median_on / median_off:.3f}"
    )
    print(f"events written by the background flusher: {stored} of {len(on) + WARM_UP} (with the warm-up)")
    per_call, with_flush, plain = throughput()
    print(f"record_event: {per_call:.1f} µs per call (queue only; includes parsing each new request's GET and headers)")
    print(
        f"record_event + flush_events: {with_flush:,.0f} events/s; plain bulk_create (baseline): {plain:,.0f} events/s"
    )
    print(f"ratio record+flush / plain bulk_create: {with_flush / plain:.2f}")


if __name__ == "__main__":
    main()
