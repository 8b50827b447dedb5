"""Template filters of the personal-data pages: domain names, values with units."""

from django import template
from django.utils import formats
from django.utils.translation import gettext as _

from citizenpass.records.models import Domain

register = template.Library()

UNIT_LABELS = {"EUR": "€"}


@register.filter
def domain_label(code: str) -> str:
    """Human name of a domain code."""
    try:
        return Domain(code).label
    except ValueError:
        return code


@register.filter
def unit_label(unit: str) -> str:
    translated = {
        "meals": _("meals"),
        "trips": _("trips"),
        "rides": _("rides"),
        "loans": _("loans"),
    }
    return translated.get(unit) or UNIT_LABELS.get(unit, unit)


@register.filter
def record_value(record) -> str:
    """A record's value with its unit, or an empty string when it has none."""
    if record is None or record.value is None:
        return ""
    decimals = 2 if record.unit == "EUR" else (1 if record.value % 1 else 0)
    number = formats.number_format(record.value, decimals, use_l10n=True)
    return f"{number} {unit_label(record.unit)}".strip()


@register.filter
def payload_value(value) -> str:
    """A payload field shown to a person: booleans as yes/no."""
    if value is True:
        return _("yes")
    if value is False:
        return _("no")
    return str(value)
