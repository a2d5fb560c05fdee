"""SKELETON: to be written (see the brief)."""

from django.http import HttpRequest, HttpResponse


def queue(request: HttpRequest) -> HttpResponse:
    raise NotImplementedError
