"""Which username django-axes counts failed logins against.

allauth passes the e-mail address as `email` to the authentication backends, while the
login form posts it as `login`; both must count for the same person."""

from typing import Any

from django.http import HttpRequest


def username_from_login(request: HttpRequest, credentials: dict[str, Any] | None = None) -> str:
    value = (credentials or {}).get("email") or request.POST.get("login") or ""
    return str(value).strip().lower()
