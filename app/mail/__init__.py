"""Mail that is never lost: an outbox written in the caller's transaction, delivered
after the request (in the background) and by ``flask mail send``, with retries.

The API for features: :func:`app.mail.outbox.queue_mail`. Templates: ``app.mail.render``.
This package imports the core only (its page reaches the coordinator check through the
core's permission registry, see ``permissions``).
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import Flask, current_app, g, has_request_context
from jinja2 import Environment
from sqlalchemy import event
from sqlalchemy.orm import Session

from app.mail.outbox import QUEUED
from app.mail.worker import Courier

_listening = False


@dataclass
class MailState:
    courier: Courier
    templates: Environment | None = None  # built on first use (app.mail.render)


def init_app(app: Flask) -> None:
    from app.core.web import register_permissions
    from app.mail import permissions
    from app.mail.backends import sender
    from app.mail.cli import mail_cli
    from app.mail.views import bp

    sender(app.config)  # a bad MAIL_DEFAULT_SENDER stops the start, rather than fail every mail
    app.extensions["mail"] = MailState(courier=Courier(app))
    app.register_blueprint(bp)
    app.cli.add_command(mail_cli)
    register_permissions(app, permissions)
    app.teardown_request(_deliver_after_request)
    _listen()


def courier(app: Flask | None = None) -> Courier:
    return (app or current_app).extensions["mail"].courier


def _listen() -> None:
    """Remember, per request, that a committed transaction queued mail (once per process)."""
    global _listening
    if _listening:
        return
    from app.extensions import db

    @event.listens_for(db.session, "after_commit")
    def _committed(session: Session) -> None:
        if session.info.pop(QUEUED, False) and has_request_context():
            g.mail_queued = True

    @event.listens_for(db.session, "after_rollback")
    def _forget(session: Session) -> None:
        session.info.pop(QUEUED, None)

    _listening = True


def _deliver_after_request(_error: BaseException | None) -> None:
    if g.pop("mail_queued", False) and current_app.config["MAIL_DELIVER_AFTER_REQUEST"]:
        courier().wake()
