"""DRF defaults shared by every API view: the problem+json error shape.
(Pagination is `leerwerk.core.pagination`.)"""

import logging
from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response

from leerwerk.core.problems import PROBLEM_CONTENT_TYPE, InvalidParam, problem_body

logger = logging.getLogger(__name__)


def _flatten(detail: Any, prefix: str = "") -> list[InvalidParam]:
    """Turn DRF's nested error detail into a flat list of (field path, message)."""
    if isinstance(detail, Mapping):
        params: list[InvalidParam] = []
        for key, value in detail.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            params.extend(_flatten(value, name))
        return params
    if isinstance(detail, Sequence) and not isinstance(detail, str):
        params = []
        for index, value in enumerate(detail):
            is_leaf = not isinstance(value, Mapping | list)
            params.extend(_flatten(value, prefix if is_leaf else f"{prefix}[{index}]"))
        return params
    return [InvalidParam(name=prefix or "non_field_errors", reason=str(detail))]


def _titles() -> dict[int, str]:
    return {
        400: _("The request is not valid."),
        401: _("Authentication is required."),
        403: _("You do not have access to this."),
        404: _("Not found."),
        405: _("This method is not allowed here."),
        406: _("This response format is not available."),
        409: _("This conflicts with the current state."),
        413: _("The request is too large."),
        415: _("This content type is not supported."),
        429: _("Too many requests; try again later."),
        500: _("Something went wrong on our side."),
    }


def problem_exception_handler(exc: Exception, context: Mapping[str, Any]) -> Response:
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    if not isinstance(exc, exceptions.APIException):
        logger.exception("Unhandled error in an API view", exc_info=exc)
        exc = exceptions.APIException()
    code = exc.status_code
    title = _titles().get(code, str(exc.default_detail))
    invalid: list[InvalidParam] = []
    detail = ""
    if isinstance(exc, exceptions.ValidationError):
        invalid = _flatten(exc.detail)
    elif code != status.HTTP_500_INTERNAL_SERVER_ERROR:
        detail = str(exc.detail)
        if detail == title:
            detail = ""
    body = problem_body(status=code, title=title, detail=detail, invalid_params=invalid)
    response = Response(body, status=code, content_type=PROBLEM_CONTENT_TYPE)
    wait = getattr(exc, "wait", None)
    if isinstance(exc, exceptions.Throttled) and wait is not None:
        response["Retry-After"] = str(int(wait))
    if isinstance(exc, exceptions.NotAuthenticated | exceptions.AuthenticationFailed):
        response["WWW-Authenticate"] = "Bearer"
    return response
