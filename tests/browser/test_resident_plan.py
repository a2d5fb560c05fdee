"""A resident with a development plan logs in with an e-mail link, finds the plan from
their own page and downloads it as a PDF."""

import re
from urllib.parse import urlsplit

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import Page, expect

from leerwerk.accounts.models import Organisation, Role
from leerwerk.accounts.services import create_organisation, create_user, grant_membership
from leerwerk.advice.models import Note
from leerwerk.advice.tests.factories import DevelopmentPlanFactory, NoteFactory, PlanStepFactory
from leerwerk.catalogue.tests.factories import OfferFactory
from leerwerk.regions.models import LabourMarketRegion

EMAIL = "sanne@voorbeeld.test"
PASSWORD = "een-lang-wachtwoord-voor-de-test"


def _nl(msgid: str) -> str:
    with translation.override("nl"):
        return gettext(msgid)


def _log_in(site: str, page: Page, mailoutbox) -> None:
    page.goto(site + "/mijn/inloggen/")
    page.get_by_label(_nl("E-mail address")).fill(EMAIL)
    page.get_by_role("button", name=_nl("Send me a link")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(_nl("Check your e-mail"))
    link = re.search(r"https?://\S+/mijn/inloggen/\S+", mailoutbox[-1].body)
    assert link is not None
    page.goto(site + urlsplit(link.group(0)).path)
    page.get_by_role("button", name=_nl("Log in"), exact=True).click()


def test_a_resident_sees_and_downloads_their_plan(site, page, axe, mailoutbox, tmp_path):
    plan = DevelopmentPlanFactory(case__person__email=EMAIL, goal="Binnen een jaar werken als doktersassistent")
    PlanStepFactory(plan=plan, description="Open dag bezoeken", offer=OfferFactory(title="Doktersassistent"))
    NoteFactory(case=plan.case, text="Neem je diploma mee naar de intake.", visibility=Note.Visibility.RESIDENT)

    _log_in(site, page, mailoutbox)
    expect(page).to_have_url(site + "/mijn/")
    axe()

    page.get_by_role("link", name=_nl("Your development plan")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(_nl("Your development plan"))
    expect(page.get_by_text("Binnen een jaar werken als doktersassistent")).to_be_visible()
    expect(page.get_by_role("link", name="Doktersassistent")).to_be_visible()
    expect(page.get_by_text("Neem je diploma mee naar de intake.", exact=False)).to_be_visible()
    axe()

    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile("PDF")).click()
    download = download_info.value
    saved = tmp_path / "plan.pdf"
    download.save_as(saved)
    assert download.suggested_filename == f"ontwikkelplan-{plan.case.pk}.pdf"
    assert saved.read_bytes().startswith(b"%PDF")


def test_an_adviser_works_on_the_plan_and_sees_the_follow_ups(site, page, axe):
    adviser = create_user(email="adviseur@voorbeeld.test", password=PASSWORD, full_name="Ada", email_verified=True)
    grant_membership(
        user=adviser,
        role=Role.ADVISER,
        organisation=create_organisation(name="Leerwerkloket", kind=Organisation.Kind.UWV),
        regions=[LabourMarketRegion.objects.get(code="AM27")],
    )
    plan = DevelopmentPlanFactory(goal="Werken in de techniek")
    PlanStepFactory(plan=plan, description="Gesprek met de werkgever")

    page.goto(site + "/account/login/")
    page.get_by_label("E-mailadres").fill(adviser.email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn account")

    page.goto(site + reverse("advice:plan-edit", args=[plan.case.pk]))
    expect(page.locator('[data-testid="step-row"]')).to_have_count(1)
    axe()

    add_step = page.locator(f'form[action="{reverse("advice:plan-step-add", args=[plan.case.pk])}"]')
    add_step.locator("button[type=submit]").click()  # without a description: refused
    expect(page.get_by_role("alert").first).to_be_visible()
    axe()

    add_step = page.locator(f'form[action="{reverse("advice:plan-step-add", args=[plan.case.pk])}"]')
    add_step.locator("input[name=description]").fill("Sollicitatiebrief schrijven")
    add_step.locator("button[type=submit]").click()
    expect(page.locator('[data-testid="step-row"]')).to_have_count(2)

    page.goto(site + reverse("advice:follow-ups"))
    expect(page.get_by_role("heading", level=1)).to_have_text(_nl("Six-month follow-ups"))
    axe()
