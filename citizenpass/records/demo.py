"""Demo personal data: sources of every domain and three households with years of data.

- The Martin family: Camille (the demo resident), Thomas, and their children Léa
  (collège) and Hugo (primary school); Camille and Thomas are guardians of both.
- Jeanne Dupuis, a senior, helped by Nadia Haddad under a mandate for social support,
  water and energy.
- Yanis Bensaïd, a young adult whose records go back to his lycée years.

Scale mode (``seed_demo --residents N --records-per-resident M``) adds N residents with
M records each through large ``bulk_create`` batches (COPY-free, portable).
"""

import datetime
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import connection
from django.utils import timezone

from citizenpass.organisations.models import Organisation
from citizenpass.records.freshness import records_changed
from citizenpass.records.models import (
    DataSource,
    Domain,
    LegalBasis,
    Mandate,
    PersonalRecord,
    RecordKind,
    Relationship,
)
from citizenpass.records.selectors import add_months

DEMO_RESIDENT_EMAIL = "camille.martin@demo.citizenpass.fr"
DEMO_DOMAIN = "demo.citizenpass.fr"
YEARS_OF_DATA = 4

M = RecordKind.Measure


def _object(**properties) -> dict:
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


STRING = {"type": "string", "minLength": 1}
NUMBER = {"type": "number", "minimum": 0}
INTEGER = {"type": "integer", "minimum": 0}
DATE = {"type": "string", "format": "date"}


def _help(en: str, fr: str) -> dict:
    return {"en": en, "fr": fr}


