"""The JSON rendering of the export document, written out as its parts come."""

from collections.abc import Iterable, Iterator

from citizenpass.exports.document import SECTIONS, Part, dumps

_AFTER_DOMAINS = set(SECTIONS[SECTIONS.index("domains") + 1 :])


def _array_items(batches: Iterator[bytes] | None) -> Iterator[bytes]:
    first = True
    for batch in batches or ():
        if not first:
            yield b","
        first = False
        yield batch


def render_json(parts: Iterable[Part]) -> Iterator[bytes]:
    """Chunks of the JSON document; memory stays flat whatever the number of rows."""
    yield b"{"
    first = True
    domains = "not started"
    for part in parts:
        if part.key == "domain":
            if domains == "not started":
                yield (b"" if first else b",") + b'"domains":['
                first, domains = False, "open"
            else:
                yield b","
            head = dumps(part.value)
            yield head[:-1] + b',"records":['
            yield from _array_items(part.batches)
            yield b"]}"
            continue
        if part.key in _AFTER_DOMAINS and domains != "closed":
            if domains == "open":
                yield b"]"
            else:
                yield b',"domains":[]'
            domains = "closed"
        yield (b"" if first else b",") + b'"' + part.key.encode() + b'":'
        first = False
        if part.batches is not None:
            yield b"["
            yield from _array_items(part.batches)
            yield b"]"
        else:
            yield dumps(part.value)
    if domains == "open":
        yield b"]"
    elif domains == "not started":
        yield b',"domains":[]'
    yield b"}"
