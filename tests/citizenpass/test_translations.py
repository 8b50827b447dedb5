"""French is the default language: every catalogue must translate every string."""

import re
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def _french_catalogues() -> list[Path]:
    return sorted(
        path
        for folder in ("citizenpass", "cms", "services", "locale")
        for path in (ROOT / folder).rglob("fr/LC_MESSAGES/django.po")
    )


def _untranslated(po_file: Path) -> list[str]:
    missing = []
    for entry in po_file.read_text(encoding="utf-8").split("\n\n"):
        if "#, fuzzy" in entry and 'msgid ""\nmsgstr ""\n"Project-Id' not in entry:
            missing.append("fuzzy: " + entry.strip().splitlines()[-2][:80])
            continue
        msgid = re.search(r'^msgid ((?:".*"\n?)+)', entry, re.M)
        if not msgid or msgid.group(1).strip() == '""':
            continue
        msgstrs = re.findall(r'^msgstr(?:\[\d\])? ((?:".*"\n?)+)', entry, re.M)
        if any(not "".join(re.findall(r'"(.*)"', block)) for block in msgstrs):
            missing.append(msgid.group(1).strip()[:80])
    return missing


def test_there_is_a_french_catalogue():
    assert (ROOT / "locale" / "fr" / "LC_MESSAGES" / "django.po").exists()


@pytest.mark.parametrize(
    "po_file", _french_catalogues(), ids=lambda path: str(path.relative_to(ROOT))
)
def test_french_catalogue_translates_every_string(po_file):
    assert _untranslated(po_file) == []
