"""The person's rights in the workspace: the export of everything we keep about them
(JSON and PDF) and the erasure of their personal data (a team lead of their region).
A person outside the user's regions is a 404, like their cases."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from leerwerk.accounts.requests import AuthenticatedHttpRequest
from leerwerk.advice.models import Person
from leerwerk.advice.selectors.access import get_person_for_adviser, is_team_lead
from leerwerk.advice.selectors.rights import get_erasure_summary
from leerwerk.advice.services.rights import erase_person, export_person, read_person
from leerwerk.audit.services import Purpose, Via


def _person(request: AuthenticatedHttpRequest, person_id: int) -> Person:
    try:
        return get_person_for_adviser(user=request.user, person_id=person_id)
    except Person.DoesNotExist as error:
        raise Http404 from error


@never_cache
@login_required
@require_GET
def export_json(request: AuthenticatedHttpRequest, person_id: int) -> HttpResponse:
    data = export_person(actor=request.user, person=_person(request, person_id), via=Via.PAGE)
    response = JsonResponse(data, json_dumps_params={"indent": 2, "ensure_ascii": False})
    response["Content-Disposition"] = f'attachment; filename="gegevens-{person_id}.json"'
    return response


@never_cache
@login_required
@require_GET
def export_pdf(request: AuthenticatedHttpRequest, person_id: int) -> HttpResponse:
    import weasyprint  # Loaded only when a PDF is made: importing it takes a while.
    from weasyprint.urls import URLFetcher

    data = export_person(actor=request.user, person=_person(request, person_id), via=Via.PAGE)
    html = render_to_string("advice/person_export.html", {"data": data, "made_at": timezone.now()}, request=request)
    # The HTML carries its CSS inline and needs nothing else: every address but data: is refused.
    fetcher = URLFetcher(allowed_protocols={"data"}, allow_redirects=False)
    pdf = weasyprint.HTML(string=html, base_url=str(settings.BASE_DIR), url_fetcher=fetcher).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="gegevens-{person_id}.pdf"'
    return response


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def erase(request: AuthenticatedHttpRequest, person_id: int) -> HttpResponse:
    """GET shows what erasure removes and what it keeps; POST (a team lead of the
    person's region only, 403 for others) erases on the person's request."""
    if request.method == "POST":
        person = _person(request, person_id)
        report = erase_person(actor=request.user, person=person, purpose=Purpose.ERASURE_REQUEST, via=Via.PAGE)
        messages.success(
            request,
            _("The personal data of person %(id)s is erased (%(cases)s cases, %(documents)s documents).")
            % {"id": person.pk, "cases": report.cases, "documents": report.documents},
        )
        return redirect("advice:queue")
    try:
        person = read_person(actor=request.user, person_id=person_id, via=Via.PAGE, purpose=Purpose.ERASURE_REQUEST)
    except Person.DoesNotExist as error:
        raise Http404 from error
    context = {
        "person": person,
        "summary": get_erasure_summary(person=person),
        "may_erase": is_team_lead(user=request.user, region_code=person.region_code),
    }
    return render(request, "advice/person_erase.html", context)
