"""Per-provider API tokens. A token is shown once when created; only its SHA-256 is kept,
so a stolen database does not give access. A revoked token stops working at once."""

import hashlib
import secrets

from django.db import transaction
from django.utils import timezone

from leerwerk.accounts.models import User
from leerwerk.catalogue.models import Provider, ProviderToken

PREFIX = "lw_"


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


@transaction.atomic
def create_token(*, provider: Provider, name: str, created_by: User | None) -> tuple[ProviderToken, str]:
    """Returns the token and its key; the key cannot be read again later."""
    key = PREFIX + secrets.token_urlsafe(32)
    token = ProviderToken.objects.create(
        provider=provider, name=name.strip()[:100] or "API", prefix=key[:10], key_hash=_hash(key), created_by=created_by
    )
    return token, key


@transaction.atomic
def revoke_token(*, token: ProviderToken) -> ProviderToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at", "updated_at"])
    return token


def authenticate_token(*, key: str) -> ProviderToken | None:
    """The live token with this key, its use recorded; None for an unknown or revoked key."""
    if not key.startswith(PREFIX):
        return None
    token = ProviderToken.objects.select_related("provider").filter(key_hash=_hash(key), revoked_at=None).first()
    if token is not None:
        ProviderToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token
