"""SKELETON: to be written (see the brief)."""

from django.http import HttpRequest, HttpResponse


def case_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    raise NotImplementedError


def change_status(request: HttpRequest, case_id: int) -> HttpResponse:
    raise NotImplementedError


def take(request: HttpRequest, case_id: int) -> HttpResponse:
    raise NotImplementedError


def assign(request: HttpRequest, case_id: int) -> HttpResponse:
    raise NotImplementedError


def set_target_groups(request: HttpRequest, case_id: int) -> HttpResponse:
    raise NotImplementedError


def add_note(request: HttpRequest, case_id: int) -> HttpResponse:
    raise NotImplementedError


def add_contact_moment(request: HttpRequest, case_id: int) -> HttpResponse:
    raise NotImplementedError


def add_appointment(request: HttpRequest, case_id: int) -> HttpResponse:
    raise NotImplementedError


def cancel_appointment(request: HttpRequest, case_id: int, appointment_id: int) -> HttpResponse:
    raise NotImplementedError
