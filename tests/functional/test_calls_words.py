"""The calls' pages in French and in English, as a reader sees them: the call's own title
and criteria in the page's language (French marked as such when no English was typed),
numbers, dates and colons written the reader's way, « du Département » rather than « de
Département », the decision mail in its reader's language, the deadlines' calendar without
nested guillemets, and the demo's applications with their partners' territories."""

from __future__ import annotations

from html import unescape
from types import SimpleNamespace

import icalendar
import pytest
import sqlalchemy as sa

from app.calls.models import Call
from app.calls.models_applications import Application, ApplicationState
from app.demo.calls import JOINT_TITLE
from app.demo.data import DEMO_PASSWORD
from app.extensions import db
from app.mail.render import render
from tests.conftest import csrf_token, hidden_fields, login
from tests.instruction_factory import make_application, make_call


@pytest.fixture
def joint(app, make_member, make_user, make_actor):
    idf = make_member("IDF")
    m91 = make_member("91", name="Département de l'Essonne", short_name="Essonne")
    m93 = make_member("93", name="Département de la Seine-Saint-Denis", short_name="Seine-Saint-Denis")
    call = make_call(m91, {m91: 1_000_000, m93: 150_000, idf: 2_000_000})
    call.title_en = "Joint call 2027"
    call.criteria[0].label_en = "Relevance"  # the second one has no English
    db.session.commit()
    actor = make_actor("Amis de Dakar")
    dossier = make_application(call, actor, {m91: 300_000, m93: 100_000}, state=ApplicationState.IN_REVIEW)
    users = SimpleNamespace(o91=make_user("officer", member=m91), o93=make_user("officer", member=m93),
                            coordinator=make_user("coordinator", member=idf),
                            applicant=make_user("applicant", actor=actor, language="en"))
    return SimpleNamespace(call=call, dossier=dossier, users=users, m91=m91, m93=m93, idf=idf)


def _page(client, url: str, lang: str) -> str:
    return unescape(client.get(url, query_string={"lang": lang}).get_data(as_text=True))


def _decide(client, joint, member, **data):
    url = f"/candidatures/{joint.dossier.id}/decision/{member.id}"
    values = {"granted": "", "reason": "", "reference": "", "decided_on": "", "convention_on": "",
              "payment_terms": "", "payment_from": "", "payment_until": ""}
    values.update(data)
    return client.post(url, data={**hidden_fields(client, url), **values}, follow_redirects=True)


def _review(client, joint, scores: dict):
    url = f"/candidatures/{joint.dossier.id}/instruction"
    data = {**hidden_fields(client, url), "opinion": "favourable", "comment": ""}
    data.update({f"score_{c.id}": str(v) for c, v in scores.items()})
    assert client.post(f"/candidatures/{joint.dossier.id}/avis", data=data).status_code == 302


def test_english_pages_show_the_calls_english_title_and_criteria(client, switch, joint):
    switch(joint.users.o91)
    for url in (f"/appels/{joint.call.id}/instruction", f"/candidatures/{joint.dossier.id}/instruction",
                f"/candidatures/{joint.dossier.id}/decision/{joint.m91.id}"):
        english, french = _page(client, url, "en"), _page(client, url, "fr")
        assert "Joint call 2027" in english and "Appel conjoint 2027" not in english, url
        assert "Appel conjoint 2027" in french and "Joint call 2027" not in french, url
    edit = f"/appels/{joint.call.id}/modifier"  # the form keeps both titles in their fields
    assert '<span class="h1-sub">Joint call 2027</span>' in _page(client, edit, "en")
    dossier = f"/candidatures/{joint.dossier.id}/instruction"
    assert "Score (0 to 5): Relevance (weight 2)" in _page(client, dossier, "en")
    assert "Note (0 à 5) : Pertinence (poids 2)" in _page(client, dossier, "fr")


