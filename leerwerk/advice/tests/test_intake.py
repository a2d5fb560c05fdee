"""Intake: advice requests of a region become a person and a case each."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from leerwerk.advice.models import Case, Person
from leerwerk.advice.services.cases import take_in_requests
from leerwerk.audit.models import ProcessingLogEntry
from leerwerk.catalogue.tests.factories import OfferFactory
from leerwerk.journeys.models import AdviceRequest
from leerwerk.journeys.tests.factories import AdviceRequestFactory, InterestFactory
from leerwerk.regions.models import Municipality

pytestmark = pytest.mark.django_db


def test_a_new_request_becomes_a_person_and_a_case_with_its_details():
    municipality = Municipality.objects.get(name="Oss")
    request = AdviceRequestFactory(
        name="Noor Jansen",
        email="noor@voorbeeld.test",
        phone="0611111111",
        municipality=municipality,
        postcode="",
        goal=AdviceRequest.Goal.OTHER_WORK,
        situation=AdviceRequest.Situation.THREATENED_WITH_DISMISSAL,
        message="Mijn baan verdwijnt.",
    )
    created = timezone.now() - datetime.timedelta(days=3)
    AdviceRequest.objects.filter(pk=request.pk).update(created_at=created)

    assert take_in_requests(region_codes={"AM27"}) == 1

    case = Case.objects.select_related("person").get(request=request)
    assert case.region_code == "AM27"
    assert case.status == Case.Status.NEW
    assert case.received_at == created
    assert (case.goal, case.situation, case.source) == ("other_work", "threatened_with_dismissal", "form")
    assert case.question == "Mijn baan verdwijnt."
    person = case.person
    assert (person.name, person.email, person.phone) == ("Noor Jansen", "noor@voorbeeld.test", "0611111111")
    assert person.municipality == municipality
    assert person.region_code == "AM27"
    assert person.consent_version == "advice-1"
    assert person.consented_at == request.consented_at


def test_taking_in_twice_makes_no_second_case():
    AdviceRequestFactory.create_batch(2)

    assert take_in_requests(region_codes={"AM27"}) == 2
    assert take_in_requests(region_codes={"AM27"}) == 0
    assert Case.objects.count() == 2
    assert Person.objects.count() == 2


def test_only_new_requests_of_the_given_regions_are_taken_in():
    AdviceRequestFactory(region_code="AM27")
    AdviceRequestFactory(region_code="AM28")
    AdviceRequestFactory(region_code="AM27", status=AdviceRequest.Status.WITHDRAWN)
    AdviceRequestFactory(region_code="")  # only a postcode: no desk is theirs

    assert take_in_requests(region_codes={"AM27"}) == 1
    assert list(Case.objects.values_list("region_code", flat=True)) == ["AM27"]


def test_a_request_without_email_or_phone_still_becomes_a_case():
    AdviceRequestFactory(email="", phone="")

    assert take_in_requests(region_codes={"AM27"}) == 1


def test_an_interest_follow_up_names_the_offer_in_its_question():
    offer = OfferFactory(title="Verzorgende IG")
    interest = InterestFactory(offer=offer)
    AdviceRequestFactory(source=AdviceRequest.Source.INTEREST, interest=interest, message="Kan ik dit naast mijn werk?")

    take_in_requests(region_codes={"AM27"})

    question = Case.objects.get().question
    assert "Verzorgende IG" in question
    assert question.endswith("Kan ik dit naast mijn werk?")


def test_intake_takes_a_fixed_number_of_queries_however_many_requests():
    AdviceRequestFactory.create_batch(2)
    with CaptureQueriesContext(connection) as few:
        take_in_requests(region_codes={"AM27"})
    AdviceRequestFactory.create_batch(20)
    with CaptureQueriesContext(connection) as many:
        take_in_requests(region_codes={"AM27"})

    assert Case.objects.count() == 22
    assert len(many) == len(few)


def test_bulk_insert_gives_each_case_its_own_person():
    AdviceRequestFactory.create_batch(3)

    take_in_requests(region_codes={"AM27"})

    assert {(case.request.email, case.person.email) for case in Case.objects.select_related("request", "person")} == {
        (email, email) for email in AdviceRequest.objects.values_list("email", flat=True)
    }


def test_intake_writes_no_processing_log_row():
    AdviceRequestFactory()

    take_in_requests(region_codes={"AM27"})

    assert not ProcessingLogEntry.objects.exists()


def test_nothing_is_asked_without_regions(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert take_in_requests(region_codes=set()) == 0


def test_a_request_taken_in_at_the_same_moment_elsewhere_leaves_no_stray_person(monkeypatch):
    from leerwerk.advice.tests.factories import CaseFactory

    request = AdviceRequestFactory()
    real_bulk_create = Case.objects.bulk_create

    def competing_bulk_create(objs, **kwargs):  # another worker's intake wins the race
        CaseFactory(request=request)
        return real_bulk_create(objs, **kwargs)

    monkeypatch.setattr(Case.objects, "bulk_create", competing_bulk_create)

    assert take_in_requests(region_codes={"AM27"}) == 0
    assert Case.objects.filter(request=request).count() == 1
    assert Person.objects.count() == 1
