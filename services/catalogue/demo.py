"""Demo services: a few online counter services in several communes (idempotent)."""

from citizenpass.organisations.models import Organisation

from .models import FormField, LifeStage, Service, Theme

K = FormField.Kind
P = FormField.ProfileField

IDENTITY_FIELDS = [
    {
        "name": "last_name",
        "kind": K.TEXT,
        "label_fr": "Nom",
        "label_en": "Last name",
        "profile_field": P.LAST_NAME,
    },
    {
        "name": "first_name",
        "kind": K.TEXT,
        "label_fr": "Prénom",
        "label_en": "First name",
        "profile_field": P.FIRST_NAME,
    },
    {
        "name": "email",
        "kind": K.EMAIL,
        "label_fr": "Adresse e-mail",
        "label_en": "Email address",
        "profile_field": P.EMAIL,
    },
]
PROOF_OF_ADDRESS = {
    "name": "proof_of_address",
    "kind": K.FILE,
    "label_fr": "Justificatif de domicile de moins de 3 mois",
    "label_en": "Proof of address less than 3 months old",
    "help_text_fr": "PDF, PNG ou JPEG, 10 Mo maximum.",
    "help_text_en": "PDF, PNG or JPEG, 10 MB at most.",
    "allowed_file_types": "pdf, png, jpeg",
}

SERVICES = [
    {
        "key": "school-canteen",
        "title_fr": "Inscription à la restauration scolaire",
        "title_en": "School canteen registration",
        "summary_fr": "Inscrivez votre enfant à la cantine de son école pour l'année scolaire.",
        "summary_en": "Register your child for the school canteen for the school year.",
        "life_stages": [LifeStage.SCHOOL],
        "themes": [Theme.EDUCATION],
        "processing_days": 10,
        "documents_fr": "Justificatif de domicile\nAttestation de quotient familial (CAF)",
        "documents_en": "Proof of address\nFamily quotient certificate (CAF)",
        "fields": [
            *IDENTITY_FIELDS,
            {
                "name": "child_name",
                "kind": K.TEXT,
                "label_fr": "Nom et prénom de l'enfant",
                "label_en": "Child's full name",
            },
            {
                "name": "child_birth_date",
                "kind": K.DATE,
                "label_fr": "Date de naissance de l'enfant",
                "label_en": "Child's date of birth",
            },
            {
                "name": "school",
                "kind": K.TEXT,
                "label_fr": "École",
                "label_en": "School",
            },
            {
                "name": "days",
                "kind": K.CHOICE,
                "label_fr": "Jours de cantine",
                "label_en": "Canteen days",
                "choices": "Lundi, mardi, jeudi, vendredi\nCertains jours seulement",
            },
            {
                "name": "diet",
                "kind": K.LONG_TEXT,
                "label_fr": "Régime alimentaire ou allergies",
                "label_en": "Diet or allergies",
                "required": False,
            },
            PROOF_OF_ADDRESS,
        ],
    },
    {
        "key": "bulky-waste",
        "title_fr": "Collecte des encombrants",
        "title_en": "Bulky-waste collection",
        "summary_fr": "Demandez l'enlèvement gratuit de vos encombrants devant chez vous.",
        "summary_en": "Ask for your bulky waste to be collected for free in front of your home.",
        "life_stages": [LifeStage.ADULT, LifeStage.SENIOR],
        "themes": [Theme.ENVIRONMENT, Theme.HOUSING],
        "processing_days": 15,
        "documents_fr": "",
        "documents_en": "",
        "fields": [
            *IDENTITY_FIELDS,
            {
                "name": "address",
                "kind": K.TEXT,
                "label_fr": "Adresse de collecte",
                "label_en": "Collection address",
            },
            {
                "name": "items",
                "kind": K.LONG_TEXT,
                "label_fr": "Objets à enlever",
                "label_en": "Items to collect",
                "help_text_fr": "Par exemple : un canapé, une armoire démontée.",
                "help_text_en": "For instance: a sofa, a dismantled wardrobe.",
            },
            {
                "name": "volume",
                "kind": K.NUMBER,
                "label_fr": "Volume estimé (m³)",
                "label_en": "Estimated volume (m³)",
            },
        ],
    },
    {
        "key": "residence-certificate",
        "title_fr": "Attestation de domicile",
        "title_en": "Residence certificate",
        "summary_fr": "Obtenez une attestation de domicile délivrée par la mairie.",
        "summary_en": "Get a residence certificate issued by the town hall.",
        "life_stages": [LifeStage.YOUTH, LifeStage.ADULT, LifeStage.SENIOR],
        "themes": [Theme.CIVIL_STATUS],
        "processing_days": 5,
        "documents_fr": "Pièce d'identité\nJustificatif de domicile",
        "documents_en": "Identity document\nProof of address",
        "fields": [
            *IDENTITY_FIELDS,
            {
                "name": "birth_date",
                "kind": K.DATE,
                "label_fr": "Date de naissance",
                "label_en": "Date of birth",
                "profile_field": P.BIRTH_DATE,
            },
            {
                "name": "purpose",
                "kind": K.TEXT,
                "label_fr": "Motif de la demande",
                "label_en": "Reason for the request",
            },
            PROOF_OF_ADDRESS,
        ],
    },
    {
        "key": "resident-parking",
        "title_fr": "Vignette de stationnement résident",
        "title_en": "Residents' parking permit",
        "summary_fr": "Stationnez à tarif réduit dans votre quartier.",
        "summary_en": "Park at a reduced rate in your neighbourhood.",
        "life_stages": [LifeStage.ADULT, LifeStage.SENIOR],
        "themes": [Theme.MOBILITY],
        "processing_days": 15,
        "documents_fr": "Certificat d'immatriculation\nJustificatif de domicile",
        "documents_en": "Vehicle registration certificate\nProof of address",
        "fields": [
            *IDENTITY_FIELDS,
            {
                "name": "plate",
                "kind": K.TEXT,
                "label_fr": "Immatriculation du véhicule",
                "label_en": "Number plate",
            },
            {
                "name": "registration",
                "kind": K.FILE,
                "label_fr": "Certificat d'immatriculation",
                "label_en": "Vehicle registration certificate",
                "allowed_file_types": "pdf, png, jpeg",
            },
            PROOF_OF_ADDRESS,
        ],
    },
]

