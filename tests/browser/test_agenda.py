"""The joint agenda: a visitor filters it and takes an event home, members see their own
meetings, an officer joins a training another member announced, the coordination
publishes an association's proposal; and axe on its pages.

The journeys write to the browser tests' database, on records no other browser test
looks at, and stay true when run again in the same session (a rerun):

- the Seine-Saint-Denis joins the Région's training "Formation au montage de projets de
  solidarité internationale" (always with the same registration link: a second merge
  leaves it as the first one did);
- the coordination publishes GRDR's proposal; if an earlier run already published it,
  GRDR proposes another event first.
"""

from __future__ import annotations

import re
import uuid
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from babel.dates import format_date
from icalendar import Calendar
from playwright.sync_api import Page, expect

from tests.browser.conftest import log_in, url_of
from tests.browser.test_accessibility import assert_no_serious_violations

pytestmark = pytest.mark.browser

OFFICER_93 = "agent93@example.org"
COORDINATOR = "coordination@example.org"
GRDR_ACCOUNT = "association2@example.org"

SEINE_SAINT_DENIS = "Département de la Seine-Saint-Denis"
GRDR = "Groupe de recherche et de réalisations pour le développement rural"

PREPARATION = "Préparation au départ : partir en volontariat ou en chantier"
REGION_TRAINING = "Formation au montage de projets de solidarité internationale"
COMMITTEE = "Comité technique du réseau Île-de-France International"
PROPOSAL = "Rencontre des associations de la diaspora sahélienne"

# The Seine-Saint-Denis announces the Région's training again, in its own words.
DUPLICATE = "Montage de projet de solidarité : formation"
DUPLICATE_REGISTRATION = "https://formations.example.org/seine-saint-denis/montage"

TWINS_PANEL = "Cet événement ressemble à un événement déjà annoncé par un autre membre"
UPCOMING = re.compile(r"^(Aucun événement|\d+ événements? à venir)")


def flash(page: Page, text: str):
    return page.get_by_role("status").filter(has_text=text)


def listing(page: Page):
    """The list view's results: a region named by its count."""
    return page.get_by_role("region", name=UPCOMING)


def cards(page: Page):
    return listing(page).get_by_role("listitem").filter(has=page.get_by_role("heading", level=3))


def listed_count(page: Page) -> int:
    heading = listing(page).get_by_role("heading", level=2)
    expect(heading).to_have_text(UPCOMING)
    match = re.match(r"\d+", heading.inner_text())
    return int(match.group(0)) if match else 0


def published_event(page: Page, title: str) -> dict:
    """A listed event of the API (what the page's reader may see), by its exact title."""
    response = page.request.get("/api/v1/events", params={"per_page": "100"})
    assert response.ok, response.status
    body = response.json()
    assert body["total"] <= body["per_page"], "the agenda outgrew one page of the API"
    found = [e for e in body["results"] if e["title"] == title]
    assert len(found) == 1, (title, [e["title"] for e in body["results"]])
    return found[0]


def day_label(day: date) -> str:
    """"23 janvier 2027", as the event pages say it."""
    return format_date(day, "d MMMM y", locale="fr")


# -- a visitor ------------------------------------------------------------------------


