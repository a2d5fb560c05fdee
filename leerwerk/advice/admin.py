"""The advice desk in the admin: administrators set each region's desk settings
(response time, retention period) and read what the retention rule did. Cases, people
and what they hold are not registered: the admin would list personal data without the
workspace's region scope and without the processing log (least data)."""

from django.contrib import admin
from django.http import HttpRequest

from leerwerk.advice.models import DeskSettings, RetentionRun


@admin.register(DeskSettings)
class DeskSettingsAdmin(admin.ModelAdmin[DeskSettings]):
    list_display = ["region", "response_working_days", "retention_months", "updated_at"]
    list_select_related = ["region"]
    ordering = ["region__code"]
    fields = ["region", "response_working_days", "retention_months"]


@admin.register(RetentionRun)
class RetentionRunAdmin(admin.ModelAdmin[RetentionRun]):
    """Read only: a run's report, written by the retention rule."""

    list_display = ["ran_at", "people_erased", "cases_erased", "documents_deleted"]
    date_hierarchy = "ran_at"
    readonly_fields = ["ran_at", "people_erased", "cases_erased", "documents_deleted", "per_region"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
