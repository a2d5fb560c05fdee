"""SKELETON: to be written (see the brief)."""

from django.http import HttpRequest, HttpResponse


def edit_plan(request: HttpRequest, case_id: int) -> HttpResponse:
    raise NotImplementedError


def add_step(request: HttpRequest, case_id: int) -> HttpResponse:
    raise NotImplementedError


def change_step(request: HttpRequest, case_id: int, step_id: int) -> HttpResponse:
    raise NotImplementedError


def plan_pdf(request: HttpRequest, case_id: int) -> HttpResponse:
    raise NotImplementedError
