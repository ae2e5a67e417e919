"""Storing uploads: under ``FILES_DIR`` (never under static/), random names, atomic writes.

:func:`store` writes the bytes to a temporary file (hashing and counting them), checks
size and type, renames the file into place, and adds the :class:`StoredFile` row to the
caller's session, unflushed changes and all: the caller's transaction holds the row. If
it rolls back (or ends without a commit), the session event in ``app.files`` deletes the
files it wrote; a process that dies in between leaves an orphan that
``flask files purge-orphans`` removes. :func:`discard` deletes a row, and its file once
the deletion is committed.
"""

from __future__ import annotations

import hashlib
import io
import os
import secrets
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.orm import Session

from app.core.rules import RuleViolations, Violation
from app.files.models import ScanStatus, StoredFile
from app.files.sniff import check_extension, clean_filename, extension, sniff

CHUNK = 64 * 1024
TMP = ".tmp"
# Session.info keys: files written in the transaction (deleted unless it commits), files
# whose rows it deleted (removed once it commits), and "a new file waits for clamd".
WRITTEN = "files_written"
DISCARDED = "files_discarded"
TO_SCAN = "files_to_scan"


def files_dir() -> Path:
    return Path(current_app.config["FILES_DIR"])


def path_of(stored: StoredFile | str) -> Path:
    """Where a file's bytes are: two levels of fan-out keep folders small."""
    name = stored if isinstance(stored, str) else stored.storage_name
    return files_dir() / name[:2] / name


def store(session: Session, upload: BinaryIO | bytes, filename: str | None, *, uploaded_by_id: int | None = None,
          already_used: int = 0, field: str = "file") -> StoredFile:
    """Keep an upload (a ``FileStorage``, a binary stream or bytes) as a new :class:`StoredFile`
    in ``session``; raise :class:`RuleViolations` (nothing kept) when it is refused.

    ``already_used``: bytes the set this file joins (a dossier) already holds, checked
    against ``FILES_MAX_SET_BYTES``.
    """
    config = current_app.config
    if upload is None or (filename is None and getattr(upload, "filename", None) is None):
        raise RuleViolations([Violation("file_missing", field)])
    name = clean_filename(filename if filename is not None else upload.filename)
    if not name:
        raise RuleViolations([Violation("file_missing", field)])
    check_extension(name, field)
    stream = getattr(upload, "stream", upload)
    if isinstance(stream, bytes | bytearray):
        stream = io.BytesIO(stream)
    elif getattr(stream, "seekable", lambda: False)():
        stream.seek(0)  # a validator may have read its first bytes already
    limit = int(config["FILES_MAX_BYTES"])
    tmp_dir = files_dir() / TMP
    tmp_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd, tmp_name = tempfile.mkstemp(dir=tmp_dir, prefix="up-")  # mode 0600: never executable
    tmp = Path(tmp_name)
    try:
        digest, size = _copy(stream, fd, limit)
        if size > limit:
            raise RuleViolations([Violation("file_too_large", field, {"name": name, "max": limit})])
        if size == 0:
            raise RuleViolations([Violation("file_empty", field, {"name": name})])
        set_limit = int(config["FILES_MAX_SET_BYTES"])
        if already_used + size > set_limit:
            raise RuleViolations([Violation("file_set_too_large", field, {
                "name": name, "size": size, "used": already_used, "max": set_limit})])
        kind = sniff(tmp, name, field)
        storage_name = secrets.token_hex(16)
        final = path_of(storage_name)
        final.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        os.replace(tmp, final)  # atomic: the final name only ever holds a whole file
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    session.info.setdefault(WRITTEN, []).append(str(final))
    scanning = bool(config.get("CLAMD_SOCKET"))
    stored = StoredFile(
        storage_name=storage_name, original_name=name, mime_type=kind.mime_type,
        extension=extension(name),  # one of the kind's: sniff() refused any other
        size=size, sha256=digest, uploaded_by_id=uploaded_by_id,
        scan_status=ScanStatus.PENDING if scanning else ScanStatus.NOT_SCANNED,
    )
    session.add(stored)
    session.flush()
    if scanning:
        session.info[TO_SCAN] = True
    return stored


def _copy(stream: BinaryIO, fd: int, limit: int) -> tuple[str, int]:
    """Copy to ``fd`` until the end or one byte past ``limit``; the sha256 and the size."""
    digest = hashlib.sha256()
    size = 0
    with os.fdopen(fd, "wb") as out:
        while size <= limit:
            chunk = stream.read(min(CHUNK, limit + 1 - size))
            if not chunk:
                break
            digest.update(chunk)
            size += len(chunk)
            out.write(chunk)
        out.flush()
        os.fsync(out.fileno())
    return digest.hexdigest(), size


def discard(session: Session, stored: StoredFile) -> None:
    """Delete the row; its file goes once the transaction commits (a rollback keeps both)."""
    session.info.setdefault(DISCARDED, []).append(str(path_of(stored)))
    session.delete(stored)
    session.flush()


def after_commit(session: Session) -> None:
    session.info.pop(WRITTEN, None)
    for path in session.info.pop(DISCARDED, []):
        Path(path).unlink(missing_ok=True)


def after_transaction_end(session: Session, transaction) -> None:
    """A transaction that ends without committing leaves none of the files it wrote."""
    if transaction.parent is not None or transaction.nested:
        return
    for path in session.info.pop(WRITTEN, []):
        Path(path).unlink(missing_ok=True)
    session.info.pop(DISCARDED, None)
    session.info.pop(TO_SCAN, None)


@dataclass
class Purge:
    removed: list[Path]
    missing: list[int]  # rows whose file is gone


def purge_orphans(session: Session, older_than: float = 3600, dry_run: bool = False) -> Purge:
    """Remove the files no row names (left by a process that died before its commit) and
    stale temporary files, if older than ``older_than`` seconds: a younger one may belong
    to a transaction still under way."""
    root = files_dir()
    known = set(session.scalars(sa.select(StoredFile.storage_name)))
    cutoff = time.time() - older_than
    removed = []
    for path in _files(root):
        is_tmp = path.parent.name == TMP
        if (is_tmp or path.name not in known) and path.stat().st_mtime < cutoff:
            if not dry_run:
                path.unlink(missing_ok=True)
            removed.append(path)
    missing = [id_ for id_, name in session.execute(sa.select(StoredFile.id, StoredFile.storage_name))
               if not path_of(name).exists()]
    return Purge(removed, missing)


def _files(root: Path) -> Iterator[Path]:
    if not root.is_dir():
        return
    for sub in root.iterdir():
        if sub.is_dir():
            yield from (p for p in sub.iterdir() if p.is_file())