def test_visitor_filters_the_agenda_then_takes_a_two_day_training_home(page: Page):
    page.goto("/agenda/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Agenda du réseau")
    filters = page.get_by_role("form", name="Filtrer l'agenda")
    filters.get_by_label("Département").select_option(label="Seine-Saint-Denis (93)")
    filters.get_by_label("Type d'événement").select_option(label="Formation")
    filters.get_by_role("button", name="Filtrer", exact=True).click()

    expect(page).to_have_url(re.compile(r"[?&]departement=93(&|$)"))
    expect(page).to_have_url(re.compile(r"[?&]type=formation(&|$)"))
    expect(listing(page).get_by_role("heading", level=2)).to_contain_text("pour ces critères")
    count = listed_count(page)
    expect(cards(page)).to_have_count(count)

    # Every card is a training in the Seine-Saint-Denis: exactly those of the whole
    # agenda (the API, unfiltered) that are.
    response = page.request.get("/api/v1/events", params={"per_page": "100"})
    assert response.ok
    everything = response.json()["results"]
    expected = sorted(e["title"] for e in everything
                      if e["kind"] == "formation" and (e["departement"] or {}).get("code") == "93")
    titles = sorted(t.strip() for t in cards(page).get_by_role("heading", level=3).all_inner_texts())
    assert titles == expected, (titles, expected)
    assert PREPARATION in titles and REGION_TRAINING not in titles
    for card in cards(page).all():
        expect(card.get_by_text("Formation", exact=True)).to_be_visible()
    expect(listing(page).get_by_role("link", name=REGION_TRAINING)).to_have_count(0)

    # The month view and back: the filters travel in the URL.
    views = page.get_by_role("navigation", name="Affichage de l'agenda")
    views.get_by_role("link", name="Mois", exact=True).click()
    expect(page).to_have_url(re.compile(r"[?&]vue=mois(&|$)"))
    expect(page).to_have_url(re.compile(r"[?&]departement=93(&|$)"))
    expect(page).to_have_url(re.compile(r"[?&]type=formation(&|$)"))
    expect(views.get_by_role("link", name="Mois", exact=True)).to_have_attribute("aria-current", "page")
    expect(page.get_by_role("table", name=re.compile(r"^Agenda de "))).to_be_visible()
    expect(filters.get_by_label("Département")).to_have_value("93")
    expect(filters.get_by_label("Type d'événement")).to_have_value("formation")

    views.get_by_role("link", name="Liste", exact=True).click()
    expect(page).to_have_url(re.compile(r"/agenda/\?"))
    expect(page).not_to_have_url(re.compile(r"vue=mois"))
    expect(page).to_have_url(re.compile(r"[?&]departement=93(&|$)"))
    expect(page).to_have_url(re.compile(r"[?&]type=formation(&|$)"))
    expect(cards(page)).to_have_count(count)

    # The two-day training, co-organised by the Seine-Saint-Denis and Via le monde.
    listing(page).get_by_role("link", name=PREPARATION, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(PREPARATION)
    expect(page).to_have_url(re.compile(r"/agenda/\d+-preparation-au-depart"))
    event_url = page.url
    organisers = page.get_by_role("region", name="Co-organisateurs et inscription")
    expect(organisers.get_by_role("link", name=SEINE_SAINT_DENIS, exact=True)).to_be_visible()
    expect(organisers.get_by_role("link", name="Via le monde", exact=True)).to_be_visible()

    facts = published_event(page, PREPARATION)
    first, last = date.fromisoformat(facts["first_day"]), date.fromisoformat(facts["last_day"])
    assert last == first + timedelta(days=1), facts
    essentials = page.get_by_role("complementary", name="L'essentiel")
    expect(essentials).to_contain_text(f"Du {day_label(first)} à 9 h 30 au {day_label(last)} à 17 h")

    # "Ajouter à mon agenda" downloads the event's iCalendar file.
    with page.expect_download() as download_info:
        essentials.get_by_role("link", name="Ajouter à mon agenda").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".ics"), download.suggested_filename
    calendar = Calendar.from_ical(Path(download.path()).read_bytes())
    assert str(calendar["X-WR-CALNAME"]) == PREPARATION
    vevents = calendar.walk("VEVENT")
    assert len(vevents) == 1
    vevent = vevents[0]
    assert str(vevent["SUMMARY"]) == PREPARATION
    start, end = vevent["DTSTART"].dt, vevent["DTEND"].dt
    # All-day dates (not date-times) covering both days; DTEND is exclusive.
    assert type(start) is date and type(end) is date, (start, end)
    assert (start, end) == (first, last + timedelta(days=1))
    assert str(vevent["URL"]) == event_url

    # The subscription links keep the page's filters.
    page.goto("/agenda/?departement=93")
    subscribe = page.get_by_role("region", name="S'abonner à cet agenda")
    feed_link = subscribe.get_by_role("link", name="Flux iCalendar (.ics)")
    href = feed_link.get_attribute("href")
    assert urlsplit(href).path == "/agenda.ics", href
    assert parse_qs(urlsplit(href).query) == {"departement": ["93"]}, href
    webcal_link = subscribe.get_by_role("link", name="S'abonner dans mon logiciel d'agenda")
    webcal = urlsplit(webcal_link.get_attribute("href"))
    assert webcal.scheme == "webcal" and webcal.path == "/agenda.ics", webcal
    assert parse_qs(webcal.query) == {"departement": ["93"]}
    expect(subscribe.get_by_label("Adresse du flux à copier dans un agenda en ligne")).to_have_value(
        re.compile(r"^http://[^/]+/agenda\.ics\?departement=93$"))
    response = page.request.get(href)
    assert response.ok and response.headers["content-type"].startswith("text/calendar")
    feed = Calendar.from_ical(response.body())
    assert "Seine-Saint-Denis" in str(feed["X-WR-CALNAME"])
    summaries = {str(v["SUMMARY"]) for v in feed.walk("VEVENT")}
    assert PREPARATION in summaries and REGION_TRAINING not in summaries


