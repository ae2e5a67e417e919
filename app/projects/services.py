"""Keeping the public record of funded projects, and the funders' edits of it.

:func:`follow_application` listens to the calls (:mod:`app.core.signals`): a project is
created when an application is accepted, and its funding lines follow every later
correction of a grant. Like every service: flush, audit, re-index; never commit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import sqlalchemy as sa

from app.auth.models import User
from app.core import audit, records
from app.core.dates import PARIS
from app.core.rules import RuleViolations, Violation
from app.core.signals import ApplicationFacts, ShareFacts
from app.core.text import fold
from app.extensions import db
from app.network.models import Member, Territory, TerritoryKind, Theme
from app.projects.models import Project, ProjectFunding
from app.projects.permissions import can_show_again

DOC_TYPE = "project"
ACCEPTED = "accepted"
EDITED = ["title", "summary", "local_benefits", "place_hidden", "hidden"]


def project_of_application(application_id: int) -> Project | None:
    return db.session.scalar(sa.select(Project).where(Project.application_id == application_id))


def _grants(facts: ApplicationFacts) -> list[ShareFacts]:
    return [s for s in facts.shares if s.granted_cents]


def _decision_year(facts: ApplicationFacts) -> int | None:
    days = [s.decided_on for s in _grants(facts) if s.decided_on]
    if days:
        return max(days).year
    return facts.decided_at.astimezone(PARIS).year if facts.decided_at else None


def _fundings_text(project: Project) -> list[dict]:
    """The funding lines as the history shows them (member, amount, deliberation)."""
    members = {m.id: m for m in db.session.scalars(
        sa.select(Member).where(Member.id.in_([f.member_id for f in project.fundings])))}
    return [{"member": members[f.member_id].name, "cents": f.amount_cents, "reference": f.decision_reference}
            for f in project.fundings]


def _decider(facts: ApplicationFacts) -> tuple[User | None, dict]:
    """Who caused the change (the deciding user, None for the portal itself), and the
    coordinator recorded as such when deciding in a member's place."""
    user = db.session.get(User, facts.by_user_id) if facts.by_user_id else None
    return user, ({"acting_as": "coordinator"} if user is not None and facts.by_coordinator else {})


def follow_application(facts: ApplicationFacts) -> Project | None:
    """Bring the public record in line with the application's decisions: created once it
    is accepted (never before), funding lines = the shares granted (amount > 0)."""
    project = project_of_application(facts.application_id)
    if project is None:
        if facts.state != ACCEPTED or not _grants(facts):
            return None  # a grant cancelled while in instruction never shows
        project = _create(facts)
        created = True
    else:
        created = False
    before = _fundings_text(project)
    _set_fundings(project, facts)
    project.decision_year = _decision_year(facts) or project.decision_year
    db.session.flush()
    after = _fundings_text(project)
    user, acting = _decider(facts)
    if created:  # a creation holds the first values only, like records.create
        audit.record(user, "project.create", project, {"application": facts.application_id, "fundings": after,
                                                       **acting})
    elif before != after:
        audit.record(user, "project.fundings", project, {
            "fundings": [before, after], **{k: [None, v] for k, v in acting.items()}})
    else:
        return project
    records.written(DOC_TYPE, [project.id])
    return project


def _create(facts: ApplicationFacts) -> Project:
    themes = list(db.session.scalars(sa.select(Theme).where(Theme.id.in_(facts.theme_ids)))) \
        if facts.theme_ids else []
    territory = db.session.get(Territory, facts.partner_territory_id) if facts.partner_territory_id else None
    project = Project(application_id=facts.application_id, call_id=facts.call_id,
                      call_title_fr=facts.call_title_fr[:200], call_title_en=facts.call_title_en[:200],
                      actor_id=facts.actor_id, title=(facts.title or f"#{facts.application_id}")[:200],
                      summary=facts.summary, local_benefits=facts.local_benefits,
                      partner_territory=territory, themes=themes)
    db.session.add(project)
    return project


