from axes.helpers import get_client_ip_address
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from leerwerk.accounts.forms import LoginLinkForm
from leerwerk.accounts.models import ADVICE_ROLES, LoginLink, Role
from leerwerk.accounts.requests import AuthenticatedHttpRequest
from leerwerk.accounts.selectors import (
    LoginLinkError,
    get_login_link,
    is_administrator,
    list_memberships,
    may_read_measurements,
)
from leerwerk.accounts.services import request_login_link, use_login_link

# A backend from AUTHENTICATION_BACKENDS: the session remembers it and must find it there.
# allauth's backend is Django's ModelBackend with allauth's login by e-mail.
LOGIN_LINK_BACKEND = "allauth.account.auth_backends.AuthenticationBackend"
MAX_NEXT_LENGTH = 500


@login_required
def overview(request: AuthenticatedHttpRequest) -> HttpResponse:
    memberships = list_memberships(user=request.user)
    context = {
        "memberships": memberships,
        "is_administrator": is_administrator(user=request.user),
        "is_provider_editor": any(membership.role == Role.PROVIDER_EDITOR for membership in memberships),
        "works_cases": any(membership.role in ADVICE_ROLES for membership in memberships),
        "sees_measurements": may_read_measurements(user=request.user),
        "is_resident": any(membership.role == Role.RESIDENT for membership in memberships),
    }
    return render(request, "accounts/overview.html", context)


def _local_url(value: str) -> str:
    """`value` when it is a path on this site, else "": never send anyone elsewhere."""
    if len(value) <= MAX_NEXT_LENGTH and value.startswith("/") and url_has_allowed_host_and_scheme(value, None):
        return value
    return ""


def _next_url(request: HttpRequest) -> str:
    return _local_url(request.POST.get("next") or request.GET.get("next") or "")


def _minutes_valid() -> int:
    return int(LoginLink.VALID_FOR.total_seconds() // 60)


@require_http_methods(["GET", "POST"])
def login_link(request: HttpRequest) -> HttpResponse:
    """Ask for a login link by e-mail. Every valid address gets the same answer."""
    next_url = _next_url(request)
    form = LoginLinkForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        request_login_link(
            email=form.cleaned_data["email"],
            client_ip=str(get_client_ip_address(request) or ""),
            next_url=next_url,
            language=translation.get_language(),
        )
        return redirect("accounts:login_link_sent")
    context = {"form": form, "next": next_url, "minutes": _minutes_valid()}
    return render(request, "accounts/login_link_request.html", context)


def login_link_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/login_link_sent.html", {"minutes": _minutes_valid()})


def _my_page() -> str:
    # The residents' page belongs to the journeys app; until it is there, the home page.
    try:
        return reverse("journeys:my_page")
    except NoReverseMatch:
        return "/"


@never_cache
@require_http_methods(["GET", "POST"])
def login_link_use(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button; only its POST uses the link, because mail scanners open links."""
    next_url = _next_url(request)
    try:
        if request.method == "POST":
            user = use_login_link(token=token)
            login(request, user, backend=LOGIN_LINK_BACKEND)
            return redirect(next_url or _my_page())
        get_login_link(token=token)
    except LoginLinkError as error:
        context = {"reason": error.reason, "minutes": _minutes_valid()}
        return render(request, "accounts/login_link_invalid.html", context, status=400)
    return render(request, "accounts/login_link_confirm.html", {"next": next_url})
