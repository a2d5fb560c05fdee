"""Formats of Dutch registration numbers."""

from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

# KvK-nummer: the Chamber of Commerce number, eight digits.
validate_kvk_number = RegexValidator(r"^\d{8}$", _("A KvK number has exactly 8 digits."), code="kvk_number")

# BRIN: DUO's code of a school, two digits followed by two capital letters or digits (25LX).
validate_brin_code = RegexValidator(
    r"^\d{2}[A-Z0-9]{2}$", _("A BRIN code is two digits followed by two capital letters or digits."), code="brin"
)
