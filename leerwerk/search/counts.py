"""Facet counts: how many of the offers a search finds have each value of a facet.

An aggregation reads every offer it counts, one value per fast field it reads (the cost
of a search that counts every facet over tens of thousands of offers), so:

- it reads few fast fields: places as pairs of a municipality and a region
  (engine.PLACE_COLUMNS), and over many offers (COMBINE_FROM) the facets of few values
  of an offer together in one value, when two or more of them are asked for
  (engine.COMBINED_COLUMNS);
- it counts the smaller side: when a text finds most of the offers that the filters
  leave, the counts are those of the filters alone minus those of the offers the text
  does not find. The counts of the filters alone are kept per index generation (they are
  the same for every search with those filters until the index changes: the whole
  catalogue, and the choices people make on the search page without a text or beside a
  text of theirs), at most CACHED_FILTER_SETS of them, the least recently used going first;
- a text search that finds something has its facets counted while its results are
  searched, partly in a thread of its own (PendingCounts): tantivy lets go of the
  interpreter while it searches and aggregates, so the second core counts.

Public surface: `count_facets`, `count_facets_aside` (`PendingCounts`), `complete_facets`,
`filter_size`, `FACETS`, `AT_ONCE_FROM`."""

import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Collection, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import date
from functools import lru_cache
from typing import Any

import tantivy

from leerwerk.search import engine
from leerwerk.search.documents import NONE, ONLINE
from leerwerk.search.query import (
    LIST_FACETS,
    Filters,
    end_of_month,
    filter_clauses,
    months_later,
)

FACETS = (*LIST_FACETS, "start")
CACHED_FILTER_SETS = 256
MAX_BUCKETS = 65_536  # more than any field has values: the counts are never cut short
# From about this many offers, reading a combined field is cheaper than reading its parts
# one by one: it saves a field per offer, and costs a few hundred values more to return.
COMBINE_FROM = 30_000
# When the text finds more than this share of what the filters leave, the counts are taken
# from the other side.
OTHER_SIDE_FROM = 0.5
# From this many offers found (about), the counts are taken while the results are searched
# (bench/search.py: it pays from a few hundred offers, and costs little below). None found
# (a word without postings) means a search with typos allowed follows: not then.
AT_ONCE_FROM = 1
ASIDE_FACETS = frozenset({"region", "municipality", "funding", "schedule"})  # see PendingCounts
ALL_ASIDE_BELOW = 0.25  # the other side, against what is found, below which it is counted aside
ONE_VALUE_FACETS = ("level", "sector", "delivery", "provider_kind", "price")  # one value per offer
Counts = dict[str, dict[str, int]]

# What a fast field holds: its parts, in order, each named after a facet's field
# ("price_band" for price, "anytime" for the start anytime).
_SET_COLUMNS = {f"{facet}_set": (facet,) for facet in engine.SET_FACETS}
_PLACE_PARTS = ("municipality", "region")
_PART_OF = {"price": "price_band", "start": "anytime"}
_FACET_OF = {"price_band": "price", "anytime": "start"}


def count_facets(
    snapshot: engine.Snapshot,
    wanted: tantivy.Query | None,
    total: float,
    filters: Filters,
    today: date,
    *,
    only: Collection[str] = FACETS,
) -> Counts:
    """Each facet's counts (of the facets `only`) under every chosen filter but its own
    (choices within a facet are alternatives) among the offers `wanted` finds (every offer
    when None); `total` is how many it finds under all the filters. One aggregation for the
    facets without a choice, one per chosen facet."""
    chosen = filters.chosen()
    asked = [facet for facet in FACETS if facet in only]
    jobs: list[tuple[Filters, list[str]]] = [(filters, [facet for facet in asked if facet not in chosen])]
    jobs += [(filters.without(facet), [facet]) for facet in asked if facet in chosen]
    everything = filter_size(snapshot, filters, today)
    counts: Counts = {}
    for base, facets in jobs:
        if not facets:
            continue
        # Under fewer filters, the text finds (about) as many in the proportion of what
        # those filters leave.
        found = total if base is filters else total * filter_size(snapshot, base, today) / max(everything, 1.0)
        counts.update(_count(snapshot, wanted, base, facets, found, today))
    return counts


