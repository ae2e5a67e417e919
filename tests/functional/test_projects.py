"""The public portfolio of funded projects: created by the members' decisions on the
shared call, shown with who granted how much, hidden when its funders say so, exported
as SCDL « Subventions » open data."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

from app.calls import services_decisions
from app.calls.domain.decisions import DecisionInput
from app.calls.models_applications import (
    ApplicationAttachment,
    ApplicationState,
    BudgetLine,
    BudgetSide,
    Review,
)
from app.core.audit import AuditEntry
from app.core.money import format_euros
from app.extensions import db
from app.files.models import ScanStatus, StoredFile
from app.network.models import Territory, TerritoryKind, Theme
from app.projects.models import Project
from tests.conftest import hidden_fields
from tests.instruction_factory import make_application, make_call

# The national Table Schema, as published by OpenDataFrance (schema.data.gouv.fr).
SCHEMA = Path(__file__).resolve().parents[1] / "data" / "scdl-subventions-2.1.1.schema.json"
# SIRETs as the national format wants them (14 digits, valid Luhn key): the test's values.
SIRET_IDF, SIRET_91 = "23750007900312", "22910228000018"


def E(euros: int) -> str:
    """An amount as the French pages write it."""
    return format_euros(euros * 100, "fr")


def grant(share, euros: int, reference: str = "", day: date = date(2027, 3, 12), *, user=None, **extra):
    extra.setdefault("payment_terms", "unique" if euros else None)
    if user is not None:
        db.session.refresh(user)  # loaded, as a request's user is (no reload in the middle of the change)
    services_decisions.record_decision(user, share, DecisionInput(
        granted=euros * 100, reason="" if euros else "Hors priorités.", reference=reference,
        decided_on=day if euros else None, **extra),
        version=share.version, notify=False)
    db.session.commit()


@pytest.fixture
def funded(app, make_member, make_actor):
    """An application asking the Région and the Essonne, in instruction, with private
    parts (a budget line, a review, an attachment) that must never show publicly."""
    idf, m91 = make_member("IDF", siret=SIRET_IDF), make_member("91", siret=SIRET_91)
    call = make_call(idf, {idf: 10_000_000, m91: 5_000_000}, title="Appel conjoint 2027")
    actor = make_actor("Énergie solidaire", rna="W751234567")
    senegal = db.session.scalar(sa.select(Territory).where(Territory.code == "SN"))
    application = make_application(
        call, actor, {idf: 800_000, m91: 600_000}, state=ApplicationState.IN_REVIEW,
        title="Électricité solaire pour trois écoles", partner_territory=senegal,
        local_benefits="Des ateliers dans les collèges essonniens.")
    application.themes = list(db.session.scalars(sa.select(Theme).where(Theme.slug == "education")))
    application.budget_lines = [BudgetLine(side=BudgetSide.EXPENSE, label="Salaire du trésorier secret",
                                           amount_cents=1_400_000)]
    stored = StoredFile(storage_name="a" * 32, original_name="statuts-confidentiels.pdf",
                        mime_type="application/pdf", extension="pdf", size=10, sha256="0" * 64,
                        scan_status=ScanStatus.PENDING)
    db.session.add(stored)
    db.session.flush()
    application.attachments = [ApplicationAttachment(kind="statuts", stored_file_id=stored.id)]
    db.session.commit()
    db.session.add(Review(application=application, member_id=m91.id,
                          reviewer_id=_reviewer(m91).id, comment="Avis réservé : trésorerie fragile"))
    db.session.commit()
    return application, idf, m91


def _reviewer(member):
    from app.auth.models import Role, User

    user = User(email=f"reviewer-{member.code}@example.org", name="Relecteur", role=Role.OFFICER, member=member)
    user.password_hash = "x"
    db.session.add(user)
    db.session.commit()
    return user


def _project(application) -> Project | None:
    db.session.expire_all()
    return db.session.scalar(sa.select(Project).where(Project.application_id == application.id))


def _decide_both(application, idf, m91, idf_euros=8_000, euros_91=5_000):
    grant(application.share_of(idf.id), idf_euros, "CP 2027-03-112")
    grant(application.share_of(m91.id), euros_91, "CP 2027-91-044", day=date(2027, 4, 2))


def test_a_project_appears_once_every_member_has_decided(client, funded):
    application, idf, m91 = funded
    grant(application.share_of(idf.id), 8_000, "CP 2027-03-112")
    assert _project(application) is None  # the Essonne has not decided: still in instruction
    assert "Électricité solaire" not in client.get("/projets/").get_data(as_text=True)

    grant(application.share_of(m91.id), 5_000, "CP 2027-91-044", day=date(2027, 4, 2))
    project = _project(application)
    assert project is not None and application.state == ApplicationState.ACCEPTED

    listing = client.get("/projets/").get_data(as_text=True)
    assert "Électricité solaire pour trois écoles" in listing
    assert E(8000) in listing and E(5000) in listing
    assert E(13000) in listing  # the total of the amounts shown
    page = client.get(f"/projets/{project.id}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "CP 2027-03-112" in html and "CP 2027-91-044" in html
    assert "02/04/2027" in html or "2 avril 2027" in html
    assert "Sénégal" in html and "Énergie solidaire" in html
    assert "Des ateliers dans les collèges essonniens." in html
    assert f"/appels/{application.call_id}" in html
    # Only the dossier's public face: no budget line, review comment, attachment, score.
    api = client.get(f"/api/v1/projects/{project.id}").get_data(as_text=True)
    found = client.get("/api/v1/search?q=solaire&type=project").get_data(as_text=True)
    for private in ("Salaire du trésorier secret", "trésorerie fragile", "statuts-confidentiels.pdf", E(14000)):
        for text in (html, listing):
            assert private not in text
    for private in ("Salaire du tr", "sorerie fragile", "statuts-confidentiels", "1400000"):
        assert private not in api and private not in found


def test_a_corrected_grant_changes_the_amount_shown(client, funded):
    application, idf, m91 = funded
    _decide_both(application, idf, m91)
    project = _project(application)
    grant(application.share_of(m91.id), 4_500, "CP 2027-91-051", day=date(2027, 5, 7))
    html = client.get(f"/projets/{project.id}").get_data(as_text=True)
    assert E(4500) in html and "CP 2027-91-051" in html
    assert E(5000) not in html
    api = client.get(f"/api/v1/projects/{project.id}").get_json()
    assert {f["member_code"]: f["amount_cents"] for f in api["fundings"]} == {"91": 450_000, "IDF": 800_000}
    actions = db.session.scalars(sa.select(AuditEntry.action).where(AuditEntry.object_type == "projects")).all()
    assert actions == ["project.create", "project.fundings"]


def test_a_refused_share_is_no_funding_line(client, funded):
    application, idf, m91 = funded
    _decide_both(application, idf, m91, euros_91=0)
    project = _project(application)
    assert [f.member.code for f in project.fundings] == ["IDF"]
    html = client.get(f"/projets/{project.id}").get_data(as_text=True)
    assert "Département 91" not in html


def test_a_grant_cancelled_before_acceptance_never_makes_a_project(client, funded):
    application, idf, m91 = funded
    share = application.share_of(idf.id)
    grant(share, 8_000, "CP 2027-03-112")
    services_decisions.cancel_decision(None, share, version=share.version)
    db.session.commit()
    grant(application.share_of(m91.id), 0)
    assert application.state == ApplicationState.IN_REVIEW
    assert _project(application) is None
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Project)) == 0
    assert client.get("/api/v1/projects").get_json()["total"] == 0


def test_every_grant_refused_makes_no_project(client, funded):
    application, idf, m91 = funded
    _decide_both(application, idf, m91, idf_euros=0, euros_91=0)
    assert application.state == ApplicationState.REFUSED
    assert _project(application) is None


def _hide(client, project, **fields):
    data = {**hidden_fields(client, f"/projets/{project.id}/modifier"), "title": project.title,
            "summary": project.summary, "local_benefits": project.local_benefits, **fields}
    return client.post(f"/projets/{project.id}/modifier", data=data)


def test_a_hidden_project_is_gone_for_the_public_not_for_its_funders(client, funded, make_user, login_as):
    application, idf, m91 = funded
    _decide_both(application, idf, m91)
    project = _project(application)
    assert client.get("/api/v1/search?q=solaire&type=project").get_json()["total"] == 1
    assert '<option value="91"' in client.get("/projets/").get_data(as_text=True)

    officer = make_user("officer", member=m91)
    login_as(officer)
    response = _hide(client, project, hidden="y", reason="Sécurité du partenaire")
    assert response.status_code == 302
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "project.edit"))
    assert entry.user_id == officer.id and entry.changes["hidden"] == [False, True]
    assert entry.changes["reason"] == [None, "Sécurité du partenaire"]
    assert client.get(f"/projets/{project.id}").status_code == 200  # its funder still reads it
    client.post("/deconnexion", data=hidden_fields(client, "/"))

    other = make_user("officer", member="93")
    login_as(other)
    assert client.get(f"/projets/{project.id}").status_code == 404
    assert client.get(f"/projets/{project.id}/modifier").status_code == 404
    client.post("/deconnexion", data=hidden_fields(client, "/"))

    assert client.get(f"/projets/{project.id}").status_code == 404
    assert "Électricité solaire" not in client.get("/projets/").get_data(as_text=True)
    assert client.get("/api/v1/projects").get_json()["total"] == 0
    assert client.get(f"/api/v1/projects/{project.id}").status_code == 404
    assert client.get("/api/v1/search?q=solaire").get_json()["total"] == 0
    # Its funders no longer show in the list's filter...
    listing = client.get("/projets/").get_data(as_text=True)
    assert '<option value="91"' not in listing and '<option value="IDF"' not in listing
    # ...but its grants, public acts, stay in the open data, with no place.
    text = client.get("/projets/subventions.csv").get_data(as_text=True)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [(r["nomAttribuant"], r["objet"]) for r in rows] == [
        ("Département 91", "Électricité solaire pour trois écoles"),
        ("Région Île-de-France", "Électricité solaire pour trois écoles")]
    assert "Sénégal" not in text and "SN" not in text
    assert "financeur=91" in listing  # the file of each member still linked


def test_a_hidden_place_is_nowhere_public(client, funded, make_user, login_as):
    application, idf, m91 = funded
    _decide_both(application, idf, m91)
    project = _project(application)
    login_as(make_user("coordinator"))
    assert _hide(client, project, place_hidden="y", summary="Un projet solaire.").status_code == 302
    client.post("/deconnexion", data=hidden_fields(client, "/"))

    html = client.get(f"/projets/{project.id}").get_data(as_text=True)
    assert "Un projet solaire." in html and "Sénégal" not in html
    assert "Sénégal" not in client.get("/projets/").get_data(as_text=True)
    assert client.get("/projets/?pays=SN").get_data(as_text=True).count("Électricité solaire") == 0
    assert client.get(f"/api/v1/projects/{project.id}").get_json()["partner_territory"] is None
    assert client.get("/api/v1/search?q=solaire&pays=SN").get_json()["total"] == 0
    assert client.get("/api/v1/search?q=solaire").get_json()["total"] == 1


def test_only_its_funders_and_the_coordinator_edit_a_project(client, funded, make_user, login_as):
    application, idf, m91 = funded
    _decide_both(application, idf, m91)
    project = _project(application)
    assert client.get(f"/projets/{project.id}/modifier").status_code == 302  # to the login page
    login_as(make_user("officer", member="93"))
    assert client.get(f"/projets/{project.id}/modifier").status_code == 403
    response = client.post(f"/projets/{project.id}/modifier", data={"title": "Piraté"})
    assert response.status_code in (400, 403)
    assert _project(application).title == "Électricité solaire pour trois écoles"


def test_an_empty_title_is_refused_and_what_was_typed_kept(client, funded, make_user, login_as):
    application, idf, m91 = funded
    _decide_both(application, idf, m91)
    project = _project(application)
    login_as(make_user("officer", member=m91))
    response = _hide(client, project, title="", summary="Texte tapé à garder")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "Erreur" in html and "Texte tapé à garder" in html
    assert _project(application).summary == "Un puits pour l'école."


@pytest.mark.parametrize("query", [
    "?financeur=%00", "?annee=abc", "?annee=99999999999999999999", "?pays=%22%3E%3Cscript%3E", "?theme=(",
    "?page=-3", "?page=abc&per_page=0", "?financeur=91&theme=education&pays=sn&annee=2027", "?annee=1",
])
def test_odd_filters_answer_200(client, funded, query):
    application, idf, m91 = funded
    _decide_both(application, idf, m91)
    assert client.get(f"/projets/{query}").status_code == 200
    assert client.get(f"/projets/subventions.csv{query}").status_code == 200


def test_the_filters_find_the_project(client, funded):
    application, idf, m91 = funded
    _decide_both(application, idf, m91)
    found = "Électricité solaire"
    assert found in client.get("/projets/?financeur=91&theme=education&pays=sn&annee=2027").get_data(as_text=True)
    for query in ("?financeur=93", "?theme=sport", "?pays=LB", "?annee=2026"):
        assert found not in client.get(f"/projets/{query}").get_data(as_text=True), query
    assert client.get("/api/v1/projects?financeur=91&annee=2027").get_json()["total"] == 1


def test_the_project_page_in_english(client, funded):
    application, idf, m91 = funded
    _decide_both(application, idf, m91)
    project = _project(application)
    html = client.get(f"/projets/{project.id}?lang=en").get_data(as_text=True)
    assert 'lang="en"' in html
    assert "Funded projects" in html and "Amount granted" in html
    assert "Senegal" in html
    # The applicant's texts are French: said so to screen readers and translators (RGAA 8.7).
    assert re.search(r'<h1 lang="fr">[^<]+</h1>', html)
    listing = client.get("/projets/?lang=en").get_data(as_text=True)
    assert "Funded projects" in listing and 'class="card__title" lang="fr"' in listing
    assert 'lang="fr"' not in client.get(f"/projets/{project.id}?lang=fr").get_data(as_text=True).split("<main")[1]


# -- open data --------------------------------------------------------------------------------


def scdl_errors(text: str, tmp_path: Path) -> list[str]:
    """What the national format's Table Schema says of an export (frictionless)."""
    from frictionless import Resource, Schema

    path = tmp_path / "subventions.csv"
    path.write_text(text, encoding="utf-8")
    descriptor = json.loads(SCHEMA.read_text(encoding="utf-8"))
    report = Resource(path=path.name, basepath=str(tmp_path), schema=Schema.from_descriptor(descriptor)).validate()
    errors = [f"{e.type}: {e.message}" for task in report.tasks for e in task.errors]
    # frictionless ignores the schema's custom checks (validata's): enforced here.
    for number, row in enumerate(csv.DictReader(io.StringIO(text)), start=2):
        for check in descriptor.get("custom_checks", []):
            params = check["params"]
            if check["name"] == "one-of-required" and not (row.get(params["column1"]) or row.get(params["column2"])):
                errors.append(f"one-of-required: row {number}, {params['column1']} or {params['column2']}")
            elif check["name"] == "french-siret-value" and row.get(params["column"]) \
                    and not _siret_valid(row[params["column"]]):
                errors.append(f"french-siret-value: row {number}, {params['column']} {row[params['column']]!r}")
            elif check["name"] not in ("one-of-required", "french-siret-value"):
                errors.append(f"unknown custom check {check['name']}")
    return errors


