from typing import Any

from django.core.management.base import BaseCommand

from leerwerk.journeys.services import erase_expired_registrations


class Command(BaseCommand):
    help = (
        "Delete the interest registrations and advice requests whose retention has passed "
        "(RESIDENT_DATA_RETENTION_MONTHS after they were sent). Run it daily."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        interests, advice_requests = erase_expired_registrations()
        self.stdout.write(f"Deleted {interests} interest registrations and {advice_requests} advice requests.")
