"""Organisations, agents, residents and services for the digital counter's tests."""

import itertools

from django.contrib.auth import get_user_model

from citizenpass.organisations.models import Organisation
from services.catalogue.models import FormField, Service
from services.requests.groups import agent_group

_numbers = itertools.count(1)

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def make_commune(slug: str | None = None) -> Organisation:
    number = next(_numbers)
    slug = slug or f"commune-{number}"
    return Organisation.objects.create(
        slug=slug,
        name=slug.title(),
        kind=Organisation.Kind.COMMUNE,
        insee_code=f"69{number:03d}",
    )


def make_resident(email: str | None = None, **fields):
    email = email or f"resident{next(_numbers)}@example.org"
    return get_user_model().objects.create_user(
        email=email, password="a long password 123", **fields
    )


def make_agent(organisation: Organisation, email: str | None = None):
    """A staff member of ``organisation`` in its agents' group."""
    user = get_user_model().objects.create_user(
        email=email or f"agent{next(_numbers)}@example.org",
        password="a long password 123",
        is_staff=True,
        organisation=organisation,
        first_name="Agent",
        last_name=organisation.name,
    )
    user.groups.add(agent_group(organisation))
    return user


def make_service(owner: Organisation, *, with_file: bool = True, **fields) -> Service:
    number = next(_numbers)
    service = Service.objects.create(
        owner=owner,
        slug=fields.pop("slug", f"service-{number}"),
        title_fr=fields.pop("title_fr", f"Service {number}"),
        title_en=fields.pop("title_en", f"Service {number}"),
        **fields,
    )
    FormField.objects.create(
        service=service,
        sort_order=1,
        name="last_name",
        kind=FormField.Kind.TEXT,
        label_fr="Nom",
        label_en="Last name",
        profile_field=FormField.ProfileField.LAST_NAME,
    )
    FormField.objects.create(
        service=service,
        sort_order=2,
        name="details",
        kind=FormField.Kind.LONG_TEXT,
        label_fr="Précisions",
        label_en="Details",
        required=False,
    )
    if with_file:
        FormField.objects.create(
            service=service,
            sort_order=3,
            name="proof",
            kind=FormField.Kind.FILE,
            label_fr="Justificatif de domicile",
            label_en="Proof of address",
            allowed_file_types="pdf, png, jpeg",
        )
    return service
