"""Writes to accounts.

Public surface: `create_user`, `create_organisation`, `grant_membership`,
`revoke_membership`; for residents' login by e-mail link (ADR 0014) `request_login_link`,
the task `send_login_link`, `use_login_link` and `prune_login_links`. Partners do not sign
up themselves: an administrator (or the demo seed) creates their account and grants their
role. A resident's account is made when they first use a login link.
"""

import logging
import secrets
from collections.abc import Iterable
from datetime import datetime, timedelta
from functools import partial
from urllib.parse import urlencode

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext
from django_tasks import task

from leerwerk.accounts.models import LoginLink, Membership, Organisation, Role, User
from leerwerk.accounts.selectors import (
    LoginLinkInvalidError,
    LoginLinkUsedError,
    count_login_links,
    get_login_link,
    get_user_by_email,
    may_log_in_by_link,
)
from leerwerk.regions.models import LabourMarketRegion, Municipality

logger = logging.getLogger(__name__)

# At most this many links per e-mail address, and per client IP address, in the window.
LINKS_PER_ADDRESS = 5
LINKS_PER_CLIENT = 20
RATE_WINDOW = timedelta(hours=1)


@transaction.atomic
def create_user(
    *,
    email: str,
    password: str | None = None,
    password_hash: str | None = None,
    full_name: str = "",
    email_verified: bool = False,
) -> User:
    """A user who logs in with `email`. Without a password the account can only be used
    once a password is set (password reset) or through another login method.
    `password_hash` is a password hashed before (hashing takes half a second on purpose;
    the demo seed hashes its one password once for all its users)."""
    user = User(email=User.objects.normalize_email(email).lower(), full_name=full_name)
    if password_hash is not None:
        user.password = password_hash
    else:
        user.set_password(password)
    user.full_clean()
    user.save()
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=email_verified)
    return user


@transaction.atomic
def create_organisation(
    *,
    name: str,
    kind: Organisation.Kind,
    kvk_number: str = "",
    brin_code: str = "",
    municipality: Municipality | None = None,
) -> Organisation:
    """Raises ValidationError when a registration number is malformed or already taken."""
    organisation = Organisation(
        name=name, kind=kind, kvk_number=kvk_number, brin_code=brin_code.upper(), municipality=municipality
    )
    organisation.full_clean()
    organisation.save()
    return organisation


@transaction.atomic
def grant_membership(
    *,
    user: User,
    role: Role,
    organisation: Organisation | None = None,
    regions: Iterable[LabourMarketRegion] = (),
) -> Membership:
    """Give `user` the `role` in `organisation` for `regions`. Granting the same role
    again replaces its region scope."""
    membership = Membership.objects.filter(user=user, organisation=organisation, role=role).first()
    if membership is None:
        membership = Membership(user=user, organisation=organisation, role=role)
        membership.full_clean()
        membership.save()
    membership.regions.set(list(regions))
    return membership


@transaction.atomic
def revoke_membership(*, membership: Membership) -> None:
    membership.delete()


def _pseudonym(value: str, *, purpose: str) -> str:
    """A keyed hash of an e-mail or IP address: equal for equal values, for counting and
    for logs, without the address itself."""
    return salted_hmac(f"leerwerk.accounts.{purpose}", value, algorithm="sha256").hexdigest()


@transaction.atomic
def request_login_link(*, email: str, client_ip: str, next_url: str = "", language: str = "") -> None:
    """Send `email` a login link, unless the address belongs to an account that logs in
    with a password, or the address or client asked too often. The caller learns none of
    this: every request looks the same from outside (no account enumeration). No account
    is made here; `use_login_link` makes it. `next_url` must be a checked local URL."""
    email = User.objects.normalize_email(email).strip().lower()
    now = timezone.now()
    prune_login_links(now=now)
    address = _pseudonym(email, purpose="email")[:16]
    user = get_user_by_email(email=email)
    if user is not None and not may_log_in_by_link(user=user):
        logger.info("Login link not sent to address %s: the account logs in with a password.", address)
        return
    client_hash = _pseudonym(client_ip, purpose="client-ip")
    since = now - RATE_WINDOW
    if (
        count_login_links(since=since, email=email) >= LINKS_PER_ADDRESS
        or count_login_links(since=since, client_hash=client_hash) >= LINKS_PER_CLIENT
    ):
        logger.warning("Login link not sent to address %s: too many requests.", address)
        return
    link = LoginLink.objects.create(email=email, client_hash=client_hash)
    logger.info("Login link %s requested for address %s.", link.pk, address)
    transaction.on_commit(
        partial(
            send_login_link.enqueue, link_id=link.pk, next_url=next_url, language=language or settings.LANGUAGE_CODE
        )
    )


@task()
@transaction.atomic
def send_login_link(*, link_id: int, next_url: str, language: str) -> None:
    """The task that mails the link. The nonce is made here, not in the request, so the
    secret never rests in the task queue's table; a task that runs twice sends once."""
    link = LoginLink.objects.select_for_update().filter(pk=link_id, nonce_hash="", used_at=None).first()
    if link is None:
        return
    nonce = secrets.token_urlsafe(32)
    link.nonce_hash = LoginLink.hash_nonce(nonce)
    link.save(update_fields=["nonce_hash", "updated_at"])
    token = signing.TimestampSigner(salt=LoginLink.SIGNING_SALT).sign(nonce)
    url = settings.SITE_URL.rstrip("/") + reverse("accounts:login_link_use", kwargs={"token": token})
    if next_url:
        url += "?" + urlencode({"next": next_url})
    minutes = int(LoginLink.VALID_FOR.total_seconds() // 60)
    with translation.override(language):
        subject = gettext("Your login link for Leerwerk")
        body = render_to_string("accounts/email/login_link.txt", {"url": url, "minutes": minutes})
    # Sent inside the transaction: when sending fails, the link stays unsent and can be retried.
    send_mail(subject, body, None, [link.email])
    logger.info("Login link %s sent.", link.pk)


@transaction.atomic
def use_login_link(*, token: str) -> User:
    """Use up the link `token` and return its resident, made now on first use (no
    password; the e-mail address is verified by the link). Raises `LoginLinkError` when
    the link is invalid, expired or used, or when its address has meanwhile become an
    account that logs in with a password. The caller logs the user in."""
    link = get_login_link(token=token)
    # Claim the link in one statement, so two requests racing with it cannot both win.
    if not LoginLink.objects.filter(pk=link.pk, used_at=None).update(used_at=timezone.now()):
        raise LoginLinkUsedError
    user = get_user_by_email(email=link.email)
    if user is None:
        user = create_user(email=link.email, email_verified=True)
    elif not may_log_in_by_link(user=user):
        logger.warning("Login link %s refused: user %s logs in with a password.", link.pk, user.pk)
        raise LoginLinkInvalidError
    grant_membership(user=user, role=Role.RESIDENT)
    logger.info("Login link %s used by user %s.", link.pk, user.pk)
    return user


def prune_login_links(*, now: datetime | None = None) -> int:
    """Delete the links older than the rate-limit window (longer than a link is valid).
    Called whenever a link is requested: the table holds at most an hour of requests
    without a scheduler (ADR 0014). Returns how many were deleted."""
    cutoff = (now or timezone.now()) - RATE_WINDOW
    deleted, _per_model = LoginLink.objects.filter(created_at__lt=cutoff).delete()
    return deleted
