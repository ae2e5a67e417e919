"""OpenAPI 3.1 description of ``/api/v1``. The tests validate real responses against it, and
every request's query string is checked against its parameters (:mod:`app.api.params`)."""

from __future__ import annotations

from app.actors.models import ActorKind, Beneficiary, Recurrence
from app.agenda.models import EventKind
from app.api.problems import PROBLEM_JSON
from app.calls.models import Attachment
from app.main.searching import type_labels
from app.network.models import IDF_DEPARTEMENTS, TerritoryKind


def _nullable(schema: dict) -> dict:
    return {"anyOf": [schema, {"type": "null"}]}


STRING = {"type": "string"}
INT = {"type": "integer"}
DATE = {"type": "string", "format": "date"}
# Ids are the database's INTEGER: beyond it the URL names nothing (404).
ID = {"type": "integer", "minimum": 1, "maximum": 2**31 - 1}
DEPARTEMENT = {"enum": list(IDF_DEPARTEMENTS)}

PLACE = {
    "type": "object",
    "additionalProperties": False,
    "required": ["code", "name", "country_code"],
    "properties": {"code": STRING, "name": STRING, "country_code": STRING},
}
THEME = {
    "type": "object",
    "additionalProperties": False,
    "required": ["slug", "label"],
    "properties": {"slug": STRING, "label": STRING},
}


def _paginated(item_ref: str) -> dict:
    return {
        "type": "object",
        "additionalProperties": False,
        "required": ["total", "page", "per_page", "results"],
        "properties": {
            "total": INT,
            "page": INT,
            "per_page": INT,
            "results": {"type": "array", "items": {"$ref": f"#/components/schemas/{item_ref}"}},
        },
    }


