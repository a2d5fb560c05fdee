"""Facet counts are right under every combination of filters: checked against a count by
brute force over the database, for filter combinations that hypothesis makes up."""

import datetime
import math
import random

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leerwerk.catalogue.models import Offer, Run
from leerwerk.catalogue.selectors import public_offers
from leerwerk.catalogue.tests.factories import OfferFactory, ProviderFactory, RunFactory
from leerwerk.regions.models import Municipality
from leerwerk.regions.selectors import current_year, list_places
from leerwerk.search import counts
from leerwerk.search.documents import place_pairs, price_band
from leerwerk.search.query import LIST_FACETS, Filters, end_of_month, months_later
from leerwerk.search.selectors import search_offers
from leerwerk.search.services import rebuild_index

TODAY = timezone.localdate()  # the index counts start periods from the day it was built
LEVELS = ["mbo2", "mbo3", "bachelor", "none"]
SECTORS = ["care", "ict", "logistics"]
DELIVERIES = ["online", "classroom", "blended"]
FUNDING = ["free", "employer", "uwv", "own_budget"]
SCHEDULES = ["daytime", "evening", "weekend"]
MUNICIPALITIES = ["GM0796", "GM0828", "GM0855", "GM0772", "GM0014"]  # AM27, AM27, AM26, AM28, AM01
PRICES = [None, 0, 29_500, 125_000, 350_000]
TEXTS = ["", "zorg", "heftruck avond", "opleiding", "7"]  # "7": one title
PLACES = ("region", "municipality")


@pytest.fixture
def catalogue(db):
    """Sixty offers of every kind, in a fixed random order; a few not public."""
    rng = random.Random(7)
    places = {m.code: m for m in Municipality.objects.filter(code__in=MUNICIPALITIES)}
    providers = [ProviderFactory(kind=kind) for kind in ("mbo_school", "private_trainer", "university")]
    providers.append(ProviderFactory(suspended=True))
    words = ["zorg", "heftruck", "opleiding", "medewerker", "avond", "logistiek"]
    for number in range(60):
        offer = OfferFactory(
            provider=rng.choice(providers),
            title=f"{rng.choice(words).capitalize()} {rng.choice(words)} {number}",
            description=" ".join(rng.choices(words, k=6)),
            level=rng.choice(LEVELS),
            sector=rng.choice(SECTORS),
            delivery=rng.choice(DELIVERIES),
            funding_options=sorted(set(rng.sample(FUNDING, rng.randint(0, 3)))),
            price_cents=rng.choice(PRICES),
            status=rng.choice(["published"] * 9 + ["withdrawn"]),
        )
        for _run in range(rng.randint(0, 5)):
            if rng.random() < 0.2:
                RunFactory(offer=offer, anytime=True, schedule=rng.choice(SCHEDULES))
            else:
                RunFactory(
                    offer=offer,
                    starts_on=TODAY + datetime.timedelta(days=rng.randint(-30, 200)),
                    municipality=places[rng.choice(MUNICIPALITIES)] if rng.random() < 0.8 else None,
                    schedule=rng.choice(SCHEDULES),
                )
    rebuild_index()
    return _facts()


def _facts() -> dict[int, dict[str, set[str]]]:
    """What each public offer is, by brute force from the database."""
    places = list_places(year=current_year())
    facts: dict[int, dict[str, set[str]]] = {}
    for offer in public_offers().select_related("provider"):
        runs = list(Run.objects.filter(offer=offer).select_related("municipality"))
        codes = {run.municipality.code for run in runs if run.municipality}
        starts = {run.starts_on for run in runs if run.starts_on}
        start = set()
        if any(TODAY <= day <= end_of_month(TODAY) for day in starts):
            start.add("this_month")
        if any(TODAY <= day <= months_later(TODAY, 3) for day in starts):
            start.add("three_months")
        if any(run.start_anytime for run in runs):
            start.add("anytime")
        facts[offer.pk] = {
            "level": {offer.level},
            "sector": {offer.sector},
            "delivery": {offer.delivery},
            "funding": set(offer.funding_options),
            "schedule": {run.schedule for run in runs if run.schedule},
            "provider_kind": {offer.provider.kind},
            "region": {places[code][1] for code in codes} or {"online"},
            "municipality": codes or {"online"},
            "price": {price_band(offer.price_cents)},
            "start": start,
        }
    return facts


