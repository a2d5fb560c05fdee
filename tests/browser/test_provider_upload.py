"""A provider editor uploads a file of offers: a wrong row stops the file, and asking for
the correct rows applies the rest."""

from playwright.sync_api import FilePayload, Page, expect

from leerwerk.accounts.models import Organisation, Role
from leerwerk.accounts.services import create_organisation, create_user, grant_membership
from leerwerk.catalogue.models import Provider
from leerwerk.catalogue.services import create_provider

PASSWORD = "een-lang-wachtwoord-voor-de-test"
CSV = (
    "eigen_id;titel;niveau;prijs;startdatum;gemeente\n"
    "B1;Bakker;MBO 2;1.250,00;2027-09-01;Oss\n"
    "B2;Banketbakker;MBO 9;1.500,00;2027-09-01;Oss\n"
)


def _upload(page: Page, *, apply_valid_rows: bool) -> None:
    form = page.locator("main form")
    form.locator("input[type=file]").set_input_files(
        files=[FilePayload(name="aanbod.csv", mimeType="text/csv", buffer=CSV.encode("utf-8"))]
    )
    if apply_valid_rows:
        form.locator("input[name=apply_valid_rows]").check()
    form.locator("button[type=submit]").click()


def test_a_provider_editor_uploads_offers_and_applies_the_correct_rows(site, page: Page, axe, console_errors):
    user = create_user(email="redacteur@roc.test", password=PASSWORD, full_name="Rik Redacteur", email_verified=True)
    organisation = create_organisation(name="ROC Test", kind=Organisation.Kind.SCHOOL)
    grant_membership(user=user, role=Role.PROVIDER_EDITOR, organisation=organisation)
    provider = create_provider(name="ROC Test", kind=Provider.Kind.MBO_SCHOOL, organisation=organisation)
    workspace = f"/werkplek/aanbod/{provider.pk}/"

    page.goto(site + "/account/login/")
    page.get_by_label("E-mailadres").fill(user.email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn account")

    page.goto(site + "/werkplek/aanbod/")
    expect(page).to_have_url(site + workspace)  # the one provider they edit
    expect(page.get_by_role("heading", level=1)).to_contain_text("ROC Test")
    expect(page.locator('[data-testid="offer-row"]')).to_have_count(0)
    axe()

    page.locator(f'main a[href="{workspace}importeren/"]').first.click()
    expect(page).to_have_url(site + workspace + "importeren/")
    axe()

    _upload(page, apply_valid_rows=False)
    expect(page.locator('[data-testid="import-outcome"]')).to_have_attribute("data-outcome", "rejected")
    expect(page).to_have_url(f"{site}{workspace}importen/{provider.imports.get().pk}/")
    expect(page.locator(".utrecht-alert--error")).to_be_visible()
    errors = page.get_by_role("table")
    expect(errors.locator("caption")).to_be_visible()
    expect(errors.locator("tbody tr")).to_have_count(1)
    expect(errors.get_by_role("cell", name="B2", exact=True)).to_be_visible()
    expect(errors.get_by_role("cell", name="niveau", exact=True)).to_be_visible()
    expect(page.locator('[data-count="new"]')).to_have_text("0")
    axe()

    page.locator(f'main a[href="{workspace}importeren/"]').first.click()
    _upload(page, apply_valid_rows=True)
    expect(page.locator('[data-testid="import-outcome"]')).to_have_attribute("data-outcome", "partly_applied")
    expect(page.locator(".utrecht-alert--warning")).to_be_visible()
    expect(page.locator('[data-count="new"]')).to_have_text("1")
    expect(page.locator('[data-count="rejected"]')).to_have_text("1")
    expect(page.get_by_role("table").get_by_role("cell", name="B2", exact=True)).to_be_visible()
    axe()

    page.locator(f'main a[href="{workspace}"]').first.click()
    expect(page.locator('[data-testid="offer-row"]')).to_have_count(1)
    expect(page.get_by_role("rowheader", name="Bakker")).to_be_visible()
    axe()

    page.get_by_role("rowheader", name="Bakker").get_by_role("link").click()
    expect(page.locator("input[name=title]")).to_have_value("Bakker")
    expect(page.locator("input[name=price]")).to_have_value("1.250,00")
    axe()

    page.go_back()
    page.locator(f'main a[href="{workspace}importen/"]').first.click()
    expect(page.locator('[data-testid="import-row"]')).to_have_count(2)
    axe()

    page.goto(site + workspace + "api-sleutels/")
    page.locator("main form input[name=name]").fill("Roostersysteem")
    page.locator("main form button[type=submit]").first.click()
    expect(page.locator('[data-testid="new-key"] code')).to_contain_text("lw_")
    axe()
    assert console_errors == []
