"""Events an organisation can receive on its webhook endpoints."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class WebhookEvent(models.TextChoices):
    REQUEST_SUBMITTED = "request.submitted", _("A request was submitted")
    REQUEST_STATUS_CHANGED = "request.status_changed", _("A request changed status")
    REQUEST_MESSAGE_POSTED = "request.message_posted", _("A message was posted")
    RESIDENT_PAIRED = "resident.paired", _("A resident paired their account")
    IMPORT_FINISHED = "import.finished", _("A connector's import finished")
    TEST = "webhook.test", _("Test event")
