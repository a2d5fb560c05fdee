"""Staff without a second factor are sent to set one up before they can do anything else."""

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from leerwerk.accounts.selectors import needs_second_factor

_ALWAYS_ALLOWED = ("/account/2fa/", "/account/reauthenticate/", "/account/logout/", "/static/", "/i18n/")


def require_mfa_for_staff(get_response: Callable[[HttpRequest], HttpResponse]) -> Callable[[HttpRequest], HttpResponse]:
    def middleware(request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated and not request.path.startswith(_ALWAYS_ALLOWED) and needs_second_factor(user=user):
            messages.warning(request, _("Your role requires a second login step. Set it up first."))
            return redirect(reverse("mfa_activate_totp"))
        return get_response(request)

    return middleware
