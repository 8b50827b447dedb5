"""The header link to the data download page, with a notice when an export is ready."""

from django import template

from citizenpass.exports.selectors import has_unseen_ready_export

register = template.Library()


@register.inclusion_tag("exports/includes/account_link.html", takes_context=True)
def exports_account_link(context) -> dict:
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    ready = bool(user and user.is_authenticated and has_unseen_ready_export(user=user))
    return {"ready": ready}
