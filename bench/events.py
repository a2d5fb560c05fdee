"""The cost of recording measurement events under load, and how many events the pipeline
writes per second without losing any.

    .venv/bin/python bench/events.py [--seconds 10] [--rounds 2] [--events 50000] [--threads 4]

1. Load: the offer page `/opleidingen/<id>/` (a different demo offer each request) through
   gunicorn with 2 workers and production settings, driven by `wrk` at concurrency 16
   with a browser's User-Agent (bots are not counted), with measurement off
   (`ANALYTICS_ENABLED=false`, the baseline) and on (the background flusher writing),
   in alternating rounds of one run. Ratio: on / off requests per second; target at
   least 0.90. After each "on" round the events in the database are compared with the
   offer pages the server answered with 200 (its access log, which also counts the
   requests still in flight when wrk stopped): one offer view and one page view each,
   so "lost" is what is missing.
2. Pipeline: `record_event` from several threads while the background flusher writes,
   until every event is in the database: events per second, and none lost. Baseline: a
   plain `bulk_create` of the same number of ready-made events. Target: at least
   2,000 events/s.

Runs on SQLite (WAL) in a temporary folder holding the demo catalogue (`seed_demo`)."""

import argparse
import io
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

from loadtest import BROWSER, gunicorn, production, wrk

ROOT = Path(__file__).resolve().parent.parent
PATHS = 200  # offers the load test cycles through


def _setup(folder: Path) -> dict[str, str]:
    environment = {
        "DATABASE_URL": f"sqlite:///{folder / 'bench.sqlite3'}",
        "SEARCH_INDEX_DIR": str(folder / "search"),
        "VAR_DIR": str(folder),
    }
    os.environ.update(environment)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings_test")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    return environment


def _seed() -> list[str]:
    """Migrate, load the regions and the demo catalogue; the paths of offer pages to load."""
    from django.core.management import call_command
    from django.utils import timezone

    from leerwerk.catalogue.models import Offer
    from leerwerk.catalogue.selectors import get_offer_for_residents, public_offers
    from leerwerk.demo.services import seed_demo

    start = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("load_regions", stdout=io.StringIO())
    report = seed_demo()
    print(f"Seeded {report.offers_new} demo offers in {time.perf_counter() - start:.0f} s")
    paths = []
    for offer_id in public_offers().order_by("pk").values_list("pk", flat=True)[: PATHS * 2]:
        try:
            get_offer_for_residents(offer_id=offer_id, today=timezone.localdate())
        except Offer.DoesNotExist:
            continue
        paths.append(f"/opleidingen/{offer_id}/")
    return paths[:PATHS]


# --- 1. The offer page under load ---------------------------------------------------------


def _answered(log: Path) -> int:
    """Offer pages the server answered with 200, from its access log."""
    return sum(1 for line in log.read_text().splitlines() if line.startswith("200 /opleidingen/"))


def _event_counts() -> tuple[int, int]:
    from leerwerk.analytics.models import Event

    return (
        Event.objects.filter(kind=Event.Kind.OFFER_VIEW).count(),
        Event.objects.filter(kind=Event.Kind.PAGE_VIEW).count(),
    )


def _settled(read: Callable[[], tuple[int, int]], *, quiet: float = 2.5, limit: float = 30) -> tuple[int, int]:
    """`read()` once it has not changed for `quiet` seconds (the flushers are done)."""
    last, since, start = read(), time.perf_counter(), time.perf_counter()
    while time.perf_counter() - since < quiet and time.perf_counter() - start < limit:
        time.sleep(0.25)
        now = read()
        if now != last:
            last, since = now, time.perf_counter()
    return last


def _round(
    environment: dict[str, str], paths: list[str], *, measure: bool, seconds: int, folder: Path, number: int
) -> tuple[float, int, int, int, int, int]:
    """One server, warmed up, then measured: req/s, wrk's completed and non-2xx requests,
    the pages the server answered, and the offer views and page views written meanwhile."""
    log = folder / f"access-{number}-{'on' if measure else 'off'}.log"
    settings = {"ANALYTICS_ENABLED": "true" if measure else "false", "ANALYTICS_BACKGROUND_FLUSH": "true"}
    with gunicorn(production(environment, **settings), access_log=log) as url:
        wrk(url, paths, 2, folder)  # warm up
        before = _settled(_event_counts)
        answered_before = _answered(log)
        load = wrk(url, paths, seconds, folder)
        after = _settled(_event_counts)
        answered = _answered(log) - answered_before
        return load.rate, load.completed, load.non_2xx, answered, after[0] - before[0], after[1] - before[1]


