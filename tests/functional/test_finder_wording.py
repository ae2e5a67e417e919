"""Issue 10, French as public services write it: the demo data rendered in French has no
« de Département », « de Région » and no « 09:30 » time; English pages mark French
content with lang="fr"."""

from __future__ import annotations

import re
from datetime import datetime
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

from tests.conftest import DEMO_PASSWORD, login

LISTS = ["/", "/dispositifs/", "/agenda/", "/agenda/?vue=mois", "/reseau/", "/acteurs/", "/territoires/",
         "/recherche?q=formation"]
# « de Département de l'Essonne » instead of « du Département », « par Région » instead of
# « par la Région ». « Hôtel de Région » is the name of a building.
MISSING_ARTICLE = re.compile(r"\b(?:de|par|auprès de|pour) (?:Département|Région)\b")
HH_MM = re.compile(r"\b\d{1,2}:\d{2}\b")


class _Text(HTMLParser):
    """The text a reader sees (no tags, attributes, scripts)."""

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def visible_text(html: str) -> str:
    reader = _Text()
    reader.feed(html)
    return " ".join(" ".join(reader.parts).split()).replace("Hôtel de Région", "Hôtel")


def record_pages(client) -> list[str]:
    pages = []
    for kind in ("schemes", "events"):
        listing = client.get(f"/api/v1/{kind}?per_page=100").get_json()
        pages += [r["url"] for r in listing["results"]]
    return pages


def check_french(client, urls):
    problems = []
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        text = visible_text(response.get_data(as_text=True))
        problems += [f"{url}: …{text[max(0, m.start() - 40):m.end() + 20]}…"
                     for pattern in (MISSING_ARTICLE, HH_MM) for m in pattern.finditer(text)]
    assert not problems, "\n".join(problems[:20])


def test_french_pages_say_du_departement_and_9_h_30(demo_client):
    check_french(demo_client, LISTS + record_pages(demo_client))


def test_an_officer_sees_the_same_french(demo_app):
    client = demo_app.test_client()
    with demo_app.app_context():
        assert login(client, "agent93@example.org", DEMO_PASSWORD).status_code == 302
        check_french(client, ["/agenda/"] + record_pages(client))


def test_times_read_9_h_30_in_french_and_9_30_am_in_english(demo_client):
    events = demo_client.get("/api/v1/events?per_page=100").get_json()["results"]
    event = next(e for e in events if not e["all_day"] and e["first_day"] == e["last_day"])
    start = datetime.fromisoformat(event["starts_at"]).astimezone(ZoneInfo("Europe/Paris"))
    french = f"{start.hour} h {start.minute:02d}" if start.minute else f"{start.hour} h"
    assert french in visible_text(demo_client.get(event["url"]).get_data(as_text=True))
    hour = start.hour % 12 or 12
    english = (f"{hour}:{start.minute:02d}" if start.minute else f"{hour}") + (" am" if start.hour < 12 else " pm")
    assert english in visible_text(demo_client.get(event["url"] + "?lang=en").get_data(as_text=True))
    demo_client.get("/?lang=fr")


def test_french_content_on_english_pages_is_marked_lang_fr(demo_client):
    scheme = demo_client.get("/api/v1/schemes?per_page=1").get_json()["results"][0]
    event = demo_client.get("/api/v1/events?per_page=1").get_json()["results"][0]
    try:
        html = demo_client.get(scheme["url"] + "?lang=en").get_data(as_text=True)
        assert '<html lang="en"' in html
        assert re.search(r'<h1 lang="fr">\s*' + re.escape(scheme["name"].replace("'", "&#39;")), html)
        html = demo_client.get(event["url"]).get_data(as_text=True)
        assert re.search(r'<h1 lang="fr">', html)
        for url in ("/dispositifs/", "/agenda/", "/recherche?q=eau", "/"):
            html = demo_client.get(url).get_data(as_text=True)
            assert 'class="card__title" lang="fr"' in html or 'class="hit__title" lang="fr"' in html, url
    finally:
        demo_client.get("/?lang=fr")
    # In French nothing needs saying.
    assert 'lang="fr">' not in demo_client.get(scheme["url"]).get_data(as_text=True).split("<body", 1)[1]
