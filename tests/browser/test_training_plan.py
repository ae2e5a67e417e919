"""The shared training plan: the Essonne plans the Val-de-Marne's training a month later
in another town, sees the overlap, keeps both with a reason; the Val-de-Marne's
dashboard shows it. And axe on the plan and the dashboard.

The journey writes a draft training of the Essonne (a new reason each run): a rerun
adds another draft and another notice, and stays true.
"""

from __future__ import annotations

import re
import uuid
from datetime import date, timedelta

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import OFFICER_91, log_in
from tests.browser.test_accessibility import assert_no_serious_violations

pytestmark = pytest.mark.browser

OFFICER_94 = "agent94@example.org"
VAL_DE_MARNE_TRAINING = "Éducation au développement : animer un atelier en classe"
ESSONNE_TRAINING = "Éducation au développement : animer un atelier en classe (Essonne)"
PANEL = "D'autres membres prévoient une formation sur un sujet voisin"


def training_day(page: Page) -> date:
    """The Val-de-Marne's training's first day, from the API (the demo sets it from today)."""
    response = page.request.get("/api/v1/events", params={"per_page": "100"})
    assert response.ok, response.status
    [found] = [e for e in response.json()["results"] if e["title"] == VAL_DE_MARNE_TRAINING]
    return date.fromisoformat(found["first_day"])


def test_an_officer_keeps_both_trainings_and_the_other_member_sees_why(new_context):
    reason = f"Pour les enseignants du collège, pas du primaire ({uuid.uuid4().hex[:6]})."
    essonne = new_context().new_page()
    log_in(essonne, OFFICER_91)
    day = training_day(essonne) + timedelta(days=30)

    essonne.goto("/agenda/nouveau")
    essonne.get_by_label("Titre").fill(ESSONNE_TRAINING)
    essonne.get_by_label("Type d'événement").select_option(label="Formation")
    essonne.get_by_label("Date de début").fill(day.isoformat())
    essonne.get_by_label("Heure de début").fill("14:00")
    essonne.get_by_label("Heure de fin").fill("17:30")
    essonne.get_by_label("Commune").fill("Massy")
    essonne.get_by_label("Département").select_option(label="Essonne (91)")
    essonne.get_by_label("Éducation au développement", exact=True).check()
    essonne.get_by_role("button", name="Enregistrer", exact=True).click()

    # Nothing saved yet: the other member's training, and why they look alike.
    panel = essonne.get_by_role("alert").filter(has=essonne.get_by_role("heading", name=PANEL))
    expect(panel).to_be_visible()
    expect(essonne).to_have_title(re.compile(r"^Formation voisine : "))
    other = panel.get_by_role("listitem").filter(has_text=VAL_DE_MARNE_TRAINING)
    expect(other).to_contain_text("Département du Val-de-Marne")
    expect(other).to_contain_text("Créteil")
    expect(other).to_contain_text("même thème (Éducation au développement)")
    expect(other).to_contain_text("jours d'écart")
    expect(essonne.get_by_label("Titre")).to_have_value(ESSONNE_TRAINING)  # nothing typed is lost
    assert_no_serious_violations(essonne)

    # Keeping both without a reason is refused; with one, it is saved.
    panel.get_by_role("radio", name="Garder les deux formations").check()
    panel.get_by_role("button", name="Valider ma réponse").click()
    expect(essonne.get_by_text("Indiquez pourquoi vous gardez les deux formations.").first).to_be_visible()
    panel = essonne.get_by_role("alert").filter(has=essonne.get_by_role("heading", name=PANEL))
    panel.get_by_role("radio", name="Garder les deux formations").check()
    panel.get_by_label("Pourquoi garder les deux formations ?").fill(reason)
    panel.get_by_role("button", name="Valider ma réponse").click()
    expect(essonne.get_by_role("heading", level=1)).to_have_text(ESSONNE_TRAINING)
    expect(essonne.get_by_role("status").filter(has_text="enregistré comme brouillon")).to_be_visible()

    # Its own dashboard keeps its answer.
    essonne.goto("/tableau-de-bord")
    expect(essonne.get_by_role("region", name=re.compile("Vos réponses aux formations voisines"))).to_contain_text(reason)

    # The Val-de-Marne's officer sees it on its dashboard, with the reason.
    valdemarne = new_context().new_page()
    log_in(valdemarne, OFFICER_94)
    valdemarne.get_by_role("link", name="Tableau de bord").click()
    expect(valdemarne.get_by_role("heading", level=1)).to_contain_text("Tableau de bord")
    received = valdemarne.get_by_role("region", name=re.compile("Formations voisines signalées par d'autres membres"))
    notice = received.get_by_role("listitem").filter(has_text=reason)
    expect(notice).to_contain_text("Formation voisine maintenue")
    expect(notice).to_contain_text(ESSONNE_TRAINING)
    assert_no_serious_violations(valdemarne)


def test_the_plan_shows_alike_trainings_and_gaps(officer_page: Page):
    officer_page.goto("/agenda/formations")
    expect(officer_page.get_by_role("heading", level=1)).to_have_text("Plan des formations du réseau")
    ead = officer_page.get_by_role("region", name=re.compile(r"^Éducation au développement"))
    expect(ead.get_by_role("link", name=VAL_DE_MARNE_TRAINING, exact=True)).to_be_visible()
    expect(ead.get_by_text("Sujet voisin").first).to_be_visible()
    gaps = officer_page.get_by_role("region", name="Thèmes sans formation prévue dans les douze prochains mois")
    expect(gaps).to_contain_text("Santé")
    assert_no_serious_violations(officer_page)
    officer_page.get_by_label("Regrouper").select_option(label="Par trimestre")
    officer_page.get_by_role("button", name="Filtrer").click()
    expect(officer_page.get_by_role("heading", level=2, name=re.compile(r"^T[1-4] 20\d\d"))).not_to_have_count(0)
