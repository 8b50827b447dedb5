"""Checks on uploaded files: size, and type read from the content, not the name."""

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

DEFAULT_MAX_BYTES = 10 * 1024 * 1024

# Magic bytes at the start of each accepted type.
SIGNATURES: dict[str, tuple[bytes, str]] = {
    "pdf": (b"%PDF-", "application/pdf"),
    "png": (b"\x89PNG\r\n\x1a\n", "image/png"),
    "jpeg": (b"\xff\xd8\xff", "image/jpeg"),
}


def detect_file_type(uploaded) -> str | None:
    """The type code (pdf, png, jpeg) the file's first bytes show, or None."""
    uploaded.seek(0)
    head = uploaded.read(16)
    uploaded.seek(0)
    for code, (magic, _content_type) in SIGNATURES.items():
        if head.startswith(magic):
            return code
    return None


def check_upload(
    uploaded, *, allowed_types: list[str], max_bytes: int = DEFAULT_MAX_BYTES
) -> str:
    """Refuse a file too big or of a type not allowed; return its content type."""
    if uploaded.size > max_bytes:
        raise ValidationError(
            _("This file is too big (%(size)s); the limit is %(limit)s.")
            % {
                "size": filesizeformat(uploaded.size),
                "limit": filesizeformat(max_bytes),
            },
            code="file_too_big",
        )
    code = detect_file_type(uploaded)
    if code is None or code not in allowed_types:
        raise ValidationError(
            _("This file is not an accepted type. Accepted: %(types)s.")
            % {"types": ", ".join(t.upper() for t in allowed_types)},
            code="file_type",
        )
    return SIGNATURES[code][1]
