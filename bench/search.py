"""Search over 100,000 synthetic offers: the engine against an in-memory BM25 baseline, how
fast a change becomes findable, and the search page under load against a trivial page.

    .venv/bin/python bench/search.py [--count 100000] [--generated 300] [--seconds 10]
        [--only-latency] [--folder PATH]

`--only-latency` stops after the latency figures (no visibility or load test);
`--folder PATH` keeps the database and the index in PATH and reuses them on the next run
(no import; a rebuild only when the index is of another schema), for measuring changes to
the queries again and again. The generated queries are the same on every run (titles
sampled by a seeded generator), so two runs measure the same queries.

1. Index build: `rebuild_index()` of the whole catalogue, time and size on disk.
2. Latency of top 20 + every facet count (`search_offers`), for the judged queries of
   leerwerk/search/data/relevance.json and for generated ones (words of the catalogue's
   titles, some with a typo, some with filters, some only filters); p50/p95/p99 and queries
   per second on one thread. The same queries against the baseline: a BM25 matrix in
   NumPy/SciPy held in memory (same words, title ×3, the same filters and facets), which
   is what a search can cost at the least in Python. Ratio: engine p95 / baseline p95.
3. Update visibility: `run_search_indexer` is started, and once it says it has caught up
   (the time that took is printed too), an offer is changed and this process searches for
   it until it is found. In a fresh run this comes within half a minute of the import, when
   each round of the indexer reads the import's offers again (ADR 0012); the line says so.
4. Load: gunicorn with 2 workers (production settings) and `wrk` (Debian package) at
   concurrency 16, on the search page (a different query each request) and on a provider
   page that lists 20 offers from the database. Ratio: search / trivial requests per second.

Targets (search issue): p95 at most 3 ms and within 3x the baseline; the search page at
least 55% of the trivial page; a build of 100,000 offers under 10 s; a change findable
within 2 s. Runs on SQLite in a temporary folder."""

import argparse
import io
import math
import os
import random
import secrets
import shutil
import statistics
import string
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from loadtest import Load, gunicorn, production, wrk

ROOT = Path(__file__).resolve().parent.parent
TODAY = datetime.now(ZoneInfo("Europe/Amsterdam")).date()  # the site's day, as the index has it
PROVIDERS = 50
K1, B, TITLE_WEIGHT = 1.2, 0.75, 3


def _setup(folder: Path) -> dict[str, str]:
    environment = {
        "DATABASE_URL": f"sqlite:///{folder / 'bench.sqlite3'}",
        "SEARCH_INDEX_DIR": str(folder / "search"),
        "VAR_DIR": str(folder),
    }
    os.environ.update(environment)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings_test")
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "bench"))
    import django

    django.setup()
    from django.conf import settings

    # The test settings pick an index folder of their own and a small writer heap.
    settings.SEARCH_INDEX_DIR = environment["SEARCH_INDEX_DIR"]
    settings.SEARCH_WRITER_HEAP_BYTES = 500_000_000  # the production default
    return environment


def _load_catalogue(folder: Path, count: int) -> None:
    """Migrate, load the reference data, and import the synthetic offers for 50 providers."""
    from django.core.management import call_command
    from synthetic import synthetic_records, write_csv

    from leerwerk.catalogue.ingest import get_reader
    from leerwerk.catalogue.models import Provider
    from leerwerk.catalogue.services import Source, import_offers

    call_command("migrate", verbosity=0)
    call_command("load_regions", stdout=io.StringIO())
    call_command("load_occupations", stdout=io.StringIO())
    records = list(synthetic_records(count, seed=1, today=TODAY))
    kinds = [kind for kind, _label in Provider.Kind.choices]
    share = math.ceil(len(records) / PROVIDERS)
    for number in range(PROVIDERS):
        provider = Provider.objects.create(
            name=f"Synthetische opleider {number + 1}", kind=kinds[number % len(kinds)], admission="admitted"
        )
        path = folder / f"offers-{number}.csv"
        write_csv(records[number * share : (number + 1) * share], path)
        source = Source(path.name, path.read_bytes, size=path.stat().st_size)
        run = import_offers(
            provider=provider, format="csv", sources=[source], read=get_reader("csv"), source_name=path.name
        )
        assert run.outcome == "applied", run.structural_error
        path.unlink()