def _set_fundings(project: Project, facts: ApplicationFacts) -> None:
    granted = {s.member_id: s for s in _grants(facts)}
    for funding in list(project.fundings):
        if funding.member_id not in granted:
            project.fundings.remove(funding)  # a grant withdrawn (corrected to 0, or cancelled)
    by_member = {f.member_id: f for f in project.fundings}
    for member_id, share in sorted(granted.items()):
        funding = by_member.get(member_id)
        if funding is None:
            funding = ProjectFunding(member_id=member_id)
            project.fundings.append(funding)
        funding.amount_cents = share.granted_cents
        funding.decision_reference = share.decision_reference
        funding.decided_on = share.decided_on
        funding.convention_on = share.convention_on
        funding.payment_terms = share.payment_terms
        funding.payment_from, funding.payment_until = share.payment_from, share.payment_until


def on_share_decision(_sender, *, action: str, member_id: int, application: ApplicationFacts, **_extra) -> None:
    follow_application(application)


def on_outcome(_sender, *, outcome: str, application: ApplicationFacts, **_extra) -> None:
    follow_application(application)


# -- the funders' edits ---------------------------------------------------------------------


@dataclass
class ProjectEdit:
    title: str
    summary: str
    local_benefits: str
    place_hidden: bool
    hidden: bool
    reason: str = ""  # why hidden (kept in the audit trail, never shown publicly)


HIDES = ("place_hidden", "hidden")


def locked_hides(user, project: Project) -> dict[str, Member | None]:
    """What this user may not show again (hidden by another member), with that member."""
    return {what: getattr(project, f"{what}_by") for what in HIDES if not can_show_again(user, project, what)}


def edit_project(user, project: Project, data: ProjectEdit, *, version: int | None) -> dict:
    """Raises RuleViolations("shown_by_other_member") when asked to show again what another
    member hid (nothing changed)."""
    records.check_version(project, version)
    refused = [Violation("shown_by_other_member", what) for what in HIDES
               if getattr(project, what) and not getattr(data, what) and not can_show_again(user, project, what)]
    if refused:
        raise RuleViolations(refused)

    def apply(p: Project) -> dict:
        p.title = data.title.strip()[:200]
        p.summary = data.summary.strip()
        p.local_benefits = data.local_benefits.strip()
        for what in HIDES:
            wanted = getattr(data, what)
            if wanted and not getattr(p, what):
                setattr(p, f"{what}_by_member_id", getattr(user, "member_id", None))
            elif not wanted:
                setattr(p, f"{what}_by_member_id", None)
            setattr(p, what, wanted)
        return {}

    def with_reason(changes: dict) -> None:
        if data.reason.strip() and ("hidden" in changes or "place_hidden" in changes):
            changes["reason"] = [None, data.reason.strip()]

    return records.update(user, project, apply, version=version, action="project.edit", audited=EDITED,
                          doc_type=DOC_TYPE, on_change=with_reason)


def place_still_named(project: Project) -> tuple[str, list[str]]:
    """When the place is hidden: the place's (or its country's) names still written in the
    public texts, and which of them (``title``, ``summary``, ``local_benefits``); ("", [])
    when none. Accents and case do not count: « écoles de DAKAR » names Dakar."""
    if not project.place_hidden or project.partner_territory is None:
        return "", []
    names, territory = [], project.partner_territory
    while territory is not None:
        names += [n for n in (territory.name, territory.name_en) if n]
        territory = territory.parent if territory.kind != TerritoryKind.COUNTRY else None
    texts = {field: fold(text or "") for field, text in
             (("title", project.title), ("summary", project.summary), ("local_benefits", project.local_benefits))}
    spellings: dict[str, str] = {}
    for name in names:
        spellings.setdefault(fold(name), name)  # « Senegal » is « Sénégal »
    found, fields = [], set()
    for folded, name in spellings.items():
        pattern = re.compile(rf"(?<!\w){re.escape(folded)}(?!\w)")
        named = {field for field, text in texts.items() if pattern.search(text)}
        if named:
            found.append(name)
            fields |= named
    return ", ".join(found), [field for field in texts if field in fields]
