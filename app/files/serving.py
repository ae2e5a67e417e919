"""Answering a stored file, always as a download, and the page of a too large upload."""

from __future__ import annotations

import logging
import unicodedata
from urllib.parse import quote

from flask import Response, abort, current_app, make_response, render_template, send_file

from app.files.models import StoredFile
from app.files.storage import path_of

log = logging.getLogger(__name__)


def content_disposition(name: str) -> str:
    """``attachment`` with an ASCII fallback and the real name per RFC 6266 / 5987."""
    fallback = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    fallback = "".join(c if c.isprintable() and c not in '"\\;' else "_" for c in fallback).strip() or "fichier"
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


def send_stored(stored: StoredFile | None, *, allowed: bool) -> Response:
    """The file's bytes as a download, if the caller's access check (``allowed``) said yes.

    The caller decides who may download (the applications know who is who); a refusal
    answers 404, as for a file that does not exist. A file the antivirus has not cleared
    (pending, infected, error) is never sent: a page says why. A file stored while no
    antivirus was configured is sent (its status says "not scanned", never "clean").
    """
    if stored is None or not allowed:
        abort(404)
    if not stored.servable:
        page = render_template("files/unavailable.html", stored=stored)
        return make_response(page, 404, {"Cache-Control": "private, no-store"})
    path = path_of(stored)
    if not path.is_file():
        log.error("files: file %d (%s) is missing from %s", stored.id, stored.storage_name,
                  current_app.config["FILES_DIR"])
        abort(404)
    response = send_file(path, mimetype=stored.mime_type, conditional=False, etag=False, max_age=None)
    response.headers["Content-Disposition"] = content_disposition(stored.original_name)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-store"
    # Were a browser ever to render it, it would run nothing.
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


def too_large_page(error) -> Response:
    """413: what the limits are and what to do, in the page's language."""
    config = current_app.config
    page = render_template("files/too_large.html", max_file=config["FILES_MAX_BYTES"],
                           max_set=config["FILES_MAX_SET_BYTES"])
    return make_response(page, 413)
