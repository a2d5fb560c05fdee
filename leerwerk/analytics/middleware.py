"""Page views of the public site, and the `lw_seen` cookie that tells a repeat visit.

Only a successful GET of a whole HTML page of the public site counts: not the API, static
files, the admin, the partner workspace, the account pages, health checks, htmx partial
updates or bots. The middleware sets no cookie but `lw_seen`, whose value is today's date
and nothing else; it sets none when the browser sends Do Not Track or Global Privacy
Control."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from leerwerk.analytics.models import Event
from leerwerk.analytics.services import SEEN_COOKIE, is_bot, record_event, refuses_tracking

NOT_MEASURED = (
    "/api/",
    "/static/",
    "/media/",
    "/beheer/",
    "/werkplek/",
    "/account/",
    "/accounts/",
    "/health",
    "/i18n/",
    "/__",
)
SEEN_COOKIE_MAX_AGE = 365 * 24 * 60 * 60


def measure(get_response: Callable[[HttpRequest], HttpResponse]) -> Callable[[HttpRequest], HttpResponse]:
    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        if _is_public_page_view(request, response):
            record_event(request, Event.Kind.PAGE_VIEW)
            _remember_the_day(request, response)
        return response

    return middleware


def _is_public_page_view(request: HttpRequest, response: HttpResponse) -> bool:
    return (
        getattr(settings, "ANALYTICS_ENABLED", True)
        and request.method == "GET"
        and response.status_code == 200
        and response.get("Content-Type", "").startswith("text/html")
        and not request.path.startswith(NOT_MEASURED)
        and request.headers.get("HX-Request") != "true"
        and not is_bot(request.headers.get("User-Agent", ""))
    )


def _remember_the_day(request: HttpRequest, response: HttpResponse) -> None:
    today = timezone.localdate().isoformat()
    if refuses_tracking(request) or request.COOKIES.get(SEEN_COOKIE) == today:
        return
    response.set_cookie(
        SEEN_COOKIE,
        today,
        max_age=SEEN_COOKIE_MAX_AGE,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
    )
