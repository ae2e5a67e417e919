"""Every model, imported once so that Alembic and relationships see the whole schema."""

from app.actors.models import (  # noqa: F401
    Actor,
    FundingScheme,
    Member,
    Partnership,
    SchemeBeneficiary,
    Territory,
    Theme,
)
from app.agenda.models import Event, EventOrganiser  # noqa: F401
from app.audit import AuditEntry  # noqa: F401
from app.auth.models import User  # noqa: F401
from app.search.models import SearchPending  # noqa: F401
