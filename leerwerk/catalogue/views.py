"""Public pages of the catalogue (an offer, a provider) and the administrators' admission
page. The provider workspace is in workspace.py.

The offer page is for residents, in plain language (B1): the explanations of levels,
learning paths, ways to pay and recognitions below are this page's own words."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST, require_safe

from leerwerk.accounts.requests import AuthenticatedHttpRequest
from leerwerk.accounts.selectors import is_administrator
from leerwerk.analytics.models import Event
from leerwerk.analytics.services import record_event
from leerwerk.catalogue.models import Offer, Provider, Recognition
from leerwerk.catalogue.selectors import (
    get_offer_for_residents,
    get_provider,
    get_public_provider,
    list_providers_for_admission,
    list_public_offers,
    list_related_offers,
)
from leerwerk.catalogue.services import admit_provider, suspend_provider
from leerwerk.catalogue.vocabulary import EQF_LEVEL, DurationUnit, FundingOption, LearningPath, Level

PROVIDER_PAGE_SIZE = 20

# --- The offer page: plain words (B1) for what the codes mean ---------------------------

LEVEL_EXPLANATIONS: dict[str, Promise] = {
    Level.MBO_1: gettext_lazy("Entry training: you learn simple practical work. You do not need a diploma to start."),
    Level.MBO_2: gettext_lazy("Basic vocational training: you learn to do practical work, often with a colleague."),
    Level.MBO_3: gettext_lazy("Professional training: you learn to do the work of your trade on your own."),
    Level.MBO_4: gettext_lazy(
        "Middle-management or specialist training: you learn to work on your own and to plan work."
        " After it you can go on to higher professional education (HBO)."
    ),
    Level.ASSOCIATE_DEGREE: gettext_lazy("A two-year programme of higher professional education (HBO)."),
    Level.BACHELOR: gettext_lazy(
        "A degree of higher education: at a university of applied sciences (HBO) or a university (WO)."
    ),
    Level.MASTER: gettext_lazy("A degree of higher education that you take after a bachelor."),
    Level.NONE: gettext_lazy("A course for one skill. You often get a certificate, not a diploma."),
}

LEARNING_PATH_EXPLANATIONS: dict[str, Promise] = {
    LearningPath.BOL: gettext_lazy("You go to school most of the week and do work placements at companies."),
    LearningPath.BBL: gettext_lazy(
        "You work and learn at the same time: most days at work, about one day a week at school."
        " You need a job at a company that is recognised to train students."
    ),
    LearningPath.FULL_TIME: gettext_lazy("Studying is your main activity during the week."),
    LearningPath.PART_TIME: gettext_lazy("You study next to your work or other activities."),
    LearningPath.DUAL: gettext_lazy("You combine studying with a job in the same field."),
}

FUNDING_EXPLANATIONS: dict[str, Promise] = {
    FundingOption.FREE: gettext_lazy("You pay nothing for this training."),
    FundingOption.EMPLOYER: gettext_lazy("Your employer can pay for this training. Ask your manager or HR department."),
    FundingOption.SECTOR_FUND: gettext_lazy(
        "The training fund of your sector (an O&O fund) may pay all or part of it. Ask your employer or the fund."
    ),
    FundingOption.MUNICIPALITY: gettext_lazy(
        "If you receive social assistance or look for work, your municipality may pay. Ask your work coach."
    ),
    FundingOption.UWV: gettext_lazy(
        "If you receive a benefit from UWV, UWV may pay for training that helps you find work. Ask your UWV adviser."
    ),
    FundingOption.OWN_BUDGET: gettext_lazy("You pay for the training yourself."),
}

RECOGNITION_EXPLANATIONS: dict[str, Promise] = {
    Recognition.Kind.CRKBO: gettext_lazy(
        "Registered in the Central Register for Short Vocational Training: its training is free of VAT."
    ),
    Recognition.Kind.NRTO: gettext_lazy("Member of NRTO, the Dutch council for training and education."),
    Recognition.Kind.NVAO: gettext_lazy("The programme is accredited by NVAO, the Dutch-Flemish accreditation body."),
}

# Calendar weeks in one unit of duration, to spread the study load over the duration.
WEEKS_PER_UNIT: dict[str, float] = {DurationUnit.WEEKS: 1.0, DurationUnit.MONTHS: 52 / 12, DurationUnit.YEARS: 52.0}


@dataclass(frozen=True)
class StudyTime:
    """How long an offer takes and how many hours it asks, as far as the provider told
    us: `duration` as published or else derived (`duration_is_estimate`), the study load
    in hours, and the hours a week as published or else the study load spread over the
    duration (`hours_is_estimate`)."""

    duration: str = ""
    duration_is_estimate: bool = False
    total_hours: int | None = None
    hours_per_week: int | None = None
    hours_is_estimate: bool = False


def _duration_text(value: int, unit: str) -> str:
    texts: dict[str, str] = {
        DurationUnit.HOURS: ngettext("%(count)s hour", "%(count)s hours", value),
        DurationUnit.DAYS: ngettext("%(count)s day", "%(count)s days", value),
        DurationUnit.WEEKS: ngettext("%(count)s week", "%(count)s weeks", value),
        DurationUnit.MONTHS: ngettext("%(count)s month", "%(count)s months", value),
        DurationUnit.YEARS: ngettext("%(count)s year", "%(count)s years", value),
    }
    return texts.get(unit, str(value)) % {"count": value}


def study_time(offer: Offer) -> StudyTime:
    """Only what is known: nothing is shown for what cannot be derived either."""
    duration, duration_is_estimate = "", False
    if offer.duration_value and offer.duration_unit:
        duration = _duration_text(offer.duration_value, offer.duration_unit)
    elif offer.study_load_hours and offer.hours_per_week:
        weeks = -(-offer.study_load_hours // offer.hours_per_week)  # rounded up
        duration, duration_is_estimate = _duration_text(weeks, DurationUnit.WEEKS), True
    hours_per_week, hours_is_estimate = offer.hours_per_week, False
    weeks_per_unit = WEEKS_PER_UNIT.get(offer.duration_unit)
    if hours_per_week is None and offer.study_load_hours and offer.duration_value and weeks_per_unit:
        hours_per_week = max(1, round(offer.study_load_hours / (offer.duration_value * weeks_per_unit)))
        hours_is_estimate = True
    return StudyTime(
        duration=duration,
        duration_is_estimate=duration_is_estimate,
        total_hours=offer.study_load_hours,
        hours_per_week=hours_per_week,
        hours_is_estimate=hours_is_estimate,
    )


@dataclass(frozen=True)
class Explained:
    label: str | Promise
    explanation: str | Promise


@require_safe
def offer_detail(request: HttpRequest, offer_id: int) -> HttpResponse:
    """The public offer page, in plain language, for residents."""
    try:
        offer = get_offer_for_residents(offer_id=offer_id, today=timezone.localdate())
    except Offer.DoesNotExist as error:
        raise Http404 from error
    record_event(request, Event.Kind.OFFER_VIEW, offer_id=offer.pk)
    funding_labels = dict(FundingOption.choices)
    context = {
        "offer": offer,
        "runs": list(offer.runs.all()),
        "recognitions": [
            (recognition, RECOGNITION_EXPLANATIONS.get(recognition.kind, ""))
            for recognition in offer.provider.recognitions.all()
        ],
        "level_explanation": LEVEL_EXPLANATIONS.get(offer.level, ""),
        "nlqf_level": EQF_LEVEL.get(offer.level),
        "learning_path_explanation": LEARNING_PATH_EXPLANATIONS.get(offer.learning_path, ""),
        "study_time": study_time(offer),
        "funding": [
            Explained(funding_labels[code], FUNDING_EXPLANATIONS[code])
            for code in dict.fromkeys(offer.funding_options)
            if code in FUNDING_EXPLANATIONS
        ],
        "related": list_related_offers(offer=offer),
    }
    return render(request, "catalogue/offer_detail.html", context)


def provider_detail(request: HttpRequest, provider_id: int) -> HttpResponse:
    try:
        provider = get_public_provider(provider_id=provider_id)
    except Provider.DoesNotExist as error:
        raise Http404 from error
    page = Paginator(list_public_offers(provider_id=provider.pk), PROVIDER_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "catalogue/provider_detail.html", {"provider": provider, "page": page})


def _administrator(request: AuthenticatedHttpRequest) -> None:
    if not is_administrator(user=request.user):
        raise PermissionDenied


@login_required
def admission_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    _administrator(request)
    return render(request, "catalogue/admission_list.html", {"providers": list_providers_for_admission()})


@login_required
@require_POST
def admission_change(request: AuthenticatedHttpRequest, provider_id: int) -> HttpResponse:
    _administrator(request)
    try:
        provider = get_provider(provider_id=provider_id)
    except Provider.DoesNotExist as error:
        raise Http404 from error
    if request.POST.get("decision") == "admit":
        admit_provider(provider=provider)
        messages.success(request, _("%(name)s is admitted; its published offers are public.") % {"name": provider})
    elif request.POST.get("decision") == "suspend":
        suspend_provider(provider=provider)
        messages.success(request, _("%(name)s is suspended; its offers are hidden.") % {"name": provider})
    else:
        messages.error(request, _("Choose to admit or to suspend."))
    return redirect("catalogue:admission")
