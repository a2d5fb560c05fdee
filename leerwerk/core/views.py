"""Error handlers: pages get the site frame, the API gets problem+json."""

from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template import loader
from django.utils.translation import gettext as _

from leerwerk.core.problems import is_api_path, problem_response


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """A request Django refuses before any view sees it: a body larger than
    DATA_UPLOAD_MAX_MEMORY_SIZE, too many fields, a header that cannot be read."""
    if is_api_path(request.path):
        return problem_response(status=400, title=_("The request is too large or not well-formed."))
    return render(request, "400.html", status=400)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent without its security token (CSRF_FAILURE_VIEW): most often a page that
    was open for a long time, or a browser that refuses cookies."""
    return render(request, "403_csrf.html", status=403)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if is_api_path(request.path):
        return problem_response(status=403, title=_("You do not have access to this."))
    return render(request, "403.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if is_api_path(request.path):
        return problem_response(status=404, title=_("Not found."))
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    if is_api_path(request.path):
        return problem_response(status=500, title=_("Something went wrong on our side."))
    # No context processors here: whatever broke the request may break them too.
    return HttpResponse(loader.get_template("500.html").render(), status=500)


def health(request: HttpRequest) -> HttpResponse:
    """For load balancers: the process is up and its database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")
