"""Providers and their admission: applied → admitted → suspended (and back to admitted).
An offer is public only while its provider is admitted; suspending hides all its offers
at once without touching them, admitting again shows them again."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from leerwerk.accounts.models import Organisation
from leerwerk.catalogue.models import Provider, Recognition


@transaction.atomic
def create_provider(
    *,
    name: str,
    kind: Provider.Kind,
    brin_code: str = "",
    kvk_number: str = "",
    website: str = "",
    places: str = "",
    description: str = "",
    organisation: Organisation | None = None,
    is_demo: bool = False,
) -> Provider:
    """A provider that applied for admission. Raises ValidationError on bad registration numbers."""
    provider = Provider(
        name=name,
        kind=kind,
        brin_code=brin_code.upper(),
        kvk_number=kvk_number,
        website=website,
        places=places,
        description=description,
        organisation=organisation,
        is_demo=is_demo,
    )
    provider.full_clean()
    provider.save()
    return provider


def _set_admission(provider: Provider, admission: Provider.Admission) -> Provider:
    # Saving bumps updated_at, which tells the search index to look at the provider's offers.
    provider.admission = admission
    provider.admission_changed_at = timezone.now()
    provider.save(update_fields=["admission", "admission_changed_at", "updated_at"])
    return provider


@transaction.atomic
def admit_provider(*, provider: Provider) -> Provider:
    return _set_admission(provider, Provider.Admission.ADMITTED)


@transaction.atomic
def suspend_provider(*, provider: Provider) -> Provider:
    return _set_admission(provider, Provider.Admission.SUSPENDED)


@transaction.atomic
def add_recognition(
    *,
    provider: Provider,
    kind: Recognition.Kind,
    valid_from: date,
    valid_until: date | None = None,
    description: str = "",
) -> Recognition:
    recognition = Recognition(
        provider=provider, kind=kind, valid_from=valid_from, valid_until=valid_until, description=description
    )
    recognition.full_clean()
    recognition.save()
    return recognition
