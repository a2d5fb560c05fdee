import pytest
from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError

from leerwerk.accounts.models import Organisation, Role
from leerwerk.accounts.services import create_organisation, create_user, grant_membership, revoke_membership
from leerwerk.accounts.tests.factories import OrganisationFactory, UserFactory
from leerwerk.regions.models import LabourMarketRegion, Municipality

pytestmark = pytest.mark.django_db


def test_a_user_logs_in_by_a_lower_cased_email_address():
    user = create_user(email="Sanne.de.Vries@Voorbeeld.TEST", password="geheim-wachtwoord", email_verified=True)
    assert user.email == "sanne.de.vries@voorbeeld.test"
    assert user.check_password("geheim-wachtwoord")
    address = EmailAddress.objects.get(user=user)
    assert (address.email, address.primary, address.verified) == (user.email, True, True)


def test_an_email_address_can_only_be_used_once_whatever_its_case():
    create_user(email="een@voorbeeld.test")
    with pytest.raises(ValidationError):
        create_user(email="EEN@voorbeeld.test")


@pytest.mark.parametrize("kvk_number", ["1234567", "123456789", "1234567a"])
def test_a_malformed_kvk_number_is_refused(kvk_number):
    with pytest.raises(ValidationError) as error:
        create_organisation(name="Bakkerij", kind=Organisation.Kind.EMPLOYER, kvk_number=kvk_number)
    assert "kvk_number" in error.value.message_dict
    assert not Organisation.objects.filter(name="Bakkerij").exists()


@pytest.mark.parametrize("brin_code", ["2LX", "AB12", "25lx!"])
def test_a_malformed_brin_code_is_refused(brin_code):
    with pytest.raises(ValidationError) as error:
        create_organisation(name="School", kind=Organisation.Kind.SCHOOL, brin_code=brin_code)
    assert "brin_code" in error.value.message_dict


def test_valid_registration_numbers_are_kept():
    employer = create_organisation(name="Bakkerij", kind=Organisation.Kind.EMPLOYER, kvk_number="12345678")
    school = create_organisation(name="ROC", kind=Organisation.Kind.SCHOOL, brin_code="25lx")
    assert employer.kvk_number == "12345678"
    assert school.brin_code == "25LX"


def test_a_kvk_number_belongs_to_one_organisation():
    create_organisation(name="Een", kind=Organisation.Kind.EMPLOYER, kvk_number="12345678")
    with pytest.raises(ValidationError):
        create_organisation(name="Twee", kind=Organisation.Kind.EMPLOYER, kvk_number="12345678")


def test_only_schools_and_training_providers_have_a_brin_code():
    with pytest.raises(ValidationError):
        create_organisation(name="Bakkerij", kind=Organisation.Kind.EMPLOYER, brin_code="25LX")


def test_a_municipality_organisation_names_its_municipality():
    with pytest.raises(ValidationError):
        create_organisation(name="Gemeente Oss", kind=Organisation.Kind.MUNICIPALITY)
    oss = Municipality.objects.get(code="GM0828")
    organisation = create_organisation(name="Gemeente Oss", kind=Organisation.Kind.MUNICIPALITY, municipality=oss)
    assert organisation.municipality == oss


def test_granting_a_role_twice_replaces_its_region_scope():
    user = UserFactory()
    uwv = OrganisationFactory(uwv=True)
    first = grant_membership(
        user=user, role=Role.ADVISER, organisation=uwv, regions=LabourMarketRegion.objects.filter(code="AM27")
    )
    second = grant_membership(
        user=user,
        role=Role.ADVISER,
        organisation=uwv,
        regions=LabourMarketRegion.objects.filter(code__in=["AM25", "AM26"]),
    )
    assert first.pk == second.pk
    assert sorted(second.regions.values_list("code", flat=True)) == ["AM25", "AM26"]


def test_a_resident_needs_no_organisation_but_a_partner_role_does():
    user = UserFactory()
    assert grant_membership(user=user, role=Role.RESIDENT).organisation is None
    with pytest.raises(ValidationError):
        grant_membership(user=user, role=Role.ADVISER)


def test_a_membership_can_be_revoked():
    membership = grant_membership(user=UserFactory(), role=Role.RESIDENT)
    revoke_membership(membership=membership)
    assert not type(membership).objects.filter(pk=membership.pk).exists()
