"""What a Dutch query finds: accents, stemming, compounds, synonyms, typos and suggestions."""

import pytest

from leerwerk.catalogue.tests.factories import OfferFactory
from leerwerk.search.analysis import fold, keep_ge, words
from leerwerk.search.selectors import search_offers, suggest
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
