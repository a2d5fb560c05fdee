import pytest
from drf_spectacular.generators import SchemaGenerator

from leerwerk.apidocs.selectors import describe, get_api_description

pytestmark = pytest.mark.django_db


def test_the_documentation_page_describes_every_operation(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    content = response.content.decode()
    for operation in ("GET /api/v1/regions", "GET /api/v1/regions/{code}", "GET /api/v1/municipalities"):
        assert operation in content
    assert "application/problem+json" in content
    assert "results[].municipality_count" in content
    assert 'href="/api/v1/schema"' in content


def test_the_description_covers_every_operation_of_the_generated_schema():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    generated = {operation["operationId"] for item in schema["paths"].values() for operation in item.values()}
    api = get_api_description()
    described = {op.operation_id for tag in api.tags for op in tag.operations}
    assert described == generated
    assert {"regions_list", "municipalities_list", "offers_search", "provider_offers_put"} <= described


def test_nested_fields_and_references_are_flattened():
    schema = {
        "info": {"title": "T", "version": "1"},
        "paths": {
            "/x": {
                "get": {
                    "operationId": "x",
                    "tags": ["t"],
                    "responses": {
                        "200": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/A"}}}}
                    },
                }
            }
        },
        "components": {
            "schemas": {
                "A": {
                    "type": "object",
                    "required": ["b"],
                    "properties": {"b": {"type": "array", "items": {"$ref": "#/components/schemas/B"}}},
                },
                "B": {"type": "object", "properties": {"c": {"type": "string", "description": "een veld"}}},
            }
        },
    }
    fields = describe(schema).tags[0].operations[0].responses[0].fields
    assert [(f.name, f.type, f.required) for f in fields] == [("b", "list of object", True), ("b[].c", "string", False)]
    assert fields[1].description == "een veld"


def test_the_schema_and_the_explorer_are_served(client):
    assert client.get("/api/v1/schema").status_code == 200
    assert client.get("/api/v1/explorer").status_code == 200