# slug, organisation slug, domain, names, descriptions, legal basis, reference, months,
# kinds: (code, label en, label fr, measure, unit, recurrence, schema, field help)
SOURCES = [
    (
        "lyon-school-catering",
        "lyon",
        Domain.EDUCATION,
        (
            "School catering and after-school care",
            "Restauration scolaire et périscolaire",
        ),
        (
            "Your children's school enrolment, the meals they took at the school canteen, "
            "after-school care and the monthly bills for both.",
            "L'inscription scolaire de vos enfants, les repas pris à la cantine, "
            "l'accueil périscolaire et les factures mensuelles correspondantes.",
        ),
        LegalBasis.PUBLIC_TASK,
        "Code de l'éducation, art. L. 131-5 et L. 551-1",
        60,
        [
            (
                "school_enrolment",
                "School enrolment",
                "Inscription scolaire",
                M.NONE,
                "",
                12,
                _object(school=STRING, school_year=STRING, level=STRING),
                {
                    "school": _help(
                        "The school the child is enrolled in.",
                        "L'école où l'enfant est inscrit.",
                    ),
                    "school_year": _help(
                        "School year, September to July.",
                        "Année scolaire, de septembre à juillet.",
                    ),
                    "level": _help(
                        "Class level (CP, CE1… 6e, 5e…).",
                        "Niveau de classe (CP, CE1… 6e, 5e…).",
                    ),
                },
            ),
            (
                "canteen_meals",
                "Canteen meals",
                "Repas à la cantine",
                M.QUANTITY,
                "meals",
                1,
                _object(school_days=INTEGER, absences=INTEGER),
                {
                    "school_days": _help(
                        "Days with school that month.", "Jours d'école dans le mois."
                    ),
                    "absences": _help(
                        "Booked meals not taken.", "Repas réservés mais non pris."
                    ),
                },
            ),
            (
                "canteen_bill",
                "Canteen and after-school bill",
                "Facture cantine et périscolaire",
                M.BILL,
                "EUR",
                1,
                _object(
                    bill_number=STRING,
                    rate_band=STRING,
                    due_date=DATE,
                    paid=({"type": "boolean"}),
                ),
                {
                    "bill_number": _help(
                        "Reference to quote when you pay.",
                        "Référence à rappeler pour payer.",
                    ),
                    "rate_band": _help(
                        "Price band set from your family quotient.",
                        "Tranche de tarif fixée selon votre quotient familial.",
                    ),
                    "due_date": _help(
                        "Pay before this date.", "À payer avant cette date."
                    ),
                    "paid": _help(
                        "Whether the bill is paid.", "Si la facture est payée."
                    ),
                },
            ),
        ],
    ),
    (
        "sytral-transit",
        "sytral-mobilites",
        Domain.MOBILITY,
        ("Transit pass and trips", "Abonnement et trajets TCL"),
        (
            "Your TCL transit pass, the number of trips validated each month and your "
            "bike-share rides.",
            "Votre abonnement TCL, le nombre de validations chaque mois et vos trajets "
            "en vélo en libre-service.",
        ),
        LegalBasis.CONTRACT,
        "Conditions générales de vente TCL",
        24,
        [
            (
                "transit_pass",
                "Transit pass",
                "Abonnement de transport",
                M.BILL,
                "EUR",
                12,
                _object(pass_type=STRING, card_number=STRING),
                {
                    "pass_type": _help(
                        "Kind of pass (annual, student, senior…).",
                        "Type d'abonnement (annuel, étudiant, senior…).",
                    ),
                    "card_number": _help(
                        "Last digits of your Técély card.",
                        "Derniers chiffres de votre carte Técély.",
                    ),
                },
            ),
            (
                "monthly_trips",
                "Trips validated",
                "Trajets validés",
                M.QUANTITY,
                "trips",
                1,
                _object(metro=INTEGER, bus=INTEGER, tram=INTEGER),
                {
                    "metro": _help(
                        "Validations in the metro.", "Validations dans le métro."
                    ),
                    "bus": _help("Validations on buses.", "Validations dans les bus."),
                    "tram": _help(
                        "Validations on trams.", "Validations dans les tramways."
                    ),
                },
            ),
            (
                "bike_share",
                "Bike-share rides",
                "Trajets en Vélo'v",
                M.QUANTITY,
                "rides",
                1,
                _object(minutes=INTEGER),
                {"minutes": _help("Total riding time.", "Durée totale des trajets.")},
            ),
        ],
    ),
    (
        "eau-du-grand-lyon-meter",
        "eau-du-grand-lyon",
        Domain.WATER,
        ("Water meter and bills", "Compteur d'eau et factures"),
        (
            "The readings of your water meter, sent each month by the remote reading "
            "system, and your water bills.",
            "Les relevés de votre compteur d'eau, transmis chaque mois par la télérelève, "
            "et vos factures d'eau.",
        ),
        LegalBasis.CONTRACT,
        "Règlement du service public de l'eau potable",
        60,
        [
            (
                "meter_reading",
                "Water used",
                "Consommation d'eau",
                M.QUANTITY,
                "m³",
                1,
                _object(meter=STRING, index=NUMBER),
                {
                    "meter": _help(
                        "Serial number of your water meter.",
                        "Numéro de série de votre compteur.",
                    ),
                    "index": _help(
                        "What the meter showed at the end of the month, in m³.",
                        "L'index affiché par le compteur en fin de mois, en m³.",
                    ),
                },
            ),
            (
                "water_bill",
                "Water bill",
                "Facture d'eau",
                M.BILL,
                "EUR",
                3,
                _object(bill_number=STRING, due_date=DATE, paid={"type": "boolean"}),
                {
                    "bill_number": _help(
                        "Reference to quote when you pay.",
                        "Référence à rappeler pour payer.",
                    ),
                    "due_date": _help(
                        "Pay before this date.", "À payer avant cette date."
                    ),
                    "paid": _help(
                        "Whether the bill is paid.", "Si la facture est payée."
                    ),
                },
            ),
        ],
    ),
    (
        "district-heating",
        "reseau-chaleur-centre-metropole",
        Domain.ENERGY,
        ("District heating", "Réseau de chaleur"),
        (
            "The heat your home took from the district heating network each month.",
            "La chaleur fournie chaque mois à votre logement par le réseau de chaleur.",
        ),
        LegalBasis.CONTRACT,
        "Contrat d'abonnement au réseau de chaleur",
        36,
        [
            (
                "heat_used",
                "Heat used",
                "Chaleur consommée",
                M.QUANTITY,
                "kWh",
                1,
                _object(substation=STRING, degree_days=INTEGER),
                {
                    "substation": _help(
                        "The building's heat exchanger.",
                        "La sous-station de l'immeuble.",
                    ),
                    "degree_days": _help(
                        "How cold the month was (heating degree days).",
                        "La rigueur du mois (degrés-jours unifiés).",
                    ),
                },
            ),
        ],
    ),
    (
        "social-housing-applications",
        "metropole-de-lyon",
        Domain.HOUSING,
        ("Social housing applications", "Demandes de logement social"),
        (
            "Your application for social housing and each time it was renewed or examined.",
            "Votre demande de logement social et chaque renouvellement ou examen.",
        ),
        LegalBasis.LEGAL_OBLIGATION,
        "Code de la construction et de l'habitation, art. L. 441-2-1",
        36,
        [
            (
                "housing_application",
                "Social housing application",
                "Demande de logement social",
                M.NONE,
                "",
                12,
                _object(application_number=STRING, status=STRING, rooms=INTEGER),
                {
                    "application_number": _help(
                        "Your unique regional number (NUR).",
                        "Votre numéro unique régional (NUR).",
                    ),
                    "status": _help(
                        "Where the application stands.", "L'état de la demande."
                    ),
                    "rooms": _help("Rooms asked for.", "Nombre de pièces demandées."),
                },
            ),
        ],
    ),
    (
        "metropole-allowances",
        "metropole-de-lyon",
        Domain.SOCIAL,
        ("Allowances paid by the metropolis", "Allocations versées par la Métropole"),
        (
            "Payments of income support (RSA), of the personal autonomy allowance for "
            "older people (APA) and of the disability compensation benefit (PCH).",
            "Les versements du revenu de solidarité active (RSA), de l'allocation "
            "personnalisée d'autonomie (APA) et de la prestation de compensation du "
            "handicap (PCH).",
        ),
        LegalBasis.LEGAL_OBLIGATION,
        "Code de l'action sociale et des familles, art. L. 232-1 et L. 245-1",
        120,
        [
            (
                "allowance_payment",
                "Allowance payment",
                "Versement d'allocation",
                M.PAYMENT,
                "EUR",
                1,
                _object(allowance=STRING, period=STRING),
                {
                    "allowance": _help(
                        "Which allowance was paid.", "L'allocation versée."
                    ),
                    "period": _help(
                        "The month the payment is for.",
                        "Le mois concerné par le versement.",
                    ),
                },
            ),
        ],
    ),
    (
        "pmi-child-health",
        "metropole-de-lyon",
        Domain.HEALTH,
        ("Maternal and child health (PMI)", "Protection maternelle et infantile (PMI)"),
        (
            "Health check-ups of young children at PMI centres and vaccinations.",
            "Les bilans de santé des jeunes enfants en centre de PMI et les vaccinations.",
        ),
        LegalBasis.PUBLIC_TASK,
        "Code de la santé publique, art. L. 2112-2",
        240,
        [
            (
                "health_visit",
                "Health check-up",
                "Bilan de santé",
                M.NONE,
                "",
                None,
                _object(centre=STRING, visit=STRING),
                {
                    "centre": _help(
                        "Where the check-up took place.", "Le lieu du bilan."
                    ),
                    "visit": _help(
                        "Which routine check-up it was.",
                        "Le bilan de routine concerné.",
                    ),
                },
            ),
            (
                "vaccination",
                "Vaccination",
                "Vaccination",
                M.NONE,
                "",
                None,
                _object(vaccine=STRING, dose=INTEGER),
                {
                    "vaccine": _help("The vaccine given.", "Le vaccin administré."),
                    "dose": _help(
                        "Which dose of the schedule.",
                        "Le rang de la dose dans le calendrier.",
                    ),
                },
            ),
        ],
    ),
    (
        "lyon-civil-status",
        "lyon",
        Domain.CIVIL_STATUS,
        ("Civil status records", "État civil"),
        (
            "Acts of civil status registered by the commune: births, marriages, civil "
            "partnerships.",
            "Les actes d'état civil enregistrés par la commune : naissances, mariages, PACS.",
        ),
        LegalBasis.LEGAL_OBLIGATION,
        "Code civil, art. 34 et suivants",
        1200,
        [
            (
                "civil_act",
                "Civil status act",
                "Acte d'état civil",
                M.NONE,
                "",
                None,
                _object(act=STRING, act_number=STRING),
                {
                    "act": _help("Kind of act.", "Type d'acte."),
                    "act_number": _help(
                        "Number of the act in the register.",
                        "Numéro de l'acte dans le registre.",
                    ),
                },
            ),
        ],
    ),
    (
        "lyon-libraries",
        "lyon",
        Domain.CULTURE,
        ("Municipal libraries", "Bibliothèques municipales"),
        (
            "How many documents you borrowed from the city's libraries each month.",
            "Le nombre de documents empruntés chaque mois dans les bibliothèques de la ville.",
        ),
        LegalBasis.CONTRACT,
        "Règlement des bibliothèques municipales",
        12,
        [
            (
                "library_loans",
                "Library loans",
                "Prêts en bibliothèque",
                M.QUANTITY,
                "loans",
                1,
                _object(library=STRING),
                {
                    "library": _help(
                        "Library where you borrowed.", "Bibliothèque d'emprunt."
                    )
                },
            ),
        ],
    ),
]

