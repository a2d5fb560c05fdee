"""The provider workspace's list of interest registrations ("Aanmeldingen"): residents'
interest in the offers of the providers the editor manages.

Which providers those are is the catalogue's rule (`list_providers_for_editor`, used by
`list_interests_for_editor`): another provider's registrations never show. Each page read
is written to the processing log (one row per registration shown)."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from leerwerk.accounts.requests import AuthenticatedHttpRequest
from leerwerk.catalogue.selectors import list_providers_for_editor
from leerwerk.journeys.selectors import list_interests_for_editor
from leerwerk.journeys.services import log_interests_listed

PAGE_SIZE = 25


@never_cache
@login_required
@require_GET
def provider_interests(request: AuthenticatedHttpRequest) -> HttpResponse:
    page = Paginator(list_interests_for_editor(user=request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    log_interests_listed(actor=request.user, interests=list(page.object_list))
    context = {"page": page, "providers": list(list_providers_for_editor(user=request.user))}
    return render(request, "journeys/provider_interests.html", context)
