"""Pages kept rendered: when a page may be served again, and when it must not."""

import pytest
from django.http import HttpResponse

from citizenpass import rendered_pages

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_request(rf, django_user_model):
    def make(csrf_secret="a" * 32, path="/fr/my-data/"):
        request = rf.get(path)
        request.user = django_user_model(pk=7, email="rose@example.org")
        request.session = {}
        if csrf_secret:
            request.META["CSRF_COOKIE"] = csrf_secret
        return request

    return make


def _renderer(renders: list, use_nonce: bool = False):
    def render(request):
        renders.append(request)
        if use_nonce:
            request._csp_nonce = "n0nce"
        return HttpResponse(f"page {len(renders)}")

    return render


def _serve(request, render, parts=("dashboard", 1), any_query=False):
    return rendered_pages.serve(
        request, parts, lambda: render(request), any_query=any_query
    ).content


def test_a_page_is_served_again_until_one_of_its_parts_changes(page_request):
    renders = []
    render = _renderer(renders)
    assert _serve(page_request(), render) == b"page 1"
    assert _serve(page_request(), render) == b"page 1"
    assert _serve(page_request(), render, parts=("dashboard", 2)) == b"page 2"


def test_a_page_is_served_back_only_with_its_csrf_cookie(page_request):
    renders = []
    render = _renderer(renders)
    _serve(page_request(csrf_secret="a" * 32), render)
    assert _serve(page_request(csrf_secret="b" * 32), render) == b"page 2"
    assert _serve(page_request(csrf_secret=None), render) == b"page 3"
    assert _serve(page_request(csrf_secret=None), render) == b"page 4"


def test_each_address_has_its_own_page(page_request):
    renders = []
    render = _renderer(renders)
    _serve(page_request(path="/fr/my-data/"), render)
    assert _serve(page_request(path="/en/my-data/"), render) == b"page 2"


def test_a_page_that_used_a_csp_nonce_is_never_served_twice(page_request):
    renders = []
    render = _renderer(renders, use_nonce=True)
    _serve(page_request(), render)
    assert _serve(page_request(), render) == b"page 2"


def test_a_new_csrf_cookie_replaces_the_kept_page_instead_of_adding_one(page_request):
    renders = []
    render = _renderer(renders)
    _serve(page_request(csrf_secret="a" * 32), render)
    _serve(page_request(csrf_secret="b" * 32), render)
    assert _serve(page_request(csrf_secret="a" * 32), render) == b"page 3"


def test_a_query_string_is_kept_only_by_pages_that_read_one(page_request):
    renders = []
    render = _renderer(renders)
    _serve(page_request(path="/fr/my-data/?anything=1"), render)
    assert _serve(page_request(path="/fr/my-data/?anything=1"), render) == b"page 2"
    _serve(page_request(path="/backoffice/requests/?p=2"), render, any_query=True)
    assert (
        _serve(page_request(path="/backoffice/requests/?p=2"), render, any_query=True)
        == b"page 3"
    )