def measure_load(environment: dict[str, str], paths: list[str], *, seconds: int, rounds: int, folder: Path) -> None:
    if shutil.which("wrk") is None:
        print("Load: skipped, wrk is not installed (make bench installs it: apt-get install wrk).")
        return
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=ROOT,
        check=True,
        env=production(environment, ANALYTICS_ENABLED="false"),
    )
    rates: dict[bool, list[float]] = {False: [], True: []}
    completed = non_2xx = answered = offer_views = page_views = 0
    for number in range(rounds):
        for measure in (False, True):
            result = _round(environment, paths, measure=measure, seconds=seconds, folder=folder, number=number)
            rates[measure].append(result[0])
            if measure:
                completed += result[1]
                non_2xx += result[2]
                answered += result[3]
                offer_views += result[4]
                page_views += result[5]
    off, on = (sum(rates[measure]) / len(rates[measure]) for measure in (False, True))
    print(
        f"Offer page under load (gunicorn 2 workers, wrk concurrency 16, {seconds} s, {rounds} rounds each, "
        f"{len(paths)} offers):"
    )
    print(f"  measurement off (baseline): {off:.0f} req/s (rounds: {', '.join(f'{r:.0f}' for r in rates[False])})")
    print(f"  measurement on:             {on:.0f} req/s (rounds: {', '.join(f'{r:.0f}' for r in rates[True])})")
    print(f"  ratio on/off: {on / off:.3f} (target: at least 0.90)")
    lost = max(answered - offer_views, 0) + max(answered - page_views, 0)
    print(
        f"  with measurement on: wrk completed {completed:,} requests ({non_2xx} not 2xx); the server answered "
        f"{answered:,} with 200 (with those in flight when wrk stopped); written: {offer_views:,} offer views, "
        f"{page_views:,} page views; lost: {lost}"
    )


# --- 2. The pipeline --------------------------------------------------------------------------


def measure_pipeline(*, events: int, threads: int) -> None:
    from django.conf import settings
    from django.test import RequestFactory
    from django.utils import timezone

    from leerwerk.analytics import services
    from leerwerk.analytics.models import Event

    settings.ANALYTICS_BACKGROUND_FLUSH = True  # the test settings leave it to flush_events()
    Event.objects.all().delete()
    services.discard_events()
    factory = RequestFactory()
    requests = [
        factory.get(
            "/zoeken/?q=lassen&utm_source=bench&utm_medium=script",
            HTTP_USER_AGENT=BROWSER,
            REMOTE_ADDR=f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}",
        )
        for n in range(events)
    ]
    share = -(-events // threads)

    def record(chunk: list[object]) -> None:
        for request in chunk:
            services.record_event(
                request,  # type: ignore[arg-type]
                Event.Kind.SEARCH,
                query="lassen",
                filters={"level": ["mbo2"]},
                region_code="AM27",
            )

    workers = [threading.Thread(target=record, args=(requests[n * share : (n + 1) * share],)) for n in range(threads)]
    start = time.perf_counter()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    recorded = time.perf_counter() - start
    written = 0
    deadline = start + 300
    while written < events and time.perf_counter() < deadline:
        time.sleep(0.05)
        written = Event.objects.count()
    pipeline = time.perf_counter() - start
    dropped = services._get_buffer().dropped  # the queue counts what it dropped when full

    now = timezone.now()
    ready = [
        Event(
            kind=Event.Kind.SEARCH,
            occurred_at=now,
            day=timezone.localdate(now),
            path="/zoeken/",
            query="lassen",
            filters={"level": ["mbo2"]},
            region_code="AM27",
            campaign_source="bench",
            campaign_medium="script",
            visitor=f"{n:032x}",
        )
        for n in range(events)
    ]
    Event.objects.all().delete()
    start = time.perf_counter()
    for batch in range(0, events, 500):
        Event.objects.bulk_create(ready[batch : batch + 500])
    plain = time.perf_counter() - start

    rate, baseline = written / pipeline, events / plain
    print(f"Pipeline: {events:,} events recorded from {threads} threads while the background flusher writes:")
    print(f"  record_event: {recorded / events * 1e6:.1f} µs per event (queueing only, {threads} threads)")
    print(
        f"  all in the database after {pipeline:.1f} s: {rate:,.0f} events/s (target: at least 2,000/s); "
        f"lost: {events - written} (dropped by the full queue: {dropped})"
    )
    print(f"  plain bulk_create of the same events (baseline): {baseline:,.0f} events/s; ratio {rate / baseline:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=10, help="length of each load run")
    parser.add_argument("--rounds", type=int, default=2, help="load runs with measurement off and on, alternating")
    parser.add_argument("--events", type=int, default=50_000)
    parser.add_argument("--threads", type=int, default=4)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="leerwerk-events-") as temporary:
        folder = Path(temporary)
        environment = _setup(folder)
        paths = _seed()
        measure_load(environment, paths, seconds=options.seconds, rounds=options.rounds, folder=folder)
        measure_pipeline(events=options.events, threads=options.threads)


if __name__ == "__main__":
    main()
