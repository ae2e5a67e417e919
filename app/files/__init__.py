"""Safe attachments: a reusable file store for the features that take uploads.

- :func:`app.files.storage.store` keeps an upload in the caller's transaction (type
  sniffed from the content, sizes capped, random name, sha256), :func:`discard` deletes one;
- :func:`app.files.serving.send_stored` answers one as a download, once the caller has
  decided who may have it, and never before the antivirus cleared it;
- clamd scans new files after the request when ``CLAMD_SOCKET`` is set; ``flask files
  scan`` and ``flask files purge-orphans`` are the commands for cron.

This package imports the core only: which file belongs to whom is the callers' business.
"""

from __future__ import annotations

from flask import Flask, current_app, g, has_request_context
from sqlalchemy import event
from sqlalchemy.orm import Session

from app.files.scanning import Scanner
from app.files.storage import TO_SCAN

# What a request may carry beyond its file: the form's other fields and the multipart framing.
FORM_ALLOWANCE = 1024 * 1024

_listening = False


def init_app(app: Flask) -> None:
    from app.core.web import register_error_renderer
    from app.files.cli import files_cli
    from app.files.messages import megabytes
    from app.files.serving import too_large_page

    if app.config.get("MAX_CONTENT_LENGTH") is None:
        # One file per request: a bigger body is refused (413) before it is read.
        app.config["MAX_CONTENT_LENGTH"] = int(app.config["FILES_MAX_BYTES"]) + FORM_ALLOWANCE
    app.extensions["files"] = Scanner(app)
    app.cli.add_command(files_cli)
    app.jinja_env.globals["megabytes"] = megabytes
    register_error_renderer(app, "/", too_large_page, code=413)
    app.teardown_request(_scan_after_request)
    _listen()


def scanner(app: Flask | None = None) -> Scanner:
    return (app or current_app).extensions["files"]


def _listen() -> None:
    """Delete the files of a transaction that does not commit; remember, per request, that
    a committed one stored files to scan (once per process)."""
    global _listening
    if _listening:
        return
    from app.extensions import db
    from app.files import storage

    @event.listens_for(db.session, "after_commit")
    def _committed(session: Session) -> None:
        to_scan = session.info.pop(TO_SCAN, False)
        storage.after_commit(session)
        if to_scan and has_request_context():
            g.files_to_scan = True

    event.listen(db.session, "after_transaction_end", storage.after_transaction_end)
    _listening = True


def _scan_after_request(_error: BaseException | None) -> None:
    if g.pop("files_to_scan", False) and current_app.config["FILES_SCAN_AFTER_REQUEST"]:
        scanner().wake()
