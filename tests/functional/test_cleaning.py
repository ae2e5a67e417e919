"""What people type and what files bring go through the same cleaning rule
(app.core.text): no control characters, no bidirectional overrides, single-line
fields on one line."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

import sqlalchemy as sa

from app.actors.models import Actor, FundingScheme
from app.agenda.models import Event
from app.extensions import db
from tests.conftest import hidden_fields

# One value per kind of trouble: NUL (PostgreSQL refuses it), other control characters,
# bidirectional override and isolates, line breaks in single-line fields.
NASTY = {
    "name": "Via le\x00 monde \u202eexe.txt",
    "acronym": "V\u2066LM\u2069",
    "commune": "Bobigny\r\nX-INJECT:1",
    "postal_code": "93000\x00",
    "website": "https://vialemonde93.net\x07",
    "description": "Premier paragraphe.\r\n\r\nSecond\x07 paragraphe\u202e,\tavec une tabulation.\x00",
}
COLUMNS = {"name": "nom", "acronym": "sigle", "commune": "commune", "postal_code": "code_postal",
           "website": "site_web", "description": "description"}


def post_form(client, url, data):
    return client.post(url, data={**hidden_fields(client, url), **data})


def stored(actor: Actor) -> dict:
    return {field: getattr(actor, field) for field in NASTY}


def test_forms_and_import_store_the_same_cleaned_values(app, client, make_user, login_as, tmp_path):
    login_as(make_user("coordinator"))
    response = post_form(client, "/acteurs/nouveau", {**NASTY, "kind": "association", "departement": "93"})
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    typed = stored(db.session.scalar(sa.select(Actor)))

    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(["type", "departement", *COLUMNS.values()])
    # Another département: another actor, so that both are kept side by side.
    writer.writerow(["association", "94", *(NASTY[field] for field in COLUMNS)])
    path = tmp_path / "acteurs.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    result = app.test_cli_runner().invoke(args=["import", "actors", str(path)])
    # The postal code of département 93 does not fit 94: say so, like the form would.
    assert result.exit_code != 0
    assert "ligne 2, colonne « code_postal » : Le code postal 93000 n'est pas dans le département 94." \
        in result.output
    path.write_text(buffer.getvalue().replace('"94"', '"93"').replace('"Via le', '"Comité via le'),
                    encoding="utf-8")
    result = app.test_cli_runner().invoke(args=["import", "actors", str(path)])
    assert result.exit_code == 0, result.output
    imported = stored(db.session.scalar(sa.select(Actor).where(Actor.name.startswith("Comité"))))

    assert typed["name"] == "Via le monde exe.txt"
    assert typed["acronym"] == "VLM"
    assert typed["commune"] == "Bobigny X-INJECT:1"
    assert typed["postal_code"] == "93000"
    assert typed["website"] == "https://vialemonde93.net"
    assert typed["description"] == ("<p>Premier paragraphe.</p>"
                                    "<p>Second paragraphe,\tavec une tabulation.</p>")
    assert imported == {**typed, "name": "Comité via le monde exe.txt"}


def test_a_title_on_two_lines_stays_on_one_in_the_api_and_the_feeds(client, make_user, login_as):
    login_as(make_user("officer", member="91"))
    day = (date.today() + timedelta(days=30)).isoformat()
    response = post_form(client, "/agenda/nouveau", {
        "title": "Atelier\r\nX-INJECT:1", "kind": "atelier", "summary": "Résumé\r\nsur deux lignes",
        "description": "", "start_date": day, "start_time": "09:30", "end_date": "", "end_time": "17:00",
        "place_name": "Maison\u202e des associations", "address": "", "commune": "Évry\x00-Courcouronnes",
        "departement": "91", "audience": "Associations", "visibility": "public", "organiser": "91",
        "registration_url": "", "online_url": "", "action": "publish", "distinct": "1"})
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    event = db.session.scalar(sa.select(Event))
    assert (event.title, event.place_name, event.commune) == (
        "Atelier X-INJECT:1", "Maison des associations", "Évry-Courcouronnes")
    assert event.summary == "Résumé\nsur deux lignes"
    assert client.get(f"/api/v1/events/{event.id}").get_json()["title"] == "Atelier X-INJECT:1"
    atom = client.get("/agenda.atom").get_data(as_text=True)
    assert "Atelier X-INJECT:1" in atom and "\nX-INJECT" not in atom
    ics = client.get(f"/agenda/{event.id}.ics").get_data(as_text=True)
    assert "\nX-INJECT" not in ics


def test_control_characters_in_an_imported_file_are_dropped_not_a_crash(app, tmp_path, make_member):
    """On PostgreSQL a NUL used to end the import with a traceback."""
    make_member("IDF")
    path = tmp_path / "dispositifs.csv"
    path.write_text('nom;financeur;description;url\nAMIE\x00;IDF;"Aide\x00 à la\r\nmobilité.";'
                    "https://www.iledefrance.fr\n", encoding="utf-8", newline="")
    result = app.test_cli_runner().invoke(args=["import", "schemes", str(path)])
    assert result.exit_code == 0, (result.output, result.exception)
    assert "1 créée(s)" in result.output
    scheme = db.session.scalar(sa.select(FundingScheme))
    assert (scheme.name, scheme.funder_member.code) == ("AMIE", "IDF")
    assert scheme.description == "<p>Aide à la<br>mobilité.</p>"

    # A line of nothing but NUL and an override is an empty line, skipped.
    path.write_text("nom;financeur;url\nAMIE;IDF\x00;https://www.iledefrance.fr\x00\n\x00;\u202e;\x00\n",
                    encoding="utf-8", newline="")
    result = app.test_cli_runner().invoke(args=["import", "schemes", str(path)])
    assert result.exit_code == 0, (result.output, result.exception)
    assert "0 créée(s), 0 mise(s) à jour, 1 inchangée(s)" in result.output
    assert db.session.scalar(sa.select(FundingScheme.url)) == "https://www.iledefrance.fr"
