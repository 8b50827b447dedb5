"""Small facts about one person that every page needs, cached until they change.

A signed-in page loads the person's account row, asks whether they have an
authenticator, and shows the unread-notification count and whether a download is
ready: four queries on every page otherwise. Each fact is cached under its name and
the person's id in the shared cache; the code that changes a fact calls
:func:`forget`, and the timeout bounds what a change made elsewhere could leave behind.

Within one request, the first fact asked about a person fetches all of that person's
declared facts in one round trip to the cache (:func:`fact` declares one); the values
are kept for the rest of the request only. Keys that every signed-in page reads anyway
(the public content's version) can ride along in that round trip: see
:func:`fetch_along`.
"""

from collections.abc import Callable, Iterable
from typing import TypeVar

from django.core.cache import cache
from django.db import transaction

from citizenpass.request_scope import request_values

T = TypeVar("T")

DEFAULT_TIMEOUT_SECONDS = 5 * 60

_declared: list[str] = []
_shared_keys: list[str] = []


def fact(name: str) -> str:
    """Declare a fact so that it is fetched together with the person's others."""
    if name not in _declared:
        _declared.append(name)
    return name


def fetch_along(key: str) -> str:
    """Fetch the shared cache ``key`` with a person's facts; its value, when found, is
    left in the request's store (:func:`citizenpass.request_scope.request_values`)
    under ``key`` for the code that reads it to find there first."""
    if key not in _shared_keys:
        _shared_keys.append(key)
    return key


def _key(name: str, user_id: int) -> str:
    return f"user-fact:{name}:{user_id}"


def _facts_of_this_request() -> dict | None:
    """``{user_id: {name: value}}`` while a request is served, None otherwise."""
    store = request_values()
    return None if store is None else store.setdefault("per-user-facts", {})


def _values_in_this_request(user_id: int) -> dict | None:
    values = _facts_of_this_request()
    if values is None:
        return None
    if user_id not in values:
        keys = {_key(name, user_id): name for name in _declared}
        store = request_values()
        shared = [key for key in _shared_keys if key not in store]
        found = cache.get_many([*keys, *shared])
        for key in shared:
            if key in found:
                store[key] = found.pop(key)
        values[user_id] = {keys[key]: value for key, value in found.items()}
    return values[user_id]


def remember(
    name: str,
    user_id: int,
    compute: Callable[[], T],
    timeout: int = DEFAULT_TIMEOUT_SECONDS,
) -> T:
    """The cached value of fact ``name`` for the person, computed when missing."""
    values = _values_in_this_request(user_id)
    if values is not None and name in values:
        return values[name]
    value = cache.get(_key(name, user_id)) if values is None else None
    if value is None:
        value = compute()
        if value is not None:
            cache.set(_key(name, user_id), value, timeout)
    if values is not None:
        values[name] = value
    return value


def forget(name: str, user_id: int | None) -> None:
    """Drop the cached fact now and again once the change commits.

    Dropped only now, a page reading between now and the commit could cache the old
    value again; dropped only at the commit, this transaction would read a stale one.
    """
    if user_id is not None:
        forget_many(name, [user_id])


def forget_many(name: str, user_ids: Iterable[int | None]) -> None:
    """:func:`forget` for many people at once (one cache call each time)."""
    ids = {user_id for user_id in user_ids if user_id is not None}
    if not ids:
        return
    values = _facts_of_this_request()
    if values is not None:
        for user_id in ids:
            values.get(user_id, {}).pop(name, None)
    keys = [_key(name, user_id) for user_id in ids]
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))
