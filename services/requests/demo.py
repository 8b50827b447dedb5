"""Demo requests of the demo resident, and the agent groups of the demo communes."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from citizenpass.organisations.models import Organisation
from services.catalogue.demo import DEMO_COMMUNES, demo_service_slug
from services.catalogue.models import Service

from . import actions
from .groups import agent_group, service_manager_group
from .listing_cache import bump_list_version
from .models import RequestStatus, ServiceRequest

DEMO_RESIDENT = "camille.martin@demo.citizenpass.fr"
DEMO_AGENT = "agent.lyon@demo.citizenpass.fr"
DEMO_PDF = b"%PDF-1.4\n% demo document\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _proof():
    return actions.CheckedUpload(
        "proof_of_address",
        ContentFile(DEMO_PDF, name="justificatif-domicile.pdf"),
        "application/pdf",
    )


def seed(report) -> None:
    """Agent groups per commune; a few requests of the demo resident at each stage."""
    for slug in DEMO_COMMUNES:
        organisation = Organisation.objects.filter(slug=slug).first()
        if organisation is not None:
            agent_group(organisation)
            service_manager_group(organisation)
    users = get_user_model().objects
    resident = users.filter(email=DEMO_RESIDENT).first()
    agent = users.filter(email=DEMO_AGENT).first()
    if agent is not None and agent.organisation is not None:
        agent.groups.add(service_manager_group(agent.organisation))
    if resident is None or agent is None:
        return
    if ServiceRequest.objects.filter(resident=resident).exists():
        return
    services = {
        service.slug: service
        for service in Service.objects.filter(slug__startswith="lyon-")
    }
    if not services:
        return
    stories = [
        (
            "bulky-waste",
            {
                "address": "12 rue Mercière, 69002 Lyon",
                "items": "Un canapé",
                "volume": "2",
            },
            [],
            40,
        ),
        (
            "residence-certificate",
            {"purpose": "Inscription sur les listes électorales"},
            [RequestStatus.IN_REVIEW],
            12,
        ),
        (
            "resident-parking",
            {"plate": "AB-123-CD"},
            [RequestStatus.WAITING_RESIDENT],
            5,
        ),
        (
            "school-canteen",
            {"child_name": "Noé Martin", "school": "École Jean Macé"},
            [RequestStatus.ACCEPTED, RequestStatus.CLOSED],
            60,
        ),
    ]
    comments = {
        RequestStatus.WAITING_RESIDENT: "Merci d'ajouter le certificat d'immatriculation du véhicule.",
        RequestStatus.ACCEPTED: "Inscription validée à partir du 1er septembre.",
    }
    with transaction.atomic():
        for key, answers, moves, age_days in stories:
            service = services.get(demo_service_slug("lyon", key))
            if service is None:
                continue
            data = {
                "last_name": resident.last_name,
                "first_name": resident.first_name,
                "email": resident.email,
                **answers,
            }
            uploads = (
                [_proof()]
                if service.form_fields.filter(name="proof_of_address").exists()
                else []
            )
            service_request = actions.do_file_request(
                resident=resident,
                service=service,
                data=data,
                uploads=uploads,
                acting_user=resident,
            )
            for status in moves:
                actions.do_change_status(
                    request=service_request,
                    to_status=status,
                    comment=comments.get(status, ""),
                    acting_user=agent,
                )
            submitted = timezone.now() - timedelta(days=age_days)
            ServiceRequest.objects.filter(pk=service_request.pk).update(
                submitted_at=submitted
            )
            bump_list_version(service_request.organisation_id)
            report.count("service_request")
