"""Feeds are polled by calendar applications: a feed is rebuilt only when what it holds
changed (one aggregate query tells), and clients that have it get a 304."""

from __future__ import annotations

import hashlib
from datetime import date

import sqlalchemy as sa
from flask import Response, g, request

from app.extensions import db

FEEDS: dict[tuple, tuple[str, bytes]] = {}
FEEDS_SIZE = 256


def fingerprint(stmt: sa.Select, *columns) -> str:
    summary = stmt.order_by(None).with_only_columns(*columns).subquery()
    row = db.session.execute(sa.select(
        sa.func.count(), *[sa.func.max(c) for c in summary.c], sa.func.sum(summary.c[0]))).one()
    return hashlib.sha256(repr(tuple(row)).encode()).hexdigest()[:32]


def cached_feed(kind: str, stmt: sa.Select, columns, build, mimetype: str, filename: str, *,
                base_url: str) -> Response:
    key = (kind, request.full_path, base_url, str(g.locale), date.today())
    etag = fingerprint(stmt, *columns)
    cached = FEEDS.get(key)
    if cached is None or cached[0] != etag:
        if len(FEEDS) >= FEEDS_SIZE:
            FEEDS.clear()
        cached = FEEDS[key] = (etag, build())
    response = Response(cached[1], mimetype=mimetype, headers={
        "Content-Disposition": f'inline; filename="{filename}"',
        "Cache-Control": "public, max-age=300",
    })
    response.set_etag(etag)
    return response.make_conditional(request)