# email local part, first, last, birth date, password (None: no login)
HOUSEHOLD_PEOPLE = {
    "camille": (
        "camille.martin",
        "Camille",
        "Martin",
        datetime.date(1984, 6, 12),
        None,
    ),
    "thomas": (
        "thomas.martin",
        "Thomas",
        "Martin",
        datetime.date(1982, 1, 25),
        "demo-coparent-pass",
    ),
    "lea": ("lea.martin", "Léa", "Martin", datetime.date(2013, 9, 3), None),
    "hugo": ("hugo.martin", "Hugo", "Martin", datetime.date(2018, 2, 20), None),
    "jeanne": (
        "jeanne.dupuis",
        "Jeanne",
        "Dupuis",
        datetime.date(1941, 4, 8),
        "demo-senior-pass",
    ),
    "nadia": (
        "nadia.haddad",
        "Nadia",
        "Haddad",
        datetime.date(1979, 10, 2),
        "demo-helper-pass",
    ),
    "yanis": (
        "yanis.bensaid",
        "Yanis",
        "Bensaïd",
        datetime.date(2005, 11, 30),
        "demo-young-pass",
    ),
}
LOGIN_ROLES = {
    "thomas": "co-parent",
    "jeanne": "senior",
    "nadia": "helper",
    "yanis": "young adult",
}