def test_members_only_meeting_is_listed_for_members_only(page: Page, officer_page: Page):
    page.goto("/agenda/")
    count = listed_count(page)
    # All on one page: what is not on it is not in the agenda.
    expect(cards(page)).to_have_count(count)
    expect(listing(page).get_by_role("link", name=PREPARATION, exact=True)).to_be_visible()
    expect(page.get_by_role("link", name=COMMITTEE)).to_have_count(0)

    officer_page.goto("/agenda/")
    expect(cards(officer_page)).to_have_count(listed_count(officer_page))
    meeting = cards(officer_page).filter(has=officer_page.get_by_role("link", name=COMMITTEE, exact=True))
    expect(meeting).to_have_count(1)
    expect(meeting.get_by_text("Réservé aux membres", exact=True)).to_be_visible()

    # Its address tells the visitor nothing either.
    meeting_path = meeting.get_by_role("link", name=COMMITTEE, exact=True).get_attribute("href")
    response = page.goto(meeting_path)
    assert response.status == 404, (meeting_path, response.status)
    expect(page.get_by_text(COMMITTEE)).to_have_count(0)


# -- an officer joins another member's training ---------------------------------------


def fill_duplicate(page: Page, day: date) -> None:
    """On the new event form: the Région's training again, as the Seine-Saint-Denis words it."""
    page.get_by_label("Titre").fill(DUPLICATE)
    page.get_by_label("Type d'événement").select_option(label="Formation")
    page.get_by_label("Date de début").fill(day.isoformat())
    page.get_by_label("Heure de début").fill("09:30")
    page.get_by_label("Heure de fin").fill("17:00")
    page.get_by_label("Commune").fill("Évry-Courcouronnes")
    page.get_by_label("Département").select_option(label="Essonne (91)")
    page.get_by_label("Lien d'inscription de votre structure").fill(DUPLICATE_REGISTRATION)


def expect_duplicate_still_typed(page: Page, day: date) -> None:
    expect(page.get_by_label("Titre")).to_have_value(DUPLICATE)
    expect(page.get_by_label("Type d'événement")).to_have_value("formation")
    expect(page.get_by_label("Date de début")).to_have_value(day.isoformat())
    expect(page.get_by_label("Heure de début")).to_have_value("09:30")
    expect(page.get_by_label("Heure de fin")).to_have_value("17:00")
    expect(page.get_by_label("Commune")).to_have_value("Évry-Courcouronnes")
    expect(page.get_by_label("Département")).to_have_value("91")
    expect(page.get_by_label("Lien d'inscription de votre structure")).to_have_value(DUPLICATE_REGISTRATION)


