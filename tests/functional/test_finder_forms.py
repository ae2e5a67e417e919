"""Issue 10, forms people can write in: an association adds a partner country without
losing the others, and edits its description as text, not as raw HTML."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from app.extensions import db


class _FormReader(HTMLParser):
    """What a browser would send for the page's form (inputs, ticked boxes, text areas,
    selected options), before the person changes anything."""

    def __init__(self, action_path: str):
        super().__init__()
        self.action_path = action_path
        self.inside = False
        self.fields: list[tuple[str, str]] = []
        self._textarea: str | None = None
        self._text: list[str] = []
        self._select: str | None = None
        self._option: tuple[str, bool] | None = None
        self._option_text: list[str] = []
        self._first_option: dict[str, str] = {}
        self._chosen: set[str] = set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and a.get("method") == "post" and a.get("action") == self.action_path:
            self.inside = True
        if not self.inside:
            return
        if tag == "input" and a.get("name"):
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self.fields.append((a["name"], a.get("value", "on")))
            elif kind not in ("submit", "button"):
                self.fields.append((a["name"], a.get("value", "")))
        elif tag == "textarea":
            self._textarea, self._text = a["name"], []
        elif tag == "select":
            self._select = a["name"]
        elif tag == "option" and self._select:
            value = a.get("value")
            self._first_option.setdefault(self._select, value or "")
            if "selected" in a:
                self.fields.append((self._select, value or ""))
                self._chosen.add(self._select)

    def handle_data(self, data):
        if self._textarea is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "form" and self.inside:
            self.inside = False
        elif tag == "textarea" and self._textarea is not None:
            self.fields.append((self._textarea, "".join(self._text).replace("\r\n", "\n").removeprefix("\n")))
            self._textarea = None
        elif tag == "select" and self._select:
            if self._select not in self._chosen:
                self.fields.append((self._select, self._first_option.get(self._select, "")))
            self._select = None

    def textarea(self, name: str) -> str:
        return next(value for key, value in self.fields if key == name)


def read_form(client, url: str) -> _FormReader:
    response = client.get(url)
    assert response.status_code == 200
    reader = _FormReader(url)
    reader.feed(response.get_data(as_text=True))
    assert reader.fields, f"no form posting to {url}"
    return reader


def as_multidict(fields: list[tuple[str, str]]):
    from werkzeug.datastructures import MultiDict

    return MultiDict(fields)


@pytest.fixture
def association(make_actor, make_user, login_as):
    actor = make_actor("Eau pour Thiès", departement="91", territories=["ML", "HT"],
                       description="Nous creusons des puits & formons des comités.\n\nDepuis 2009.")
    login_as(make_user("applicant", actor=actor))
    return actor


def test_ticking_senegal_keeps_the_two_partner_countries_already_chosen(client, association):
    url = f"/acteurs/{association.id}/modifier"
    form = read_form(client, url)
    # The two countries already chosen are ticked boxes, not options of a 280-item select.
    assert ("partners", "ML") in form.fields and ("partners", "HT") in form.fields
    html = client.get(url).get_data(as_text=True)
    assert "<select" not in html.split('name="partners"')[0][-300:]
    assert "Ctrl" not in html

    # The person ticks Sénégal: the browser sends the boxes that are ticked.
    response = client.post(url, data=as_multidict([*form.fields, ("partners", "SN")]))
    assert response.status_code == 302
    db.session.refresh(association)
    assert sorted(t.code for t in association.territories) == ["HT", "ML", "SN"]


def test_the_description_box_shows_the_text_not_raw_html(client, association):
    url = f"/acteurs/{association.id}/modifier"
    assert association.description.startswith("<p>")  # stored as sanitised HTML
    form = read_form(client, url)
    shown = form.textarea("description")
    assert "<p>" not in shown
    assert shown == "Nous creusons des puits & formons des comités.\n\nDepuis 2009."

    # Saving the form untouched keeps the same paragraphs.
    before = association.description
    assert client.post(url, data=as_multidict(form.fields)).status_code == 302
    db.session.refresh(association)
    assert association.description == before


def test_a_scheme_form_keeps_its_partner_countries_when_one_is_added(client, make_user, make_scheme, login_as):
    scheme = make_scheme("Coopération Mali", territories=["91", "ML"], description="<p>Un</p><p>Deux</p>")
    login_as(make_user("officer", member="91"))
    url = f"/dispositifs/{scheme.id}/modifier"
    form = read_form(client, url)
    assert form.textarea("description") == "Un\n\nDeux"
    response = client.post(url, data=as_multidict([*form.fields, ("partners", "SN")]))
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    db.session.refresh(scheme)
    assert sorted(t.code for t in scheme.territories) == ["91", "ML", "SN"]