def ensure_sources() -> dict[str, RecordKind]:
    """Create the demo sources and their kinds (idempotent); kinds by code."""
    organisations = {o.slug: o for o in Organisation.objects.all()}
    kinds = {}
    for (
        slug,
        org_slug,
        domain,
        names,
        descriptions,
        basis,
        reference,
        months,
        kind_rows,
    ) in SOURCES:
        source, _ = DataSource.objects.get_or_create(
            slug=slug,
            defaults={
                "organisation": organisations[org_slug],
                "domain": domain,
                "name_en": names[0],
                "name_fr": names[1],
                "description_en": descriptions[0],
                "description_fr": descriptions[1],
                "legal_basis": basis,
                "legal_reference": reference,
                "retention_months": months,
            },
        )
        for (
            code,
            label_en,
            label_fr,
            measure,
            unit,
            recurrence,
            schema,
            help_text,
        ) in kind_rows:
            kind, _ = RecordKind.objects.get_or_create(
                source=source,
                code=code,
                defaults={
                    "label_en": label_en,
                    "label_fr": label_fr,
                    "measure": measure,
                    "unit": unit,
                    "recurrence_months": recurrence,
                    "payload_schema": schema,
                    "field_help": help_text,
                },
            )
            kind.source = source
            kinds[code] = kind
    return kinds


