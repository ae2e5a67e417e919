"""CSV import: all or nothing, every bad line reported, idempotent, UTF-8 and Windows-1252."""

from __future__ import annotations

import csv
import sys

import sqlalchemy as sa

from app.actors.models import Actor, FundingScheme
from app.core.audit import AuditEntry
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


TWINNING = """nom;type;departement;rna
Comité de jumelage;association;91;W912222222
Comite de Jumelage;association;91;W913333333
"""


def test_two_associations_with_the_same_name_and_different_rna_are_two_actors(app, tmp_path):
    path = tmp_path / "a.csv"
    path.write_text(TWINNING, encoding="utf-8")
    result = run(app, "actors", path)
    assert result.exit_code == 0, result.output
    assert "2 créée(s)" in result.output
    assert sorted(db.session.scalars(sa.select(Actor.rna))) == ["W912222222", "W913333333"]
    again = run(app, "actors", path)
    assert again.exit_code == 0, again.output
    assert "0 créée(s)" in again.output and "2 inchangée(s)" in again.output
    assert count(Actor) == 2


def test_a_different_rna_is_a_different_actor_against_the_database_too(app, tmp_path):
    first, second = TWINNING.splitlines()[1:]
    path = tmp_path / "a.csv"
    path.write_text(f"nom;type;departement;rna\n{first}\n", encoding="utf-8")
    assert run(app, "actors", path).exit_code == 0
    path.write_text(f"nom;type;departement;rna\n{second}\n", encoding="utf-8")
    result = run(app, "actors", path)
    assert result.exit_code == 0, result.output
    assert "1 créée(s)" in result.output
    assert count(Actor) == 2