SCHEMAS = {
    "Place": PLACE,
    "Theme": THEME,
    "Actor": {
        "type": "object",
        "additionalProperties": False,
        "required": ["id", "name", "kind", "url", "themes", "partner_territories"],
        "properties": {
            "id": INT,
            "name": STRING,
            "acronym": _nullable(STRING),
            "kind": {"enum": [k.value for k in ActorKind]},
            "kind_label": STRING,
            "description_html": {"type": "string", "description": "Sanitised HTML."},
            "postal_code": _nullable(STRING),
            "commune": _nullable(STRING),
            "departement": _nullable({"$ref": "#/components/schemas/Place"}),
            "themes": {"type": "array", "items": {"$ref": "#/components/schemas/Theme"}},
            "partner_territories": {"type": "array", "items": {"$ref": "#/components/schemas/Place"}},
            "website": _nullable(STRING),
            "contact": _nullable({
                "type": "object",
                "additionalProperties": False,
                "description": "Only when the actor chose to publish its contact.",
                "properties": {"email": _nullable(STRING), "phone": _nullable(STRING)},
                "required": ["email", "phone"],
            }),
            "rna": _nullable({"type": "string", "pattern": "^W[0-9]{9}$"}),
            "siret": _nullable({"type": "string", "pattern": "^[0-9]{14}$"}),
            "url": STRING,
            "updated_at": {"type": "string", "format": "date-time"},
        },
    },
    "Scheme": {
        "type": "object",
        "additionalProperties": False,
        "required": ["id", "name", "funder", "url", "open_now", "status"],
        "properties": {
            "id": INT,
            "name": STRING,
            "funder": {
                "type": "object",
                "additionalProperties": False,
                "required": ["name", "member_code"],
                "properties": {
                    "name": STRING,
                    "member_code": _nullable({
                        "type": "string",
                        "description": "The network member's code (\"91\", \"IDF\" for the Région); "
                                       "null for an outside funder.",
                    }),
                },
            },
            "summary": STRING,
            "description_html": STRING,
            "beneficiaries": {"type": "array", "items": {"enum": [b.value for b in Beneficiary]}},
            "themes": {"type": "array", "items": {"$ref": "#/components/schemas/Theme"}},
            "territories": {"type": "array", "items": {"$ref": "#/components/schemas/Place"}},
            "age_min": _nullable(INT),
            "age_max": _nullable(INT),
            "amount_min_cents": _nullable({"type": "integer", "description": "Euro cents."}),
            "amount_max_cents": _nullable({"type": "integer", "description": "Euro cents."}),
            "max_rate_percent": _nullable(INT),
            "recurrence": {"enum": [r.value for r in Recurrence]},
            "opens_on": _nullable(DATE),
            "closes_on": _nullable(DATE),
            "open_now": {"type": "boolean"},
            "legal_basis": _nullable(STRING),
            "official_url": _nullable(STRING),
            "status": {"enum": ["published"]},
            "url": STRING,
            "updated_at": {"type": "string", "format": "date-time"},
        },
    },
    "Territory": {
        "type": "object",
        "additionalProperties": False,
        "required": ["id", "code", "kind", "name", "country_code", "url"],
        "properties": {
            "id": INT,
            "code": STRING,
            "kind": {"enum": [k.value for k in TerritoryKind]},
            "name": STRING,
            "name_fr": STRING,
            "country_code": {"type": "string", "pattern": "^[A-Z]{2}$"},
            "parent": _nullable({
                "type": "object",
                "additionalProperties": False,
                "required": ["code", "name"],
                "properties": {"code": STRING, "name": STRING},
            }),
            "url": STRING,
        },
    },
    "Event": {
        "type": "object",
        "additionalProperties": False,
        "required": ["id", "title", "kind", "starts_at", "ends_at", "all_day", "status", "organisers", "url"],
        "properties": {
            "id": INT,
            "title": STRING,
            "kind": {"enum": [k.value for k in EventKind]},
            "kind_label": STRING,
            "summary": STRING,
            "description_html": STRING,
            "starts_at": {"type": "string", "format": "date-time"},
            "ends_at": {"type": "string", "format": "date-time"},
            "all_day": {"type": "boolean"},
            "first_day": {**DATE, "description": "First day, Europe/Paris."},
            "last_day": {**DATE, "description": "Last day, Europe/Paris (a multi-day training spans several)."},
            "status": {"enum": ["published", "cancelled"]},
            "online": {"type": "boolean"},
            "online_url": _nullable(STRING),
            "place_name": _nullable(STRING),
            "address": _nullable(STRING),
            "commune": _nullable(STRING),
            "departement": _nullable({"$ref": "#/components/schemas/Place"}),
            "audience": STRING,
            "members_only": {"type": "boolean", "description": "Shown only to members' accounts."},
            "organisers": {"type": "array", "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["name", "member_code", "actor_id", "registration_url"],
                "properties": {"name": STRING, "member_code": _nullable(STRING), "actor_id": _nullable(INT),
                               "registration_url": _nullable(STRING)},
            }},
            "themes": {"type": "array", "items": {"$ref": "#/components/schemas/Theme"}},
            "countries": {"type": "array", "items": {"$ref": "#/components/schemas/Place"}},
            "sequence": {"type": "integer", "description": "Grows with each change (iCalendar SEQUENCE)."},
            "url": STRING,
            "ics_url": STRING,
            "updated_at": {"type": "string", "format": "date-time"},
        },
    },
    "SearchHit": {
        "type": "object",
        "additionalProperties": False,
        "required": ["type", "id", "title", "url", "snippet"],
        "properties": {
            "type": STRING,
            "id": INT,
            "title": STRING,
            "url": STRING,
            "snippet": {"type": "string", "description": "HTML: escaped text, matches in <mark>."},
        },
    },
    "Facet": {"type": "object", "additionalProperties": {"type": "integer", "minimum": 0}},
    "SearchResults": {
        "type": "object",
        "additionalProperties": False,
        "required": ["total", "page", "per_page", "results", "facets"],
        "properties": {
            "total": INT,
            "page": INT,
            "per_page": INT,
            "results": {"type": "array", "items": {"$ref": "#/components/schemas/SearchHit"}},
            "facets": {
                "type": "object",
                "additionalProperties": False,
                "required": ["type", "departement", "theme", "pays"],
                "properties": {name: {"$ref": "#/components/schemas/Facet"}
                               for name in ("type", "departement", "theme", "pays")},
            },
        },
    },
    "Suggestions": {
        "type": "object",
        "additionalProperties": False,
        "required": ["results"],
        "properties": {"results": {"type": "array", "items": {"$ref": "#/components/schemas/SearchHit"}}},
    },
    "Call": {
        "type": "object",
        "additionalProperties": False,
        "required": ["id", "title", "lead", "state", "phase", "opens_at", "closes_at", "cofunders", "url"],
        "properties": {
            "id": INT,
            "title": {"type": "string", "description": "In the language asked, French when untranslated."},
            "title_fr": STRING,
            "title_en": _nullable(STRING),
            "text_html": {"type": "string", "description": "Sanitised HTML."},
            "lead": {
                "type": "object",
                "additionalProperties": False,
                "required": ["name", "member_code"],
                "properties": {"name": STRING, "member_code": STRING},
            },
            "state": {"enum": ["published", "closed", "decided", "archived"]},
            "phase": {"enum": ["upcoming", "open", "closed", "decided", "archived"],
                      "description": "From the clock: a published call past its closing time is closed."},
            "opens_at": {"type": "string", "format": "date-time"},
            "closes_at": {"type": "string", "format": "date-time"},
            "min_own_share_percent": {"type": "integer", "minimum": 0, "maximum": 100},
            "max_public_rate_percent": {"type": "integer", "minimum": 1, "maximum": 100},
            "beneficiary_kinds": {"type": "array", "items": {"enum": [k.value for k in ActorKind]}},
            "required_attachments": {"type": "array", "items": {"enum": [a.value for a in Attachment]}},
            "local_anchoring": {"enum": ["advisory", "blocking"]},
            "themes": {"type": "array", "items": {"$ref": "#/components/schemas/Theme"}},
            "partner_territories": {"type": "array", "items": {"$ref": "#/components/schemas/Place"}},
            "criteria": {"type": "array", "items": {
                "type": "object", "additionalProperties": False, "required": ["label", "weight"],
                "properties": {"label": STRING, "weight": INT}}},
            "cofunders": {"type": "array", "items": {
                "type": "object", "additionalProperties": False,
                "required": ["name", "member_code", "amount_cents", "ceiling_cents", "decision_body"],
                "properties": {
                    "name": STRING, "member_code": STRING,
                    "amount_cents": {"type": "integer", "description": "The member's envelope, euro cents."},
                    "ceiling_cents": _nullable({"type": "integer", "description": "Per application, euro cents."}),
                    "decision_body": STRING,
                }}},
            "total_cents": INT,
            "url": STRING,
            "updated_at": {"type": "string", "format": "date-time"},
        },
    },
    "Project": {
        "type": "object",
        "additionalProperties": False,
        "required": ["id", "title", "actor", "themes", "call", "fundings", "total_cents", "url"],
        "properties": {
            "id": INT,
            "title": STRING,
            "summary": {"type": "string", "description": "Plain text."},
            "local_benefits": {"type": "string", "description": "In Île-de-France; plain text."},
            "actor": {
                "type": "object", "additionalProperties": False, "required": ["id", "name", "url"],
                "properties": {"id": INT, "name": STRING, "url": _nullable(STRING)},
            },
            "partner_territory": _nullable({"$ref": "#/components/schemas/Place"}),
            "themes": {"type": "array", "items": {"$ref": "#/components/schemas/Theme"}},
            "decision_year": _nullable(INT),
            "call": {
                "type": "object", "additionalProperties": False, "required": ["id", "title", "url"],
                "properties": {"id": INT, "title": STRING, "url": STRING},
            },
            "fundings": {"type": "array", "items": {
                "type": "object", "additionalProperties": False,
                "required": ["name", "member_code", "amount_cents", "decision_reference", "decided_on"],
                "properties": {
                    "name": STRING, "member_code": STRING,
                    "amount_cents": {"type": "integer", "minimum": 1, "description": "Granted, euro cents."},
                    "decision_reference": _nullable({"type": "string", "description": "The deliberation."}),
                    "decided_on": _nullable(DATE),
                }}},
            "total_cents": INT,
            "url": STRING,
            "updated_at": {"type": "string", "format": "date-time"},
        },
    },
    "ProjectPage": _paginated("Project"),
    "CallPage": _paginated("Call"),
    "ActorPage": _paginated("Actor"),
    "SchemePage": _paginated("Scheme"),
    "TerritoryPage": _paginated("Territory"),
    "EventPage": _paginated("Event"),
    "Problem": {
        "type": "object",
        "description": "RFC 9457 problem details, served as application/problem+json.",
        "additionalProperties": False,
        "required": ["type", "title", "status", "detail"],
        "properties": {
            "type": {"type": "string", "format": "uri-reference",
                     "description": "about:blank for plain HTTP errors."},
            "title": STRING,
            "status": {"type": "integer", "minimum": 400, "maximum": 599},
            "detail": STRING,
            "invalid_params": {
                "type": "array",
                "description": "On a 400: each query parameter refused, and why.",
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["name", "reason"],
                    "properties": {"name": STRING, "reason": STRING},
                },
            },
            "error": {"type": "string", "description": "The title again, as in version 1.0 of the API."},
        },
    },
}


