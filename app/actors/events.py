"""What happens when a scheme is published, for the features above the directory (the
accounts' saved searches mail their alerts): they register a listener in their
``init_app``; the directory calls them in the publishing transaction."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.actors.models import FundingScheme

SchemeListener = Callable[["FundingScheme"], None]
LISTENERS: dict[str, SchemeListener] = {}


def on_scheme_published(name: str, listener: SchemeListener) -> None:
    LISTENERS[name] = listener


def scheme_published(scheme: FundingScheme) -> None:
    for name in sorted(LISTENERS):
        LISTENERS[name](scheme)
