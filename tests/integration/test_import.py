"""CSV import: all or nothing, every bad line reported, idempotent, UTF-8 and Windows-1252."""

from __future__ import annotations

import sqlalchemy as sa

from app.actors.models import Actor, FundingScheme
from app.audit import AuditEntry
from app.extensions import db
from app.search.backend import SearchQuery

ACTORS = """nom;sigle;type;description;code_postal;commune;departement;themes;pays_partenaires;site_web;email;rna;siret
Via le monde;;centre_ressources;Centre de ressources de la Seine-Saint-Denis.;93000;Bobigny;93;Éducation au développement|education;SN|VN;https://vialemonde93.net;contact@vialemonde.example.org;;
Énergie renouvelable et développement équitable;ER & DE;Association;Écoles équipées en énergie solaire.;75011;Paris;75;environnement et climat;NI;;;W751234567;
Chœur Vittoria;;association;Concerts avec des artistes de Dakar.;91000;Évry;91;culture-patrimoine;SN;;;;73282932000074
"""

SCHEMES = """nom,financeur,description,beneficiaires,themes,montant_min,montant_max,taux_max,date_ouverture,date_limite,url
AMIE,IDF,Aide à la mobilité internationale des étudiants.,etudiant,Jeunesse et mobilité internationale,,"1 500",,01/09/2026,31/12/2026,https://www.iledefrance.fr
FICOL,Agence française de développement,Facilité de financement des collectivités.,collectivite,gouvernance-locale,200 000,1 500 000,70,,,
"""


def run(app, kind: str, path):
    return app.test_cli_runner().invoke(args=["import", kind, str(path)])


def count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def test_a_good_actor_file_imports_every_line(app, tmp_path):
    path = tmp_path / "acteurs.csv"
    path.write_text(ACTORS, encoding="utf-8")
    result = run(app, "actors", path)
    assert result.exit_code == 0, result.output
    assert "3 créée(s)" in result.output
    via = db.session.scalar(sa.select(Actor).where(Actor.name == "Via le monde"))
    assert via.departement.code == "93"
    assert [t.slug for t in via.themes] == ["education", "education-developpement"]
    assert sorted(t.code for t in via.territories) == ["SN", "VN"]
    erde = db.session.scalar(sa.select(Actor).where(Actor.rna == "W751234567"))
    assert erde.acronym == "ER & DE" and erde.kind.value == "association"
    # Imported and searchable at once.
    hits = app.extensions["search"].search(SearchQuery(text="choeur vittoria")).hits
    assert [h.title for h in hits] == ["Chœur Vittoria"]


def test_importing_the_same_file_twice_creates_no_duplicates(app, tmp_path):
    path = tmp_path / "acteurs.csv"
    path.write_text(ACTORS, encoding="utf-8")
    assert run(app, "actors", path).exit_code == 0
    audits = count(AuditEntry)
    again = run(app, "actors", path)
    assert again.exit_code == 0, again.output
    assert "0 créée(s)" in again.output and "3 inchangée(s)" in again.output
    assert count(Actor) == 3
    assert count(AuditEntry) == audits  # nothing changed, nothing recorded


def test_matching_ignores_accents_and_case_and_updates(app, tmp_path):
    path = tmp_path / "a.csv"
    path.write_text(ACTORS, encoding="utf-8")
    run(app, "actors", path)
    path.write_text(
        "nom;type;departement;description\nCHOEUR VITTORIA;association;91;Nouvelle présentation.\n",
        encoding="utf-8",
    )
    result = run(app, "actors", path)
    assert result.exit_code == 0, result.output
    assert "1 mise(s) à jour" in result.output
    assert count(Actor) == 3
    choeur = db.session.scalar(sa.select(Actor).where(Actor.siret == "73282932000074"))
    assert "Nouvelle présentation" in choeur.description


def test_windows_1252_and_comma_separated_files(app, tmp_path):
    path = tmp_path / "a.csv"
    path.write_bytes(
        "nom,type,departement,commune\nAssociation Éducation Sénégal,association,94,Créteil\n".encode("cp1252")
    )
    result = run(app, "actors", path)
    assert result.exit_code == 0, result.output
    assert db.session.scalar(sa.select(Actor.commune)) == "Créteil"


