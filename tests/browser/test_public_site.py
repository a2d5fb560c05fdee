"""A visitor's walk through the public site, in a real browser, with axe on every page."""

from playwright.sync_api import Page, expect


def test_a_resident_goes_from_the_home_page_to_their_region(site, page: Page, axe, console_errors):
    page.goto(site + "/")
    expect(page).to_have_title("Leren en werken in jouw regio | Leerwerk")
    axe()

    page.get_by_role("link", name="Ik wil leren of ander werk").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ik wil leren of ander werk")
    axe()

    page.get_by_label("Jouw gemeente").select_option(label="Oss")
    page.get_by_role("button", name="Toon mijn regio").click()
    expect(page).to_have_url(site + "/regios/AM27/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Arbeidsmarktregio Noordoost-Brabant")
    expect(page.get_by_role("rowheader", name="Meierijstad")).to_be_visible()
    axe()
    assert console_errors == []


def test_the_region_pages_list_regions_and_change_year(site, page: Page, axe):
    page.goto(site + "/regios/")
    expect(page.get_by_role("rowheader")).to_have_count(35)
    axe()

    page.get_by_role("link", name="Midden-Limburg").click()
    expect(page.get_by_role("rowheader", name="Cranendonck")).to_be_visible()
    page.get_by_label("Jaar").select_option("2024")
    page.get_by_role("button", name="Toon jaar").click()
    expect(page.get_by_role("heading", level=2, name="8 gemeenten in 2024")).to_be_visible()
    axe()


def test_an_empty_region_search_explains_what_to_do(site, page: Page, axe):
    page.goto(site + "/werkgevers/")
    axe()
    page.get_by_role("button", name="Toon mijn regio").click()
    expect(page.get_by_text("Kies een gemeente.")).to_be_visible()
    axe()


def test_the_skip_link_leads_to_the_main_content(site, page: Page):
    page.goto(site + "/regios/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Direct naar de inhoud")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    expect(page).to_have_url(site + "/regios/#main")


def test_the_language_switch_shows_the_site_in_english_and_back(site, page: Page, axe):
    page.goto(site + "/regios/")
    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Labour-market regions")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    axe()
    page.get_by_role("button", name="Nederlands").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Arbeidsmarktregio's")


def test_a_missing_page_is_in_the_frame(site, page: Page, axe):
    response = page.goto(site + "/bestaat-niet/")
    assert response is not None
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Pagina niet gevonden")
    axe()


def test_the_api_documentation_works_without_the_network(site, page: Page, axe, console_errors):
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(site + "/api/v1/docs")
    expect(page.get_by_role("heading", level=1)).to_have_text("API-documentatie")
    expect(page.get_by_role("heading", name="GET /api/v1/municipalities")).to_be_visible()
    axe()
    assert all(url.startswith(site) for url in requests), [u for u in requests if not u.startswith(site)]
    assert console_errors == []
