"""The demo data, as plain Python data (the loader is app/demo/loader.py).

Facts come from the seed documents digested in shared/reference/seeds_report.md
(Annex 2, 4 and 6 of the 2012-2013 report on the Région's international action, and
the 2021 France urbaine / INET study). Where a field had to be filled in (a postal
code, a ceiling), the value is plausible and never an official figure: descriptions
say so when an amount is illustrative. No RNA or SIRET number, e-mail addresses only
under example.org.

Codes: members by their code ("IDF", "91"...), territories by their code ("FR",
"SN", "SN-dakar"...), themes by their slug (see the reference-data migration).
Scheme dates are offsets in days from the day of loading: ``window=(-30, 60)`` opened
30 days ago and closes in 60 days; ``None`` means no dates (permanent schemes).
"""

from __future__ import annotations

DEMO_PASSWORD = "reseau-demo-2026"

# -- Members of the network --------------------------------------------------------

DELIBERATION_2010 = "Délibération du conseil général (2010)"

MEMBERS = [
    {
        "code": "IDF", "kind": "region", "name": "Région Île-de-France", "short_name": "Région",
        "seat": "Saint-Ouen-sur-Seine", "territory": "IDF", "status": "active",
        "is_coordinator": True, "joined_on": (2010, 10, 1),
        "deliberation_ref": "Rapport CP 10-669, commission permanente du conseil régional (octobre 2010)",
        "website": "https://www.iledefrance.fr",
        "description": (
            "Coordonnatrice du réseau Île-de-France International, qu'elle a proposé aux "
            "Départements franciliens en 2006. Elle conduit des coopérations décentralisées avec "
            "Dakar, Hanoï, Santiago du Chili, Antananarivo, Erevan, Beyrouth, Nouakchott, "
            "São Paulo et le Québec, soutient la mobilité internationale des jeunes (AMIE, "
            "Mobil'Asie, Mobil'Québec, Chantiers solidarité) et les acteurs franciliens de la "
            "solidarité internationale."
        ),
    },
    {
        "code": "77", "kind": "departement", "name": "Département de Seine-et-Marne",
        "short_name": "Seine-et-Marne", "seat": "Melun", "territory": "77", "status": "active",
        "joined_on": (2010, 10, 1), "deliberation_ref": DELIBERATION_2010,
        "website": "https://www.seine-et-marne.fr",
        "description": (
            "Membre fondateur du réseau, qu'il a rejoint à la suite de l'Essonne. Cosignataire en "
            "2010 de la convention du groupement de commandes pour le site internet commun du "
            "réseau, dont il finance 20 % du coût, au même titre que les autres membres."
        ),
    },
    {
        "code": "91", "kind": "departement", "name": "Département de l'Essonne",
        "short_name": "Essonne", "seat": "Évry-Courcouronnes", "territory": "91", "status": "active",
        "joined_on": (2010, 10, 1), "deliberation_ref": DELIBERATION_2010,
        "website": "https://www.essonne.fr",
        "description": (
            "Premier Département à avoir répondu à l'initiative de la Région. Engagé depuis 1998 "
            "auprès des porteurs de projets de solidarité internationale, il a créé en 2003 le "
            "Centre de ressources essonnien de la solidarité internationale. Il coopère avec le "
            "Mali depuis 2003 (chef de file pour les cercles de Diéma, Douentza et Nioro du "
            "Sahel), avec Wuhan depuis 2007, la Chaudière-Appalaches depuis 2010 et Haïti depuis 2012."
        ),
    },
    {
        "code": "93", "kind": "departement", "name": "Département de la Seine-Saint-Denis",
        "short_name": "Seine-Saint-Denis", "seat": "Bobigny", "territory": "93", "status": "active",
        "joined_on": (2010, 10, 1), "deliberation_ref": DELIBERATION_2010,
        "website": "https://seinesaintdenis.fr",
        "description": (
            "Politique de coopération décentralisée depuis 1998 : sept protocoles (Figuig, "
            "Guarulhos, Matola, Ngazidja, Jénine, Qalqilya et Tulkarem, Akko, Hai Duong) et un "
            "partenariat européen avec Istanbul. Son centre de ressources Via le monde anime le "
            "réseau départemental des acteurs de la solidarité internationale ; 30 à 40 projets "
            "expertisés sont financés chaque année."
        ),
    },
    {
        "code": "94", "kind": "departement", "name": "Département du Val-de-Marne",
        "short_name": "Val-de-Marne", "seat": "Créteil", "territory": "94", "status": "active",
        "joined_on": (2010, 10, 1), "deliberation_ref": DELIBERATION_2010,
        "website": "https://www.valdemarne.fr",
        "description": (
            "Cinq programmes de coopération décentralisée avec des autorités locales d'Afrique du "
            "Sud, du Vietnam, de Palestine (avec la Seine-Saint-Denis), du Salvador et du Niger, "
            "et un partenariat économique avec Nanning. Il soutient les projets de solidarité "
            "internationale des associations, les initiatives des habitants avec Pro'aide, et "
            "participe à la Semaine de la solidarité internationale."
        ),
    },
    {
        "code": "78", "kind": "departement", "name": "Département des Yvelines",
        "short_name": "Yvelines", "seat": "Versailles", "territory": "78", "status": "candidate",
        "website": "https://www.yvelines.fr",
        "description": (
            "Ouvert à l'adhésion : le Département a participé à plusieurs réunions du réseau et "
            "répondu au questionnaire de 2012. Depuis 2006, il subventionne les projets de "
            "coopération internationale des associations, communes et collèges, dispose de dix "
            "accords de coopération décentralisée dans six pays et soutient les projets de "
            "jeunes de 18 à 25 ans."
        ),
    },
    {
        "code": "92", "kind": "departement", "name": "Département des Hauts-de-Seine",
        "short_name": "Hauts-de-Seine", "seat": "Nanterre", "territory": "92", "status": "candidate",
        "website": "https://www.hauts-de-seine.fr",
        "description": (
            "Ouvert à l'adhésion : le Département a répondu au questionnaire de 2012 et participe "
            "au « réseau Île-de-France » et à Cités Unies France. Il conduit des coopérations en "
            "Arménie (Tavush), en Haïti, au Mali, au Bénin et au Cambodge, des dispositifs "
            "d'éducation au développement et anime le réseau export Hauts-de-Seine International."
        ),
    },
    {
        "code": "95", "kind": "departement", "name": "Département du Val-d'Oise",
        "short_name": "Val-d'Oise", "seat": "Cergy", "territory": "95", "status": "candidate",
        "website": "https://www.valdoise.fr",
        "description": (
            "Ouvert à l'adhésion : le Département a répondu au questionnaire de 2012. Il entretient "
            "des partenariats avec la préfecture d'Osaka (depuis 1988), la province d'An Giang au "
            "Vietnam, la ville de Wuxi et la province du Jiangsu en Chine, et réunit un comité "
            "stratégique « Val d'Oise international »."
        ),
    },
]

# -- Partner territories abroad: (code, kind, name, name_en, description) ------------
# The country is the first two letters of the code; it is the territory's parent.

