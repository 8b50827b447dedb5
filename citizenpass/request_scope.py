"""Values kept for the time of one request, and only while a request is served.

Code that reads the same cached value several times per page (the public content
version, a person's facts) keeps it here: one cache round trip per request. Outside a
request (tasks, commands), :func:`request_values` is None and nothing is kept.
"""

from contextvars import ContextVar

from django.core.signals import request_finished, request_started

_values: ContextVar[dict | None] = ContextVar("request_scope_values", default=None)


def request_values() -> dict | None:
    """This request's store, or None outside a request."""
    return _values.get()


def _start_request(**kwargs) -> None:
    _values.set({})


def _end_request(**kwargs) -> None:
    _values.set(None)


request_started.connect(_start_request, dispatch_uid="request_scope_start")
request_finished.connect(_end_request, dispatch_uid="request_scope_end")
