"""SKELETON: to be written (see the brief)."""

from django.http import HttpRequest, HttpResponse


def upload(request: HttpRequest, case_id: int) -> HttpResponse:
    raise NotImplementedError


def download(request: HttpRequest, case_id: int, document_id: int) -> HttpResponse:
    raise NotImplementedError


def delete(request: HttpRequest, case_id: int, document_id: int) -> HttpResponse:
    raise NotImplementedError