def _person(key: str):
    local, first, last, birth, password = HOUSEHOLD_PEOPLE[key]
    User = get_user_model()
    email = f"{local}@{DEMO_DOMAIN}"
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(
            email=email,
            password=password,
            first_name=first,
            last_name=last,
            birth_date=birth,
        )
    if user.birth_date is None:
        user.birth_date = birth
        user.save(update_fields=["birth_date"])
    if password is not None:
        from allauth.account.models import EmailAddress

        EmailAddress.objects.get_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )
    return user


class RecordWriter:
    """Collects records for one resident and inserts the new ones in bulk."""

    def __init__(self, kinds: dict[str, RecordKind], rng: random.Random):
        self.kinds = kinds
        self.rng = rng
        self.pending: list[PersonalRecord] = []

    def add(
        self,
        resident,
        code,
        external_id,
        day,
        title,
        payload,
        value=None,
        period_end=None,
    ):
        kind = self.kinds[code]
        self.pending.append(
            PersonalRecord(
                resident=resident,
                source=kind.source,
                kind=kind,
                domain=kind.source.domain,
                occurred_on=day,
                period_end=period_end,
                title=title,
                value=Decimal(value).quantize(Decimal("0.01"))
                if value is not None
                else None,
                unit=kind.unit,
                payload=payload,
                external_id=external_id,
            )
        )

    def save(self) -> int:
        for record in self.pending:
            errors = record.kind.payload_errors(record.payload)
            if errors:
                raise ValueError(f"demo record {record.external_id}: {errors}")
        existing = set(
            PersonalRecord.objects.filter(
                external_id__in=[r.external_id for r in self.pending]
            ).values_list("source_id", "external_id")
        )
        new = [r for r in self.pending if (r.source_id, r.external_id) not in existing]
        PersonalRecord.objects.bulk_create(new, batch_size=2000)
        records_changed(record.resident_id for record in new)
        self.pending = []
        return len(new)


def _months(start: datetime.date, end: datetime.date):
    month = start.replace(day=1)
    while month <= end:
        yield month
        month = add_months(month, 1)


def _month_end(month: datetime.date) -> datetime.date:
    return add_months(month, 1) - datetime.timedelta(days=1)