def test_a_french_title_standing_in_for_english_says_it_is_french(client, joint):
    call = joint.call
    url = call.path
    english = client.get(url, query_string={"lang": "en"}).get_data(as_text=True)
    assert "<h1>Joint call 2027</h1>" in english
    assert '<div class="prose" lang="fr">' in english  # no English text was typed
    call.title_en = ""
    db.session.commit()
    english = client.get(url, query_string={"lang": "en"}).get_data(as_text=True)
    assert '<h1 lang="fr">Appel conjoint 2027</h1>' in english
    french = client.get(url, query_string={"lang": "fr"}).get_data(as_text=True)
    assert "<h1>Appel conjoint 2027</h1>" in french and 'lang="fr">' not in french.split("<main", 1)[1]


def test_gauges_and_scores_are_written_the_readers_way(client, switch, joint):
    switch(joint.users.o91)
    # 670 € of the Essonne's 10 000 €: 6.7 %.
    assert _decide(client, joint, joint.m91, granted="670", reference="CP 1", decided_on="2026-12-01").status_code == 200
    first, second = joint.call.criteria
    _review(client, joint, {first: 4, second: 2})  # (4 × 2 + 2 × 1) / 3 = 3.33
    listing = f"/appels/{joint.call.id}/instruction"
    french, english = _page(client, listing, "fr"), _page(client, listing, "en")
    assert "6,7\u00a0% attribué" in french and "6.7 %" not in french
    assert "6.7% granted" in english and "6.7 %" not in english
    assert '<td data-label="Note">3,33</td>' in french and '<td data-label="Score">3.33</td>' in english
    assert "Essonne : 670\u00a0€" in french
    assert "Essonne: €670" in english and "Essonne :" not in english
    dossier = f"/candidatures/{joint.dossier.id}/instruction"
    switch(joint.users.o93)  # reads the 91's review
    french, english = _page(client, dossier, "fr"), _page(client, dossier, "en")
    assert "note pondérée : 3,33 / 5" in french and "weighted score: 3.33 / 5" in english
    assert "Pertinence : 4" in french and "Relevance: 4" in english and "Relevance :" not in english


def test_members_names_take_their_article_and_dates_are_in_words(client, switch, joint):
    switch(joint.users.o91)
    dossier = f"/candidatures/{joint.dossier.id}/instruction"
    assert "Décider pour le Département de l'Essonne" in _page(client, dossier, "fr")
    done = unescape(_decide(client, joint, joint.m91, granted="2 500", reference="CP 2026-12",
                           decided_on="2026-12-01").get_data(as_text=True))
    assert "La décision du Département de l'Essonne a été enregistrée" in done
    french, english = _page(client, dossier, "fr"), _page(client, dossier, "en")
    assert "Corriger la décision du Département de l'Essonne" in french and "de Essonne" not in french
    assert "Correct the decision of the Département de l'Essonne" in english
    assert "CP 2026-12, 1er décembre 2026" in french and "CP 2026-12, 1 December 2026" in english
    assert "01/12/2026" not in french + english
    decision = f"/candidatures/{joint.dossier.id}/decision/{joint.m91.id}"
    assert "<h1>Décision du Département de l'Essonne" in _page(client, decision, "fr")
    assert "<h1>Decision of the Département de l'Essonne" in _page(client, decision, "en")
    switch(joint.users.applicant)
    mine = f"/candidatures/{joint.dossier.id}"
    assert "délibération CP 2026-12 du 1er décembre 2026" in _page(client, mine, "fr")
    english = _page(client, mine, "en")
    assert "deliberation CP 2026-12 of 1 December 2026" in english
    assert "Département de l'Essonne</strong>:" in english