def test_a_file_with_bad_lines_imports_nothing_and_lists_every_bad_line(app, tmp_path):
    path = tmp_path / "a.csv"
    path.write_text(
        "nom;type;departement;themes;rna;siret;code_postal;pays_partenaires\n"
        "Bonne association;association;93;;;;93100;SN\n"
        ";association;93;;;;;\n"  # line 3: no name
        "Club;fondation;93;;;;;\n"  # line 4: unknown kind
        "Asso;association;13;;;;;\n"  # line 5: département outside Île-de-France
        "Asso 2;association;91;cuisine;W12;12345678901234;93000;ZZ\n",  # line 6: four errors
        encoding="utf-8",
    )
    result = run(app, "actors", path)
    assert result.exit_code != 0
    out = result.output
    assert "Rien n'a été importé" in out
    assert "ligne 3, colonne « nom » : Ce champ est obligatoire." in out
    assert "ligne 4, colonne « type » : Type d'acteur inconnu « fondation »" in out
    assert "ligne 5, colonne « departement » : Département inconnu « 13 »" in out
    assert "ligne 6, colonne « themes » : Thème inconnu « cuisine »." in out
    assert "ligne 6, colonne « rna »" in out
    assert "ligne 6, colonne « siret » : SIRET invalide « 12345678901234 » : la clé" in out
    assert "ligne 6, colonne « code_postal » : Le code postal 93000 n'est pas dans le département 91." in out
    assert "ligne 6, colonne « pays_partenaires »" in out
    assert "ligne 2" not in out
    assert count(Actor) == 0  # not even the good line


def test_bad_header_and_empty_file_are_explained(app, tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("name;kind\nx;y\n", encoding="utf-8")
    result = run(app, "actors", path)
    assert result.exit_code != 0
    assert "Colonnes manquantes : nom, type, departement" in result.output
    assert "Colonnes inconnues : name, kind" in result.output
    path.write_text("nom;type;departement\n", encoding="utf-8")
    assert "aucune ligne" in run(app, "actors", path).output


def test_a_line_repeated_in_the_file_is_an_error(app, tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("nom;type;departement\nVia le monde;association;93\nVIA LE MONDE;association;93\n",
                    encoding="utf-8")
    result = run(app, "actors", path)
    assert result.exit_code != 0
    assert "ligne 3, colonne « nom » : Même fiche qu'à la ligne 2." in result.output


def test_schemes_import_with_amounts_dates_and_outside_funders(app, tmp_path, make_member):
    make_member("IDF")
    path = tmp_path / "d.csv"
    path.write_text(SCHEMES, encoding="utf-8")
    result = run(app, "schemes", path)
    assert result.exit_code == 0, result.output
    amie = db.session.scalar(sa.select(FundingScheme).where(FundingScheme.name == "AMIE"))
    assert amie.funder_member.code == "IDF" and amie.amount_max_cents == 150_000
    assert amie.closes_on.isoformat() == "2026-12-31" and amie.is_published
    ficol = db.session.scalar(sa.select(FundingScheme).where(FundingScheme.name == "FICOL"))
    assert ficol.funder_member is None and ficol.funder_name == "Agence française de développement"
    assert (ficol.amount_min_cents, ficol.amount_max_cents, ficol.max_rate_percent) == (20_000_000, 150_000_000, 70)
    assert run(app, "schemes", path).exit_code == 0
    assert count(FundingScheme) == 2


def test_bad_scheme_lines(app, tmp_path):
    path = tmp_path / "d.csv"
    path.write_text(
        "nom;financeur;montant_min;montant_max;taux_max;date_ouverture;date_limite;beneficiaires;url\n"
        "A;IDF;douze;;;;;;\n"
        "B;IDF;5000;1000;150;31/02/2026;01/01/2026;martiens;ftp://x\n"
        ";;;;;;;;\n",
        encoding="utf-8",
    )
    out = run(app, "schemes", path).output
    assert "ligne 2, colonne « montant_min » : Montant invalide « douze »" in out
    assert "ligne 3, colonne « montant_max » : Le montant maximum est inférieur au montant minimum." in out
    assert "ligne 3, colonne « taux_max » : Taux invalide « 150 »" in out
    assert "ligne 3, colonne « date_ouverture » : Date invalide « 31/02/2026 »" in out
    assert "ligne 3, colonne « beneficiaires » : Bénéficiaire inconnu « martiens »" in out
    assert "ligne 3, colonne « url »" in out
    assert "ligne 4, colonne « nom »" not in out  # an empty line is skipped, not an error
    assert count(FundingScheme) == 0
