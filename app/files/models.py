"""A file someone uploaded: its bytes live in ``FILES_DIR`` under a random name, the row
says what it is (as sniffed from its content, never from its name) and whether an
antivirus has looked at it."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column

from app.core.db import Base, utcnow
from app.core.enums import LabelledEnum, enum_type


class ScanStatus(LabelledEnum):
    PENDING = "pending"  # waiting for clamd
    CLEAN = "clean"  # clamd found nothing
    INFECTED = "infected"  # clamd found a signature: never served
    NOT_SCANNED = "not_scanned"  # no antivirus configured when it was stored: never called clean
    ERROR = "error"  # clamd could not scan it (too big for its limits, unreadable...)

    @classmethod
    def __labels__(cls):
        return {
            "pending": _l("Analyse antivirus en cours"),
            "clean": _l("Analysé, aucun virus détecté"),
            "infected": _l("Virus détecté"),
            "not_scanned": _l("Non analysé par un antivirus"),
            "error": _l("Analyse antivirus impossible"),
        }


# What may be served: clean, or stored while no antivirus was configured (and shown as such).
SERVABLE = frozenset({ScanStatus.CLEAN, ScanStatus.NOT_SCANNED})
SCANNED = (ScanStatus.CLEAN, ScanStatus.INFECTED, ScanStatus.ERROR)


class StoredFile(Base):
    __tablename__ = "stored_files"
    __table_args__ = (
        sa.CheckConstraint("size > 0", name="size_positive"),
        sa.CheckConstraint("length(sha256) = 64", name="sha256_hex"),
        sa.CheckConstraint(
            "(scan_status IN ('clean', 'infected', 'error')) = (scanned_at IS NOT NULL)",
            name="scanned_at_when_scanned",
        ),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # secrets.token_hex: nothing of the upload's name reaches the disk.
    storage_name: Mapped[str] = mapped_column(sa.String(64), unique=True)
    # Only offered back as the download's name (cleaned: no path, no control characters).
    original_name: Mapped[str] = mapped_column(sa.String(255))
    mime_type: Mapped[str] = mapped_column(sa.String(100))
    extension: Mapped[str] = mapped_column(sa.String(10))
    size: Mapped[int] = mapped_column(sa.BigInteger)
    sha256: Mapped[str] = mapped_column(sa.String(64), index=True)
    scan_status: Mapped[ScanStatus] = mapped_column(enum_type(ScanStatus), index=True)
    scan_detail: Mapped[str | None] = mapped_column(sa.String(200))  # the signature, or clamd's error
    scanned_at: Mapped[datetime | None]
    uploaded_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    @property
    def servable(self) -> bool:
        return self.scan_status in SERVABLE

    def __repr__(self) -> str:
        return f"<StoredFile {self.id} {self.original_name!r} {self.scan_status}>"