def _param(name: str, description: str, schema: dict | None = None) -> dict:
    return {"name": name, "in": "query", "required": False, "description": description,
            "schema": schema or STRING}


def _list_param(name: str, description: str, items: dict | None = None) -> dict:
    """Repeated (``type=actor&type=event``) or comma-separated (``type=actor,event``)."""
    return {**_param(name, description, {"type": "array", "items": items or STRING}),
            "style": "form", "explode": True}


PAGING = [
    _param("page", "Page number, from 1.", {"type": "integer", "minimum": 1, "maximum": 10_000}),
    _param("per_page", "Results per page, at most 100.", {"type": "integer", "minimum": 1, "maximum": 100}),
]
LANG = _param("lang", "Language of labels: fr (default) or en.", {"enum": ["fr", "en"]})


def _ok(ref: str, description: str) -> dict:
    return {"200": {"description": description,
                    "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{ref}"}}}}}


def _problem(description: str) -> dict:
    return {"description": description,
            "content": {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}}}


RESPONSES = {
    "InvalidParameters": _problem("A query parameter has a value this description does not allow, or is "
                                  "given twice: `invalid_params` names each one and why."),
    "NotFound": _problem("Unknown or unpublished record."),
}
INVALID = {"400": {"$ref": "#/components/responses/InvalidParameters"}}
NOT_FOUND = {"404": {"$ref": "#/components/responses/NotFound"}}


