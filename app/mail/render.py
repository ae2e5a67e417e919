"""Mails from the Jinja templates of ``app/mail/templates/mail/``, in the recipient's language.

Each mail ``<name>`` is two templates:

- ``mail/<name>.txt``: the plain text. It extends ``mail/layout.txt`` and fills two
  blocks: ``subject`` (one line; whitespace is collapsed) and ``body``.
- ``mail/<name>.html``: the HTML. It extends ``mail/layout.html`` and fills ``body``;
  the layout puts the subject (from the text template) in its title.

Both receive the mail's context (what ``queue_mail`` was given) plus ``lang``. They are
rendered when the mail is delivered, under ``force_locale(lang)``: ``_()`` speaks the
recipient's language. The HTML template is autoescaped, the text one is not.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from flask import Flask, current_app
from flask_babel import force_locale
from jinja2 import Environment, FileSystemLoader

from app.core.text import clean_line

TEMPLATES = Path(__file__).resolve().parent / "templates"


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str


def environment(app: Flask | None = None) -> Environment:
    """The application's Jinja environment (its gettext, filters, autoescape by extension)
    reading the mail templates only: a page template can never be sent by mistake."""
    app = app or current_app._get_current_object()
    state = app.extensions["mail"]
    if state.templates is None:
        state.templates = app.jinja_env.overlay(loader=FileSystemLoader(TEMPLATES))
    return state.templates


def check_template(name: str) -> None:
    """Raise ``jinja2.TemplateNotFound`` now, in the request, rather than at delivery."""
    env = environment()
    env.get_template(f"mail/{name}.txt")
    env.get_template(f"mail/{name}.html")


def render(name: str, context: dict, lang: str) -> Rendered:
    env = environment()
    values = {**context, "lang": lang}
    with force_locale(lang):
        text_template = env.get_template(f"mail/{name}.txt")
        block = text_template.blocks.get("subject")
        if block is None:
            raise LookupError(f"mail/{name}.txt has no {{% block subject %}}")
        subject = clean_line(" ".join("".join(block(text_template.new_context(values))).split()))
        if not subject:
            raise ValueError(f"mail/{name}.txt gives an empty subject")
        text = text_template.render(values).strip() + "\n"
        html = env.get_template(f"mail/{name}.html").render(values, subject=subject)
    return Rendered(subject=subject, text=text, html=html)
