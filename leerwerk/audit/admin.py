"""The processing log in the admin: administrators (and superusers) read it, per person
(`?person_id=12`) or per user (`?actor_id=3`); no one can add, change or delete a row
(the model refuses too). Analysts, whom the admin lets in for another model, do not see
it: reading who looked at whose data is the administrator's task."""

from django.contrib import admin
from django.http import HttpRequest

from leerwerk.accounts.selectors import is_administrator
from leerwerk.audit.models import ProcessingLogEntry


@admin.register(ProcessingLogEntry)
class ProcessingLogEntryAdmin(admin.ModelAdmin[ProcessingLogEntry]):
    list_display = [
        "at",
        "actor_email",
        "actor_role",
        "action",
        "subject",
        "subject_id",
        "person_id",
        "case_id",
        "region_code",
        "purpose",
        "via",
    ]
    list_filter = ["action", "purpose", "via", "actor_role", "region_code"]
    search_fields = ["actor_email"]
    date_hierarchy = "at"
    ordering = ["-at", "-pk"]
    show_full_result_count = False  # the log grows large: no second COUNT(*) over all rows
    actions = None

    def lookup_allowed(self, lookup: str, value: str, request: HttpRequest) -> bool:
        # The links "this person's rows" and "this user's rows" filter by these ids.
        return lookup in {"person_id", "actor_id", "case_id"} or super().lookup_allowed(lookup, value, request)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_administrator(user=request.user)

    def has_view_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return is_administrator(user=request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
