"""Writes to the catalogue.

Public surface:
- imports: `import_offers` (every file, feed and upload), `upsert_records` (valid records
  straight in: the API and the demo seed), `Source`, `reader_context`;
- offers: `save_offer_record` (the provider API's create-or-replace), `withdraw_offer`,
  `edit_offer` (the workspace form), `set_offer_status`;
- providers: `create_provider`, `admit_provider`, `suspend_provider`, `add_recognition`;
- tokens: `create_token`, `revoke_token`, `authenticate_token`.
"""

from leerwerk.catalogue.services.imports import Counts, Source, import_offers, reader_context, upsert_records
from leerwerk.catalogue.services.offers import (
    EDITABLE_FIELDS,
    edit_offer,
    save_offer_record,
    set_offer_status,
    withdraw_offer,
)
from leerwerk.catalogue.services.providers import add_recognition, admit_provider, create_provider, suspend_provider
from leerwerk.catalogue.services.tokens import authenticate_token, create_token, revoke_token

__all__ = [
    "EDITABLE_FIELDS",
    "Counts",
    "Source",
    "add_recognition",
    "admit_provider",
    "authenticate_token",
    "create_provider",
    "create_token",
    "edit_offer",
    "import_offers",
    "reader_context",
    "revoke_token",
    "save_offer_record",
    "set_offer_status",
    "suspend_provider",
    "upsert_records",
    "withdraw_offer",
]