class PendingCounts:
    """Facet counts under way while the caller searches for the results, in a thread of
    its own from the start: tantivy lets go of the interpreter while it searches and
    aggregates, so a second core counts. That thread counts the places and the sets (the
    fields that cost most to count), and the caller the others when it asks for the
    result; when they are counted from a small other side (a search that finds nearly all
    of the offers, which takes longest, and little to count), that thread counts them all.
    For searches that find something (AT_ONCE_FROM); on a busy host the parts cost about
    what they cost one after the other, plus a hand-over."""

    def __init__(
        self, snapshot: engine.Snapshot, wanted: tantivy.Query | None, total: float, filters: Filters, today: date
    ) -> None:
        self.here = (snapshot, wanted, total, filters, today)
        left = filter_size(snapshot, filters, today)
        small_other_side = total > left * OTHER_SIDE_FROM and left - total < total * ALL_ASIDE_BELOW
        aside = FACETS if small_other_side else ASIDE_FACETS
        self.rest = [facet for facet in FACETS if facet not in aside]
        self.aside: Future[Counts] = _helper().submit(count_facets, snapshot, wanted, total, filters, today, only=aside)

    def result(self) -> Counts:
        counts = count_facets(*self.here, only=self.rest) if self.rest else {}
        counts.update(self.aside.result())
        return counts

    def discard(self) -> None:
        """Not needed after all (the search went on with typos allowed)."""
        self.aside.result()


def count_facets_aside(
    snapshot: engine.Snapshot, wanted: tantivy.Query | None, total: float, filters: Filters, today: date
) -> PendingCounts:
    """count_facets, begun while the caller searches for the results (`total` is then an
    estimate: it only chooses the side to count from)."""
    return PendingCounts(snapshot, wanted, total, filters, today)


_helpers: dict[int, ThreadPoolExecutor] = {}
_helpers_lock = threading.Lock()


def _helper() -> ThreadPoolExecutor:
    """The counting threads of this process: per process id, since the threads of a pool
    made before a fork (gunicorn's workers) do not exist in the child. Two, for servers
    that answer several requests at once in one process."""
    with _helpers_lock:
        helper = _helpers.get(os.getpid())
        if helper is None:
            helper = _helpers[os.getpid()] = ThreadPoolExecutor(max_workers=2, thread_name_prefix="facet-counts")
        return helper


def _count(
    snapshot: engine.Snapshot,
    wanted: tantivy.Query | None,
    base: Filters,
    facets: Sequence[str],
    found: float,
    today: date,
) -> Counts:
    """The counts of `facets` among the offers that `wanted` finds under `base`, from the
    side with fewer offers; `found` is (about) how many it finds."""
    if wanted is None:
        return _pick(_filter_counts(snapshot, base, today), facets)
    searcher = snapshot.searcher
    size = filter_size(snapshot, base, today)
    if found <= size * OTHER_SIDE_FROM:
        query = _counting_query(snapshot, base, today, [(tantivy.Occur.Must, wanted)])
        return buckets(searcher, query, facets, today, found=found)
    whole = _filter_counts(snapshot, base, today)
    outside = _counting_query(snapshot, base, today, [(tantivy.Occur.MustNot, wanted)])
    missing = buckets(searcher, outside, facets, today, found=size - found)
    return {
        facet: {
            value: count - missing[facet].get(value, 0)
            for value, count in whole[facet].items()
            if count - missing[facet].get(value, 0) or facet == "start"
        }
        for facet in facets
    }