def twins_panel(page: Page):
    return page.get_by_role("alert").filter(has=page.get_by_role("heading", name=TWINS_PANEL))


def test_officer_announcing_a_duplicate_joins_the_existing_training(new_context):
    officer = new_context().new_page()
    log_in(officer, OFFICER_93)
    region = published_event(officer, REGION_TRAINING)
    day = date.fromisoformat(region["first_day"])

    officer.goto("/agenda/")
    officer.get_by_role("link", name="Nouvel événement").click()
    expect(officer.get_by_role("heading", level=1)).to_have_text("Nouvel événement")
    expect(officer.get_by_text(SEINE_SAINT_DENIS, exact=True)).to_be_visible()  # the organiser, fixed
    fill_duplicate(officer, day)
    officer.get_by_role("button", name="Enregistrer et publier").click()

    # Nothing saved yet: the warning, focused, shows the Région's training.
    panel = twins_panel(officer)
    expect(panel).to_be_visible()
    expect(panel).to_be_focused()
    expect(officer).to_have_title(re.compile(r"^Doublon possible : "))
    twins = panel.get_by_role("listitem").filter(has=officer.get_by_role("heading", level=3))
    expect(twins).to_have_count(1)
    twin = twins.first
    expect(twin.get_by_role("link", name=REGION_TRAINING, exact=True)).to_have_attribute("href", region["url"])
    expect(twin).to_contain_text("Région Île-de-France")
    expect(twin).to_contain_text(day_label(day))
    expect(twin).to_contain_text("Évry-Courcouronnes")
    expect(twin).to_contain_text("titre semblable, mêmes dates, même commune")
    expect_duplicate_still_typed(officer, day)

    twin.get_by_role("button", name="Fusionner : devenir co-organisateur de cet événement").click()

    # One event: the Région's, with the Seine-Saint-Denis and its own registration link.
    expect(officer).to_have_url(re.compile(re.escape(region["url"]) + "$"))
    expect(officer.get_by_role("heading", level=1)).to_have_text(REGION_TRAINING)
    joined = f"Votre structure est ajoutée comme co-organisatrice de « {REGION_TRAINING} »."
    expect(flash(officer, joined)).to_be_visible()
    organisers = officer.get_by_role("region", name="Co-organisateurs et inscription")
    for name in ("Région Île-de-France", "Département de l'Essonne", SEINE_SAINT_DENIS):
        expect(organisers.get_by_role("link", name=name, exact=True)).to_be_visible()
    register = organisers.get_by_role("link", name=f"S'inscrire auprès du {SEINE_SAINT_DENIS}")
    expect(register).to_have_attribute("href", DUPLICATE_REGISTRATION)

    # The announcement did not become a second event in the agenda.
    visitor = new_context().new_page()
    response = visitor.request.get("/api/v1/events", params={"per_page": "100"})
    titles = [e["title"] for e in response.json()["results"]]
    assert titles.count(REGION_TRAINING) == 1 and DUPLICATE not in titles, titles


# -- the coordination publishes an association's proposal ------------------------------


def pending_grdr_proposal(new_context, coordinator: Page) -> str:
    """The title of a proposal by GRDR waiting for validation: the demo's, unless an earlier
    run of this test in the session published it; then GRDR proposes another one."""
    expect(coordinator.get_by_role("heading", level=1)).to_have_text("Agenda du réseau")
    proposals = coordinator.get_by_role("region", name=re.compile(r"^Propositions des associations à valider"))
    if proposals.get_by_role("link", name=PROPOSAL, exact=True).count():
        return PROPOSAL
    association = new_context().new_page()
    log_in(association, GRDR_ACCOUNT)
    association.goto("/agenda/nouveau")
    expect(association.get_by_role("heading", level=1)).to_have_text("Proposer un événement")
    title = f"{PROPOSAL} ({uuid.uuid4().hex[:6]})"
    association.get_by_label("Titre").fill(title)
    association.get_by_label("Date de début").fill((date.today() + timedelta(days=50)).isoformat())
    association.get_by_label("Commune").fill("Montreuil")
    association.get_by_role("button", name="Envoyer la proposition").click()
    expect(flash(association, "Merci : votre proposition sera publiée")).to_be_visible()
    coordinator.reload()
    expect(proposals.get_by_role("link", name=title, exact=True)).to_be_visible()
    return title


