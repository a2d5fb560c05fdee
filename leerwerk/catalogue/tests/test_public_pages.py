import factory
import pytest
from django.urls import reverse

from leerwerk.accounts.tests.factories import MembershipFactory
from leerwerk.catalogue.models import Provider
from leerwerk.catalogue.tests.factories import OfferFactory, ProviderFactory, RunFactory
from leerwerk.regions.models import Municipality

pytestmark = pytest.mark.django_db


def test_an_offer_page_shows_what_residents_need(client, django_assert_max_num_queries):
    offer = OfferFactory(
        title="Verzorgende IG",
        price_cents=125_050,
        price_includes="boeken",
        funding_options=["employer", "sector_fund"],
        url="https://www.voorbeeld.nl/vig",
        duration_value=3,
        duration_unit="years",
        hours_per_week=8,
    )
    RunFactory(offer=offer, municipality=Municipality.objects.get(code="GM0828"), address="Kerkstraat 1")
    RunFactory(offer=offer, anytime=True)
    with django_assert_max_num_queries(5):
        response = client.get(reverse("catalogue:offer", args=[offer.pk]))
    content = response.content.decode()
    assert response.status_code == 200
    assert f"<title>Verzorgende IG – {offer.provider.name} | Leerwerk</title>" in content
    assert "€ 1.250,50" in content
    assert "Oss, Kerkstraat 1" in content
    # Residents leave for the provider through the counted click-out, never straight away.
    assert f'href="{reverse("journeys:click-out", args=[offer.pk])}"' in content
    assert 'href="https://www.voorbeeld.nl/vig"' not in content


@pytest.mark.parametrize("state", [{"draft": True}, {"withdrawn": True}])
def test_an_offer_that_is_not_published_is_not_found(client, state):
    offer = OfferFactory(**state)
    assert client.get(reverse("catalogue:offer", args=[offer.pk])).status_code == 404


def test_a_suspended_providers_offers_disappear_and_come_back_when_admitted(client):
    offer = OfferFactory()
    url = reverse("catalogue:offer", args=[offer.pk])
    administrator = MembershipFactory(administrator=True).user
    client.force_login(administrator)

    client.post(reverse("catalogue:admission-change", args=[offer.provider_id]), {"decision": "suspend"})
    assert client.get(url).status_code == 404
    assert client.get(f"/api/v1/offers/{offer.pk}").status_code == 404

    client.post(reverse("catalogue:admission-change", args=[offer.provider_id]), {"decision": "admit"})
    assert client.get(url).status_code == 200


def test_an_applied_provider_is_never_public(client):
    provider = ProviderFactory(applied=True)
    offer = OfferFactory(provider=provider)
    assert client.get(reverse("catalogue:offer", args=[offer.pk])).status_code == 404
    assert client.get(reverse("catalogue:provider", args=[provider.pk])).status_code == 404


def test_a_provider_page_lists_its_public_offers(client):
    provider = ProviderFactory(name="ROC Test")
    OfferFactory(provider=provider, title="Kok")
    OfferFactory(provider=provider, title="Bakker", draft=True)
    content = client.get(reverse("catalogue:provider", args=[provider.pk])).content.decode()
    assert "Kok" in content
    assert "Bakker" not in content


def test_a_provider_page_lists_its_offers_twenty_at_a_time(client, django_assert_max_num_queries):
    provider = ProviderFactory()
    OfferFactory.create_batch(25, provider=provider, title=factory.Iterator([f"Opleiding {n:02d}" for n in range(25)]))
    with django_assert_max_num_queries(4):
        first = client.get(reverse("catalogue:provider", args=[provider.pk])).content.decode()
    assert "Opleiding 19" in first
    assert "Opleiding 20" not in first
    assert "Pagina 1 van 2" in first
    second = client.get(reverse("catalogue:provider", args=[provider.pk]), {"page": 2}).content.decode()
    assert "Opleiding 24" in second
    assert "Opleiding 00" not in second


def test_only_administrators_decide_on_admission(client):
    provider = ProviderFactory(applied=True)
    client.force_login(MembershipFactory().user)  # an adviser
    assert client.get(reverse("catalogue:admission")).status_code == 403
    client.post(reverse("catalogue:admission-change", args=[provider.pk]), {"decision": "admit"})
    provider.refresh_from_db()
    assert provider.admission == Provider.Admission.APPLIED


def test_administrators_see_every_provider_with_its_admission(client, django_assert_max_num_queries):
    for _ in range(5):
        OfferFactory(provider=ProviderFactory(applied=True))
    client.force_login(MembershipFactory(administrator=True).user)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("catalogue:admission"))
    assert response.content.decode().count('name="decision" value="admit"') == 5
