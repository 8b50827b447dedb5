#!/usr/bin/env python
"""Fill empty msgstr entries of a .po file from a JSON dictionary {msgid: msgstr}.

Usage: scripts/fill_po.py path/to/django.po translations.json
Only entries whose msgstr is empty are filled; existing translations are kept.
"""

import json
import re
import sys
from pathlib import Path


def _unquote(block: str) -> str:
    return "".join(json.loads(part) for part in re.findall(r'"(?:[^"\\]|\\.)*"', block))


def _quote(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def fill(po_path: str, translations: dict[str, str]) -> int:
    text = Path(po_path).read_text(encoding="utf-8")
    entries = text.split("\n\n")
    filled = 0
    for index, entry in enumerate(entries):
        match = re.search(r'^msgid ((?:".*"\n?)+)msgstr ""\s*$', entry, re.M)
        if not match or "msgid_plural" in entry:
            continue
        msgid = _unquote(match.group(1))
        if msgid and msgid in translations:
            entries[index] = (
                entry[: match.start()]
                + f"msgid {_quote(msgid)}\nmsgstr {_quote(translations[msgid])}"
            )
            entries[index] = entries[index].replace("#, fuzzy\n", "")
            filled += 1
    Path(po_path).write_text("\n\n".join(entries), encoding="utf-8")
    return filled


if __name__ == "__main__":
    print(
        fill(sys.argv[1], json.loads(Path(sys.argv[2]).read_text(encoding="utf-8"))),
        "entries filled",
    )
