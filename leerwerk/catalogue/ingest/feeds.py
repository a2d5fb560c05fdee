"""Fetching a provider's feed over HTTP(S): with a timeout and a size cap, so a slow or
endless feed cannot hang or flood an import. The bytes go to the import service like any
uploaded file."""

import urllib.error
import urllib.request

from django.conf import settings
from django.utils.translation import gettext as _

from leerwerk.catalogue.ingest.records import StructuralError

_CHUNK = 1 << 16


def fetch_feed(url: str, *, timeout: float | None = None, max_bytes: int | None = None) -> bytes:
    """Raises StructuralError (the import is refused) when the feed cannot be fetched in time."""
    if not url.startswith(("https://", "http://")):
        raise StructuralError(_("A feed address starts with https://."))
    limit = max_bytes or settings.CATALOGUE_IMPORT_MAX_BYTES
    seconds = timeout or settings.CATALOGUE_FEED_TIMEOUT_SECONDS
    request = urllib.request.Request(url, headers={"User-Agent": "Leerwerk feed reader", "Accept": "*/*"})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=seconds) as response:  # noqa: S310  (scheme checked above)
            if response.status != 200:
                raise StructuralError(_("The feed answered with HTTP status %(status)s.") % {"status": response.status})
            parts: list[bytes] = []
            size = 0
            while chunk := response.read(_CHUNK):
                size += len(chunk)
                if size > limit:
                    raise StructuralError(
                        _("The feed is larger than %(maximum)s MB.") % {"maximum": round(limit / 1_000_000)}
                    )
                parts.append(chunk)
            return b"".join(parts)
    except TimeoutError as error:
        raise StructuralError(
            _("The feed did not answer within %(seconds)s seconds.") % {"seconds": seconds}
        ) from error
    except urllib.error.HTTPError as error:
        raise StructuralError(_("The feed answered with HTTP status %(status)s.") % {"status": error.code}) from error
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        if isinstance(reason, TimeoutError):
            raise StructuralError(
                _("The feed did not answer within %(seconds)s seconds.") % {"seconds": seconds}
            ) from error
        raise StructuralError(_("The feed cannot be fetched: %(reason)s") % {"reason": reason}) from error
