"""Virus scanning: each pending file sent to clamd, its verdict recorded.

Files are scanned after the request that stored them (a background thread, as mail is
delivered) and by ``flask files scan``. A clamd that cannot be reached leaves files
pending for the next run; a verdict is written only on a file still pending, so two
scanners never overwrite each other.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

import sqlalchemy as sa
from flask import Flask, current_app

from app.core.background import BackgroundWorker
from app.core.db import utcnow
from app.extensions import db
from app.files.clamd import ClamdUnavailable, instream
from app.files.models import ScanStatus, StoredFile
from app.files.storage import path_of

log = logging.getLogger(__name__)


@dataclass
class ScanOutcome:
    clean: int = 0
    infected: list[tuple[int, str]] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)
    unavailable: str = ""  # why clamd could not be reached (files left pending)


def scan_pending(limit: int | None = None, include_unscanned: bool = False) -> ScanOutcome:
    """Scan the pending files (and those stored without an antivirus, if asked)."""
    address = current_app.config.get("CLAMD_SOCKET")
    outcome = ScanOutcome()
    if not address:
        outcome.unavailable = "CLAMD_SOCKET is not set"
        return outcome
    wanted = [ScanStatus.PENDING] + ([ScanStatus.NOT_SCANNED] if include_unscanned else [])
    query = sa.select(StoredFile.id, StoredFile.storage_name, StoredFile.scan_status).where(
        StoredFile.scan_status.in_(wanted)).order_by(StoredFile.id).limit(limit)
    rows = db.session.execute(query).all()
    db.session.rollback()  # no transaction held open while clamd reads
    timeout = float(current_app.config["CLAMD_TIMEOUT"])
    for id_, storage_name, status in rows:
        try:
            with open(path_of(storage_name), "rb") as stream:
                verdict = instream(address, stream, timeout)
        except ClamdUnavailable as exc:
            outcome.unavailable = str(exc)
            log.warning("files: clamd unavailable (%s), %d file(s) left pending", exc, len(rows))
            return outcome
        except OSError as exc:  # the file itself is gone or unreadable
            _record(id_, status, ScanStatus.ERROR, f"{type(exc).__name__}: {exc}"[:200])
            outcome.errors.append((id_, str(exc)))
            continue
        if verdict.infected:
            _record(id_, status, ScanStatus.INFECTED, verdict.detail)
            outcome.infected.append((id_, verdict.detail))
            log.warning("files: file %d is infected (%s)", id_, verdict.detail)
        elif verdict.error:
            _record(id_, status, ScanStatus.ERROR, verdict.detail)
            outcome.errors.append((id_, verdict.detail))
        else:
            _record(id_, status, ScanStatus.CLEAN, None)
            outcome.clean += 1
    return outcome


def _record(id_: int, was: ScanStatus, status: ScanStatus, detail: str | None) -> None:
    db.session.execute(sa.update(StoredFile).where(StoredFile.id == id_, StoredFile.scan_status == was)
                       .values(scan_status=status, scan_detail=detail, scanned_at=utcnow()))
    db.session.commit()


class Scanner(BackgroundWorker):
    """One background thread per process, woken after a request stored a file to scan."""

    def __init__(self, app: Flask) -> None:
        super().__init__(app, "files-scan", _scan_after_request)


def _scan_after_request() -> None:
    scan_pending()
    db.session.remove()
