"""Synthetic French records for the search benchmark (deterministic for a given seed)."""

from __future__ import annotations

import random

from app.search.backend import SearchDocument

DOMAIN = ["association", "associations", "coopération", "décentralisée", "solidarité", "internationale", "projet", "projets", "partenariat", "partenariats", "jeunesse", "jeunes", "mobilité", "formation", "formations", "éducation", "développement", "santé", "eau", "assainissement", "agriculture", "alimentation", "environnement", "climat", "économie", "culture", "patrimoine", "sport", "urbanisme", "gouvernance", "locale", "droits", "humains", "paix", "urgence", "humanitaire", "francophonie", "égalité", "femmes", "hommes", "école", "écoles", "collège", "lycée", "université", "étudiants", "chantier", "chantiers", "volontariat", "volontaires", "échange", "échanges", "réseau", "réseaux", "centre", "ressources", "collectivité", "collectivités", "département", "région", "commune", "ville", "villes", "territoire", "territoires", "partenaire", "partenaires", "financement", "subvention", "dispositif", "dispositifs", "appel", "candidature", "sensibilisation", "citoyenneté", "diaspora", "migrations", "accueil", "délégation", "délégations", "programme", "programmes", "action", "actions", "acteurs", "habitants", "population", "rurale", "urbaine", "déchets", "énergie", "solaire", "éolienne", "forage", "puits", "potager", "maraîchage", "coopérative", "artisanat", "commerce", "équitable", "microcrédit", "insertion", "emploi", "apprentissage", "apprentis", "stage", "stages", "bourse", "bourses", "bibliothèque", "lecture", "musique", "théâtre", "danse", "cinéma", "festival", "exposition", "rencontre", "rencontres", "conférence", "atelier", "ateliers", "restitution", "évaluation", "capitalisation", "méthodologie", "montage", "accompagnement", "conseil", "expertise", "technique", "infrastructures", "maternité", "dispensaire", "hôpital", "vaccination", "nutrition", "enfants", "enfance", "familles", "femmes", "rurales", "agricoles", "semences", "irrigation", "reboisement", "biodiversité", "littoral", "pêche", "tourisme", "hébergement", "transport", "mobilité", "numérique", "informatique", "radio", "journal", "média", "médias", "plaidoyer", "droits", "démocratie", "élections", "citoyens"]

PLACES = ["Dakar", "Hanoï", "Santiago", "Antananarivo", "Erevan", "Beyrouth", "Nouakchott", "São", "Paulo", "Québec", "Bamako", "Diéma", "Douentza", "Nioro", "Figuig", "Guarulhos", "Matola", "Wuhan", "Osaka", "Nanning", "Jenin", "Tulkarem", "Qalqilya", "Podor", "Matam", "Tambacounda", "Kayes", "Ouagadougou", "Cotonou", "Lomé", "Niamey", "Conakry", "Abidjan", "Yaoundé", "Haïti", "Port-au-Prince", "Tunis", "Rabat", "Alger", "Hué", "Phnom", "Penh", "Vientiane", "Melun", "Évry", "Bobigny", "Créteil", "Versailles", "Nanterre", "Cergy", "Paris", "Montreuil", "Saint-Denis", "Aubervilliers", "Ivry", "Vitry"]

GLUE = ["le", "la", "les", "un", "une", "des", "du", "de", "et", "à", "au", "aux", "pour", "par", "avec", "dans", "sur", "en", "vers", "entre", "chez", "son", "sa", "ses", "leur", "leurs", "ce", "cette", "ces", "qui", "que", "dont", "où", "afin", "ainsi", "aussi", "plus", "très", "bien", "mise", "place", "œuvre", "soutien", "appui", "renforcement", "amélioration", "création", "construction", "rénovation", "organisation", "réalisation", "participation", "contribution"]

