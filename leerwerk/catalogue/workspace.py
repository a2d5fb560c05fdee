"""The provider workspace: a provider editor's pages for their offers, imports and API keys.

Every page finds the provider through `get_provider_for_editor`, so a provider that is not
the user's is "not found" (404), never "forbidden": the page does not reveal that it exists."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from leerwerk.accounts.requests import AuthenticatedHttpRequest
from leerwerk.catalogue.forms import OfferFilterForm, OfferForm, TokenForm, UploadForm
from leerwerk.catalogue.ingest import get_reader
from leerwerk.catalogue.ingest.template import csv_template, xlsx_template
from leerwerk.catalogue.models import ImportRun, Offer, Provider, ProviderToken
from leerwerk.catalogue.selectors import (
    ALL_FLAGS,
    count_quality_flags,
    get_import_run,
    get_offer_for_editor,
    get_provider_for_editor,
    get_token,
    list_import_runs,
    list_provider_offers,
    list_providers_for_editor,
    list_tokens,
    quality_flags,
)
from leerwerk.catalogue.services import Source, create_token, edit_offer, import_offers, revoke_token

PAGE_SIZE = 25
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _provider(request: AuthenticatedHttpRequest, provider_id: int) -> Provider:
    try:
        return get_provider_for_editor(user=request.user, provider_id=provider_id)
    except Provider.DoesNotExist as error:
        raise Http404 from error


@login_required
def provider_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    providers = list(list_providers_for_editor(user=request.user))
    if len(providers) == 1:
        return redirect("catalogue_workspace:offer-list", provider_id=providers[0].pk)
    return render(request, "catalogue/workspace/provider_list.html", {"providers": providers})


@login_required
def offer_list(request: AuthenticatedHttpRequest, provider_id: int) -> HttpResponse:
    provider = _provider(request, provider_id)
    filter_form = OfferFilterForm(request.GET or None)
    offers = list_provider_offers(provider=provider, **filter_form.filters())
    page = Paginator(offers, PAGE_SIZE).get_page(request.GET.get("page"))
    offers_on_page = list(page.object_list)
    flags = quality_flags(offers=offers_on_page)
    flag_counts = count_quality_flags(provider=provider)
    context = {
        "provider": provider,
        "filter_form": filter_form,
        "page": page,
        "rows": [(offer, flags[offer.pk]) for offer in offers_on_page],
        "flag_summary": [(flag, flag_counts[flag.code]) for flag in ALL_FLAGS],
    }
    return render(request, "catalogue/workspace/offer_list.html", context)


@login_required
def offer_edit(request: AuthenticatedHttpRequest, provider_id: int, offer_id: int) -> HttpResponse:
    provider = _provider(request, provider_id)
    try:
        offer = get_offer_for_editor(provider=provider, offer_id=offer_id)
    except Offer.DoesNotExist as error:
        raise Http404 from error
    posted = request.method == "POST"
    form = OfferForm(request.POST if posted else None, offer=offer)
    if posted and form.is_valid():
        try:
            edit_offer(offer=offer, changes=form.changes(), status=form.status())
        except ValidationError as error:  # a rule of the service that the form does not know
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("The changes to “%(title)s” are saved.") % {"title": offer.title})
            return redirect("catalogue_workspace:offer-list", provider_id=provider.pk)
    context = {
        "provider": provider,
        "offer": offer,
        "form": form,
        "runs": list(offer.runs.all()),
        "flags": quality_flags(offers=[offer])[offer.pk],
    }
    return render(request, "catalogue/workspace/offer_edit.html", context, status=400 if form.errors else 200)


@login_required
def upload(request: AuthenticatedHttpRequest, provider_id: int) -> HttpResponse:
    provider = _provider(request, provider_id)
    posted = request.method == "POST"
    form = UploadForm(request.POST, request.FILES) if posted else UploadForm()
    if posted and form.is_valid():
        file = form.cleaned_data["file"]
        file_format = form.cleaned_data["format"]
        import_run = import_offers(
            provider=provider,
            format=file_format,
            sources=[Source(file.name, file.read)],
            read=get_reader(file_format),
            source_name=file.name,
            is_snapshot=form.cleaned_data["is_snapshot"],
            apply_valid_rows=form.cleaned_data["apply_valid_rows"],
            started_by=request.user,
        )
        return redirect("catalogue_workspace:import-report", provider_id=provider.pk, import_run_id=import_run.pk)
    context = {"provider": provider, "form": form}
    return render(request, "catalogue/workspace/upload.html", context, status=400 if form.errors else 200)


@login_required
def import_list(request: AuthenticatedHttpRequest, provider_id: int) -> HttpResponse:
    provider = _provider(request, provider_id)
    page = Paginator(list_import_runs(provider=provider), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "catalogue/workspace/import_list.html", {"provider": provider, "page": page})


@login_required
def import_report(request: AuthenticatedHttpRequest, provider_id: int, import_run_id: int) -> HttpResponse:
    provider = _provider(request, provider_id)
    try:
        import_run = get_import_run(provider=provider, import_run_id=import_run_id)
    except ImportRun.DoesNotExist as error:
        raise Http404 from error
    context = {
        "provider": provider,
        "import_run": import_run,
        "unlisted_error_count": max(0, import_run.row_error_total - len(import_run.row_errors)),
    }
    return render(request, "catalogue/workspace/import_report.html", context)


@login_required
def template_csv(request: AuthenticatedHttpRequest, provider_id: int) -> HttpResponse:
    _provider(request, provider_id)
    return _download(csv_template(), "text/csv; charset=utf-8", "leerwerk-sjabloon.csv")


@login_required
def template_xlsx(request: AuthenticatedHttpRequest, provider_id: int) -> HttpResponse:
    _provider(request, provider_id)
    return _download(xlsx_template(), XLSX_CONTENT_TYPE, "leerwerk-sjabloon.xlsx")


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@never_cache
@login_required
def tokens(request: AuthenticatedHttpRequest, provider_id: int) -> HttpResponse:
    """The provider's API keys. A new key is shown in the response to the POST that made it,
    and never again: it is not stored anywhere, so there is no redirect to carry it over."""
    provider = _provider(request, provider_id)
    posted = request.method == "POST"
    form = TokenForm(request.POST) if posted else TokenForm()
    new_token: ProviderToken | None = None
    new_key = ""
    if posted and form.is_valid():
        new_token, new_key = create_token(provider=provider, name=form.cleaned_data["name"], created_by=request.user)
        form = TokenForm()
    context = {
        "provider": provider,
        "form": form,
        "tokens": list_tokens(provider=provider),
        "new_token": new_token,
        "new_key": new_key,
    }
    return render(request, "catalogue/workspace/tokens.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def token_revoke(request: AuthenticatedHttpRequest, provider_id: int, token_id: int) -> HttpResponse:
    provider = _provider(request, provider_id)
    try:
        token = get_token(provider=provider, token_id=token_id)
    except ProviderToken.DoesNotExist as error:
        raise Http404 from error
    revoke_token(token=token)
    messages.success(request, _("The key “%(name)s” is revoked; it no longer works.") % {"name": token.name})
    return redirect("catalogue_workspace:tokens", provider_id=provider.pk)