PARTNER_TERRITORIES = [
    # Zones de coopération décentralisée of the Région
    ("SN-dakar", "partner_city", "Dakar", "Dakar",
     "Zone de coopération décentralisée de la Région : prévention du sida avec le CRIPS, échanges "
     "culturels (Chœur Vittoria) et chantiers de jeunes pour construire ou rénover des écoles."),
    ("VN-hanoi", "partner_city", "Hanoï", "Hanoi",
     "Zone de coopération de la Région : mise en tourisme du village de Duong Lam et formation de "
     "guides, projets urbains avec l'IAU, mobilité des jeunes (Mobil'Asie) et chantiers solidarité."),
    ("CL-santiago", "partner_city", "Santiago du Chili", "Santiago de Chile",
     "Zone de coopération de la Région : stratégie touristique pour des communes rurales, appui "
     "aux projets urbains et partenariat du CRIPS avec son homologue, le CRIAPS."),
    ("MG-antananarivo", "partner_city", "Antananarivo", "Antananarivo",
     "Zone de coopération de la Région : valorisation de la Haute Ville et formations au "
     "tourisme et au patrimoine avec le Comité régional du tourisme."),
    ("AM-erevan", "partner_city", "Erevan", "Yerevan",
     "Zone de coopération de la Région : appui à la création d'une marque de territoire."),
    ("LB-beyrouth", "partner_city", "Beyrouth", "Beirut",
     "Zone de coopération de la Région : appui de l'IAU aux projets urbains (réhabilitation de "
     "quartiers, déplacements doux, espaces verts)."),
    ("MR-nouakchott", "partner_city", "Nouakchott", "Nouakchott",
     "Zone de coopération de la Région, où le CRIPS appuie la prévention du sida."),
    ("BR-sao-paulo", "partner_city", "São Paulo", "São Paulo",
     "Zone de coopération de la Région, où un projet théâtral a été soutenu au titre des "
     "Chantiers solidarité."),
    ("CA-quebec", "partner_region", "Québec", "Quebec",
     "Zone de coopération de la Région, destination du programme de mobilité Mobil'Québec, en "
     "lien avec l'Office franco-québécois pour la jeunesse."),
    # Essonne
    ("CN-wuhan", "partner_city", "Wuhan", "Wuhan",
     "Partenaire de l'Essonne depuis 2007 : échanges d'étudiants et de chercheurs entre "
     "universités, accords entre acteurs économiques (clusters, PME) ; le Génopôle y prospecte "
     "des partenariats."),
    ("CA-chaudiere-appalaches", "partner_region", "Chaudière-Appalaches", "Chaudière-Appalaches",
     "Région du Québec partenaire de l'Essonne depuis 2010 pour le développement des "
     "éco-activités et le renforcement de la filière déchets."),
    ("ML-diema", "partner_region", "Diéma", "Diéma",
     "Cercle malien partenaire de l'Essonne, chef de file d'un projet qui mobilise une quinzaine "
     "de collectivités franciliennes pour la gouvernance, le potentiel fiscal et les capacités "
     "des collectivités."),
    ("ML-douentza", "partner_region", "Douentza", "Douentza",
     "Cercle malien partenaire de l'Essonne, dans le projet de renforcement de la gouvernance "
     "locale dont l'Essonne est chef de file et autorité de gestion."),
    ("ML-nioro-du-sahel", "partner_region", "Nioro du Sahel", "Nioro du Sahel",
     "Cercle malien partenaire de l'Essonne, dans le projet de renforcement de la gouvernance "
     "locale qui associe une quinzaine de collectivités franciliennes dont la Région."),
    # Seine-Saint-Denis
    ("MA-figuig", "partner_city", "Figuig", "Figuig",
     "Ville de la région de l'Oriental partenaire de la Seine-Saint-Denis et de Stains : "
     "éducation, prévention sanitaire, eau et assainissement, filière équitable des dattes et "
     "artisanat local."),
    ("BR-guarulhos", "partner_city", "Guarulhos", "Guarulhos",
     "Ville de l'aire métropolitaine de São Paulo, partenaire de la Seine-Saint-Denis dans une "
     "coopération tripartite avec Matola."),
    ("MZ-matola", "partner_city", "Matola", "Matola",
     "Ville de l'aire métropolitaine de Maputo, partenaire de la Seine-Saint-Denis : éducation, "
     "compétences locales, urbanisme, gestion des déchets et échanges culturels."),
    ("VN-hai-duong", "partner_region", "Hai Duong", "Hai Duong",
     "Province partenaire de la Seine-Saint-Denis : développement économique, eau et "
     "assainissement, santé (échanges inter-hospitaliers) et gestion du patrimoine."),
    ("PS-jenin", "partner_city", "Jénine", "Jenin",
     "Ville du nord de la Cisjordanie partenaire de la Seine-Saint-Denis et du Val-de-Marne : eau "
     "et assainissement, équipements sportifs municipaux et lecture publique."),
    ("PS-qalqilya", "partner_city", "Qalqilya", "Qalqilya",
     "Ville du nord de la Cisjordanie partenaire de la Seine-Saint-Denis et du Val-de-Marne : eau "
     "et assainissement, équipements sportifs municipaux et bibliothèques."),
    ("PS-tulkarem", "partner_city", "Tulkarem", "Tulkarm",
     "Ville du nord de la Cisjordanie partenaire de la Seine-Saint-Denis et du Val-de-Marne : eau "
     "et assainissement, équipements sportifs municipaux et lecture publique."),
    ("KM-ngazidja", "partner_region", "Ngazidja (Grande Comore)", "Ngazidja (Grande Comore)",
     "L'Association des maires de Ngazidja est partenaire de la Seine-Saint-Denis pour l'appui "
     "au développement local."),
    ("IL-akko", "partner_city", "Akko (Saint-Jean-d'Acre)", "Acre (Akko)",
     "Ville partenaire de la Seine-Saint-Denis pour la sauvegarde du patrimoine et les échanges "
     "culturels."),
    ("TR-istanbul", "partner_city", "Istanbul", "Istanbul",
     "Partenariat européen de la Seine-Saint-Denis avec l'Académie d'Istanbul (programme Comenius "
     "Regio) sur le décrochage scolaire et les élèves en difficulté."),
    ("GA-ogooue-maritime", "partner_region", "Ogooué-Maritime", "Ogooué-Maritime",
     "Province gabonaise liée à la Seine-Saint-Denis par un protocole de coopération arrivé à son "
     "terme et aujourd'hui en sommeil."),
    ("PT-setubal", "partner_region", "Setúbal", "Setúbal",
     "L'Association des villes portugaises de la région de Setúbal a été un partenaire européen "
     "de la Seine-Saint-Denis ; ce partenariat est en sommeil."),
    # Val-de-Marne
    ("CN-nanning", "partner_city", "Nanning", "Nanning",
     "Ville partenaire du Val-de-Marne dans le cadre d'un partenariat économique (club Chine, "
     "agence de développement économique)."),
    # Candidate members
    ("AM-tavush", "partner_region", "Tavush", "Tavush",
     "Région d'Arménie partenaire des Hauts-de-Seine en solidarité internationale."),
    ("ML-gourma-rharous", "partner_region", "Gourma-Rharous", "Gourma-Rharous",
     "Cercle malien partenaire des Hauts-de-Seine."),
    ("ML-dioila", "partner_region", "Dioïla", "Dioïla",
     "Cercle malien partenaire des Hauts-de-Seine."),
    ("KH-banteay-meanchey", "partner_region", "Banteay Meanchey", "Banteay Meanchey",
     "Province cambodgienne partenaire des Hauts-de-Seine."),
    ("KH-siem-reap", "partner_region", "Siem Reap", "Siem Reap",
     "Province cambodgienne partenaire des Hauts-de-Seine."),
    ("JP-osaka", "partner_region", "Osaka (préfecture)", "Osaka Prefecture",
     "Préfecture partenaire du Val-d'Oise depuis 1988 : partenariat économique aux thèmes de plus "
     "en plus variés et mobilité étudiante avec l'université de Cergy-Pontoise."),
    ("VN-an-giang", "partner_region", "An Giang", "An Giang",
     "Province partenaire du Val-d'Oise depuis une dizaine d'années, un partenariat qui relève "
     "surtout de la coopération décentralisée."),
    ("CN-wuxi", "partner_city", "Wuxi", "Wuxi",
     "Ville avec laquelle le Val-d'Oise a signé un mémorandum en novembre 2012, après une mission "
     "exploratoire en Chine."),
    ("CN-jiangsu", "partner_region", "Jiangsu", "Jiangsu",
     "Province chinoise où le Val-d'Oise accompagne les relations internationales de ses "
     "universités."),
    # An association's project (not a member's partner)
    ("NI-laguna-de-perlas", "partner_city", "Laguna de Perlas", "Pearl Lagoon",
     "Commune de la côte caraïbe du Nicaragua où l'association ER & DE a équipé deux écoles en "
     "énergie éolienne et solaire, avec une subvention régionale de 10 000 € votée en 2006."),
]

# -- Partnerships: (member, territory, kind, since_year, dormant, summary) -----------

_ZONE = "Zone de coopération décentralisée de la Région"
_MALI_91 = ("Projet de renforcement de la gouvernance, du potentiel fiscal et des capacités des "
            "collectivités, dont l'Essonne est chef de file et autorité de gestion, avec une "
            "quinzaine de collectivités franciliennes dont la Région.")
_MALI_IDF = "La Région participe au projet conduit par l'Essonne, chef de file."
_PALESTINE = ("Eau et assainissement, équipements sportifs et lecture publique, dans un protocole "
              "conduit par la Seine-Saint-Denis en partenariat avec le Val-de-Marne.")