def _siret_valid(value: str) -> bool:
    """14 digits whose Luhn key is right."""
    if len(value) != 14 or not value.isdigit():
        return False
    total = 0
    for i, digit in enumerate(int(c) for c in reversed(value)):
        if i % 2:
            digit = digit * 2 - 9 if digit > 4 else digit * 2
        total += digit
    return total % 10 == 0


def test_the_scdl_export_validates_against_the_national_schema(client, funded, tmp_path):
    application, idf, m91 = funded
    _decide_both(application, idf, m91)
    response = client.get("/projets/subventions.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    text = response.get_data(as_text=True)
    assert scdl_errors(text, tmp_path) == []
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [(r["idAttribuant"], r["montant"], r["referenceDecision"]) for r in rows] == [
        (SIRET_91, "5000.00", "CP 2027-91-044"), (SIRET_IDF, "8000.00", "CP 2027-03-112")]
    assert rows[0]["pourcentageSubvention"] == "1" and rows[0]["rnaBeneficiaire"] == "W751234567"
    assert rows[0]["dateConvention"] == "2027-04-02" and rows[0]["notificationUE"] == "non"

    only_91 = list(csv.DictReader(io.StringIO(client.get("/projets/subventions.csv?financeur=91")
                                              .get_data(as_text=True))))
    assert [r["nomAttribuant"] for r in only_91] == ["Département 91"]


def test_the_scdl_check_catches_a_broken_export(client, funded, tmp_path):
    application, idf, m91 = funded
    _decide_both(application, idf, m91)
    text = client.get("/projets/subventions.csv").get_data(as_text=True)
    assert scdl_errors(text.replace("5000.00", "5 000,00"), tmp_path)  # a French amount
    assert scdl_errors(text.replace(SIRET_91, "2291022800"), tmp_path)  # a SIREN, not a SIRET
    assert scdl_errors(text.replace("2027-04-02", "02/04/2027"), tmp_path)  # a French date
    assert scdl_errors(text.replace(",pourcentageSubvention", ",pourcentage"), tmp_path)


def test_a_member_without_siret_is_left_out_and_named(client, funded):
    application, idf, m91 = funded
    m91.siret = None
    db.session.commit()
    _decide_both(application, idf, m91)
    rows = list(csv.DictReader(io.StringIO(client.get("/projets/subventions.csv").get_data(as_text=True))))
    assert [r["idAttribuant"] for r in rows] == [SIRET_IDF]
    assert "Sans numéro SIRET connu" in client.get("/projets/").get_data(as_text=True)


def test_the_demo_shows_its_funded_projects(demo_client):
    html = demo_client.get("/projets/").get_data(as_text=True)
    assert "Électricité solaire pour trois écoles de Dakar" in html
    assert "Energie renouvelable et développement équitable" in html
    home = demo_client.get("/").get_data(as_text=True)
    assert 'href="/projets/"' in home  # in the main menu
    assert "Derniers projets financés" in home and "Électricité solaire pour trois écoles de Dakar" in home
    found = demo_client.get("/api/v1/search?q=solaire&type=project").get_json()
    assert found["total"] >= 1 and found["results"][0]["url"].startswith("/projets/")


def test_the_search_follows_the_project(client, funded, make_user, login_as):
    application, idf, m91 = funded
    _decide_both(application, idf, m91)
    project = _project(application)
    found = client.get("/api/v1/search?q=solaire").get_json()
    assert [(r["type"], r["url"]) for r in found["results"]] == [("project", f"/projets/{project.id}")]
    assert found["facets"]["type"]["project"] == 1
    login_as(make_user("officer", member=m91))
    assert _hide(client, project, title="Lumière pour trois écoles").status_code == 302
    assert client.get("/api/v1/search?q=lumiere").get_json()["total"] == 1
    assert client.get("/api/v1/search?q=solaire").get_json()["total"] == 0


# -- the reviewer's findings ------------------------------------------------------------------


def test_the_history_names_who_created_the_project_and_who_corrected_it(client, funded, make_user, login_as):
    application, idf, m91 = funded
    officer_idf = make_user("officer", member=idf, name="Agente de la Région")
    coordinator = make_user("coordinator", member=idf, name="Coordinatrice du réseau")
    officer_91 = make_user("officer", member=m91, name="Agent de l'Essonne")
    grant(application.share_of(idf.id), 8_000, "CP 2027-03-112", user=officer_idf)
    # The coordinator decides in the Essonne's place: the project is created by that decision.
    grant(application.share_of(m91.id), 5_000, "CP 2027-91-044", day=date(2027, 4, 2), user=coordinator)
    project = _project(application)
    created = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "project.create"))
    assert created.user_id == coordinator.id and created.changes["acting_as"] == "coordinator"
    grant(application.share_of(m91.id), 4_500, "CP 2027-91-051", day=date(2027, 5, 7), user=officer_91)
    corrected = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "project.fundings"))
    assert corrected.user_id == officer_91.id and "acting_as" not in corrected.changes

    login_as(officer_91)
    response = client.get(f"/projets/{project.id}/historique")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Coordinatrice du réseau" in html and "Coordination du réseau" in html
    assert "Agent de l&#39;Essonne" in html or "Agent de l'Essonne" in html
    assert f"Région Île-de-France : {E(8000)} (CP 2027-03-112) ; Département 91 : {E(5000)}" in html
    assert f"Département 91 : {E(4500)} (CP 2027-91-051)" in html
    assert "Candidature n°" in html and str(application.id) in html


