"""Resident pages: apply to a service, my requests, a request, notifications."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from services.catalogue.models import Service

from . import actions, selectors, workflow
from .access import access_attachment, access_request_for_resident
from .files import attachment_download
from .forms import MessageForm, ServiceRequestForm
from .models import RequestStatus


def _save_or_submit(request, *, service, service_request=None):
    """Show the request form; save a draft or submit it."""
    submitting = request.POST.get("action") != "draft"
    existing = (
        set(service_request.attachments.values_list("field_name", flat=True))
        if service_request
        else set()
    )
    answers = service_request.data if service_request else None
    form_kwargs = {
        "service": service,
        "resident": request.user,
        "answers": answers,
        "existing_files": existing,
    }
    if request.method == "POST":
        form = ServiceRequestForm(
            request.POST, request.FILES, for_draft=not submitting, **form_kwargs
        )
        if form.is_valid():
            try:
                if service_request is None:
                    service_request = actions.do_file_request(
                        resident=request.user,
                        service=service,
                        data=form.answers(),
                        uploads=form.uploads,
                        acting_user=request.user,
                        submit=submitting,
                    )
                else:
                    actions.do_update_draft(
                        service_request=service_request,
                        data=form.answers(),
                        uploads=form.uploads,
                        acting_user=request.user,
                        submit=submitting,
                    )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                if submitting:
                    service_request.refresh_from_db()
                    messages.success(
                        request,
                        _(
                            "Your request was sent. Its reference is %(reference)s; "
                            "a confirmation was sent by email."
                        )
                        % {"reference": service_request.reference},
                    )
                else:
                    messages.success(request, _("Your draft was saved."))
                return redirect("service_requests:detail", service_request.pk)
    else:
        form = ServiceRequestForm(**form_kwargs)
    return render(
        request,
        "service_requests/apply.html",
        {"service": service, "form": form, "service_request": service_request},
    )


@never_cache
@login_required
def apply(request, slug: str):
    """The request form of a service taking online requests."""
    service = get_object_or_404(
        Service.objects.select_related("owner").prefetch_related("form_fields"),
        slug=slug,
    )
    if not service.accepts_online_requests:
        raise Http404
    return _save_or_submit(request, service=service)


@never_cache
@login_required
def edit_draft(request, pk: int):
    """Go on with a draft."""
    service_request = access_request_for_resident(request.user, pk)
    if service_request.status != RequestStatus.DRAFT:
        return redirect("service_requests:detail", pk)
    return _save_or_submit(
        request, service=service_request.service, service_request=service_request
    )


@never_cache
@login_required
def online_services(request):
    """Services a resident can apply to online."""
    services = (
        Service.objects.filter(is_active=True, mode=Service.Mode.ONLINE_REQUEST)
        .select_related("owner")
        .order_by("owner__name", "title_fr")
    )
    return render(
        request, "service_requests/online_services.html", {"services": services}
    )


@never_cache
@login_required
def my_requests(request):
    """The resident's requests and their status."""
    return render(
        request,
        "service_requests/my_requests.html",
        {"service_requests": selectors.resident_requests(request.user)},
    )


@never_cache
@login_required
def detail(request, pk: int):
    """One request: answers, status timeline, messages, documents."""
    service_request = access_request_for_resident(request.user, pk)
    form = MessageForm()
    if request.method == "POST":
        form = MessageForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                actions.do_post_message(
                    request=service_request,
                    author=request.user,
                    body=form.cleaned_data["body"],
                    uploads=form.uploads,
                )
            except (ValidationError, PermissionDenied) as error:
                form.add_error(
                    None,
                    str(error.messages[0] if hasattr(error, "messages") else error),
                )
            else:
                messages.success(request, _("Your message was sent."))
                return redirect("service_requests:detail", pk)
    return render(
        request,
        "service_requests/detail.html",
        {
            "service_request": service_request,
            "timeline": selectors.request_timeline(service_request),
            "thread": selectors.request_thread(service_request),
            "form_attachments": service_request.attachments.filter(
                message__isnull=True
            ),
            "answers": selectors.labelled_answers(service_request),
            "message_form": form,
            "can_write": service_request.status in workflow.RESIDENT_CAN_WRITE,
            "can_withdraw": workflow.resident_can_move(
                service_request.status, RequestStatus.WITHDRAWN
            ),
        },
    )


@never_cache
@login_required
@require_POST
def withdraw(request, pk: int):
    """The resident withdraws a request."""
    service_request = access_request_for_resident(request.user, pk)
    try:
        actions.do_withdraw_request(
            service_request=service_request, acting_user=request.user
        )
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("Your request was withdrawn."))
    return redirect("service_requests:detail", pk)


@never_cache
@login_required
def attachment(request, pk: int, attachment_pk: int):
    """Download a document of one's own request."""
    return attachment_download(
        access_attachment(request.user, pk, attachment_pk, as_agent=False)
    )


@never_cache
@login_required
def notifications(request):
    """The notification centre; opening it marks the notices as read."""
    items = list(selectors.user_notifications(request.user))
    unread_ids = {item.pk for item in items if item.read_at is None}
    if request.method == "POST":
        actions.do_mark_notifications_read(user=request.user)
        messages.success(request, _("All notifications are marked as read."))
        return redirect("service_requests:notifications")
    return render(
        request,
        "service_requests/notifications.html",
        {"notifications": items, "unread_ids": unread_ids},
    )
