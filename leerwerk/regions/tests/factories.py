import factory

from leerwerk.regions.models import LabourMarketRegion, Municipality, RegionMembership


class LabourMarketRegionFactory(factory.django.DjangoModelFactory[LabourMarketRegion]):
    class Meta:
        model = LabourMarketRegion
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"AM{90 + n % 10:02d}")
    name = factory.Sequence(lambda n: f"Testregio {n}")

    class Params:
        served = factory.Trait(is_served=True)


class MunicipalityFactory(factory.django.DjangoModelFactory[Municipality]):
    class Meta:
        model = Municipality
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"GM9{n % 1000:03d}")
    name = factory.Faker("city", locale="nl_NL")
    province_code = "PV30"
    province_name = "Noord-Brabant"


class RegionMembershipFactory(factory.django.DjangoModelFactory[RegionMembership]):
    class Meta:
        model = RegionMembership

    municipality = factory.SubFactory(MunicipalityFactory)
    region = factory.SubFactory(LabourMarketRegionFactory)
    valid_from = 2023
    valid_until = None
