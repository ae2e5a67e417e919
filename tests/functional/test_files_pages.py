"""What a person meets around attachments: the page of an upload too large (413), and the
download of a stored file (headers, and the page instead of the bytes until the antivirus
cleared it). The applications' own routes come later: a tiny test-only upload route and
download route stand for them here."""

from __future__ import annotations

import io
import shutil
import tempfile
from pathlib import Path

import pytest
from flask import request
from werkzeug.http import parse_options_header

from app.core.rules import RuleViolations
from app.extensions import csrf, db
from app.files import scanner
from app.files.messages import message
from app.files.models import ScanStatus, StoredFile
from app.files.serving import send_stored
from app.files.storage import store
from tests import file_samples as samples
from tests.conftest import csrf_token
from tests.fake_clamd import FakeClamd

MB = 1024 * 1024


@pytest.fixture
def routes(app):
    """An upload and a download route, as an application would write them."""

    @csrf.exempt
    def upload():
        try:
            stored = store(db.session, request.files.get("file"), None, already_used=0)
        except RuleViolations as exc:
            return " ".join(message(v) for v in exc.violations), 422
        db.session.commit()
        return str(stored.id)

    def download(file_id: int):
        return send_stored(db.session.get(StoredFile, file_id), allowed=request.args.get("ok") == "1")

    app.add_url_rule("/_test/upload", view_func=upload, methods=["POST"])
    app.add_url_rule("/_test/files/<int:file_id>", view_func=download)
    return app


@pytest.fixture
def clamd(app):
    folder = Path(tempfile.mkdtemp(prefix="clamd-"))
    server = FakeClamd(folder / "clamd.sock")
    app.config["CLAMD_SOCKET"] = server.address
    yield server
    scanner(app).wait_idle()
    server.close()
    shutil.rmtree(folder)


def saved(data: bytes, name: str, status: ScanStatus | None = None) -> StoredFile:
    stored = store(db.session, data, name)
    if status is not None:
        stored.scan_status = status
        if status in (ScanStatus.CLEAN, ScanStatus.INFECTED, ScanStatus.ERROR):
            from app.core.db import utcnow

            stored.scanned_at = utcnow()
    db.session.commit()
    return stored


def test_a_request_body_over_the_limit_answers_413_with_the_limits_in_french(client):
    token = csrf_token(client, "/connexion")
    response = client.post("/connexion", data={"csrf_token": token, "email": "a@example.org",
                                               "file": (io.BytesIO(b"%" * (12 * MB)), "gros.pdf")})
    assert response.status_code == 413
    html = response.get_data(as_text=True)
    assert '<html lang="fr">' in html and "<h1>Fichier trop volumineux</h1>" in html
    assert "Taille maximale d'un fichier : 10 Mo." in html
    assert "Taille maximale de l'ensemble des pièces d'un dossier : 30 Mo." in html
    assert 'href="/connexion">Revenir au formulaire</a>' in html


def test_the_413_page_keeps_the_language_of_the_visit(client):
    client.get("/?lang=en")
    response = client.post("/connexion", data={"file": (io.BytesIO(b"%" * (12 * MB)), "big.pdf")})
    assert response.status_code == 413
    html = response.get_data(as_text=True)
    assert '<html lang="en">' in html and "File too large" in html


def test_a_file_at_the_cap_goes_through_the_request_limit_and_is_stored(client, routes, app):
    data = samples.pdf()
    data += b"%" * (app.config["FILES_MAX_BYTES"] - len(data))
    response = client.post("/_test/upload", data={"note": "x" * 1000, "file": (io.BytesIO(data), "gros.pdf")})
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    assert db.session.get(StoredFile, int(response.get_data(as_text=True))).size == 10 * MB


def test_a_disguised_upload_is_refused_with_a_clear_sentence(client, routes):
    response = client.post("/_test/upload", data={"file": (io.BytesIO(samples.exe()), "facture.pdf")})
    assert response.status_code == 422
    assert response.get_data(as_text=True).startswith(
        "Le contenu du fichier « facture.pdf » n'est pas celui d'un fichier PDF : il a peut-être été renommé.")
    assert db.session.query(StoredFile).count() == 0


def test_a_form_sent_without_a_file_asks_for_one(client, routes):
    for data in ({}, {"file": (io.BytesIO(b""), "")}):  # no field; the field with no file chosen
        response = client.post("/_test/upload", data=data)
        assert (response.status_code, response.get_data(as_text=True)) == (422, "Choisissez un fichier à joindre.")


