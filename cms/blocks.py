"""StreamField blocks of the public pages."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class DataDomain(models.TextChoices):
    """Domains of personal data, with the codes of ``citizenpass.records.models.Domain``.

    Kept here so that page definitions (and their migrations) do not depend on the
    records app; the codes must stay equal to the records ones.
    """

    CIVIL_STATUS = "civil_status", _("Civil status")
    EDUCATION = "education", _("Education")
    MOBILITY = "mobility", _("Mobility")
    WATER = "water", _("Water")
    ENERGY = "energy", _("Energy")
    HOUSING = "housing", _("Housing")
    SOCIAL = "social", _("Social support")
    HEALTH = "health", _("Health")
    CULTURE = "culture", _("Culture")


class StepBlock(blocks.StructBlock):
    """One step of a procedure: what to do, in a sentence or two."""

    title = blocks.CharBlock(label=_("step"), max_length=120)
    text = blocks.RichTextBlock(
        label=_("explanation"), features=["bold", "italic", "link", "ul"]
    )

    class Meta:
        icon = "list-ol"
        label = _("Step")


class CalloutBlock(blocks.StructBlock):
    """A highlighted piece of advice (deadline, tip, warning)."""

    title = blocks.CharBlock(label=_("title"), max_length=120)
    text = blocks.RichTextBlock(label=_("text"), features=["bold", "italic", "link"])

    class Meta:
        icon = "warning"
        label = _("Callout")
        template = "cms/blocks/callout_block.html"


class BodyBlock(blocks.StreamBlock):
    """Editorial body of services, guides and news: headings, text, steps, callouts."""

    heading = blocks.CharBlock(
        label=_("section heading"), max_length=120, template="cms/blocks/heading.html"
    )
    paragraph = blocks.RichTextBlock(
        label=_("text"), features=["h3", "bold", "italic", "link", "ol", "ul"]
    )
    steps = blocks.ListBlock(
        StepBlock(), label=_("steps"), template="cms/blocks/steps_block.html"
    )
    callout = CalloutBlock()


class DataHeldBlock(blocks.StructBlock):
    """A domain of personal data the portal holds for a life event, and who provides it."""

    domain = blocks.ChoiceBlock(choices=DataDomain.choices, label=_("data domain"))
    held = blocks.TextBlock(
        label=_("what the portal holds"),
        help_text=_("In plain words, e.g. 'canteen attendance and bills'."),
    )
    source = blocks.CharBlock(
        label=_("provided by"), max_length=200, help_text=_("The public body.")
    )

    class Meta:
        icon = "doc-full"
        label = _("Personal data held")