def _utility_records(writer, person, key, start, today, *, bike=False, trips=True):
    rng = writer.rng
    index = 1200 + rng.randint(0, 400)
    for month in _months(start, add_months(today, -1)):
        tag = f"{key}-{month:%Y%m}"
        winter = month.month in (11, 12, 1, 2, 3)
        used = round(rng.uniform(6, 11) + (1.5 if month.month in (6, 7, 8) else 0), 1)
        index += used
        writer.add(
            person,
            "meter_reading",
            f"water-{tag}",
            month,
            f"Consommation d'eau {month:%m/%Y}",
            {"meter": f"EGL-{key.upper()}-0042", "index": round(index, 1)},
            used,
            _month_end(month),
        )
        if month.month % 3 == 0:
            writer.add(
                person,
                "water_bill",
                f"waterbill-{tag}",
                month,
                f"Facture d'eau {month:%m/%Y}",
                {
                    "bill_number": f"F{month:%Y%m}{key[:3].upper()}",
                    "due_date": add_months(month, 1).isoformat(),
                    "paid": month < add_months(today, -2),
                },
                round(used * 3 * 4.1, 2),
            )
        heat = rng.randint(700, 1400) if winter else rng.randint(80, 250)
        writer.add(
            person,
            "heat_used",
            f"heat-{tag}",
            month,
            f"Chaleur consommée {month:%m/%Y}",
            {"substation": "SST-Part-Dieu-12", "degree_days": 380 if winter else 40},
            heat,
            _month_end(month),
        )
        if trips:
            metro, bus, tram = (
                rng.randint(10, 40),
                rng.randint(0, 15),
                rng.randint(0, 20),
            )
            writer.add(
                person,
                "monthly_trips",
                f"trips-{tag}",
                month,
                f"Trajets TCL {month:%m/%Y}",
                {"metro": metro, "bus": bus, "tram": tram},
                metro + bus + tram,
                _month_end(month),
            )
        if bike and month.month in range(3, 11):
            rides = rng.randint(2, 25)
            writer.add(
                person,
                "bike_share",
                f"bike-{tag}",
                month,
                f"Trajets Vélo'v {month:%m/%Y}",
                {"minutes": rides * rng.randint(9, 18)},
                rides,
                _month_end(month),
            )
        writer.add(
            person,
            "library_loans",
            f"library-{tag}",
            month,
            f"Prêts en bibliothèque {month:%m/%Y}",
            {"library": "Bibliothèque de la Part-Dieu"},
            rng.randint(0, 6),
            _month_end(month),
        )


def _school_records(writer, child, key, birth, start, today):
    rng = writer.rng
    levels = ["CP", "CE1", "CE2", "CM1", "CM2", "6e", "5e", "4e", "3e"]
    for month in _months(start, add_months(today, -1)):
        school_year = month.year if month.month >= 9 else month.year - 1
        grade = school_year - (birth.year + (1 if birth.month >= 9 else 0)) - 6
        if grade < 0 or grade >= len(levels):
            continue
        level = levels[grade]
        school = "École Jean Macé" if grade < 5 else "Collège Jean Moulin"
        if month.month == 9:
            writer.add(
                child,
                "school_enrolment",
                f"enrol-{key}-{school_year}",
                month.replace(day=2),
                f"Inscription {school_year}-{school_year + 1} : {level}",
                {
                    "school": school,
                    "school_year": f"{school_year}-{school_year + 1}",
                    "level": level,
                },
            )
        if month.month in (7, 8):
            continue
        days = rng.randint(14, 18)
        absences = rng.randint(0, 2)
        writer.add(
            child,
            "canteen_meals",
            f"meals-{key}-{month:%Y%m}",
            month,
            f"Repas à la cantine {month:%m/%Y}",
            {"school_days": days, "absences": absences},
            days - absences,
            _month_end(month),
        )
        writer.add(
            child,
            "canteen_bill",
            f"canteen-{key}-{month:%Y%m}",
            add_months(month, 1).replace(day=5),
            f"Facture cantine et périscolaire {month:%m/%Y}",
            {
                "bill_number": f"RS{month:%Y%m}{key[:2].upper()}",
                "rate_band": "T4",
                "due_date": add_months(month, 1).replace(day=25).isoformat(),
                "paid": month < add_months(today, -2),
            },
            (days - absences) * 3.55 + rng.choice([0, 18, 24]),
        )


