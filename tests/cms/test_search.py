"""Public search: accent-insensitive, per language, with commune, theme and stage filters."""

import pytest
from wagtail.models import Locale

from cms.models import SearchDocument, ServicePage
from cms.search.indexing import normalise
from cms.search.selectors import SearchFilters, search_documents

pytestmark = pytest.mark.django_db


def _titles(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return [document.title for document in response.context["results"]]


def test_normalise_drops_accents_case_and_punctuation():
    assert normalise("Déchèterie : l'ŒUVRE, Noël!") == "decheterie l oeuvre noel"


def test_a_word_with_or_without_accents_finds_the_same_services(client, public_site):
    with_accents = _titles(client, "/fr/search/?q=d%C3%A9ch%C3%A8terie")
    without_accents = _titles(client, "/fr/search/?q=decheterie")
    shouting = _titles(client, "/fr/search/?q=DECHETERIE")
    assert with_accents == without_accents == shouting == ["Badge de déchèterie"]


def test_every_word_must_match_and_titles_come_first(public_site):
    fr = Locale.objects.get(language_code="fr")
    found = search_documents(locale=fr, filters=SearchFilters(text="creche naissance"))
    assert [document.title for document in found] == ["Une naissance"]
    found = search_documents(locale=fr, filters=SearchFilters(text="crèche"))
    assert next(document.title for document in found) == "Place en crèche"


def test_english_search_finds_english_pages_only(client, public_site):
    assert _titles(client, "/en/search/?q=canteen") == ["Collège canteen"]
    assert _titles(client, "/en/search/?q=cantine") == []


def test_commune_filter_keeps_services_offered_there_and_everywhere(
    client, public_site
):
    found = _titles(client, "/fr/search/?commune=lyon")
    assert "Déclaration de naissance" in found
    assert "Cantine du collège" in found  # metropolis-wide
    assert "Place en crèche" not in found  # Villeurbanne only


def test_theme_and_life_stage_filters(client, public_site):
    assert _titles(client, "/fr/search/?theme=environment") == ["Badge de déchèterie"]
    early = _titles(client, "/fr/search/?life_stage=early_childhood")
    assert set(early) == {
        "Place en crèche",
        "Déclaration de naissance",
        "Une naissance",
    }


def test_an_unknown_filter_value_is_ignored_not_an_error(client, public_site):
    response = client.get("/fr/search/?q=badge&theme=nonsense")
    assert response.status_code == 200
    assert [d.title for d in response.context["results"]] == ["Badge de déchèterie"]


def test_empty_search_shows_the_form_without_results(client, public_site):
    response = client.get("/fr/search/")
    assert response.status_code == 200
    assert response.context["results"] is None


def test_publishing_indexes_a_page_and_unpublishing_removes_it(public_site):
    page = public_site.pages["badge-decheterie"]
    page.title = "Badge d'accès aux déchèteries"
    page.save_revision().publish()
    document = SearchDocument.objects.get(page=page)
    assert document.title == "Badge d'accès aux déchèteries"
    page.unpublish()
    assert not SearchDocument.objects.filter(page=page).exists()


def test_a_changed_service_definition_reindexes_its_pages(
    public_site, django_capture_on_commit_callbacks
):
    page = ServicePage.objects.get(pk=public_site.pages["cantine-college"].pk)
    with django_capture_on_commit_callbacks(execute=True):
        page.service.documents_required_fr = "Attestation de quotient familial"
        page.service.save()
    assert "quotient" in SearchDocument.objects.get(page=page).text


def test_rebuild_command_indexes_every_live_page(public_site, capsys):
    from django.core.management import call_command

    SearchDocument.objects.all().delete()
    call_command("rebuild_public_search")
    assert "search documents" in capsys.readouterr().out
    assert SearchDocument.objects.filter(kind="service").count() == 8
