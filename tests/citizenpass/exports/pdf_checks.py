"""Checks on a generated export PDF, shared by the unit and browser tests."""

import io

import orjson
from pypdf import PdfReader

from tests.citizenpass.exports.conftest import assert_valid_export


def inspect_export_pdf(data: bytes) -> dict:
    """Check the PDF is PDF/A-3, tagged, with a language; return its embedded JSON."""
    assert data.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(data))
    metadata = reader.xmp_metadata
    assert metadata is not None
    assert metadata.pdfaid_part == "3"
    assert metadata.pdfaid_conformance in {"A", "B"}
    catalog = reader.trailer["/Root"]
    assert catalog.get("/Lang") in {"fr", "en"}
    assert "/StructTreeRoot" in catalog
    assert catalog["/MarkInfo"]["/Marked"]
    attachments = reader.attachments
    assert list(attachments) == ["citizenpass-export.json"]
    # PDF/A-3 associated file: listed in the catalogue's /AF with a relationship.
    associated = catalog["/AF"]
    assert associated[0].get_object()["/AFRelationship"] == "/Data"
    document = orjson.loads(attachments["citizenpass-export.json"][0])
    assert_valid_export(document)
    return {"json": document, "lang": catalog["/Lang"], "pages": len(reader.pages)}