def test_coordinator_publishes_an_associations_proposal(new_context):
    coordinator = new_context().new_page()
    log_in(coordinator, COORDINATOR)
    coordinator.goto("/agenda/")
    title = pending_grdr_proposal(new_context, coordinator)

    visitor = new_context().new_page()
    visitor.goto("/agenda/")
    expect(cards(visitor)).to_have_count(listed_count(visitor))
    expect(visitor.get_by_role("link", name=title, exact=True)).to_have_count(0)

    proposals = coordinator.get_by_role("region", name=re.compile(r"^Propositions des associations à valider"))
    proposal = proposals.get_by_role("listitem").filter(
        has=coordinator.get_by_role("link", name=title, exact=True))
    expect(proposal).to_contain_text(f"proposé par {GRDR}")
    proposal.get_by_role("link", name=title, exact=True).click()

    expect(coordinator.get_by_role("heading", level=1)).to_have_text(title)
    expect(coordinator.get_by_text("Proposition en attente de validation.")).to_be_visible()
    moderation = coordinator.get_by_role("region", name="Valider la proposition")
    moderation.get_by_role("button", name="Publier dans l'agenda").click()

    expect(flash(coordinator, "La proposition est publiée dans l'agenda.")).to_be_visible()
    expect(coordinator.get_by_role("heading", level=1)).to_have_text(title)
    expect(coordinator.get_by_role("region", name="Valider la proposition")).to_have_count(0)
    expect(coordinator.get_by_text("Proposition en attente de validation.")).to_have_count(0)
    event_id = re.search(r"/agenda/(\d+)", coordinator.url).group(1)

    visitor.goto("/agenda/")
    card = cards(visitor).filter(has=visitor.get_by_role("link", name=title, exact=True))
    expect(card).to_have_count(1)
    expect(card).to_contain_text(f"Organisé par {GRDR}")
    card.get_by_role("link", name=title, exact=True).click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text(title)
    expect(visitor).to_have_url(re.compile(rf"/agenda/{event_id}-"))


# -- accessibility ---------------------------------------------------------------------


@pytest.mark.parametrize("where", ["/agenda/", "/agenda/?vue=mois", ("event", PREPARATION)],
                         ids=lambda w: w if isinstance(w, str) else w[0])
def test_agenda_page_has_no_serious_axe_violation(page: Page, where):
    path = where if isinstance(where, str) else url_of(page, where[1], where[0])
    response = page.goto(path)
    assert response.status == 200, (path, response.status)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_no_serious_violations(page)


def test_new_event_form_has_no_serious_axe_violation(officer_page: Page):
    page = officer_page
    response = page.goto("/agenda/nouveau")
    assert response.status == 200
    expect(page.get_by_role("heading", level=1)).to_have_text("Nouvel événement")
    assert_no_serious_violations(page)


def test_duplicate_warning_has_no_serious_axe_violation(officer_page: Page):
    # The Essonne's officer types the Région's training again (it co-organises it through
    # the merged twin, but the Région's announcement is not its own): nothing is saved.
    page = officer_page
    day = date.fromisoformat(published_event(page, REGION_TRAINING)["first_day"])
    page.goto("/agenda/nouveau")
    fill_duplicate(page, day)
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(twins_panel(page)).to_be_focused()
    assert_no_serious_violations(page)