# --- Queries ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Query:
    text: str
    filters: dict[str, tuple[str, ...]]


def _typo(word: str, rng: random.Random) -> str:
    if len(word) < 5:
        return word
    at = rng.randrange(1, len(word) - 1)
    return word[:at] + word[at + 1] + word[at] + word[at + 2 :]


def _generated_queries(count: int) -> list[Query]:
    from synthetic import MARKER

    from leerwerk.catalogue.models import Offer
    from leerwerk.regions.models import LabourMarketRegion
    from leerwerk.search.analysis import words

    rng = random.Random(5)  # noqa: S311  (benchmark data)
    # The same titles on every run (a sample by the seeded generator), so that two runs
    # measure the same queries.
    every_title = list(Offer.objects.order_by("pk").values_list("title", flat=True))
    titles = rng.sample(every_title, min(len(every_title), count * 2))
    regions = list(LabourMarketRegion.objects.values_list("code", flat=True))
    choices: dict[str, Sequence[str]] = {
        "level": ["mbo2", "mbo3", "mbo4", "bachelor", "none"],
        "delivery": ["online", "classroom", "blended"],
        "start": ["this_month", "three_months", "anytime"],
        "price": ["free", "under_500", "500_2000"],
        "funding": ["uwv", "employer", "sector_fund"],
        "region": regions,
    }
    queries = []
    for number in range(count):
        # Words of the title as people would type them: not the marker every synthetic title
        # starts with ("[synthetisch]"), which would make a query that finds everything.
        title = titles[number].removeprefix(MARKER)
        title_words = [word for word in words(title) if len(word) > 2] or ["opleiding"]
        picked = rng.sample(title_words, min(len(title_words), rng.choice((1, 1, 2, 2, 3))))
        if rng.random() < 0.1:
            picked[0] = _typo(picked[0], rng)
        text = " ".join(picked) if rng.random() > 0.05 else ""
        filters: dict[str, tuple[str, ...]] = {}
        if rng.random() < 0.3:
            for facet in rng.sample(sorted(choices), rng.choice((1, 2))):
                filters[facet] = tuple(rng.sample(list(choices[facet]), rng.choice((1, 1, 2))))
        queries.append(Query(text, filters))
    return queries


def _judged_queries() -> list[Query]:
    from leerwerk.search.relevance import load_judged_queries

    return [Query(judged.query, {}) for judged in load_judged_queries()]


# --- The in-memory BM25 baseline ----------------------------------------------------------


