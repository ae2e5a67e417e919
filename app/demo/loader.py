"""Load the demo data of app/demo/data.py, idempotently.

Everything is looked up by its natural key (member code, territory code, actor name
and département, scheme name and funder, user email); what exists is left as it is,
what is missing is created, actors and schemes through the directory services so the
audit trail and the search queue are written. One commit at the end.
"""

from __future__ import annotations

from datetime import date, timedelta

import sqlalchemy as sa

from app.actors import services
from app.actors.models import (
    Actor,
    ActorKind,
    Beneficiary,
    FundingScheme,
    PublicationStatus,
    Recurrence,
)
from app.agenda.models import Event
from app.auth.models import Role, User
from app.calls.models import Call
from app.core import audit
from app.demo import data
from app.demo.agenda import load_events
from app.demo.applications import load_applications
from app.demo.calls import JOINT_TITLE, OLD_TITLE, load_calls
from app.demo.data import DEMO_ACCOUNTS, DEMO_PASSWORD  # noqa: F401  (re-exported for the README)
from app.demo.decisions import load_decisions
from app.extensions import db
from app.network.models import (
    Member,
    MemberKind,
    MemberStatus,
    Partnership,
    PartnershipKind,
    Territory,
    TerritoryKind,
    Theme,
)
from app.search.sync import enqueue


class _Loader:
    def __init__(self, today: date):
        self.today = today
        self.territories = {t.code: t for t in db.session.scalars(sa.select(Territory))}
        self.themes = {t.slug: t for t in db.session.scalars(sa.select(Theme))}
        self.members = {m.code: m for m in db.session.scalars(sa.select(Member))}
        self.created = dict.fromkeys(
            ("membres", "territoires", "partenariats", "acteurs", "dispositifs", "comptes", "événements"), 0
        )

    # -- lookups (a typo in data.py fails loudly) ---------------------------------------

    def territory_list(self, codes: list[str]) -> list[Territory]:
        return [self.territories[code] for code in codes]

    def theme_list(self, slugs: list[str]) -> list[Theme]:
        return [self.themes[slug] for slug in slugs]

    # -- steps --------------------------------------------------------------------------

    def load_members(self) -> None:
        for spec in data.MEMBERS:
            if spec["code"] in self.members:
                continue
            joined = spec.get("joined_on")
            member = Member(
                code=spec["code"], kind=MemberKind(spec["kind"]), name=spec["name"],
                short_name=spec["short_name"], seat=spec["seat"],
                territory=self.territories[spec["territory"]], status=MemberStatus(spec["status"]),
                is_coordinator=spec.get("is_coordinator", False),
                joined_on=date(*joined) if joined else None,
                deliberation_ref=spec.get("deliberation_ref"), website=spec.get("website"),
                description=spec["description"],
            )
            db.session.add(member)
            db.session.flush()
            audit.record(None, "member.create", member,
                         {"code": member.code, "status": member.status.value})
            self.members[member.code] = member
            self.created["membres"] += 1

    def load_territories(self) -> None:
        new_ids = []
        for code, kind, name, name_en, description in data.PARTNER_TERRITORIES:
            if code in self.territories:
                continue
            country = self.territories[code[:2]]
            territory = Territory(code=code, kind=TerritoryKind(kind), name=name, name_en=name_en,
                                  country_code=country.code, parent=country, description=description)
            db.session.add(territory)
            db.session.flush()
            self.territories[code] = territory
            new_ids.append(territory.id)
        if new_ids:
            enqueue(db.session, "territory", new_ids)
        self.created["territoires"] += len(new_ids)

    def load_partnerships(self) -> None:
        existing = set(db.session.execute(sa.select(Partnership.member_id, Partnership.territory_id)))
        for member_code, territory_code, kind, since, dormant, summary in data.PARTNERSHIPS:
            member, territory = self.members[member_code], self.territories[territory_code]
            if (member.id, territory.id) in existing:
                continue
            db.session.add(Partnership(member=member, territory=territory, kind=PartnershipKind(kind),
                                       since_year=since, dormant=dormant, summary=summary))
            existing.add((member.id, territory.id))
            self.created["partenariats"] += 1

    def actor_data(self, spec: dict) -> services.ActorData:
        return services.ActorData(
            name=spec["name"], kind=ActorKind(spec["kind"]), acronym=spec.get("acronym"),
            description=spec["description"], postal_code=spec["postal_code"], commune=spec["commune"],
            departement=self.territories[spec["dep"]] if spec["dep"] else None,
            website=spec.get("website"), email=spec.get("email"),
            contact_public=spec.get("contact_public", False),
            members_total=spec.get("members_total"), members_idf=spec.get("members_idf"),
            themes=self.theme_list(spec["themes"]), territories=self.territory_list(spec["territories"]),
        )

    def load_actors(self) -> None:
        for spec in data.ACTORS:
            actor_data = self.actor_data(spec)
            if services.find_actor(actor_data) is None:
                services.create_actor(None, actor_data)
                self.created["acteurs"] += 1

    def scheme_data(self, spec: dict) -> services.SchemeData:
        window = spec.get("window")
        opens_on, closes_on = (
            (self.today + timedelta(days=window[0]), self.today + timedelta(days=window[1]))
            if window else (None, None)
        )

        def cents(euros: int | None) -> int | None:
            return None if euros is None else euros * 100

        return services.SchemeData(
            name=spec["name"],
            funder_member=self.members[spec["funder"]] if spec["funder"] else None,
            funder_name=spec.get("funder_name"), summary=spec["summary"],
            description=spec["description"],
            beneficiaries=[Beneficiary(b) for b in spec["beneficiaries"]],
            themes=self.theme_list(spec["themes"]), territories=self.territory_list(spec["territories"]),
            age_min=spec.get("age_min"), age_max=spec.get("age_max"),
            amount_min_cents=cents(spec.get("amount_min")), amount_max_cents=cents(spec.get("amount_max")),
            max_rate_percent=spec.get("max_rate"), recurrence=Recurrence(spec["recurrence"]),
            opens_on=opens_on, closes_on=closes_on, legal_basis=spec.get("legal_basis"),
            url=spec.get("url"), conditions=spec.get("conditions", ""),
            how_to_apply=spec.get("how_to_apply", ""), documents=spec.get("documents", ""),
            contact_name=spec.get("contact_name"), contact_email=spec.get("contact_email"),
        )

    def load_schemes(self) -> None:
        for spec in data.SCHEMES:
            scheme_data = self.scheme_data(spec)
            if services.find_scheme(scheme_data) is None:
                services.create_scheme(None, scheme_data, publish=True)
                self.created["dispositifs"] += 1

    def load_users(self) -> None:
        for spec in data.USERS:
            if db.session.scalar(sa.select(User.id).where(User.email == spec["email"])):
                continue
            actor = None
            if "actor" in spec:
                name, dep = spec["actor"]
                actor = services.find_actor(services.ActorData(
                    name=name, kind=ActorKind.ASSOCIATION, departement=self.territories[dep]))
            user = User(email=spec["email"], name=spec["name"], role=Role(spec["role"]),
                        member=self.members.get(spec.get("member")), actor=actor)
            user.set_password(DEMO_PASSWORD)
            db.session.add(user)
            self.created["comptes"] += 1


