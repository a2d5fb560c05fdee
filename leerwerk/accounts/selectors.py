"""Reads of accounts and the access rules built on roles.

Public surface: `get_user_by_email`, `get_organisation`, `list_memberships`, `has_role`, `has_staff_role`,
`list_region_codes_in_scope`, `needs_second_factor`, `is_administrator`.
"""

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from leerwerk.accounts.models import STAFF_ROLES, Membership, Organisation, Role, User


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


def is_administrator(*, user: User | AnonymousUser) -> bool:
    return bool(
        user.is_authenticated and user.is_active and (user.is_superuser or has_role(user=user, role=Role.ADMINISTRATOR))
    )


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
