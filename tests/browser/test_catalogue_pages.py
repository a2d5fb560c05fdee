"""The public catalogue pages and the administrators' admission page, in a real browser."""

from playwright.sync_api import expect

from leerwerk.accounts.models import Organisation, Role
from leerwerk.accounts.services import create_organisation, create_user, grant_membership
from leerwerk.catalogue.models import Offer
from leerwerk.catalogue.tests.factories import OfferFactory, ProviderFactory, RunFactory
from leerwerk.regions.models import Municipality

PASSWORD = "een-lang-wachtwoord-voor-de-test"


def test_a_resident_reads_an_offer_and_its_provider(site, page, axe, console_errors):
    provider = ProviderFactory(name="ROC De Test")
    offer = OfferFactory(
        provider=provider,
        title="Verzorgende IG",
        price_cents=125_000,
        funding_options=["employer"],
        url="https://www.voorbeeld.nl/vig",
    )
    RunFactory(offer=offer, municipality=Municipality.objects.get(code="GM0828"))

    page.goto(f"{site}/opleidingen/{offer.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Verzorgende IG")
    expect(page.get_by_text("€ 1.250,-")).to_be_visible()
    expect(page.get_by_role("cell", name="Oss")).to_be_visible()
    # To the provider through the counted click-out (the button's text is not asserted: it
    # waits for its Dutch translation).
    expect(page.locator(f'a[href="/go/offer/{offer.pk}"]').first).to_be_visible()
    axe()

    page.get_by_role("link", name="ROC De Test").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("ROC De Test")
    expect(page.get_by_role("link", name="Verzorgende IG")).to_be_visible()
    axe()
    assert console_errors == []


def test_an_administrator_suspends_and_admits_a_provider(site, page, axe):
    administrator = create_user(email="beheer@voorbeeld.test", password=PASSWORD, email_verified=True)
    grant_membership(user=administrator, role=Role.ADMINISTRATOR, organisation=_partnership())
    offer = OfferFactory(provider=ProviderFactory(name="Opleider Schors"))

    page.goto(f"{site}/account/login/")
    page.get_by_label("E-mailadres").fill("beheer@voorbeeld.test")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.goto(f"{site}/werkplek/aanbieders/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Toelating van opleiders")
    axe()

    page.get_by_role("button", name="Schorsen Opleider Schors").click()
    expect(page.get_by_role("status")).to_contain_text("geschorst")
    axe()
    assert page.request.get(f"{site}/opleidingen/{offer.pk}/").status == 404

    page.get_by_role("button", name="Toelaten Opleider Schors").click()
    assert page.request.get(f"{site}/opleidingen/{offer.pk}/").status == 200
    assert Offer.objects.get(pk=offer.pk).status == "published"


def _partnership() -> Organisation:
    return create_organisation(name="Pact", kind=Organisation.Kind.PARTNERSHIP)
