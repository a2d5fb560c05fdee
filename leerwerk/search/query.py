"""From what someone typed and chose to tantivy queries.

Text: every word becomes a group of alternatives: its terms in the title (weighted ×3)
and in the body, the parts of a compound ("zorgmedewerker" → zorg, medewerker), and its
synonyms (weighted ×0.5). Function words ("in", "de", "voor") are left out. Three of
every four words must match (all of one, two or three); of a compound's parts, a word for
"a course" is not needed ("lascursus"). A municipality named at the end ("bhv den bosch")
is not a word to match but a place whose offers come first, those with the words in their
titles before those that only mention them (named_place, place_preference).
With `fuzzy`, words of five letters or more also match with one typo, of eight or more
with two (as written in the titles, and as analysed in the texts, so also inside the
offers' compounds).

Filters: the choices within one facet are alternatives (OR); facets combine (AND); they
select offers and do not change how those rank. A chosen region or municipality also
lets through offers that are only online, which can be followed anywhere; those with a
run in the chosen place come first."""

import calendar
import math
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import tantivy

from leerwerk.search import analysis
from leerwerk.search.documents import ONLINE
from leerwerk.search.engine import Build, day_number

Occur = tantivy.Occur
TITLE_BOOST = 3.0
SYNONYM_BOOST = 0.5
# Added to the score of an offer with a run in the chosen place: more than a text scores
# (at most 12 words, each at most a few tens), so those offers come first.
PLACE_FIRST = 10_000.0
FREQUENT_SHARE = 0.05  # words in more than this share of the offers are not widened with synonyms
LIST_FACETS = ("level", "sector", "delivery", "funding", "schedule", "provider_kind", "region", "municipality", "price")
START_PERIODS = ("this_month", "three_months", "anytime")


# Words that say nothing about an offer ("medewerker in de zorg" means medewerker and
# zorg); left out of a query unless it has no other words.
FUNCTION_WORDS = frozenset(
    [
        "aan",
        "al",
        "als",
        "bij",
        "dat",
        "de",
        "die",
        "dit",
        "door",
        "een",
        "en",
        "het",
        "hoe",
        "in",
        "is",
        "je",
        "met",
        "na",
        "naar",
        "niet",
        "of",
        "om",
        "op",
        "over",
        "te",
        "tot",
        "uit",
        "van",
        "voor",
        "wat",
        "wie",
        "zo",
    ]
)


# Words for "a course": as the part of a compound ("lascursus", "avondcursus") they count
# where an offer has them but are not needed. As words of their own they are: "cursus
# computer" means a course, not the bachelor "Computer Science" (bench/relevance.py).
COURSE_WORDS = frozenset(
    ["cursus", "cursussen", "opleiding", "opleidingen", "training", "trainingen", "les", "lessen", "scholing"]
)


@dataclass(frozen=True)
class Filters:
    level: tuple[str, ...] = ()
    sector: tuple[str, ...] = ()
    delivery: tuple[str, ...] = ()
    funding: tuple[str, ...] = ()
    schedule: tuple[str, ...] = ()
    provider_kind: tuple[str, ...] = ()
    region: tuple[str, ...] = ()
    municipality: tuple[str, ...] = ()
    price: tuple[str, ...] = ()
    start: tuple[str, ...] = ()

    def chosen(self) -> dict[str, tuple[str, ...]]:
        return {name: getattr(self, name) for name in (*LIST_FACETS, "start") if getattr(self, name)}

    def without(self, name: str) -> "Filters":
        return Filters(**{**self.chosen(), name: ()})


def field_of(facet: str) -> str:
    return "price_band" if facet == "price" else facet


def _term(build: Build, field: str, value: str) -> tantivy.Query:
    return tantivy.Query.term_query(build.schema, field, value)


def _any_of(queries: Sequence[tantivy.Query]) -> tantivy.Query:
    if len(queries) == 1:
        return queries[0]
    return tantivy.Query.boolean_query([(Occur.Should, query) for query in queries])


