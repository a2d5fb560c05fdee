"""PDF files of the workspace, rendered from a template with WeasyPrint. The rendering
fetches nothing: the template keeps its CSS inline, and the URL fetcher refuses every
address but inline `data:` ones, so a link in the text can never make the server call out."""

from typing import Any

from django.http import HttpResponse
from django.template.loader import render_to_string

PDF_CONTENT_TYPE = "application/pdf"


def render_pdf(*, template_name: str, context: dict[str, Any]) -> bytes:
    # Imported here: WeasyPrint takes a while to load and logs its start-up, which every
    # process that loads the URLs (commands, workers) need not pay for.
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    html = render_to_string(template_name, context)
    pdf: bytes = HTML(string=html, url_fetcher=URLFetcher(allowed_protocols={"data"})).write_pdf()
    return pdf


def pdf_response(*, template_name: str, context: dict[str, Any], filename: str) -> HttpResponse:
    response = HttpResponse(render_pdf(template_name=template_name, context=context), content_type=PDF_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