class MatrixSearch:
    """BM25 over a sparse document × word matrix, with filters and disjunctive facet counts
    as boolean masks and sparse matrix products: the least a search costs in Python."""

    SINGLE = ("level", "sector", "delivery", "provider_kind", "price")
    MULTIPLE = ("funding", "schedule", "region", "municipality")

    def __init__(self, documents: Sequence[Any]) -> None:
        import numpy as np
        from scipy import sparse

        from leerwerk.search.analysis import words

        self.np = np
        vocabulary: dict[str, int] = {}
        rows: list[int] = []
        columns: list[int] = []
        counts: list[float] = []
        for row, document in enumerate(documents):
            frequency: dict[int, float] = {}
            for weight, text in ((TITLE_WEIGHT, document.title), (1, document.body)):
                for word in words(text):
                    column = vocabulary.setdefault(word, len(vocabulary))
                    frequency[column] = frequency.get(column, 0) + weight
            rows.extend([row] * len(frequency))
            columns.extend(frequency)
            counts.extend(frequency.values())
        size = len(documents)
        tf = sparse.csr_matrix((counts, (rows, columns)), shape=(size, len(vocabulary)), dtype=np.float32)
        lengths = np.asarray(tf.sum(axis=1)).ravel()
        frequency_in = np.bincount(tf.indices, minlength=len(vocabulary))
        idf = np.log(1 + (size - frequency_in + 0.5) / (frequency_in + 0.5)).astype(np.float32)
        norm = (K1 * (1 - B + B * lengths / lengths.mean())).astype(np.float32)
        tf.data = tf.data * (K1 + 1) / (tf.data + np.repeat(norm, np.diff(tf.indptr))) * idf[tf.indices]
        self.weights = tf.tocsc()
        self.vocabulary = vocabulary
        self.size = size
        self.values: dict[str, list[str]] = {}
        self.codes: dict[str, Any] = {}
        self.members: dict[str, Any] = {}
        for facet in self.SINGLE:
            attribute = "price_band" if facet == "price" else facet
            values = sorted({getattr(document, attribute) for document in documents})
            index = {value: number for number, value in enumerate(values)}
            self.values[facet] = values
            self.codes[facet] = np.array([index[getattr(d, attribute)] for d in documents], dtype=np.int16)
        for facet in self.MULTIPLE:
            values = sorted({value for document in documents for value in getattr(document, facet)})
            index = {value: number for number, value in enumerate(values)}
            pairs = [(row, index[value]) for row, d in enumerate(documents) for value in set(getattr(d, facet))]
            matrix = sparse.csc_matrix(
                (np.ones(len(pairs), dtype=np.float32), ([p[0] for p in pairs], [p[1] for p in pairs])),
                shape=(size, len(values)),
            )
            self.values[facet] = values
            self.members[facet] = matrix
        from leerwerk.search.query import end_of_month, months_later

        ends = {"this_month": end_of_month(TODAY), "three_months": months_later(TODAY, 3)}
        self.start = {
            period: np.array([d.next_start is not None and d.next_start <= until for d in documents])
            for period, until in ends.items()
        }
        self.start["anytime"] = np.array([d.anytime for d in documents])

    def _mask(self, facet: str, chosen: Sequence[str]) -> Any:
        np = self.np
        if facet == "start":
            return np.logical_or.reduce([self.start[period] for period in chosen])
        if facet in self.SINGLE:
            wanted = [self.values[facet].index(value) for value in chosen if value in self.values[facet]]
            return np.isin(self.codes[facet], wanted)
        extra = ["online"] if facet in ("region", "municipality") else []
        wanted = [self.values[facet].index(v) for v in (*chosen, *extra) if v in self.values[facet]]
        return np.asarray(self.members[facet][:, wanted].sum(axis=1)).ravel() > 0

    def search(self, query: Query) -> tuple[list[int], int, dict[str, Any]]:
        np = self.np
        from leerwerk.search.analysis import words

        scores = np.zeros(self.size, dtype=np.float32)
        terms = words(query.text)
        if terms:
            found = np.zeros(self.size, dtype=np.int8)
            for word in terms:
                column = self.vocabulary.get(word)
                if column is None:
                    continue
                start, end = self.weights.indptr[column], self.weights.indptr[column + 1]
                rows = self.weights.indices[start:end]
                scores[rows] += self.weights.data[start:end]
                found[rows] += 1
            needed = len(terms) if len(terms) <= 2 else math.ceil(0.75 * len(terms))
            matched = found >= needed
        else:
            matched = np.ones(self.size, dtype=bool)
        masks = {facet: self._mask(facet, chosen) for facet, chosen in query.filters.items()}
        selected = matched.copy()
        for mask in masks.values():
            selected &= mask
        rows = np.flatnonzero(selected)
        if len(rows) > 20:
            rows = rows[np.argpartition(-scores[rows], 20)[:20]]
        top = rows[np.argsort(-scores[rows], kind="stable")].tolist()
        facets: dict[str, Any] = {}
        for facet in (*self.SINGLE, *self.MULTIPLE, "start"):
            base = matched.copy()
            for other, mask in masks.items():
                if other != facet:
                    base &= mask
            if facet == "start":
                facets[facet] = [int(np.count_nonzero(base & period)) for period in self.start.values()]
            elif facet in self.SINGLE:
                facets[facet] = np.bincount(self.codes[facet][base], minlength=len(self.values[facet]))
            else:
                facets[facet] = self.members[facet].T @ base.astype(np.float32)
        return top, int(np.count_nonzero(selected)), facets


# --- Measuring ----------------------------------------------------------------------------


def _percentiles(seconds: list[float]) -> tuple[float, float, float]:
    ordered = sorted(seconds)
    at = [ordered[min(len(ordered) - 1, math.ceil(share * len(ordered)) - 1)] for share in (0.50, 0.95, 0.99)]
    return at[0] * 1000, at[1] * 1000, at[2] * 1000


