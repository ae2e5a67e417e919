"""Every model, imported once so that Alembic and relationships see the whole schema."""

from app.actors.models import Actor, FundingScheme, SchemeBeneficiary  # noqa: F401
from app.agenda.models import Event, EventOrganiser  # noqa: F401
from app.auth.models import User  # noqa: F401
from app.core.audit import AuditEntry  # noqa: F401
from app.network.models import Member, Partnership, Territory, Theme  # noqa: F401
from app.search.models import SearchPending  # noqa: F401
