"""The request of a view behind @login_required: its user is a Leerwerk user."""

from leerwerk.accounts.models import User
from leerwerk.core.requests import HtmxHttpRequest


class AuthenticatedHttpRequest(HtmxHttpRequest):
    user: User
