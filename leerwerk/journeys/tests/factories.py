import datetime

import factory
from django.utils import timezone

from leerwerk.catalogue.tests.factories import OfferFactory
from leerwerk.journeys.models import AdviceRequest, Interest
from leerwerk.journeys.selectors import hash_token


class InterestFactory(factory.django.DjangoModelFactory[Interest]):
    """A registration; its withdraw token is "token-<n>"."""

    class Meta:
        model = Interest

    offer = factory.SubFactory(OfferFactory)
    provider = factory.SelfAttribute("offer.provider")
    name = factory.Faker("name", locale="nl_NL")
    email = factory.Sequence(lambda n: f"inwoner{n}@voorbeeld.test")
    phone = ""
    region_code = "AM27"
    consent_version = "interest-1"
    consented_at = factory.LazyFunction(timezone.now)
    erase_after = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=365))
    withdraw_token_hash = factory.Sequence(lambda n: hash_token(f"token-{n}"))

    class Params:
        withdrawn = factory.Trait(
            status=Interest.Status.WITHDRAWN, name="", email="", withdrawn_at=factory.LazyFunction(timezone.now)
        )


class AdviceRequestFactory(factory.django.DjangoModelFactory[AdviceRequest]):
    class Meta:
        model = AdviceRequest

    region_code = "AM27"
    goal = AdviceRequest.Goal.LEARN
    situation = AdviceRequest.Situation.EMPLOYED
    email = factory.Sequence(lambda n: f"advies{n}@voorbeeld.test")
    contact_by = AdviceRequest.ContactBy.EMAIL
    consent_version = "advice-1"
    consented_at = factory.LazyFunction(timezone.now)
    erase_after = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=365))