def test_a_different_siret_is_a_different_actor(app, tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("nom;type;departement;siret\n"
                    "Comité de jumelage;association;91;44280000000006\n"
                    "COMITÉ DE JUMELAGE;association;91;51200000000004\n", encoding="utf-8")
    result = run(app, "actors", path)
    assert result.exit_code == 0, result.output
    assert "2 créée(s)" in result.output
    path.write_text("nom;type;departement;siret\nComité de jumelage;association;91;44280000000014\n",
                    encoding="utf-8")
    assert "1 créée(s)" in run(app, "actors", path).output
    assert count(Actor) == 3


def test_an_enriched_file_fills_in_the_identifiers_of_the_same_actor(app, tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("nom;type;departement\nComité de jumelage;association;91\n", encoding="utf-8")
    assert run(app, "actors", path).exit_code == 0
    path.write_text("nom;type;departement;rna;siret\n"
                    "Comite de jumelage;association;91;W912222222;44280000000006\n", encoding="utf-8")
    result = run(app, "actors", path)
    assert result.exit_code == 0, result.output
    assert "0 créée(s), 1 mise(s) à jour" in result.output
    actor = db.session.scalar(sa.select(Actor))
    assert (actor.rna, actor.siret) == ("W912222222", "44280000000006")
    # Once it has its RNA, another RNA under the same name is another association.
    path.write_text("nom;type;departement;rna\nComité de jumelage;association;91;W913333333\n",
                    encoding="utf-8")
    assert "1 créée(s)" in run(app, "actors", path).output
    assert count(Actor) == 2


def test_in_a_file_a_line_without_identifiers_is_still_the_same_as_a_line_with_them(app, tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("nom;type;departement;rna\n"
                    "Comité de jumelage;association;91;W912222222\n"
                    "Comite de jumelage;association;91;\n"
                    "Club;association;91;W912222222\n", encoding="utf-8")
    result = run(app, "actors", path)
    assert result.exit_code != 0
    assert "ligne 3, colonne « nom » : Même fiche qu'à la ligne 2." in result.output
    assert "ligne 4, colonne « rna » : Même fiche qu'à la ligne 2." in result.output
    assert count(Actor) == 0


def test_a_name_shared_by_several_actors_needs_an_identifier(app, tmp_path):
    path = tmp_path / "a.csv"
    path.write_text(TWINNING, encoding="utf-8")
    assert run(app, "actors", path).exit_code == 0
    path.write_text("nom;type;departement;description\n"
                    "Comité de jumelage;association;91;Laquelle ?\n", encoding="utf-8")
    result = run(app, "actors", path)
    assert result.exit_code != 0
    assert ("ligne 2, colonne « nom » : 2 fiches portent déjà ce nom dans ce département : "
            "indiquez le numéro RNA ou le SIRET de celle à mettre à jour.") in result.output
    assert "Laquelle" not in " ".join(db.session.scalars(sa.select(Actor.description)))
    path.write_text("nom;type;departement;description;rna\n"
                    "Comité de jumelage;association;91;Celle-ci.;W913333333\n", encoding="utf-8")
    result = run(app, "actors", path)
    assert result.exit_code == 0, result.output
    assert "1 mise(s) à jour" in result.output
    updated = db.session.scalar(sa.select(Actor).where(Actor.rna == "W913333333"))
    assert "Celle-ci" in updated.description


def test_an_identifier_held_by_another_actor_is_refused(app, tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("nom;type;departement;rna;siret\n"
                    "Comité de jumelage;association;91;W912222222;\n"
                    "Maison des solidarités;association;93;;44280000000006\n"
                    "Via le monde;association;93;W933333333;51200000000004\n", encoding="utf-8")
    assert run(app, "actors", path).exit_code == 0
    path.write_text("nom;type;departement;rna;siret\n"
                    # The RNA of the Comité, the SIRET of the Maison.
                    "Comité de jumelage;association;91;W912222222;44280000000006\n"
                    # The SIRET of Via le monde, another RNA: another association.
                    "Via le monde;association;93;W934444444;51200000000004\n", encoding="utf-8")
    result = run(app, "actors", path)
    assert result.exit_code != 0
    out = result.output
    assert ("ligne 2, colonne « siret » : Ce SIRET appartient déjà à une autre fiche : "
            "« Maison des solidarités ».") in out
    assert "ligne 3, colonne « siret » : Ce SIRET appartient déjà à une autre fiche : « Via le monde »." in out
    assert "colonne « rna »" not in out
    db.session.expire_all()
    assert db.session.scalar(sa.select(Actor.siret).where(Actor.rna == "W912222222")) is None


def test_not_a_number_infinity_and_huge_numbers_are_bad_values(app, tmp_path):
    path = tmp_path / "d.csv"
    path.write_text(
        "nom;financeur;montant_min;montant_max;taux_max\n"
        "A;IDF;;;sNaN\n"
        "B;IDF;;;NaN\n"
        "C;IDF;;;inf\n"
        "D;IDF;;;Infinity\n"
        "E;IDF;NaN;1e999999;1e2\n"
        "F;IDF;;99999999999999999999;\n"
        "G;IDF;;1 500;80\n",
        encoding="utf-8",
    )
    result = run(app, "schemes", path)
    assert result.exit_code != 0
    out = result.output
    assert isinstance(result.exception, SystemExit), result.exception  # no traceback
    assert "Rien n'a été importé : 8 erreur(s)" in out
    for line, value in ((2, "sNaN"), (3, "NaN"), (4, "inf"), (5, "Infinity"), (6, "1e2")):
        assert (f"ligne {line}, colonne « taux_max » : Taux invalide « {value} » : "
                "attendu un pourcentage entre 1 et 100.") in out
    assert "ligne 6, colonne « montant_min » : Montant invalide « NaN »" in out
    assert "ligne 6, colonne « montant_max » : Montant invalide « 1e999999 »" in out
    assert "ligne 7, colonne « montant_max » : Montant invalide « 99999999999999999999 »" in out
    assert "ligne 8" not in out
    assert count(FundingScheme) == 0


def test_a_date_in_year_9999_or_an_unreadable_cell_is_a_bad_line(app, tmp_path):
    path = tmp_path / "d.csv"
    path.write_text("nom;financeur;date_ouverture;date_limite\nA;IDF;01/01/0999;31/12/9999\n", encoding="utf-8")
    out = run(app, "schemes", path).output
    assert "ligne 2, colonne « date_ouverture » : Date invalide « 01/01/0999 »" in out
    assert "ligne 2, colonne « date_limite » : Date invalide « 31/12/9999 »" in out

    path.write_text("nom;financeur;description\nA;IDF;court\nB;IDF;" + "x" * 200_000 + "\n", encoding="utf-8")
    limit = csv.field_size_limit(sys.maxsize)  # as a library may raise it for the whole process
    try:
        result = run(app, "schemes", path)
    finally:
        csv.field_size_limit(limit)
    assert result.exit_code != 0 and isinstance(result.exception, SystemExit), result.exception
    assert "ligne 3" in result.output and "Ligne illisible" in result.output
    assert count(FundingScheme) == 0


def test_import_never_makes_a_contact_public(app, tmp_path, make_actor):
    """A contact is public only when its owner chose so (RGPD): an imported email stays
    private, and a re-import keeps whatever the actor chose."""
    hidden = make_actor("Maison des solidarités", departement="93", email="contact@maison.example.org",
                        contact_public=False)
    shown = make_actor("Via le monde", departement="93", email="contact@via.example.org", contact_public=True)
    path = tmp_path / "a.csv"
    path.write_text("nom;type;departement;email;description\n"
                    "Maison des solidarités;association;93;contact@maison.example.org;Mise à jour.\n"
                    "Via le monde;centre_ressources;93;contact@via.example.org;Mise à jour.\n"
                    "Écoles du monde;association;93;contact@ecoles.example.org;Nouvelle.\n", encoding="utf-8")
    result = run(app, "actors", path)
    assert result.exit_code == 0, result.output
    assert "1 créée(s), 2 mise(s) à jour" in result.output
    client = app.test_client()
    new = db.session.scalar(sa.select(Actor).where(Actor.name == "Écoles du monde"))
    for actor, email in ((hidden, "contact@maison.example.org"), (new, "contact@ecoles.example.org")):
        assert client.get(f"/api/v1/actors/{actor.id}").get_json()["contact"] is None, actor.name
        assert email not in client.get(f"/acteurs/{actor.id}").get_data(as_text=True), actor.name
    assert client.get(f"/api/v1/actors/{shown.id}").get_json()["contact"]["email"] == "contact@via.example.org"
