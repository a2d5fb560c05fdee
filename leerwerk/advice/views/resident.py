"""SKELETON: to be written (see the brief)."""

from django.http import HttpRequest, HttpResponse


def my_plans(request: HttpRequest) -> HttpResponse:
    raise NotImplementedError


def my_plan_pdf(request: HttpRequest, case_id: int) -> HttpResponse:
    raise NotImplementedError
