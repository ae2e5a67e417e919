"""The officer's answer to other members' trainings on a similar topic, on the event form.

Helpers of :mod:`app.agenda.views` (new and edit): find the overlaps before saving a
training, and read the answer given beside them (merge, join, keep both with a reason).
"""

from __future__ import annotations

from flask_babel import gettext as _
from flask_login import current_user

from app.agenda import coordination, services
from app.agenda.models import Event, EventKind, EventStatus
from app.agenda.overlap import Overlap

Found = list[tuple[Event, Overlap]]


def overlaps_before_saving(form, data: services.EventData, event: Event | None,
                           members: frozenset[str]) -> Found | None:
    """Other members' trainings on a similar topic within three months (None: none, or
    not a member's training). The likely twins the officer just called another event
    (the twins' warning comes first) are not asked about again."""
    if not current_user.is_officer or data.kind != EventKind.TRAINING or not members:
        return None
    if event is not None and event.status not in (EventStatus.DRAFT, EventStatus.PUBLISHED):
        return None
    set_aside = frozenset()
    if form.distinct.data == "1":
        set_aside = frozenset(twin.id for twin, _twin in services.likely_twins(
            services.facts_of(event.id if event else None, data, members), data.starts_at, data.ends_at,
            members_only=True))
    facts = coordination.training_facts(event.id if event else None, title=data.title, starts_at=data.starts_at,
                                        ends_at=data.ends_at, themes=data.themes, audience=data.audience,
                                        members=members)
    return coordination.overlaps_for(facts, data.starts_at, data.ends_at, set_aside=set_aside) or None


def mergeable(other: Event, data: services.EventData) -> bool:
    """The existing merge folds an announcement into a published one of the same visibility."""
    return other.status == EventStatus.PUBLISHED and other.visibility == data.visibility


def answer(form, found: Found, data: services.EventData, *, creating: bool) -> tuple[str, Event | None] | None:
    """("keep", None), ("merge", event) or ("join", event); None when there is no valid
    answer yet (the form then says what is missing)."""
    raw = form.overlap_answer.data or ""
    if not raw:
        return None
    if raw == "keep":
        if not (form.overlap_reason.data or "").strip():
            form.overlap_reason.errors = [*form.overlap_reason.errors,
                                          _("Indiquez pourquoi vous gardez les deux formations.")]
            return None
        return "keep", None
    kind, _sep, ident = raw.partition(":")
    by_id = {e.id: e for e, _overlap in found}
    other = by_id.get(int(ident)) if ident.isdigit() else None
    if other is not None and ((kind == "merge" and mergeable(other, data)) or (kind == "join" and creating)):
        return kind, other
    form.overlap_answer.errors = [*form.overlap_answer.errors, _("Choisissez une des réponses proposées.")]
    return None


def likeness(found: Found, other: Event) -> tuple[str, ...]:
    return next((o.reasons for e, o in found if e.id == other.id), ())
