"""A visitor searches the portal: full-text search with facets, and the type-ahead."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

RESULT_COUNT = re.compile(r"^(\d+) résultats?\b")


def result_count(page: Page) -> int:
    heading = page.get_by_role("heading", level=2, name=RESULT_COUNT)
    expect(heading).to_be_visible()
    return int(RESULT_COUNT.match(heading.inner_text()).group(1))


def test_search_then_filter_by_departement_then_open_an_actor(page: Page):
    page.goto("/")
    box = page.get_by_role("combobox", name="Rechercher un acteur, un dispositif ou un territoire")
    box.fill("coopération")
    box.press("Enter")

    expect(page).to_have_url(re.compile(r"/recherche\?q=coop%C3%A9ration$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Rechercher sur le portail")
    expect(page.get_by_label("Termes recherchés")).to_have_value("coopération")
    total = result_count(page)
    assert total > 0

    # The facet says how many results Seine-Saint-Denis keeps: "(8)" on screen,
    # "8 résultats" for screen readers.
    facet = page.get_by_role("group", name="Département")
    seine_saint_denis = facet.get_by_label("Seine-Saint-Denis (93)")
    label = facet.locator("label", has_text="Seine-Saint-Denis (93)")
    predicted = int(re.findall(r"\((\d+)\)", label.inner_text())[-1])
    assert 0 < predicted < total, (predicted, total)

    seine_saint_denis.check()
    page.get_by_role("button", name="Filtrer").click()

    expect(page).to_have_url(re.compile(r"[?&]departement=93(&|$)"))
    expect(page).to_have_url(re.compile(r"[?&]q=coop%C3%A9ration(&|$)"))
    filtered = result_count(page)
    assert filtered == predicted != total
    expect(page.get_by_role("group", name="Département").get_by_label("Seine-Saint-Denis (93)")).to_be_checked()
    expect(page.get_by_role("link", name=re.compile(r"^Département : Seine-Saint-Denis \(93\)"))).to_be_visible()
    results = page.get_by_role("region", name=re.compile(r"^\d+ résultats? pour « coopération »"))
    hits = results.get_by_role("listitem").filter(has=page.get_by_role("heading", level=3))
    expect(hits).to_have_count(min(filtered, 20))

    # Open the first actor among the results: its page has its name as the title.
    first_actor = hits.filter(has=page.get_by_text("Acteur", exact=True)).first
    link = first_actor.get_by_role("heading", level=3).get_by_role("link")
    name = link.inner_text()
    link.click()
    expect(page).to_have_url(re.compile(r"/acteurs/\d+"))
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    expect(page).to_have_title(re.compile("^" + re.escape(name) + " — "))


def test_type_ahead_opens_an_actor_with_the_keyboard(page: Page):
    page.goto("/")
    box = page.get_by_role("combobox", name="Rechercher sur le portail")
    expect(box).to_have_attribute("aria-expanded", "false")
    box.press_sequentially("via", delay=80)

    listbox = page.get_by_role("listbox", name="Suggestions")
    expect(listbox).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    options = listbox.get_by_role("option")
    wanted = listbox.get_by_role("option", name=re.compile(r"^Via le monde\s*Acteur$"))
    expect(wanted).to_be_visible()
    # Every suggestion has a word starting with what was typed (and the list is the
    # answer for "via", not a late one for "vi").
    expect(options.filter(has_not_text=re.compile(r"\bvia", re.IGNORECASE))).to_have_count(0)
    expect(page.get_by_role("status").filter(has_text="suggestions")).to_have_text(
        re.compile(r"^\d+ suggestions\.")
    )

    # Suggestions come in alphabetical order ("Accompagnement de Via le monde" first):
    # ArrowDown walks down to the actor, and the input points at it.
    position = [text.startswith("Via le monde") for text in options.all_inner_texts()].index(True)
    for _ in range(position + 1):
        box.press("ArrowDown")
    expect(wanted).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute("aria-activedescendant", wanted.get_attribute("id"))

    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/acteurs/\d+-via-le-monde$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Via le monde")
