"""The error body of the API: `application/problem+json` (RFC 9457).

Every API error goes through `problem_response`, whether it comes from a DRF view
(config.api.problem_exception_handler) or from Django itself (an unknown /api/ path,
an unhandled error), so clients see one shape everywhere."""

import json
from collections.abc import Sequence
from typing import TypedDict

from django.http import HttpResponse
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers

PROBLEM_CONTENT_TYPE = "application/problem+json"


class InvalidParam(TypedDict):
    name: str
    reason: str


def problem_body(
    *, status: int, title: str, detail: str = "", invalid_params: Sequence[InvalidParam] = ()
) -> dict[str, object]:
    body: dict[str, object] = {"type": "about:blank", "title": title, "status": status}
    if detail:
        body["detail"] = detail
    if invalid_params:
        body["invalid-params"] = list(invalid_params)
    return body


def problem_response(
    *, status: int, title: str, detail: str = "", invalid_params: Sequence[InvalidParam] = ()
) -> HttpResponse:
    body = problem_body(status=status, title=title, detail=detail, invalid_params=invalid_params)
    return HttpResponse(json.dumps(body, ensure_ascii=False), status=status, content_type=PROBLEM_CONTENT_TYPE)


def is_api_path(path: str) -> bool:
    return path.startswith("/api/")


class InvalidParamSerializer(serializers.Serializer[InvalidParam]):
    name = serializers.CharField(help_text="The parameter or field, as a dotted path.")
    reason = serializers.CharField(help_text="What is wrong with it, in the user's language.")


class ProblemSerializer(serializers.Serializer[dict[str, object]]):
    """The body of every error response (documentation only; see problem_body)."""

    type = serializers.CharField(default="about:blank")
    title = serializers.CharField(help_text="A short summary of the problem.")
    status = serializers.IntegerField(help_text="The HTTP status code.")
    detail = serializers.CharField(required=False, help_text="An explanation of this occurrence.")
    # The RFC's member name has a hyphen, which a class attribute cannot have.
    locals()["invalid-params"] = InvalidParamSerializer(
        many=True, required=False, help_text="For a 400: each parameter or field that is wrong, and why."
    )


def problem_responses(*statuses: int) -> dict[tuple[int, str], OpenApiResponse]:
    """OpenAPI documentation of error responses, for `@extend_schema(responses=…)`."""
    descriptions = {
        400: "The request is not valid; `invalid-params` says which parameter and why.",
        401: "Authentication is required.",
        403: "The caller may not do this.",
        404: "Not found.",
        409: "Conflicts with the current state.",
        413: "The request is too large.",
        503: "Not available for a moment (Retry-After says when to try again).",
    }
    return {
        (status, PROBLEM_CONTENT_TYPE): OpenApiResponse(ProblemSerializer, description=descriptions[status])
        for status in statuses
    }
