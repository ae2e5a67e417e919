"""Issue 10, filters that offer what exists: the agenda's organisers are the network's
members and the partners that organise events; the search's country facet lists the
countries with results."""

from __future__ import annotations

import re
from html.parser import HTMLParser


class _Select(HTMLParser):
    """The options of one <select> (value -> text), by the id of the select."""

    def __init__(self, select_id: str):
        super().__init__()
        self.select_id = select_id
        self.inside = False
        self.options: dict[str, str] = {}
        self._value: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "select":
            self.inside = a.get("id") == self.select_id
        elif tag == "option" and self.inside:
            self._value = a.get("value", "")
            self.options[self._value] = ""

    def handle_data(self, data):
        if self._value is not None:
            self.options[self._value] += data.strip()

    def handle_endtag(self, tag):
        if tag == "option":
            self._value = None
        elif tag == "select":
            self.inside = False


def options(client, url: str, select_id: str) -> dict[str, str]:
    reader = _Select(select_id)
    reader.feed(client.get(url).get_data(as_text=True))
    return reader.options


def test_the_organiser_filter_lists_members_and_partner_organisers(demo_client):
    offered = options(demo_client, "/agenda/", "filtre-membre")
    names = set(offered.values())
    assert {"Région Île-de-France", "Département de l'Essonne", "Département de la Seine-Saint-Denis"} <= names
    # Candidates are not members (yet).
    assert "Département des Yvelines" not in names and "Département des Hauts-de-Seine" not in names
    # A partner that organises events, such as Via le monde.
    assert "Via le monde" in names
    via = next(value for value, text in offered.items() if text == "Via le monde")
    page = demo_client.get(f"/agenda/?membre={via}").get_data(as_text=True)
    assert "Via le monde" in page and "Aucun événement" not in page
    # The filter keeps its choice, and odd values answer 200.
    assert options(demo_client, f"/agenda/?membre={via}", "filtre-membre")[via] == "Via le monde"
    for odd in ("acteur-", "acteur-x", "acteur-99999999999", "acteur-0"):
        assert demo_client.get(f"/agenda/?membre={odd}").status_code == 200


def test_the_country_facet_lists_only_countries_with_results(demo_client):
    html = demo_client.get("/recherche?q=eau").get_data(as_text=True)
    facet = html[html.index('id="facette-pays"'):]
    facet = facet[:facet.index("</fieldset>")]
    counts = [int(n) for n in re.findall(r'aria-hidden="true">\((\d+)\)', facet)]
    assert counts and 0 not in counts and len(counts) < 60
    more = re.search(r'href="([^"]*tous_pays=1[^"]*)"', facet)
    assert more, "a link shows all the countries"
    everything = demo_client.get(more.group(1).replace("&amp;", "&")).get_data(as_text=True)
    assert everything.count('name="pays"') > 150

    # A chosen country with no result stays listed, so it can be unticked.
    html = demo_client.get("/recherche?q=eau&pays=FJ").get_data(as_text=True)
    assert 'name="pays" value="FJ" checked' in html
