"""The file store on a real database (SQLite, and PostgreSQL with TEST_DATABASE_URL):
what is kept, where, what a rollback leaves, what the antivirus says, what purging removes."""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import stat
import tempfile
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from app.core.rules import RuleViolations
from app.extensions import db
from app.files import messages
from app.files.models import ScanStatus, StoredFile
from app.files.scanning import scan_pending
from app.files.sniff import DOCX
from app.files.storage import discard, files_dir, path_of, purge_orphans, store
from tests import file_samples as samples
from tests.fake_clamd import FakeClamd


def disk(app) -> list[Path]:
    root = Path(app.config["FILES_DIR"])
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def count() -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(StoredFile))


@pytest.fixture
def clamd(app):
    """A fake clamd on a unix socket (a short path: sockets' paths are limited to ~100 bytes)."""
    folder = Path(tempfile.mkdtemp(prefix="clamd-"))
    server = FakeClamd(folder / "clamd.sock")
    app.config["CLAMD_SOCKET"] = server.address
    yield server
    server.close()
    shutil.rmtree(folder)


def test_a_stored_file_has_a_random_name_outside_static_its_hash_and_no_execute_bit(app, make_user):
    user = make_user("applicant")
    data = samples.pdf()
    stored = store(db.session, data, "../Statuts de l'association.pdf", uploaded_by_id=user.id)
    db.session.commit()
    db.session.expire_all()
    stored = db.session.get(StoredFile, stored.id)
    assert (stored.original_name, stored.mime_type, stored.extension, stored.size) == (
        "Statuts de l'association.pdf", "application/pdf", "pdf", len(data))
    assert stored.sha256 == hashlib.sha256(data).hexdigest()
    assert stored.scan_status == ScanStatus.NOT_SCANNED and stored.scanned_at is None  # never "clean"
    assert stored.uploaded_by_id == user.id
    path = path_of(stored)
    assert path.read_bytes() == data
    assert "Statuts" not in str(path) and len(stored.storage_name) == 32
    assert Path(app.config["FILES_DIR"]) in path.parents
    assert "static" not in path.parts
    assert not path.stat().st_mode & (stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    assert not path.stat().st_mode & stat.S_IRWXO
    assert disk(app) == [path]  # no temporary file left behind
    other = store(db.session, data, "Statuts de l'association.pdf")
    assert other.storage_name != stored.storage_name and other.sha256 == stored.sha256


def test_a_stream_already_read_by_a_validator_is_stored_whole(app):
    from werkzeug.datastructures import FileStorage

    data = samples.docx()
    upload = FileStorage(io.BytesIO(data), filename="Rapport 2026.docx")
    upload.stream.read(10)
    stored = store(db.session, upload, None)
    assert (stored.original_name, stored.size, stored.mime_type) == ("Rapport 2026.docx", len(data), DOCX.mime_type)
    assert path_of(stored).read_bytes() == data


@pytest.mark.parametrize(("data", "name", "code"), [
    (samples.exe(), "facture.pdf", "file_content_not_allowed"),
    (samples.docx(("word/vbaProject.bin", b"vba")), "rapport.docx", "file_macro_refused"),
    (samples.pdf(), "programme.exe", "file_extension_not_allowed"),
    (b"", "vide.pdf", "file_empty"),
])
def test_a_refused_upload_leaves_no_row_and_no_file(app, data, name, code):
    with pytest.raises(RuleViolations) as caught:
        store(db.session, data, name, field="statuts")
    assert caught.value.codes == [code] and caught.value.violations[0].field == "statuts"
    db.session.commit()
    assert count() == 0 and disk(app) == []


def test_a_file_over_the_cap_is_refused(app):
    cap = 2 * 1024 * 1024
    app.config["FILES_MAX_BYTES"] = cap
    exactly = samples.pdf()
    exactly += b"%" * (cap - len(exactly))
    with pytest.raises(RuleViolations) as caught:
        store(db.session, exactly + b"%", "gros.pdf")
    assert caught.value.codes == ["file_too_large"]
    with app.test_request_context():
        assert messages.message(caught.value.violations[0]) == (
            "Le fichier « gros.pdf » dépasse 2 Mo, la taille autorisée par fichier. Réduisez-le (par "
            "exemple en compressant le PDF ou en baissant la résolution des images).")
    assert disk(app) == []
    assert store(db.session, exactly, "juste.pdf").size == cap  # the cap itself is allowed


def test_a_file_that_would_overfill_the_dossier_is_refused(app):
    app.config["FILES_MAX_SET_BYTES"] = 30 * 1024 * 1024
    data = samples.pdf()
    already = 30 * 1024 * 1024 - len(data)
    assert store(db.session, data, "dernier.pdf", already_used=already).size == len(data)
    with pytest.raises(RuleViolations) as caught:
        store(db.session, data, "de trop.pdf", already_used=already + 1)
    [violation] = caught.value.violations
    assert violation.code == "file_set_too_large"
    with app.test_request_context():
        assert messages.message(violation).startswith(
            "Avec le fichier « de trop.pdf » (0,1 Mo), les pièces jointes dépasseraient 30 Mo au total ; "
            "30 Mo sont déjà utilisés.")


def test_every_code_has_a_french_sentence(app):
    from app.core.rules import Violation

    params = {"name": "x.pdf", "ext": "pdf", "claimed": "PDF", "detected": "PNG", "allowed": "PDF",
              "max": 10 * 1024 * 1024, "size": 1536 * 1024, "used": 0}
    with app.test_request_context():
        for code in messages.MESSAGES:
            text = messages.message(Violation(code, "file", params))
            assert "%(" not in text and text.endswith(".")
        assert "(1,5 Mo)" in messages.message(Violation("file_set_too_large", "file", params))


def test_a_rolled_back_transaction_leaves_no_file(app):
    store(db.session, samples.png(), "logo.png")
    assert len(disk(app)) == 1
    db.session.rollback()
    assert disk(app) == [] and count() == 0


def test_a_session_closed_without_commit_leaves_no_file(app):
    store(db.session, samples.png(), "logo.png")
    db.session.remove()  # the end of a request that failed before its commit
    assert disk(app) == [] and count() == 0


def test_a_committed_file_survives_a_later_rollback(app):
    kept = store(db.session, samples.png(), "logo.png")
    db.session.commit()
    store(db.session, samples.jpeg(), "photo.jpg")
    db.session.rollback()
    assert disk(app) == [path_of(kept)]


def test_a_discarded_file_goes_with_the_commit_and_stays_on_rollback(app):
    stored = store(db.session, samples.pdf(), "ancien.pdf")
    db.session.commit()
    path = path_of(stored)
    discard(db.session, stored)
    db.session.rollback()
    assert path.exists() and count() == 1
    discard(db.session, db.session.get(StoredFile, stored.id))
    db.session.commit()
    assert not path.exists() and count() == 0


def age(path: Path, seconds: float) -> None:
    old = time.time() - seconds
    os.utime(path, (old, old))


def test_purge_orphans_removes_only_old_files_that_no_row_names(app):
    kept = store(db.session, samples.pdf(), "garde.pdf")
    db.session.commit()
    age(path_of(kept), 7200)
    orphan = path_of("ab" + "0" * 30)
    orphan.parent.mkdir(parents=True, exist_ok=True)
    orphan.write_bytes(b"left by a process that died before its commit")
    age(orphan, 7200)
    young = path_of("cd" + "1" * 30)  # perhaps a transaction still under way
    young.parent.mkdir(parents=True, exist_ok=True)
    young.write_bytes(b"young")
    stale_tmp = files_dir() / ".tmp" / "up-crashed"
    stale_tmp.write_bytes(b"half")
    age(stale_tmp, 7200)

    dry = purge_orphans(db.session, dry_run=True)
    assert sorted(dry.removed) == sorted([orphan, stale_tmp]) and orphan.exists()

    result = app.test_cli_runner().invoke(args=["files", "purge-orphans"])
    assert result.exit_code == 0, result.output
    assert "2 fichier(s) orphelin(s) supprimé(s)." in result.output
    assert disk(app) == sorted([path_of(kept), young])


def test_purge_reports_rows_whose_file_is_gone(app):
    stored = store(db.session, samples.pdf(), "perdu.pdf")
    db.session.commit()
    path_of(stored).unlink()
    result = app.test_cli_runner().invoke(args=["files", "purge-orphans"])
    assert f"introuvable(s) sur le disque : n° {stored.id}" in result.output


def test_with_clamd_files_wait_then_are_clean_or_infected(app, clamd):
    clean = store(db.session, samples.pdf(), "statuts.pdf")
    infected = store(db.session, samples.pdf(samples.EICAR.decode()), "rib.pdf")
    db.session.commit()
    assert clean.scan_status == infected.scan_status == ScanStatus.PENDING
    assert not clean.servable and not infected.servable

    outcome = scan_pending()
    assert outcome.clean == 1 and outcome.infected == [(infected.id, "Eicar-Test-Signature")]
    db.session.expire_all()
    assert clean.scan_status == ScanStatus.CLEAN and clean.scanned_at is not None and clean.servable
    assert infected.scan_status == ScanStatus.INFECTED and infected.scan_detail == "Eicar-Test-Signature"
    assert not infected.servable
    assert clamd.scanned == [samples.pdf(), samples.pdf(samples.EICAR.decode())]  # the bytes as stored
    assert scan_pending().clean == 0  # nothing scanned twice


def test_clamd_over_tcp(app):
    server = FakeClamd()
    app.config["CLAMD_SOCKET"] = server.address
    try:
        stored = store(db.session, samples.png(), "logo.png")
        db.session.commit()
        result = app.test_cli_runner().invoke(args=["files", "scan"])
    finally:
        server.close()
    assert result.exit_code == 0 and "1 fichier(s) sain(s) ; 0 infecté(s) ; 0 en erreur." in result.output
    db.session.expire_all()
    assert stored.scan_status == ScanStatus.CLEAN


def test_a_clamd_that_cannot_scan_gives_an_error_status(app, clamd):
    clamd.reply_error = True
    stored = store(db.session, samples.pdf(), "statuts.pdf")
    db.session.commit()
    assert scan_pending().errors == [(stored.id, "INSTREAM size limit exceeded. ERROR")]
    db.session.expire_all()
    assert stored.scan_status == ScanStatus.ERROR and not stored.servable


def test_an_unreachable_clamd_leaves_files_pending_and_the_command_fails(app, tmp_path):
    app.config["CLAMD_SOCKET"] = str(tmp_path / "no-clamd.sock")
    stored = store(db.session, samples.pdf(), "statuts.pdf")
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["files", "scan"])
    assert result.exit_code == 1 and "clamd injoignable" in result.output
    db.session.expire_all()
    assert stored.scan_status == ScanStatus.PENDING


def test_files_stored_without_an_antivirus_can_be_scanned_later_on_request(app, clamd):
    app.config["CLAMD_SOCKET"] = ""
    stored = store(db.session, samples.pdf(samples.EICAR.decode()), "ancien.pdf")
    db.session.commit()
    app.config["CLAMD_SOCKET"] = clamd.address
    assert scan_pending().infected == []  # only pending ones by default
    assert scan_pending(include_unscanned=True).infected == [(stored.id, "Eicar-Test-Signature")]


def test_the_database_refuses_a_scanned_status_without_its_date(app):
    stored = store(db.session, samples.pdf(), "statuts.pdf")
    db.session.commit()
    with pytest.raises(sa.exc.IntegrityError):
        db.session.execute(sa.update(StoredFile).where(StoredFile.id == stored.id)
                           .values(scan_status=ScanStatus.CLEAN))
        db.session.flush()
    db.session.rollback()