def _seed_households(report, kinds) -> None:
    rng = random.Random(20260401)
    writer = RecordWriter(kinds, rng)
    people = {key: _person(key) for key in HOUSEHOLD_PEOPLE}
    for key, role in LOGIN_ROLES.items():
        local, _f, _l, _b, password = HOUSEHOLD_PEOPLE[key]
        report.login(role, f"{local}@{DEMO_DOMAIN}", password)
    today = timezone.localdate()
    start = add_months(today.replace(day=1), -12 * YEARS_OF_DATA)

    # The Martin family.
    for child in ("lea", "hugo"):
        for parent in ("camille", "thomas"):
            Relationship.objects.get_or_create(
                guardian=people[parent], minor=people[child]
            )
    _utility_records(writer, people["camille"], "martin", start, today, bike=True)
    for child in ("lea", "hugo"):
        person = people[child]
        _school_records(writer, person, child, person.birth_date, start, today)
        writer.add(
            person,
            "civil_act",
            f"birth-{child}",
            person.birth_date,
            "Acte de naissance",
            {
                "act": "birth",
                "act_number": f"{person.birth_date:%Y}-{rng.randint(1000, 9999)}",
            },
        )
    hugo = people["hugo"]
    for months_old, visit in (
        (24, "Bilan de santé des 2 ans"),
        (48, "Bilan de santé des 4 ans (école maternelle)"),
    ):
        day = add_months(hugo.birth_date, months_old)
        writer.add(
            hugo,
            "health_visit",
            f"pmi-hugo-{months_old}",
            day,
            visit,
            {"centre": "PMI Lyon 7e Gerland", "visit": visit},
        )
    for dose, months_old in ((1, 2), (2, 4), (3, 11), (4, 16)):
        writer.add(
            hugo,
            "vaccination",
            f"vacc-hugo-{dose}",
            add_months(hugo.birth_date, months_old),
            f"Vaccination DTCaP-Hib-HepB, dose {dose}",
            {"vaccine": "DTCaP-Hib-HepB", "dose": dose},
        )
    writer.add(
        people["lea"],
        "transit_pass",
        "pass-lea-2025",
        datetime.date(today.year, 9, 1)
        if today.month >= 9
        else datetime.date(today.year - 1, 9, 1),
        "Pass scolaire TCL",
        {"pass_type": "Pass scolaire", "card_number": "…4471"},
        Decimal("100.00"),
    )

    # Jeanne Dupuis, helped by Nadia Haddad.
    jeanne = people["jeanne"]
    _utility_records(writer, jeanne, "dupuis", start, today, trips=False)
    for month in _months(start, add_months(today, -1)):
        writer.add(
            jeanne,
            "allowance_payment",
            f"apa-dupuis-{month:%Y%m}",
            month.replace(day=10),
            f"Versement APA {month:%m/%Y}",
            {"allowance": "APA", "period": f"{month:%Y-%m}"},
            Decimal("412.30") if month.year < 2025 else Decimal("436.80"),
        )
    for year in range(start.year, today.year + 1):
        writer.add(
            jeanne,
            "vaccination",
            f"flu-dupuis-{year}",
            datetime.date(year, 10, 20),
            f"Vaccination contre la grippe {year}",
            {"vaccine": "Influenza", "dose": 1},
        )
    if not Mandate.objects.filter(resident=jeanne, helper=people["nadia"]).exists():
        Mandate.objects.create(
            resident=jeanne,
            helper_email=people["nadia"].email,
            helper=people["nadia"],
            accepted_at=timezone.now(),
            domains=[Domain.WATER.value, Domain.ENERGY.value, Domain.SOCIAL.value],
            valid_until=add_months(today, 12),
        )
        report.count("mandate")

    # Yanis Bensaïd, young adult; records from his lycée years.
    yanis = people["yanis"]
    _utility_records(writer, yanis, "bensaid", start, today, bike=True)
    for year in range(start.year, today.year + 1):
        writer.add(
            yanis,
            "transit_pass",
            f"pass-bensaid-{year}",
            datetime.date(year, 1, 2),
            f"Abonnement TCL {year}",
            {
                "pass_type": "Pass jeune" if year < 2027 else "Pass annuel",
                "card_number": "…9013",
            },
            Decimal("260.00"),
        )
    for year, status in (
        (2024, "déposée"),
        (2025, "renouvelée"),
        (2026, "examinée en commission"),
    ):
        writer.add(
            yanis,
            "housing_application",
            f"housing-bensaid-{year}",
            datetime.date(year, 3, 14),
            f"Demande de logement social : {status}",
            {"application_number": "069112400123456", "status": status, "rooms": 1},
        )
    report.count("personal record", writer.save())


