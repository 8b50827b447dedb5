"""Who edits what: one editors' group per organisation, page permissions, review workflow.

The metropolis' editors add, change and publish anywhere on the public site, and review
what others submit. An organisation's editors add and change pages in its own section
(its news) and change the pages of the services it owns; they cannot publish: their
changes go through the "Editorial review" workflow, approved by the metropolis' editors.
"""

from collections.abc import Iterable

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from citizenpass.organisations.models import Organisation

METROPOLIS_EDITOR_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page"]
ORGANISATION_SECTION_PERMISSIONS = ["add_page", "change_page"]
SERVICE_PAGE_PERMISSIONS = ["change_page"]
WORKFLOW_NAME = "Editorial review"
REVIEW_TASK_NAME = "Metropolis editorial team"


def editor_group(organisation: Organisation) -> Group:
    """The editors' group of an organisation, with access to the back office."""
    group, _created = Group.objects.get_or_create(name=f"Editors · {organisation.name}")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    return group


def _grant(group: Group, page: Page, codenames: list[str]) -> None:
    for codename in codenames:
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=page,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )


@transaction.atomic
def grant_editor_permissions(
    *,
    homes: Iterable[Page],
    organisation_sections: Iterable[Page],
    service_pages: Iterable[Page],
) -> Group:
    """Give each organisation's editors their pages (every language); returns the
    metropolis' editors' group."""
    metropolis = Organisation.objects.get(kind=Organisation.Kind.METROPOLIS)
    metropolis_group = editor_group(metropolis)
    for home in homes:
        _grant(metropolis_group, home, METROPOLIS_EDITOR_PERMISSIONS)
    for section in organisation_sections:
        section = section.specific
        if section.organisation is None:
            continue
        group = editor_group(section.organisation)
        for version in section.get_translations(inclusive=True):
            _grant(group, version, ORGANISATION_SECTION_PERMISSIONS)
    for page in service_pages:
        owner = page.specific.service.owner
        if owner.kind == Organisation.Kind.METROPOLIS:
            continue
        group = editor_group(owner)
        for version in page.get_translations(inclusive=True):
            _grant(group, version, SERVICE_PAGE_PERMISSIONS)
    return metropolis_group


@transaction.atomic
def set_up_review_workflow(*, homes: Iterable[Page], reviewers: Group) -> Workflow:
    """Submitted changes anywhere under the home pages wait for ``reviewers``' approval."""
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    task = GroupApprovalTask.objects.filter(name=REVIEW_TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=REVIEW_TASK_NAME)
    task.groups.set([reviewers])
    WorkflowTask.objects.get_or_create(
        workflow=workflow, task=task, defaults={"sort_order": 0}
    )
    for home in homes:
        WorkflowPage.objects.update_or_create(
            page=home, defaults={"workflow": workflow}
        )
    return workflow
