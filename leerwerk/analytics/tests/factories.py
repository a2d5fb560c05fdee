import datetime

import factory

from leerwerk.analytics.models import Event


class EventFactory(factory.django.DjangoModelFactory[Event]):
    class Meta:
        model = Event

    kind = Event.Kind.PAGE_VIEW
    day = datetime.date(2025, 3, 10)
    occurred_at = factory.LazyAttribute(
        lambda event: datetime.datetime.combine(event.day, datetime.time(12), tzinfo=datetime.UTC)
    )
    path = "/"
    visitor = factory.Sequence(lambda n: f"{n:032x}")

    class Params:
        repeat = factory.Trait(is_repeat=True)
        newsletter = factory.Trait(campaign_source="nieuwsbrief", campaign_medium="email", campaign_name="voorjaar")
