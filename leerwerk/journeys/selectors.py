"""Reads of residents' interest registrations and advice requests, and who may see them.

Public surface:
- `get_retention_months`: how long a registration is kept (the setting
  `RESIDENT_DATA_RETENTION_MONTHS`, 12 when unset);
- resident: `list_interests_for_resident`, `get_interest_for_resident`,
  `list_advice_requests_for_resident`, `get_advice_request_for_resident`,
  `export_resident_data`, `can_delete_own_account`;
- the link in the confirmation e-mail: `get_interest_by_withdraw_token`, `hash_token`;
- provider workspace: `list_interests_for_editor`.

A resident's registrations are those with their login's e-mail address (ignoring case):
logging in with a link sent to that address proves it is theirs. A provider editor sees
the registrations for the offers of the providers `list_providers_for_editor` gives them.
"""

import hashlib
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import QuerySet
from django.urls import reverse

from leerwerk.accounts.models import Membership, Role, User
from leerwerk.accounts.selectors import has_staff_role
from leerwerk.catalogue.selectors import list_providers_for_editor
from leerwerk.journeys.models import AdviceRequest, Interest
from leerwerk.regions.models import LabourMarketRegion
from leerwerk.search.selectors import Filters, OfferHit, search_offers
from leerwerk.skills.models import PromisingOccupation


def list_provider_editor_emails(*, provider_id: int) -> list[str]:
    """The addresses of the active provider editors of the provider's organisation."""
    memberships = Membership.objects.filter(
        role=Role.PROVIDER_EDITOR,
        organisation__providers__pk=provider_id,
        user__is_active=True,
    )
    return sorted(set(memberships.values_list("user__email", flat=True)))


def get_retention_months() -> int:
    return int(settings.RESIDENT_DATA_RETENTION_MONTHS)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def get_interest_by_withdraw_token(*, token: str) -> Interest:
    """Raises Interest.DoesNotExist for an unknown token (or one whose registration was
    deleted when its time was up)."""
    return Interest.objects.select_related("offer", "provider").get(withdraw_token_hash=hash_token(token))


def list_interests_for_resident(*, user: User) -> QuerySet[Interest]:
    return (
        Interest.objects.filter(email__iexact=user.email)
        .exclude(email="")
        .select_related("offer", "provider", "municipality")
        .order_by("-created_at", "-pk")
    )


def get_interest_for_resident(*, user: User, interest_id: int) -> Interest:
    """Raises Interest.DoesNotExist when it does not exist or is not theirs."""
    return list_interests_for_resident(user=user).get(pk=interest_id)


def list_advice_requests_for_resident(*, user: User) -> QuerySet[AdviceRequest]:
    return (
        AdviceRequest.objects.filter(email__iexact=user.email)
        .exclude(email="")
        .select_related("municipality")
        .order_by("-created_at", "-pk")
    )


def get_advice_request_for_resident(*, user: User, advice_request_id: int) -> AdviceRequest:
    """Raises AdviceRequest.DoesNotExist when it does not exist or is not theirs."""
    return list_advice_requests_for_resident(user=user).get(pk=advice_request_id)


def can_delete_own_account(*, user: User) -> bool:
    """Residents delete their own account; partner accounts (a staff role, or technical
    staff) are managed by an administrator."""
    return not (user.is_staff or user.is_superuser or has_staff_role(user=user))


def list_interests_for_editor(*, user: User) -> QuerySet[Interest]:
    """The registrations for the offers of the user's providers, newest first."""
    return (
        Interest.objects.filter(provider__in=list_providers_for_editor(user=user))
        .select_related("offer", "provider", "municipality")
        .order_by("-created_at", "-pk")
    )


