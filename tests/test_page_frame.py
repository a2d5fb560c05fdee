"""Every page is in the same frame: a unique title, one h1, a skip link to main, landmarks."""

import re

import pytest

from leerwerk.accounts.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = [
    "/",
    "/leren-en-werken/",
    "/werkgevers/",
    "/regios/",
    "/regios/AM27/",
    "/regios/AM25/",
    "/account/login/",
    "/account/password/reset/",
    "/api/v1/docs",
    "/bestaat-niet/",
]


def _title(content: str) -> str:
    match = re.search(r"<title>(.*?)</title>", content, re.S)
    assert match, "no title"
    return match.group(1).strip()


def _check_frame(content: str) -> None:
    assert content.count("<h1") == 1
    assert 'href="#main"' in content
    assert 'id="main"' in content
    assert "<header" in content
    assert "<footer" in content


def test_public_pages_have_the_frame_and_unique_titles(client):
    titles = []
    for url in PUBLIC_PAGES:
        content = client.get(url).content.decode()
        _check_frame(content)
        titles.append(_title(content))
    assert all(title.endswith("| Leerwerk") for title in titles)
    assert len(set(titles)) == len(titles), titles


def test_the_account_page_has_the_frame(client):
    client.force_login(MembershipFactory(resident=True).user)
    content = client.get("/account/").content.decode()
    _check_frame(content)
    assert _title(content) == "Mijn account | Leerwerk"
