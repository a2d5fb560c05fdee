"""The advice desk's background tasks. The project has no scheduler of its own:
production runs `manage.py apply_advice_retention` daily (ADR 0016); the task is the same
rule for a worker, for when something other than cron should start it."""

from typing import Any

from django_tasks import task

from leerwerk.advice.services.rights import apply_retention


@task()
def apply_retention_task() -> dict[str, Any]:
    """Apply the retention rule; the result is the run's report."""
    report = apply_retention()
    return {
        "people_erased": report.people_erased,
        "people_on_request": report.people_on_request,
        "cases_erased": report.cases_erased,
        "documents_deleted": report.documents_deleted,
        "per_region": report.per_region,
    }
