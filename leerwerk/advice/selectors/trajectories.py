"""Reads of trajectories and the six-month follow-ups.

Public surface: `get_trajectory`, `list_due_follow_ups`, `count_due_follow_ups`."""

import datetime

from django.db.models import QuerySet
from django.utils import timezone

from leerwerk.advice.models import Case, FollowUp, Trajectory


def get_trajectory(*, case: Case, trajectory_id: int) -> Trajectory:
    """A trajectory of the case; raises Trajectory.DoesNotExist for one of another case."""
    return Trajectory.objects.get(pk=trajectory_id, case=case)


def _due(*, region_codes: set[str], today: datetime.date | None) -> QuerySet[FollowUp]:
    return FollowUp.objects.filter(
        region_code__in=region_codes, done_at__isnull=True, due_on__lte=today or timezone.localdate()
    )


def list_due_follow_ups(*, region_codes: set[str], today: datetime.date | None = None) -> QuerySet[FollowUp]:
    """The follow-ups of these regions that are due and not done, the oldest first, with
    their trajectory, case and person (for the list's links and names)."""
    return (
        _due(region_codes=region_codes, today=today)
        .select_related("trajectory", "trajectory__case", "trajectory__case__person", "placement")
        .order_by("due_on", "pk")
    )


def count_due_follow_ups(*, region_codes: set[str], today: datetime.date | None = None) -> int:
    return _due(region_codes=region_codes, today=today).count()
