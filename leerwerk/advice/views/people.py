"""SKELETON: to be written (see the brief)."""

from django.http import HttpRequest, HttpResponse


def export_json(request: HttpRequest, person_id: int) -> HttpResponse:
    raise NotImplementedError


def export_pdf(request: HttpRequest, person_id: int) -> HttpResponse:
    raise NotImplementedError


def erase(request: HttpRequest, person_id: int) -> HttpResponse:
    raise NotImplementedError
