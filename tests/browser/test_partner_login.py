"""A partner logs in with a demo account and sees their roles."""

from playwright.sync_api import Page, expect

from leerwerk.demo.services import DEMO_PASSWORD, seed_demo


def test_an_adviser_logs_in_and_sees_their_region(site, page: Page, axe):
    seed_demo()
    page.goto(site + "/")
    page.get_by_role("link", name="Inloggen voor partners").first.click()
    expect(page).to_have_title("Inloggen voor partners | Leerwerk")
    axe()

    page.get_by_label("E-mailadres").fill("adviseur.am27@demo.leerwerk.test")
    page.get_by_label("Wachtwoord").fill("niet-het-wachtwoord")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("alert")).to_contain_text("niet correct")
    axe()

    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn account")
    expect(page.get_by_role("cell", name="Noordoost-Brabant")).to_be_visible()
    axe()

    page.get_by_role("button", name="Uitloggen").click()
    expect(page.get_by_role("link", name="Inloggen voor partners").first).to_be_visible()
