"""Every model, imported once so that Alembic and relationships see the whole schema:
the ``models`` module of each feature, and the core's and search's own tables."""

from importlib import import_module
from importlib.util import find_spec

from app.core.audit import AuditEntry  # noqa: F401
from app.search.models import SearchPending  # noqa: F401


def _import_feature_models() -> None:
    from app import FEATURES

    for feature in FEATURES:
        if find_spec(f"{feature}.models") is not None:
            import_module(f"{feature}.models")


_import_feature_models()