def _time_each(run: Callable[[Query], object], queries: list[Query], rounds: int) -> list[float]:
    for query in queries:  # warm up
        run(query)
    timings = []
    for _round in range(rounds):
        for query in queries:
            start = time.perf_counter()
            run(query)
            timings.append(time.perf_counter() - start)
    return timings


def _engine(query: Query) -> object:
    from leerwerk.search.selectors import Filters, search_offers

    return search_offers(text=query.text, filters=Filters(**query.filters), today=TODAY)


def _measure_latency(queries: dict[str, list[Query]]) -> None:
    from leerwerk.search.documents import documents_for

    start = time.perf_counter()
    documents = list(documents_for(today=TODAY))
    baseline = MatrixSearch(documents)
    print(f"Baseline matrix built in {time.perf_counter() - start:.1f} s ({len(baseline.vocabulary)} words)")
    print(
        f"{'queries':10} {'n':>5} {'engine p50/p95/p99 ms':>24} {'q/s':>6} {'baseline p50/p95/p99 ms':>26} {'q/s':>6}"
    )
    ratios = []
    for label, group in queries.items():
        engine_times = _time_each(_engine, group, rounds=3)
        baseline_times = _time_each(baseline.search, group, rounds=3)
        engine_p, baseline_p = _percentiles(engine_times), _percentiles(baseline_times)
        ratios.append(engine_p[1] / baseline_p[1])
        print(
            f"{label:10} {len(group):5} {engine_p[0]:8.2f}{engine_p[1]:8.2f}{engine_p[2]:8.2f} "
            f"{len(engine_times) / sum(engine_times):6.0f} "
            f"{baseline_p[0]:10.2f}{baseline_p[1]:8.2f}{baseline_p[2]:8.2f} "
            f"{len(baseline_times) / sum(baseline_times):6.0f}"
        )
    print(f"Engine p95 / baseline p95: {', '.join(f'{ratio:.2f}' for ratio in ratios)} (target: at most 3)")


def _finds(results: Any, offer_id: int) -> bool:
    """The offer is found by its exact marker (not by a similar marker of an earlier trial)."""
    return not results.with_typos and any(hit.id == offer_id for hit in results.hits)


def _measure_visibility(environment: dict[str, str], trials: int) -> None:
    from django.db.models import Max
    from django.utils import timezone

    from leerwerk.catalogue.models import Offer
    from leerwerk.catalogue.services.offers import edit_offer
    from leerwerk.search.selectors import search_offers
    from leerwerk.search.services import SAFETY_WINDOW

    log = Path(environment["VAR_DIR"]) / "indexer.log"
    launched = time.perf_counter()
    indexer = subprocess.Popen(
        [sys.executable, "manage.py", "run_search_indexer"],
        cwd=ROOT,
        env=production(environment, LOG_LEVEL="INFO"),
        stdout=subprocess.DEVNULL,
        stderr=log.open("w"),
    )
    try:
        # Changes are timed once the indexer has caught up (its first round): until then,
        # a change waits for the start of the process and that round, which the line says.
        while "Search index caught up" not in log.read_text():
            if time.perf_counter() - launched > 60 or indexer.poll() is not None:
                raise RuntimeError(f"the indexer did not catch up within 60 s:\n{log.read_text()[-3000:]}")
            time.sleep(0.05)
        print(f"Indexer started and caught up after {time.perf_counter() - launched:.2f} s")
        offers = list(Offer.objects.filter(status="published").order_by("pk")[:trials])
        # Inside the indexer's safety window after an import, each of its rounds reads the
        # import's offers again (ADR 0012): a change then takes a round longer to be found.
        newest = Offer.objects.aggregate(newest=Max("updated_at"))["newest"]
        since_import = (timezone.now() - newest).total_seconds() if newest else math.inf
        delays = []
        for offer in offers:
            # A word of its own per change, far from the others (typo tolerance would find those),
            # and new on every run (a kept catalogue holds the words of earlier runs).
            marker = "".join(secrets.choice(string.ascii_lowercase) for _ in range(14))
            start = time.perf_counter()
            edit_offer(offer=offer, changes={"title": f"{offer.title} {marker}"})
            while not _finds(search_offers(text=marker, today=TODAY), offer.pk):
                if time.perf_counter() - start > 30:
                    raise RuntimeError(f"a change did not become findable within 30 s:\n{log.read_text()[-3000:]}")
                time.sleep(0.01)
            delays.append(time.perf_counter() - start)
        window = SAFETY_WINDOW.total_seconds()
        print(
            f"Update visible to searches after: median {statistics.median(delays):.2f} s, "
            f"max {max(delays):.2f} s over {len(delays)} changes (target: within 2 s)"
            + (
                f"; the first came {since_import:.0f} s after the import, inside the indexer's "
                f"{window:.0f} s safety window"
                if since_import < window
                else ""
            )
        )
    finally:
        indexer.terminate()
        indexer.wait(timeout=10)


