"""The header link to the data download page, with a notice when an export is ready."""

from django import template

from citizenpass.exports.selectors import has_unseen_ready_export

register = template.Library()


@register.inclusion_tag("exports/includes/account_link.html", takes_context=True)
def exports_account_link(context) -> dict:
    user = context["request"].user
    return {"ready": user.is_authenticated and has_unseen_ready_export(user=user)}
