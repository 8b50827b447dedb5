"""Demo service definitions the guides point to, created only when missing."""

# slug, owner slug, commune slugs, themes, life stages, processing days,
# (title FR, title EN), (summary FR, summary EN), (documents FR, documents EN),
# popular, English page slug, form fields [(kind, label FR, label EN, required)]
SERVICES = [
    {
        "slug": "declaration-naissance",
        "owner": "lyon",
        "communes": ["lyon"],
        "themes": ["civil_status"],
        "life_stages": ["early_childhood", "adult"],
        "days": 3,
        "title": ("Déclarer une naissance", "Register a birth"),
        "summary": (
            "Préparez en ligne la déclaration de naissance de votre enfant né à Lyon : "
            "l'officier d'état civil la reçoit avant votre passage en mairie.",
            "Prepare online the registration of your child born in Lyon: the registrar "
            "receives it before you come to the town hall.",
        ),
        "documents": (
            "Certificat d'accouchement\nPièce d'identité des parents\n"
            "Livret de famille (s'il existe)",
            "Birth certificate from the maternity unit\nParents' identity documents\n"
            "Family record book (if any)",
        ),
        "popular": False,
        "en_slug": "register-a-birth",
        "fields": [
            ("date", "Date de naissance de l'enfant", "Child's date of birth", True),
            ("text", "Prénom(s) de l'enfant", "Child's first name(s)", True),
        ],
    },
    {
        "slug": "demande-place-creche",
        "owner": "villeurbanne",
        "communes": ["villeurbanne"],
        "themes": ["education"],
        "life_stages": ["early_childhood"],
        "days": 45,
        "title": ("Demander une place en crèche", "Apply for a nursery place"),
        "summary": (
            "Une seule demande pour les crèches municipales et associatives de "
            "Villeurbanne, examinée en commission d'attribution.",
            "One application for the municipal and non-profit nurseries of Villeurbanne, "
            "reviewed by the allocation board.",
        ),
        "documents": (
            "Justificatif de domicile de moins de 3 mois\n"
            "Avis d'imposition ou attestation CAF",
            "Proof of address less than 3 months old\n"
            "Tax notice or family allowance (CAF) certificate",
        ),
        "popular": False,
        "en_slug": "nursery-place",
        "fields": [
            ("date", "Date d'entrée souhaitée", "Wished start date", True),
            (
                "long_text",
                "Jours et horaires de garde",
                "Days and hours of care",
                False,
            ),
        ],
    },
    {
        "slug": "restauration-scolaire-college",
        "owner": "metropole-de-lyon",
        "communes": [],
        "themes": ["education"],
        "life_stages": ["school"],
        "days": 10,
        "title": (
            "Inscrire son enfant à la cantine du collège",
            "Enrol your child in the collège canteen",
        ),
        "summary": (
            "Inscription à la demi-pension dans les collèges publics de la Métropole, "
            "avec un tarif calculé selon votre quotient familial.",
            "Enrolment in the canteen of the metropolis' public collèges, at a price "
            "based on your family quotient.",
        ),
        "documents": (
            "Attestation de quotient familial CAF\nCertificat de scolarité",
            "Family quotient certificate (CAF)\nCertificate of school attendance",
        ),
        "popular": True,
        "en_slug": "college-canteen",
        "fields": [
            ("text", "Nom du collège", "Name of the collège", True),
            ("text", "Classe à la rentrée", "Class at the start of the year", True),
        ],
    },
    {
        "slug": "abonnement-transports-jeunes",
        "owner": "sytral-mobilites",
        "communes": [],
        "themes": ["mobility"],
        "life_stages": ["school", "youth"],
        "days": 7,
        "title": (
            "Abonnement transports en commun des jeunes",
            "Public transport pass for young people",
        ),
        "summary": (
            "L'abonnement à tarif réduit pour les 11-25 ans sur le réseau TCL, "
            "chargé sur la carte Técély.",
            "The reduced-price pass for 11 to 25-year-olds on the TCL network, loaded "
            "on the Técély card.",
        ),
        "documents": ("Photo d'identité récente", "Recent passport photo"),
        "popular": True,
        "en_slug": "youth-transport-pass",
        "fields": [
            ("date", "Date de naissance du titulaire", "Holder's date of birth", True),
            ("file", "Photo d'identité", "Passport photo", True),
        ],
    },
    {
        "slug": "transfert-contrat-eau",
        "owner": "eau-du-grand-lyon",
        "communes": [],
        "themes": ["water_energy", "housing"],
        "life_stages": ["adult", "youth", "senior"],
        "days": 5,
        "title": (
            "Transférer son contrat d'eau lors d'un déménagement",
            "Move your water contract when you move house",
        ),
        "summary": (
            "Résiliez l'ancien contrat et ouvrez le nouveau en une demande, avec le "
            "relevé du compteur le jour du déménagement.",
            "Close the old contract and open the new one in one request, with the meter "
            "reading on moving day.",
        ),
        "documents": (
            "Index du compteur à l'ancienne et à la nouvelle adresse\n"
            "Bail ou acte de vente",
            "Meter readings at the old and new addresses\nLease or deed of sale",
        ),
        "popular": True,
        "en_slug": "move-water-contract",
        "fields": [
            ("date", "Date du déménagement", "Moving date", True),
            ("text", "Nouvelle adresse", "New address", True),
            ("number", "Index du compteur", "Meter reading", True),
        ],
    },
    {
        "slug": "inscription-listes-electorales",
        "owner": "lyon",
        "communes": ["lyon"],
        "themes": ["civil_status"],
        "life_stages": ["youth", "adult", "senior"],
        "days": 5,
        "title": (
            "S'inscrire sur les listes électorales",
            "Register on the electoral roll",
        ),
        "summary": (
            "Après un déménagement, inscrivez-vous dans votre nouvelle commune pour "
            "voter dans votre bureau de vote.",
            "After moving, register in your new commune to vote at your polling "
            "station.",
        ),
        "documents": (
            "Pièce d'identité en cours de validité\n"
            "Justificatif de domicile de moins de 3 mois",
            "Valid identity document\nProof of address less than 3 months old",
        ),
        "popular": False,
        "en_slug": "electoral-roll",
        "fields": [("text", "Nouvelle adresse", "New address", True)],
    },
    {
        "slug": "badge-decheterie",
        "owner": "metropole-de-lyon",
        "communes": [],
        "themes": ["environment"],
        "life_stages": ["adult", "senior"],
        "days": 10,
        "title": ("Obtenir un badge de déchèterie", "Get a recycling centre badge"),
        "summary": (
            "Le badge gratuit qui ouvre les 19 déchèteries de la Métropole aux "
            "particuliers.",
            "The free badge that opens the metropolis' 19 recycling centres to "
            "residents.",
        ),
        "documents": (
            "Justificatif de domicile de moins de 3 mois",
            "Proof of address less than 3 months old",
        ),
        "popular": True,
        "en_slug": "recycling-centre-badge",
        "fields": [("text", "Adresse de livraison", "Delivery address", True)],
    },
    {
        "slug": "demande-logement-social",
        "owner": "metropole-de-lyon",
        "communes": [],
        "themes": ["housing"],
        "life_stages": ["youth", "adult", "senior"],
        "days": 30,
        "title": (
            "Déposer une demande de logement social",
            "Apply for social housing",
        ),
        "summary": (
            "Une demande unique pour tous les bailleurs sociaux de la Métropole, "
            "à renouveler chaque année.",
            "A single application for every social landlord of the metropolis, "
            "renewed every year.",
        ),
        "documents": (
            "Pièce d'identité de chaque adulte\nAvis d'imposition N-2",
            "Identity document of each adult\nTax notice from two years ago",
        ),
        "popular": False,
        "en_slug": "social-housing",
        "fields": [
            ("number", "Nombre de personnes du foyer", "People in the household", True)
        ],
    },
    {
        "slug": "tarif-senior-transports",
        "owner": "sytral-mobilites",
        "communes": [],
        "themes": ["mobility"],
        "life_stages": ["senior"],
        "days": 7,
        "title": (
            "Abonnement transports à tarif senior",
            "Senior public transport pass",
        ),
        "summary": (
            "L'abonnement TCL à tarif réduit dès 65 ans, gratuit sous conditions de "
            "ressources.",
            "The reduced-price TCL pass from the age of 65, free under income "
            "conditions.",
        ),
        "documents": (
            "Pièce d'identité\nAvis de non-imposition (pour la gratuité)",
            "Identity document\nNon-taxation notice (for the free pass)",
        ),
        "popular": False,
        "en_slug": "senior-transport-pass",
        "fields": [
            ("date", "Date de naissance du titulaire", "Holder's date of birth", True)
        ],
    },
    {
        "slug": "allocation-personnalisee-autonomie",
        "owner": "metropole-de-lyon",
        "communes": [],
        "themes": ["social", "health"],
        "life_stages": ["senior"],
        "days": 60,
        "title": (
            "Demander l'allocation personnalisée d'autonomie (APA)",
            "Apply for the personal autonomy allowance (APA)",
        ),
        "summary": (
            "Une aide pour rester à domicile ou payer un établissement, dès 60 ans, "
            "après une évaluation de la perte d'autonomie.",
            "Help to stay at home or pay for a care home, from the age of 60, after an "
            "assessment of the loss of autonomy.",
        ),
        "documents": (
            "Pièce d'identité\nDernier avis d'imposition\nRIB\n"
            "Certificat médical (facultatif)",
            "Identity document\nLatest tax notice\nBank details\n"
            "Medical certificate (optional)",
        ),
        "popular": True,
        "en_slug": "autonomy-allowance",
        "fields": [
            ("text", "Nom de la personne aidée", "Name of the person helped", True),
            ("long_text", "Aide déjà en place", "Help already in place", False),
        ],
    },
    {
        "slug": "teleassistance",
        "owner": "metropole-de-lyon",
        "communes": [],
        "themes": ["social", "health"],
        "life_stages": ["senior"],
        "days": 15,
        "title": ("Installer la téléassistance", "Set up a personal alarm"),
        "summary": (
            "Un médaillon ou un bracelet relié 24 h/24 à une plateforme d'écoute, pour "
            "les personnes âgées ou en situation de handicap.",
            "A pendant or wristband linked day and night to a call centre, for elderly "
            "or disabled people.",
        ),
        "documents": ("Justificatif de domicile", "Proof of address"),
        "popular": False,
        "en_slug": "personal-alarm",
        "fields": [
            ("text", "Personne à prévenir", "Person to call", True),
        ],
    },
]
