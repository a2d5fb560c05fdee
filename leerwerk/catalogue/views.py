"""Public pages of the catalogue (an offer, a provider) and the administrators' admission
page. The provider workspace is in workspace.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from leerwerk.accounts.requests import AuthenticatedHttpRequest
from leerwerk.accounts.selectors import is_administrator
from leerwerk.catalogue.models import Offer, Provider
from leerwerk.catalogue.selectors import (
    get_provider,
    get_public_offer,
    get_public_provider,
    list_providers_for_admission,
    list_public_offers,
)
from leerwerk.catalogue.services import admit_provider, suspend_provider

PROVIDER_PAGE_SIZE = 20


def offer_detail(request: HttpRequest, offer_id: int) -> HttpResponse:
    try:
        offer = get_public_offer(offer_id=offer_id)
    except Offer.DoesNotExist as error:
        raise Http404 from error
    return render(request, "catalogue/offer_detail.html", {"offer": offer, "runs": list(offer.runs.all())})


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
