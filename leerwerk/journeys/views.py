"""The public site's entrances (the home page, residents, employers), the search for
training offers, and what residents leave with us: an interest in an offer, a request for
free advice, the withdraw link of the confirmation e-mail, and the resident's own page to
see, download and withdraw it all. The provider's list of registrations is in
workspace.py.

Each form a resident sends is counted per client and form (`_over_limit`,
settings.FORM_RATE_LIMIT): over the limit, the page comes back with status 429 and
nothing is stored."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST, require_safe
from django.views.decorators.vary import vary_on_headers

from leerwerk.accounts.requests import AuthenticatedHttpRequest
from leerwerk.analytics.models import Event
from leerwerk.analytics.services import record_event
from leerwerk.catalogue.models import Offer
from leerwerk.catalogue.selectors import get_public_offer, get_public_offer_url
from leerwerk.catalogue.vocabulary import Level
from leerwerk.core.ratelimit import RateLimit, count_request
from leerwerk.core.requests import HtmxHttpRequest
from leerwerk.journeys.forms import MAX_TEXT, AdviceForm, InterestForm, SearchForm
from leerwerk.journeys.models import AdviceRequest, Interest
from leerwerk.journeys.selectors import (
    can_delete_own_account,
    export_resident_data,
    get_advice_request_for_resident,
    get_interest_by_withdraw_token,
    get_interest_for_resident,
    get_retention_months,
    list_advice_requests_for_resident,
    list_interests_for_resident,
    list_occupation_offers,
)
from leerwerk.journeys.services import (
    RegionNotServedError,
    delete_resident_account,
    register_interest,
    request_advice,
    withdraw_advice_request,
    withdraw_interest,
)
from leerwerk.regions.forms import MunicipalityForm
from leerwerk.regions.models import LabourMarketRegion
from leerwerk.regions.selectors import current_year, get_region, list_regions
from leerwerk.search.selectors import OfferHit, RunInfo, search_offers, suggest
from leerwerk.skills.selectors import list_promising_occupations

# The session remembers what the confirmation pages say (nothing personal), so that
# they survive a reload after the redirect.
INTEREST_DONE = "journeys_interest_done"
ADVICE_DONE = "journeys_advice_done"
# Residents log in with a link sent to their e-mail address.
RESIDENT_LOGIN_URL = reverse_lazy("accounts:login_link")
MAX_TOKEN_LENGTH = 100


def _over_limit(request: HttpRequest, form: str) -> RateLimit | None:
    """Count a submission of `form`: None while the client is within FORM_RATE_LIMIT
    submissions in the window, else how long it must wait."""
    limit = count_request(
        request,
        scope=f"journeys:{form}",
        limit=settings.FORM_RATE_LIMIT,
        window_seconds=settings.FORM_RATE_WINDOW_SECONDS,
    )
    return None if limit.allowed else limit


def _too_many(request: HttpRequest, template_name: str, context: dict[str, Any], limit: RateLimit) -> HttpResponse:
    """The page of the form again, saying to wait (status 429); nothing was stored."""
    response = render(request, template_name, {**context, "too_many": limit}, status=429)
    response["Retry-After"] = str(limit.retry_after)
    return response


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "journeys/home.html")


def residents(request: HttpRequest) -> HttpResponse:
    return _entrance(request, "journeys/residents.html")


def employers(request: HttpRequest) -> HttpResponse:
    return _entrance(request, "journeys/employers.html")


def _entrance(request: HttpRequest, template_name: str) -> HttpResponse:
    year = current_year()
    context = {
        "find_form": MunicipalityForm(year=year),
        "served_regions": list_regions(year=year, served_only=True),
    }
    return render(request, template_name, context)


@dataclass(frozen=True)
class ResultCard:
    """What one result shows beside the hit itself."""

    hit: OfferHit
    level: str
    next_run: RunInfo | None


@require_GET
@vary_on_headers("HX-Request")
def search(request: HtmxHttpRequest) -> HttpResponse:
    """The whole page, or (for htmx after a change of the form) only the part that changes."""
    form = SearchForm(request.GET, year=current_year())
    today = timezone.localdate()
    results = search_offers(**form.search_arguments(), today=today)
    if form.page == 1:  # a search, not the next page of one
        chosen = form.filters.chosen()
        regions = chosen.get("region", ())
        record_event(
            request,
            Event.Kind.SEARCH,
            query=form.text,
            filters={name: list(values) for name, values in chosen.items()},
            region_code=regions[0] if len(regions) == 1 else "",
        )
    context = {
        "form": form,
        "results": results,
        "facets": form.facet_groups(results.facets),
        "cards": _cards(results.hits, today),
        "first_page_url": form.query_string(),
        "without_filters_url": form.query_string(with_filters=False),
        "suggestion_url": form.query_string(text=results.suggestion),
    }
    partial = bool(request.htmx) and not request.htmx.history_restore_request
    return render(request, "journeys/search.html#update" if partial else "journeys/search.html", context)


def _cards(hits: list[OfferHit], today: date) -> list[ResultCard]:
    levels = dict(Level.choices)
    return [ResultCard(hit, str(levels.get(hit.level, "")), hit.next_run(today)) for hit in hits]


@require_GET
def suggestions(request: HttpRequest) -> HttpResponse:
    """`<option>`s for the search box's datalist: completions of what has been typed."""
    words = suggest(prefix=request.GET.get("q", "")[:MAX_TEXT])
    return render(request, "journeys/search.html#suggestions", {"suggestions": words})


