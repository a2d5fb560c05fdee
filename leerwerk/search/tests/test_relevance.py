"""The search keeps its relevance on the demo catalogue: the judged queries of
data/relevance.json score at least the floor measured when they were judged
(bench/relevance.py prints the full figures, against a plain baseline)."""

import io
import json

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from leerwerk.catalogue.selectors import public_offers
from leerwerk.search import engine
from leerwerk.search.relevance import (
    RELEVANCE_FILE,
    JudgedQuery,
    Judgement,
    K,
    load_judged_queries,
    ndcg,
    score_query,
    summarise,
    unmatched_judgements,
)
from leerwerk.search.selectors import search_offers
from leerwerk.search.services import rebuild_index

# The module fixture below seeds the test database: the mark makes sure it is the test
# database, also when only tests that do not ask for it are chosen.
pytestmark = pytest.mark.django_db

# Measured on 2026-11-24 with bench/relevance.py and this test, 71 judged queries: mean
# nDCG@10 0.947 over three runs (0.943 before offers titled with the words came first for a
# place named in the query), and none of the 71 queries without any result (on
# 2026-11-23: 0.874–0.884 and 3 without results, before typos searched the suggested
# spelling, a course word in a compound became optional and a place at the end of a query
# became a preference). The margin of 0.03 covers a spread between index builds (offers
# that tie in score come back in another order); raise the floors when the search gets
# better.
MEAN_NDCG_FLOOR = 0.947 - 0.03
ZERO_RESULT_RATE_CEILING = 0.015  # a second query without results (2.8 %) fails; today none
# Typo and abbreviation queries that find nothing relevant today, and why. Remove a query
# here when the search learns it: the test fails until then, so this list stays true.
KNOWN_MISSES: dict[str, str] = {}


@pytest.fixture(scope="module")
def scores(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo catalogue seeded, indexed and searched once for this module (seeding
    2,600 offers takes seconds); the database is rolled back and the index dropped after."""
    index = tmp_path_factory.mktemp("relevance-index")
    with django_db_blocker.unblock(), override_settings(SEARCH_INDEX_DIR=str(index)), transaction.atomic():
        engine.reader.forget()
        call_command("load_occupations", stdout=io.StringIO())
        call_command("seed_demo", stdout=io.StringIO())
        rebuild_index()
        catalogue = list(public_offers().values_list("provider__name", "title"))
        judged_queries = load_judged_queries()
        found = {}
        for judged in judged_queries:
            results = search_offers(text=judged.query, page_size=K)
            ranked = [(hit.provider, hit.title) for hit in results.hits]
            found[judged.query] = score_query(judged, ranked, results.total, catalogue)
        transaction.set_rollback(True)
    engine.reader.forget()
    return {"catalogue": catalogue, "judged": judged_queries, "scores": found}


def test_every_judgement_names_offers_of_the_demo_catalogue(scores):
    stale = unmatched_judgements(scores["judged"], scores["catalogue"])
    assert [(query, judgement.describe()) for query, judgement in stale] == []


def test_the_search_keeps_its_relevance_floor(scores):
    summary = summarise(list(scores["scores"].values()))
    assert summary.queries >= 40
    assert summary.mean_ndcg >= MEAN_NDCG_FLOOR, summary
    assert summary.zero_result_rate <= ZERO_RESULT_RATE_CEILING, summary


def test_typos_and_abbreviations_find_a_relevant_offer(scores):
    checked = [score for score in scores["scores"].values() if score.kind in ("typo", "abbreviation")]
    assert checked
    missed = {score.query for score in checked if score.relevant_in_top == 0}
    assert missed == set(KNOWN_MISSES)


# The scoring itself, on made-up judgements.

NURSING = JudgedQuery(
    query="verpleegkunde",
    kind="word",
    judgements=(
        Judgement(grade=3, title_matches=r"^Verpleegkunde\b"),
        Judgement(grade=2, title_contains=("verpleegkundige",)),
        Judgement(grade=1, title="Verzorgende IG (BOL)", provider="Curio"),
    ),
)
CATALOGUE = [
    ("Fontys", "Verpleegkunde"),
    ("Avans", "Verpleegkunde (deeltijd)"),
    ("Summa", "Mbo-verpleegkundige (BOL)"),
    ("Curio", "Verzorgende IG (BOL)"),
    ("Summa", "Verzorgende IG (BOL)"),
    ("Summa", "Kok (BOL)"),
]


def test_an_offer_has_the_highest_grade_it_matches_regardless_of_case_and_accents():
    assert NURSING.grade("Fontys", "VERPLEEGKUNDE") == 3
    assert NURSING.grade("Summa", "Mbo-verpleegkundige (BBL)") == 2
    assert NURSING.grade("Curio", "Verzorgende IG (BOL)") == 1
    assert NURSING.grade("Summa", "Verzorgende IG (BOL)") == 0  # another provider
    assert Judgement(grade=3, title_contains=("coordinator", "beveiliging")).matches("X", "Coördinator beveiliging")


def test_ndcg_is_one_for_the_ideal_ranking_and_less_for_any_other():
    ideal = score_query(NURSING, CATALOGUE[:4], total=4, catalogue=CATALOGUE)
    assert ideal.ndcg == pytest.approx(1.0)
    assert ideal.relevant_in_top == 4
    swapped = score_query(NURSING, [CATALOGUE[2], CATALOGUE[0], CATALOGUE[1]], total=3, catalogue=CATALOGUE)
    assert 0 < swapped.ndcg < 1
    assert score_query(NURSING, [CATALOGUE[5]], total=1, catalogue=CATALOGUE).ndcg == 0.0
    # Gains 2^grade − 1 over log2(rank + 1): one grade-2 offer alone against 3, 3, 2, 1.
    expected = 3 / (7 + 7 / 1.5849625 + 3 / 2 + 1 / 2.3219281)
    assert ndcg([2], [3, 3, 2, 1, 0]) == pytest.approx(expected)


def test_the_summary_counts_queries_without_results():
    found = score_query(NURSING, CATALOGUE[:1], total=1, catalogue=CATALOGUE)
    nothing = score_query(NURSING, [], total=0, catalogue=CATALOGUE)
    summary = summarise([found, nothing])
    assert summary.zero_result_rate == 0.5
    assert summary.mean_ndcg == pytest.approx(found.ndcg / 2)


@pytest.mark.parametrize(
    "entry",
    [
        {"grade": 3},  # no title criterion
        {"title": "Kok", "title_contains": "Kok", "grade": 3},  # two
        {"title": "Kok", "grade": 4},
        {"title_matches": "(", "grade": 1},
        {"title": "Kok", "grade": 3, "id": 12},  # database ids do not last
    ],
)
def test_the_loader_refuses_imprecise_judgements(tmp_path, entry):
    path = tmp_path / "relevance.json"
    path.write_text(json.dumps({"queries": [{"query": "kok", "kind": "word", "relevant": [entry]}]}))
    with pytest.raises(ValueError, match="kok"):
        load_judged_queries(path)


def test_the_judged_file_is_large_and_varied_enough():
    judged = load_judged_queries()
    kinds = {query.kind for query in judged}
    assert len(judged) >= 40
    assert kinds == {"word", "inflection", "compound", "typo", "abbreviation", "multiword", "place"}
    provenance = json.loads(RELEVANCE_FILE.read_text(encoding="utf-8"))["provenance"]
    assert "Written for Leerwerk, judged on the demo catalogue of seed 2026" in provenance
