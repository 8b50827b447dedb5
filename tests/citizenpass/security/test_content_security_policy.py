"""The portal runs under a strict policy; only the back office gets a looser one."""

import pytest

pytestmark = pytest.mark.django_db


def _directives(response) -> dict[str, str]:
    header = response.headers["Content-Security-Policy"]
    return {
        part.split(" ", 1)[0]: part.split(" ", 1)[1] if " " in part else ""
        for part in (piece.strip() for piece in header.split(";"))
    }


def test_portal_policy_never_allows_unsafe_inline(client):
    response = client.get("/fr/account/login/")
    directives = _directives(response)
    assert directives["script-src"].startswith("'self'")
    assert "unsafe-inline" not in response.headers["Content-Security-Policy"]
    assert directives["object-src"] == "'none'"
    assert directives["base-uri"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"


def test_backoffice_policy_allows_inline_code_but_keeps_the_hard_limits(client):
    response = client.get("/backoffice/login/")
    directives = _directives(response)
    assert "'unsafe-inline'" in directives["script-src"]
    assert "nonce" not in response.headers["Content-Security-Policy"]
    assert directives["object-src"] == "'none'"
    assert directives["base-uri"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert "http" not in response.headers["Content-Security-Policy"]


@pytest.mark.parametrize(
    ("path", "frame_options", "frame_ancestors"),
    [
        ("/backoffice/pages/3/edit/preview/", "SAMEORIGIN", "'self'"),
        ("/backoffice/pages/3/edit/", None, "'none'"),
        ("/fr/my-data/", "SAMEORIGIN", "'none'"),
    ],
)
def test_only_a_backoffice_view_that_asks_for_it_may_be_framed_by_its_own_origin(
    rf, path, frame_options, frame_ancestors
):
    """Wagtail's live preview frames its own page; nothing else may be framed."""
    from django.http import HttpResponse

    from citizenpass.security.content_security_policy import PathAwareCSPMiddleware

    def view(request):
        response = HttpResponse("preview")
        if frame_options:
            response["X-Frame-Options"] = frame_options
        return response

    response = PathAwareCSPMiddleware(view)(rf.get(path))
    assert _directives(response)["frame-ancestors"] == frame_ancestors