# Communes with online services in the demo, and the reference prefix of each.
DEMO_COMMUNES = {
    "lyon": "LYO",
    "villeurbanne": "VIL",
    "venissieux": "VEN",
    "bron": "BRO",
}


def demo_service_slug(commune_slug: str, key: str) -> str:
    """Slug of a demo service, e.g. ``lyon-bulky-waste``."""
    return f"{commune_slug}-{key}"


def seed(report) -> None:
    """Create the demo services of a few communes with their request forms."""
    for commune_slug, prefix in DEMO_COMMUNES.items():
        commune = Organisation.objects.filter(slug=commune_slug).first()
        if commune is None:
            continue
        for definition in SERVICES:
            service, created = Service.objects.get_or_create(
                slug=demo_service_slug(commune_slug, definition["key"]),
                defaults={
                    "owner": commune,
                    # The commune in the title tells same-named services apart.
                    "title_fr": f"{definition['title_fr']} ({commune.name})",
                    "title_en": f"{definition['title_en']} ({commune.name})",
                    "summary_fr": definition["summary_fr"],
                    "summary_en": definition["summary_en"],
                    "life_stages": [str(s) for s in definition["life_stages"]],
                    "themes": [str(t) for t in definition["themes"]],
                    "processing_days": definition["processing_days"],
                    "documents_required_fr": definition["documents_fr"],
                    "documents_required_en": definition["documents_en"],
                    "reference_prefix": prefix,
                },
            )
            if not created:
                continue
            service.communes.add(commune)
            for order, field in enumerate(definition["fields"]):
                FormField.objects.create(service=service, sort_order=order, **field)
            report.count("service")
