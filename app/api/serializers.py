"""JSON shapes of the API (described, field for field, in :mod:`app.api.openapi`)."""

from __future__ import annotations

from datetime import date

from app.actors.models import Actor, FundingScheme
from app.calls.models import Call
from app.network.models import Territory, Theme
from app.projects.models import Project
from app.search.backend import Hit


def _theme(theme: Theme, locale: str) -> dict:
    return {"slug": theme.slug, "label": theme.label_for(locale)}


def _place(territory: Territory, locale: str) -> dict:
    return {"code": territory.code, "name": territory.label(locale), "country_code": territory.country_code}


def actor(a: Actor, locale: str, *, contact: bool) -> dict:
    return {
        "id": a.id,
        "name": a.name,
        "acronym": a.acronym,
        "kind": a.kind.value,
        "kind_label": a.kind.title,
        "description_html": a.description,
        "postal_code": a.postal_code,
        "commune": a.commune,
        "departement": _place(a.departement, locale) if a.departement else None,
        "themes": [_theme(t, locale) for t in a.themes],
        "partner_territories": [_place(t, locale) for t in a.territories],
        "website": a.website,
        "contact": {"email": a.email, "phone": a.phone} if contact else None,
        "rna": a.rna,
        "siret": a.siret,
        "url": a.path,
        "updated_at": a.updated_at.isoformat(),
    }


def scheme(s: FundingScheme, locale: str, today: date) -> dict:
    return {
        "id": s.id,
        "name": s.name,
        "funder": {
            "name": s.funder_label,
            "member_code": s.funder_member.code if s.funder_member else None,
        },
        "summary": s.summary,
        "description_html": s.description,
        "beneficiaries": [b.value for b in s.beneficiaries],
        "themes": [_theme(t, locale) for t in s.themes],
        "territories": [_place(t, locale) for t in s.territories],
        "age_min": s.age_min,
        "age_max": s.age_max,
        "amount_min_cents": s.amount_min_cents,
        "amount_max_cents": s.amount_max_cents,
        "max_rate_percent": s.max_rate_percent,
        "recurrence": s.recurrence.value,
        "opens_on": s.opens_on.isoformat() if s.opens_on else None,
        "closes_on": s.closes_on.isoformat() if s.closes_on else None,
        "open_now": s.is_open_on(today),
        "legal_basis": s.legal_basis,
        "official_url": s.url,
        "status": s.status.value,
        "url": s.path,
        "updated_at": s.updated_at.isoformat(),
    }


def territory(t: Territory, locale: str) -> dict:
    return {
        "id": t.id,
        "code": t.code,
        "kind": t.kind.value,
        "name": t.label(locale),
        "name_fr": t.name,
        "country_code": t.country_code,
        "parent": {"code": t.parent.code, "name": t.parent.label(locale)} if t.parent else None,
        "url": t.path,
    }


def event(e, locale: str) -> dict:
    return {
        "id": e.id,
        "title": e.title,
        "kind": e.kind.value,
        "kind_label": e.kind.title,
        "summary": e.summary,
        "description_html": e.description,
        "starts_at": e.starts_at.isoformat(),
        "ends_at": e.ends_at.isoformat(),
        "all_day": e.all_day,
        "first_day": e.first_day.isoformat(),
        "last_day": e.last_day.isoformat(),
        "status": e.status.value,
        "online": e.online,
        "online_url": e.online_url,
        "place_name": e.place_name,
        "address": e.address,
        "commune": e.commune,
        "departement": _place(e.departement, locale) if e.departement else None,
        "audience": e.audience,
        "members_only": e.is_members_only,
        "organisers": [
            {"name": o.name, "member_code": o.member.code if o.member else None,
             "actor_id": o.actor_id, "registration_url": o.registration_url}
            for o in e.organisers
        ],
        "themes": [_theme(t, locale) for t in e.themes],
        "countries": [_place(t, locale) for t in e.countries],
        "sequence": e.sequence,
        "url": e.path,
        "ics_url": f"/agenda/{e.id}.ics",
        "updated_at": e.updated_at.isoformat(),
    }


def hit(h: Hit) -> dict:
    return {"type": h.type, "id": h.id, "title": h.title, "url": h.url, "snippet": h.snippet}


def call(c: Call, locale: str) -> dict:
    """A public call: its co-funders' envelopes (accepted ones), never what is committed."""
    return {
        "id": c.id,
        "title": c.title(locale),
        "title_fr": c.title_fr,
        "title_en": c.title_en or None,
        "text_html": c.text(locale),
        "lead": {"name": c.lead_member.name, "member_code": c.lead_member.code},
        "state": c.state.value,
        "phase": c.phase().value,
        "opens_at": c.opens_at.isoformat(),
        "closes_at": c.closes_at.isoformat(),
        "min_own_share_percent": c.min_own_share,
        "max_public_rate_percent": c.max_public_rate,
        "beneficiary_kinds": [k.value for k in c.beneficiary_kind_items],
        "required_attachments": [a.value for a in c.attachment_items],
        "local_anchoring": "blocking" if c.anchoring_blocking else "advisory",
        "themes": [_theme(t, locale) for t in c.themes],
        "partner_territories": [_place(t, locale) for t in c.territories],
        "criteria": [{"label": k.label(locale), "weight": k.weight} for k in c.criteria],
        "cofunders": [{"name": e.member.name, "member_code": e.member.code, "amount_cents": e.amount_cents,
                       "ceiling_cents": e.ceiling_cents, "decision_body": e.decision_body}
                      for e in c.accepted_envelopes],
        "total_cents": c.total_cents,
        "url": c.path,
        "updated_at": c.updated_at.isoformat(),
    }


def project(p: Project, locale: str) -> dict:
    """A public funded project: who granted how much (the deliberations), where (unless its
    funders hid the place), for what; nothing of the dossier behind it."""
    place = p.public_place
    return {
        "id": p.id,
        "title": p.title,
        "summary": p.summary,
        "local_benefits": p.local_benefits,
        "actor": {"id": p.actor_id, "name": p.actor.name, "url": p.actor.path if p.actor.published else None},
        "partner_territory": _place(place, locale) if place else None,
        "themes": [_theme(t, locale) for t in p.themes],
        "decision_year": p.decision_year,
        "call": {"id": p.call_id, "title": p.call_title(locale), "url": f"/appels/{p.call_id}"},
        "fundings": [{"name": f.member.name, "member_code": f.member.code, "amount_cents": f.amount_cents,
                      "decision_reference": f.decision_reference or None,
                      "decided_on": f.decided_on.isoformat() if f.decided_on else None}
                     for f in p.fundings],
        "total_cents": p.total_cents,
        "url": p.path,
        "updated_at": p.updated_at.isoformat(),
    }
