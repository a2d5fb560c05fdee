import factory

from leerwerk.accounts.models import Membership, Organisation, Role, User


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"persoon{n}@voorbeeld.test")
    full_name = factory.Faker("name", locale="nl_NL")
    password = factory.django.Password("een-lang-wachtwoord")


class OrganisationFactory(factory.django.DjangoModelFactory[Organisation]):
    class Meta:
        model = Organisation

    name = factory.Faker("company", locale="nl_NL")
    kind = Organisation.Kind.EMPLOYER

    class Params:
        school = factory.Trait(kind=Organisation.Kind.SCHOOL)
        uwv = factory.Trait(kind=Organisation.Kind.UWV, name="UWV")


class MembershipFactory(factory.django.DjangoModelFactory[Membership]):
    class Meta:
        model = Membership
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory, uwv=True)
    role = Role.ADVISER

    @factory.post_generation
    def regions(self, create, extracted, **kwargs):
        if create and extracted:
            self.regions.set(extracted)

    class Params:
        administrator = factory.Trait(role=Role.ADMINISTRATOR)
        resident = factory.Trait(role=Role.RESIDENT, organisation=None)
