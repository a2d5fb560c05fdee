"""Fixtures for the whole suite.

The real reference data (342 municipalities, 35 regions) is loaded once into the test
database; every test runs in a transaction that is rolled back, so it sees the data
unchanged. Browser tests (marked `browser`) run in a pytest run of their own, because the
live server needs transactional tests, which empty the database after each test."""

import io

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import translation


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_regions", stdout=io.StringIO())


@pytest.fixture(autouse=True)
def _dutch():  # type: ignore[no-untyped-def]
    """Code that runs outside a request (readers, services, commands) speaks the site's
    default language, Dutch, as it does in production."""
    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture(autouse=True)
def _empty_cache():  # type: ignore[no-untyped-def]
    """Each test starts with an empty cache: the counts of the forms' rate limit (and the
    measurement's remembered visits) do not carry over from the test before."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _own_search_index(settings, tmp_path):  # type: ignore[no-untyped-def]
    """Each test starts without a search index, in a directory of its own; a test that
    searches builds the index from what it put in the database (rebuild_index)."""
    from leerwerk.search import engine

    settings.SEARCH_INDEX_DIR = str(tmp_path / "search")
    engine.reader.forget()
    yield
    engine.reader.forget()
