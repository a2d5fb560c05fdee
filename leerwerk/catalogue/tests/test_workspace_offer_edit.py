"""Changing one offer by hand in the provider workspace."""

import pytest
from django.urls import reverse

from leerwerk.accounts.models import Role
from leerwerk.accounts.tests.factories import MembershipFactory, OrganisationFactory
from leerwerk.catalogue.forms import OfferForm
from leerwerk.catalogue.models import Offer
from leerwerk.catalogue.tests.factories import OfferFactory, ProviderFactory, RunFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    membership = MembershipFactory(role=Role.PROVIDER_EDITOR, organisation=OrganisationFactory(school=True))
    provider = ProviderFactory(organisation=membership.organisation)
    client.force_login(membership.user)
    return membership.user, provider


def _posted(offer, **changes):
    """What the form posts when the user changes only `changes`."""
    data = {name: "" if value is None else value for name, value in OfferForm(offer=offer).initial.items()}
    return {**data, **changes}


def test_the_form_shows_the_offer_its_runs_and_flags(client, editor):
    _user, provider = editor
    offer = OfferFactory(provider=provider, title="Lassen", price_cents=125_000, funding_options=["uwv"])
    RunFactory(offer=offer, past=True)
    content = client.get(reverse("catalogue_workspace:offer-edit", args=[provider.pk, offer.pk])).content.decode()
    assert 'value="1.250,00"' in content
    assert (
        'value="uwv" class="utrecht-checkbox utrecht-checkbox--html-input" id="id_funding_options_4" checked' in content
    )
    assert 'type="radio" name="status" value="published"' in content
    assert 'data-flag="all_runs_past"' in content
    assert content.count('<tr class="utrecht-table__row">') == 2  # the runs' header and one run
    assert "novalidate" in content
    assert "csrfmiddlewaretoken" in content


def test_saving_changes_the_offer_and_clears_nothing_else(client, editor):
    _user, provider = editor
    offer = OfferFactory(
        provider=provider,
        title="Lassen",
        programme_code="25491",
        programme_register="crebo",
        price_includes="boeken",
        url="https://www.voorbeeld.nl/lassen",
        hours_per_week=8,
        source=Offer.Source.CSV,
        content_hash="abc",
    )
    RunFactory(offer=offer)
    data = _posted(offer, title="Lassen MIG/MAG", price="1.250,50", funding_options=["employer", "uwv"], status="draft")

    response = client.post(reverse("catalogue_workspace:offer-edit", args=[provider.pk, offer.pk]), data)

    assert response.status_code == 302
    assert response["Location"] == reverse("catalogue_workspace:offer-list", args=[provider.pk])
    offer.refresh_from_db()
    assert (offer.title, offer.price_cents, offer.status) == ("Lassen MIG/MAG", 125_050, "draft")
    assert offer.funding_options == ["employer", "uwv"]
    assert (offer.programme_code, offer.programme_register, offer.price_includes) == ("25491", "crebo", "boeken")
    assert (offer.url, offer.hours_per_week, offer.source, offer.level) == (
        "https://www.voorbeeld.nl/lassen",
        8,
        "csv",
        "mbo3",
    )
    assert offer.content_hash == ""  # the next import of the feed counts it as changed
    assert offer.runs.count() == 1
    messages = [str(message) for message in response.wsgi_request._messages]
    assert len(messages) == 1
    assert "Lassen MIG/MAG" in messages[0]


@pytest.mark.parametrize(
    ("typed", "cents"), [("1.250,00", 125_000), ("1250", 125_000), ("1.250", 125_000), ("0", 0), ("", None)]
)
def test_the_price_is_typed_in_euros_and_kept_in_cents(client, editor, typed, cents):
    _user, provider = editor
    offer = OfferFactory(provider=provider)
    client.post(reverse("catalogue_workspace:offer-edit", args=[provider.pk, offer.pk]), _posted(offer, price=typed))
    offer.refresh_from_db()
    assert offer.price_cents == cents


def test_wrong_values_are_shown_in_the_form_and_nothing_changes(client, editor):
    _user, provider = editor
    offer = OfferFactory(provider=provider, title="Lassen")
    before = Offer.objects.values().get(pk=offer.pk)

    response = client.post(
        reverse("catalogue_workspace:offer-edit", args=[provider.pk, offer.pk]),
        _posted(offer, title="", price="veel", url="geen adres", status="kwijt"),
    )

    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"title", "price", "url", "status"}
    content = response.content.decode()
    assert "Lassen wijzigen</h1>" in content  # the page still shows the saved offer
    assert 'aria-describedby="id_price_error"' in content or 'id="id_price_error"' in content
    assert Offer.objects.values().get(pk=offer.pk) == before
