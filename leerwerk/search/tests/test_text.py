"""What a Dutch query finds: accents, stemming, compounds, synonyms, typos and suggestions."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from leerwerk.catalogue.tests.factories import OfferFactory, RunFactory
from leerwerk.regions.models import Municipality
from leerwerk.search.analysis import fold, keep_ge, words
from leerwerk.search.selectors import _closest, _distance, search_offers, suggest
from leerwerk.search.services import rebuild_index
from leerwerk.search.vocabulary import build_vocabulary

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
    "excel": "Excel voor beginners",
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


def test_a_short_word_with_a_typo_finds_the_spelling_it_suggests(offers):
    """Four letters are too few for typo tolerance ("exel" would be as near to many
    words), but a word no offer has is searched as the most common word within reach."""
    results = search_offers(text="exel")
    assert [hit.id for hit in results.hits] == [offers["excel"]]
    assert (results.with_typos, results.suggestion) == (True, "excel")


def test_a_course_word_in_a_compound_is_not_needed(db):
    """ "lascursus": las (as in lassen, lastechniek), and cursus where an offer has it; this
    welding offer does not say "cursus" or the like. As a word of its own it is needed
    ("cursus computer" means a course, not a degree)."""
    welding = OfferFactory(title="Lastechniek", description="Veilig werken met gas en stroom.").pk
    rebuild_index()
    assert found("lascursus") == {welding}
    assert found("lassen cursus") == set()


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


def test_the_vocabulary_knows_municipalities_as_people_name_them():
    places = build_vocabulary(
        titles=[],
        occupation_labels=[],
        municipalities=[
            ("GM0796", "'s-Hertogenbosch", "AM27"),
            ("GM0344", "Utrecht (gemeente)", "AM13"),
            ("GM0373", "Bergen (NH.)", "AM15"),
            ("GM0893", "Bergen (L.)", "AM29"),
            ("GM0748", "Bergen op Zoom", "AM25"),
        ],
    ).places
    bosch = [["GM0796", "AM27", "'s-Hertogenbosch"]]
    assert places["s hertogenbosch"] == places["hertogenbosch"] == places["den bosch"] == bosch  # place_names.txt
    assert places["utrecht"] == [["GM0344", "AM13", "Utrecht (gemeente)"]]
    assert [code for code, _region, _name in places["bergen"]] == ["GM0373", "GM0893"]
    assert [code for code, _region, _name in places["bergen op zoom"]] == ["GM0748"]


@pytest.fixture
def bhv(db):
    """BHV where it is held: in Den Bosch, in Oss (the same region, AM27), in Groningen, online."""
    held = {}
    for code in ("GM0796", "GM0828", "GM0014"):
        held[code] = OfferFactory(title="BHV basis", description=FILLER, delivery="classroom").pk
        RunFactory(offer_id=held[code], municipality=Municipality.objects.get(code=code))
    held["online"] = OfferFactory(title="BHV basis", description=FILLER, delivery="online").pk
    rebuild_index()
    return held


@pytest.mark.parametrize("text", ["bhv den bosch", "BHV in 's-Hertogenbosch", "bhv hertogenbosch"])
def test_a_place_at_the_end_of_a_query_puts_the_offers_held_there_first(bhv, text):
    results = search_offers(text=text)
    ids = [hit.id for hit in results.hits]
    assert ids[:2] == [bhv["GM0796"], bhv["GM0828"]]  # the place, then its region
    assert set(ids[2:]) == {bhv["GM0014"], bhv["online"]}  # the others, not left out
    assert results.named_places == ["'s-Hertogenbosch"]


@pytest.mark.parametrize("text", ["schilder den bosch", "schlider den bosch"])
def test_with_a_place_named_offers_about_the_words_come_before_those_that_only_mention_them(db, text):
    """An offer titled with the words comes first where it is held, then in its region,
    then elsewhere; one that only names them in its text (held in the place) after those."""
    offers = {}
    for key, title, code in [
        ("there", "Schilder", "GM0796"),
        ("region", "Schilder", "GM0828"),
        ("elsewhere", "Schilder", "GM0014"),
        ("mentions there", "Vastgoedonderhoud", "GM0796"),
        ("mentions elsewhere", "Vastgoedonderhoud", "GM0014"),
    ]:
        description = FILLER if title == "Schilder" else f"{FILLER} Samen met de schilder en de timmerman."
        offers[key] = OfferFactory(title=title, description=description, delivery="classroom").pk
        RunFactory(offer_id=offers[key], municipality=Municipality.objects.get(code=code))
    rebuild_index()
    results = search_offers(text=text)
    assert results.with_typos == (text != "schilder den bosch")
    order = ["there", "region", "elsewhere", "mentions there", "mentions elsewhere"]
    assert [hit.id for hit in results.hits] == [offers[key] for key in order]


def test_with_a_place_named_a_title_without_the_course_word_is_about_the_words(db):
    """For "excel cursus den bosch", "Excel" held there comes before "Excel cursus" elsewhere."""
    there = OfferFactory(title="Excel", description=f"{FILLER} Een korte cursus.", delivery="classroom").pk
    RunFactory(offer_id=there, municipality=Municipality.objects.get(code="GM0796"))
    elsewhere = OfferFactory(title="Excel cursus", description=FILLER, delivery="classroom").pk
    RunFactory(offer_id=elsewhere, municipality=Municipality.objects.get(code="GM0014"))
    rebuild_index()
    assert [hit.id for hit in search_offers(text="excel cursus den bosch").hits] == [there, elsewhere]


def test_a_place_alone_or_first_is_searched_as_words(bhv):
    assert search_offers(text="den bosch").named_places == []
    # As words, the place must be in the offer's text, which has its places' names.
    first = search_offers(text="oss bhv")
    assert ([hit.id for hit in first.hits], first.named_places) == ([bhv["GM0828"]], [])
