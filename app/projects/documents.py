"""What the search index keeps of funded projects: public ones only (a hidden project is
never found; a hidden place is neither written nor given as a country)."""

from __future__ import annotations

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session, selectinload

from app.core.money import format_euros
from app.network.models import Territory
from app.projects.models import Project, ProjectFunding
from app.projects.queries import public_condition
from app.search.backend import PUBLIC, SearchDocument
from app.search.documents import bilingual, register


def _all_project_ids(session: Session) -> list[int]:
    return list(session.scalars(sa.select(Project.id).where(public_condition()).order_by(Project.id)))


@register("project", _all_project_ids, label=_l("Projets financés"), position=6)
def project_documents(session: Session, ids: list[int]) -> dict[int, SearchDocument | None]:
    projects = session.scalars(
        sa.select(Project).where(Project.id.in_(ids)).options(
            selectinload(Project.actor), selectinload(Project.themes),
            selectinload(Project.partner_territory).selectinload(Territory.parent),
            selectinload(Project.fundings).selectinload(ProjectFunding.member))
    ).all()
    out: dict[int, SearchDocument | None] = {}
    for project in projects:
        if not project.public:
            continue
        place = project.public_place
        funders = ", ".join(f.member.name for f in project.fundings)
        body = " ".join([project.summary, project.local_benefits, project.actor.name, funders,
                         " ".join(t.label for t in project.themes), place.name if place else "",
                         (place.name_en or "") if place else ""])

        def subtitle(project=project, place=place) -> str:
            from flask_babel import get_locale

            locale = str(get_locale() or "fr")
            parts = [project.actor.name, place.label(locale) if place else "",
                     _("%(amount)s accordés", amount=format_euros(project.total_cents, locale))]
            return " · ".join(p for p in parts if p)

        out[project.id] = SearchDocument(
            type="project", id=project.id, title=project.title, url=project.path, body=body,
            **bilingual(subtitle),
            departement=sorted({f.member.code for f in project.fundings if f.member.code.isdigit()}),
            theme=[t.slug for t in project.themes],
            pays=[place.country_code] if place and not place.is_french else [],
            audience=PUBLIC,
        )
    return out