# --- Interest ("Ik heb interesse") -----------------------------------------------------------


def _public_offer(offer_id: int) -> Offer:
    try:
        return get_public_offer(offer_id=offer_id)
    except Offer.DoesNotExist as error:
        raise Http404 from error


@require_http_methods(["GET", "POST"])
def interest(request: HttpRequest, offer_id: int) -> HttpResponse:
    offer = _public_offer(offer_id)
    posted = request.method == "POST"
    if posted and (limit := _over_limit(request, "interest")):
        form = InterestForm(initial=request.POST.dict(), offer=offer, year=current_year())  # what they typed
        return _too_many(request, "journeys/interest.html", {"offer": offer, "form": form}, limit)
    form = InterestForm(request.POST if posted else None, offer=offer, year=current_year())
    if posted and form.is_valid():
        try:
            registration = register_interest(
                offer=offer,
                contact=form.contact(),
                place=form.place(),
                question=form.cleaned_data["question"],
                wants_help=form.cleaned_data["wants_help"],
                language=get_language(),
            )
        except ValidationError as error:  # a rule of the service that the form does not know
            form.add_error(None, error.messages)
        except Offer.DoesNotExist as error:  # withdrawn while the resident was typing
            raise Http404 from error
        else:
            if registration.created:
                record_event(
                    request, Event.Kind.INTEREST, offer_id=offer.pk, region_code=registration.interest.region_code
                )
            request.session[INTEREST_DONE] = {
                "offer_id": offer.pk,
                "help": registration.help,
                "region_name": registration.region_name,
                "has_email": bool(registration.interest.email),
            }
            return redirect("journeys:interest-done", offer_id=offer.pk)
    return render(request, "journeys/interest.html", {"offer": offer, "form": form}, status=400 if form.errors else 200)