def _moment(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def export_resident_data(*, user: User) -> dict[str, Any]:
    """Everything the site keeps about the user, for the download on their page (the
    right of access and to data portability of the GDPR)."""
    interests = [
        {
            "id": interest.pk,
            "registered_at": _moment(interest.created_at),
            "offer": {"id": interest.offer_id, "title": interest.offer.title},
            "provider": interest.provider.name,
            "name": interest.name,
            "email": interest.email,
            "phone": interest.phone,
            "municipality": interest.municipality.name if interest.municipality else "",
            "postcode": interest.postcode,
            "region_code": interest.region_code,
            "question": interest.question,
            "wants_help": interest.wants_help,
            "status": interest.status,
            "consent_version": interest.consent_version,
            "consented_at": _moment(interest.consented_at),
            "erased_after": _moment(interest.erase_after),
        }
        for interest in list_interests_for_resident(user=user)
    ]
    advice_requests = [
        {
            "id": advice.pk,
            "requested_at": _moment(advice.created_at),
            "goal": advice.goal,
            "situation": advice.situation,
            "name": advice.name,
            "email": advice.email,
            "phone": advice.phone,
            "contact_by": advice.contact_by,
            "municipality": advice.municipality.name if advice.municipality else "",
            "postcode": advice.postcode,
            "region_code": advice.region_code,
            "message": advice.message,
            "source": advice.source,
            "interest_id": advice.interest_id,
            "status": advice.status,
            "consent_version": advice.consent_version,
            "consented_at": _moment(advice.consented_at),
            "erased_after": _moment(advice.erase_after),
        }
        for advice in list_advice_requests_for_resident(user=user)
    ]
    return {
        "account": {"email": user.email, "name": user.full_name, "joined_at": _moment(user.date_joined)},
        "interest_registrations": interests,
        "advice_requests": advice_requests,
    }


# --- Promising occupations ---------------------------------------------------------------
# The pages of promising occupations: the served regions, and for one region
# the occupations its analysts chose, each with the public offers that lead to it.
#
# An offer leads to an occupation when the search finds it for the occupation's Dutch name
# or, when that finds few, for one of its other names, among the offers given in the region
# (and those that are only online). For the other names, results the search found only by
# allowing typos are left out: words that merely look like one of the many other names say
# nothing about the occupation. The Dutch name is searched as a resident would search it.

OFFERS_SHOWN = 5
MAX_LABELS_TRIED = 6  # the Dutch name and at most five other names, each one search


@dataclass(frozen=True)
class OccupationOffers:
    promising: PromisingOccupation
    other_names: list[str]
    offers: list[OfferHit]
    total: int  # offers the search finds for `search_label` in the region
    search_label: str
    search_url: str


def list_occupation_offers(promising: PromisingOccupation, region: LabourMarketRegion) -> OccupationOffers:
    occupation = promising.occupation
    other_names = [name for name in dict.fromkeys(occupation.alt_labels) if name != occupation.preferred_label]
    filters = Filters(region=(region.code,))
    offers: dict[int, OfferHit] = {}
    totals: dict[str, int] = {}
    for label in [occupation.preferred_label, *other_names][:MAX_LABELS_TRIED]:
        results = search_offers(text=label, filters=filters, page_size=OFFERS_SHOWN)
        if results.with_typos and label != occupation.preferred_label:
            continue  # words that merely look like another name say nothing about the occupation
        totals[label] = results.total
        for hit in results.hits:
            offers.setdefault(hit.id, hit)
        if len(offers) >= OFFERS_SHOWN:
            break
    # The link searches for the Dutch name when that finds anything, else for the name that finds the most.
    search_label = occupation.preferred_label
    if not totals.get(search_label):
        search_label = max(totals, key=totals.__getitem__, default=search_label)
    query = urlencode({"q": search_label, "region": region.code})
    return OccupationOffers(
        promising=promising,
        other_names=other_names,
        offers=list(offers.values())[:OFFERS_SHOWN],
        total=totals.get(search_label, 0),
        search_label=search_label,
        search_url=f"{reverse('journeys:search')}?{query}",
    )