PARTNERSHIPS = [
    ("IDF", "SN-dakar", "decentralised", None, False, f"{_ZONE} : santé (CRIPS), culture, chantiers de jeunes."),
    ("IDF", "VN-hanoi", "decentralised", None, False, f"{_ZONE} : tourisme, urbanisme, mobilité (Mobil'Asie), projet A.V.E.C sur les métiers de l'eau."),
    ("IDF", "CL-santiago", "decentralised", None, False, f"{_ZONE} : tourisme rural, urbanisme, prévention du sida."),
    ("IDF", "MG-antananarivo", "decentralised", None, False, f"{_ZONE} : tourisme et patrimoine de la Haute Ville."),
    ("IDF", "AM-erevan", "decentralised", None, False, f"{_ZONE} : marque de territoire."),
    ("IDF", "LB-beyrouth", "decentralised", None, False, f"{_ZONE} : projets urbains avec l'IAU."),
    ("IDF", "MR-nouakchott", "decentralised", None, False, f"{_ZONE} : prévention du sida."),
    ("IDF", "BR-sao-paulo", "decentralised", None, False, f"{_ZONE} : projet théâtral des Chantiers solidarité."),
    ("IDF", "CA-quebec", "decentralised", None, False, f"{_ZONE} : mobilité des jeunes (Mobil'Québec)."),
    ("IDF", "ML-diema", "programme", None, False, _MALI_IDF),
    ("IDF", "ML-douentza", "programme", None, False, _MALI_IDF),
    ("IDF", "ML-nioro-du-sahel", "programme", None, False, _MALI_IDF),
    ("91", "CN-wuhan", "decentralised", 2007, False, "Partenariats universitaires (étudiants, chercheurs) et économiques (clusters, PME, transferts de technologie)."),
    ("91", "CA-chaudiere-appalaches", "decentralised", 2010, False, "Éco-activités et filière déchets."),
    ("91", "ML-diema", "decentralised", 2003, False, _MALI_91),
    ("91", "ML-douentza", "decentralised", 2003, False, _MALI_91),
    ("91", "ML-nioro-du-sahel", "decentralised", 2003, False, _MALI_91),
    ("91", "HT", "decentralised", 2012, False, "Trois communes du Sud et des Nippes : services publics de traitement des déchets."),
    ("93", "MA-figuig", "decentralised", None, False, "Éducation, prévention sanitaire, eau et assainissement, filière équitable des dattes, artisanat ; actions coordonnées avec la ville de Stains."),
    ("93", "BR-guarulhos", "decentralised", None, False, "Coopération tripartite avec Matola (Mozambique)."),
    ("93", "MZ-matola", "decentralised", None, False, "Éducation, compétences locales, urbanisme, gestion des déchets, échanges culturels ; coopération tripartite avec Guarulhos."),
    ("93", "VN-hai-duong", "decentralised", None, False, "Développement économique, eau et assainissement, échanges inter-hospitaliers, patrimoine ; projet A.V.E.C avec la Région."),
    ("93", "PS-jenin", "decentralised", None, False, _PALESTINE),
    ("93", "PS-qalqilya", "decentralised", None, False, _PALESTINE),
    ("93", "PS-tulkarem", "decentralised", None, False, _PALESTINE),
    ("93", "KM-ngazidja", "decentralised", None, False, "Appui au développement local avec l'Association des maires de Ngazidja."),
    ("93", "IL-akko", "decentralised", None, False, "Sauvegarde du patrimoine et échanges culturels."),
    ("93", "TR-istanbul", "programme", None, False, "Partenariat européen Comenius Regio avec l'Académie d'Istanbul sur le décrochage scolaire."),
    ("93", "GA-ogooue-maritime", "decentralised", None, True, "Protocole arrivé à son terme, non formellement clos, aujourd'hui en sommeil."),
    ("93", "PT-setubal", "programme", None, True, "Partenariat européen avec l'Association des villes portugaises de la région de Setúbal, en sommeil."),
    ("94", "PS-jenin", "decentralised", None, False, _PALESTINE),
    ("94", "PS-qalqilya", "decentralised", None, False, _PALESTINE),
    ("94", "PS-tulkarem", "decentralised", None, False, _PALESTINE),
    ("94", "VN", "programme", None, False, "Programme de coopération au Vietnam et projet A.V.E.C (formation aux métiers de l'eau et de l'assainissement), partagé avec la Région et la Seine-Saint-Denis."),
    ("94", "ZA", "decentralised", None, False, "Programme de coopération décentralisée avec une autorité locale sud-africaine."),
    ("94", "SV", "decentralised", None, False, "Programme de coopération décentralisée avec une autorité locale salvadorienne."),
    ("94", "NE", "decentralised", None, False, "Programme de coopération décentralisée avec une autorité locale nigérienne."),
    ("94", "CN-nanning", "economic", None, False, "Partenariat économique : club Chine et agence de développement économique."),
    ("78", "BJ", "decentralised", None, False, "Accord de coopération décentralisée (développement local)."),
    ("78", "CG", "decentralised", None, False, "Accord de coopération décentralisée ; partenariat de l'hôpital local de Houdan."),
    ("78", "LB", "decentralised", None, False, "Accord de coopération décentralisée, avec la CCI, l'université de Versailles Saint-Quentin et des acteurs du tourisme yvelinois."),
    ("78", "ML", "decentralised", None, False, "Accord de coopération décentralisée (développement local)."),
    ("78", "SN", "decentralised", None, False, "Accord de coopération décentralisée (développement local)."),
    ("78", "TG", "decentralised", None, False, "Accord de coopération décentralisée, avec ConvoiExceptionnel et Bibliothèques sans frontières."),
    ("78", "MA", "decentralised", None, True, "Accord non poursuivi en 2010."),
    ("92", "AM-tavush", "decentralised", None, False, "Solidarité internationale dans la région du Tavush."),
    ("92", "HT", "decentralised", None, False, "Départements du Nord, du Sud, du Sud-Est et de la Grande-Anse."),
    ("92", "ML-gourma-rharous", "decentralised", None, False, "Coopération avec le cercle de Gourma-Rharous."),
    ("92", "ML-dioila", "decentralised", None, False, "Coopération avec le cercle de Dioïla."),
    ("92", "BJ", "decentralised", None, False, "Coopération au Bénin."),
    ("92", "KH-banteay-meanchey", "decentralised", None, False, "Coopération avec la province de Banteay Meanchey."),
    ("92", "KH-siem-reap", "decentralised", None, False, "Coopération avec la province de Siem Reap."),
    ("95", "JP-osaka", "economic", 1988, False, "Partenariat économique devenu plus large (universités, culture, tourisme)."),
    ("95", "VN-an-giang", "decentralised", 2002, False, "Partenariat qui relève surtout de la coopération décentralisée."),
    ("95", "CN-wuxi", "economic", 2012, False, "Mémorandum signé en novembre 2012."),
    ("95", "CN-jiangsu", "economic", None, False, "Accompagnement des universités du Val-d'Oise dans la province."),
]

# -- Actors of the directory ----------------------------------------------------------
# dep: département code (None for an actor outside Île-de-France).


def _email(slug: str) -> str:
    return f"contact@{slug}.example.org"


