"""The public search page, at /<lang>/search/."""

from django.core.paginator import Paginator
from django.shortcuts import render
from wagtail.models import Locale

from cms.search.forms import SearchForm
from cms.search.selectors import search_documents

RESULTS_PER_PAGE = 20


def search(request):
    """Search pages and services in the current language, with filters."""
    form = SearchForm(request.GET or None)
    filters = form.filters() if form.is_bound else None
    results = None
    if filters is not None and not filters.is_empty:
        documents = search_documents(locale=Locale.get_active(), filters=filters)
        results = Paginator(documents, RESULTS_PER_PAGE).get_page(
            request.GET.get("page")
        )
    query_without_page = request.GET.copy()
    query_without_page.pop("page", None)
    return render(
        request,
        "cms/search/search.html",
        {
            "form": form,
            "results": results,
            "query_string": query_without_page.urlencode(),
        },
    )
