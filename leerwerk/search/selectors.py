"""Searching the catalogue: the one way the product queries the search engine.

Public surface: `search_offers(*, text, filters, sort, page) -> OfferResults`,
`suggest(*, prefix)`, `Filters`, `OfferResults`, `OfferHit`, `RunInfo`, `FacetCount`, `SORTS`.

Facet counts follow the usual rule of faceted search: the count next to a choice is the
number of results there would be with that choice added to the others of its facet (the
choices within a facet are alternatives), under every other facet's choices and the text.
"""

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

import tantivy
from django.utils import timezone

from leerwerk.search import analysis, counts, engine
from leerwerk.search.counts import Counts, PendingCounts, count_facets, count_facets_aside, filter_size
from leerwerk.search.documents import ONLINE
from leerwerk.search.query import (
    LIST_FACETS,
    START_PERIODS,
    Filters,
    combined,
    estimated_count,
    filter_clauses,
    named_place,
    place_preference,
    text_query,
)

SORTS = ("relevance", "price", "title")
PAGE_SIZE = 20
FEW = 5  # fewer results than this: try again allowing typos

__all__ = ["SORTS", "FacetCount", "Filters", "OfferHit", "OfferResults", "RunInfo", "search_offers", "suggest"]


@dataclass(slots=True)
class FacetCount:
    """A value of a facet and how many results there would be with it chosen. Not frozen,
    with slots: a search makes some hundreds (one per municipality), and these are made in
    a third of the time a frozen dataclass takes."""

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
    named_places: list[str] = field(default_factory=list)  # municipalities named at the end of the text
    ready: bool = True  # False when this host has no search index yet

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.page_size))

    @property
    def chosen_places_first(self) -> bool:
        """Offers held in the chosen regions or municipalities come first (ordered by relevance)."""
        return self.sort == "relevance" and bool(self.filters.region or self.filters.municipality)

    @property
    def named_places_first(self) -> list[str]:
        """The places named in the text whose offers come first (ordered by relevance)."""
        return self.named_places if self.sort == "relevance" else []

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
    # A place named at the end ("bhv den bosch") is not a word the offers must have: those
    # held there come first.
    about, named = named_place(build, text)
    results.named_places = [place.name for place in named]
    wanted = text_query(build, searcher, about)
    chosen = filter_clauses(build, filters, today, counts.complete_facets(snapshot, filters, today))
    preference = place_preference(build, searcher, filters, named, about)
    # A text search has its facets counted while its results are found (counts.
    # PendingCounts; without a text, they are kept: counts._filter_counts).
    early = _count_early(snapshot, wanted, about, filters, today)
    hits, total = _search(searcher, combined(build, wanted, chosen, preference), results)
    # Typos are tolerated when the text alone (whatever the filters) finds little, so that
    # a filter never changes which words count as found. The text alone finds at least what
    # it finds with the filters: it is counted only when that is few.
    suggestion: str | None = None
    if about.strip() and total < FEW and (_count(searcher, combined(build, wanted, [])) if chosen else total) < FEW:
        if early is not None:
            early.discard()  # counted for the words as typed: perhaps not those used
            early = None
        # The spelling the page suggests, found now (a text with typos finds nothing, or
        # finds more with them allowed, and then the page shows it): it tells about how
        # many the typos let through, so those are counted while the search runs.
        corrections = _corrections(build, searcher, about)
        suggestion = _spelling(text, corrections)
        fuzzy = text_query(build, searcher, about, fuzzy=True, corrections=corrections)
        if named:  # the offers titled with the words, typos allowed
            preference = place_preference(build, searcher, filters, named, about, fuzzy=True, corrections=corrections)
        early = _count_early(snapshot, fuzzy, _spelling(about, corrections) or about, filters, today)
        more_hits, more = _search(searcher, combined(build, fuzzy, chosen, preference), results)
        if more > total:
            wanted, hits, total, results.with_typos = fuzzy, more_hits, more, True
        elif early is not None:
            early.discard()  # counted for the words with typos: not used
            early = None
    results.total = total
    results.hits = _hits(searcher, hits)
    tally = early.result() if early is not None else count_facets(snapshot, wanted, total, filters, today)
    unfiltered = _total_without_filters(tally, filters)
    results.facets = _facets(tally, filters)
    if total == 0 or results.with_typos:
        if suggestion is None:
            suggestion = _spelling(text, _corrections(build, searcher, about))
        results.suggestion = suggestion
        if filters.chosen():
            results.total_without_filters = (
                unfiltered if unfiltered is not None else _count(searcher, combined(build, wanted, []))
            )
    return results


