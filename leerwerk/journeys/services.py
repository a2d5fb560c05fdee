"""Residents' interest registrations and advice requests: every change to them.

Public surface:
- `Contact`, `Place`: what a resident told us about themselves, as the services take it;
- `register_interest(…)` → `InterestRegistration`;
- `request_advice(…)` → `AdviceRequest`; raises `RegionNotServedError`;
- `withdraw_interest`, `withdraw_advice_request`: the resident changes their mind;
- `delete_resident_account(user=…)`;
- `log_interests_listed(actor=…, interests=…)`: the provider's editor read these registrations (processing log);
- `erase_expired_registrations(now=…)`: forget what is past its retention;
- the mail tasks `send_interest_confirmation`, `send_provider_notice`, `send_advice_confirmation`.

The provider's editors get an e-mail that a registration came in, without the resident's
details: those they read in the provider workspace (`/werkplek/aanmeldingen/`), behind
their login, so that personal data does not travel through mailboxes, and each page they
read is written to the processing log. The region's advice desk works the follow-up
`AdviceRequest`s in the advisers' workspace (app `advice`).

The mail tasks live here, not in tasks.py: the services schedule them with
`transaction.on_commit`, and the import contract lets a service import only what is below
it. Each task takes ids and loads the record, so a task that runs after a withdrawal
sends nothing. The withdraw token is random; the database keeps only its SHA-256, and the
raw token exists only in the e-mail and in the queued task's arguments (until task results
are pruned). Contact details are never logged.
"""

import calendar
import datetime
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from leerwerk.accounts.models import Role, User
from leerwerk.audit.services import Action, Processing, Purpose, Via, log_processing
from leerwerk.catalogue.models import Offer
from leerwerk.catalogue.selectors import public_offers
from leerwerk.journeys.models import AdviceRequest, Interest
from leerwerk.journeys.selectors import (
    can_delete_own_account,
    get_retention_months,
    hash_token,
    list_advice_requests_for_resident,
    list_interests_for_resident,
    list_provider_editor_emails,
)
from leerwerk.regions.models import LabourMarketRegion, Municipality
from leerwerk.regions.selectors import current_year, get_region, get_region_for_municipality, list_municipalities

INTEREST_CONSENT_VERSION = "interest-1"
ADVICE_CONSENT_VERSION = "advice-1"
DOUBLE_SUBMISSION_WINDOW = datetime.timedelta(hours=24)

HelpOutcome = Literal["none", "desk", "not_served", "unrouted"]


@dataclass(frozen=True)
class Contact:
    name: str = ""
    email: str = ""
    phone: str = ""  # normalised by the form: digits, with a leading 0 or +


@dataclass(frozen=True)
class Place:
    municipality_code: str = ""
    postcode: str = ""  # the four digits


@dataclass(frozen=True)
class InterestRegistration:
    """The registration, whether this submission made it (False: a double submission),
    and what became of a request for help."""

    interest: Interest
    created: bool
    help: HelpOutcome
    region_name: str


class RegionNotServedError(Exception):
    """The resident's municipality lies in a region this deployment does not serve."""

    def __init__(self, *, municipality: Municipality, region: LabourMarketRegion) -> None:
        super().__init__(region.code)
        self.municipality = municipality
        self.region = region


@dataclass(frozen=True)
class _Located:
    municipality: Municipality | None
    postcode: str
    region: LabourMarketRegion | None


def _locate(place: Place) -> _Located:
    """The municipality of this year and its region; with only a postcode, neither (the
    repository has no postcode table, and none is guessed)."""
    if not place.municipality_code:
        if not place.postcode:
            raise ValidationError(_("Give your municipality or the four digits of your postcode."))
        return _Located(municipality=None, postcode=place.postcode, region=None)
    year = current_year()
    municipality = list_municipalities(year=year).filter(code=place.municipality_code.upper()).first()
    if municipality is None:
        raise ValidationError(_("Choose a municipality from the list."))
    region = get_region_for_municipality(code=municipality.code, year=year)
    return _Located(municipality=municipality, postcode="", region=region)


def _add_months(moment: datetime.datetime, months: int) -> datetime.datetime:
    month_index = moment.month - 1 + months
    year, month = moment.year + month_index // 12, month_index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def _require_contact(contact: Contact) -> None:
    if not contact.email and not contact.phone:
        raise ValidationError(_("Give your e-mail address or your phone number."))


# --- Interest ---------------------------------------------------------------------------


def _find_double(*, offer: Offer, contact: Contact, now: datetime.datetime) -> Interest | None:
    recent = Interest.objects.filter(
        offer=offer, status=Interest.Status.ACTIVE, created_at__gte=now - DOUBLE_SUBMISSION_WINDOW
    )
    if contact.email:
        same = recent.filter(email__iexact=contact.email).first()
        if same is not None:
            return same
    if contact.phone:
        return recent.filter(phone=contact.phone).first()
    return None


def _help_outcome(interest: Interest, region: LabourMarketRegion | None) -> HelpOutcome:
    if not interest.wants_help:
        return "none"
    if region is None:
        return "unrouted"
    return "desk" if region.is_served else "not_served"


