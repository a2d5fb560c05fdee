"""Dutch first: Dutch unless the visitor chose English with the switch."""

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def test_the_site_is_dutch_by_default_even_for_an_english_browser(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    content = response.content.decode()
    assert '<html lang="nl"' in content
    assert "Ik wil leren of ander werk" in content
    assert response["Content-Language"] == "nl"


def test_the_language_switch_turns_the_site_english(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/regios/"})
    assert response.status_code == 302
    assert response["Location"] == "/regios/"
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"

    content = client.get("/").content.decode()
    assert '<html lang="en"' in content
    assert "I want to learn or find other work" in content
    assert 'lang="nl">Nederlands</button>' in content


def test_an_unknown_language_in_the_cookie_falls_back_to_dutch(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "xx"
    assert '<html lang="nl"' in client.get("/").content.decode()
