"""What the case's form actions share: finding the case in the user's scope (404
otherwise), and the page that shows a refused form again with its errors (status 400)."""

from django.forms import Form
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.functional import Promise

from leerwerk.accounts.requests import AuthenticatedHttpRequest
from leerwerk.advice.models import Case
from leerwerk.advice.selectors.access import get_case_for_adviser


def case_or_404(request: AuthenticatedHttpRequest, case_id: int) -> Case:
    """The case for a write (the service logs the write itself)."""
    try:
        return get_case_for_adviser(user=request.user, case_id=case_id)
    except Case.DoesNotExist as error:
        raise Http404 from error


def form_error_page(
    request: AuthenticatedHttpRequest,
    *,
    case: Case,
    form: Form,
    title: str | Promise,
    action: str,
    submit: str | Promise,
    is_upload: bool = False,
) -> HttpResponse:
    """The form again, with its errors, on a page of its own; nothing was changed."""
    context = {"case": case, "form": form, "title": title, "action": action, "submit": submit, "is_upload": is_upload}
    return render(request, "advice/form_error.html", context, status=400)