def seed_scale(report, kinds, residents: int, per_resident: int) -> None:
    """Bulk residents (``bench.resident<i>@…``) with many records each, for benchmarks."""
    User = get_user_model()
    existing = set(
        User.objects.filter(email__startswith="bench.resident").values_list(
            "email", flat=True
        )
    )
    password = make_password("bench-resident-pass")
    new_users = [
        User(
            email=f"bench.resident{i}@{DEMO_DOMAIN}",
            first_name="Bench",
            last_name=f"Resident {i}",
            birth_date=datetime.date(1960 + i % 40, 1 + i % 12, 1 + i % 28),
            password=password,
        )
        for i in range(residents)
        if f"bench.resident{i}@{DEMO_DOMAIN}" not in existing
    ]
    User.objects.bulk_create(new_users, batch_size=1000)
    report.count("user", len(new_users))
    kind_list = [k for k in kinds.values() if k.measure != RecordKind.Measure.NONE]
    payloads = {
        "meter_reading": {"meter": "EGL-BENCH", "index": 1000},
        "water_bill": {"bill_number": "FBENCH", "due_date": "2026-01-01", "paid": True},
        "heat_used": {"substation": "SST-1", "degree_days": 100},
        "monthly_trips": {"metro": 10, "bus": 5, "tram": 5},
        "bike_share": {"minutes": 60},
        "library_loans": {"library": "Part-Dieu"},
        "canteen_meals": {"school_days": 16, "absences": 1},
        "canteen_bill": {
            "bill_number": "RSBENCH",
            "rate_band": "T4",
            "due_date": "2026-01-01",
            "paid": True,
        },
        "transit_pass": {"pass_type": "Pass annuel", "card_number": "…0000"},
        "allowance_payment": {"allowance": "RSA", "period": "2026-01"},
    }
    today = timezone.localdate()
    rng = random.Random(7)
    users = User.objects.filter(email__startswith="bench.resident").order_by("pk")[
        :residents
    ]
    created = 0
    batch: list[PersonalRecord] = []
    for user in users:
        if PersonalRecord.objects.filter(resident=user).exists():
            continue
        for n in range(per_resident):
            kind = kind_list[n % len(kind_list)]
            day = today - datetime.timedelta(days=rng.randint(0, 365 * 20))
            batch.append(
                PersonalRecord(
                    resident_id=user.pk,
                    source_id=kind.source_id,
                    kind_id=kind.pk,
                    domain=kind.source.domain,
                    occurred_on=day,
                    title=kind.label_en,
                    value=Decimal(rng.randint(1, 500)),
                    unit=kind.unit,
                    payload=payloads.get(kind.code, {}),
                    external_id=f"bench-{user.pk}-{n}",
                )
            )
            if len(batch) >= 5000:
                created += _insert(batch)
                batch = []
    created += _insert(batch)
    report.count("personal record", created)


def _insert(batch: list[PersonalRecord]) -> int:
    # SQLite caps a statement's parameters: Django splits the batch itself there.
    size = 5000 if connection.vendor == "postgresql" else 2000
    PersonalRecord.objects.bulk_create(batch, batch_size=size)
    records_changed(record.resident_id for record in batch)
    return len(batch)


def seed(report) -> None:
    """Demo sources, households and, in scale mode, many residents (idempotent)."""
    kinds = ensure_sources()
    _seed_households(report, kinds)
    residents = report.options.get("residents") or 0
    per_resident = report.options.get("records_per_resident") or 0
    if residents and per_resident:
        seed_scale(report, kinds, residents, per_resident)
