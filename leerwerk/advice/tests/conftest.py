import pytest
from django.test import Client

from leerwerk.accounts.models import Role, User
from leerwerk.advice.tests.factories import desk_user


@pytest.fixture
def adviser(db) -> User:
    """An adviser of Noordoost-Brabant (AM27)."""
    return desk_user(region_code="AM27", email="adviseur@voorbeeld.test", full_name="Ada Adviseur")


@pytest.fixture
def team_lead(db) -> User:
    """The team lead of Noordoost-Brabant's advice desk (AM27)."""
    return desk_user(region_code="AM27", role=Role.TEAM_LEAD, email="teamleider@voorbeeld.test", full_name="Tom Lead")


@pytest.fixture
def other_adviser(db) -> User:
    """An adviser of Zuidoost-Brabant (AM28): AM27's cases are not theirs."""
    return desk_user(region_code="AM28", email="ander@voorbeeld.test", full_name="Otto Ander")


@pytest.fixture
def adviser_client(client: Client, adviser: User) -> Client:
    client.force_login(adviser)
    return client


@pytest.fixture
def lead_client(client: Client, team_lead: User) -> Client:
    client.force_login(team_lead)
    return client
