"""Demo organisations: the metropolis, real communes with their INSEE codes, operators."""

from citizenpass.organisations.models import Organisation

METROPOLIS = ("metropole-de-lyon", "Métropole de Lyon")

COMMUNES = [
    ("lyon", "Lyon", "69123"),
    ("villeurbanne", "Villeurbanne", "69266"),
    ("venissieux", "Vénissieux", "69259"),
    ("vaulx-en-velin", "Vaulx-en-Velin", "69256"),
    ("caluire-et-cuire", "Caluire-et-Cuire", "69034"),
    ("bron", "Bron", "69029"),
    ("saint-priest", "Saint-Priest", "69290"),
    ("rillieux-la-pape", "Rillieux-la-Pape", "69286"),
    ("meyzieu", "Meyzieu", "69282"),
    ("oullins-pierre-benite", "Oullins-Pierre-Bénite", "69149"),
    ("ecully", "Écully", "69081"),
    ("tassin-la-demi-lune", "Tassin-la-Demi-Lune", "69244"),
]

OPERATORS = [
    ("eau-du-grand-lyon", "Eau du Grand Lyon", Organisation.Kind.OPERATOR),
    ("sytral-mobilites", "Sytral Mobilités", Organisation.Kind.OPERATOR),
    (
        "reseau-chaleur-centre-metropole",
        "Réseau de chaleur Centre Métropole",
        Organisation.Kind.OPERATOR,
    ),
    (
        "college-jean-moulin-lyon",
        "Collège Jean Moulin (Lyon 5e)",
        Organisation.Kind.SCHOOL,
    ),
    (
        "college-les-iris-villeurbanne",
        "Collège Les Iris (Villeurbanne)",
        Organisation.Kind.SCHOOL,
    ),
]


def seed(report) -> None:
    """Create the metropolis, its communes and operators (idempotent)."""
    metropolis, created = Organisation.objects.get_or_create(
        slug=METROPOLIS[0],
        defaults={"name": METROPOLIS[1], "kind": Organisation.Kind.METROPOLIS},
    )
    report.count("organisation", int(created))
    for slug, name, insee_code in COMMUNES:
        _, created = Organisation.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "kind": Organisation.Kind.COMMUNE,
                "insee_code": insee_code,
                "parent": metropolis,
            },
        )
        report.count("organisation", int(created))
    for slug, name, kind in OPERATORS:
        _, created = Organisation.objects.get_or_create(
            slug=slug, defaults={"name": name, "kind": kind, "parent": metropolis}
        )
        report.count("organisation", int(created))
