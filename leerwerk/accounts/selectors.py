"""Reads of accounts and the access rules built on roles.

Public surface: `get_user_by_email`, `get_organisation`, `list_memberships`, `has_role`, `has_staff_role`,
`list_region_codes_in_scope`, `needs_second_factor`, `is_administrator`, `may_log_in_by_link`,
`count_login_links`, `get_login_link` (with its errors `LoginLinkError`, `LoginLinkInvalidError`,
`LoginLinkExpiredError`, `LoginLinkUsedError`).
"""

from datetime import datetime

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core import signing
from django.db.models import QuerySet

from leerwerk.accounts.models import MEASUREMENT_ROLES, STAFF_ROLES, LoginLink, Membership, Organisation, Role, User


def get_user_by_email(*, email: str) -> User | None:
    return User.objects.filter(email__iexact=email.strip()).first()


def get_organisation(*, name: str, kind: Organisation.Kind) -> Organisation | None:
    return Organisation.objects.filter(name=name, kind=kind).first()


def list_memberships(*, user: User) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(user=user)
        .select_related("organisation")
        .prefetch_related("regions")
        .order_by("role", "organisation__name")
    )


def has_role(*, user: User | AnonymousUser, role: Role) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return Membership.objects.filter(user=user, role=role).exists()


def list_roles(*, user: User | AnonymousUser) -> set[str]:
    """The roles of an active user's memberships (none for anyone else)."""
    if not user.is_authenticated or not user.is_active:
        return set()
    return set(Membership.objects.filter(user=user).values_list("role", flat=True))


def is_administrator(*, user: User | AnonymousUser) -> bool:
    return bool(
        user.is_authenticated and user.is_active and (user.is_superuser or has_role(user=user, role=Role.ADMINISTRATOR))
    )


def may_read_measurements(*, user: User | AnonymousUser) -> bool:
    """An active user with a role of MEASUREMENT_ROLES, or a superuser."""
    if not user.is_authenticated or not user.is_active:
        return False
    return bool(user.is_superuser) or Membership.objects.filter(user=user, role__in=MEASUREMENT_ROLES).exists()


def has_staff_role(*, user: User) -> bool:
    return Membership.objects.filter(user=user, role__in=STAFF_ROLES).exists()


def list_region_codes_in_scope(*, user: User, role: Role | None = None) -> set[str]:
    """The codes of the regions the user's memberships (of `role`, when given) cover."""
    memberships = Membership.objects.filter(user=user)
    if role is not None:
        memberships = memberships.filter(role=role)
    return set(memberships.values_list("regions__code", flat=True).exclude(regions__code=None))


def needs_second_factor(*, user: User) -> bool:
    """Staff must set up TOTP before using the platform, where the deployment requires it."""
    if not settings.MFA_REQUIRED_FOR_STAFF or not has_staff_role(user=user):
        return False
    return not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def may_log_in_by_link(*, user: User) -> bool:
    """Only residents log in by e-mail link: an active account without a password, not
    technical staff, and with no role but resident. Everyone else has a password (and
    staff a second factor), which a link must not bypass."""
    if not user.is_active or user.is_staff or user.is_superuser or user.has_usable_password():
        return False
    return not Membership.objects.filter(user=user).exclude(role=Role.RESIDENT).exists()


def count_login_links(*, since: datetime, email: str = "", client_hash: str = "") -> int:
    """How many links were requested since `since` for `email`, or by the client `client_hash`."""
    links = LoginLink.objects.filter(created_at__gte=since)
    if email:
        links = links.filter(email=email)
    if client_hash:
        links = links.filter(client_hash=client_hash)
    return links.count()


class LoginLinkError(Exception):
    """A login link that cannot be used; `reason` names why, for the page and the log."""

    reason = "invalid"


class LoginLinkInvalidError(LoginLinkError):
    reason = "invalid"


class LoginLinkExpiredError(LoginLinkError):
    reason = "expired"


class LoginLinkUsedError(LoginLinkError):
    reason = "used"


def get_login_link(*, token: str) -> LoginLink:
    """The link `token` opens, if its signature holds, it is at most `LoginLink.VALID_FOR`
    old and it has not been used. Reading only: showing the page of a link must not use
    it up (mail scanners open links)."""
    signer = signing.TimestampSigner(salt=LoginLink.SIGNING_SALT)
    try:
        nonce = signer.unsign(token, max_age=LoginLink.VALID_FOR)
    except signing.SignatureExpired as error:
        raise LoginLinkExpiredError from error
    except signing.BadSignature as error:
        raise LoginLinkInvalidError from error
    link = LoginLink.objects.filter(nonce_hash=LoginLink.hash_nonce(nonce)).first()
    if link is None:
        raise LoginLinkInvalidError
    if link.used_at is not None:
        raise LoginLinkUsedError
    return link
