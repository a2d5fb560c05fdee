"""Searching the catalogue: the one way the product queries the search engine.

Public surface: `search_offers(*, text, filters, sort, page) -> OfferResults`,
`suggest(*, prefix)`, `Filters`, `OfferResults`, `OfferHit`, `RunInfo`, `FacetCount`, `SORTS`.

Facet counts follow the usual rule of faceted search: the count next to a choice is the
number of results there would be with that choice added to the others of its facet (the
choices within a facet are alternatives), under every other facet's choices and the text.
"""

import json
import threading
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import tantivy
from django.utils import timezone

from leerwerk.search import analysis, engine
from leerwerk.search.documents import ONLINE
from leerwerk.search.query import (
    LIST_FACETS,
    START_PERIODS,
    Filters,
    combined,
    end_of_month,
    field_of,
    filter_query,
    months_later,
    place_preference,
    text_query,
)

SORTS = ("relevance", "price", "title")
PAGE_SIZE = 20
FEW = 5  # fewer results than this: try again allowing typos
MAX_FACET_VALUES = 400

__all__ = ["SORTS", "FacetCount", "Filters", "OfferHit", "OfferResults", "RunInfo", "search_offers", "suggest"]


@dataclass(frozen=True)
class FacetCount:
    value: str
    count: int
    selected: bool


@dataclass(frozen=True)
class RunInfo:
    starts_on: date | None
    start_anytime: bool
    place: str  # the municipality's name; empty when online
    schedule: str


@dataclass(frozen=True)
class OfferHit:
    """One result, as the index keeps it (no database needed to show a page of results)."""

    id: int
    title: str
    provider: str
    provider_id: int
    level: str
    delivery: str
    price_cents: int | None
    runs: list[RunInfo]

    def next_run(self, today: date) -> RunInfo | None:
        """The first run that still starts, else one that starts anytime."""
        coming = [run for run in self.runs if run.starts_on and run.starts_on >= today]
        if coming:
            return min(coming, key=lambda run: run.starts_on or date.max)
        return next((run for run in self.runs if run.start_anytime), None)


@dataclass
class OfferResults:
    text: str
    filters: Filters
    sort: str
    page: int
    page_size: int
    total: int = 0
    hits: list["OfferHit"] = field(default_factory=list)
    facets: dict[str, list[FacetCount]] = field(default_factory=dict)
    # When little or nothing was found: a spelling that finds more, and how many results
    # there would be without the filters.
    suggestion: str = ""
    total_without_filters: int | None = None
    with_typos: bool = False
    ready: bool = True  # False when this host has no search index yet

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.page_size))

    @property
    def first_number(self) -> int:
        """The position of this page's first result in the whole list, from 1."""
        return (self.page - 1) * self.page_size + 1


def search_offers(
    *,
    text: str = "",
    filters: Filters | None = None,
    sort: str = "relevance",
    page: int = 1,
    page_size: int = PAGE_SIZE,
    today: date | None = None,
) -> OfferResults:
    filters = filters or Filters()
    today = today or timezone.localdate()
    page = max(1, page)
    results = OfferResults(
        text=text, filters=filters, sort=sort if sort in SORTS else "relevance", page=page, page_size=page_size
    )
    snapshot = engine.reader.snapshot()
    if snapshot is None:
        results.ready = False
        return results
    build, searcher = snapshot.build, snapshot.searcher
    wanted = text_query(build, searcher, text)
    chosen = filter_query(build, filters, today)
    hits, total = _search(searcher, combined(build, wanted, chosen, place_preference(build, filters)), results)
    # Typos are tolerated when the text alone (whatever the filters) finds little, so that
    # a filter never changes which words count as found. The text alone finds at least what
    # it finds with the filters: it is counted only when that is few.
    if text.strip() and total < FEW and (_count(searcher, combined(build, wanted, [])) if chosen else total) < FEW:
        fuzzy = text_query(build, searcher, text, fuzzy=True)
        more_hits, more = _search(searcher, combined(build, fuzzy, chosen, place_preference(build, filters)), results)
        if more > total:
            wanted, hits, total, results.with_typos = fuzzy, more_hits, more, True
    results.total = total
    results.hits = _hits(searcher, hits)
    results.facets = _facets(snapshot, wanted, total, filters, today)
    if total == 0 or results.with_typos:
        results.suggestion = _spelling(build, searcher, text)
        if filters.chosen():
            results.total_without_filters = _count(searcher, combined(build, wanted, []))
    return results


def _search(
    searcher: tantivy.Searcher, query: tantivy.Query, results: OfferResults
) -> tuple[list[tantivy.DocAddress], int]:
    offset = (results.page - 1) * results.page_size
    sort_field = {"price": "price", "title": "title_sort"}.get(results.sort)
    if sort_field:
        found = searcher.search(
            query, results.page_size, count=True, offset=offset, order_by_field=sort_field, order=tantivy.Order.Asc
        )
    else:
        found = searcher.search(query, results.page_size, count=True, offset=offset)
    return [address for _score, address in found.hits], _total(found)


