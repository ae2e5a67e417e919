"""The calls' pages on a phone (375 × 740): no page scrolls sideways, and a wide table's
rows are stacked as cards, each cell after its column's header; on a wide screen the same
tables are plain tables again. One signed-in page per role: the Essonne officer (call,
instruction list, dossier, decision and a payment), association1 (its list and its filed
dossier, in French and in English), association2 (its draft's budget), the coordination
(the dashboard's table per member)."""

from __future__ import annotations

import re
from datetime import date

import pytest
from babel.dates import format_date
from playwright.sync_api import Locator, Page, expect

from app.demo.calls import JOINT_TITLE
from tests.browser.conftest import fits_the_screen, log_in

pytestmark = pytest.mark.browser

SMALL_PHONE = {"width": 375, "height": 740}  # narrower than conftest.PHONE (390)
WIDE = {"width": 1280, "height": 800}
FILED = "Électricité solaire pour trois écoles de Dakar"
DRAFT = "Maraîchage et gestion de l'eau dans la vallée du fleuve"


def phone_page(new_context, email: str) -> Page:
    page = new_context(viewport=SMALL_PHONE).new_page()
    log_in(page, email)
    return page


def label_of(cell: Locator) -> str:
    """The text shown before the cell by the stylesheet ('none' when there is none)."""
    cell.page.wait_for_load_state()
    content = cell.evaluate("c => getComputedStyle(c, '::before').content")
    found = re.match(r'^"((?:[^"\\]|\\.)*)"', content)
    return found.group(1) if found else content


def cell(table: Locator, row: str, column: str) -> Locator:
    """The cell of ``table`` in the row whose header is ``row``, under the header ``column``."""
    headers = [h.strip() for h in table.locator("thead th").all_inner_texts()]
    assert column in headers, (column, headers)
    line = table.locator("tbody tr, tfoot tr").filter(has=table.page.get_by_role("rowheader", name=row, exact=True))
    expect(line).to_have_count(1)
    return line.locator("th, td").nth(headers.index(column))


def reads_as_a_card(table: Locator, row: str, column: str, value: str | re.Pattern) -> None:
    """On the phone, the cell shows its column's header before its value, inside the screen,
    while the table's own header row is out of sight (still there for screen readers)."""
    target = cell(table, row, column)
    expect(target).to_be_visible()
    expect(target).to_contain_text(value)
    assert label_of(target) == column, (row, column, label_of(target))
    box = target.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= SMALL_PHONE["width"], box
    header = table.get_by_role("columnheader", name=column, exact=True)
    expect(header).to_have_count(1)
    assert table.locator("thead").bounding_box()["width"] <= 1  # visually hidden, not removed


