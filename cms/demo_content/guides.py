"""Demo life-event guides, in French and English."""


def _steps(*steps):
    return (
        "steps",
        [{"title": title, "text": f"<p>{text}</p>"} for title, text in steps],
    )


def _callout(title, text):
    return ("callout", {"title": title, "text": f"<p>{text}</p>"})


GUIDES = [
    {
        "slug": ("naissance", "a-birth"),
        "life_stage": "early_childhood",
        "title": ("Une naissance", "A birth"),
        "introduction": (
            "Déclarer l'enfant, trouver un mode de garde, suivre sa santé : les "
            "démarches des premiers mois, dans l'ordre.",
            "Registering the child, finding childcare, following their health: the "
            "steps of the first months, in order.",
        ),
        "body": (
            [
                ("heading", "Les premières semaines"),
                _steps(
                    (
                        "Dans les 5 jours : déclarer la naissance",
                        "La déclaration se fait à la mairie du lieu de naissance. "
                        "Préparez-la en ligne pour gagner du temps au guichet.",
                    ),
                    (
                        "Dès que possible : demander une place en crèche",
                        "Les commissions d'attribution se réunissent plusieurs fois "
                        "par an ; une demande déposée tôt est examinée plus tôt.",
                    ),
                    (
                        "Jusqu'aux 6 ans : les consultations de PMI",
                        "Les centres de protection maternelle et infantile de la "
                        "Métropole suivent gratuitement la santé de l'enfant.",
                    ),
                ),
                _callout(
                    "Délai à ne pas dépasser",
                    "Passé 5 jours, la naissance ne peut plus être déclarée en "
                    "mairie : il faut un jugement du tribunal.",
                ),
            ],
            [
                ("heading", "The first weeks"),
                _steps(
                    (
                        "Within 5 days: register the birth",
                        "Registration takes place at the town hall of the place of "
                        "birth. Prepare it online to save time at the counter.",
                    ),
                    (
                        "As soon as possible: apply for a nursery place",
                        "Allocation boards meet several times a year; an early "
                        "application is reviewed earlier.",
                    ),
                    (
                        "Until the age of 6: child health (PMI) visits",
                        "The metropolis' mother and child health centres follow the "
                        "child's health free of charge.",
                    ),
                ),
                _callout(
                    "Deadline",
                    "After 5 days a birth can no longer be registered at the town "
                    "hall: a court decision is then needed.",
                ),
            ],
        ),
        "services": ["declaration-naissance", "demande-place-creche"],
        "data_held": [
            (
                "civil_status",
                "L'acte de naissance et le livret de famille mis à jour.",
                "The birth certificate and the updated family record book.",
                "Ville de Lyon, état civil",
                "City of Lyon, civil registry",
            ),
            (
                "health",
                "Les consultations de PMI et les vaccinations de l'enfant.",
                "The child's health (PMI) visits and vaccinations.",
                "Métropole de Lyon, protection maternelle et infantile",
                "Métropole de Lyon, mother and child health",
            ),
            (
                "education",
                "La demande de place en crèche et son suivi.",
                "The nursery application and its progress.",
                "Ville de Villeurbanne, petite enfance",
                "City of Villeurbanne, early childhood",
            ),
        ],
    },
    {
        "slug": ("entree-au-college", "starting-college"),
        "life_stage": "school",
        "title": ("Mon enfant entre au collège", "My child starts collège"),
        "introduction": (
            "Cantine, transports, aides : ce qui change à l'entrée en sixième et ce "
            "qu'il faut faire avant la rentrée.",
            "Canteen, transport, financial help: what changes when your child starts "
            "sixième and what to do before the school year begins.",
        ),
        "body": (
            [
                ("heading", "Avant la rentrée de septembre"),
                _steps(
                    (
                        "En juin : inscrire l'enfant à la cantine du collège",
                        "Les collèges publics relèvent de la Métropole, qui fixe le "
                        "tarif de la demi-pension selon votre quotient familial.",
                    ),
                    (
                        "En juillet : prendre l'abonnement transports jeunes",
                        "De 11 à 25 ans, l'abonnement TCL est à tarif réduit.",
                    ),
                ),
                (
                    "paragraph",
                    "<p>Les repas pris et les factures de cantine apparaissent "
                    "ensuite dans votre espace, chaque mois.</p>",
                ),
            ],
            [
                ("heading", "Before the September start"),
                _steps(
                    (
                        "In June: enrol your child in the collège canteen",
                        "Public collèges are run by the metropolis, which sets the "
                        "canteen price according to your family quotient.",
                    ),
                    (
                        "In July: get the youth transport pass",
                        "From 11 to 25, the TCL pass is at a reduced price.",
                    ),
                ),
                (
                    "paragraph",
                    "<p>Meals taken and canteen bills then appear in your account, "
                    "every month.</p>",
                ),
            ],
        ),
        "services": ["restauration-scolaire-college", "abonnement-transports-jeunes"],
        "data_held": [
            (
                "education",
                "L'inscription au collège, la présence à la cantine et les factures.",
                "Collège enrolment, canteen attendance and bills.",
                "Métropole de Lyon, éducation",
                "Métropole de Lyon, education",
            ),
            (
                "mobility",
                "L'abonnement de transport et le nombre de trajets par mois.",
                "The transport pass and the number of trips per month.",
                "Sytral Mobilités",
                "Sytral Mobilités",
            ),
        ],
    },
    {
        "slug": ("demenager-dans-la-metropole", "moving-within-the-metropolis"),
        "life_stage": "adult",
        "title": ("Déménager dans la Métropole", "Moving within the metropolis"),
        "introduction": (
            "Eau, listes électorales, déchèterie, logement : les démarches à faire "
            "avant et après un déménagement.",
            "Water, electoral roll, recycling centre, housing: what to do before and "
            "after moving house.",
        ),
        "body": (
            [
                ("heading", "Une liste pour ne rien oublier"),
                _steps(
                    (
                        "Deux semaines avant : transférer le contrat d'eau",
                        "Notez l'index des compteurs le jour du départ et de "
                        "l'arrivée.",
                    ),
                    (
                        "Après l'arrivée : s'inscrire sur les listes électorales",
                        "L'inscription est possible jusqu'au 6e vendredi avant un "
                        "scrutin.",
                    ),
                    (
                        "Quand vous êtes installé : demander le badge de déchèterie",
                        "Le badge est lié à votre adresse : demandez-en un nouveau.",
                    ),
                ),
            ],
            [
                ("heading", "A checklist so that nothing is forgotten"),
                _steps(
                    (
                        "Two weeks before: move the water contract",
                        "Note the meter readings on the day you leave and the day you "
                        "arrive.",
                    ),
                    (
                        "After arriving: register on the electoral roll",
                        "You can register until the 6th Friday before an election.",
                    ),
                    (
                        "Once settled: ask for a recycling centre badge",
                        "The badge is tied to your address: ask for a new one.",
                    ),
                ),
            ],
        ),
        "services": [
            "transfert-contrat-eau",
            "inscription-listes-electorales",
            "badge-decheterie",
            "demande-logement-social",
        ],
        "data_held": [
            (
                "water",
                "Les relevés de compteur et les factures d'eau, mois par mois.",
                "Meter readings and water bills, month by month.",
                "Eau du Grand Lyon",
                "Eau du Grand Lyon",
            ),
            (
                "housing",
                "Votre demande de logement social et son renouvellement.",
                "Your social housing application and its renewal.",
                "Métropole de Lyon, habitat",
                "Métropole de Lyon, housing",
            ),
            (
                "energy",
                "Les consommations du réseau de chaleur si votre immeuble y est "
                "raccordé.",
                "District heating consumption if your building is connected.",
                "Réseau de chaleur Centre Métropole",
                "Réseau de chaleur Centre Métropole",
            ),
        ],
    },
    {
        "slug": ("prendre-sa-retraite", "retiring"),
        "life_stage": "senior",
        "title": ("Prendre sa retraite", "Retiring"),
        "introduction": (
            "Transports à tarif senior, activités, aides : ce que la Métropole et les "
            "communes proposent aux jeunes retraités.",
            "Senior transport fares, activities, help: what the metropolis and the "
            "communes offer to newly retired people.",
        ),
        "body": (
            [
                ("heading", "Les premiers mois de retraite"),
                _steps(
                    (
                        "Dès 65 ans : l'abonnement transports senior",
                        "Il est gratuit si vous n'êtes pas imposable.",
                    ),
                    (
                        "Si vous déménagez : pensez au contrat d'eau",
                        "Beaucoup de retraités changent de logement ; le guide "
                        "« Déménager » liste les démarches.",
                    ),
                ),
            ],
            [
                ("heading", "The first months of retirement"),
                _steps(
                    (
                        "From 65: the senior transport pass",
                        "It is free if you pay no income tax.",
                    ),
                    (
                        "If you move: think of the water contract",
                        'Many retired people change homes; the "Moving" guide lists '
                        "what to do.",
                    ),
                ),
            ],
        ),
        "services": ["tarif-senior-transports", "transfert-contrat-eau"],
        "data_held": [
            (
                "mobility",
                "Votre abonnement senior et vos trajets.",
                "Your senior pass and your trips.",
                "Sytral Mobilités",
                "Sytral Mobilités",
            ),
            (
                "culture",
                "Vos prêts dans les bibliothèques municipales.",
                "Your loans from the municipal libraries.",
                "Bibliothèque municipale de Lyon",
                "Lyon municipal library",
            ),
        ],
    },
    {
        "slug": ("perte-d-autonomie-d-un-proche", "a-relative-loses-autonomy"),
        "life_stage": "senior",
        "title": ("Un proche perd son autonomie", "A relative loses autonomy"),
        "introduction": (
            "Rester à domicile en sécurité, financer l'aide, être aidé soi-même : "
            "les démarches pour la personne et pour l'aidant.",
            "Staying safely at home, paying for help, getting help yourself: the "
            "steps for the person and for the carer.",
        ),
        "body": (
            [
                ("heading", "Par où commencer"),
                _steps(
                    (
                        "Demander l'APA",
                        "Une équipe de la Métropole évalue à domicile les besoins et "
                        "propose un plan d'aide.",
                    ),
                    (
                        "Installer la téléassistance",
                        "Un appui sur le médaillon suffit pour joindre l'écoute, jour "
                        "et nuit.",
                    ),
                ),
                _callout(
                    "Agir pour un proche",
                    "Avec un mandat dans CitizenPass, vous pouvez suivre les "
                    "démarches de votre proche ; chaque consultation est inscrite dans "
                    "son journal des accès.",
                ),
            ],
            [
                ("heading", "Where to start"),
                _steps(
                    (
                        "Apply for the APA",
                        "A team from the metropolis assesses the needs at home and "
                        "proposes a care plan.",
                    ),
                    (
                        "Set up a personal alarm",
                        "One press on the pendant reaches the call centre, day and "
                        "night.",
                    ),
                ),
                _callout(
                    "Acting for a relative",
                    "With a mandate in CitizenPass you can follow your relative's "
                    "requests; each view is written to their access log.",
                ),
            ],
        ),
        "services": ["allocation-personnalisee-autonomie", "teleassistance"],
        "data_held": [
            (
                "social",
                "Les versements de l'APA et le plan d'aide.",
                "APA payments and the care plan.",
                "Métropole de Lyon, solidarités",
                "Métropole de Lyon, social services",
            ),
            (
                "health",
                "L'évaluation de l'autonomie (grille AGGIR), sans le détail médical.",
                "The autonomy assessment (AGGIR scale), without medical details.",
                "Métropole de Lyon, solidarités",
                "Métropole de Lyon, social services",
            ),
        ],
    },
]