def _total(found: tantivy.SearchResult) -> int:
    count: int | None = getattr(found, "count", None)  # the type stubs lack `count`
    return int(count or 0)


def _count(searcher: tantivy.Searcher, query: tantivy.Query) -> int:
    return _total(searcher.search(query, 1, count=True))  # tantivy wants a limit of at least one


def _hits(searcher: tantivy.Searcher, addresses: Sequence[tantivy.DocAddress]) -> list[OfferHit]:
    hits = []
    for address in addresses:
        card = json.loads(searcher.doc(address)["card"][0])
        runs = [
            RunInfo(date.fromisoformat(start) if start else None, bool(anytime), place, schedule)
            for start, anytime, place, schedule in card["runs"]
        ]
        hits.append(
            OfferHit(
                id=card["id"],
                title=card["title"],
                provider=card["provider"],
                provider_id=card["provider_id"],
                level=card["level"],
                delivery=card["delivery"],
                price_cents=card["price_cents"],
                runs=runs,
            )
        )
    return hits


def _buckets(
    searcher: tantivy.Searcher, query: tantivy.Query, facets: Sequence[str], today: date
) -> dict[str, dict[str, int]]:
    """The counts of the values of `facets` among the offers that `query` finds, in one
    aggregation (one pass over them)."""
    if not facets:
        return {}
    fields = [name for facet in facets if facet != "start" for name in _count_fields(facet)]
    specification: dict[str, Any] = {name: {"terms": {"field": name, "size": MAX_FACET_VALUES}} for name in fields}
    if "start" in facets:
        specification.update(_start_specification(today))
    answer = searcher.aggregate(query, specification)
    buckets = {
        name: [(bucket["key"], int(bucket["doc_count"])) for bucket in answer.get(name, {}).get("buckets", [])]
        for name in fields
    }
    counts: dict[str, dict[str, int]] = {}
    for facet in facets:
        if facet == "start":
            counts[facet] = _start_counts(answer)
            continue
        values = counts[facet] = defaultdict(int)
        for name in _count_fields(facet):
            for key, count in buckets[name]:
                # A set of values ("employer+uwv") counts for each of them.
                for value in key.split(engine.SEPARATOR) if facet in engine.SET_FACETS else (key,):
                    if value != engine.NONE:
                        values[value] += count
    return counts


def _count_fields(facet: str) -> tuple[str, ...]:
    """The fast fields whose values count for a facet (see engine.SINGLE_FACETS)."""
    if facet in engine.SET_FACETS:
        return (f"{facet}_set",)
    if facet in engine.PLACE_FACETS:
        return tuple(facet + position for position in engine.PLACE_POSITIONS)
    return (field_of(facet),)


def _start_specification(today: date) -> dict[str, Any]:
    """The start periods from the next start: this month is [today, end of the month],
    within three months adds (end of the month, three months later]."""
    first, month_end = engine.day_number(today), engine.day_number(end_of_month(today)) + 1
    ranges = [
        {"key": "this_month", "from": first, "to": month_end},
        {"key": "later", "from": month_end, "to": engine.day_number(months_later(today, 3)) + 1},
    ]
    return {
        "start_next": {"range": {"field": "next_start", "ranges": ranges}},
        "start_anytime": {"terms": {"field": "anytime", "size": 2}},
    }


def _start_counts(answer: dict[str, Any]) -> dict[str, int]:
    ranges = {bucket["key"]: int(bucket["doc_count"]) for bucket in answer["start_next"]["buckets"]}
    anytime = {bucket["key"]: int(bucket["doc_count"]) for bucket in answer["start_anytime"]["buckets"]}
    return {
        "this_month": ranges.get("this_month", 0),
        "three_months": ranges.get("this_month", 0) + ranges.get("later", 0),
        "anytime": anytime.get("yes", 0),
    }


def _facets(
    snapshot: engine.Snapshot, wanted: tantivy.Query | None, total: int, filters: Filters, today: date
) -> dict[str, list[FacetCount]]:
    """Each facet's counts under every chosen filter but its own (choices within a facet
    are alternatives): one aggregation for the facets without a choice, one per chosen facet."""
    build, searcher = snapshot.build, snapshot.searcher
    chosen = filters.chosen()
    all_facets = (*LIST_FACETS, "start")
    if chosen:
        everything = combined(build, wanted, filter_query(build, filters, today))
        counts = _buckets(searcher, everything, [facet for facet in all_facets if facet not in chosen], today)
    else:
        counts = _unfiltered_counts(snapshot, wanted, total, today)
    for facet in all_facets:
        if facet in chosen:
            others = combined(build, wanted, filter_query(build, filters.without(facet), today))
            counts.update(_buckets(searcher, others, [facet], today))
    facets: dict[str, list[FacetCount]] = {}
    for facet in LIST_FACETS:
        values = counts.get(facet, {})
        online = values.pop(ONLINE, 0) if facet in ("region", "municipality") else 0
        selected = set(chosen.get(facet, ()))
        items = {value: count + online for value, count in values.items()}
        for value in selected:
            items.setdefault(value, online)
        facets[facet] = sorted(
            (FacetCount(value, count, value in selected) for value, count in items.items()),
            key=lambda item: (-item.count, item.value),
        )
    facets["start"] = [FacetCount(period, counts["start"][period], period in filters.start) for period in START_PERIODS]
    return facets


