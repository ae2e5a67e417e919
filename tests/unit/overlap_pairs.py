"""Pairs of training titles with the verdict an officer of the network would give: do
these two trainings cover the same topic (True) or not (False)?

Three kinds, as the issue asks: the same training reworded, the same topic for another
audience (both True: the members would want to know), and different topics that share a
word (False). Used by tests/unit/test_overlap.py and bench/overlap.py.
"""

REWORDED = [
    ("Éducation au développement : animer un atelier en classe",
     "Animer un atelier d'éducation au développement en classe", True),
    ("Formation au montage de projets de solidarité internationale",
     "Monter son projet de solidarité internationale", True),
    ("Rechercher des financements pour son projet de coopération",
     "Trouver des financements pour un projet de coopération internationale", True),
    ("Initiation à la coopération décentralisée", "Les bases de la coopération décentralisée", True),
    ("Communiquer sur son projet de solidarité", "Communication autour d'un projet solidaire", True),
    ("Évaluer un projet de coopération", "L'évaluation des projets de coopération internationale", True),
    ("Accueillir un volontaire de solidarité internationale",
     "Accueil de volontaires en solidarité internationale", True),
    ("Égalité femmes-hommes dans les projets de coopération",
     "Intégrer le genre et l'égalité femmes-hommes dans ses projets", True),
    ("Eau et assainissement : monter un projet", "Monter un projet eau et assainissement", True),
    ("Semaine de la solidarité internationale : organiser un événement",
     "Organiser un événement pendant la SSI", True),
    ("ECSI : les fondamentaux",
     "Les fondamentaux de l'éducation à la citoyenneté et à la solidarité internationale", True),
    ("Rédiger un rapport d'activité pour un bailleur", "Rédaction du rapport final pour les financeurs", True),
    ("Prévenir les risques sanitaires en mission", "Santé et sécurité des volontaires sur le terrain", True),
]

OTHER_AUDIENCE = [
    ("Éducation au développement : animer un atelier en classe",
     "Éducation au développement pour les animateurs de centres de loisirs", True),
    ("Montage de projets de solidarité internationale pour les associations",
     "Montage de projets de solidarité internationale pour les jeunes", True),
    ("Initiation à la coopération décentralisée pour les élus",
     "La coopération décentralisée expliquée aux agents territoriaux", True),
    ("Mobilité internationale des jeunes : accompagner les départs",
     "Mobilité internationale : informer les lycéens", True),
    ("Interculturalité : préparer un chantier de jeunes", "Interculturalité en pratique pour les bénévoles", True),
    ("Santé mondiale : comprendre les enjeux", "Les enjeux de la santé mondiale pour les étudiants infirmiers",
     True),
    ("Climat et solidarité internationale au collège",
     "Climat et solidarité internationale : sensibiliser les adultes", True),
    ("Objectifs de développement durable en classe", "Les ODD expliqués aux élus", True),
    ("Égalité femmes-hommes : outils pour les enseignants",
     "Égalité femmes-hommes dans les associations de solidarité", True),
    ("Accueillir une délégation étrangère : le protocole pour les élus",
     "Accueil de délégations étrangères pour les agents", True),
    ("Migrations et développement : former les bénévoles des OSIM",
     "Migrations et développement : sensibiliser les scolaires", True),
    ("Commerce équitable : animer un stand", "Le commerce équitable expliqué aux collégiens", True),
]

SHARED_WORD = [
    ("Animer un atelier cuisine du monde", "Éducation au développement : animer un atelier en classe", False),
    ("Montage de projets de solidarité internationale", "Montage vidéo pour valoriser son projet", False),
    ("Eau et assainissement en milieu rural", "Agriculture et alimentation en milieu rural", False),
    ("Gestion de l'eau au Sahel", "Gestion financière d'une association", False),
    ("Santé mondiale : comprendre les enjeux", "Les enjeux du climat", False),
    ("Coopération décentralisée avec le Sénégal", "Coopération universitaire et mobilité étudiante", False),
    ("Comptabilité d'une association de solidarité", "Solidarité internationale : les bases", False),
    ("Festival des solidarités : organiser un stand", "Organiser un chantier de jeunes à l'étranger", False),
    ("Droits humains et paix : animer un débat", "Animer un débat sur le climat", False),
    ("Éducation à la citoyenneté mondiale", "Éducation physique et sportive au Maroc", False),
    ("Mobilité internationale des jeunes", "Mobilité douce et urbanisme", False),
    ("Projet de territoire et coopération", "Projet associatif : rédiger ses statuts", False),
    ("Volontariat international en entreprise", "Volontariat de solidarité internationale", False),
    ("Culture et patrimoine : valoriser un jumelage", "Patrimoine naturel et changement climatique", False),
]

PAIRS = REWORDED + OTHER_AUDIENCE + SHARED_WORD


def scores(verdict) -> dict:
    """Precision and recall of ``verdict(title_a, title_b) -> bool`` on the table, and
    the pairs it gets wrong."""
    tp = fp = fn = tn = 0
    wrong = []
    for a, b, expected in PAIRS:
        got = verdict(a, b)
        tp += got and expected
        fp += got and not expected
        fn += expected and not got
        tn += not got and not expected
        if got != expected:
            wrong.append((a, b, expected))
    return {"pairs": len(PAIRS), "true_positives": tp, "false_positives": fp, "false_negatives": fn,
            "true_negatives": tn, "precision": round(tp / (tp + fp), 3) if tp + fp else 1.0,
            "recall": round(tp / (tp + fn), 3) if tp + fn else 1.0, "wrong": wrong}
