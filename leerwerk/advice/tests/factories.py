"""Factories of the advice desk. Every name and address is invented."""

import datetime

import factory
from django.utils import timezone

from leerwerk.accounts.models import Role, User
from leerwerk.accounts.tests.factories import MembershipFactory, UserFactory
from leerwerk.advice.models import (
    Appointment,
    Case,
    CaseTargetGroup,
    ContactMoment,
    DevelopmentPlan,
    Note,
    Outcome,
    Person,
    PlanStep,
    Trajectory,
)
from leerwerk.regions.models import LabourMarketRegion


def desk_user(*, region_code: str = "AM27", role: Role = Role.ADVISER, **fields: object) -> User:
    """A user with an advice role (adviser or team lead) in one region."""
    user: User = UserFactory.create(**fields)
    MembershipFactory(user=user, role=role, regions=[LabourMarketRegion.objects.get(code=region_code)])
    return user


class PersonFactory(factory.django.DjangoModelFactory[Person]):
    class Meta:
        model = Person

    region_code = "AM27"
    name = factory.Faker("name", locale="nl_NL")
    email = factory.Sequence(lambda n: f"inwoner{n}@voorbeeld.test")
    phone = "0612345678"
    consent_version = "advice-1"
    consented_at = factory.LazyFunction(timezone.now)


class CaseFactory(factory.django.DjangoModelFactory[Case]):
    """A new, unassigned case of AM27; traits for the other states."""

    class Meta:
        model = Case

    region_code = "AM27"
    person = factory.SubFactory(PersonFactory, region_code=factory.SelfAttribute("..region_code"))
    received_at = factory.LazyFunction(timezone.now)

    class Params:
        in_progress = factory.Trait(status=Case.Status.IN_PROGRESS, taken_at=factory.LazyFunction(timezone.now))
        waiting = factory.Trait(status=Case.Status.WAITING, taken_at=factory.LazyFunction(timezone.now))
        closed = factory.Trait(
            status=Case.Status.CLOSED,
            taken_at=factory.LazyFunction(timezone.now),
            closed_at=factory.LazyFunction(timezone.now),
        )


class CaseTargetGroupFactory(factory.django.DjangoModelFactory[CaseTargetGroup]):
    class Meta:
        model = CaseTargetGroup

    case = factory.SubFactory(CaseFactory)
    group = "young"


class NoteFactory(factory.django.DjangoModelFactory[Note]):
    class Meta:
        model = Note

    case = factory.SubFactory(CaseFactory)
    text = "Belt terug na het gesprek met de werkgever."


class ContactMomentFactory(factory.django.DjangoModelFactory[ContactMoment]):
    class Meta:
        model = ContactMoment

    case = factory.SubFactory(CaseFactory)
    happened_at = factory.LazyFunction(timezone.now)
    channel = ContactMoment.Channel.PHONE
    summary = "Eerste gesprek over de wensen."


class AppointmentFactory(factory.django.DjangoModelFactory[Appointment]):
    class Meta:
        model = Appointment

    case = factory.SubFactory(CaseFactory)
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
    place = "Leerwerkloket, Stadhuisplein 1"
    subject = "Ontwikkelplan bespreken"


class DevelopmentPlanFactory(factory.django.DjangoModelFactory[DevelopmentPlan]):
    class Meta:
        model = DevelopmentPlan

    case = factory.SubFactory(CaseFactory, in_progress=True)
    goal = "Binnen een jaar aan het werk als verzorgende IG."


class PlanStepFactory(factory.django.DjangoModelFactory[PlanStep]):
    class Meta:
        model = PlanStep

    plan = factory.SubFactory(DevelopmentPlanFactory)
    position = factory.Sequence(lambda n: n)
    description = "Oriëntatiegesprek bij de opleider"


class TrajectoryFactory(factory.django.DjangoModelFactory[Trajectory]):
    class Meta:
        model = Trajectory

    case = factory.SubFactory(CaseFactory, in_progress=True)
    region_code = factory.SelfAttribute("case.region_code")
    kind = Trajectory.Kind.TRAINING
    started_on = factory.LazyFunction(lambda: timezone.localdate())


class OutcomeFactory(factory.django.DjangoModelFactory[Outcome]):
    class Meta:
        model = Outcome

    trajectory = factory.SubFactory(TrajectoryFactory)
    kind = Outcome.Kind.TRAINING_STARTED
    on_date = factory.LazyFunction(lambda: timezone.localdate())