def _matches(fact: dict[str, set[str]], filters: Filters) -> bool:
    for facet, chosen in filters.chosen().items():
        allowed = set(chosen) | ({"online"} if facet in ("region", "municipality") else set())
        if not fact[facet] & allowed:
            return False
    return True


def _all_ids(text: str) -> set[int]:
    found: set[int] = set()
    page = 1
    while True:
        results = search_offers(text=text, page=page, page_size=100, today=TODAY)
        found |= {hit.id for hit in results.hits}
        if page >= results.pages:
            return found
        page += 1


_choices = {
    "level": LEVELS,
    "sector": SECTORS,
    "delivery": DELIVERIES,
    "funding": FUNDING,
    "schedule": SCHEDULES,
    "provider_kind": ["mbo_school", "private_trainer", "university"],
    "region": ["AM27", "AM26", "AM01"],
    "municipality": MUNICIPALITIES,
    "price": ["free", "under_500", "500_2000", "over_2000", "unknown"],
    "start": ["this_month", "three_months", "anytime"],
}
filter_sets = st.fixed_dictionaries(
    {facet: st.lists(st.sampled_from(values), max_size=2, unique=True).map(tuple) for facet, values in _choices.items()}
).map(lambda chosen: Filters(**chosen))


def test_the_catalogue_has_offers_with_several_values_per_facet(catalogue):
    """The index keeps an offer's places as the first two and the rest, and its funding
    options as one set: the brute-force test below must meet offers with three or more."""
    for facet in ("region", "municipality", "funding", "schedule"):
        assert any(len(fact[facet]) >= 3 for fact in catalogue.values()), facet


def test_the_brute_force_test_meets_both_ways_of_counting(catalogue):
    """Counts are taken over the offers a text finds, or, when it finds more than half of
    them, as the catalogue's counts minus those of the rest (counts.count_facets):
    the test below must meet texts of both kinds."""
    totals = {text: search_offers(text=text, today=TODAY).total for text in TEXTS if text}
    public = len(catalogue)
    assert any(total > public / 2 for total in totals.values()), totals
    assert any(0 < total <= public / 2 for total in totals.values()), totals


# The ways of counting (search.counts), each forced for every search: the offers found, or
# the other side (the filters' counts, kept per generation, minus those of the offers not
# found); the combined fast fields or one per facet; while the results are searched, in a
# thread of its own, or after.
WAYS_OF_COUNTING = {
    "as_chosen": {},
    "found_side": {"OTHER_SIDE_FROM": math.inf},
    "other_side": {"OTHER_SIDE_FROM": -1.0},
    "combined_fields_at_once": {"COMBINE_FROM": 0, "AT_ONCE_FROM": 0},
    "other_side_combined_at_once": {"OTHER_SIDE_FROM": -1.0, "COMBINE_FROM": 0, "AT_ONCE_FROM": 0},
}


@pytest.fixture(params=sorted(WAYS_OF_COUNTING))
def way_of_counting(request, monkeypatch):
    for name, value in WAYS_OF_COUNTING[request.param].items():
        monkeypatch.setattr(counts, name, value)
    return request.param


