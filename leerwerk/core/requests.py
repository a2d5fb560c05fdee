"""Typed requests for views: what middleware has put on the request, spelled out for mypy.
(The request with a logged-in Leerwerk user is `leerwerk.accounts.requests`.)"""

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails
