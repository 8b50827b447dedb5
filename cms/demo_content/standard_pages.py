"""Demo text of the standard pages, in French and English."""

LEGAL_NOTICE = {
    "title": ("Mentions légales", "Legal notice"),
    "introduction": (
        "Qui publie CitizenPass, qui l'héberge et comment nous joindre.",
        "Who publishes CitizenPass, who hosts it and how to reach us.",
    ),
    "body": (
        "<h2>Éditeur</h2><p>Métropole de Lyon, 20 rue du Lac, CS 33569, 69505 Lyon "
        "Cedex 03. Téléphone : 04 78 63 40 40.</p>"
        "<p>Directeur de la publication : le Président de la Métropole de Lyon.</p>"
        "<h2>Hébergement</h2><p>Les serveurs sont exploités par la direction de "
        "l'innovation numérique et des systèmes d'information de la Métropole, dans "
        "ses centres de données situés en France.</p>"
        "<h2>Propriété intellectuelle</h2><p>Les textes de ce site sont publiés sous "
        "Licence Ouverte 2.0 d'Etalab ; le code source du portail est publié sous "
        "licence AGPL-3.0.</p>"
        "<h2>Démonstration</h2><p>Cette instance est une démonstration : les personnes "
        "et les données qui y figurent sont fictives.</p>",
        "<h2>Publisher</h2><p>Métropole de Lyon, 20 rue du Lac, CS 33569, 69505 Lyon "
        "Cedex 03, France. Telephone: +33 4 78 63 40 40.</p>"
        "<p>Publication director: the President of the Métropole de Lyon.</p>"
        "<h2>Hosting</h2><p>The servers are run by the metropolis' digital innovation "
        "and information systems department, in its data centres located in "
        "France.</p>"
        "<h2>Intellectual property</h2><p>The texts of this site are published under "
        "Etalab's Open Licence 2.0; the portal's source code is published under the "
        "AGPL-3.0 licence.</p>"
        "<h2>Demonstration</h2><p>This instance is a demonstration: the people and "
        "data it shows are fictitious.</p>",
    ),
}

PRIVACY = {
    "title": ("Politique de confidentialité", "Privacy policy"),
    "introduction": (
        "Vos données vous appartiennent : la Métropole les garde pour vous, en tiers "
        "de confiance, et vous montre qui les consulte.",
        "Your data is yours: the metropolis keeps it for you, as a trusted third "
        "party, and shows you who looks at it.",
    ),
    "body": (
        "<h2>Le principe du Self Data</h2><p>CitizenPass applique le principe du "
        "« Self Data », expérimenté à Lyon avec le programme MesInfos : les données "
        "personnelles que les services publics produisent sur vous (factures d'eau, "
        "cantine, transports, aides…) sont rassemblées pour vous, sous votre contrôle. "
        "Vous les consultez, les comprenez, les téléchargez et choisissez avec qui les "
        "partager.</p>"
        "<h2>Responsable du traitement</h2><p>Métropole de Lyon, 20 rue du Lac, 69003 "
        "Lyon. Délégué à la protection des données : dpd@grandlyon.com.</p>"
        "<h2>Ce que nous conservons</h2><ul><li>Votre compte : adresse électronique, "
        "nom, date de naissance, langue, réglages de sécurité.</li><li>Les données "
        "transmises par les services publics, chacune avec sa source, sa base légale "
        "et sa durée de conservation, affichées à côté de la donnée.</li><li>Vos "
        "démarches en ligne et les échanges avec les agents.</li></ul>"
        "<h2>Le journal des accès</h2><p>Chaque fois qu'une autre personne que vous "
        "consulte ou exporte vos données (un agent au guichet, un proche mandaté, le "
        "système d'une commune), une ligne est écrite dans votre journal des accès : "
        "qui, quand, quoi et pourquoi. Ce journal est chaîné pour que toute "
        "modification se voie, et vous le consultez à tout moment dans votre espace.</p>"
        "<h2>Vos droits</h2><p>Vous pouvez accéder à vos données et les télécharger "
        "(PDF lisible et fichier JSON réutilisable, articles 15 et 20 du RGPD), les "
        "faire rectifier, vous opposer à certains traitements et supprimer votre "
        "compte. Si vous estimez que vos droits ne sont pas respectés, vous pouvez "
        "saisir la CNIL.</p>"
        "<h2>Cookies</h2><p>Le portail n'utilise que les cookies nécessaires à la "
        "connexion et à la sécurité ; aucun traceur publicitaire ou de mesure "
        "d'audience tiers.</p>",
        '<h2>The Self Data principle</h2><p>CitizenPass applies the "Self Data" '
        "principle, piloted in Lyon with the MesInfos programme: the personal data "
        "public services produce about you (water bills, canteen, transport, "
        "allowances…) is gathered for you, under your control. You see it, understand "
        "it, download it and choose whom to share it with.</p>"
        "<h2>Data controller</h2><p>Métropole de Lyon, 20 rue du Lac, 69003 Lyon, "
        "France. Data protection officer: dpd@grandlyon.com.</p>"
        "<h2>What we keep</h2><ul><li>Your account: email address, name, date of "
        "birth, language, security settings.</li><li>Data sent by public services, "
        "each with its source, legal basis and retention period, shown next to the "
        "data.</li><li>Your online requests and your exchanges with agents.</li></ul>"
        "<h2>The access log</h2><p>Whenever someone other than you reads or exports "
        "your data (an agent at the counter, a relative holding a mandate, a "
        "commune's system), a line is written to your access log: who, when, what and "
        "why. The log is chained so that any change shows, and you can read it at any "
        "time in your account.</p>"
        "<h2>Your rights</h2><p>You can access your data and download it (a readable "
        "PDF and a reusable JSON file, GDPR articles 15 and 20), have it corrected, "
        "object to some processing and delete your account. If you think your rights "
        "are not respected, you can complain to the CNIL, the French data protection "
        "authority.</p>"
        "<h2>Cookies</h2><p>The portal only uses the cookies needed to sign in and "
        "for security; no third-party advertising or audience tracker.</p>",
    ),
}

ACCESSIBILITY = {
    "title": ("Déclaration d'accessibilité", "Accessibility statement"),
    "introduction": (
        "CitizenPass est partiellement conforme au référentiel général "
        "d'amélioration de l'accessibilité (RGAA) version 4.1.2.",
        "CitizenPass is partially compliant with the French accessibility "
        "framework (RGAA) version 4.1.2.",
    ),
    "body": (
        "<p>La Métropole de Lyon s'engage à rendre ses services numériques "
        "accessibles, conformément à l'article 47 de la loi n° 2005-102 du 11 "
        "février 2005.</p>"
        "<h2>État de conformité</h2><p>CitizenPass est <strong>partiellement "
        "conforme</strong> au RGAA 4.1.2 : un audit interne réalisé en novembre 2026 "
        "sur un échantillon de 12 pages donne un taux de conformité de 87 %.</p>"
        "<h2>Contenus non accessibles</h2><ul><li>Certains documents PDF déposés par "
        "les communes avant 2026 ne sont pas balisés.</li><li>Les graphiques de "
        "consommation ont une alternative textuelle et un tableau, mais leur "
        "navigation au clavier reste à améliorer.</li></ul>"
        "<h2>Établissement de cette déclaration</h2><p>Technologies utilisées : HTML, "
        "CSS. Vérifications : NVDA et Firefox, VoiceOver et Safari, navigation au "
        "clavier, tests automatiques axe-core sur chaque parcours.</p>"
        "<h2>Retour d'information et contact</h2><p>Si vous n'arrivez pas à accéder à "
        "un contenu ou à un service, écrivez à accessibilite@grandlyon.com ou venez au "
        "guichet de votre mairie : un agent fera la démarche avec vous.</p>"
        "<h2>Voies de recours</h2><p>Si vous n'obtenez pas de réponse satisfaisante, "
        "vous pouvez saisir le Défenseur des droits (formulaire en ligne, délégué dans "
        "votre département ou courrier gratuit : Défenseur des droits, Libre réponse "
        "71120, 75342 Paris CEDEX 07).</p>",
        "<p>The Métropole de Lyon is committed to making its digital services "
        "accessible, in accordance with article 47 of French law no. 2005-102 of 11 "
        "February 2005.</p>"
        "<h2>Compliance status</h2><p>CitizenPass is <strong>partially "
        "compliant</strong> with RGAA 4.1.2: an internal audit carried out in November "
        "2026 on a sample of 12 pages gives a compliance rate of 87%.</p>"
        "<h2>Non-accessible content</h2><ul><li>Some PDF documents uploaded by the "
        "communes before 2026 are not tagged.</li><li>Consumption charts have a text "
        "alternative and a table, but their keyboard navigation still needs "
        "work.</li></ul>"
        "<h2>How this statement was prepared</h2><p>Technologies used: HTML, CSS. "
        "Checks: NVDA with Firefox, VoiceOver with Safari, keyboard navigation, "
        "automatic axe-core tests on every journey.</p>"
        "<h2>Feedback and contact</h2><p>If you cannot reach some content or service, "
        "write to accessibilite@grandlyon.com or come to the counter of your town "
        "hall: an agent will do the request with you.</p>"
        "<h2>Remedies</h2><p>If you do not get a satisfactory answer, you can refer "
        "the matter to the Défenseur des droits, the French rights ombudsman (online "
        "form, local delegate or free post: Défenseur des droits, Libre réponse 71120, "
        "75342 Paris CEDEX 07).</p>",
    ),
}