def _list(operation_id: str, tag: str, summary: str, parameters: list[dict], ref: str, description: str) -> dict:
    return {"get": {
        "operationId": operation_id, "tags": [tag], "summary": summary, "parameters": parameters,
        "responses": {**_ok(ref, description), **INVALID},
    }}


def _by_id(operation_id: str, tag: str, ref: str, summary: str) -> dict:
    return {"get": {
        "operationId": operation_id, "tags": [tag], "summary": summary,
        "parameters": [{"name": "id", "in": "path", "required": True, "schema": ID}, LANG],
        "responses": {**_ok(ref, summary), **INVALID, **NOT_FOUND},
    }}


def operation(operation_id: str) -> dict | None:
    """The described GET operation whose ``operationId`` is ``operation_id`` (a view's name)."""
    for item in document()["paths"].values():
        if item["get"]["operationId"] == operation_id:
            return item["get"]
    return None


def document() -> dict:
    filters = [
        _list_param("type", "Record types, repeated or comma-separated.", {"enum": list(type_labels())}),
        _list_param("departement", "Île-de-France département codes.", DEPARTEMENT),
        _list_param("theme", "Theme slugs."),
        _list_param("pays", "Partner country codes (ISO 3166-1 alpha-2)."),
        _param("ouvert", "1: only schemes and calls open today.", {"enum": ["1", "0"]}),
        _param("passes", "1: include past events (hidden by default).", {"enum": ["1", "0"]}),
    ]
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Réseau Île-de-France International — API publique",
            "version": "1.1.0",
            "description": "Read-only access to the public directory of the network: actors, funding "
                           "schemes (dispositifs), territories, events, and full-text search with facets. "
                           "Anonymous: only published, public records, whoever asks. A query parameter "
                           "outside what is described here is refused (400), never ignored.",
            "license": {"name": "Licence Ouverte 2.0 (Etalab)", "identifier": "etalab-2.0"},
        },
        "servers": [{"url": "/api/v1"}],
        "paths": {
            "/search": _list(
                "search", "search", "Full-text search (French-aware) with facet counts, zero counts included.",
                [_param("q", "Words; the last one is matched as a prefix."), *filters, *PAGING, LANG],
                "SearchResults", "Results and facets."),
            "/suggest": _list(
                "suggest", "search", "Type-ahead suggestions on names.",
                [_param("q", "What has been typed so far."), LANG],
                "Suggestions", "At most 8 names."),
            "/actors": _list(
                "actors", "actors", "Directory of actors.",
                [_param("type", "Actor kind.", {"enum": [k.value for k in ActorKind]}),
                 _param("departement", "Département code of the head office.", DEPARTEMENT),
                 _param("theme", "Theme slug."),
                 _param("pays", "Partner country or territory code."), *PAGING, LANG],
                "ActorPage", "A page of actors."),
            "/actors/{id}": _by_id("actor", "actors", "Actor", "One actor."),
            "/schemes": _list(
                "schemes", "schemes", "Funding schemes, filtered as \"which schemes fit me?\".",
                [_param("profil", "Who applies.", {"enum": [b.value for b in Beneficiary]}),
                 _param("departement", "Département code.", DEPARTEMENT),
                 _param("theme", "Theme slug."),
                 _param("pays", "Partner country or territory code."),
                 _param("age", "Age of the applicant.", {"type": "integer", "minimum": 0, "maximum": 120}),
                 _param("ouvert", "1: open today only.", {"enum": ["1", "0"]}),
                 _param("financeur", "Funder's member code (IDF, 77, 91...)."),
                 *PAGING, LANG],
                "SchemePage", "A page of schemes, open ones first."),
            "/schemes/{id}": _by_id("scheme", "schemes", "Scheme", "One funding scheme."),
            "/events": _list(
                "events", "agenda", "The joint agenda: upcoming public events, filtered as on /agenda/.",
                [_param("membre", "Organiser's member code (IDF, 77, 91...)."),
                 _param("type", "Kind.", {"enum": [k.value for k in EventKind]}),
                 _param("theme", "Theme slug."),
                 _param("departement", "Département code.", DEPARTEMENT),
                 _param("pays", "Partner country or territory code."),
                 _param("mode", "Online or in person.", {"enum": ["en_ligne", "presentiel"]}),
                 _param("du", "From this day (YYYY-MM-DD).", DATE),
                 _param("au", "Until this day (YYYY-MM-DD).", DATE),
                 _param("passes", "1: past events too.", {"enum": ["1", "0"]}),
                 *PAGING, LANG],
                "EventPage", "A page of events, soonest first."),
            "/events/{id}": _by_id("event", "agenda", "Event", "One public event."),
            "/calls": _list(
                "calls", "calls", "Calls for projects co-financed by the network's members: open ones first, "
                "then upcoming, then closed.",
                [_param("membre", "A co-funder's member code (IDF, 77, 91...)."),
                 _param("theme", "Theme slug."),
                 _param("etat", "Phase.", {"enum": ["ouvert", "a_venir", "clos"]}),
                 *PAGING, LANG],
                "CallPage", "A page of calls."),
            "/calls/{id}": _by_id("call", "calls", "Call", "One public call for projects."),
            "/projects": _list(
                "projects", "projects", "Projects funded through the shared call, newest decisions first.",
                [_param("financeur", "A funder's member code (IDF, 77, 91...)."),
                 _param("theme", "Theme slug."),
                 _param("pays", "Partner country code (ISO 3166-1 alpha-2)."),
                 _param("annee", "Year of the decision.", {"type": "integer", "minimum": 1900, "maximum": 2200}),
                 *PAGING, LANG],
                "ProjectPage", "A page of funded projects."),
            "/projects/{id}": _by_id("project", "projects", "Project", "One funded project."),
            "/territories": _list(
                "territories", "territories", "Territories in France and abroad.",
                [_param("kind", "Kind.", {"enum": [k.value for k in TerritoryKind]}),
                 _param("country", "ISO 3166-1 alpha-2 country code, in either case.",
                        {"type": "string", "pattern": "^[A-Za-z]{2}$"}),
                 _param("code", "Territory code."),
                 *PAGING, LANG],
                "TerritoryPage", "A page of territories."),
            "/territories/{id}": _by_id("territory", "territories", "Territory", "One territory."),
        },
        "components": {"schemas": SCHEMAS, "responses": RESPONSES},
    }