# The counts over the whole catalogue, per index generation (and day): the same for every
# search until the index changes. One entry: a new generation replaces it.
_catalogue_counts: dict[tuple[str, int, date], dict[str, dict[str, int]]] = {}
_catalogue_counts_lock = threading.Lock()


def _unfiltered_counts(
    snapshot: engine.Snapshot, wanted: tantivy.Query | None, total: int, today: date
) -> dict[str, dict[str, int]]:
    """The counts of every facet among the offers the text finds. When it finds more than
    half of the catalogue, they are the catalogue's counts minus those of the offers it
    does not find: an aggregation reads every offer it counts, so counting the smaller
    side is faster (broad words, such as "cursus", and no text at all)."""
    facets = [*LIST_FACETS, "start"]
    searcher = snapshot.searcher
    if wanted is not None and total <= searcher.num_docs // 2:
        return _buckets(searcher, wanted, facets, today)
    key = (snapshot.build.name, snapshot.generation, today)
    with _catalogue_counts_lock:
        catalogue = _catalogue_counts.get(key)
    if catalogue is None:
        catalogue = _buckets(searcher, tantivy.Query.all_query(), facets, today)
        with _catalogue_counts_lock:
            _catalogue_counts.clear()
            _catalogue_counts[key] = catalogue
    if wanted is None:
        return {facet: dict(values) for facet, values in catalogue.items()}
    outside = tantivy.Query.boolean_query(
        [(tantivy.Occur.Must, tantivy.Query.all_query()), (tantivy.Occur.MustNot, wanted)]
    )
    missing = _buckets(searcher, outside, facets, today)
    return {
        facet: {
            value: count - missing[facet].get(value, 0)
            for value, count in values.items()
            if count - missing[facet].get(value, 0) or facet == "start"
        }
        for facet, values in catalogue.items()
    }


def _spelling(build: engine.Build, searcher: tantivy.Searcher, text: str) -> str:
    """The text with each unknown word replaced by the most common known word at one or
    two typos' distance; empty when there is nothing better to suggest."""
    corrected = []
    changed = False
    for word in analysis.words(text):
        replacement = word if len(word) < 4 or _known(build, searcher, word) else _closest(searcher, word)
        changed = changed or replacement != word
        corrected.append(replacement)
    return " ".join(corrected) if changed else ""


def _known(build: engine.Build, searcher: tantivy.Searcher, word: str) -> bool:
    """The word occurs in some offer: in a title as written, or in a text as analysed."""
    if searcher.doc_freq("title_plain", word):
        return True
    terms = [token for token in build.analyzer.analyze(analysis.prepare(word)) if token]
    return bool(terms) and all(searcher.doc_freq("body", term) for term in terms)


def _closest(searcher: tantivy.Searcher, word: str) -> str:
    """The most common word of the offers' titles within one or two typos of `word`."""
    limit = 2 if len(word) >= 8 else 1
    best: tuple[int, int, str] | None = None
    for prefix in (word[:2], word[:1]):
        for term, frequency in searcher.terms_with_prefix("title_plain", prefix):
            if abs(len(term) - len(word)) > limit:
                continue
            distance = _distance(word, term, limit)
            if distance <= limit and (best is None or (distance, -frequency) < best[:2]):
                best = (distance, -frequency, term)
        if best is not None:
            return best[2]
    return word


def _distance(first: str, second: str, limit: int) -> int:
    """Levenshtein distance with transpositions counted once, stopping beyond `limit`."""
    previous_previous: list[int] = []
    previous = list(range(len(second) + 1))
    for i, left in enumerate(first, start=1):
        current = [i]
        for j, right in enumerate(second, start=1):
            cost = 0 if left == right else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and left == second[j - 2] and first[i - 2] == right:
                value = min(value, previous_previous[j - 2] + 1)
            current.append(value)
        if min(current) > limit:
            return limit + 1
        previous_previous, previous = previous, current
    return previous[-1]


def suggest(*, prefix: str, limit: int = 8) -> list[str]:
    """Completions of what someone is typing: the words before the last one as typed, the
    last one completed with words from the offers' titles, most common first."""
    build = engine.current_build()
    typed = analysis.words(prefix)
    if build is None or not typed or len(typed[-1]) < 2:
        return []
    searcher = build.index.searcher()
    head = " ".join(typed[:-1])
    completions = searcher.terms_with_prefix("title_plain", typed[-1], limit=limit)
    return [f"{head} {term}".strip() for term, _count in completions]