def _counting_query(
    snapshot: engine.Snapshot, filters: Filters, today: date, text: list[tuple[tantivy.Occur, tantivy.Query]]
) -> tantivy.Query:
    """The offers the filters leave, with `text`, for counting only."""
    clauses = [*text, *filter_clauses(snapshot.build, filters, today, complete_facets(snapshot, filters, today))]
    if not any(occur == tantivy.Occur.Must for occur, _query in clauses):
        clauses.append((tantivy.Occur.Must, tantivy.Query.all_query()))
    return (
        clauses[0][1]
        if len(clauses) == 1 and clauses[0][0] == tantivy.Occur.Must
        else tantivy.Query.boolean_query(clauses)
    )


def complete_facets(snapshot: engine.Snapshot, filters: Filters, today: date) -> dict[str, frozenset[str]]:
    """Of the facets of one value per offer with two or more values chosen, those that
    every offer of the index has, with the values it holds (for query.filter_clauses)."""
    chosen = filters.chosen()
    asked = [facet for facet in ONE_VALUE_FACETS if len(chosen.get(facet, ())) >= 2]
    if not asked:
        return {}
    catalogue = _filter_counts(snapshot, Filters(), today)
    everything = snapshot.searcher.num_docs
    return {facet: frozenset(catalogue[facet]) for facet in asked if sum(catalogue[facet].values()) == everything}


def _pick(counts: Counts, facets: Sequence[str]) -> Counts:
    return {facet: dict(counts[facet]) for facet in facets}


# --- The counts of filters alone, per index generation -------------------------------------

_filter_cache: "OrderedDict[tuple[str, int, date, Filters], Counts]" = OrderedDict()
_filter_cache_lock = threading.Lock()


def _cache_key(snapshot: engine.Snapshot, filters: Filters, today: date) -> tuple[str, int, date, Filters]:
    return (snapshot.build.name, snapshot.generation, today, filters)


def _filter_counts(snapshot: engine.Snapshot, filters: Filters, today: date) -> Counts:
    """Every facet's counts among the offers the filters leave (the whole catalogue
    without filters), kept for the index generation."""
    key = _cache_key(snapshot, filters, today)
    with _filter_cache_lock:
        counts = _filter_cache.get(key)
        if counts is not None:
            _filter_cache.move_to_end(key)
            return counts
    # Kept, so counted once: the combined fields whatever the size.
    query = _counting_query(snapshot, filters, today, [])
    counts = buckets(snapshot.searcher, query, FACETS, today, found=COMBINE_FROM)
    with _filter_cache_lock:
        stale = [old for old in _filter_cache if old[:3] != key[:3]]
        for old in stale:
            del _filter_cache[old]
        _filter_cache[key] = counts
        while len(_filter_cache) > CACHED_FILTER_SETS:
            _filter_cache.popitem(last=False)
    return counts


def filter_size(snapshot: engine.Snapshot, filters: Filters, today: date) -> float:
    """How many offers the filters leave: exact when their counts are kept, else estimated
    from the catalogue's counts as if the facets were independent (it only chooses the
    side to count from)."""
    key = _cache_key(snapshot, filters, today)
    with _filter_cache_lock:
        counts = _filter_cache.get(key)
    if counts is not None:
        return float(sum(counts["level"].values()))  # every offer has one level
    catalogue = _filter_counts(snapshot, Filters(), today)
    everything = float(sum(catalogue["level"].values()))
    size = everything
    for facet, chosen in filters.chosen().items():
        values = catalogue[facet]
        extra = values.get(ONLINE, 0) if facet in _PLACE_PARTS else 0
        share = (sum(values.get(value, 0) for value in chosen) + extra) / max(everything, 1.0)
        size *= min(1.0, share)
    return size


# --- One aggregation -------------------------------------------------------------------------


