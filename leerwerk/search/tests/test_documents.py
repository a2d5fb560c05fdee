"""An offer's search document, read from the database's rows as the driver returns them
(documents._raw_rows): the same values on SQLite (dates and JSON as text, booleans as
numbers) and PostgreSQL."""

import datetime

from django.utils import timezone

from leerwerk.catalogue.models import Offer
from leerwerk.catalogue.tests.factories import OfferFactory, RunFactory
from leerwerk.search.documents import _raw_rows, documents_for


def test_a_document_holds_the_offers_values_with_their_python_types(db):
    today = timezone.localdate()
    offer = OfferFactory(title="Heftruck", funding_options=["uwv", "employer", "uwv"], price_cents=45_000)
    RunFactory(offer=offer, starts_on=today + datetime.timedelta(days=40), schedule="evening")
    RunFactory(offer=offer, starts_on=today + datetime.timedelta(days=9), schedule="evening")
    RunFactory(offer=offer, anytime=True, schedule="weekend")

    [document] = documents_for([offer.pk], today=today)

    assert document.next_start == today + datetime.timedelta(days=9)
    assert type(document.next_start) is datetime.date
    assert document.anytime is True
    assert document.funding == ["employer", "uwv"]
    assert document.schedule == ["evening", "weekend"]
    assert document.price_band == "under_500"
    runs = document.card["runs"]
    assert isinstance(runs, list)
    assert [run[:2] for run in runs] == [
        [(today + datetime.timedelta(days=9)).isoformat(), False],
        [(today + datetime.timedelta(days=40)).isoformat(), False],
        [None, True],
    ]
    assert all(type(run[1]) is bool for run in runs)


def test_an_offer_without_runs_or_funding_has_empty_values(db):
    offer = OfferFactory(funding_options=[])

    [document] = documents_for([offer.pk], today=timezone.localdate())

    assert document.funding == []
    assert document.next_start is None
    assert document.anytime is False
    assert document.card["runs"] == []


def test_rows_of_a_filter_that_matches_nothing_are_none(db):
    OfferFactory()

    assert _raw_rows(Offer.objects.filter(pk__in=[]).values_list("pk")) == []
    assert list(documents_for([], today=timezone.localdate())) == []
