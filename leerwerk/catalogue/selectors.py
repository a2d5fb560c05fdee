"""Reads of the catalogue, and who may see what.

Public surface:
- public: `public_offers`, `list_public_offers`, `get_public_offer`, `get_offer_for_residents`,
  `list_related_offers`, `get_public_offer_url`, `list_public_providers`, `get_public_provider`;
- provider API: `get_provider_offer`;
- provider workspace: `list_providers_for_editor`, `get_provider_for_editor`,
  `list_provider_offers`, `get_offer_for_editor`, `list_import_runs`, `get_import_run`,
  `list_tokens`, `get_token`;
- quality: `QualityFlag`, `quality_flags`, `count_quality_flags`;
- administrators: `list_providers_for_admission`, `get_provider`, `get_provider_by_name`.

The one rule of the public catalogue lives in `public_offers`: an offer is public when it
is published and its provider is admitted. Every public page and endpoint starts there.
"""

import operator
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import reduce

from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Prefetch, Q, QuerySet, Value, When
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from leerwerk.accounts.models import Membership, Role, User
from leerwerk.accounts.selectors import is_administrator
from leerwerk.catalogue.models import ImportRun, Offer, Provider, ProviderToken, Recognition, Run
from leerwerk.catalogue.vocabulary import Sector

MIN_DESCRIPTION_LENGTH = 100
RELATED_CANDIDATES_PER_OFFER = 6  # rows read per related offer shown, to skip repeated titles


def public_offers() -> QuerySet[Offer]:
    return Offer.objects.filter(status=Offer.Status.PUBLISHED, provider__admission=Provider.Admission.ADMITTED)


def list_public_offers(*, provider_id: int | None = None, level: str = "", sector: str = "") -> QuerySet[Offer]:
    offers = public_offers().select_related("provider").order_by("title", "pk")
    if provider_id is not None:
        offers = offers.filter(provider_id=provider_id)
    if level:
        offers = offers.filter(level=level)
    if sector:
        offers = offers.filter(sector=sector)
    return offers


def get_public_offer(*, offer_id: int) -> Offer:
    """Raises Offer.DoesNotExist for an unknown offer or one that is not public."""
    runs = Run.objects.select_related("municipality").order_by("start_anytime", "starts_on", "pk")
    return (
        public_offers()
        .select_related("provider")
        .prefetch_related(Prefetch("runs", queryset=runs), "provider__recognitions")
        .get(pk=offer_id)
    )


def get_offer_for_residents(*, offer_id: int, today: date) -> Offer:
    """The offer of the public offer page, with its provider. Its `runs` hold only the runs
    a resident can still join (starting `today` or later, the next first, then "start
    anytime"); its provider's `recognitions` only those valid on `today`. Raises
    Offer.DoesNotExist for an unknown offer or one that is not public."""
    runs = (
        Run.objects.filter(Q(start_anytime=True) | Q(starts_on__gte=today))
        .select_related("municipality")
        .order_by("start_anytime", "starts_on", "pk")
    )
    recognitions = Recognition.objects.filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=today), valid_from__lte=today
    ).order_by("kind", "valid_from")
    return (
        public_offers()
        .select_related("provider")
        .prefetch_related(Prefetch("runs", queryset=runs), Prefetch("provider__recognitions", queryset=recognitions))
        .get(pk=offer_id)
    )


def list_related_offers(*, offer: Offer, limit: int = 4) -> list[Offer]:
    """Up to `limit` other public offers to compare with `offer`, in one query: those with
    the same CREBO or CROHO code first (the same programme elsewhere), then those of the
    same sector and level (not in the catch-all sector "other", whose offers need not be
    alike at all), each title once, so that the list shows different choices."""
    same_code = Q(programme_register=offer.programme_register, programme_code=offer.programme_code)
    same_kind = Q(sector=offer.sector, level=offer.level)
    conditions = ([same_code] if offer.programme_code else []) + ([same_kind] if offer.sector != Sector.OTHER else [])
    if not conditions:
        return []
    offers = public_offers().filter(reduce(operator.or_, conditions)).exclude(pk=offer.pk).select_related("provider")
    if offer.programme_code:
        first = Case(When(same_code, then=Value(1)), default=Value(0), output_field=IntegerField())
        offers = offers.annotate(same_code_first=first).order_by("-same_code_first", "title", "pk")
    else:
        offers = offers.order_by("title", "pk")
    related: list[Offer] = []
    titles: set[str] = set()
    for other in offers[: limit * RELATED_CANDIDATES_PER_OFFER]:
        is_same_programme = bool(offer.programme_code) and (other.programme_register, other.programme_code) == (
            offer.programme_register,
            offer.programme_code,
        )
        if is_same_programme or other.title.casefold() not in titles:
            related.append(other)
            titles.add(other.title.casefold())
        if len(related) == limit:
            break
    return related


def get_public_offer_url(*, offer_id: int) -> str:
    """The provider's own web address of a public offer: the only place a click-out may
    lead to. Raises Offer.DoesNotExist for an unknown offer, one that is not public, or
    one without a web (http or https) address."""
    url = public_offers().filter(pk=offer_id).exclude(url="").values_list("url", flat=True).first()
    if url is None or not url.lower().startswith(("https://", "http://")):
        raise Offer.DoesNotExist
    return url


def list_public_providers() -> QuerySet[Provider]:
    return (
        Provider.objects.filter(admission=Provider.Admission.ADMITTED)
        .annotate(offer_count=Count("offers", filter=Q(offers__status=Offer.Status.PUBLISHED)))
        .order_by("name")
    )


def get_public_provider(*, provider_id: int) -> Provider:
    return list_public_providers().prefetch_related("recognitions").get(pk=provider_id)


