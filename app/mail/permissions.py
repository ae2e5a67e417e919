"""Who reads the outbox: the coordinator.

The role check is the accounts' (``app.auth.permissions.is_coordinator``), reached
through the core's permission registry (``app.core.web.register_permissions``) rather
than imported: mail sits beside accounts and search and imports no feature. Without it
registered, nobody reads the outbox.
"""

from __future__ import annotations

from flask import current_app


def can_read_outbox(user) -> bool:
    registry = current_app.extensions.get("permissions")
    is_coordinator = getattr(registry, "is_coordinator", None) if registry is not None else None
    return bool(is_coordinator is not None and is_coordinator(user))