ACTORS = [
    # Resource centres and networks
    {"name": "Via le monde", "kind": "centre_ressources", "dep": "93", "postal_code": "93000", "commune": "Bobigny",
     "description": "Centre de ressources du Département de la Seine-Saint-Denis pour la solidarité internationale, ouvert fin 2001. Il anime le réseau départemental des acteurs (plus de 1 200 contacts), propose des rendez-vous individuels, des formations, des séances de préparation au départ et des parcours d'éducation au développement. Son fonds documentaire, plus de 10 000 références, est le plus important d'Île-de-France dans ce domaine.",
     "themes": ["education-developpement", "jeunesse-mobilite", "gouvernance-locale"], "territories": [],
     "email": _email("via-le-monde"), "contact_public": True},
    {"name": "Centre de ressources essonnien de la solidarité internationale", "kind": "centre_ressources", "dep": "91",
     "postal_code": "91000", "commune": "Évry-Courcouronnes",
     "description": "Service public départemental créé en 2003 par l'Essonne. Il aide au montage de projets de développement durable, instruit les demandes de subvention et forme les porteurs de projets. Quelque 580 acteurs essonniens y sont référencés : associations, collectivités, EPCI, écoles.",
     "themes": ["education-developpement", "gouvernance-locale", "developpement-economique", "francophonie"],
     "territories": ["ML", "HT"], "email": _email("cresi-essonne"), "contact_public": True},
    {"name": "Réseau des associations pour la coopération internationale en Val de Seine", "acronym": "RACIVS",
     "kind": "reseau", "dep": "78", "postal_code": "78200", "commune": "Mantes-la-Jolie",
     "description": "Réseau d'associations yvelinoises de coopération internationale, encouragé par le Département des Yvelines. Il permet aux associations du Val de Seine d'échanger sur leurs projets et leurs pratiques.",
     "themes": ["gouvernance-locale", "education-developpement"], "territories": ["SN", "ML"],
     "email": _email("racivs"), "contact_public": False, "members_total": 24, "members_idf": 24},
    {"name": "France Volontaires", "kind": "reseau", "dep": "94", "postal_code": "94200", "commune": "Ivry-sur-Seine",
     "description": "Plateforme française du volontariat international d'échange et de solidarité, héritière de l'AFVP fondée en 1963. Elle mobilise des volontaires et les accompagne sur le terrain. Elle compte parmi ses partenaires franciliens les Départements des Yvelines et de l'Essonne et les villes de Guyancourt, Montgeron, Paris et Goussainville.",
     "themes": ["jeunesse-mobilite", "education-developpement"], "territories": ["SN", "MG", "VN"],
     "website": "https://www.france-volontaires.org", "email": _email("france-volontaires"), "contact_public": True},
    {"name": "Cités Unies France", "acronym": "CUF", "kind": "reseau", "dep": "75", "postal_code": "75018", "commune": "Paris",
     "description": "Association d'élus qui fédère les collectivités territoriales françaises engagées dans la coopération internationale ; branche française de Cités et gouvernements locaux unis. Elle coordonne les levées de fonds des collectivités lors des urgences humanitaires et a organisé avec la Région un colloque au Sénat en 2009.",
     "themes": ["gouvernance-locale", "aide-urgence"], "territories": ["HT"],
     "website": "https://cites-unies-france.org", "email": _email("cites-unies-france"), "contact_public": True},
    {"name": "Hauts-de-Seine International", "kind": "reseau", "dep": "92", "postal_code": "92000", "commune": "Nanterre",
     "description": "Réseau créé en 1989 autour du Département des Hauts-de-Seine, qui rassemble les partenaires publics de l'appui à l'export (CCI, chambre de métiers, CGPME, Medef, Coface, Ubifrance...). Il propose chaque année un programme d'actions concertées pour les entreprises.",
     "themes": ["developpement-economique"], "territories": [],
     "email": _email("hauts-de-seine-international"), "contact_public": False},
    {"name": "Île-de-France Europe", "acronym": "IdFE", "kind": "autre", "dep": None, "postal_code": None, "commune": "Bruxelles",
     "description": "Représentation permanente de l'Île-de-France à Bruxelles. L'association fait redescendre l'information européenne vers les collectivités franciliennes, les accompagne dans leurs projets européens et assure une veille sur les aides à la coopération pour les Départements qui y adhèrent.",
     "themes": ["gouvernance-locale"], "territories": [],
     "email": _email("ile-de-france-europe"), "contact_public": True},
    {"name": "Chambre régionale de métiers et de l'artisanat d'Île-de-France", "kind": "autre", "dep": "75",
     "postal_code": "75012", "commune": "Paris",
     "description": "Elle anime le réseau export des huit chambres départementales de métiers et de l'artisanat d'Île-de-France et travaille avec les partenaires de l'export (Coface, INPI, Douanes, Ateliers d'Art de France...). Elle souhaite rejoindre la convention régionale pour l'export.",
     "themes": ["developpement-economique"], "territories": ["DE", "IT", "US", "CA", "AE"],
     "email": _email("crma-idf"), "contact_public": False},
    {"name": "Centre de recherche et d'information pour le développement", "acronym": "CRID", "kind": "reseau", "dep": "75",
     "postal_code": "75010", "commune": "Paris",
     "description": "Collectif d'associations de solidarité internationale. Partenaire documentaire de Via le monde, il porte des campagnes d'éducation à la citoyenneté et à la solidarité internationale.",
     "themes": ["education-developpement", "droits-humains-paix"], "territories": [],
     "website": "https://www.crid.asso.fr", "email": _email("crid"), "contact_public": True},
    {"name": "Programme Solidarité Eau", "acronym": "pS-Eau", "kind": "reseau", "dep": "75", "postal_code": "75009", "commune": "Paris",
     "description": "Réseau d'acteurs de l'eau et de l'assainissement dans les pays en développement. Il informe et accompagne les collectivités qui mobilisent le « 1 % eau » et les associations porteuses de projets. Via le monde travaille avec lui pour sa documentation.",
     "themes": ["eau-assainissement"], "territories": ["ML", "SN", "MG"],
     "website": "https://www.pseau.org", "email": _email("pseau"), "contact_public": True},
    {"name": "Groupement d'intérêt scientifique pour l'étude de la mondialisation et du développement", "acronym": "GEMDEV",
     "kind": "enseignement", "dep": "75", "postal_code": "75005", "commune": "Paris",
     "description": "Groupement de chercheurs sur la mondialisation et le développement, partenaire de recherche de Via le monde.",
     "themes": ["education-developpement"], "territories": [], "email": _email("gemdev"), "contact_public": False},
    # Associations
    {"name": "Energie renouvelable et développement équitable", "acronym": "ER & DE", "kind": "association", "dep": "75",
     "postal_code": "75011", "commune": "Paris",
     "description": "Association francilienne qui soutient des projets de production d'électricité pour des communautés démunies des pays émergents, en favorisant le transfert de technologie. En 2006, la Région lui a accordé 10 000 € pour équiper deux écoles de Laguna de Perlas (Nicaragua) en énergie éolienne et solaire. Elle s'est engagée à sensibiliser les lycéens et étudiants franciliens aux énergies propres.",
     "themes": ["environnement-climat", "education", "education-developpement"], "territories": ["NI", "NI-laguna-de-perlas"],
     "email": _email("erde"), "contact_public": True, "members_total": 48, "members_idf": 35},
    {"name": "Chœur régional Vittoria d'Île-de-France", "acronym": "Chœur Vittoria", "kind": "association", "dep": "75",
     "postal_code": "75013", "commune": "Paris",
     "description": "Chœur d'oratorio créé en 1987 à l'initiative de la Région, qui réunit des choristes amateurs confirmés. Soutenu par la Région, il s'est produit en 2012 avec des acteurs culturels dakarois.",
     "themes": ["culture-patrimoine"], "territories": ["SN-dakar"],
     "email": _email("choeur-vittoria"), "contact_public": True, "members_total": 65, "members_idf": 63},
    {"name": "Festival d'Île-de-France", "kind": "association", "dep": "75", "postal_code": "75010", "commune": "Paris",
     "description": "Festival de musique soutenu par la Région, qui accueille des artistes du monde entier, promeut les « musiques du monde » et organise des résidences croisées de création, notamment avec un compositeur libanais.",
     "themes": ["culture-patrimoine"], "territories": ["LB"], "email": _email("festival-idf"), "contact_public": True},
    {"name": "Association Jean Monnet", "kind": "association", "dep": "78", "postal_code": "78490", "commune": "Bazoches-sur-Guyonne",
     "description": "Association qui fait vivre la mémoire de Jean Monnet. Chaque année, par convention avec la Région, elle conduit un programme de sensibilisation des lycéens franciliens à l'histoire et à l'actualité européennes.",
     "themes": ["education", "jeunesse-mobilite"], "territories": [], "email": _email("association-jean-monnet"), "contact_public": False},
    {"name": "Bibliothèques sans frontières", "acronym": "BSF", "kind": "association", "dep": "78", "postal_code": "78680", "commune": "Épône",
     "description": "ONG qui facilite l'accès au livre et à la culture ; sa base logistique d'Épône trie et redistribue des ouvrages. Elle a été partenaire du Département des Yvelines dans sa coopération avec le Togo.",
     "themes": ["education", "culture-patrimoine"], "territories": ["TG"],
     "website": "https://www.bibliosansfrontieres.org", "email": _email("bibliotheques-sans-frontieres"), "contact_public": True},
    {"name": "ConvoiExceptionnel", "kind": "association", "dep": "78", "postal_code": "78000", "commune": "Versailles",
     "description": "Association yvelinoise partenaire du Département des Yvelines dans sa coopération décentralisée avec le Togo.",
     "themes": ["education"], "territories": ["TG"], "email": _email("convoiexceptionnel"), "contact_public": False,
     "members_total": 30, "members_idf": 26},
    {"name": "Groupe de recherche et de réalisations pour le développement rural", "acronym": "GRDR", "kind": "association", "dep": "93",
     "postal_code": "93100", "commune": "Montreuil",
     "description": "Association de solidarité internationale qui accompagne le développement local des régions d'origine des migrants, notamment dans le bassin du fleuve Sénégal, et l'engagement des diasporas en France. Partenaire de Via le monde pour la documentation.",
     "themes": ["agriculture-alimentation", "gouvernance-locale", "developpement-economique"], "territories": ["SN", "ML", "MR"],
     "website": "https://grdr.org", "email": _email("grdr"), "contact_public": True, "members_total": 120, "members_idf": 70},
    {"name": "Groupe de recherche et d'échanges technologiques", "acronym": "GRET", "kind": "association", "dep": "94",
     "postal_code": "94130", "commune": "Nogent-sur-Marne",
     "description": "ONG de développement qui conduit des projets de terrain et de recherche (eau, agriculture, microfinance, politiques publiques). Partenaire de recherche de Via le monde.",
     "themes": ["eau-assainissement", "agriculture-alimentation", "developpement-economique"], "territories": ["MG", "MR", "VN", "KH"],
     "website": "https://gret.org", "email": _email("gret"), "contact_public": True},
    {"name": "Association internationale des techniciens, experts et chercheurs", "acronym": "AITEC", "kind": "association", "dep": "75",
     "postal_code": "75011", "commune": "Paris",
     "description": "Réseau de professionnels et de chercheurs engagé sur l'urbanisme, le logement et les services publics. Partenaire documentaire de Via le monde.",
     "themes": ["urbanisme", "droits-humains-paix"], "territories": [], "email": _email("aitec"), "contact_public": False},
    {"name": "Centre régional d'information et de prévention du sida et pour la santé des jeunes", "acronym": "CRIPS Île-de-France",
     "kind": "association", "dep": "75", "postal_code": "75015", "commune": "Paris",
     "description": "Organisme associé de la Région qui sensibilise tous les publics et forme les professionnels à la prévention du sida. Il appuie la coopération décentralisée de la Région, en particulier avec le CRIAPS de Santiago du Chili, à Dakar et à Nouakchott.",
     "themes": ["sante", "jeunesse-mobilite"], "territories": ["CL-santiago", "SN-dakar", "MR-nouakchott"],
     "email": _email("crips-idf"), "contact_public": True},
    # OSIM (diaspora federations, Yvelines)
    {"name": "Fédération des associations pour le développement de la Région de Matam", "kind": "osim", "dep": "78",
     "postal_code": "78130", "commune": "Les Mureaux",
     "description": "Fédération d'associations de ressortissants de la région de Matam (Sénégal) installés dans les Yvelines. Elle fait partie des réseaux d'associations que le Département des Yvelines encourage.",
     "themes": ["gouvernance-locale", "eau-assainissement", "education"], "territories": ["SN"],
     "email": _email("federation-matam"), "contact_public": False, "members_total": 18, "members_idf": 18},
    {"name": "Fédération des associations pour le développement de la Région de Tambacounda", "kind": "osim", "dep": "78",
     "postal_code": "78200", "commune": "Mantes-la-Jolie",
     "description": "Fédération d'associations de ressortissants de la région de Tambacounda (Sénégal) dans les Yvelines, encouragée par le Département.",
     "themes": ["gouvernance-locale", "sante", "agriculture-alimentation"], "territories": ["SN"],
     "email": _email("federation-tambacounda"), "contact_public": True, "members_total": 12, "members_idf": 12},
    {"name": "Union pour le développement de Podor", "kind": "osim", "dep": "78", "postal_code": "78190", "commune": "Trappes",
     "description": "Union d'associations de ressortissants du département de Podor (Sénégal) dans les Yvelines, citée parmi les réseaux que le Département encourage.",
     "themes": ["agriculture-alimentation", "education"], "territories": ["SN"],
     "email": _email("union-podor"), "contact_public": False, "members_total": 9, "members_idf": 9},
    # Schools, universities and research
    {"name": "Conférence des grandes écoles", "acronym": "CGE", "kind": "enseignement", "dep": "75", "postal_code": "75007", "commune": "Paris",
     "description": "Association de grandes écoles créée en 1973, dotée depuis 1981 d'une commission des relations internationales. Elle coordonne l'action internationale de ses écoles membres, travaille avec CampusFrance et accueille 14 universités étrangères parmi ses membres.",
     "themes": ["education", "jeunesse-mobilite"], "territories": ["BR", "CL", "SN", "CN", "VN", "IN"],
     "website": "https://www.cge.asso.fr", "email": _email("cge"), "contact_public": True},
    {"name": "Université d'Évry", "kind": "enseignement", "dep": "91", "postal_code": "91000", "commune": "Évry-Courcouronnes",
     "description": "Université partenaire du Département de l'Essonne pour la mobilité internationale des étudiants et la sensibilisation des Essonniens aux déséquilibres mondiaux. Elle participe aux échanges d'étudiants et de chercheurs avec Wuhan.",
     "themes": ["education", "jeunesse-mobilite"], "territories": ["CN-wuhan"],
     "website": "https://www.univ-evry.fr", "email": _email("univ-evry"), "contact_public": False},
    {"name": "Université Paris-Saclay", "kind": "enseignement", "dep": "91", "postal_code": "91190", "commune": "Gif-sur-Yvette",
     "description": "Héritière de l'université Paris-Sud, partenaire du Département de l'Essonne pour la mobilité internationale des étudiants et la mobilisation de la communauté universitaire sur les projets de coopération.",
     "themes": ["education", "jeunesse-mobilite"], "territories": ["CN-wuhan"], "email": _email("universite-paris-saclay"), "contact_public": False},
    {"name": "École nationale vétérinaire d'Alfort", "acronym": "EnvA", "kind": "enseignement", "dep": "94", "postal_code": "94700", "commune": "Maisons-Alfort",
     "description": "École vétérinaire partenaire du Val-de-Marne dans ses actions internationales, qui apporte son expertise en santé animale et en agriculture.",
     "themes": ["agriculture-alimentation", "sante"], "territories": [],
     "website": "https://www.vet-alfort.fr", "email": _email("vet-alfort"), "contact_public": False},
    {"name": "Université Paris 8 Vincennes-Saint-Denis", "acronym": "Paris 8", "kind": "enseignement", "dep": "93", "postal_code": "93200", "commune": "Saint-Denis",
     "description": "Université partenaire de Via le monde pour ses ressources sur la coopération et la solidarité internationale.",
     "themes": ["education", "education-developpement"], "territories": [], "email": _email("paris8"), "contact_public": False},
    {"name": "Université Sorbonne Paris Nord", "acronym": "Paris 13", "kind": "enseignement", "dep": "93", "postal_code": "93430", "commune": "Villetaneuse",
     "description": "Ancienne université Paris 13, partenaire de Via le monde pour ses ressources sur le développement.",
     "themes": ["education", "education-developpement"], "territories": [], "email": _email("sorbonne-paris-nord"), "contact_public": False},
    {"name": "Institut de recherche pour le développement, centre Île-de-France", "acronym": "IRD", "kind": "enseignement", "dep": "93",
     "postal_code": "93140", "commune": "Bondy",
     "description": "Centre francilien de l'organisme public de recherche sur les pays du Sud, partenaire de recherche de Via le monde.",
     "themes": ["sante", "environnement-climat", "education-developpement"], "territories": ["SN", "MG", "VN"],
     "website": "https://www.ird.fr", "email": _email("ird-idf"), "contact_public": False},
    {"name": "Cité internationale universitaire de Paris", "acronym": "CIUP", "kind": "enseignement", "dep": "75", "postal_code": "75014", "commune": "Paris",
     "description": "Elle abrite le Bureau régional d'accueil des chercheurs étrangers (BRACE), avec lequel la Région améliore l'accueil et le logement des chercheurs et étudiants étrangers. La Région y a construit la Maison de l'Île-de-France.",
     "themes": ["education", "jeunesse-mobilite"], "territories": [], "website": "https://www.ciup.fr", "email": _email("ciup"), "contact_public": True},
    {"name": "CY Cergy Paris Université", "kind": "enseignement", "dep": "95", "postal_code": "95000", "commune": "Cergy",
     "description": "Héritière de l'université de Cergy-Pontoise, liée au Val-d'Oise par une convention qui favorise la mobilité étudiante au Japon ; accompagnée par le Département dans ses relations avec Osaka, An Giang et le Jiangsu.",
     "themes": ["education", "jeunesse-mobilite"], "territories": ["JP-osaka", "VN-an-giang", "CN-jiangsu"],
     "email": _email("cyu"), "contact_public": False},
    {"name": "Université de Versailles Saint-Quentin-en-Yvelines", "acronym": "UVSQ", "kind": "enseignement", "dep": "78",
     "postal_code": "78000", "commune": "Versailles",
     "description": "Université associée à la coopération du Département des Yvelines avec le Liban.",
     "themes": ["education"], "territories": ["LB"], "email": _email("uvsq"), "contact_public": False},
    # Collectivités
    {"name": "Ville de Stains", "kind": "collectivite", "dep": "93", "postal_code": "93240", "commune": "Stains",
     "description": "Commune de Seine-Saint-Denis en coopération avec la ville marocaine de Figuig. Certaines actions sont coordonnées avec le Département, lui aussi partenaire de Figuig.",
     "themes": ["gouvernance-locale", "eau-assainissement", "education"], "territories": ["MA-figuig"],
     "email": _email("ville-stains"), "contact_public": True},
    {"name": "Ville de Fontenay-sous-Bois", "kind": "collectivite", "dep": "94", "postal_code": "94120", "commune": "Fontenay-sous-Bois",
     "description": "Commune du Val-de-Marne citée parmi les partenaires du Département dans son action internationale.",
     "themes": ["gouvernance-locale"], "territories": [], "email": _email("ville-fontenay-sous-bois"), "contact_public": True},
    {"name": "Ville de Fresnes", "kind": "collectivite", "dep": "94", "postal_code": "94260", "commune": "Fresnes",
     "description": "Commune du Val-de-Marne citée parmi les partenaires du Département dans son action internationale.",
     "themes": ["gouvernance-locale"], "territories": [], "email": _email("ville-fresnes"), "contact_public": False},
    {"name": "Ville de Guyancourt", "kind": "collectivite", "dep": "78", "postal_code": "78280", "commune": "Guyancourt",
     "description": "Commune des Yvelines partenaire de France Volontaires pour la mobilisation de volontaires à l'international.",
     "themes": ["jeunesse-mobilite", "gouvernance-locale"], "territories": [], "email": _email("ville-guyancourt"), "contact_public": True},
    {"name": "Ville de Montgeron", "kind": "collectivite", "dep": "91", "postal_code": "91230", "commune": "Montgeron",
     "description": "Commune de l'Essonne partenaire de France Volontaires pour la mobilisation de volontaires à l'international.",
     "themes": ["jeunesse-mobilite", "gouvernance-locale"], "territories": [], "email": _email("ville-montgeron"), "contact_public": False},
    {"name": "Ville de Goussainville", "kind": "collectivite", "dep": "95", "postal_code": "95190", "commune": "Goussainville",
     "description": "Commune du Val-d'Oise partenaire de France Volontaires pour la mobilisation de volontaires à l'international.",
     "themes": ["jeunesse-mobilite", "gouvernance-locale"], "territories": [], "email": _email("ville-goussainville"), "contact_public": True},
    {"name": "Ville de Paris", "kind": "collectivite", "dep": "75", "postal_code": "75004", "commune": "Paris",
     "description": "La Ville de Paris conduit sa propre action internationale ; elle est partenaire de France Volontaires et soutient le Chœur Vittoria. Paris n'est pas membre du réseau Île-de-France International.",
     "themes": ["gouvernance-locale", "culture-patrimoine"], "territories": [],
     "website": "https://www.paris.fr", "email": _email("ville-paris"), "contact_public": True},
    # Public bodies and other organisations
    {"name": "Syndicat interdépartemental pour l'assainissement de l'agglomération parisienne", "acronym": "SIAAP", "kind": "autre",
     "dep": "75", "postal_code": "75012", "commune": "Paris",
     "description": "Service public de l'assainissement de l'agglomération parisienne, partenaire régulier des projets eau et assainissement de la Seine-Saint-Denis et du Val-de-Marne, au titre du « 1 % eau ».",
     "themes": ["eau-assainissement"], "territories": ["VN-hai-duong", "PS"],
     "website": "https://www.siaap.fr", "email": _email("siaap"), "contact_public": False},
    {"name": "Agence de l'eau Seine-Normandie", "kind": "autre", "dep": "92", "postal_code": "92000", "commune": "Nanterre",
     "description": "Établissement public de l'État qui peut consacrer jusqu'à 1 % de son budget à des actions de solidarité internationale dans l'eau et l'assainissement ; partenaire du Val-de-Marne.",
     "themes": ["eau-assainissement", "environnement-climat"], "territories": [],
     "website": "https://www.eau-seine-normandie.fr", "email": _email("aesn"), "contact_public": False},
    {"name": "Eau de Paris", "kind": "autre", "dep": "75", "postal_code": "75014", "commune": "Paris",
     "description": "Régie municipale de l'eau de Paris, citée parmi les partenaires du Val-de-Marne pour la coopération dans l'eau.",
     "themes": ["eau-assainissement"], "territories": [],
     "website": "https://www.eaudeparis.fr", "email": _email("eau-de-paris"), "contact_public": False},
    {"name": "Chambre de commerce et d'industrie de Seine-Saint-Denis", "acronym": "CCI 93", "kind": "autre", "dep": "93",
     "postal_code": "93000", "commune": "Bobigny",
     "description": "Associée au suivi des échanges économiques de la Seine-Saint-Denis avec ses partenaires, en particulier au Vietnam.",
     "themes": ["developpement-economique"], "territories": ["VN-hai-duong"], "email": _email("cci93"), "contact_public": False},
    {"name": "L'Institut Paris Region", "kind": "autre", "dep": "75", "postal_code": "75015", "commune": "Paris",
     "description": "Ancien Institut d'aménagement et d'urbanisme d'Île-de-France (IAU). Il apporte son expertise aux projets de coopération décentralisée de la Région, à Beyrouth, Santiago du Chili et Hanoï : réhabilitation de quartiers, déplacements doux, espaces verts, schémas directeurs.",
     "themes": ["urbanisme", "environnement-climat"], "territories": ["LB-beyrouth", "CL-santiago", "VN-hanoi"],
     "website": "https://www.institutparisregion.fr", "email": _email("institut-paris-region"), "contact_public": True},
    {"name": "Comité régional du tourisme Paris Île-de-France", "acronym": "CRT", "kind": "autre", "dep": "75", "postal_code": "75009", "commune": "Paris",
     "description": "Il conseille les collectivités partenaires de la Région : mise en tourisme du village de Duong Lam et formation de guides à Hanoï, valorisation de la Haute Ville d'Antananarivo, stratégie touristique rurale à Santiago du Chili, marque de territoire à Erevan.",
     "themes": ["culture-patrimoine", "developpement-economique"], "territories": ["VN-hanoi", "MG-antananarivo", "CL-santiago", "AM-erevan"],
     "email": _email("crt-idf"), "contact_public": False},
    {"name": "Genopole", "kind": "autre", "dep": "91", "postal_code": "91000", "commune": "Évry-Courcouronnes",
     "description": "Biocluster essonnien qui, avec le soutien de la Région, aide à la prospection internationale des entreprises de biotechnologie, notamment vers la Chine et le site de Blolake à Wuhan.",
     "themes": ["developpement-economique"], "territories": ["CN-wuhan"],
     "website": "https://www.genopole.fr", "email": _email("genopole"), "contact_public": False},
    {"name": "Hôpital local de Houdan", "kind": "autre", "dep": "78", "postal_code": "78550", "commune": "Houdan",
     "description": "Établissement de santé associé à la coopération du Département des Yvelines avec le Congo-Brazzaville.",
     "themes": ["sante"], "territories": ["CG"], "email": _email("hopital-houdan"), "contact_public": False},
    {"name": "Magic cinéma", "kind": "autre", "dep": "93", "postal_code": "93000", "commune": "Bobigny",
     "description": "Cinéma de Bobigny qui accueille les « cinés-midis » de Via le monde : des séances de sensibilisation à l'interculturel et à la solidarité pour les agents départementaux.",
     "themes": ["culture-patrimoine", "education-developpement"], "territories": [], "email": _email("magic-cinema"), "contact_public": True},
    {"name": "Agence française de développement", "acronym": "AFD", "kind": "autre", "dep": "75", "postal_code": "75012", "commune": "Paris",
     "description": "Opérateur public de l'aide au développement. Depuis 2014, sa facilité FICOL finance directement des projets de coopération des collectivités territoriales françaises.",
     "themes": ["gouvernance-locale", "developpement-economique", "environnement-climat"], "territories": [],
     "website": "https://www.afd.fr", "email": _email("afd"), "contact_public": True},
    {"name": "Coop'dec Conseil", "kind": "entreprise", "dep": "75", "postal_code": "75010", "commune": "Paris",
     "description": "Cabinet de conseil en coopération décentralisée. Une de ses études a montré que la Seine-Saint-Denis est, hors Paris, le département francilien qui compte le plus d'associations de solidarité internationale.",
     "themes": ["gouvernance-locale"], "territories": [], "email": _email("coopdec-conseil"), "contact_public": False},
]

