import pytest
from allauth.mfa.models import Authenticator
from django.contrib.auth.models import AnonymousUser

from leerwerk.accounts.models import Role
from leerwerk.accounts.selectors import (
    get_user_by_email,
    has_role,
    is_administrator,
    list_region_codes_in_scope,
    needs_second_factor,
)
from leerwerk.accounts.tests.factories import MembershipFactory, UserFactory
from leerwerk.regions.models import LabourMarketRegion

pytestmark = pytest.mark.django_db


def test_a_user_is_found_by_email_whatever_its_case():
    user = UserFactory(email="anouk@voorbeeld.test")
    assert get_user_by_email(email=" Anouk@Voorbeeld.test ") == user
    assert get_user_by_email(email="niemand@voorbeeld.test") is None


def test_roles_are_read_from_memberships():
    membership = MembershipFactory(role=Role.ADVISER)
    assert has_role(user=membership.user, role=Role.ADVISER)
    assert not has_role(user=membership.user, role=Role.ANALYST)
    assert not has_role(user=AnonymousUser(), role=Role.ADVISER)


def test_an_inactive_user_has_no_role():
    membership = MembershipFactory(role=Role.ADMINISTRATOR)
    membership.user.is_active = False
    membership.user.save()
    assert not has_role(user=membership.user, role=Role.ADMINISTRATOR)
    assert not is_administrator(user=membership.user)


def test_the_region_scope_is_the_union_of_a_users_memberships():
    brabant = LabourMarketRegion.objects.filter(code__in=["AM25", "AM27"])
    membership = MembershipFactory(role=Role.ADVISER, regions=brabant)
    MembershipFactory(user=membership.user, role=Role.ANALYST, regions=LabourMarketRegion.objects.filter(code="AM01"))
    assert list_region_codes_in_scope(user=membership.user) == {"AM25", "AM27", "AM01"}
    assert list_region_codes_in_scope(user=membership.user, role=Role.ADVISER) == {"AM25", "AM27"}


def test_staff_need_a_second_factor_where_it_is_required(settings):
    settings.MFA_REQUIRED_FOR_STAFF = True
    adviser = MembershipFactory(role=Role.ADVISER).user
    resident = MembershipFactory(resident=True).user
    assert needs_second_factor(user=adviser)
    assert not needs_second_factor(user=resident)

    Authenticator.objects.create(user=adviser, type=Authenticator.Type.TOTP, data={})
    assert not needs_second_factor(user=adviser)


def test_no_second_factor_is_demanded_where_the_deployment_does_not_require_it(settings):
    settings.MFA_REQUIRED_FOR_STAFF = False
    assert not needs_second_factor(user=MembershipFactory(role=Role.ADVISER).user)