def test_the_officer_instructs_and_decides_on_a_phone(new_context):
    page = phone_page(new_context, "agent91@example.org")

    # The call: the co-funders' envelopes, one card each, and the total.
    page.goto("/appels/")
    page.get_by_role("link", name=JOINT_TITLE).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(JOINT_TITLE)
    fits_the_screen(page)
    envelopes = page.get_by_role("table", name=re.compile("Chef de file"))
    reads_as_a_card(envelopes, "Département de l'Essonne", "Enveloppe", re.compile(r"40\s000\s€"))
    reads_as_a_card(envelopes, "Total", "Enveloppe", "€")

    # The instruction list: gauges, envelopes, counts, filters and applications.
    page.get_by_role("link", name="Instruction des candidatures").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Instruction des candidatures")
    fits_the_screen(page)
    gauges = page.get_by_role("img", name=re.compile("Enveloppes"))
    expect(gauges).to_be_visible()
    assert gauges.bounding_box()["width"] <= SMALL_PHONE["width"]
    reads_as_a_card(page.get_by_role("table", name="Enveloppes par cofinanceur"),
                    "Département de l'Essonne", "Attribué", "€")
    applications = page.get_by_role("table", name="Candidatures à instruire")
    reads_as_a_card(applications, FILED, "Demandé", re.compile(r"6\s000\s€"))
    reads_as_a_card(applications, FILED, "Porteur", "Energie renouvelable")
    expect(page.get_by_label("Trier par")).to_be_visible()

    # The dossier: each co-funder's share.
    page.get_by_role("link", name=FILED).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(FILED)
    fits_the_screen(page)
    shares = page.get_by_role("table", name="Part de chaque cofinanceur")
    reads_as_a_card(shares, "Département de l'Essonne", "Décision", re.compile(r"attribué : 5\s000"))

    # The Essonne's decision, and a first payment recorded from the phone.
    page.get_by_role("link", name="Corriger la décision du Département de l'Essonne").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Décision du Département de l'Essonne")
    fits_the_screen(page)
    page.get_by_label("Montant versé (euros)").fill("1 000")
    page.get_by_label("Date du versement").fill(date.today().isoformat())
    page.get_by_role("button", name="Enregistrer le versement").click()
    expect(page.get_by_text("Le versement a été enregistré.")).to_be_visible()
    fits_the_screen(page)
    payments = page.get_by_role("table", name=re.compile("Versements enregistrés"))
    today = date.today()  # in words, as the page writes it: « 3 décembre 2026 », « 1er mars 2027 »
    day = f"{'1er' if today.day == 1 else today.day} {format_date(today, 'MMMM yyyy', locale='fr')}"
    reads_as_a_card(payments, day, "Montant", re.compile(r"1\s000\s€"))

    # On a wide screen the same list is a plain table again: headers on top, no labels.
    page.set_viewport_size(WIDE)
    page.goto(page.url.split("/candidatures/")[0] + "/appels/")
    page.get_by_role("link", name=JOINT_TITLE).first.click()
    page.get_by_role("link", name="Instruction des candidatures").click()
    applications = page.get_by_role("table", name="Candidatures à instruire")
    header = applications.get_by_role("columnheader", name="Demandé", exact=True)
    expect(header).to_be_visible()
    assert header.bounding_box()["width"] > 20
    assert label_of(cell(applications, FILED, "Demandé")) == "none"


def test_association1_reads_its_applications_on_a_phone(new_context):
    page = phone_page(new_context, "association1@example.org")
    page.goto("/candidatures/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Mes candidatures")
    fits_the_screen(page)
    mine = page.get_by_role("table", name="Les candidatures de votre structure")
    reads_as_a_card(mine, FILED, "État", "accepté")
    reads_as_a_card(mine, FILED, "Décisions des cofinanceurs", re.compile(r"accordé 5\s000"))

    page.get_by_role("link", name=FILED).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(FILED)
    fits_the_screen(page)
    reads_as_a_card(page.get_by_role("table", name="Critères d'ancrage francilien"),
                    "Siège de l'association en Île-de-France", "Source juridique", "CAA Paris")
    reads_as_a_card(page.get_by_role("table", name="Pièces jointes"),
                    re.compile("^Statuts de l'association"), "Fichier", "Mo")

    # In English, the labels are the English headers.
    page.goto("/candidatures/?lang=en")
    expect(page.get_by_role("heading", level=1)).to_contain_text("My applications")
    fits_the_screen(page)
    reads_as_a_card(page.get_by_role("table").first, FILED, "Status", "accepted")


def test_association2_fills_its_draft_budget_on_a_phone(new_context):
    page = phone_page(new_context, "association2@example.org")
    page.goto("/candidatures/")
    page.get_by_role("link", name=DRAFT).click()
    expect(page.get_by_role("button", name="Enregistrer le brouillon")).to_be_visible()
    fits_the_screen(page)
    amount = page.get_by_label("Dépense 1 : montant")
    expect(amount).to_be_visible()
    box = amount.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= SMALL_PHONE["width"], box
    td = amount.locator("xpath=ancestor::td[1]")
    assert label_of(td) == "Montant (€)"
    reads_as_a_card(page.get_by_role("table", name="Montants demandés"),
                    "Département de la Seine-Saint-Denis", "Plafond par projet", "€")


def test_the_coordination_reads_its_dashboard_on_a_phone(new_context):
    page = phone_page(new_context, "coordination@example.org")
    page.goto("/tableau-de-bord")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Tableau de bord")
    fits_the_screen(page)
    members = page.locator("section", has=page.get_by_role("heading", name="Par membre")).get_by_role("table")
    reads_as_a_card(members, "Département de l'Essonne", "Brouillons", re.compile(r"^\d+$"))