@require_GET
def interest_done(request: HttpRequest, offer_id: int) -> HttpResponse:
    offer = _public_offer(offer_id)
    done: dict[str, Any] | None = request.session.get(INTEREST_DONE)
    if not done or done.get("offer_id") != offer.pk:
        return redirect("journeys:interest", offer_id=offer.pk)
    context = {"offer": offer, "done": done, "retention_months": get_retention_months()}
    return render(request, "journeys/interest_done.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def withdraw(request: HttpRequest, token: str) -> HttpResponse:
    """The link in the confirmation e-mail: a page that asks, and a button that withdraws."""
    if len(token) > MAX_TOKEN_LENGTH:
        raise Http404
    try:
        registration = get_interest_by_withdraw_token(token=token)
    except Interest.DoesNotExist as error:
        raise Http404 from error
    if request.method == "POST":
        if limit := _over_limit(request, "withdraw"):
            return _too_many(request, "journeys/withdraw.html", {"interest": registration}, limit)
        withdraw_interest(interest=registration)
        return redirect("journeys:withdraw", token=token)
    return render(request, "journeys/withdraw.html", {"interest": registration})


# --- Free advice ("Gratis advies") -------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def advice(request: HttpRequest) -> HttpResponse:
    posted = request.method == "POST"
    if posted and (limit := _over_limit(request, "advice")):
        form = AdviceForm(initial=request.POST.dict(), year=current_year())  # what they typed
        return _too_many(request, "journeys/advice.html", {"form": form}, limit)
    form = AdviceForm(request.POST if posted else None, year=current_year())
    if posted and form.is_valid():
        try:
            advice_request = request_advice(
                goal=form.cleaned_data["goal"],
                situation=form.cleaned_data["situation"],
                contact=form.contact(),
                contact_by=form.cleaned_data["contact_by"],
                place=form.place(),
                message=form.cleaned_data["message"],
                language=get_language(),
            )
        except RegionNotServedError as error:
            context = {"municipality": error.municipality, "region": error.region}
            return render(request, "journeys/advice_not_served.html", context)
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            record_event(request, Event.Kind.ADVICE_REQUEST, region_code=advice_request.region_code)
            request.session[ADVICE_DONE] = {
                "region_code": advice_request.region_code,
                "contact_by": advice_request.contact_by,
                "has_email": bool(advice_request.email),
            }
            return redirect("journeys:advice-done")
    return render(request, "journeys/advice.html", {"form": form}, status=400 if form.errors else 200)


@require_GET
def advice_done(request: HttpRequest) -> HttpResponse:
    done: dict[str, Any] | None = request.session.get(ADVICE_DONE)
    if not done:
        return redirect("journeys:advice")
    region_names = {region.code: region.name for region in list_regions(year=current_year())}
    context = {
        "done": done,
        "region_name": region_names.get(done["region_code"], ""),
        "by_phone": done["contact_by"] == AdviceRequest.ContactBy.PHONE,
        "retention_months": get_retention_months(),
    }
    return render(request, "journeys/advice_done.html", context)


# --- The resident's own page ("Mijn pagina") ------------------------------------------------


@never_cache
@login_required(login_url=RESIDENT_LOGIN_URL)
def my_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(request, "journeys/my_page.html", _my_page_context(request))


def _my_page_context(request: AuthenticatedHttpRequest) -> dict[str, Any]:
    region_names = {region.code: region.name for region in list_regions(year=current_year())}
    advice_requests = list_advice_requests_for_resident(user=request.user)
    return {
        "interests": list_interests_for_resident(user=request.user),
        "advice_rows": [(advice, region_names.get(advice.region_code, "")) for advice in advice_requests],
        "can_delete_account": can_delete_own_account(user=request.user),
    }


@never_cache
@login_required(login_url=RESIDENT_LOGIN_URL)
@require_GET
def my_data(request: AuthenticatedHttpRequest) -> HttpResponse:
    response = JsonResponse(export_resident_data(user=request.user), json_dumps_params={"indent": 2})
    response["Content-Disposition"] = 'attachment; filename="leerwerk-mijn-gegevens.json"'
    return response


@login_required(login_url=RESIDENT_LOGIN_URL)
@require_POST
def my_interest_withdraw(request: AuthenticatedHttpRequest, interest_id: int) -> HttpResponse:
    try:
        registration = get_interest_for_resident(user=request.user, interest_id=interest_id)
    except Interest.DoesNotExist as error:
        raise Http404 from error
    if limit := _over_limit(request, "my-page"):
        return _too_many(request, "journeys/my_page.html", _my_page_context(request), limit)
    title = registration.offer.title
    withdraw_interest(interest=registration)
    messages.success(
        request, _("Your interest in “%(title)s” is withdrawn. We erased your details.") % {"title": title}
    )
    return redirect("journeys:my_page")


@login_required(login_url=RESIDENT_LOGIN_URL)
@require_POST
def my_advice_withdraw(request: AuthenticatedHttpRequest, advice_request_id: int) -> HttpResponse:
    try:
        advice_request = get_advice_request_for_resident(user=request.user, advice_request_id=advice_request_id)
    except AdviceRequest.DoesNotExist as error:
        raise Http404 from error
    if limit := _over_limit(request, "my-page"):
        return _too_many(request, "journeys/my_page.html", _my_page_context(request), limit)
    withdraw_advice_request(advice_request=advice_request)
    messages.success(request, _("Your request for advice is withdrawn. We erased your details."))
    return redirect("journeys:my_page")


@never_cache
@login_required(login_url=RESIDENT_LOGIN_URL)
@require_http_methods(["GET", "POST"])
def my_account_delete(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Asks first; the POST withdraws everything, erases the details and deletes the user.
    Partner accounts are managed by an administrator (403)."""
    allowed = can_delete_own_account(user=request.user)
    if request.method == "POST":
        if not allowed:
            raise PermissionDenied
        if limit := _over_limit(request, "account-delete"):
            return _too_many(request, "journeys/my_account_delete.html", {"allowed": allowed}, limit)
        user = request.user
        logout(request)
        delete_resident_account(user=user)
        messages.success(request, _("Your account is deleted, and so are your details."))
        return redirect("journeys:home")
    return render(request, "journeys/my_account_delete.html", {"allowed": allowed})


# --- Click-out ---------------------------------------------------------------------------
# A resident leaves for the provider's own page of an offer, and we count it.
#
# The only address it ever sends anyone to is the offer's own stored web address; nothing
# in the request can choose the target, so it cannot be used as an open redirect.


@never_cache
@require_safe
def click_out(request: HttpRequest, offer_id: int) -> HttpResponseRedirect:
    try:
        url = get_public_offer_url(offer_id=offer_id)
    except Offer.DoesNotExist as error:
        raise Http404 from error
    if request.method == "GET":  # a HEAD request (a link checker) is no visit
        record_event(request, Event.Kind.CLICK_OUT, offer_id=offer_id)
    return HttpResponseRedirect(url)


# --- Promising occupations ("Kansrijke beroepen") ---------------------------------------
# The served regions, and for one region the occupations its analysts chose, each with
# the public offers that lead to it (journeys.selectors.list_occupation_offers).


@require_safe
def region_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "journeys/promising_regions.html", {"regions": list_regions(year=current_year(), served_only=True)}
    )


@require_safe
def region_detail(request: HttpRequest, region_code: str) -> HttpResponse:
    try:
        region = get_region(code=region_code)
    except LabourMarketRegion.DoesNotExist as error:
        raise Http404 from error
    occupations = [
        list_occupation_offers(promising, region) for promising in list_promising_occupations(region_code=region.code)
    ]
    return render(request, "journeys/promising_region.html", {"region": region, "occupations": occupations})