# -- Funding schemes ------------------------------------------------------------------
# funder: a member code, or None with funder_name. Amounts in euros (converted to cents
# by the loader). territories: French side ("IDF", "91"...) and partner side.

_L1115 = "Article L1115-1 du CGCT"
_ZONES = ["SN-dakar", "VN-hanoi", "CL-santiago", "MG-antananarivo", "AM-erevan", "LB-beyrouth",
          "MR-nouakchott", "BR-sao-paulo", "CA-quebec"]
_ILLUSTRATIVE = "Les montants indiqués sont illustratifs."

SCHEMES = [
    # Région Île-de-France
    {"name": "AMIE – Aide à la mobilité internationale des étudiants franciliens", "funder": "IDF",
     "summary": "Une aide régionale pour les étudiants franciliens qui partent étudier ou faire un stage à l'étranger.",
     "description": "Le dispositif s'adresse aux étudiants inscrits en BTS, licence, master ou doctorat dans un établissement francilien. Il fait partie de l'engagement de la Région pour la mobilité des jeunes : plus de 20 000 jeunes Franciliens partent chaque année à l'étranger.",
     "beneficiaries": ["etudiant"], "themes": ["jeunesse-mobilite", "education"], "territories": ["IDF"],
     "recurrence": "annual", "window": (-60, 120)},
    {"name": "Mobil'Asie", "funder": "IDF",
     "summary": "Programme régional de mobilité des jeunes vers Hanoï, zone de coopération de la Région.",
     "description": "Mobil'Asie fait partie des programmes de mobilité que la Région pilote à destination de ses zones de coopération décentralisée. Il permet à de jeunes Franciliens en formation ou en voie de professionnalisation d'effectuer un séjour à Hanoï.",
     "beneficiaries": ["jeune", "etudiant", "apprenti"], "themes": ["jeunesse-mobilite"], "territories": ["IDF", "VN-hanoi"],
     "recurrence": "annual", "window": (-30, 60)},
    {"name": "Mobil'Québec", "funder": "IDF",
     "summary": "Programme régional de mobilité des jeunes vers le Québec.",
     "description": "Mobil'Québec permet à de jeunes Franciliens en formation ou en recherche d'emploi d'acquérir une expérience professionnelle au Québec. La Région mène ses actions de mobilité en partenariat notamment avec l'Office franco-québécois pour la jeunesse.",
     "beneficiaries": ["jeune", "apprenti"], "themes": ["jeunesse-mobilite"], "territories": ["IDF", "CA-quebec"],
     "recurrence": "annual", "window": (-30, 75)},
    {"name": "Chantiers solidarité", "funder": "IDF",
     "summary": "Soutien aux chantiers internationaux de jeunes conduits par des associations franciliennes dans une zone de coopération de la Région.",
     "description": "Trois conditions cumulatives : le projet est conduit par une association d'Île-de-France ; il implique des jeunes issus d'un territoire classé en politique de la ville ; il se déroule dans une zone de coopération décentralisée de la Région. Neuf projets ont été financés en 2012 : construction ou rénovation d'établissements éducatifs à Dakar et Hanoï, projet théâtral à São Paulo. " + _ILLUSTRATIVE,
     "beneficiaries": ["association"], "themes": ["jeunesse-mobilite", "education", "culture-patrimoine"], "territories": ["IDF", *_ZONES],
     "amount_max": 15_000, "max_rate": 50, "legal_basis": _L1115, "recurrence": "annual", "window": (-45, 40),
     "conditions": "Le projet est conduit par une association d'Île-de-France.\n"
                   "Il implique des jeunes issus d'un territoire classé en politique de la ville.\n"
                   "Il se déroule dans une zone de coopération décentralisée de la Région.",
     "how_to_apply": "Déposez la demande sur la plateforme des aides régionales avant la date limite.\n\n"
                     "Le service des affaires internationales vérifie l'éligibilité, puis la commission permanente vote la subvention.",
     "documents": "Règlement d'intervention | https://www.iledefrance.fr/\n"
                  "Budget prévisionnel du chantier\nListe des jeunes participants et de leurs quartiers",
     "contact_name": "Service des affaires internationales de la Région",
     "contact_email": "chantiers-solidarite@example.org"},
    {"name": "Eurodyssée", "funder": "IDF",
     "summary": "Stages professionnels en Europe pour les jeunes, dans le programme de l'Assemblée des régions d'Europe.",
     "description": "La Région soutient Eurodyssée, le programme d'échanges de l'Assemblée des régions d'Europe : de jeunes demandeurs d'emploi effectuent un stage dans une autre région européenne, avec une formation linguistique.",
     "beneficiaries": ["jeune"], "themes": ["jeunesse-mobilite"], "territories": ["IDF"],
     "recurrence": "annual", "window": (-20, 150)},
    {"name": "Mobil'Acess", "funder": "IDF",
     "summary": "Programme régional de mobilité européenne et internationale pour les jeunes en voie de professionnalisation.",
     "description": "La Région pilote Mobil'Acess pour favoriser la mobilité et l'apprentissage des langues des publics en voie de professionnalisation : jeunes suivis par les missions locales, demandeurs d'emploi, apprentis.",
     "beneficiaries": ["jeune", "apprenti"], "themes": ["jeunesse-mobilite"], "territories": ["IDF"],
     "recurrence": "annual", "window": (-90, 90)},
    {"name": "Mobilité internationale des apprentis", "funder": "IDF",
     "summary": "Un séjour professionnel à l'étranger pour les apprentis des CFA franciliens.",
     "description": "En lien avec les CFA franciliens et dans le cadre du programme Eurostart, la Région incite les apprentis à la mobilité internationale et finance des partenariats qui ouvrent les centres de formation à l'international. Ce dispositif a permis à 9 600 jeunes Franciliens de réaliser un séjour professionnel à l'étranger, avec la Commission européenne, l'Office franco-allemand et l'Office franco-québécois pour la jeunesse.",
     "beneficiaries": ["apprenti", "enseignement"], "themes": ["jeunesse-mobilite"], "territories": ["IDF"],
     "recurrence": "permanent", "window": None},
    {"name": "Passeport Langues vivantes", "funder": "IDF",
     "summary": "Acquisition de nouvelles compétences linguistiques pour les élèves de BTS.",
     "description": "Ce programme régional aide les élèves de BTS des lycées franciliens à acquérir de nouvelles compétences en langues vivantes, une étape vers la mobilité internationale.",
     "beneficiaries": ["etudiant", "enseignement"], "themes": ["education", "jeunesse-mobilite"], "territories": ["IDF"],
     "recurrence": "annual", "window": (45, 150)},
    {"name": "Emplois-tremplin à vocation européenne ou internationale", "funder": "IDF",
     "summary": "Aide à la création d'emplois dans les associations franciliennes à vocation européenne ou internationale.",
     "description": "La Région soutient la création d'emplois-tremplin dans des associations franciliennes dont l'activité est européenne ou internationale. Sept emplois ont été créés ainsi en 2012.",
     "beneficiaries": ["association"], "themes": ["developpement-economique", "jeunesse-mobilite"], "territories": ["IDF"],
     "recurrence": "annual", "window": (-180, -45)},
    {"name": "Île-de-France, terre d'accueil", "funder": "IDF",
     "summary": "Soutien à l'accueil de délégations sportives étrangères francophones ou issues des zones de coopération de la Région.",
     "description": "Le dispositif aide les comités, fédérations et collectivités qui reçoivent des délégations sportives étrangères autour d'animations et de rencontres entre clubs. Onze délégations ont été accueillies en 2012, dans la perspective des Jeux olympiques.",
     "beneficiaries": ["association", "collectivite"], "themes": ["sport", "francophonie"], "territories": ["IDF", *_ZONES],
     "recurrence": "annual", "window": (-120, -10)},
    {"name": "PM'UP", "funder": "IDF",
     "summary": "Subventions et conseillers pour le développement international des PME-PMI franciliennes à fort potentiel.",
     "description": "Par le guichet unique de Paris Région Entreprises, PM'UP soutient les projets à l'export des PME-PMI : missions de conseil (étude de marché, recherche de partenaires, étude de faisabilité), extension internationale des brevets, recrutement de conseillers export, investissements matériels et immatériels. Une enquête menée en 2013 a interrogé 171 entreprises bénéficiaires.",
     "beneficiaries": ["entreprise"], "themes": ["developpement-economique"], "territories": ["IDF"],
     "recurrence": "permanent", "window": None},
    {"name": "Bourses Masters en Île-de-France", "funder": "IDF",
     "summary": "Aide à l'accueil d'étudiants étrangers en master dans les établissements franciliens.",
     "description": "Première région française pour l'accueil des chercheurs et étudiants étrangers, l'Île-de-France contribue financièrement à l'accueil d'étudiants étrangers de master, en lien avec le Bureau régional d'accueil des chercheurs étrangers de la Cité internationale universitaire.",
     "beneficiaries": ["etudiant", "enseignement"], "themes": ["education", "jeunesse-mobilite"], "territories": ["IDF"],
     "recurrence": "annual", "window": (-200, -30)},
    {"name": "Soutien aux centres de ressources de la solidarité internationale", "funder": "IDF",
     "summary": "Subvention régionale d'animation territoriale aux têtes de réseau départementales de la solidarité internationale.",
     "description": "Au titre de l'animation régionale, la Région soutient les centres de ressources qui accompagnent les acteurs de leur territoire. En 2012, une convention avec la Seine-Saint-Denis a apporté 50 500 € au travail de Via le monde : formations, ressources documentaires et une exposition sur 8 projets associatifs et les Objectifs du millénaire.",
     "beneficiaries": ["collectivite", "association"], "themes": ["education-developpement", "gouvernance-locale"], "territories": ["IDF"],
     "legal_basis": _L1115, "recurrence": "annual", "window": (-15, 100)},
    # Essonne
    {"name": "Soutien aux projets de solidarité internationale des acteurs essonniens", "funder": "91",
     "summary": "Subventions aux projets internationaux des acteurs de l'Essonne dans l'un des quatre domaines prioritaires du Département.",
     "description": "Tout projet international qui s'inscrit dans l'un des quatre domaines prioritaires est éligible : besoins fondamentaux de l'être humain (Objectifs du millénaire) ; développement économique des territoires partenaires et activités génératrices de revenus ; échanges culturels, sportifs, éducatifs et de savoirs ; soutien à la francophonie. Le Centre de ressources instruit les dossiers. " + _ILLUSTRATIVE,
     "beneficiaries": ["association", "collectivite", "enseignement"],
     "themes": ["sante", "education", "developpement-economique", "culture-patrimoine", "sport", "francophonie"],
     "territories": ["91"], "amount_max": 10_000, "max_rate": 50, "legal_basis": _L1115,
     "recurrence": "annual", "window": (-40, 50),
     "conditions": "Le porteur du projet a son siège ou une activité régulière en Essonne.\n"
                   "Le projet relève de l'un des quatre domaines prioritaires du Département.\n"
                   "Le projet est mené avec un partenaire local dans le pays concerné.\n"
                   "La subvention ne dépasse pas 50 % du coût total : un autre financement ou un apport propre complète le budget.",
     "how_to_apply": "Prenez contact avec le Centre de ressources essonnien de la solidarité internationale, qui vous aide à monter le projet.\n\n"
                     "Remplissez le dossier de demande et joignez les pièces demandées.\n\n"
                     "Déposez le dossier complet avant la date limite : le Centre de ressources l'instruit, puis la commission permanente du Département décide.",
     "documents": "Règlement d'intervention | https://www.essonne.fr/\n"
                  "Dossier de demande de subvention | https://www.essonne.fr/\n"
                  "Statuts de l'association et dernier rapport d'activité\n"
                  "Budget prévisionnel du projet, avec les cofinancements demandés",
     "contact_name": "Centre de ressources essonnien de la solidarité internationale",
     "contact_email": "solidarite-internationale@example.org"},
    {"name": "Accompagnement du Centre de ressources essonnien", "funder": "91",
     "summary": "Appui au montage de projets et formations pour les porteurs de projets essonniens.",
     "description": "Le Centre de ressources essonnien de la solidarité internationale conseille gratuitement les associations, collectivités, EPCI et écoles de l'Essonne pour monter leurs projets de développement durable et les forme tout au long de l'année.",
     "beneficiaries": ["association", "collectivite", "enseignement"], "themes": ["education-developpement", "gouvernance-locale"],
     "territories": ["91"], "recurrence": "permanent", "window": None},
    {"name": "Mobilité internationale des étudiants essonniens", "funder": "91",
     "summary": "Partenariats du Département avec les universités d'Évry et Paris-Saclay pour la mobilité internationale des étudiants.",
     "description": "Le Département a conclu des partenariats avec les universités pour soutenir la mobilité internationale des étudiants, mobiliser la communauté universitaire sur ses coopérations (notamment avec Wuhan) et sensibiliser les Essonniens aux déséquilibres internationaux.",
     "beneficiaries": ["enseignement", "etudiant"], "themes": ["jeunesse-mobilite", "education"], "territories": ["91", "CN-wuhan"],
     "recurrence": "annual", "window": (-15, 60)},
    # Seine-Saint-Denis
    {"name": "Appel à projets mobilité internationale des jeunes", "funder": "93",
     "summary": "Cofinancement de parcours de mobilité pour les jeunes en insertion professionnelle ou en apprentissage.",
     "description": "Le Service des affaires européennes du Département favorise l'accès des jeunes du territoire à l'autonomie et à la mobilité géographique et professionnelle. L'aide est attribuée par appel à projets ; l'enveloppe était de 30 000 € en 2010. " + _ILLUSTRATIVE,
     "beneficiaries": ["apprenti", "jeune", "association"], "themes": ["jeunesse-mobilite"], "territories": ["93"],
     "amount_max": 3_000, "recurrence": "annual", "window": (-21, 70)},
    {"name": "Financement des projets de solidarité internationale", "funder": "93",
     "summary": "Chaque année, 30 à 40 projets de solidarité internationale, expertisés avec Via le monde, reçoivent un financement départemental.",
     "description": "Via le monde accompagne les porteurs de projets de Seine-Saint-Denis ; les projets expertisés peuvent recevoir une subvention du Département. Les projets soutenus sont ensuite restitués lors de micro-rencontres. Le Département échange avec la Région sur les porteurs qui les sollicitent tous les deux. " + _ILLUSTRATIVE,
     "beneficiaries": ["association"], "themes": ["education-developpement", "sante", "eau-assainissement", "education"],
     "territories": ["93"], "amount_max": 8_000, "max_rate": 50, "legal_basis": _L1115,
     "recurrence": "annual", "window": (-50, 35),
     "conditions": "Le porteur du projet est une association de Seine-Saint-Denis.\n"
                   "Le projet a été présenté à Via le monde, qui l'expertise.\n"
                   "L'association s'engage à restituer le projet lors d'une micro-rencontre.",
     "how_to_apply": "Prenez rendez-vous avec Via le monde pour présenter le projet.\n\n"
                     "Déposez ensuite le dossier de demande : les projets expertisés sont proposés au vote du Département.",
     "documents": "Dossier de demande de subvention | https://www.vialemonde93.net/\nBudget prévisionnel du projet",
     "contact_name": "Via le monde", "contact_email": "vialemonde@example.org"},
    {"name": "Accompagnement de Via le monde", "funder": "93",
     "summary": "Rendez-vous individuels, formations, préparation au départ et centre de documentation pour les acteurs de Seine-Saint-Denis.",
     "description": "Via le monde propose un suivi méthodologique personnalisé des projets et une aide à la recherche de financements adaptés, des sessions de formation, des séances de préparation au départ pour les séjours de jeunes et des parcours d'éducation au développement dans les établissements scolaires.",
     "beneficiaries": ["association", "jeune", "enseignement"], "themes": ["education-developpement", "jeunesse-mobilite"],
     "territories": ["93"], "recurrence": "permanent", "window": None},
    # Val-de-Marne
    {"name": "Soutien aux projets de solidarité internationale des associations", "funder": "94",
     "summary": "Subventions du Val-de-Marne aux projets de solidarité internationale des associations du département.",
     "description": "Le dispositif accompagne les associations val-de-marnaises qui conduisent des projets de solidarité internationale, en cohérence avec les coopérations du Département (Afrique du Sud, Vietnam, Palestine, Salvador, Niger). " + _ILLUSTRATIVE,
     "beneficiaries": ["association"], "themes": ["education-developpement", "eau-assainissement", "education"],
     "territories": ["94"], "amount_max": 5_000, "max_rate": 50, "legal_basis": _L1115,
     "recurrence": "annual", "window": (-35, 100)},
    {"name": "Pro'aide", "funder": "94",
     "summary": "Soutien aux initiatives des habitants du Val-de-Marne, avec des formations à la solidarité internationale pour les associations.",
     "description": "Pro'aide soutient les initiatives des habitants et propose aux associations des formations spécifiques à la solidarité internationale : montage de projet, partenariat, recherche de financements.",
     "beneficiaries": ["association"], "themes": ["education-developpement"], "territories": ["94"],
     "recurrence": "permanent", "window": None},
    # Yvelines (candidate member)
    {"name": "Subventions « coopération internationale »", "funder": "78",
     "summary": "Subventions du Département des Yvelines aux projets de coopération internationale des associations, communes et collèges.",
     "description": "Depuis 2006, le Département subventionne les initiatives de coopération internationale de ses acteurs. En 2011, une cinquantaine de partenariats étaient actifs, pour 406 110 € de dépenses réalisées. " + _ILLUSTRATIVE,
     "beneficiaries": ["association", "collectivite", "enseignement"], "themes": ["education", "sante", "eau-assainissement", "agriculture-alimentation"],
     "territories": ["78"], "amount_max": 20_000, "max_rate": 50, "legal_basis": _L1115,
     "recurrence": "annual", "window": (-60, 30)},
    {"name": "Chantiers jeunes de solidarité internationale", "funder": "78",
     "summary": "Soutien aux associations qui organisent des chantiers de solidarité internationale pour les jeunes de 18 à 25 ans.",
     "description": "Créé en 1999 dans la politique jeunesse du Département, ce dispositif a soutenu 11 chantiers en 2011 pour 85 114 €. " + _ILLUSTRATIVE,
     "beneficiaries": ["association"], "themes": ["jeunesse-mobilite"], "territories": ["78"],
     "age_min": 18, "age_max": 25, "amount_max": 10_000, "recurrence": "annual", "window": (-25, 80)},
    {"name": "Projets individuels de jeunes à l'international", "funder": "78",
     "summary": "Aide aux jeunes Yvelinois de 18 à 25 ans qui réalisent seuls un projet documentaire, scientifique, culturel ou sportif à l'étranger.",
     "description": "Existant depuis 1995, ce dispositif a soutenu 17 projets en 2011 pour 18 613 €. " + _ILLUSTRATIVE,
     "beneficiaries": ["jeune"], "themes": ["jeunesse-mobilite", "culture-patrimoine", "sport"], "territories": ["78"],
     "age_min": 18, "age_max": 25, "amount_max": 1_500, "recurrence": "annual", "window": (-10, 140)},
    {"name": "Appel à projets « Véhicule intelligent »", "funder": "78",
     "summary": "Appel à projets du Département des Yvelines pour la recherche-développement de la filière automobile nouvelle génération.",
     "description": "Le Département a promu cet appel à projets à l'international (salon de Genève, congrès ITS), avec l'Agence régionale de développement, pour les industriels de la filière automobile à énergie non fossile.",
     "beneficiaries": ["entreprise"], "themes": ["developpement-economique", "environnement-climat"], "territories": ["78"],
     "recurrence": "one_off", "window": (-300, -90)},
    # Hauts-de-Seine (candidate member)
    {"name": "Éducation au développement dans les Hauts-de-Seine", "funder": "92",
     "summary": "Dispositifs d'éducation au développement avec les collectivités, universités et associations des Hauts-de-Seine.",
     "description": "Le Département met en œuvre des dispositifs d'éducation au développement en lien avec les collectivités de son territoire, les universités et les associations alto-séquanaises.",
     "beneficiaries": ["association", "collectivite", "enseignement"], "themes": ["education-developpement"], "territories": ["92"],
     "recurrence": "annual", "window": (-30, 90)},
    {"name": "Team Export Hauts-de-Seine", "funder": "92",
     "summary": "Programme départemental d'accompagnement à l'export, qui mobilise les partenaires de Hauts-de-Seine International.",
     "description": "Team Export mobilise les dispositifs des partenaires du réseau Hauts-de-Seine International (CCI, chambre de métiers, CGPME, Coface, Ubifrance...) au service des entreprises du département.",
     "beneficiaries": ["entreprise"], "themes": ["developpement-economique"], "territories": ["92"],
     "recurrence": "permanent", "window": None},
    # Outside funders
    {"name": "FICOL – Facilité de financement des collectivités territoriales françaises", "funder": None,
     "funder_name": "Agence française de développement (AFD)",
     "summary": "Financement direct par l'AFD des projets de coopération des collectivités françaises, de 200 000 à 1 500 000 €.",
     "description": "Créée en 2014, la FICOL finance des projets de collectivités inscrits dans les objectifs de développement durable, qui doivent avoir un effet d'entraînement sur les acteurs du territoire partenaire. Au moins 30 % du plan de financement vient des collectivités et de leurs partenaires ; le financement est pluriannuel, sur trois ans au plus.",
     "beneficiaries": ["collectivite"], "themes": ["gouvernance-locale", "environnement-climat", "developpement-economique"], "territories": [],
     "amount_min": 200_000, "amount_max": 1_500_000, "max_rate": 70, "recurrence": "annual", "window": (-30, 110)},
    {"name": "Appel à projets généraliste de la DAECT", "funder": None,
     "funder_name": "Ministère de l'Europe et des Affaires étrangères (DAECT)",
     "summary": "Appel à projets annuel de la Délégation pour l'action extérieure des collectivités territoriales.",
     "description": "Chaque année, la DAECT lance un appel à projets généraliste, complété par des appels thématiques et bilatéraux. Les collectivités retenues reçoivent des fonds pour mener leurs actions internationales.",
     "beneficiaries": ["collectivite"], "themes": ["gouvernance-locale"], "territories": [],
     "legal_basis": "Articles L1115-1 et suivants du CGCT", "recurrence": "annual", "window": (-150, -20)},
    {"name": "Appel à projets thématique jeunesse de la DAECT", "funder": None,
     "funder_name": "Ministère de l'Europe et des Affaires étrangères (DAECT)",
     "summary": "Appel à projets thématique de la DAECT sur la jeunesse, ouvert aux collectivités territoriales.",
     "description": "À côté de son appel généraliste, la DAECT publie des appels thématiques, comme « jeunesse et sport » en 2021, pour les projets internationaux des collectivités qui mobilisent les jeunes.",
     "beneficiaries": ["collectivite"], "themes": ["jeunesse-mobilite", "sport"], "territories": [],
     "legal_basis": "Articles L1115-1 et suivants du CGCT", "recurrence": "annual", "window": (30, 120)},
    {"name": "1 % eau et assainissement", "funder": None,
     "funder_name": "Collectivités, syndicats et agences de l'eau",
     "summary": "Jusqu'à 1 % des budgets de l'eau et de l'assainissement peut financer des actions de solidarité internationale.",
     "description": "La loi Oudin-Santini du 9 février 2005 permet aux collectivités, à leurs syndicats et aux agences de l'eau de consacrer jusqu'à 1 % de leur budget eau et assainissement à des actions de coopération et de solidarité internationale dans ces secteurs. Les associations peuvent solliciter ces acteurs pour leurs projets.",
     "beneficiaries": ["collectivite", "association"], "themes": ["eau-assainissement"], "territories": [],
     "legal_basis": "Article L1115-1-1 du CGCT (loi Oudin-Santini du 9 février 2005)",
     "recurrence": "permanent", "window": None},
    {"name": "1 % déchets", "funder": None,
     "funder_name": "Communes, EPCI et syndicats de collecte et de traitement des déchets",
     "summary": "Jusqu'à 1 % du budget déchets des collectivités compétentes peut financer des actions de coopération.",
     "description": "La loi du 7 juillet 2014 permet aux communes, EPCI et syndicats compétents en collecte et traitement des déchets ménagers de consacrer jusqu'à 1 % de leur budget à des actions de coopération, de développement ou humanitaires, comme le « 1 % eau ».",
     "beneficiaries": ["collectivite", "association"], "themes": ["environnement-climat", "urbanisme"], "territories": [],
     "legal_basis": "Article L1115-2 du CGCT (loi du 7 juillet 2014)", "recurrence": "permanent", "window": None},
    {"name": "Europe pour les citoyens – jumelages de villes", "funder": None,
     "funder_name": "Commission européenne",
     "summary": "Aide européenne aux jumelages et aux réseaux de villes jumelées.",
     "description": "Le programme « Europe pour les citoyens » a soutenu les rencontres de citoyens entre villes jumelées et les réseaux de villes. Ce volet se poursuit aujourd'hui dans le programme européen « Citoyens, égalité, droits et valeurs » (CERV).",
     "beneficiaries": ["collectivite", "association"], "themes": ["gouvernance-locale", "jeunesse-mobilite"], "territories": [],
     "recurrence": "annual", "window": (20, 110)},
]

