"""Who may see and edit a funded project's public record: plain functions."""

from __future__ import annotations

from app.auth.permissions import is_coordinator, is_staff, is_staff_of
from app.projects.models import Project


def funds(user, project: Project) -> bool:
    """An officer of a member that granted money to the project."""
    return is_staff(user) and user.member_id in project.funder_ids


def can_view_project(user, project: Project) -> bool:
    """Everyone once funded and not hidden; a hidden one stays readable by its funders'
    officers and the coordinator (who hid it, and may show it again)."""
    if project.public:
        return True
    return is_coordinator(user) or funds(user, project)


def can_edit_project(user, project: Project) -> bool:
    return is_coordinator(user) or funds(user, project)


def can_show_again(user, project: Project, what: str) -> bool:
    """``what`` ("hidden" or "place_hidden"), set by one member's officer (or the
    coordinator), may be undone only by that member's officers or the coordinator: a
    partner's safety is the hiding member's call, not any other funder's."""
    if not getattr(project, what):
        return True
    return is_coordinator(user) or is_staff_of(user, getattr(project, f"{what}_by_member_id"))