def test_the_application_form_says_what_will_be_published(client, funded, make_user, login_as):
    application, idf, m91 = funded
    login_as(make_user("applicant"))
    response = client.get(f"/appels/{application.call_id}/candidater")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert ("Si votre projet est financé, son titre, son résumé, ses retombées en Île-de-France, le lieu du "
            "partenaire et les montants attribués seront publiés sur ce portail et dans les données ouvertes "
            "des collectivités.") in html


def test_hiding_the_place_warns_of_the_texts_still_naming_it(client, funded, make_user, login_as):
    application, idf, m91 = funded
    _decide_both(application, idf, m91)
    project = _project(application)
    login_as(make_user("officer", member=m91))
    form = client.get(f"/projets/{project.id}/modifier").get_data(as_text=True)
    assert "retirez-en vous-même le nom du lieu" in form
    response = _hide(client, project, place_hidden="y", summary="Trois écoles rurales au SENEGAL.",
                     local_benefits="Des échanges avec le sénégal.")
    assert response.status_code == 302
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Le projet a été mis à jour." in html  # saved all the same
    assert "figure encore dans : Présentation publique, Retombées en Île-de-France" in html
    assert "Titre public du projet" not in html
    assert _project(application).place_hidden

    # A city: its own name and its country's are both looked for.
    dakar = Territory(code="SN-dakar-test", kind=TerritoryKind.PARTNER_CITY, name="Dakar", country_code="SN",
                      parent=db.session.scalar(sa.select(Territory).where(Territory.code == "SN")))
    db.session.add(dakar)
    _project(application).partner_territory = dakar
    db.session.commit()
    response = _hide(client, _project(application), place_hidden="y", title="Trois écoles de DAKAR",
                     summary="Trois écoles rurales.", local_benefits="Des échanges avec le Sénégal.")
    assert response.status_code == 302, response.get_data(as_text=True)[-3000:]
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "« Dakar, Sénégal » figure encore dans : Titre public du projet, Retombées en Île-de-France" in html

    # Saved again once the texts are edited: no warning.
    response = _hide(client, _project(application), place_hidden="y", title="Trois écoles",
                     summary="Trois écoles rurales.", local_benefits="Des échanges.")
    assert "figure encore" not in client.get(response.headers["Location"]).get_data(as_text=True)