def _all_of(queries: Sequence[tantivy.Query]) -> tantivy.Query:
    if not queries:
        return tantivy.Query.all_query()
    if len(queries) == 1:
        return queries[0]
    return tantivy.Query.boolean_query([(Occur.Must, query) for query in queries])


def _terms(build: Build, phrase: str) -> list[str]:
    return [token for token in build.analyzer.analyze(analysis.prepare(phrase)) if token]


def _word_group(
    build: Build,
    searcher: tantivy.Searcher,
    word: str,
    *,
    fuzzy: bool,
    correction: str | None = None,
    field: str = "body",
) -> tantivy.Query | None:
    alternatives: list[tantivy.Query] = []
    tokens = _terms(build, word)
    # The parts of a compound are all needed: "zorgmedewerker" means zorg and medewerker;
    # a course word among them is not ("lascursus": las, and cursus if it is there). Each
    # part is found in the body (which holds the title too); in the title it scores more.
    course = _course_terms(build)
    needed = [token for token in tokens if token not in course] or tokens
    parts = [
        (
            Occur.Must if token in needed else Occur.Should,
            _term(build, "title", token)
            if field == "title"
            else tantivy.Query.boolean_query(
                [
                    (Occur.Must, _term(build, "body", token)),
                    (Occur.Should, tantivy.Query.boost_query(_term(build, "title", token), TITLE_BOOST)),
                ]
            ),
        )
        for token in tokens
    ]
    if parts:
        alternatives.append(parts[0][1] if len(parts) == 1 else tantivy.Query.boolean_query(parts))
    # A word that many offers have needs no synonyms to be found, and widening it would
    # make every query with it slow.
    frequent = searcher.num_docs * FREQUENT_SHARE
    if not tokens or min(searcher.doc_freq("body", token) for token in tokens) < frequent:
        for synonym in build.vocabulary.widen(word):
            synonym_tokens = _terms(build, synonym)
            if synonym_tokens:
                together = _all_of([_term(build, field, token) for token in synonym_tokens])
                alternatives.append(tantivy.Query.boost_query(together, SYNONYM_BOOST))
    if correction:
        # The spelling the search suggests for a word it does not know ("exel" → excel),
        # scored as that word: the typo-tolerant matches below all score alike.
        corrected = _word_group(build, searcher, correction, fuzzy=False, field=field)
        if corrected is not None:
            alternatives.append(corrected)
    folded = analysis.fold(word)
    if fuzzy and len(folded) >= 5:
        # The word as written against the titles' words ("verplegkunde" → verpleegkunde),
        # and its analysed terms against the texts' terms, where compounds are split
        # ("heftuck" → heftruck, part of "heftruckchauffeur").
        distance = 2 if len(folded) >= 8 else 1
        alternatives.append(tantivy.Query.boost_query(_fuzzy(build, "title_plain", folded, distance), TITLE_BOOST))
        # One typo only in the texts: their terms are stemmed and marked ("gq", see
        # analysis.keep_ge), so two edits would join "begeleiding" and "beleid".
        near = [_fuzzy(build, field, token, 1) for token in _terms(build, word) if len(token) >= 4]
        if near:
            alternatives.append(_all_of(near))
    return _any_of(alternatives) if alternatives else None


def _course_terms(build: Build) -> frozenset[str]:
    """COURSE_WORDS as the build's analyzer makes them (kept with the build)."""
    terms = build.course_terms
    if terms is None:
        terms = build.course_terms = frozenset(token for word in COURSE_WORDS for token in _terms(build, word))
    return terms


def _fuzzy(build: Build, field: str, token: str, distance: int) -> tantivy.Query:
    return tantivy.Query.fuzzy_term_query(build.schema, field, token, distance=distance, transposition_cost_one=True)