def test_the_other_side_is_counted_with_filters_too(catalogue, monkeypatch):
    """With filters, a text that finds most of what they leave is counted from the other
    side by default (the test below also forces each way for every search)."""
    sides = []
    count = counts._count

    def recording(snapshot, wanted, base, facets, found, today):
        sides.append((bool(base.chosen()), found > counts.filter_size(snapshot, base, today) * counts.OTHER_SIDE_FROM))
        return count(snapshot, wanted, base, facets, found, today)

    monkeypatch.setattr(counts, "_count", recording)
    search_offers(text="opleiding", filters=Filters(level=("mbo2", "mbo3", "bachelor", "none")), today=TODAY)
    assert (True, True) in sides


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(filters=filter_sets, text=st.sampled_from(TEXTS))
def test_results_and_facet_counts_equal_a_brute_force_count(catalogue, way_of_counting, filters, text):
    base = {pk: fact for pk, fact in catalogue.items() if pk in _all_ids(text)} if text else catalogue
    results = search_offers(text=text, filters=filters, today=TODAY, page_size=100)

    expected = {pk for pk, fact in base.items() if _matches(fact, filters)}
    assert results.total == len(expected)
    assert {hit.id for hit in results.hits} == expected

    for facet in (*LIST_FACETS, "start"):
        others = filters.without(facet)
        counted = {item.value: item.count for item in results.facets[facet]}
        if facet != "start":  # the most first (the search page shows the first municipalities)
            order = [(-item.count, item.value) for item in results.facets[facet]]
            assert order == sorted(order), (facet, filters, text)
        for value in _choices[facet]:
            brute = sum(
                1 for fact in base.values() if _matches(fact, others) and _matches(fact, Filters(**{facet: (value,)}))
            )
            # A place is listed only where something is held; online offers count everywhere.
            unlisted = (
                sum(1 for fact in base.values() if _matches(fact, others) and fact[facet] == {"online"})
                if facet in ("region", "municipality")
                else 0
            )
            assert counted.get(value, unlisted) == brute, (facet, value, filters, text)


def test_the_fixture_has_offers_that_are_not_public(catalogue):
    assert len(catalogue) < Offer.objects.count()
    assert len(catalogue) > 30


def test_a_text_with_typos_and_one_filter_tells_how_many_it_finds_without_it(catalogue):
    """With one facet of one value per offer chosen, its counts tell (selectors.
    _total_without_filters); otherwise a count: both as many as the search without filters."""
    for filters in (Filters(level=("mbo2",)), Filters(region=("AM27",)), Filters(level=("mbo2",), sector=("care",))):
        results = search_offers(text="opleidnig", filters=filters, today=TODAY)
        assert results.with_typos
        assert results.total_without_filters == search_offers(text="opleidnig", today=TODAY).total


@pytest.mark.parametrize(
    ("municipalities", "regions", "pairs"),
    [
        (["online"], ["online"], [("online", "online")]),
        (["GM0796"], ["AM27"], [("GM0796", "AM27")]),
        (["GM0796", "GM0828", "GM0855"], ["AM26", "AM27"], [("GM0796", "AM27"), ("GM0828", "-"), ("GM0855", "AM26")]),
        (["GM9999"], ["online"], [("GM9999", "online")]),  # a place without a region
        (["GM0796"], ["AM27", "AM99"], [("GM0796", "AM27"), ("-", "AM99")]),
    ],
)
def test_each_place_of_an_offer_is_in_one_pair(municipalities, regions, pairs):
    region_of = {"GM0796": "AM27", "GM0828": "AM27", "GM0855": "AM26"}
    assert place_pairs(municipalities, regions, region_of) == pairs


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(filters=filter_sets, text=st.sampled_from([text for text in TEXTS if text]))
def test_filters_do_not_change_the_order_of_what_they_leave(catalogue, filters, text):
    """Choosing filters takes offers away and leaves the others in their order: a filter
    scores nothing (two levels chosen do not put the rarer level first). A chosen place is
    the exception (test_api: offers held there come first), so places are left out here."""
    filters = Filters(**{facet: values for facet, values in filters.chosen().items() if facet not in PLACES})
    everything = [hit.id for hit in search_offers(text=text, today=TODAY, page_size=100).hits]
    left = [hit.id for hit in search_offers(text=text, filters=filters, today=TODAY, page_size=100).hits]
    assert left == [pk for pk in everything if pk in set(left)]
