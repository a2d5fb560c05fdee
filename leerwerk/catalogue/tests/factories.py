import datetime

import factory
from django.utils import timezone

from leerwerk.catalogue.models import Offer, Provider, Recognition, Run


class ProviderFactory(factory.django.DjangoModelFactory[Provider]):
    class Meta:
        model = Provider

    name = factory.Sequence(lambda n: f"Opleider {n}")
    kind = Provider.Kind.MBO_SCHOOL
    admission = Provider.Admission.ADMITTED

    class Params:
        applied = factory.Trait(admission=Provider.Admission.APPLIED)
        suspended = factory.Trait(admission=Provider.Admission.SUSPENDED)
        private = factory.Trait(kind=Provider.Kind.PRIVATE_TRAINER)


class OfferFactory(factory.django.DjangoModelFactory[Offer]):
    class Meta:
        model = Offer

    provider = factory.SubFactory(ProviderFactory)
    external_id = factory.Sequence(lambda n: f"OFF-{n:05d}")
    title = factory.Sequence(lambda n: f"Opleiding {n}")
    description = "Je leert in deze opleiding alles wat je nodig hebt om het werk goed te doen. " * 3
    level = "mbo3"
    sector = "care"
    price_cents = 125_000
    status = Offer.Status.PUBLISHED
    first_seen_at = factory.LazyFunction(timezone.now)
    last_changed_at = factory.LazyFunction(timezone.now)

    class Params:
        draft = factory.Trait(status=Offer.Status.DRAFT)
        withdrawn = factory.Trait(status=Offer.Status.WITHDRAWN)


class RunFactory(factory.django.DjangoModelFactory[Run]):
    class Meta:
        model = Run

    offer = factory.SubFactory(OfferFactory)
    starts_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))
    schedule = "daytime"

    class Params:
        anytime = factory.Trait(start_anytime=True, starts_on=None)
        past = factory.Trait(starts_on=factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=60)))


class RecognitionFactory(factory.django.DjangoModelFactory[Recognition]):
    class Meta:
        model = Recognition

    provider = factory.SubFactory(ProviderFactory)
    kind = Recognition.Kind.CRKBO
    valid_from = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=365))

    class Params:
        expired = factory.Trait(
            valid_from=factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=800)),
            valid_until=factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=1)),
        )
        future = factory.Trait(
            valid_from=factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))
        )
