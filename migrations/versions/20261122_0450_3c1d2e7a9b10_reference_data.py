"""reference data: themes, countries, France, the Région and its eight départements

Revision ID: 3c1d2e7a9b10
Revises: f13335ec90ce
Create Date: 2026-11-22 04:50:00

Reference data every installation needs, demo or not. Country names come from the
CLDR data shipped with Babel (French and English), for every ISO 3166-1 alpha-2 code.
"""

from alembic import op
import sqlalchemy as sa
from babel import Locale

revision = "3c1d2e7a9b10"
down_revision = "f13335ec90ce"
branch_labels = None
depends_on = None

THEMES = [
    ("education", "Éducation", "Education"),
    ("sante", "Santé", "Health"),
    ("eau-assainissement", "Eau et assainissement", "Water and sanitation"),
    ("agriculture-alimentation", "Agriculture et alimentation", "Agriculture and food"),
    ("environnement-climat", "Environnement et climat", "Environment and climate"),
    ("developpement-economique", "Développement économique", "Economic development"),
    ("culture-patrimoine", "Culture et patrimoine", "Culture and heritage"),
    ("sport", "Sport", "Sport"),
    ("jeunesse-mobilite", "Jeunesse et mobilité internationale", "Youth and international mobility"),
    ("urbanisme", "Urbanisme", "Urban planning"),
    ("gouvernance-locale", "Gouvernance locale", "Local governance"),
    ("droits-humains-paix", "Droits humains et paix", "Human rights and peace"),
    ("aide-urgence", "Aide d'urgence", "Emergency aid"),
    ("education-developpement", "Éducation au développement", "Development education"),
    ("francophonie", "Francophonie", "Francophonie"),
    ("egalite-femmes-hommes", "Égalité femmes-hommes", "Gender equality"),
]

# (code, name, prefecture)
DEPARTEMENTS = [
    ("75", "Paris", "Paris"),
    ("77", "Seine-et-Marne", "Melun"),
    ("78", "Yvelines", "Versailles"),
    ("91", "Essonne", "Évry-Courcouronnes"),
    ("92", "Hauts-de-Seine", "Nanterre"),
    ("93", "Seine-Saint-Denis", "Bobigny"),
    ("94", "Val-de-Marne", "Créteil"),
    ("95", "Val-d'Oise", "Pontoise (préfecture à Cergy)"),
]

# CLDR codes that are not ISO 3166-1 countries.
NOT_COUNTRIES = {"EU", "EZ", "UN", "QO", "XA", "XB", "XK", "ZZ", "AC", "CP", "DG", "EA", "IC", "TA", "CQ"}

themes = sa.table("themes", sa.column("slug", sa.String), sa.column("label", sa.String),
                  sa.column("label_en", sa.String), sa.column("position", sa.Integer))
territories = sa.table(
    "territories", sa.column("id", sa.Integer), sa.column("code", sa.String),
    sa.column("kind", sa.String), sa.column("name", sa.String), sa.column("name_en", sa.String),
    sa.column("country_code", sa.String), sa.column("parent_id", sa.Integer),
    sa.column("seat", sa.String),
)


def upgrade():
    op.bulk_insert(themes, [
        {"slug": slug, "label": fr, "label_en": en, "position": i}
        for i, (slug, fr, en) in enumerate(THEMES)
    ])
    fr_names, en_names = Locale("fr").territories, Locale("en").territories
    codes = sorted(c for c in fr_names if len(c) == 2 and c.isalpha() and c.isupper() and c not in NOT_COUNTRIES)
    op.bulk_insert(territories, [
        {"code": c, "kind": "country", "name": fr_names[c], "name_en": en_names.get(c),
         "country_code": c, "parent_id": None, "seat": None}
        for c in codes
    ])
    conn = op.get_bind()
    france = conn.scalar(sa.select(territories.c.id).where(territories.c.code == "FR"))
    op.bulk_insert(territories, [{"code": "IDF", "kind": "region", "name": "Île-de-France",
                                  "name_en": "Île-de-France", "country_code": "FR",
                                  "parent_id": france, "seat": "Saint-Ouen-sur-Seine"}])
    region = conn.scalar(sa.select(territories.c.id).where(territories.c.code == "IDF"))
    op.bulk_insert(territories, [
        {"code": code, "kind": "departement", "name": name, "name_en": name, "country_code": "FR",
         "parent_id": region, "seat": seat}
        for code, name, seat in DEPARTEMENTS
    ])


def downgrade():
    op.execute(territories.delete().where(territories.c.kind.in_(["departement", "region"])))
    op.execute(territories.delete().where(territories.c.kind == "country"))
    op.execute(themes.delete())