def _count_early(
    snapshot: engine.Snapshot, query: tantivy.Query | None, text: str, filters: Filters, today: date
) -> PendingCounts | None:
    """The facet counts of `query`, begun before its results are searched, when `text`
    finds something under the filters (about: counts.AT_ONCE_FROM); else None."""
    if query is None:
        return None
    searcher = snapshot.searcher
    estimate = estimated_count(snapshot.build, searcher, text) * filter_size(snapshot, filters, today)
    estimate /= max(searcher.num_docs, 1)
    if estimate < counts.AT_ONCE_FROM:
        return None
    return count_facets_aside(snapshot, query, estimate, filters, today)


def _total_without_filters(tally: Counts, filters: Filters) -> int | None:
    """How many the text finds without the filters, when the counts tell: with one facet
    chosen, its counts are taken without filters, and when each offer has one value of it,
    they add up to the whole. None otherwise."""
    chosen = list(filters.chosen())
    if len(chosen) == 1 and chosen[0] in counts.ONE_VALUE_FACETS:
        return sum(tally[chosen[0]].values())
    return None


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


def _facets(counts: Counts, filters: Filters) -> dict[str, list[FacetCount]]:
    """Each facet's counts (counts.count_facets) as the page lists them: the most first,
    a chosen value also when nothing is left, offers only online counted in every place."""
    chosen = filters.chosen()
    facets: dict[str, list[FacetCount]] = {}
    for facet in LIST_FACETS:
        values = counts.get(facet, {})
        online = values.pop(ONLINE, 0) if facet in ("region", "municipality") else 0
        selected = chosen.get(facet, ())
        # Sorted as (-count, value) pairs, the most first, made into FacetCounts after.
        order = sorted([(-count - online, value) for value, count in values.items()])
        order += [(-online, value) for value in dict.fromkeys(selected) if value not in values]
        if len(order) > len(values):
            order.sort()
        facets[facet] = [FacetCount(value, -negative, value in selected) for negative, value in order]
    facets["start"] = [FacetCount(period, counts["start"][period], period in filters.start) for period in START_PERIODS]
    return facets


def _corrections(build: engine.Build, searcher: tantivy.Searcher, text: str) -> dict[str, str]:
    """For each word of four letters or more that no offer has, the most common known word
    at one or two typos' distance, when there is one."""
    corrections = {}
    for word in analysis.words(text):
        if len(word) >= 4 and word not in corrections and not _known(build, searcher, word):
            replacement = _closest(searcher, word)
            if replacement != word:
                corrections[word] = replacement
    return corrections


def _spelling(text: str, corrections: dict[str, str]) -> str:
    """The text with its corrections; empty when there is nothing better to suggest."""
    if not corrections:
        return ""
    return " ".join(corrections.get(word, word) for word in analysis.words(text))


def _known(build: engine.Build, searcher: tantivy.Searcher, word: str) -> bool:
    """The word occurs in some offer: in a title as written, or in a text as analysed."""
    if searcher.doc_freq("title_plain", word):
        return True
    terms = [token for token in build.analyzer.analyze(analysis.prepare(word)) if token]
    return bool(terms) and all(searcher.doc_freq("body", term) for term in terms)


def _closest(searcher: tantivy.Searcher, word: str) -> str:
    """The most common word of the offers' titles within one or two typos of `word` (of
    those as common, the first in the dictionary's order). The most common words are tried
    first: once one is within reach, a less common one must be nearer to win, so the reach
    shrinks, and a word one typo away ends the search."""
    limit = 2 if len(word) >= 8 else 1
    for prefix in (word[:2], word[:1]):
        terms = searcher.terms_with_prefix("title_plain", prefix)
        best: tuple[int, str] | None = None
        reach = limit
        for _common, _order, term in sorted((-frequency, order, term) for order, (term, frequency) in enumerate(terms)):
            if reach < 0:
                break
            if abs(len(term) - len(word)) > reach:
                continue
            distance = _distance(word, term, reach)
            if distance <= reach:
                best = (distance, term)
                reach = distance - 1
        if best is not None:
            return best[1]
    return word


def _distance(first: str, second: str, limit: int) -> int:
    """Levenshtein distance with transpositions counted once, or `limit` + 1 when it is
    more than `limit`. Only the cells within `limit` of the diagonal can stay within it,
    so only those are computed (the others count as `limit` + 1)."""
    beyond = limit + 1
    if abs(len(first) - len(second)) > limit:
        return beyond
    width = len(second) + 1
    previous_previous: list[int] = []
    previous = [min(j, beyond) for j in range(width)]
    for i, left in enumerate(first, start=1):
        current = [beyond] * width
        if i <= limit:
            current[0] = i
        low, high = max(1, i - limit), min(len(second), i + limit)
        for j in range(low, high + 1):
            right = second[j - 1]
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (left != right))
            if i > 1 and j > 1 and left == second[j - 2] and first[i - 2] == right:
                value = min(value, previous_previous[j - 2] + 1)
            current[j] = min(value, beyond)
        if min(current[low - 1 : high + 1]) > limit:
            return beyond
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