def _measure_load(environment: dict[str, str], queries: list[Query], seconds: int, folder: Path) -> None:
    from leerwerk.catalogue.models import Offer

    if shutil.which("wrk") is None:
        print("Load: skipped, wrk is not installed (make bench installs it: apt-get install wrk).")
        return
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=ROOT,
        check=True,
        env=production(environment),
    )
    with gunicorn(production(environment)) as url:
        search_paths = ["/zoeken/?" + urlencode({"q": query.text, **query.filters}, doseq=True) for query in queries]
        provider = Offer.objects.values_list("provider_id", flat=True)[0]
        pages = Offer.objects.filter(provider_id=provider).count() // 20
        trivial_paths = [f"/aanbieders/{provider}/?page={page}" for page in range(1, pages + 1)]
        wrk(url, search_paths[:20] + trivial_paths[:20], 3, folder)  # warm up both
        trivial = _successful(wrk(url, trivial_paths, seconds, folder))
        search = _successful(wrk(url, search_paths, seconds, folder))
        print(
            f"Load (gunicorn 2 workers, wrk concurrency 16, {seconds} s): search page {search:.0f} req/s, "
            f"provider page listing 20 offers {trivial:.0f} req/s; ratio {search / trivial:.2f} (target: at least 0.55)"
        )


def _successful(load: Load) -> float:
    if load.non_2xx:
        raise RuntimeError(f"{load.non_2xx} answers were not 2xx")
    return load.rate


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--generated", type=int, default=300)
    parser.add_argument("--seconds", type=int, default=10, help="length of each load run")
    parser.add_argument("--visibility-trials", type=int, default=10)
    parser.add_argument("--only-latency", action="store_true", help="skip the visibility and load tests")
    parser.add_argument("--folder", type=Path, help="keep (and reuse) the database and the index here")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="leerwerk-search-") as temporary:
        folder = options.folder.resolve() if options.folder else Path(temporary)
        folder.mkdir(parents=True, exist_ok=True)
        reuse = (folder / "bench.sqlite3").exists()
        environment = _setup(folder)
        if reuse:
            print(f"Reusing the catalogue in {folder}")
            if not _index_is_usable():
                _build_index()
        else:
            start = time.perf_counter()
            _load_catalogue(folder, options.count)
            print(
                f"Imported {options.count} synthetic offers for {PROVIDERS} providers "
                f"in {time.perf_counter() - start:.0f} s"
            )
            _build_index()
        queries = {"judged": _judged_queries(), "generated": _generated_queries(options.generated)}
        _measure_latency(queries)
        if options.only_latency:
            return
        _measure_visibility(environment, options.visibility_trials)
        _measure_load(environment, queries["generated"], options.seconds, folder)


def _index_is_usable() -> bool:
    from leerwerk.regions.selectors import current_year
    from leerwerk.search import engine

    return engine.is_usable(engine.current_build(), year=current_year())


def _build_index() -> None:
    from leerwerk.search import engine
    from leerwerk.search.services import rebuild_index

    start = time.perf_counter()
    report = rebuild_index()
    seconds = time.perf_counter() - start
    build = engine.current_build()
    assert build is not None
    size = sum(path.stat().st_size for path in build.path.rglob("*") if path.is_file())
    print(
        f"Index build: {report.indexed} offers in {seconds:.1f} s ({report.indexed / seconds:.0f}/s), "
        f"{size / 1e6:.0f} MB on disk (target: under 10 s)"
    )


if __name__ == "__main__":
    main()