# -- Demo accounts --------------------------------------------------------------------
# Each belongs to a member (by code) or, for applicants, to an actor (name, département).

USERS = [
    {"email": "coordination@example.org", "name": "Coordination régionale", "role": "coordinator", "member": "IDF"},
    {"email": "agent77@example.org", "name": "Agent de Seine-et-Marne", "role": "officer", "member": "77"},
    {"email": "agent91@example.org", "name": "Agent de l'Essonne", "role": "officer", "member": "91"},
    {"email": "agent93@example.org", "name": "Agent de la Seine-Saint-Denis", "role": "officer", "member": "93"},
    {"email": "agent94@example.org", "name": "Agent du Val-de-Marne", "role": "officer", "member": "94"},
    {"email": "association1@example.org", "name": "Compte ER & DE", "role": "applicant",
     "actor": ("Energie renouvelable et développement équitable", "75")},
    {"email": "association2@example.org", "name": "Compte GRDR", "role": "applicant",
     "actor": ("Groupe de recherche et de réalisations pour le développement rural", "93")},
]

_ROLE_LABELS = {
    "coordinator": "Coordination du réseau",
    "officer": "Agent d'une collectivité membre",
    "applicant": "Porteur de projet",
}
_MEMBER_NAMES = {m["code"]: m["name"] for m in MEMBERS}
_ACTOR_NAMES = {(a["name"], a["dep"]): a.get("acronym") or a["name"] for a in ACTORS}

# (email, role in French, what the account belongs to), for the README and the login page.
DEMO_ACCOUNTS = [
    (
        u["email"],
        _ROLE_LABELS[u["role"]],
        _MEMBER_NAMES[u["member"]] if "member" in u else f"Association {_ACTOR_NAMES[u['actor']]}",
    )
    for u in USERS
]
