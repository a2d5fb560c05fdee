"""Every operation of docs/openapi.yaml, called with requests that schemathesis makes up from
the schema (valid and invalid ones): never a server error, and every response, errors
included, with a status, content type and body as the schema documents them (errors as
application/problem+json).

Two of schemathesis's checks are left out, because the schema cannot say what they need:
whether a request that fits the schema is accepted (a region code of the right form that
does not exist is refused with 400) and whether one that does not fit is refused (an empty
query parameter counts as left out, as a form's empty field does). The provider API is
called for the provider's own offers with its key, the advisers' API without a login (it
must refuse)."""

from pathlib import Path

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.core.parameters import ParameterLocation
from schemathesis.specs.openapi.checks import negative_data_rejection, positive_data_acceptance

from leerwerk.catalogue.services import create_token
from leerwerk.catalogue.tests.factories import OfferFactory, ProviderFactory, RunFactory
from leerwerk.search.services import rebuild_index

SCHEMA = Path(__file__).resolve().parents[2] / "docs" / "openapi.yaml"
schema = schemathesis.openapi.from_path(SCHEMA)


@pytest.fixture
def provider(db):
    """A provider with an offer (external id A1) and its key; and a search index."""
    provider = ProviderFactory()
    RunFactory(offer=OfferFactory(provider=provider, external_id="A1"))
    _token, key = create_token(provider=provider, name="feed", created_by=None)
    rebuild_index()
    return provider.pk, key


@pytest.fixture
def application():
    """The site's WSGI application, which does not close the database connection after each
    request (as Django's test client does not): the test's transaction stays open."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield get_wsgi_application()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_every_operation_answers_as_documented(case, provider, application):
    leaves_out_a_header = case.meta is not None and case.meta.is_negative_at(ParameterLocation.HEADER)
    if {"providerToken": []} in case.operation.definition.raw.get("security", []) and not leaves_out_a_header:
        # The provider's own offers, with its key: what is made up is the offer (and its id).
        # (Schemathesis also sends it without the key and with a wrong one: both refused.)
        provider_id, key = provider
        case.path_parameters = {**(case.path_parameters or {}), "provider_id": provider_id}
        case.headers = {**(case.headers or {}), "Authorization": f"Bearer {key}"}
    # The requests go to the application, also those the checks send again.
    case.operation.app = case.operation.schema.app = application
    response = case.call()
    case.validate_response(response, excluded_checks=[negative_data_rejection, positive_data_acceptance])
