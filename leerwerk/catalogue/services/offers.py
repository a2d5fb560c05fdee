"""One offer at a time: the provider API's create-or-replace and withdraw, and the
workspace's edits. They share the import's rules (`imports.upsert_records`)."""

from typing import Any

from django.db import transaction
from django.utils import timezone

from leerwerk.catalogue.ingest.records import OfferRecord
from leerwerk.catalogue.models import Offer, Provider
from leerwerk.catalogue.services.imports import upsert_records

EDITABLE_FIELDS = (
    "title",
    "description",
    "level",
    "sector",
    "learning_path",
    "delivery",
    "language",
    "duration_value",
    "duration_unit",
    "study_load_hours",
    "hours_per_week",
    "price_cents",
    "price_includes",
    "funding_options",
    "url",
)


@transaction.atomic
def save_offer_record(*, provider: Provider, record: OfferRecord, source: str = "api") -> tuple[Offer, str]:
    """Create or replace the provider's offer with this external id. Returns the offer and
    what happened: "new", "changed" or "unchanged"."""
    counts = upsert_records(provider=provider, records=[record], source=source)
    offer = Offer.objects.get(provider=provider, external_id=record.external_id)
    happened = "new" if counts.new else "changed" if counts.changed else "unchanged"
    return offer, happened


@transaction.atomic
def withdraw_offer(*, offer: Offer) -> Offer:
    """Withdrawn offers stay in the database (and in the provider's history) but are never public."""
    if offer.status != Offer.Status.WITHDRAWN:
        offer.status = Offer.Status.WITHDRAWN
        offer.last_changed_at = timezone.now()
        offer.save(update_fields=["status", "last_changed_at", "updated_at"])
    return offer


@transaction.atomic
def set_offer_status(*, offer: Offer, status: Offer.Status) -> Offer:
    if offer.status != status:
        offer.status = status
        offer.last_changed_at = timezone.now()
        offer.save(update_fields=["status", "last_changed_at", "updated_at"])
    return offer


@transaction.atomic
def edit_offer(*, offer: Offer, changes: dict[str, Any], status: Offer.Status | None = None) -> Offer:
    """Apply a provider editor's changes. The content hash is cleared, so the next import
    of the provider's feed counts the offer as changed and the feed's version wins: a
    provider with a feed keeps one source of truth."""
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"Not editable: {', '.join(sorted(unknown))}")
    for name, value in changes.items():
        setattr(offer, name, value)
    if status is not None:
        offer.status = status
    offer.content_hash = ""
    offer.last_changed_at = timezone.now()
    offer.full_clean(exclude=["provider"])
    offer.save()
    return offer
