from django.contrib import admin

from leerwerk.regions.models import LabourMarketRegion, Municipality, RegionMembership


class RegionMembershipInline(admin.TabularInline[RegionMembership, Municipality]):
    model = RegionMembership
    extra = 0
    can_delete = False
    readonly_fields = ["region", "valid_from", "valid_until"]

    def has_add_permission(self, request: object, obj: object = None) -> bool:
        return False


@admin.register(LabourMarketRegion)
class LabourMarketRegionAdmin(admin.ModelAdmin[LabourMarketRegion]):
    list_display = ["code", "name", "is_served", "lead_municipality"]
    list_filter = ["is_served"]
    search_fields = ["code", "name"]
    readonly_fields = ["code", "name"]
    fields = ["code", "name", "is_served", "lead_municipality"]
    autocomplete_fields = ["lead_municipality"]

    def has_add_permission(self, request: object) -> bool:
        return False  # regions come from CBS through `manage.py load_regions`


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin[Municipality]):
    list_display = ["code", "name", "province_name"]
    list_filter = ["province_name"]
    search_fields = ["code", "name"]
    readonly_fields = ["code", "name", "province_code", "province_name"]
    inlines = [RegionMembershipInline]

    def has_add_permission(self, request: object) -> bool:
        return False
