"""Query-string numbers and choices that never fail, and one page of a list."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from werkzeug.datastructures import MultiDict

from app.core.text import clean_arg
from app.extensions import db


def arg_int(args: MultiDict, name: str, default: int | None, low: int, high: int) -> int | None:
    try:
        value = int(args.get(name, ""))
    except ValueError:
        return default
    return min(max(value, low), high)


def arg_choice(args: MultiDict, name: str, allowed) -> str | None:
    value = clean_arg(args.get(name))
    return value if value in allowed else None


@dataclass
class Page:
    items: list
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def paginate(stmt, args: MultiDict, default_per_page: int = 20) -> Page:
    page = arg_int(args, "page", 1, 1, 100_000)
    per_page = arg_int(args, "per_page", default_per_page, 1, 100)
    total = db.session.scalar(sa.select(sa.func.count()).select_from(stmt.order_by(None).subquery()))
    items = db.session.scalars(stmt.limit(per_page).offset((page - 1) * per_page)).unique().all()
    return Page(items, total or 0, page, per_page)
