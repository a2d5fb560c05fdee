"""The demo analyst reads the measurement report of a visit made with a campaign link."""

from playwright.sync_api import Page, expect

from leerwerk.analytics.services import discard_events, flush_events
from leerwerk.demo.services import DEMO_PASSWORD, seed_demo


def test_the_analyst_sees_the_campaign_of_a_visit(site, page: Page, axe):
    seed_demo()
    discard_events()
    # Headless Chromium says so in its user agent, and headless browsers are not counted.
    page.set_extra_http_headers({"User-Agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0 Safari/537.36"})
    page.goto(site + "/leren-en-werken/?utm_source=nieuwsbrief&utm_medium=email&utm_campaign=voorjaar")
    page.goto(site + "/zoeken/")
    assert [cookie["name"] for cookie in page.context.cookies() if cookie["name"].startswith("lw_seen")] == ["lw_seen"]
    flush_events()

    page.goto(site + "/werkplek/metingen/")
    page.get_by_label("E-mailadres").fill("analist@demo.leerwerk.test")
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Metingen")
    row = page.get_by_test_id("campaign-row").filter(has_text="nieuwsbrief / email / voorjaar")
    expect(row).to_have_count(1)
    expect(row.get_by_role("cell").first).to_have_text("1")  # one unique visitor
    axe()

    with page.expect_download() as download:
        page.get_by_role("link", name="Deze tabel downloaden (CSV)").click()
    assert download.value.suggested_filename.endswith(".csv")