@transaction.atomic
def register_interest(
    *,
    offer: Offer,
    contact: Contact,
    place: Place,
    question: str = "",
    wants_help: bool = False,
    language: str = "nl",
    now: datetime.datetime | None = None,
) -> InterestRegistration:
    """Store a resident's interest in a public offer, with their consent to the text of
    `INTEREST_CONSENT_VERSION`. The same offer with the same e-mail address or phone
    number within 24 hours is a double submission: the first registration is returned and
    nothing is sent again. When help is asked and the region is served, a follow-up
    `AdviceRequest` goes to the region's advice desk. Raises Offer.DoesNotExist for an
    offer that is not public, ValidationError without a way to reach the resident."""
    _require_contact(contact)
    now = now or timezone.now()
    # Lock the offer: two identical submissions at once wait for each other (PostgreSQL).
    if not public_offers().select_for_update().filter(pk=offer.pk).exists():
        raise Offer.DoesNotExist
    located = _locate(place)
    double = _find_double(offer=offer, contact=contact, now=now)
    if double is not None:
        region = get_region(code=double.region_code) if double.region_code else None
        return InterestRegistration(double, False, _help_outcome(double, region), region.name if region else "")

    token = secrets.token_urlsafe(32)
    interest = Interest.objects.create(
        offer=offer,
        provider_id=offer.provider_id,
        name=contact.name.strip(),
        email=contact.email.strip(),
        phone=contact.phone,
        municipality=located.municipality,
        postcode=located.postcode,
        region_code=located.region.code if located.region else "",
        question=question.strip(),
        wants_help=wants_help,
        consent_version=INTEREST_CONSENT_VERSION,
        consented_at=now,
        erase_after=_add_months(now, get_retention_months()),
        withdraw_token_hash=hash_token(token),
    )
    outcome = _help_outcome(interest, located.region)
    if outcome in ("desk", "unrouted"):
        AdviceRequest.objects.create(
            region_code=interest.region_code,
            municipality=interest.municipality,
            postcode=interest.postcode,
            goal=AdviceRequest.Goal.LEARN,
            name=interest.name,
            email=interest.email,
            phone=interest.phone,
            contact_by=AdviceRequest.ContactBy.EMAIL if interest.email else AdviceRequest.ContactBy.PHONE,
            source=AdviceRequest.Source.INTEREST,
            interest=interest,
            consent_version=INTEREST_CONSENT_VERSION,
            consented_at=now,
            erase_after=interest.erase_after,
        )
    if interest.email:
        transaction.on_commit(
            lambda: send_interest_confirmation.enqueue(interest_id=interest.pk, token=token, language=language)
        )
    transaction.on_commit(lambda: send_provider_notice.enqueue(interest_id=interest.pk))
    region_name = located.region.name if located.region else ""
    return InterestRegistration(interest, True, outcome, region_name)


@transaction.atomic
def withdraw_interest(*, interest: Interest, now: datetime.datetime | None = None) -> Interest:
    """Withdraw the registration and erase the resident's details; what stays (the offer,
    the dates, the status) only shows that a registration was withdrawn. Its follow-up
    advice request, made under the same consent, is withdrawn with it."""
    now = now or timezone.now()
    if not interest.is_withdrawn:
        interest.status = Interest.Status.WITHDRAWN
        interest.withdrawn_at = now
    interest.name = interest.email = interest.phone = interest.question = interest.postcode = ""
    interest.municipality = None
    interest.save()
    follow_up = AdviceRequest.objects.filter(interest=interest).first()
    if follow_up is not None:
        withdraw_advice_request(advice_request=follow_up, now=now)
    return interest


# --- Advice -------------------------------------------------------------------------------


@transaction.atomic
def request_advice(
    *,
    goal: str,
    situation: str,
    contact: Contact,
    contact_by: str,
    place: Place,
    message: str = "",
    language: str = "nl",
    now: datetime.datetime | None = None,
) -> AdviceRequest:
    """Store a request for free advice for the advice desk of the region of the
    resident's municipality this year. A municipality in a region this deployment does not
    serve raises RegionNotServedError and nothing is stored. With only a postcode the
    request cannot be routed (no postcode table): it is stored without a region, for the
    deployment's desks to route by hand."""
    _require_contact(contact)
    if contact_by == AdviceRequest.ContactBy.PHONE and not contact.phone:
        raise ValidationError(_("Give your phone number, or choose to be contacted by e-mail."))
    if contact_by == AdviceRequest.ContactBy.EMAIL and not contact.email:
        raise ValidationError(_("Give your e-mail address, or choose to be contacted by phone."))
    now = now or timezone.now()
    located = _locate(place)
    if located.municipality is not None and located.region is not None and not located.region.is_served:
        raise RegionNotServedError(municipality=located.municipality, region=located.region)
    advice = AdviceRequest.objects.create(
        region_code=located.region.code if located.region else "",
        municipality=located.municipality,
        postcode=located.postcode,
        goal=goal,
        situation=situation,
        name=contact.name.strip(),
        email=contact.email.strip(),
        phone=contact.phone,
        contact_by=contact_by,
        message=message.strip(),
        source=AdviceRequest.Source.FORM,
        consent_version=ADVICE_CONSENT_VERSION,
        consented_at=now,
        erase_after=_add_months(now, get_retention_months()),
    )
    if advice.email:
        transaction.on_commit(lambda: send_advice_confirmation.enqueue(advice_request_id=advice.pk, language=language))
    return advice


