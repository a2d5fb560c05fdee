from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from leerwerk.accounts.models import Role
from leerwerk.accounts.requests import AuthenticatedHttpRequest
from leerwerk.accounts.selectors import is_administrator, list_memberships


@login_required
def overview(request: AuthenticatedHttpRequest) -> HttpResponse:
    memberships = list_memberships(user=request.user)
    context = {
        "memberships": memberships,
        "is_administrator": is_administrator(user=request.user),
        "is_provider_editor": any(membership.role == Role.PROVIDER_EDITOR for membership in memberships),
    }
    return render(request, "accounts/overview.html", context)
