"""SKELETON: to be written (see the brief)."""

from django.http import HttpRequest, HttpResponse


def add_trajectory(request: HttpRequest, case_id: int) -> HttpResponse:
    raise NotImplementedError


def add_outcome(request: HttpRequest, case_id: int, trajectory_id: int) -> HttpResponse:
    raise NotImplementedError


def follow_ups(request: HttpRequest) -> HttpResponse:
    raise NotImplementedError