SYLLABLES = ["ba", "be", "bi", "bo", "bu", "da", "de", "di", "do", "du", "fa", "fe", "fi", "fo", "la", "le", "li", "lo", "lu", "ma", "me", "mi", "mo", "mu", "na", "ne", "ni", "no", "nu", "pa", "pe", "pi", "po", "pu", "ra", "re", "ri", "ro", "ru", "sa", "se", "si", "so", "su", "ta", "te", "ti", "to", "tu", "va", "ve", "vi", "vo", "vu", "cha", "che", "chi", "cho", "ou", "on", "an", "in", "en", "ar", "er", "ir", "or", "ur"]
ENDINGS = ["tion", "ment", "age", "ité", "eur", "ence", "ique", "isme", "aire", "ée", "er", "ant"]

TYPES = ["actor", "scheme", "territory", "event", "call", "project"]
DEPARTEMENTS = ["75", "77", "78", "91", "92", "93", "94", "95"]
THEMES = ["education", "sante", "eau-assainissement", "agriculture-alimentation",
          "environnement-climat", "developpement-economique", "culture-patrimoine", "sport",
          "jeunesse-mobilite", "urbanisme", "gouvernance-locale", "droits-humains-paix",
          "aide-urgence", "education-developpement", "francophonie", "egalite-femmes-hommes"]
COUNTRIES = ["SN", "VN", "CL", "MG", "AM", "LB", "MR", "BR", "CA", "ML", "MA", "MZ", "CN", "JP",
             "PS", "BF", "BJ", "TG", "NE", "CM", "HT", "TN", "KH", "LA", "CI", "GN", "DZ", "CG"]


def vocabulary(rng: random.Random, size: int = 20000) -> list[str]:
    """Domain words first (most frequent), then invented French-looking words."""
    words = list(dict.fromkeys(DOMAIN))
    seen = set(words)
    while len(words) < size:
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 3))) + rng.choice(ENDINGS)
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words


def records(n: int, seed: int = 2026) -> list[SearchDocument]:
    rng = random.Random(seed)
    vocab = vocabulary(rng)
    # Zipf-like weights: the domain words dominate, the tail stays rare.
    weights = [1.0 / (rank + 8) for rank in range(len(vocab))]
    docs = []
    for i in range(1, n + 1):
        title_words = rng.choices(vocab[:400], weights=weights[:400], k=rng.randint(2, 6))
        title = " ".join(title_words).capitalize() + " " + rng.choice(PLACES)
        length = rng.randint(80, 300)
        content = rng.choices(vocab, weights=weights, k=length)
        body_words = []
        for w in content:
            body_words.append(w)
            if rng.random() < 0.6:
                body_words.append(rng.choice(GLUE))
        if rng.random() < 0.5:
            body_words.insert(rng.randrange(len(body_words)), rng.choice(PLACES))
        body = " ".join(body_words[:length]).capitalize() + "."
        docs.append(SearchDocument(
            type=rng.choice(TYPES),
            id=i,
            title=title,
            url=f"/fiche/{i}",
            body=body,
            subtitle="",
            departement=rng.sample(DEPARTEMENTS, k=rng.choice([1, 1, 1, 2, 8])),
            theme=rng.sample(THEMES, k=rng.randint(1, 3)),
            pays=rng.sample(COUNTRIES, k=rng.randint(0, 3)),
            **_dates(rng),
        ))
    return docs


def _dates(rng: random.Random) -> dict:
    """Half the records have dates (schemes, calls, events), around 2026."""
    if rng.random() < 0.5:
        return {}
    start = 20250101 + rng.randrange(0, 2) * 10000 + rng.randrange(1, 13) * 100 + rng.randrange(1, 28)
    return {"starts": start, "ends": start + rng.choice([0, 100, 300, 10000])}


def queries(rng: random.Random, count: int) -> list[str]:
    """Plain queries people type: one to three words, domain terms and places."""
    pool = DOMAIN + [p for p in PLACES]
    return [" ".join(rng.sample(pool, k=rng.choice([1, 1, 2, 2, 3]))) for _ in range(count)]


def prefixes(rng: random.Random, count: int) -> list[str]:
    """What the search box sends while someone types: growing prefixes of real words."""
    out = []
    while len(out) < count:
        word = rng.choice(DOMAIN + PLACES)
        for end in range(2, len(word) + 1):
            out.append(word[:end])
    return out[:count]
