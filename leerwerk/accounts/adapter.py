from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest


# allauth ships no type information, so its adapter is Any to mypy.
class AccountAdapter(DefaultAccountAdapter):  # type: ignore[misc]
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        """Partners do not sign up: an administrator creates their account and role."""
        return False