def buckets(
    searcher: tantivy.Searcher, query: tantivy.Query, facets: Collection[str], today: date, *, found: float = 0
) -> Counts:
    """The counts of the values of `facets` among the offers that `query` finds (about
    `found` of them), in one aggregation (one pass over them)."""
    if not facets:
        return {}
    wanted = frozenset(_PART_OF.get(facet, facet) for facet in facets)
    columns = _columns(wanted, combine=found >= COMBINE_FROM)
    specification: dict[str, Any] = {name: {"terms": {"field": name, "size": MAX_BUCKETS}} for name, _parts in columns}
    if "start" in facets:
        specification["start_next"] = _start_specification(today)
    answer = searcher.aggregate(query, specification)
    parts: dict[str, dict[str, int]] = {part: {} for part in wanted}
    for name, column_parts in columns:
        decode = _decoder(column_parts, wanted)
        for bucket in answer.get(name, {}).get("buckets", []):
            count = bucket["doc_count"]
            for part, value in decode(bucket["key"]):
                values = parts[part]
                values[value] = values.get(value, 0) + count
    counts: Counts = {}
    for part, values in parts.items():
        facet = _FACET_OF.get(part, part)
        counts[facet] = _start_counts(answer["start_next"], values) if facet == "start" else values
    return counts


@lru_cache(maxsize=64)
def _columns(wanted: frozenset[str], *, combine: bool) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The fast fields to read for the parts `wanted`, with their parts: when `combine`, a
    combined field where it holds two or more of them; else a field per facet."""
    left = set(wanted)
    columns: list[tuple[str, tuple[str, ...]]] = []
    for name, parts in engine.COMBINED_COLUMNS.items():
        if combine and len(left.intersection(parts)) >= 2:
            columns.append((name, parts))
            left.difference_update(parts)
    if left.intersection(_PLACE_PARTS):
        columns += [(name, _PLACE_PARTS) for name in engine.PLACE_COLUMNS]
        left.difference_update(_PLACE_PARTS)
    columns += [(name, parts) for name, parts in _SET_COLUMNS.items() if parts[0] in left]
    columns += [(part, (part,)) for part in sorted(left) if part in engine.SINGLE_FACETS]
    return tuple(columns)


@lru_cache(maxsize=256)
def _decoder(parts: tuple[str, ...], wanted: frozenset[str]) -> Callable[[str], tuple[tuple[str, str], ...]]:
    """What one value of a fast field with `parts` stands for, of the parts `wanted`:
    "mbo2|classroom|free|no" is four values, "employer+uwv" two (a set counts for each of
    its values), NONE none. Kept per value: a field has a few hundred."""

    @lru_cache(maxsize=16_384)
    def decode(key: str) -> tuple[tuple[str, str], ...]:
        values = []
        for part, value in zip(parts, key.split(engine.PART), strict=True):
            if part not in wanted:
                continue
            for one in value.split(engine.SEPARATOR) if part in engine.SET_FACETS else (value,):
                if one != NONE:
                    values.append((part, one))
        return tuple(values)

    return decode


def _start_specification(today: date) -> dict[str, Any]:
    """The start periods from the next start: this month is [today, end of the month],
    within three months adds (end of the month, three months later]."""
    first, month_end = engine.day_number(today), engine.day_number(end_of_month(today)) + 1
    ranges = [
        {"key": "this_month", "from": first, "to": month_end},
        {"key": "later", "from": month_end, "to": engine.day_number(months_later(today, 3)) + 1},
    ]
    return {"range": {"field": "next_start", "ranges": ranges}}


def _start_counts(answer: dict[str, Any], anytime: dict[str, int]) -> dict[str, int]:
    ranges = {bucket["key"]: int(bucket["doc_count"]) for bucket in answer["buckets"]}
    return {
        "this_month": ranges.get("this_month", 0),
        "three_months": ranges.get("this_month", 0) + ranges.get("later", 0),
        "anytime": anytime.get("yes", 0),
    }


__all__ = [
    "AT_ONCE_FROM",
    "FACETS",
    "Counts",
    "PendingCounts",
    "buckets",
    "complete_facets",
    "count_facets",
    "count_facets_aside",
    "filter_size",
]