@transaction.atomic
def withdraw_advice_request(*, advice_request: AdviceRequest, now: datetime.datetime | None = None) -> AdviceRequest:
    """Withdraw the request and erase the resident's details."""
    if not advice_request.is_withdrawn:
        advice_request.status = AdviceRequest.Status.WITHDRAWN
        advice_request.withdrawn_at = now or timezone.now()
    advice_request.name = advice_request.email = advice_request.phone = ""
    advice_request.message = advice_request.postcode = ""
    advice_request.municipality = None
    advice_request.save()
    return advice_request


# --- The provider's reading, in the processing log ------------------------------------------


def log_interests_listed(*, actor: User, interests: Sequence[Interest]) -> None:
    """One row per registration the provider's editor was shown (one insert)."""
    log_processing(
        actor=actor,
        role=Role.PROVIDER_EDITOR.value,
        via=Via.PAGE,
        items=[
            Processing(
                action=Action.LIST,
                subject="interest",
                subject_id=interest.pk,
                person_id=None,
                case_id=None,
                region_code=interest.region_code,
                purpose=Purpose.INTEREST_FOLLOW_UP,
            )
            for interest in interests
        ],
    )


# --- The resident's account and retention ------------------------------------------------


@transaction.atomic
def delete_resident_account(*, user: User) -> None:
    """Withdraw everything registered with the user's e-mail address (erasing the
    details) and delete the user. Raises PermissionDenied for a partner account: an
    administrator manages those."""
    if not can_delete_own_account(user=user):
        raise PermissionDenied
    for interest in list_interests_for_resident(user=user):
        withdraw_interest(interest=interest)
    for advice in list_advice_requests_for_resident(user=user):
        withdraw_advice_request(advice_request=advice)
    user.delete()


@transaction.atomic
def erase_expired_registrations(*, now: datetime.datetime | None = None) -> tuple[int, int]:
    """Delete the registrations and advice requests whose retention has passed; returns
    how many of each."""
    now = now or timezone.now()
    advice_count, _by_model = AdviceRequest.objects.filter(erase_after__lte=now).delete()
    interest_count, _by_model = Interest.objects.filter(erase_after__lte=now).delete()
    return interest_count, advice_count


# --- Mail ----------------------------------------------------------------------------------


def _send(*, to: str, subject: str, template_name: str, context: dict[str, object]) -> None:
    body = render_to_string(template_name, {**context, "site_url": settings.SITE_URL.rstrip("/")})
    send_mail(subject, body, None, [to])


@task()
def send_interest_confirmation(*, interest_id: int, token: str, language: str) -> None:
    """E-mail the resident what they sent, what happens next and the withdraw link."""
    interest = Interest.objects.select_related("offer", "provider").filter(pk=interest_id).first()
    if interest is None or interest.is_withdrawn or not interest.email:
        return
    region = get_region(code=interest.region_code) if interest.region_code else None
    with translation.override(language):
        _send(
            to=interest.email,
            subject=_("Your interest in %(title)s") % {"title": interest.offer.title},
            template_name="journeys/email/interest_confirmation.txt",
            context={
                "interest": interest,
                "token": token,
                "help": _help_outcome(interest, region),
                "region_name": region.name if region else "",
                "retention_months": get_retention_months(),
            },
        )


@task()
def send_provider_notice(*, interest_id: int) -> None:
    """Tell the provider's editors (in Dutch, the partners' language) that a registration
    came in for one of their offers, with the link to the workspace and nothing personal."""
    interest = Interest.objects.select_related("offer", "provider").filter(pk=interest_id).first()
    if interest is None or interest.is_withdrawn:
        return
    with translation.override("nl"):
        for address in list_provider_editor_emails(provider_id=interest.provider_id):
            _send(
                to=address,
                subject=_("New interest registration for %(title)s") % {"title": interest.offer.title},
                template_name="journeys/email/provider_notice.txt",
                context={"interest": interest},
            )


@task()
def send_advice_confirmation(*, advice_request_id: int, language: str) -> None:
    """E-mail the resident what they asked and what happens next."""
    advice = AdviceRequest.objects.filter(pk=advice_request_id).first()
    if advice is None or advice.is_withdrawn or not advice.email:
        return
    region = get_region(code=advice.region_code) if advice.region_code else None
    with translation.override(language):
        _send(
            to=advice.email,
            subject=_("Your request for free advice"),
            template_name="journeys/email/advice_confirmation.txt",
            context={
                "advice": advice,
                "region_name": region.name if region else "",
                "retention_months": get_retention_months(),
            },
        )
