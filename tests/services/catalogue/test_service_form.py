"""A service's form definition: questions agents edit become the resident's form."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from services.catalogue.models import FormField, validate_file_types
from services.requests.forms import ServiceRequestForm
from tests.services.requests.factories import (
    PNG_BYTES,
    make_commune,
    make_resident,
    make_service,
)

pytestmark = pytest.mark.django_db


def test_a_question_gets_its_key_from_the_english_label():
    service = make_service(make_commune(), with_file=False)
    field = FormField.objects.create(
        service=service,
        kind=FormField.Kind.TEXT,
        label_fr="Numéro",
        label_en="Plate number",
    )
    assert field.name == "plate_number"


def test_unknown_file_types_are_refused():
    validate_file_types("pdf, PNG")
    with pytest.raises(ValidationError):
        validate_file_types("pdf, exe")


def test_labels_follow_the_language_and_answers_are_checked():
    service = make_service(make_commune(), slug="canteen")
    FormField.objects.filter(service=service, name="proof").update(
        allowed_file_types="pdf", max_size_mb=1
    )
    resident = make_resident(last_name="Durand")
    with translation.override("en"):
        form = ServiceRequestForm(
            {"last_name": "Durand"},
            {"proof": SimpleUploadedFile("photo.pdf", PNG_BYTES)},
            service=service,
            resident=resident,
        )
        assert form.fields["proof"].label == "Proof of address"
        assert not form.is_valid()
        assert "PDF" in form.errors["proof"][0]
    with translation.override("fr"):
        form = ServiceRequestForm(service=service, resident=resident)
        assert form.fields["last_name"].label == "Nom"
        assert form.fields["last_name"].initial == "Durand"


def test_a_draft_may_leave_required_answers_empty():
    service = make_service(make_commune())
    form = ServiceRequestForm(
        {}, {}, service=service, resident=make_resident(), for_draft=True
    )
    assert form.is_valid(), form.errors
    assert form.answers() == {}