# --- Provider workspace --------------------------------------------------------------


def list_providers_for_editor(*, user: User) -> QuerySet[Provider]:
    """The providers whose offers `user` manages: those of the organisations where they
    are a provider editor; every provider for an administrator."""
    if is_administrator(user=user):
        return Provider.objects.order_by("name")
    editing = Membership.objects.filter(
        user=user, role=Role.PROVIDER_EDITOR, organisation_id=OuterRef("organisation_id")
    )
    return Provider.objects.filter(Exists(editing)).order_by("name")


def get_provider_for_editor(*, user: User, provider_id: int) -> Provider:
    """Raises Provider.DoesNotExist when the provider does not exist or is not theirs."""
    return list_providers_for_editor(user=user).get(pk=provider_id)


def list_provider_offers(*, provider: Provider, status: str = "", text: str = "") -> QuerySet[Offer]:
    offers = provider.offers.annotate(
        run_count=Count("runs"),
        open_run_count=Count("runs", filter=Q(runs__start_anytime=True) | Q(runs__starts_on__gte=timezone.localdate())),
    )
    if status:
        offers = offers.filter(status=status)
    if text:
        offers = offers.filter(Q(title__icontains=text) | Q(external_id__icontains=text))
    return offers.order_by("title", "pk")


def get_offer_for_editor(*, provider: Provider, offer_id: int) -> Offer:
    return list_provider_offers(provider=provider).prefetch_related("runs__municipality").get(pk=offer_id)


def get_provider_offer(*, provider_id: int, external_id: str) -> Offer:
    """One offer of a provider by its own id, in any status (the provider API)."""
    runs = Run.objects.select_related("municipality").order_by("start_anytime", "starts_on", "pk")
    return (
        Offer.objects.select_related("provider")
        .prefetch_related(Prefetch("runs", queryset=runs))
        .get(provider_id=provider_id, external_id=external_id)
    )


def list_import_runs(*, provider: Provider) -> QuerySet[ImportRun]:
    return provider.imports.select_related("started_by").order_by("-created_at")


def get_import_run(*, provider: Provider, import_run_id: int) -> ImportRun:
    return list_import_runs(provider=provider).get(pk=import_run_id)


def list_tokens(*, provider: Provider) -> QuerySet[ProviderToken]:
    return provider.tokens.select_related("created_by").order_by("revoked_at", "-created_at")


def get_token(*, provider: Provider, token_id: int) -> ProviderToken:
    return provider.tokens.get(pk=token_id)


# --- Administrators -------------------------------------------------------------------


def list_providers_for_admission() -> QuerySet[Provider]:
    return Provider.objects.annotate(
        offer_count=Count("offers", filter=~Q(offers__status=Offer.Status.WITHDRAWN)),
        published_count=Count("offers", filter=Q(offers__status=Offer.Status.PUBLISHED)),
    ).order_by("admission", "name")


def get_provider(*, provider_id: int) -> Provider:
    return Provider.objects.get(pk=provider_id)


def get_provider_by_name(*, name: str) -> Provider | None:
    return Provider.objects.filter(name=name).first()


# --- Quality flags --------------------------------------------------------------------


@dataclass(frozen=True)
class QualityFlag:
    code: str
    label: str | Promise


DUPLICATE = QualityFlag("duplicate", _("Likely duplicate: another offer has the same title and level"))
SHORT_DESCRIPTION = QualityFlag("short_description", _("The description is missing or very short"))
NO_PRICE = QualityFlag("no_price", _("The price is missing"))
NO_RUN = QualityFlag("no_run", _("No start date and not “start anytime”"))
ALL_RUNS_PAST = QualityFlag("all_runs_past", _("All start dates are in the past"))
ALL_FLAGS = (DUPLICATE, SHORT_DESCRIPTION, NO_PRICE, NO_RUN, ALL_RUNS_PAST)


def _duplicate_keys(provider_ids: Iterable[int]) -> set[tuple[int, str, str]]:
    rows = (
        Offer.objects.filter(provider_id__in=set(provider_ids))
        .exclude(status=Offer.Status.WITHDRAWN)
        .values("provider_id", title_key=Lower("title"), level_key=Lower("level"))
        .annotate(count=Count("pk"))
        .filter(count__gt=1)
    )
    return {(row["provider_id"], row["title_key"], row["level_key"]) for row in rows}


def quality_flags(*, offers: Sequence[Offer]) -> dict[int, list[QualityFlag]]:
    """The flags of each offer (from `list_provider_offers`, which annotates the run
    counts), by offer id. One query for the duplicates, whatever the number of offers."""
    duplicates = _duplicate_keys(offer.provider_id for offer in offers)
    flags: dict[int, list[QualityFlag]] = defaultdict(list)
    for offer in offers:
        found = flags[offer.pk]
        if (offer.provider_id, offer.title.lower(), offer.level.lower()) in duplicates:
            found.append(DUPLICATE)
        if len(offer.description.strip()) < MIN_DESCRIPTION_LENGTH:
            found.append(SHORT_DESCRIPTION)
        if offer.price_cents is None:
            found.append(NO_PRICE)
        run_count = getattr(offer, "run_count", 0)
        if run_count == 0:
            found.append(NO_RUN)
        elif getattr(offer, "open_run_count", 0) == 0:
            found.append(ALL_RUNS_PAST)
    return flags


def count_quality_flags(*, provider: Provider) -> dict[str, int]:
    """How many of the provider's current offers carry each flag (for the overview)."""
    offers = list(list_provider_offers(provider=provider).exclude(status=Offer.Status.WITHDRAWN))
    counts = {flag.code: 0 for flag in ALL_FLAGS}
    for found in quality_flags(offers=offers).values():
        for flag in found:
            counts[flag.code] += 1
    return counts