def text_query(
    build: Build,
    searcher: tantivy.Searcher,
    text: str,
    *,
    fuzzy: bool = False,
    corrections: Mapping[str, str] | None = None,
    field: str = "body",
) -> tantivy.Query | None:
    """None when the text has no words (then everything matches). `searcher` tells how
    common each word is (see FREQUENT_SHARE); `corrections` are spellings to search for
    words the offers do not have (selectors._corrections). With `field` "title", the
    offers whose titles have the words (for place_preference), but for the words for a
    course: "Excel voor beginners" is about "excel cursus" as much as "Excel cursus" is;
    else those whose texts do."""
    words = _topic_words(text)
    if field == "title":
        words = [word for word in words if word not in COURSE_WORDS] or words
    whole = build.vocabulary.widen(text) if len(analysis.words(text)) > 1 else []
    corrections = corrections or {}
    groups = [
        group
        for word in words
        if (group := _word_group(build, searcher, word, fuzzy=fuzzy, correction=corrections.get(word), field=field))
        is not None
    ]
    if not groups:
        return None
    if len(groups) == 1 and not whole:
        return groups[0]
    needed = len(groups) if len(groups) <= 2 else math.ceil(0.75 * len(groups))
    if needed == len(groups):  # all of them: an intersection, much faster than "n of m"
        query = tantivy.Query.boolean_query([(Occur.Must, group) for group in groups])
    else:
        clauses = [(Occur.Should, group) for group in groups]
        query = tantivy.Query.boolean_query(clauses, minimum_number_should_match=needed)
    if whole:  # the whole query is a known phrase ("eerste hulp"): its synonyms count too
        synonyms = [_all_of([_term(build, field, t) for t in _terms(build, s)]) for s in whole if _terms(build, s)]
        query = _any_of([query, *[tantivy.Query.boost_query(s, SYNONYM_BOOST) for s in synonyms]])
    return query


def _topic_words(text: str) -> list[str]:
    """The words of a query that say what it is about: not the function words ("in",
    "de", "voor"), unless it has no others; at most twelve."""
    words = analysis.words(text)[:12]
    return [word for word in words if word not in FUNCTION_WORDS] or words


def estimated_count(build: Build, searcher: tantivy.Searcher, text: str) -> float:
    """About how many offers text_query(text) finds (without typos), from how many have
    each word as if the words were independent, before searching. It only chooses how to
    count the facets (counts.count_facets_aside), never what is found or counted."""
    everything = float(searcher.num_docs)
    words = _topic_words(text)
    shares = []
    for word in words:
        tokens = _terms(build, word)
        if tokens:
            shares.append(min(searcher.doc_freq("body", token) for token in tokens) / max(everything, 1.0))
    if not shares:
        return everything
    needed = len(shares) if len(shares) <= 2 else math.ceil(0.75 * len(shares))
    return everything * math.prod(sorted(shares, reverse=True)[:needed])


def _start_query(build: Build, period: str, today: date) -> tantivy.Query:
    if period == "anytime":
        return _term(build, "anytime", "yes")
    until = end_of_month(today) if period == "this_month" else months_later(today, 3)
    return tantivy.Query.range_query(
        build.schema, "next_start", tantivy.FieldType.Integer, day_number(today), day_number(until)
    )


def end_of_month(today: date) -> date:
    return today.replace(day=calendar.monthrange(today.year, today.month)[1])


def months_later(today: date, months: int) -> date:
    year, month = divmod(today.month - 1 + months, 12)
    year, month = today.year + year, month + 1
    return date(year, month, min(today.day, calendar.monthrange(year, month)[1]))


def facet_query(build: Build, facet: str, values: Sequence[str], today: date) -> tantivy.Query:
    if facet == "start":
        return _any_of([_start_query(build, value, today) for value in values])
    field = field_of(facet)
    extra = [ONLINE] if facet in ("region", "municipality") else []
    return _any_of([_term(build, field, value) for value in (*values, *extra)])


def filter_clauses(
    build: Build, filters: Filters, today: date, complete: Mapping[str, Collection[str]]
) -> list[tuple[tantivy.Occur, tantivy.Query]]:
    """The chosen filters as clauses of a boolean query. They decide which offers are
    found, never how those rank: a clause scores nothing (as a term query it would add how
    rare its value is, so choosing two levels would put the offers of the rarer one first).
    Two forms find the same offers faster:
    - a facet of one value per offer with more values chosen than left out is "none of
      those left out": a union of terms reads every offer of its values, even beside a
      rare word, while an exclusion skips to the offers it is asked about. `complete` has,
      for such facets that every offer has, the values the index holds
      (counts.complete_facets);
    - every offer that starts this month starts within three months: one range, not two."""
    clauses: list[tuple[tantivy.Occur, tantivy.Query]] = []
    for facet, values in filters.chosen().items():
        if facet == "start" and "three_months" in values:
            values = tuple(value for value in values if value != "this_month")
        others = sorted(set(complete.get(facet, ())) - set(values))
        if facet in complete and len(others) < len(values):
            clauses += [(Occur.MustNot, _term(build, field_of(facet), value)) for value in others]
        else:
            clauses.append((Occur.Must, tantivy.Query.const_score_query(facet_query(build, facet, values, today), 0.0)))
    return clauses


@dataclass(frozen=True)
class NamedPlace:
    municipality: str
    region: str
    name: str


def named_place(build: Build, text: str) -> tuple[str, list[NamedPlace]]:
    """A municipality named at the end of a query ("bhv den bosch", "heftruck in oss"): the
    query's other words, and the municipalities of that name. Only after other words that
    say what the query is about: a query of a place name alone is searched as text."""
    words = analysis.words(text)[:12]
    for length in range(min(4, len(words) - 1), 0, -1):
        found = build.vocabulary.places.get(" ".join(words[-length:]))
        if found and any(word not in FUNCTION_WORDS for word in words[:-length]):
            return " ".join(words[:-length]), [NamedPlace(*item) for item in found]
    return text, []


def place_preference(
    build: Build,
    searcher: tantivy.Searcher,
    filters: Filters,
    named: Sequence[NamedPlace] = (),
    about: str = "",
    *,
    fuzzy: bool = False,
    corrections: Mapping[str, str] | None = None,
) -> tantivy.Query | None:
    """Offers with a run in the chosen region or municipality before the online ones. For
    a place named in the query, the offers with the words of `about` (the query without the
    place; with typos when `fuzzy`, as text_query) in their titles first, held there, then
    in its region, then elsewhere; then the others in that order: an offer that only
    mentions the words in its text ("kok tilburg": a course for hosts in Tilburg that names
    cooking) comes after one about them elsewhere. Within each group the text's scores
    order them (PLACE_FIRST is more than any)."""
    chosen = [_term(build, "region", code) for code in filters.region]
    chosen += [_term(build, "municipality", code) for code in filters.municipality]
    preferences = [tantivy.Query.const_score_query(_any_of(chosen), PLACE_FIRST)] if chosen else []
    for place in named:
        preferences.append(
            tantivy.Query.const_score_query(_term(build, "municipality", place.municipality), PLACE_FIRST)
        )
        if place.region:
            preferences.append(tantivy.Query.const_score_query(_term(build, "region", place.region), PLACE_FIRST))
    titled = text_query(build, searcher, about, fuzzy=fuzzy, corrections=corrections, field="title") if named else None
    if titled is not None:
        # More than the place and its region together (2 × PLACE_FIRST).
        preferences.append(tantivy.Query.const_score_query(titled, 3 * PLACE_FIRST))
    return _any_of(preferences) if preferences else None


def combined(
    build: Build,
    text: tantivy.Query | None,
    filters: list[tuple[tantivy.Occur, tantivy.Query]],
    preference: tantivy.Query | None = None,
) -> tantivy.Query:
    """The text (None: every offer) under the filters (filter_clauses), with a preference."""
    clauses = list(filters)
    if text is not None:
        clauses.append((Occur.Must, text))
    if preference is not None:
        clauses.append((Occur.Should, preference))
    if not clauses:
        return tantivy.Query.all_query()
    if not any(occur == Occur.Must for occur, _query in clauses):
        clauses.append((Occur.Must, tantivy.Query.all_query()))
    if len(clauses) == 1:
        return clauses[0][1]
    return tantivy.Query.boolean_query(clauses)
