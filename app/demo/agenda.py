"""Demo agenda: the network's recurring days and members' trainings, in the coming twelve months.

The recurring days are those of the seed documents (Semaine de la solidarité
internationale in November, Journée de l'Europe around 9 May, Francophonie on
20 March, Fête de la musique on 21 June...). The trainings are the ones the members
say they run (project design, pre-departure preparation, development education);
their dates and places are plausible, not announced ones. It includes one pair of
duplicate trainings already merged, a multi-day training, a cancelled event, a
members-only meeting and an association's proposal waiting for validation; for the
training plan, trainings on alike topics, a draft, a past one, and a training kept
beside another member's with a reason.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import sqlalchemy as sa

from app.actors.models import Actor
from app.agenda import coordination, services
from app.agenda.models import PARIS, Event, EventKind, EventOrganiser, EventStatus, Visibility
from app.extensions import db
from app.network.models import Member, Territory, Theme


def next_on(today: date, month: int, day: int) -> date:
    """The next ``day``/``month`` from today (today included)."""
    candidate = date(today.year, month, day)
    return candidate if candidate >= today else date(today.year + 1, month, day)


def ssi_fortnight(today: date) -> tuple[date, date]:
    """The Semaine (now fortnight) de la solidarité internationale: mid to end of November."""
    start = date(today.year, 11, 14)
    end = date(today.year, 11, 29)
    if end < today:
        start, end = date(today.year + 1, 11, 13), date(today.year + 1, 11, 28)
    return start, end


def in_days(today: date, days: int, weekday: int = 5) -> date:
    """About ``days`` from today, moved to the next given weekday (Saturday by default)."""
    day = today + timedelta(days=days)
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def events(today: date) -> list[dict]:
    ssi_start, ssi_end = ssi_fortnight(today)
    training_day = in_days(today, 45, weekday=3)  # a Thursday about six weeks away
    return [
        # -- recurring days of the network's calendar ------------------------------------
        dict(title="Festival des solidarités : temps fort francilien", kind="ssi", organisers=["IDF", "94"],
             first=ssi_start, last=ssi_end, commune="Créteil", departement="94",
             place_name="Espace Jean-Vilar et lieux partenaires",
             summary="La Semaine de la solidarité internationale, devenue Festival des solidarités : "
                     "animations, débats et projections dans tout le Val-de-Marne.",
             themes=["education-developpement", "droits-humains-paix"], audience="Tout public"),
        dict(title="Journée internationale des droits de l'Homme : ciné-débat", kind="journee",
             organisers=["93"], first=next_on(today, 12, 10), start="18:30", end="21:30",
             place_name="Magic cinéma", commune="Bobigny", departement="93",
             summary="Projection et débat, avec Via le monde, pour la journée mondiale des droits de l'Homme.",
             themes=["droits-humains-paix"], audience="Tout public"),
        dict(title="Marché de Noël équitable et solidaire", kind="festival", organisers=["actor:Via le monde"],
             first=in_days(next_on(today, 12, 5), 0, weekday=5), start="10:00", end="18:00",
             place_name="Parvis de l'Hôtel du Département", commune="Bobigny", departement="93",
             summary="Artisanat du commerce équitable et associations de solidarité internationale de la Seine-Saint-Denis.",
             themes=["developpement-economique"], audience="Tout public"),
        dict(title="Journée internationale des droits des femmes : égalité et coopération", kind="journee",
             organisers=["91"], first=next_on(today, 3, 8), start="14:00", end="17:30",
             place_name="Hôtel du Département", commune="Évry-Courcouronnes", departement="91",
             summary="Témoignages de projets de coopération portés par des femmes, en Essonne et au Mali.",
             themes=["egalite-femmes-hommes"], countries=["ML"], audience="Associations, élus, tout public"),
        dict(title="Journée de la Francophonie", kind="journee", organisers=["IDF"],
             first=next_on(today, 3, 20), start="10:00", end="17:00", place_name="Hôtel de Région",
             commune="Saint-Ouen-sur-Seine", departement="93",
             summary="Rencontres avec des délégations des territoires francophones partenaires de la Région.",
             themes=["francophonie", "culture-patrimoine"], countries=["SN", "CA", "MG"], audience="Tout public"),
        dict(title="Journée mondiale du livre : lectures partagées", kind="journee", organisers=["94"],
             first=next_on(today, 4, 23), start="15:00", end="18:00", place_name="Médiathèque",
             commune="Fontenay-sous-Bois", departement="94",
             summary="Lectures de textes d'auteurs des pays partenaires du Val-de-Marne.",
             themes=["culture-patrimoine"], countries=["VN", "PS"], audience="Tout public"),
        dict(title="Fête de l'Europe : l'Europe des territoires solidaires", kind="festival",
             organisers=["IDF"], first=next_on(today, 5, 9), start="11:00", end="18:00",
             place_name="Parc de la Villette", commune="Paris", departement="75",
             summary="Autour du 9 mai, les programmes européens de mobilité et de coopération présentés au public.",
             themes=["jeunesse-mobilite"], audience="Tout public, jeunes"),
        dict(title="Journée mondiale de l'environnement : coopérations pour le climat", kind="journee",
             organisers=["91"], first=next_on(today, 6, 5), start="09:30", end="13:00", online=True,
             online_url="https://visio.example.org/environnement",
             summary="Webinaire : projets d'énergie et de gestion des déchets menés avec les partenaires de l'Essonne.",
             themes=["environnement-climat"], countries=["CN", "HT"], audience="Collectivités, associations"),
        dict(title="Fête de la musique du monde", kind="festival", organisers=["93"],
             first=next_on(today, 6, 21), start="17:00", end="23:00", place_name="Parc départemental",
             commune="La Courneuve", departement="93",
             summary="Musiques des diasporas de la Seine-Saint-Denis et des villes partenaires.",
             themes=["culture-patrimoine"], countries=["SN", "ML"], audience="Tout public"),
        dict(title="Journée internationale de la jeunesse : partir en chantier solidaire", kind="journee",
             organisers=["IDF"], first=next_on(today, 8, 12), start="14:00", end="17:00", online=True,
             online_url="https://visio.example.org/jeunesse",
             summary="Présentation des dispositifs de mobilité des jeunes (Chantiers solidarité, AMIE, Mobil'Asie).",
             themes=["jeunesse-mobilite"], audience="Jeunes de 16 à 30 ans"),
        dict(title="Assises franciliennes de la coopération décentralisée", kind="conference",
             organisers=["IDF", "91", "93"], first=in_days(today, 150, weekday=4), start="09:00", end="17:30",
             place_name="Hôtel de Région", commune="Saint-Ouen-sur-Seine", departement="93",
             summary="Les collectivités franciliennes et leurs partenaires font le point sur leurs coopérations.",
             themes=["gouvernance-locale"], audience="Élus, agents des collectivités, associations"),
        # -- trainings -----------------------------------------------------------------------
        # A true pair of duplicates, already merged: the Région and the Essonne both
        # announced the same training (the founding text's complaint).
        dict(key="montage-region", title="Formation au montage de projets de solidarité internationale",
             kind="formation", organisers=["IDF"], registration="https://formations.example.org/region/montage",
             first=training_day, start="09:30", end="17:00", place_name="Centre de ressources essonnien",
             commune="Évry-Courcouronnes", departement="91",
             summary="Du diagnostic au budget : construire un projet avec un partenaire étranger.",
             themes=["education-developpement"], audience="Associations franciliennes"),
        dict(key="montage-essonne", merge_into="montage-region",
             title="Montage de projets de solidarité internationale : formation", kind="formation",
             organisers=["91"], registration="https://formations.example.org/essonne/montage",
             first=training_day, start="09:30", end="17:00", place_name="Centre de ressources essonnien",
             commune="Évry-Courcouronnes", departement="91",
             summary="Formation du centre de ressources essonnien au montage de projet.",
             themes=["education-developpement"], audience="Associations essonniennes"),
        # A multi-day training.
        dict(title="Préparation au départ : partir en volontariat ou en chantier", kind="formation",
             organisers=["93", "actor:Via le monde"], first=in_days(today, 60), last=in_days(today, 60) + timedelta(days=1),
             start="09:30", end="17:00", place_name="Via le monde", commune="Bobigny", departement="93",
             registration="https://formations.example.org/vialemonde/depart",
             summary="Deux journées pour préparer un séjour solidaire : interculturalité, sécurité, retour.",
             themes=["jeunesse-mobilite", "education-developpement"], audience="Jeunes et bénévoles partant à l'étranger"),
        dict(title="Éducation au développement : animer un atelier en classe", kind="formation",
             organisers=["94"], first=in_days(today, 75, weekday=2), start="14:00", end="17:30",
             place_name="Maison des associations", commune="Créteil", departement="94",
             registration="https://formations.example.org/proaide/ead",
             summary="Formation Pro'aide : outils d'éducation à la citoyenneté et à la solidarité internationale.",
             themes=["education-developpement", "education"], audience="Associations, enseignants"),
        dict(title="Rechercher des financements pour un projet international", kind="formation",
             organisers=["77"], first=in_days(today, 90, weekday=1), start="09:30", end="12:30", online=True,
             online_url="https://visio.example.org/financements",
             summary="Panorama des dispositifs des membres du réseau, de l'AFD et de l'Union européenne.",
             themes=["gouvernance-locale"], audience="Associations de Seine-et-Marne et d'ailleurs"),
        dict(title="Micro-rencontres : restitution de projets soutenus", kind="restitution",
             organisers=["actor:Via le monde"], first=in_days(today, 30, weekday=3), start="18:30", end="20:30",
             place_name="Via le monde", commune="Bobigny", departement="93",
             summary="Des associations racontent les projets accompagnés par Via le monde et soutenus par le Département.",
             themes=["education-developpement"], countries=["SN", "ML", "KM"], audience="Tout public"),
        # -- the training plan: alike topics across members, a draft, a past one, a gap or two ----
        dict(title="Monter son projet de solidarité internationale quand on est jeune", kind="formation",
             organisers=["93"], first=in_days(today, 120), start="10:00", end="16:00",
             place_name="Maison de la jeunesse", commune="Saint-Denis", departement="93", places_left=8,
             summary="Une journée pour les 16-25 ans qui préparent un premier projet solidaire.",
             themes=["education-developpement", "jeunesse-mobilite"], audience="Jeunes de 16 à 25 ans"),
        dict(title="Égalité femmes-hommes dans les projets de coopération", kind="formation",
             organisers=["94"], first=in_days(today, -28, weekday=3), start="09:30", end="17:00",
             place_name="Maison des associations", commune="Créteil", departement="94",
             summary="Intégrer l'égalité femmes-hommes à chaque étape d'un projet.",
             themes=["egalite-femmes-hommes"], audience="Associations"),
        dict(title="Égalité femmes-hommes : outils pour les animateurs", kind="formation", status="draft",
             organisers=["93"], first=in_days(today, 40, weekday=2), start="14:00", end="17:00",
             place_name="Bourse du travail", commune="Bobigny", departement="93",
             summary="Des outils d'animation sur l'égalité pour les accueils de loisirs.",
             themes=["egalite-femmes-hommes"], audience="Animateurs"),
        # Kept beside the Seine-et-Marne's online session on the same topic, with a reason
        # that the Seine-et-Marne sees on its dashboard.
        dict(title="Rechercher des financements pour son projet de coopération", kind="formation",
             organisers=["91"], first=in_days(today, 100, weekday=3), start="09:30", end="17:00",
             place_name="Centre de ressources essonnien", commune="Évry-Courcouronnes", departement="91",
             places_left=20, summary="Une journée en présentiel, dossier en main.",
             themes=["gouvernance-locale"], audience="Associations essonniennes",
             keep_reason="Session en présentiel pour les associations essonniennes ; celle de la "
                         "Seine-et-Marne est en ligne."),
        # A cancelled event: it stays in feeds so calendars remove it.
        dict(title="Ciné-midi : l'eau au cœur des coopérations", kind="conference", status="cancelled",
             organisers=["93"], first=in_days(today, 20, weekday=1), start="12:15", end="13:45",
             place_name="Magic cinéma", commune="Bobigny", departement="93",
             summary="Projection d'un documentaire sur l'accès à l'eau (séance annulée).",
             themes=["eau-assainissement"], countries=["VN"], audience="Tout public"),
        # A meeting for the network's members only.
        dict(title="Comité technique du réseau Île-de-France International", kind="reunion",
             visibility="members", organisers=["IDF"], first=in_days(today, 35, weekday=1),
             start="10:00", end="12:30", place_name="Hôtel de Région", commune="Saint-Ouen-sur-Seine",
             departement="93",
             summary="Réunion des agents des collectivités membres : agenda partagé, appel à projets commun, clés de répartition.",
             themes=["gouvernance-locale"], audience="Agents des collectivités membres"),
        # An association's proposal, waiting for an officer.
        dict(title="Rencontre des associations de la diaspora sahélienne", kind="reunion", status="proposed",
             organisers=["actor:Groupe de recherche et de réalisations pour le développement rural"],
             first=in_days(today, 50), start="14:00", end="18:00", place_name="Maison des associations",
             commune="Montreuil", departement="93",
             summary="Échanges entre associations de migrants du bassin du fleuve Sénégal.",
             themes=["developpement-economique"], countries=["SN", "ML", "MR"], audience="Associations, OSIM"),
    ]


def _when(spec: dict) -> tuple[datetime, datetime, bool]:
    first, last = spec["first"], spec.get("last", spec["first"])
    if "start" not in spec:
        return (datetime.combine(first, time(0, 0), tzinfo=PARIS),
                datetime.combine(last, time(23, 59), tzinfo=PARIS), True)
    start = time.fromisoformat(spec["start"])
    end = time.fromisoformat(spec["end"])
    return (datetime.combine(first, start, tzinfo=PARIS), datetime.combine(last, end, tzinfo=PARIS), False)


def load_events(today: date) -> int:
    """Create the demo events that are missing (matched by title); return how many."""
    existing = {e.title: e for e in db.session.scalars(sa.select(Event))}
    members = {m.code: m for m in db.session.scalars(sa.select(Member))}
    themes = {t.slug: t for t in db.session.scalars(sa.select(Theme))}
    places = {t.code: t for t in db.session.scalars(sa.select(Territory))}
    by_key: dict[str, Event] = {}
    created = 0
    for spec in events(today):
        if spec["title"] in existing:
            by_key[spec.get("key", spec["title"])] = existing[spec["title"]]
            continue
        starts_at, ends_at, all_day = _when(spec)
        data = services.EventData(
            title=spec["title"], kind=EventKind(spec["kind"]), starts_at=starts_at, ends_at=ends_at,
            all_day=all_day, summary=spec["summary"], online=spec.get("online", False),
            online_url=spec.get("online_url"), place_name=spec.get("place_name"),
            commune=spec.get("commune"), departement=places.get(spec.get("departement", "")),
            audience=spec.get("audience", ""), visibility=Visibility(spec.get("visibility", "public")),
            themes=[themes[s] for s in spec.get("themes", [])],
            countries=[places[c] for c in spec.get("countries", [])],
            registration_url=spec.get("registration"), places_left=spec.get("places_left"),
        )
        first, *others = spec["organisers"]
        status = EventStatus(spec.get("status", "published"))
        if first.startswith("actor:"):
            actor = db.session.scalar(sa.select(Actor).where(Actor.name == first[6:]))
            event = services.create_event(None, data, actor=actor,
                                          status=EventStatus.PROPOSED if status == EventStatus.PROPOSED
                                          else EventStatus.PUBLISHED)
            if status != EventStatus.PROPOSED:
                event.proposed_by = None
        else:
            event = services.create_event(None, data, member=members[first],
                                          status=EventStatus.DRAFT if status == EventStatus.DRAFT
                                          else EventStatus.PUBLISHED)
        for position, other in enumerate(others, start=1):
            if other.startswith("actor:"):
                actor = db.session.scalar(sa.select(Actor).where(Actor.name == other[6:]))
                event.organisers.append(EventOrganiser(actor=actor, position=position))
            else:
                event.organisers.append(EventOrganiser(member=members[other], position=position))
        if status == EventStatus.CANCELLED:
            services.move(None, event, "cancel")
        if "merge_into" in spec:
            services.merge(None, event, by_key[spec["merge_into"]])
        if "keep_reason" in spec:
            db.session.flush()
            found = coordination.overlaps_for(coordination.facts_of_event(event), event.starts_at, event.ends_at)
            coordination.keep_both(None, event, found, spec["keep_reason"])
        by_key[spec.get("key", spec["title"])] = event
        created += 1
    db.session.flush()
    return created