def test_a_download_is_an_attachment_with_its_real_name_its_type_and_no_sniffing(client, routes):
    name = 'Budget "prévisionnel" 2027; v2.pdf'
    data = samples.pdf()
    stored = saved(data, name)
    response = client.get(f"/_test/files/{stored.id}?ok=1")
    assert response.status_code == 200 and response.data == data
    assert response.headers["Content-Type"] == "application/pdf"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Cache-Control"] == "private, no-store"
    assert "sandbox" in response.headers["Content-Security-Policy"]
    disposition = response.headers["Content-Disposition"]
    assert disposition == ("attachment; filename=\"Budget _previsionnel_ 2027_ v2.pdf\"; "
                           "filename*=UTF-8''Budget%20%22pr%C3%A9visionnel%22%202027%3B%20v2.pdf")
    kind, options = parse_options_header(disposition)
    assert kind == "attachment" and options["filename"] == name  # what a browser saves it as


def test_an_image_is_a_download_too_never_shown_inline(client, routes):
    stored = saved(samples.png(), "logo.png")
    response = client.get(f"/_test/files/{stored.id}?ok=1")
    assert response.headers["Content-Type"] == "image/png"
    assert response.headers["Content-Disposition"].startswith("attachment;")


def test_without_the_callers_yes_the_file_does_not_exist(client, routes):
    stored = saved(samples.pdf(), "statuts.pdf")
    response = client.get(f"/_test/files/{stored.id}")
    assert response.status_code == 404 and response.data != samples.pdf()
    assert client.get("/_test/files/999999?ok=1").status_code == 404


@pytest.mark.parametrize(("status", "says"), [
    (ScanStatus.PENDING, "en cours d'analyse par l'antivirus"),
    (ScanStatus.INFECTED, "L'antivirus a détecté un virus dans ce fichier"),
    (ScanStatus.ERROR, "L'antivirus n'a pas pu analyser ce fichier"),
])
def test_a_file_not_cleared_by_the_antivirus_is_never_sent_a_page_says_why(client, routes, status, says):
    stored = saved(samples.pdf("secret"), "rib.pdf", status)
    response = client.get(f"/_test/files/{stored.id}?ok=1")
    html = response.get_data(as_text=True)
    assert response.status_code == 404 and says in html and "rib.pdf" in html
    assert b"secret" not in response.data and response.headers["Content-Type"].startswith("text/html")
    assert "Content-Disposition" not in response.headers


def test_a_file_stored_without_antivirus_is_served_and_never_called_clean(client, routes, app):
    stored = saved(samples.pdf(), "statuts.pdf")
    assert stored.scan_status == ScanStatus.NOT_SCANNED
    with app.test_request_context():
        assert stored.scan_status.title == "Non analysé par un antivirus"
    assert client.get(f"/_test/files/{stored.id}?ok=1").status_code == 200


def test_uploads_are_scanned_after_the_request_and_an_infected_one_is_never_served(client, routes, clamd):
    ids = [int(client.post("/_test/upload", data={"file": (io.BytesIO(data), name)}).get_data(as_text=True))
           for data, name in [(samples.pdf(), "statuts.pdf"),
                              (samples.pdf(samples.EICAR.decode()), "rib.pdf")]]
    assert scanner().wait_idle(10)
    db.session.expire_all()
    clean, infected = (db.session.get(StoredFile, i) for i in ids)
    assert (clean.scan_status, infected.scan_status) == (ScanStatus.CLEAN, ScanStatus.INFECTED)
    assert client.get(f"/_test/files/{clean.id}?ok=1").data == samples.pdf()
    response = client.get(f"/_test/files/{infected.id}?ok=1")
    assert response.status_code == 404 and samples.EICAR not in response.data


def test_the_api_keeps_its_own_413_answer(app):
    from werkzeug.exceptions import RequestEntityTooLarge

    with app.test_request_context("/api/v1/actors", method="POST"):
        response = app.handle_http_exception(RequestEntityTooLarge())
    assert response.status_code == 413 and response.mimetype == "application/problem+json"
    with app.test_request_context("/agenda/", method="POST"):
        response = app.handle_http_exception(RequestEntityTooLarge())
    assert response.status_code == 413 and "Taille maximale d'un fichier : 10 Mo." in response.get_data(as_text=True)
