import pytest
from django.conf import settings
from django.test import Client

from leerwerk.regions.models import LabourMarketRegion


@pytest.fixture
def english(client: Client) -> Client:
    """The pages in English (the language cookie): the texts are this code's own msgids."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def served(db):
    """This deployment serves Noordoost-Brabant (AM27)."""
    LabourMarketRegion.objects.filter(code="AM27").update(is_served=True)


@pytest.fixture
def events(monkeypatch):
    """The measurement events the pages record, as (kind, keyword arguments)."""
    recorded = []
    monkeypatch.setattr(
        "leerwerk.journeys.views.record_event",
        lambda request, kind, **fields: recorded.append((kind, fields)),
    )
    return recorded
