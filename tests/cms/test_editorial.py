"""Editors: each organisation edits its own pages; others' changes go through review."""

import pytest
from wagtail.models import Page

from citizenpass.accounts.models import User
from citizenpass.organisations.models import Organisation
from cms.editorial import editor_group, grant_editor_permissions, set_up_review_workflow
from cms.models import NewsIndexPage, NewsPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def editors(public_site):
    lyon = Organisation.objects.get(slug="lyon")
    section = public_site.news.add_child(
        instance=NewsIndexPage(
            title="Actualités de Lyon", slug="lyon", organisation=lyon
        )
    )
    service_pages = [
        public_site.pages[slug]
        for slug in ("cantine-college", "creche-villeurbanne", "etat-civil-lyon")
    ]
    metropolis_group = grant_editor_permissions(
        homes=[public_site.home, public_site.en["home"]],
        organisation_sections=[section],
        service_pages=service_pages,
    )
    workflow = set_up_review_workflow(
        homes=[public_site.home, public_site.en["home"]], reviewers=metropolis_group
    )
    people = {}
    for name, group in (
        ("metropolis", metropolis_group),
        ("lyon", editor_group(lyon)),
    ):
        user = User.objects.create_user(email=f"{name}@example.org", is_staff=True)
        user.groups.add(group)
        people[name] = user
    return {"section": section, "workflow": workflow, **people}


def _can(user, page, action):
    return getattr(Page.objects.get(pk=page.pk).permissions_for_user(user), action)()


def test_commune_editor_writes_in_their_section_but_cannot_publish(
    public_site, editors
):
    lyon_editor, section = editors["lyon"], editors["section"]
    assert _can(lyon_editor, section, "can_add_subpage")
    assert not _can(lyon_editor, section, "can_publish")
    news = section.add_child(instance=NewsPage(title="Brève", introduction="Texte"))
    assert _can(lyon_editor, news, "can_edit")


def test_commune_editor_edits_own_service_pages_only(public_site, editors):
    lyon_editor = editors["lyon"]
    assert _can(lyon_editor, public_site.pages["etat-civil-lyon"], "can_edit")
    assert _can(lyon_editor, public_site.en["etat-civil-lyon"], "can_edit")
    assert not _can(lyon_editor, public_site.pages["creche-villeurbanne"], "can_edit")
    assert not _can(lyon_editor, public_site.pages["cantine-college"], "can_edit")
    assert not _can(lyon_editor, public_site.news, "can_add_subpage")


def test_metropolis_editors_publish_everywhere(public_site, editors):
    editor = editors["metropolis"]
    for page in (public_site.pages["creche-villeurbanne"], public_site.en["naissance"]):
        assert _can(editor, page, "can_publish")


def test_every_page_goes_through_the_editorial_review(public_site, editors):
    for page in (editors["section"], public_site.en["cantine-college"]):
        assert page.get_workflow() == editors["workflow"]
    task = editors["workflow"].tasks.get().specific
    assert list(task.groups.all()) == list(editors["metropolis"].groups.all())


def test_editors_open_the_edit_forms_of_every_page_type(client, public_site, editors):
    from tests.support.logins import log_in

    log_in(client, editors["metropolis"])
    for page in (
        public_site.home,
        public_site.services,
        public_site.pages["cantine-college"],
        public_site.guides,
        public_site.pages["naissance"],
        public_site.news,
        public_site.pages["news"],
    ):
        response = client.get(f"/backoffice/pages/{page.pk}/edit/")
        assert response.status_code == 200, page
    response = client.get(
        f"/backoffice/pages/add/cms/lifeeventpage/{public_site.guides.pk}/"
    )
    assert response.status_code == 200
