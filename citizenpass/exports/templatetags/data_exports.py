"""The header link to the data download page, with a notice when an export is ready."""

from django import template

from citizenpass.exports.selectors import has_unseen_ready_export

register = template.Library()


@register.simple_tag(takes_context=True)
def export_ready(context) -> bool:
    """Whether the signed-in user has a download ready that they have not seen."""
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    return bool(user and user.is_authenticated and has_unseen_ready_export(user=user))


@register.inclusion_tag("exports/includes/account_link.html", takes_context=True)
def exports_account_link(context) -> dict:
    return {"ready": export_ready(context)}
