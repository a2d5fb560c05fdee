"""The API documentation, read from the OpenAPI document that drf-spectacular builds from
the code (the same document as docs/openapi.yaml), shaped for a readable page.

Public surface: `get_api_description()`."""

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from drf_spectacular.generators import SchemaGenerator

_METHODS = ("get", "post", "put", "patch", "delete")
_MAX_DEPTH = 4
_PROBLEM = "application/problem+json"


@dataclass(frozen=True)
class Parameter:
    name: str
    location: str
    required: bool
    type: str
    description: str


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    required: bool
    description: str


@dataclass(frozen=True)
class ResponseDoc:
    status: str
    media_type: str
    description: str
    fields: list[Field]


@dataclass(frozen=True)
class Operation:
    method: str
    path: str
    operation_id: str
    summary: str
    description: str
    parameters: list[Parameter]
    request_fields: list[Field]
    responses: list[ResponseDoc]


@dataclass
class Tag:
    name: str
    description: str
    operations: list[Operation] = field(default_factory=list)


@dataclass(frozen=True)
class ApiDescription:
    title: str
    version: str
    description: str
    tags: list[Tag]


@cache
def get_api_description() -> ApiDescription:
    """Built once per process: the API only changes with the code."""
    # drf-spectacular's generator has no type annotations.
    generator = SchemaGenerator()  # type: ignore[no-untyped-call]
    schema: dict[str, Any] = generator.get_schema(request=None, public=True)  # type: ignore[no-untyped-call]
    return describe(schema)


def describe(schema: dict[str, Any]) -> ApiDescription:
    components = schema.get("components", {}).get("schemas", {})
    tags = {tag["name"]: Tag(tag["name"], tag.get("description", "")) for tag in schema.get("tags", [])}
    for path, item in schema.get("paths", {}).items():
        for method in _METHODS:
            if method not in item:
                continue
            operation = item[method]
            tag_name = (operation.get("tags") or ["other"])[0]
            tag = tags.setdefault(tag_name, Tag(tag_name, ""))
            tag.operations.append(_operation(method, path, operation, components))
    info = schema.get("info", {})
    return ApiDescription(
        title=info.get("title", ""),
        version=info.get("version", ""),
        description=info.get("description", ""),
        tags=[tag for tag in tags.values() if tag.operations],
    )


def _operation(method: str, path: str, operation: dict[str, Any], components: dict[str, Any]) -> Operation:
    parameters = [
        Parameter(
            name=parameter["name"],
            location=parameter["in"],
            required=bool(parameter.get("required", False)),
            type=_type_name(parameter.get("schema", {}), components),
            description=parameter.get("description", ""),
        )
        for parameter in operation.get("parameters", [])
    ]
    request_fields: list[Field] = []
    for content in operation.get("requestBody", {}).get("content", {}).values():
        request_fields = _fields(content.get("schema", {}), components, prefix="", depth=0)
        break
    responses = []
    for status, response in operation.get("responses", {}).items():
        contents = response.get("content", {}) or {"": {}}
        for media_type, content in contents.items():
            responses.append(
                ResponseDoc(
                    status=status,
                    media_type=media_type,
                    description=response.get("description", ""),
                    # Error bodies are the same everywhere; the page describes them once.
                    fields=[] if media_type == _PROBLEM else _fields(content.get("schema", {}), components, "", 0),
                )
            )
    return Operation(
        method=method.upper(),
        path=path,
        operation_id=operation.get("operationId", ""),
        summary=operation.get("summary", ""),
        description=operation.get("description", ""),
        parameters=parameters,
        request_fields=request_fields,
        responses=responses,
    )


def _resolve(schema: dict[str, Any], components: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = components.get(schema["$ref"].rsplit("/", 1)[-1], {})
    if "allOf" in schema and len(schema["allOf"]) == 1:
        return {**_resolve(schema["allOf"][0], components), **{k: v for k, v in schema.items() if k != "allOf"}}
    return schema


def _type_name(schema: dict[str, Any], components: dict[str, Any]) -> str:
    schema = _resolve(schema, components)
    if "enum" in schema:
        return " | ".join(str(value) for value in schema["enum"] if value is not None)
    kind = str(schema.get("type", "object"))
    if kind == "array":
        return f"list of {_type_name(schema.get('items', {}), components)}"
    details = [str(schema[key]) for key in ("format", "pattern") if key in schema]
    if "minimum" in schema or "maximum" in schema:
        details.append(f"{schema.get('minimum', '')}–{schema.get('maximum', '')}")
    return f"{kind} ({', '.join(details)})" if details else kind


def _fields(schema: dict[str, Any], components: dict[str, Any], prefix: str, depth: int) -> list[Field]:
    schema = _resolve(schema, components)
    if depth > _MAX_DEPTH:
        return []
    if schema.get("type") == "array":
        return _fields(schema.get("items", {}), components, f"{prefix}[]", depth + 1)
    required = set(schema.get("required", []))
    fields = []
    for name, property_schema in schema.get("properties", {}).items():
        resolved = _resolve(property_schema, components)
        full_name = f"{prefix}.{name}" if prefix else name
        fields.append(
            Field(
                name=full_name,
                type=_type_name(resolved, components),
                required=name in required,
                description=resolved.get("description", property_schema.get("description", "")),
            )
        )
        nested = resolved.get("items", {}) if resolved.get("type") == "array" else resolved
        if _resolve(nested, components).get("properties"):
            suffix = "[]" if resolved.get("type") == "array" else ""
            fields.extend(_fields(nested, components, f"{full_name}{suffix}", depth + 1))
    return fields
