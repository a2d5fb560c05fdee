"""The demo analyst reads the funnel report of a visit made with a campaign link."""

from playwright.sync_api import Page, expect

from leerwerk.analytics.services import discard_events, flush_events
from leerwerk.demo.services import DEMO_PASSWORD, seed_demo


def test_the_analyst_sees_the_campaign_of_a_visit(site, page: Page, axe):
    seed_demo()
    discard_events()
    # Headless Chromium says so in its user agent, and headless browsers are not counted.
    page.set_extra_http_headers({"User-Agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0 Safari/537.36"})
    page.goto(site + "/leren-en-werken/?utm_source=nieuwsbrief&utm_medium=email&utm_campaign=voorjaar")
    # Choosing a region tells the visit's region: the analyst sees only her regions.
    page.goto(site + "/zoeken/?region=AM27")
    assert [cookie["name"] for cookie in page.context.cookies() if cookie["name"].startswith("lw_seen")] == ["lw_seen"]
    flush_events()

    page.goto(site + "/werkplek/metingen/")
    page.get_by_label("E-mailadres").fill("analist@demo.leerwerk.test")
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Metingen")
    expect(page.get_by_role("img", name="De funnel per week")).to_be_visible()
    row = page.get_by_test_id("campaign-table").get_by_role("row").filter(has_text="nieuwsbrief")
    expect(row).to_have_count(1)
    expect(row.get_by_role("cell").first).to_have_text("< 5")  # one visit: a small number
    region = page.get_by_test_id("region-table").get_by_role("row").filter(has_text="Noordoost-Brabant")
    expect(region.get_by_role("cell").nth(2)).to_have_text("< 5")  # its search
    axe()

    page.get_by_label("Regio").select_option("AM27")
    page.get_by_role("button", name="Tonen").click()
    expect(page.get_by_test_id("report-period")).to_contain_text("AM27")
    axe()

    with page.expect_download() as download:
        page.get_by_role("link", name="Deze tabellen downloaden (CSV)").click()
    assert download.value.suggested_filename.endswith(".csv")
