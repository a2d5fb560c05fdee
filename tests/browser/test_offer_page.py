"""A resident finds an offer through the search and reads its page, then reads the
promising occupations of their region, in a real browser with axe-core on every page.

The pages are read in English (the language cookie): the texts are the code's own msgids."""

import datetime

from django.conf import settings
from django.utils import timezone
from playwright.sync_api import BrowserContext, Page, expect

from leerwerk.catalogue.models import Recognition
from leerwerk.catalogue.tests.factories import OfferFactory, ProviderFactory, RecognitionFactory, RunFactory
from leerwerk.regions.models import LabourMarketRegion, Municipality
from leerwerk.search.services import rebuild_index
from leerwerk.skills.models import Occupation, PromisingOccupation


def _in_english(context: BrowserContext, site: str) -> None:
    context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": site}])


def _catalogue():
    oss = Municipality.objects.get(code="GM0828")
    school = ProviderFactory(name="Transportschool Oss")
    RecognitionFactory(provider=school, kind=Recognition.Kind.CRKBO)
    forklift = OfferFactory(
        provider=school,
        title="Heftruckchauffeur",
        level="mbo2",
        sector="logistics",
        learning_path="bbl",
        duration_value=10,
        duration_unit="weeks",
        study_load_hours=80,
        price_cents=45_000,
        price_includes="examen en lesmateriaal",
        funding_options=["employer", "uwv"],
        url="https://www.voorbeeld.nl/heftruck",
    )
    RunFactory(offer=forklift, starts_on=timezone.localdate() + datetime.timedelta(days=20), municipality=oss, seats=8)
    RunFactory(offer=forklift, anytime=True, schedule="evening")
    OfferFactory(provider=school, title="Reachtruckchauffeur", level="mbo2", sector="logistics")
    occupation = Occupation.objects.create(
        uri="http://data.europa.eu/esco/occupation/test-heftruckchauffeur",
        code="8344.1",
        isco_group="8344",
        preferred_label="heftruckchauffeur",
        alt_labels=["vorkheftruckchauffeur"],
    )
    PromisingOccupation.objects.create(
        region=LabourMarketRegion.objects.get(code="AM27"),
        occupation=occupation,
        reason="Distributiecentra zoeken mensen met een heftruckcertificaat.",
        source="Demo: voorbeeld van de regio",
        position=1,
    )
    LabourMarketRegion.objects.filter(code="AM27").update(is_served=True)
    rebuild_index()
    return forklift


def test_a_resident_opens_an_offer_from_the_search(site, page: Page, axe, console_errors):
    forklift = _catalogue()
    _in_english(page.context, site)
    page.goto(f"{site}/zoeken/?q=heftruck")
    page.get_by_role("link", name="Heftruckchauffeur", exact=True).click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Heftruckchauffeur")
    expect(page.get_by_text("MBO level 2 (NLQF level 2)")).to_be_visible()
    expect(page.get_by_text("about 8 hours a week on average")).to_be_visible()
    expect(page.get_by_text("Paid by the employer")).to_be_visible()
    expect(page.get_by_text("Sector training fund")).to_have_count(0)
    expect(page.get_by_text("CRKBO", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Go to the provider").first).to_have_attribute(
        "href", f"/go/offer/{forklift.pk}"
    )
    expect(page.get_by_role("link", name="I am interested")).to_be_visible()
    expect(page.get_by_role("link", name="Reachtruckchauffeur")).to_be_visible()
    axe()
    assert console_errors == []


def test_a_resident_reads_the_promising_occupations_of_their_region(site, page: Page, axe, console_errors):
    _catalogue()
    _in_english(page.context, site)
    page.goto(f"{site}/leren-en-werken/")
    page.get_by_role("link", name="Which occupations have good chances of work in your region?").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Promising occupations")
    axe()

    page.get_by_role("link", name="Promising occupations in Noordoost-Brabant").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Promising occupations in Noordoost-Brabant")
    expect(page.get_by_role("heading", level=2, name="Heftruckchauffeur")).to_be_visible()
    expect(page.get_by_text("Distributiecentra zoeken mensen met een heftruckcertificaat.")).to_be_visible()
    axe()

    page.get_by_role("link", name="Heftruckchauffeur", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Heftruckchauffeur")
    assert console_errors == []