def test_a_hide_is_undone_only_by_the_hiding_member_or_the_coordinator(client, funded, make_user, login_as):
    import html as html_lib

    application, idf, m91 = funded
    _decide_both(application, idf, m91)
    project = _project(application)
    officer_91, officer_idf = make_user("officer", member=m91), make_user("officer", member=idf)
    login_as(officer_91)
    assert _hide(client, project, hidden="y", place_hidden="y", reason="Sécurité").status_code == 302
    assert _project(application).hidden_by_member_id == m91.id
    client.post("/deconnexion", data=hidden_fields(client, "/"))

    login_as(officer_idf)
    form = html_lib.unescape(client.get(f"/projets/{project.id}/modifier").get_data(as_text=True))
    assert ("Masqué par Département 91 : seuls ses agents ou la coordination peuvent l'afficher de nouveau."
            in form)
    boxes = {name: tag for tag in re.findall(r"<input[^>]*>", form) if 'type="checkbox"' in tag
             for name in ("hidden", "place_hidden") if f'name="{name}"' in tag}
    assert all("disabled" in tag and "checked" in tag for tag in boxes.values()) and len(boxes) == 2, boxes
    # A forged form (the boxes unticked): refused, nothing changed.
    response = _hide(client, _project(application), title="Titre changé")
    assert response.status_code == 200
    assert "seuls ses agents ou la coordination" in html_lib.unescape(response.get_data(as_text=True))
    kept = _project(application)
    assert kept.hidden and kept.place_hidden and kept.title == "Électricité solaire pour trois écoles"
    # The form as sent by a browser (the disabled boxes' values carried along) saves the rest.
    response = _hide(client, kept, title="Titre changé", hidden="y", place_hidden="y")
    assert response.status_code == 302
    kept = _project(application)
    assert kept.title == "Titre changé" and kept.hidden and kept.hidden_by_member_id == m91.id
    client.post("/deconnexion", data=hidden_fields(client, "/"))

    login_as(make_user("coordinator", member="IDF"))
    assert _hide(client, kept, place_hidden="y").status_code == 302
    shown = _project(application)
    assert not shown.hidden and shown.hidden_by_member_id is None and shown.place_hidden
    client.post("/deconnexion", data=hidden_fields(client, "/"))

    login_as(officer_91)  # the hiding member may show its place again
    assert _hide(client, shown).status_code == 302
    assert not _project(application).place_hidden


