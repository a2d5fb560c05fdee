"""Writes to accounts.

Public surface: `create_user`, `create_organisation`, `grant_membership`,
`revoke_membership`. Partners do not sign up themselves: an administrator (or the demo
seed) creates their account and grants their role.
"""

from collections.abc import Iterable

from allauth.account.models import EmailAddress
from django.db import transaction

from leerwerk.accounts.models import Membership, Organisation, Role, User
from leerwerk.regions.models import LabourMarketRegion, Municipality


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
