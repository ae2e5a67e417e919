"""String enums stored by value, with translated titles for the interface."""

from __future__ import annotations

import re
from enum import StrEnum

import sqlalchemy as sa


class LabelledEnum(StrEnum):
    """A StrEnum whose members carry a lazily translated French title.

    Subclasses define ``__labels__`` mapping each value to an ``_l("...")`` string.
    """

    @property
    def title(self) -> str:
        return str(type(self).__labels__()[self.value])

    @classmethod
    def __labels__(cls) -> dict[str, object]:  # pragma: no cover - overridden
        raise NotImplementedError

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [(m.value, m.title) for m in cls]


def enum_type(enum_cls: type[StrEnum], name: str | None = None) -> sa.Enum:
    """A portable enum column: VARCHAR plus a named CHECK constraint, values in lower case.

    ``name`` names the constraint when a table has two columns of the same enum.
    """
    name = name or re.sub(r"(?<!^)(?=[A-Z])", "_", enum_cls.__name__).lower()
    return sa.Enum(
        enum_cls,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=32,
        values_callable=lambda e: [m.value for m in e],
        validate_strings=True,
    )
