"""An adviser takes a resident's advice request from the queue, works the case and closes
it; every step leaves a row in the processing log. (Locators use ids, names and test ids:
the workspace's texts are translated at the end of the issue.)"""

from playwright.sync_api import Page, expect

from leerwerk.accounts.models import Organisation, Role
from leerwerk.accounts.services import create_organisation, create_user, grant_membership
from leerwerk.advice.models import Case
from leerwerk.audit.models import ProcessingLogEntry
from leerwerk.journeys.tests.factories import AdviceRequestFactory
from leerwerk.regions.models import LabourMarketRegion

PASSWORD = "een-lang-wachtwoord-voor-de-test"


def test_an_adviser_takes_works_and_closes_a_case(site, page: Page, axe, console_errors):
    region = LabourMarketRegion.objects.get(code="AM27")
    adviser = create_user(email="adviseur@loket.test", password=PASSWORD, full_name="Ada Adviseur", email_verified=True)
    desk = create_organisation(name="Leerwerkloket Noordoost-Brabant", kind=Organisation.Kind.PARTNERSHIP)
    grant_membership(user=adviser, role=Role.ADVISER, organisation=desk, regions=[region])
    AdviceRequestFactory(region_code="AM27", name="Fatima Bakker", message="Ik wil de zorg in.")

    page.goto(site + "/account/login/")
    page.get_by_label("E-mailadres").fill(adviser.email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn account")

    # The queue: the request was taken in as a new case.
    page.goto(site + "/werkplek/advies/")
    row = page.get_by_test_id("case-row").filter(has_text="Fatima Bakker")
    expect(row).to_have_count(1)
    expect(row).to_have_attribute("data-status", "new")
    axe()
    case = Case.objects.get()

    # Take it: the case page opens, the case is the adviser's.
    row.locator(f'form[action="/werkplek/advies/zaken/{case.pk}/nemen"] button').click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Fatima Bakker")
    expect(page.get_by_test_id("assignee")).to_have_text("Ada Adviseur")
    expect(page.get_by_test_id("question")).to_contain_text("Ik wil de zorg in.")
    axe()

    # A target group, a note, a contact moment.
    page.locator("input[name='groups-groups'][value='fifty_plus']").check()
    page.locator("form[action$='/doelgroepen'] button[type=submit]").click()
    expect(page.locator("input[name='groups-groups'][value='fifty_plus']")).to_be_checked()
    expect(page.get_by_test_id("target-groups")).not_to_have_text("")

    page.locator("#id_note-text").fill("Wil graag een opleiding tot verzorgende.")
    page.locator("form[action$='/notities'] button[type=submit]").click()
    expect(page.get_by_test_id("note")).to_contain_text("Wil graag een opleiding tot verzorgende.")

    page.locator("#id_contact-channel").select_option("phone")
    page.locator("#id_contact-summary").fill("Eerste gesprek gevoerd.")
    page.locator("form[action$='/contactmomenten'] button[type=submit]").click()
    expect(page.get_by_test_id("contact-moments")).to_contain_text("Eerste gesprek gevoerd.")
    axe()

    # Waiting for the resident, then closed.
    page.locator("#id_status-status").select_option("waiting")
    page.locator("form[action$='/status'] button[type=submit]").click()
    expect(page.get_by_test_id("status")).to_have_attribute("data-status", "waiting")
    page.locator("#id_status-status").select_option("closed")
    page.locator("form[action$='/status'] button[type=submit]").click()
    expect(page.get_by_test_id("status")).to_have_attribute("data-status", "closed")
    axe()

    # The queue, filtered on closed cases, shows it closed.
    page.goto(site + "/werkplek/advies/")
    page.locator("#id_status").select_option("closed")
    page.locator("main form[method=get] button[type=submit]").click()
    closed_row = page.get_by_test_id("case-row").filter(has_text="Fatima Bakker")
    expect(closed_row).to_have_attribute("data-status", "closed")
    axe()

    logged = set(ProcessingLogEntry.objects.filter(actor_id=adviser.pk).values_list("action", "subject"))
    assert {
        ("list", "case"),
        ("read", "case"),
        ("update", "case"),
        ("update", "target_groups"),
        ("create", "note"),
        ("create", "contact_moment"),
    } <= logged
    assert console_errors == []


def test_a_team_lead_exports_and_erases_a_persons_data_on_request(site, page: Page, axe):
    region = LabourMarketRegion.objects.get(code="AM27")
    lead = create_user(email="teamleider@loket.test", password=PASSWORD, full_name="Tom Lead", email_verified=True)
    desk = create_organisation(name="Leerwerkloket Noordoost-Brabant", kind=Organisation.Kind.PARTNERSHIP)
    grant_membership(user=lead, role=Role.TEAM_LEAD, organisation=desk, regions=[region])
    AdviceRequestFactory(region_code="AM27", name="Gerrit Wissen", message="Wis mijn gegevens.")

    page.goto(site + "/account/login/")
    page.get_by_label("E-mailadres").fill(lead.email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.goto(site + "/werkplek/advies/")
    page.get_by_test_id("case-row").filter(has_text="Gerrit Wissen").get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gerrit Wissen")

    with page.expect_download() as download:
        page.get_by_role("link", name="Gegevens exporteren (JSON)").click()
    assert b"Gerrit Wissen" in download.value.path().read_bytes()

    page.get_by_role("link", name="Persoonsgegevens wissen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Persoonsgegevens wissen")
    axe()
    page.get_by_role("button", name="Ja, wis de persoonsgegevens").click()
    axe()

    case = Case.objects.select_related("person").get()
    assert case.person.is_erased
    assert case.person.name == ""
    assert ProcessingLogEntry.objects.filter(actor_id=lead.pk, action="erase", person_id=case.person_id).exists()