def _summary(created: dict[str, int]) -> str:
    def count(statement) -> int:
        return db.session.scalar(sa.select(sa.func.count()).select_from(statement.subquery()))

    totals = {
        "membres": count(sa.select(Member.id)),
        "territoires": count(sa.select(Territory.id).where(Territory.kind.in_(
            [TerritoryKind.PARTNER_CITY, TerritoryKind.PARTNER_REGION]))),
        "partenariats": count(sa.select(Partnership.id)),
        "acteurs": count(sa.select(Actor.id).where(Actor.published)),
        "dispositifs": count(sa.select(FundingScheme.id).where(
            FundingScheme.status == PublicationStatus.PUBLISHED)),
        "comptes": count(sa.select(User.id).where(User.email.in_([u["email"] for u in data.USERS]))),
        "événements": count(sa.select(Event.id)),
        "appels à projets": count(sa.select(Call.id)),
    }
    labels = {"territoires": "territoires partenaires", "comptes": "comptes de démonstration"}
    parts = ", ".join(f"{totals[key]} {labels.get(key, key)}" for key in totals)
    new = sum(created.values())
    done = (f"{new} enregistrements créés par ce chargement" if new > 1
            else "1 enregistrement créé par ce chargement" if new == 1
            else "rien de nouveau : tout était déjà chargé")
    return f"Données de démonstration : {parts} ({done})."


def load() -> str:
    """Create the demo data that is missing; commit once; return a one-line French summary."""
    loader = _Loader(date.today())
    loader.load_members()
    loader.load_territories()
    loader.load_partnerships()
    loader.load_actors()
    loader.load_schemes()
    loader.load_users()
    loader.created["événements"] = load_events(loader.today)
    loader.created["appels à projets"] = load_calls(loader.today)
    loader.created["candidatures"] = load_applications(loader.today)
    loader.created["candidatures instruites"] = load_decisions(loader.today, JOINT_TITLE, OLD_TITLE)
    summary = _summary(loader.created)
    db.session.commit()
    return summary