def test_grants_to_a_beneficiary_without_siret_nor_rna_are_left_out_and_counted(client, funded, tmp_path):
    application, idf, m91 = funded
    application.actor.rna = None
    db.session.commit()
    _decide_both(application, idf, m91)
    text = client.get("/projets/subventions.csv").get_data(as_text=True)
    assert list(csv.DictReader(io.StringIO(text))) == []
    assert scdl_errors(text, tmp_path) == []
    html = client.get("/projets/").get_data(as_text=True)
    assert "2 subventions non publiées : bénéficiaire sans SIRET ni RNA" in html


def test_the_scdl_check_enforces_the_custom_checks(client, funded, tmp_path):
    application, idf, m91 = funded
    _decide_both(application, idf, m91)
    text = client.get("/projets/subventions.csv").get_data(as_text=True)
    assert scdl_errors(text.replace("W751234567", ""), tmp_path)  # neither SIRET nor RNA
    assert scdl_errors(text.replace(SIRET_91, "22910228000019"), tmp_path)  # a wrong Luhn key


def test_the_scdl_dates_values_and_scheme(client, funded, make_user, login_as):
    application, idf, m91 = funded
    grant(application.share_of(idf.id), 8_000, "CP 2027-03-112", payment_until=date(2027, 9, 30),
          convention_on=date(2027, 4, 20))
    grant(application.share_of(m91.id), 5_000, "CP 2027-91-044", day=date(2027, 4, 2), payment_terms="echelonne",
          payment_from=date(2027, 5, 1), payment_until=date(2028, 5, 1))
    login_as(make_user("officer", member=m91))
    assert _hide(client, _project(application), title="+30 % d'élèves éclairés").status_code == 302
    rows = {r["nomAttribuant"]: r for r in csv.DictReader(io.StringIO(
        client.get("/projets/subventions.csv").get_data(as_text=True)))}
    assert rows["Région Île-de-France"]["datesPeriodeVersement"] == "2027-09-30"
    assert rows["Région Île-de-France"]["dateConvention"] == "2027-04-20"
    assert rows["Département 91"]["datesPeriodeVersement"] == "2027-05-01/2028-05-01"
    assert rows["Département 91"]["dateConvention"] == "2027-04-02"  # no convention: the decision
    assert {r["dispositifAide"] for r in rows.values()} == {""}
    assert {r["objet"] for r in rows.values()} == {"+30 % d'élèves éclairés"}  # written as it is
