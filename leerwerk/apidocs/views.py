from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from leerwerk.apidocs.selectors import get_api_description


def api_documentation(request: HttpRequest) -> HttpResponse:
    """The API documentation as an accessible page that works without JavaScript or network."""
    return render(request, "apidocs/documentation.html", {"api": get_api_description()})
