"""What a Dutch query finds: accents, stemming, compounds, synonyms, typos and suggestions."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from leerwerk.catalogue.tests.factories import OfferFactory
from leerwerk.search.analysis import fold, keep_ge, words
from leerwerk.search.selectors import _closest, _distance, search_offers, suggest
from leerwerk.search.services import rebuild_index

FILLER = "Een praktische opleiding met veel oefenen in de praktijk."

TITLES = {
    "barista": "Barista in het café",
    "coordinator": "Coördinator vrijwilligerswerk",
    "zorg": "Medewerker in de zorg",
    "verpleeg": "Verpleegkundige niveau 4",
    "beleid": "Beleid maken voor gemeenten",
    "begeleiding": "Begeleiding van jongeren",
    "vca": "VCA Basis",
    "bhv": "Bedrijfshulpverlening herhaling",
    "ehbo": "Eerste hulp bij ongelukken",
    "heftruck": "Vorkheftruck rijden",
    "ict": "Informatica voor beginners",
    "lassen": "Lastechniek MIG/MAG",
    "boekhouden": "Boekhouden voor de kleine ondernemer",
}


@pytest.fixture
def offers(db):
    made = {key: OfferFactory(title=title, description=FILLER).pk for key, title in TITLES.items()}
    made["zorgbreed"] = OfferFactory(title="Zorgmedewerker thuiszorg", description=FILLER).pk
    rebuild_index()
    return made


def found(text):
    return {hit.id for hit in search_offers(text=text, page_size=100).hits}


def test_words_are_folded_and_ge_is_kept_from_the_stemmer():
    assert words("Café Coördinator") == ["cafe", "coordinator"]
    assert fold("Coördinator") == "coordinator"
    assert keep_ge("begeleiding gebouw gemeente") == "begqleiding gqbouw gqmeente"
    assert keep_ge("beleid") == "beleid"


@pytest.mark.parametrize(
    ("query", "key"),
    [
        ("cafe", "barista"),  # accents do not matter
        ("café", "barista"),
        ("coordinator", "coordinator"),
        ("coördinatoren", "coordinator"),  # plural, stemmed
        ("verpleegkunde", "verpleeg"),  # a synonym
        ("vca", "vca"),
        ("bhv", "bhv"),
        ("ehbo", "ehbo"),
        ("heftruck", "heftruck"),
        ("ict", "ict"),
        ("lasser", "lassen"),
    ],
)
def test_a_query_finds_the_offer_it_means(offers, query, key):
    assert offers[key] in found(query)


def test_a_compound_query_finds_its_parts_apart(offers):
    assert offers["zorg"] in found("zorgmedewerker")
    assert offers["zorgbreed"] in found("zorgmedewerker")


def test_a_part_finds_the_compound(offers):
    assert offers["zorgbreed"] in found("zorg")
    assert offers["zorgbreed"] in found("medewerker")


def test_begeleiding_is_not_beleid(offers):
    assert offers["beleid"] not in found("begeleiding")
    assert offers["begeleiding"] not in found("beleid")
    assert offers["begeleiding"] in found("begeleiding")


def test_the_title_counts_more_than_the_text(db):
    in_text = OfferFactory(title="Praktijkopleiding", description="Ook over heftruck rijden.").pk
    in_title = OfferFactory(title="Heftruck", description=FILLER).pk
    rebuild_index()
    assert [hit.id for hit in search_offers(text="heftruck").hits] == [in_title, in_text]


def test_most_words_must_match(offers):
    # One word of two that matches is not enough…
    assert found("heftruck gemeenten") == set()
    # …one word of four that does not match is allowed, two are not.
    assert offers["heftruck"] in found("vorkheftruck rijden praktijk halen")
    assert offers["heftruck"] not in found("vorkheftruck rijden certificaat halen")


def test_typos_are_allowed_only_when_little_is_found(offers):
    results = search_offers(text="boekhoudne")
    assert [hit.id for hit in results.hits] == [offers["boekhouden"]]
    assert results.with_typos
    assert results.suggestion == "boekhouden"

    exact = search_offers(text="boekhouden")
    assert not exact.with_typos
    assert exact.suggestion == ""


def test_nothing_found_suggests_a_spelling(offers):
    results = search_offers(text="barsita xyzzyq")
    assert results.total == 0
    assert results.suggestion.startswith("barista")


def test_suggest_completes_the_last_word_from_titles(offers):
    assert "heftruck" not in suggest(prefix="vork")  # completions are whole title words
    assert suggest(prefix="vork") == ["vorkheftruck"]
    assert suggest(prefix="eerste hu") == ["eerste hulp"]
    assert suggest(prefix="v") == []  # too short to complete


def test_without_an_index_search_says_it_is_not_ready(db):
    OfferFactory(title="Heftruck")
    results = search_offers(text="heftruck")
    assert not results.ready
    assert results.hits == []
    assert suggest(prefix="heft") == []


def _full_distance(first: str, second: str) -> int:
    """Levenshtein distance with transpositions counted once, every cell computed."""
    rows = [[i + j if not i or not j else 0 for j in range(len(second) + 1)] for i in range(len(first) + 1)]
    for i in range(1, len(first) + 1):
        for j in range(1, len(second) + 1):
            rows[i][j] = min(
                rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + (first[i - 1] != second[j - 1])
            )
            if i > 1 and j > 1 and first[i - 1] == second[j - 2] and first[i - 2] == second[j - 1]:
                rows[i][j] = min(rows[i][j], rows[i - 2][j - 2] + 1)
    return rows[-1][-1]


@settings(max_examples=500, deadline=None)
@given(first=st.text("abcde", max_size=10), second=st.text("abcde", max_size=10), limit=st.integers(0, 2))
def test_the_spelling_distance_computes_only_what_can_stay_within_reach(first, second, limit):
    full = _full_distance(first, second)
    assert _distance(first, second, limit) == (full if full <= limit else limit + 1)


class _Titles:
    """The words of the offers' titles, as a searcher lists them (in the dictionary's order)."""

    def __init__(self, frequencies: dict[str, int]) -> None:
        self.frequencies = frequencies

    def terms_with_prefix(self, field: str, prefix: str) -> list[tuple[str, int]]:
        return sorted((term, count) for term, count in self.frequencies.items() if term.startswith(prefix))


def _closest_by_every_word(titles: _Titles, word: str) -> str:
    """The most common title word within reach (the first in the dictionary's order of
    those as common and as near), every word measured."""
    limit = 2 if len(word) >= 8 else 1
    for prefix in (word[:2], word[:1]):
        near = [
            (_full_distance(word, term), -count, term)
            for term, count in titles.terms_with_prefix("title_plain", prefix)
            if _full_distance(word, term) <= limit
        ]
        if near:
            return min(near, key=lambda item: item[:2])[2]
    return word


@settings(max_examples=300, deadline=None)
@given(
    frequencies=st.dictionaries(st.text("aeknrst", min_size=3, max_size=9), st.integers(1, 4), max_size=25),
    word=st.text("aeknrst", min_size=4, max_size=9),
)
def test_the_closest_spelling_is_the_most_common_word_within_reach(frequencies, word):
    titles = _Titles(frequencies)
    assert _closest(titles, word) == _closest_by_every_word(titles, word)  # type: ignore[arg-type]
