"""Small NL Design System building blocks for templates."""

from typing import Any

from django import template
from django.core.paginator import Paginator
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

register = template.Library()


@register.inclusion_tag("components/nav_item.html", takes_context=True)
def nav_item(context: dict[str, Any], url_name: str, label: str) -> dict[str, Any]:
    """A main-menu link, marked as the current page when the visitor is on it or below it."""
    url = reverse(url_name)
    request: HttpRequest | None = context.get("request")
    path = request.path if request is not None else ""
    is_current = path == url or (url != "/" and path.startswith(url))
    return {"url": url, "label": label, "is_current": is_current, "is_page": path == url}


@register.inclusion_tag("components/pagination.html", takes_context=True)
def pagination(context: dict[str, Any], page: Any, label: str) -> dict[str, Any]:
    """Previous/next links for a Django Page that keep the other query parameters."""
    return _page_links(context, page, label, "page")


@register.inclusion_tag("components/pagination.html", takes_context=True)
def numbered_pagination(
    context: dict[str, Any], number: int, pages: int, label: str, parameter: str = "page"
) -> dict[str, Any]:
    """The same links for results paged elsewhere (the search engine's): page `number` of
    `pages`, with the page number in the query parameter `parameter`."""
    if not 1 <= number <= pages:
        return {"page": None}
    page = Paginator(range(pages), 1).page(number)  # one item per page: a Page without a database
    return _page_links(context, page, label, parameter)


def _page_links(context: dict[str, Any], page: Any, label: str, parameter: str) -> dict[str, Any]:
    request: HttpRequest | None = context.get("request")
    query = request.GET.copy() if request is not None else None

    def link(number: int) -> str:
        if query is None:
            return f"?{parameter}={number}"
        query[parameter] = str(number)
        return f"?{query.urlencode()}"

    return {
        "page": page,
        "label": label,
        "previous_url": link(page.previous_page_number()) if page.has_previous() else None,
        "next_url": link(page.next_page_number()) if page.has_next() else None,
    }


@register.filter
def euros(cents: int | None) -> str:
    """Whole cents as a Dutch amount: 125050 → "€ 1.250,50", 0 → "gratis"."""
    if cents is None:
        return ""
    if cents == 0:
        return str(_("free"))
    whole, rest = divmod(int(cents), 100)
    grouped = f"{whole:,}".replace(",", ".")
    return f"€ {grouped},{rest:02d}" if rest else f"€ {grouped},-"
