"""A provider's API keys in the workspace: made, shown once, listed, revoked."""

import pytest
from django.urls import reverse

from leerwerk.accounts.models import Role
from leerwerk.accounts.tests.factories import MembershipFactory, OrganisationFactory
from leerwerk.catalogue.models import ProviderToken
from leerwerk.catalogue.services import authenticate_token, create_token
from leerwerk.catalogue.tests.factories import ProviderFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    membership = MembershipFactory(role=Role.PROVIDER_EDITOR, organisation=OrganisationFactory(school=True))
    provider = ProviderFactory(organisation=membership.organisation)
    client.force_login(membership.user)
    return membership.user, provider


def _new_key(content: str) -> str:
    panel = content.split('data-testid="new-key"')[1].split("</div>")[0]
    return panel.split('<code class="utrecht-code">')[1].split("</code>")[0]


def test_the_page_explains_how_to_call_the_api(client, editor):
    _user, provider = editor
    content = client.get(reverse("catalogue_workspace:tokens", args=[provider.pk])).content.decode()
    assert f"PUT /api/v1/providers/{provider.pk}/offers/&lt;eigen_id&gt;" in content
    assert "Authorization: Bearer" in content
    assert reverse("api-docs") in content
    assert 'data-testid="new-key"' not in content


def test_a_new_key_is_shown_once_and_works(client, editor):
    user, provider = editor
    url = reverse("catalogue_workspace:tokens", args=[provider.pk])

    response = client.post(url, {"name": "Ons roostersysteem"})

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    key = _new_key(response.content.decode())
    token = authenticate_token(key=key)
    assert token is not None
    assert (token.provider, token.name, token.created_by) == (provider, "Ons roostersysteem", user)
    again = client.get(url).content.decode()
    assert key not in again
    assert 'data-testid="new-key"' not in again
    assert "Ons roostersysteem" in again
    assert f"{token.prefix}…" in again
    assert key not in str(dict(client.session))


def test_a_key_needs_a_name(client, editor):
    _user, provider = editor
    response = client.post(reverse("catalogue_workspace:tokens", args=[provider.pk]), {"name": "  "})
    assert response.status_code == 400
    assert response.context["form"].errors["name"]
    assert not ProviderToken.objects.exists()


def test_a_revoked_key_no_longer_works(client, editor):
    _user, provider = editor
    token, key = create_token(provider=provider, name="feed", created_by=None)

    response = client.post(reverse("catalogue_workspace:token-revoke", args=[provider.pk, token.pk]))

    assert response.status_code == 302
    assert response["Location"] == reverse("catalogue_workspace:tokens", args=[provider.pk])
    assert authenticate_token(key=key) is None
    content = client.get(response["Location"]).content.decode()
    row = content.split('data-testid="token-row"')[1].split("</tr>")[0]
    assert "<button" not in row


def test_revoking_needs_a_post(client, editor):
    _user, provider = editor
    token, key = create_token(provider=provider, name="feed", created_by=None)
    response = client.get(reverse("catalogue_workspace:token-revoke", args=[provider.pk, token.pk]))
    assert response.status_code == 405
    assert authenticate_token(key=key) is not None


def test_a_key_of_another_provider_cannot_be_revoked(client, editor):
    _user, provider = editor
    token, key = create_token(provider=ProviderFactory(), name="feed", created_by=None)
    response = client.post(reverse("catalogue_workspace:token-revoke", args=[provider.pk, token.pk]))
    assert response.status_code == 404
    assert authenticate_token(key=key) is not None
