from typing import Any

from django.core.management.base import BaseCommand, CommandError

from leerwerk.demo.services import DEMO_PASSWORD, DemoDataDisabledError, ReferenceDataMissingError, seed_demo


class Command(BaseCommand):
    help = "Seed the demo partners and users (idempotent; refused where DEMO_DATA_ENABLED is off)."

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = seed_demo()
        except (DemoDataDisabledError, ReferenceDataMissingError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Demo users created: {report.users_created}")
        self.stdout.write(
            f"Demo catalogue: {report.providers} providers; offers {report.offers_new} new, "
            f"{report.offers_changed} changed, {report.offers_unchanged} unchanged"
        )
        self.stdout.write(
            f"Promising occupations: {report.promising_created} new, {report.promising_updated} changed, "
            f"{report.promising_unchanged} unchanged"
        )
        if report.promising_missing:
            self.stdout.write(
                f"  {len(set(report.promising_missing))} occupations are not loaded; "
                "run manage.py load_occupations and seed again"
            )
        advice = report.advice
        self.stdout.write(f"Demo advice cases: {advice.created} new, {advice.unchanged} unchanged")
        self.stdout.write("")
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        width = max(len(login.email) for login in report.logins)
        for login in report.logins:
            self.stdout.write(f"  {login.email.ljust(width)}  {login.role} – {login.scope}")