def test_the_decision_mail_speaks_its_readers_language(client, switch, joint, make_user, mails):
    french_reader = make_user("applicant", actor=joint.dossier.actor, language="fr")
    switch(joint.users.o91)
    _decide(client, joint, joint.m91, granted="2 500", reference="CP 7", decided_on="2026-12-01")
    by_reader = {m.to: render(m.template, m.context, m.lang) for m in mails}
    english, french = by_reader[joint.users.applicant.email], by_reader[french_reader.email]
    assert english.subject == 'Decision of the Département de l\'Essonne on your project "Puits au Sénégal"'
    assert "grants you €2,500" in english.text and "(call \"Joint call 2027\")" in english.text
    assert "of 1 December 2026" in english.text and "Appel conjoint" not in english.text
    assert french.subject == "Décision du Département de l'Essonne sur votre projet « Puits au Sénégal »"
    assert "Le Département de l'Essonne vous attribue 2\u202f500\u00a0€" in french.text
    assert "(appel « Appel conjoint 2027 »)" in french.text and "du 1er décembre 2026" in french.text


def test_the_deadlines_calendar_names_the_call_once_without_nested_quotes(client, make_member):
    idf = make_member("IDF")
    call = make_call(idf, {idf: 1_000_000}, title="Appel à projets conjoint « Solidarité internationale » 2027")
    call.title_en = "Joint call for projects: International solidarity 2027"
    db.session.commit()

    def summary(lang: str) -> str:
        feed = icalendar.Calendar.from_ical(client.get("/agenda/echeances.ics", query_string={"lang": lang}).data)
        return next(str(e["summary"]) for e in feed.walk("VEVENT") if str(e["uid"]).startswith(f"call-{call.id}-"))

    assert summary("fr") == "Clôture : Appel à projets conjoint « Solidarité internationale » 2027 (Région Île-de-France)"
    assert summary("en") == "Closing: Joint call for projects: International solidarity 2027 (Région Île-de-France)"


# -- the demo ---------------------------------------------------------------------------------


def test_the_demo_call_speaks_english_and_its_search_result_says_when_it_closes(demo_client):
    call = db.session.scalar(sa.select(Call).where(Call.title_fr == JOINT_TITLE))
    assert call.title_en and call.text_en and all(c.label_en for c in call.criteria)
    english = _page(demo_client, call.path, "en")
    assert f"<h1>{call.title_en}</h1>" in english and "Relevance and quality of the local partnership" in english
    assert "Dakar, Hanoi, São Paulo" in english and "Le réseau Île-de-France International lance" not in english
    found = unescape(demo_client.get("/recherche?q=Solidarit%C3%A9+internationale&type=call&lang=en").get_data(as_text=True))
    hit = found.split(f'href="{call.path}"', 1)[1].split("</li>", 1)[0]
    subtitle = hit.split('class="hit__subtitle">', 1)[1].split("</p>", 1)[0]
    assert "closes on" in subtitle and " at " in subtitle and "(Paris time)" in subtitle, subtitle
    assert "/20" not in subtitle
    french = unescape(demo_client.get("/recherche?q=Solidarit%C3%A9+internationale&type=call&lang=fr").get_data(as_text=True))
    assert "(heure de Paris)" in french.split(f'href="{call.path}"', 1)[1].split("</li>", 1)[0]


def test_every_demo_application_has_the_partner_territory_its_title_names(demo_client):
    call = db.session.scalar(sa.select(Call).where(Call.title_fr == JOINT_TITLE))
    applications = db.session.scalars(sa.select(Application).where(Application.call_id == call.id)).all()
    assert applications and all(a.partner_territory is not None for a in applications)
    by_title = {a.project_title: a.partner_territory.code for a in applications}
    assert by_title["Une bibliothèque numérique à Hanoï"] == "VN-hanoi"
    assert by_title["Échanges de jeunes avec São Paulo"] == "BR-sao-paulo"
    assert login(demo_client, "coordination@example.org", DEMO_PASSWORD).status_code == 302
    page = demo_client.get(f"/appels/{call.id}/instruction").get_data(as_text=True)
    countries = page.split('id="f-pays"', 1)[1].split("</select>", 1)[0]
    assert all(f'<option value="{code}"' in countries for code in ("SN", "VN", "BR", "ML"))
    demo_client.post("/deconnexion", data={"csrf_token": csrf_token(demo_client, "/")})