TERMS = {
    "title": ("Conditions d'utilisation", "Terms of use"),
    "introduction": (
        "Les règles d'usage du compte citoyen, pour vous et pour la Métropole.",
        "The rules of the citizen account, for you and for the metropolis.",
    ),
    "body": (
        "<h2>Objet</h2><p>CitizenPass est un service public gratuit de la Métropole "
        "de Lyon et de ses communes : démarches en ligne, consultation et "
        "téléchargement de vos données personnelles.</p>"
        "<h2>Votre compte</h2><ul><li>Un compte par personne ; vous gardez votre mot "
        "de passe et votre second facteur pour vous.</li><li>Vous pouvez agir pour un "
        "proche uniquement avec son mandat ou en tant que représentant légal.</li>"
        "<li>Vous pouvez supprimer votre compte à tout moment ; les démarches en "
        "cours sont conservées par les services le temps prévu par la loi.</li></ul>"
        "<h2>Démarches en ligne</h2><p>Une demande déposée en ligne a la même valeur "
        "qu'une demande au guichet. Vous recevez un numéro de suivi et êtes prévenu "
        "de chaque changement.</p>"
        "<h2>Disponibilité</h2><p>Le service est accessible en continu, sauf "
        "maintenance annoncée sur la page d'accueil. En cas d'indisponibilité, les "
        "guichets des mairies restent ouverts.</p>"
        "<h2>Droit applicable</h2><p>Ces conditions relèvent du droit français ; le "
        "tribunal administratif de Lyon est compétent.</p>",
        "<h2>Purpose</h2><p>CitizenPass is a free public service of the Métropole de "
        "Lyon and its communes: online requests, viewing and downloading your "
        "personal data.</p>"
        "<h2>Your account</h2><ul><li>One account per person; keep your password and "
        "second factor to yourself.</li><li>You may act for a relative only with "
        "their mandate or as their legal representative.</li><li>You can delete your "
        "account at any time; requests in progress are kept by the services for the "
        "period set by law.</li></ul>"
        "<h2>Online requests</h2><p>A request made online is worth the same as one "
        "made at the counter. You get a tracking number and are told of every "
        "change.</p>"
        "<h2>Availability</h2><p>The service is available at all times, except for "
        "maintenance announced on the home page. When it is unavailable, town hall "
        "counters stay open.</p>"
        "<h2>Applicable law</h2><p>These terms are governed by French law; the Lyon "
        "administrative court has jurisdiction.</p>",
    ),
}

STANDARD_PAGES = {
    "legal-notice": LEGAL_NOTICE,
    "privacy": PRIVACY,
    "accessibility": ACCESSIBILITY,
    "terms": TERMS,
}

NEWS = [
    {
        "slug": ("pass-citoyen-ouvert", "citizen-pass-opens"),
        "section": None,
        "date": "2026-11-02",
        "title": (
            "CitizenPass ouvre à tous les habitants",
            "CitizenPass opens to every resident",
        ),
        "introduction": (
            "Un compte unique pour les démarches de la Métropole et de 12 communes, "
            "et vos données publiques téléchargeables.",
            "One account for the requests of the metropolis and 12 communes, and your "
            "public data to download.",
        ),
        "body": (
            "Après six mois de test avec 2 000 foyers, le compte citoyen est ouvert à "
            "tous. Les agents des mairies peuvent vous aider à le créer au guichet.",
            "After six months of testing with 2,000 households, the citizen account is "
            "open to all. Town hall agents can help you create it at the counter.",
        ),
    },
    {
        "slug": ("rentree-cantine-college", "college-canteen-enrolment"),
        "section": None,
        "date": "2026-06-10",
        "title": (
            "Cantine au collège : les inscriptions sont ouvertes",
            "Collège canteen: enrolment is open",
        ),
        "introduction": (
            "Inscrivez votre enfant avant le 14 juillet pour la rentrée de septembre.",
            "Enrol your child before 14 July for the September start.",
        ),
        "body": (
            "Le tarif dépend du quotient familial ; il est calculé automatiquement si "
            "vous autorisez la Métropole à le récupérer auprès de la CAF.",
            "The price depends on the family quotient; it is calculated automatically "
            "if you allow the metropolis to fetch it from the CAF.",
        ),
    },
    {
        "slug": ("permanences-numeriques-lyon", "digital-help-desks-lyon"),
        "section": "lyon",
        "date": "2026-11-16",
        "title": (
            "Des permanences numériques dans les mairies d'arrondissement",
            "Digital help desks in the district town halls",
        ),
        "introduction": (
            "Chaque mardi matin, un conseiller numérique vous aide à faire vos "
            "démarches en ligne.",
            "Every Tuesday morning, a digital adviser helps you with your online "
            "requests.",
        ),
        "body": (
            "Sans rendez-vous, dans les neuf mairies d'arrondissement de Lyon. "
            "Apportez vos identifiants et les documents de votre démarche.",
            "No appointment needed, in Lyon's nine district town halls. Bring your "
            "sign-in details and the documents of your request.",
        ),
    },
]

NEWS_SECTIONS = {
    "lyon": ("Actualités de Lyon", "Lyon news", "actualites-lyon", "lyon-news")
}
