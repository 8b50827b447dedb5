"""Errors as problem details (RFC 9457): ``application/problem+json``."""

import orjson
from django.http import HttpResponse
from django.utils.translation import gettext as _

PROBLEM_CONTENT_TYPE = "application/problem+json"
TYPE_BASE = "https://citizenpass.example/problems/"


class ApiProblem(Exception):
    """Raised anywhere in the API to answer with a problem document."""

    def __init__(
        self,
        status: int,
        slug: str,
        title: str,
        detail: str = "",
        *,
        headers: dict | None = None,
        **extensions,
    ):
        super().__init__(title)
        self.status = status
        self.slug = slug
        self.title = title
        self.detail = detail
        self.headers = headers or {}
        self.extensions = extensions


def problem_response(
    status: int,
    slug: str,
    title: str,
    detail: str = "",
    *,
    headers: dict | None = None,
    **extensions,
) -> HttpResponse:
    """A problem document with its status and headers."""
    body = {"type": TYPE_BASE + slug, "title": str(title), "status": status}
    if detail:
        body["detail"] = str(detail)
    body.update(extensions)
    response = HttpResponse(
        orjson.dumps(body, default=str),
        status=status,
        content_type=PROBLEM_CONTENT_TYPE,
    )
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def from_problem(problem: ApiProblem) -> HttpResponse:
    return problem_response(
        problem.status,
        problem.slug,
        problem.title,
        problem.detail,
        headers=problem.headers,
        **problem.extensions,
    )


def not_found() -> ApiProblem:
    """404 for missing objects and for other organisations' objects alike."""
    return ApiProblem(404, "not-found", _("Not found"), _("No such object here."))


def validation_failed(errors: list[dict], detail: str = "") -> ApiProblem:
    """422 with ``errors``: one ``{line?, field, reason}`` per problem."""
    return ApiProblem(
        422,
        "validation-failed",
        _("The request is not valid"),
        detail or _("Nothing was saved. Fix the errors listed and send it again."),
        errors=errors,
    )


PROBLEM_SCHEMA = {
    "type": "object",
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "line": {"type": "integer"},
                    "field": {"type": "string"},
                    "reason": {"type": "string"},
                },
            },
        },
    },
    "required": ["type", "title", "status"],
}
