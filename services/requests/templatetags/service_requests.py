"""Template tags of the digital counter: the unread-notification count, agents' labels."""

from django import template

from services.requests.models import agent_status_label
from services.requests.selectors import unread_notification_count

register = template.Library()


@register.filter
def agent_status(status: str) -> str:
    """A status as the back office names it (``AGENT_STATUS_LABELS``)."""
    return agent_status_label(status)


@register.simple_tag(takes_context=True)
def unread_notifications(context) -> int:
    """Unread notifications of the signed-in user (0 for a visitor)."""
    user = getattr(context.get("request"), "user", None)
    if user is None or not user.is_authenticated:
        return 0
    return unread_notification_count(user)


@register.inclusion_tag(
    "service_requests/includes/account_links.html", takes_context=True
)
def requests_account_links(context) -> dict:
    """Header links to the resident's requests and notifications, with the count."""
    return {"unread_count": unread_notifications(context)}
